import { oauthTokenStore, type CredentialStore } from '../credentials';
import type { PortierDb } from '../db';
import type { Account } from '../model';
import type { Revocation, VendorEntry } from '../vendors';
import type { OAuthConfig } from './connect';

/**
 * Disconnecting ends Portier's access at the vendor where the vendor has an API for it (Zendesk
 * RevokeOAuthToken, Zoho `/oauth/v2/token/revoke`), before the credentials are deleted here. A
 * vendor that does not answer never keeps them here: the disconnect goes on, and the answer says
 * the token may still work and where to remove Portier's access by hand.
 */

export interface RevokeDeps {
  db: PortierDb;
  credentials: CredentialStore;
  registry: Record<Account['vendor'], VendorEntry>;
  oauth?: OAuthConfig | undefined;
  fetch?: typeof fetch | undefined;
}

export interface RevocationReport {
  revocation: Revocation | 'failed';
  /** For `failed` and `kept_at_vendor`: what is still alive at the vendor, and what to do about it. */
  message?: string;
}

/** Where an agent or admin removes Portier's access by hand, in each vendor's own words. */
const BY_HAND: Record<'zendesk' | 'zoho', string> = {
  zendesk: 'in Zendesk Admin Center, Apps and integrations › APIs › OAuth clients (Portier), or ask an admin',
  zoho: 'in Zoho Accounts, under Connected Apps (Portier)',
};

export async function revokeAtVendor(deps: RevokeDeps, accountId: string): Promise<RevocationReport> {
  const credentials = await deps.credentials.get(accountId);
  if (!credentials || credentials.kind === 'session') return { revocation: 'nothing_stored' };
  const account = await deps.db.accounts.get(accountId);
  if (!account) {
    return { revocation: 'failed', message: `Portier had credentials for "${accountId}" but no account to revoke them with; it deleted them from this computer.` };
  }
  const entry = deps.registry[account.vendor];
  try {
    const revocation = await entry.revoke({
      account,
      credentials,
      tokens: oauthTokenStore(deps.credentials, accountId),
      clients: deps.oauth?.clients ?? {},
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    if (revocation === 'kept_at_vendor') {
      return {
        revocation,
        message: `Portier deleted the API token of ${account.label} from this computer. The token itself still works at Zendesk: if nothing else uses it, delete it in Admin Center, Apps and integrations › APIs › Zendesk API.`,
      };
    }
    return { revocation };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      revocation: 'failed',
      message: `${account.label} could not revoke Portier's access (${why}). Portier deleted the credentials from this computer anyway; to end the access at once, remove it ${BY_HAND[entry.family]}.`,
    };
  }
}
