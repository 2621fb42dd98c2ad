import type { PortierDb } from '../db';
import type { JobEngine } from '../jobs';
import type { ConnectAccount } from '../messages';
import type { Account } from '../model';
import type { VendorEntry } from '../vendors';
import { AuthRequiredError } from '../vendors/http';
import { accountIdOf, accountLabel, accountRow, type OAuthConfig } from './connect';
import { aboutAccount, credentialsFor, discover } from './connect-zoho';
import type { Connectors } from './connectors';
import type { Credentials, CredentialStore } from '../credentials';
import { CONNECT_STEP_MS, withinStep } from './deadline';
import { ServiceError } from './errors';
import { grantOf, revokeDropped } from './revoke';
import type { PendingSignIns } from './sign-ins';

export interface ConnectDeps {
  db: PortierDb;
  credentials: CredentialStore;
  registry: Record<Account['vendor'], VendorEntry>;
  oauth?: OAuthConfig | undefined;
  fetch?: typeof fetch | undefined;
  connectors: Connectors;
  engine: JobEngine;
  newId: () => string;
  now: () => Date;
  /** Zoho sign-ins waiting for the agent's pick (connect-zoho.ts). */
  signIns: PendingSignIns;
  /** Bound of each vendor step; CONNECT_STEP_MS by default (tests shorten it). */
  stepMs?: number | undefined;
  /** Told of a grant Portier dropped but could not revoke at the vendor (best effort: the connection goes on). */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Connects (or reconnects) an account: credentials obtained, proven by one read, then kept; a
 * failed attempt leaves the account as it was, working or not. Jobs paused for it resume. Every
 * vendor step is bounded (deadline.ts): the agent hears within seconds that it works, or why not.
 * A Zoho account is named after what the vendor calls it, and keeps the page names its URLs use.
 *
 * The grant not kept is revoked at the vendor, never just forgotten: the new one when the check
 * fails, the old one once a reconnect's new one is proven. Zoho keeps at most 20 refresh tokens
 * per user and client, never expires them, and deletes the oldest when a 21st is made: grants left
 * behind would end the live token of another connected account (revoke.ts, revokeDropped).
 */
export async function connectAccount(deps: ConnectDeps, req: ConnectAccount): Promise<Account> {
  const { db, credentials, connectors } = deps;
  const id = accountIdOf(req);
  const previous = await db.accounts.get(id);
  const connectDeps = {
    registry: deps.registry,
    oauth: deps.oauth,
    newId: deps.newId,
    now: deps.now,
    stepMs: deps.stepMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.onError ? { onError: deps.onError } : {}),
  };
  const { credentials: secrets, choices: picked } = await credentialsFor(req, connectDeps, deps.signIns);
  // Kept, not rebuilt: settings the agent made on the options page survive a reconnect.
  const row = accountRow(req, previous, deps.now());
  const account: Account = {
    ...row,
    ...(previous?.defaultTargetKey ? { defaultTargetKey: previous.defaultTargetKey } : {}),
    ...(previous?.pageNames ? { pageNames: previous.pageNames } : {}),
    ...(previous?.portalSeatLimit !== undefined ? { portalSeatLimit: previous.portalSeatLimit } : {}),
    // What the vendor taught of the org's settings (lessons.ts) outlives a new sign-in.
    ...(previous?.learned ? { learned: previous.learned } : {}),
  };
  const previousSecrets = await credentials.get(id);
  await credentials.set(id, secrets);
  await db.accounts.put(account);
  connectors.forget(id);
  const stepMs = deps.stepMs ?? CONNECT_STEP_MS;
  try {
    // One read proves the credentials before the agent relies on them, within one step's bound.
    const connector = await connectors.of(id);
    await withinStep<unknown>(connector?.actor() ?? Promise.resolve(), stepMs, () => notAnswering(account, req, stepMs));
  } catch (error) {
    // The grant tried, as the check left it: a refresh during the check may have replaced the tokens (Zendesk rotates them).
    const tried = (await credentials.get(id).catch(() => undefined)) ?? secrets;
    if (previousSecrets) await credentials.set(id, previousSecrets);
    else await credentials.delete(id);
    if (previous) await db.accounts.put(previous);
    else await db.accounts.delete(id);
    connectors.forget(id);
    // Not kept: revoked, not awaited (the agent hears why at once; a revocation that fails is only reported).
    if (grantOf(tried) !== grantOf(previousSecrets)) void revokeDropped(connectDeps, account, tried);
    if (error instanceof AuthRequiredError) {
      if (req.auth.kind === 'session') {
        throw new ServiceError('AUTH_FAILED', {
          en: `You are not signed in to ${hostOf(req)} in this browser (Zendesk answered as an anonymous visitor). Sign in there in a tab of this browser, then connect again.`,
          fr: `Vous n'êtes pas connecté à ${hostOf(req)} dans ce navigateur (Zendesk a répondu comme à un visiteur anonyme). Connectez-vous-y dans un onglet de ce navigateur, puis relancez la connexion.`,
        });
      }
      throw new ServiceError('AUTH_FAILED', {
        en: `${account.label} did not accept these credentials (${error.message}). Check them, or sign in to the vendor in this browser, and connect again.`,
        fr: `${account.label} n'a pas accepté ces identifiants (${error.message}). Vérifiez-les, ou connectez-vous chez l'éditeur dans ce navigateur, puis relancez la connexion.`,
      });
    }
    throw error;
  }
  // The new grant works: the one it replaced is ended (not awaited: the reconnect does not wait on it).
  void revokeReplaced(deps, id, previous ?? account, previousSecrets, secrets).catch(() => undefined);
  const named = req.vendor === 'zendesk' ? account : await withVendorNames(deps, account, req, secrets, picked);
  if (named !== account) await db.accounts.put(named);
  await deps.engine.reconnected(id);
  return named;
}

/**
 * Revokes the grant a reconnect replaced, best effort; never the one now in use, by this account
 * (the same token given again) or by another one (none is expected: a sign-in connects one account).
 */
async function revokeReplaced(deps: ConnectDeps, id: string, row: Account, old: Credentials | undefined, now: Credentials): Promise<void> {
  const grant = grantOf(old);
  if (!old || !grant || grant === grantOf(now)) return;
  try {
    for (const other of await deps.db.accounts.toArray()) {
      if (other.id !== id && grantOf(await deps.credentials.get(other.id)) === grant) return;
    }
  } catch (error) {
    deps.onError?.(error);
    return;
  }
  await revokeDropped(deps, row, old);
}

function hostOf(req: ConnectAccount): string {
  return req.vendor === 'zendesk' ? `${accountIdOf(req)}.zendesk.com` : `${req.vendor.replace('zoho_', '')}.zoho.${req.dataCenter}`;
}

function notAnswering(account: Account, req: ConnectAccount, ms: number): ServiceError {
  const session = req.auth.kind === 'session';
  const seconds = Math.round(ms / 1000);
  return new ServiceError('VENDOR_ERROR', {
    en: `${account.label} did not answer within ${seconds} s when Portier checked who you are there. Check that ${hostOf(req)} opens in this browser${session ? ', and that you are signed in there' : ''}, then connect again.`,
    fr: `${account.label} n'a pas répondu en ${seconds} s pendant que Portier y vérifiait votre identité. Vérifiez que ${hostOf(req)} s'ouvre dans ce navigateur${session ? ' et que vous y êtes connecté' : ''}, puis relancez la connexion.`,
  });
}

/**
 * The vendor's own name for the account and the page names its URLs carry, from the sign-in's list
 * or read now (a reconnect, an id typed): best effort, a connected account is not undone for a name.
 * Page names the agent typed are kept beside those read.
 */
async function withVendorNames(deps: ConnectDeps, account: Account, req: Extract<ConnectAccount, { vendor: 'zoho_desk' | 'zoho_crm' | 'zoho_connect' }>, secrets: Awaited<ReturnType<typeof credentialsFor>>['credentials'], picked: Parameters<typeof aboutAccount>[2] | undefined): Promise<Account> {
  let choices = picked;
  if (!choices) {
    choices = await discover({ registry: deps.registry, oauth: deps.oauth, newId: deps.newId, now: deps.now, stepMs: deps.stepMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) }, req.vendor, req.dataCenter, secrets).catch(() => []);
  }
  const about = aboutAccount(req.vendor, req.orgId, choices);
  const pageNames = [...new Set([...(account.pageNames ?? []), ...about.pageNames])];
  return {
    ...account,
    label: req.label ?? accountLabel(req, about.name),
    ...(pageNames.length > 0 ? { pageNames } : {}),
  };
}
