import { oauthTokenStore, type Credentials, type CredentialStore } from '../credentials';
import type { PortierDb } from '../db';
import type { Localized } from '../i18n';
import type { Account } from '../model';
import type { Revocation, VendorEntry } from '../vendors';
import { memoryTokenStore } from '../vendors/oauth';
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
  /** For `failed` and `kept_at_vendor`: what is still alive at the vendor, and what to do about it (English). */
  message?: string;
  /** The same in every language the options page speaks. */
  localized?: Localized;
}

/** Where an agent or admin removes Portier's access by hand, in each vendor's own words. */
const BY_HAND: Record<'zendesk' | 'zoho', Localized> = {
  zendesk: {
    en: 'in Zendesk Admin Center, Apps and integrations › APIs › OAuth clients (Portier), or ask an admin',
    fr: "dans le Centre d'administration de Zendesk, Applications et intégrations › API › Clients OAuth (Portier), ou demandez-le à un administrateur",
  },
  zoho: { en: 'in Zoho Accounts, under Connected Apps (Portier)', fr: 'dans Zoho Accounts, sous Connected Apps (Portier)' },
};

function report(revocation: RevocationReport['revocation'], text: Localized): RevocationReport {
  return { revocation, message: text.en, localized: text };
}

export async function revokeAtVendor(deps: RevokeDeps, accountId: string): Promise<RevocationReport> {
  const credentials = await deps.credentials.get(accountId);
  if (!credentials || credentials.kind === 'session') return { revocation: 'nothing_stored' };
  const account = await deps.db.accounts.get(accountId);
  if (!account) {
    return report('failed', {
      en: `Portier had credentials for "${accountId}" but no account to revoke them with; it deleted them from this computer.`,
      fr: `Portier avait des identifiants pour « ${accountId} » mais aucun compte avec lequel les révoquer ; il les a effacés de cet ordinateur.`,
    });
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
      return report(revocation, {
        en: `Portier deleted the API token of ${account.label} from this computer. The token itself still works at Zendesk: if nothing else uses it, delete it in Admin Center, Apps and integrations › APIs › Zendesk API.`,
        fr: `Portier a effacé le jeton d'API de ${account.label} de cet ordinateur. Le jeton lui-même fonctionne encore chez Zendesk : si rien d'autre ne l'utilise, supprimez-le dans le Centre d'administration, Applications et intégrations › API › API Zendesk.`,
      });
    }
    return { revocation };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const byHand = BY_HAND[entry.family];
    return report('failed', {
      en: `${account.label} could not revoke Portier's access (${why}). Portier deleted the credentials from this computer anyway; to end the access at once, remove it ${byHand.en}.`,
      fr: `${account.label} n'a pas pu révoquer l'accès de Portier (${why}). Portier a tout de même effacé les identifiants de cet ordinateur ; pour mettre fin à l'accès tout de suite, retirez-le ${byHand.fr}.`,
    });
  }
}

/**
 * Grants Portier obtained but does not keep: the new one of a connection whose check failed, a Zoho
 * sign-in the agent never finished (expired, or replaced by a new one), the old one a reconnect
 * replaced. Each is ended at the vendor rather than just forgotten. Zoho keeps at most 20 refresh
 * tokens per user and client, never expires them, and deletes the oldest when a 21st is made: a few
 * forgotten grants would silently kill the live token of another connected account (Desk, CRM and
 * Connect share Portier's client), which then asks for a reconnect with no cause the agent can see,
 * and every forgotten grant stays listed under the user's Connected Apps.
 */
export interface DropDeps {
  registry: Record<Account['vendor'], VendorEntry>;
  oauth?: OAuthConfig | undefined;
  fetch?: typeof fetch | undefined;
  /** Told of a revocation that failed: it is best effort, and never fails what the agent asked for. */
  onError?: ((error: unknown) => void) | undefined;
}

/** The token that identifies a grant: its refresh token, else its access token (none for a session or an API token). */
export function grantOf(credentials: Credentials | undefined): string | undefined {
  return credentials?.kind === 'oauth' ? (credentials.tokens.refreshToken ?? credentials.tokens.accessToken) : undefined;
}

/**
 * Revokes OAuth credentials that are not (or no longer) stored, best effort: it never throws, a
 * failure goes to `onError`. Their tokens are read from memory, never from the account's stored
 * credentials, which may hold the grant now in use. A session has nothing to end, and an API token
 * is an admin's, not Portier's: both are left alone.
 */
export async function revokeDropped(deps: DropDeps, account: Account, credentials: Credentials): Promise<void> {
  if (credentials.kind !== 'oauth') return;
  try {
    await deps.registry[account.vendor].revoke({
      account,
      credentials,
      tokens: memoryTokenStore(credentials.tokens),
      clients: deps.oauth?.clients ?? {},
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  } catch (error) {
    try {
      deps.onError?.(error);
    } catch {
      // A report that fails is dropped: the revocation never fails what the agent asked for.
    }
  }
}
