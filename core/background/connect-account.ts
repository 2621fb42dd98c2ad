import type { PortierDb } from '../db';
import type { JobEngine } from '../jobs';
import type { ConnectAccount } from '../messages';
import type { Account } from '../model';
import type { VendorEntry } from '../vendors';
import { AuthRequiredError } from '../vendors/http';
import { accountIdOf, accountRow, obtainCredentials, type OAuthConfig } from './connect';
import type { Connectors } from './connectors';
import type { CredentialStore } from '../credentials';
import { ServiceError } from './errors';

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
}

/**
 * Connects (or reconnects) an account: credentials obtained, proven by one read, then kept; a
 * failed attempt leaves the account as it was, working or not. Jobs paused for it resume.
 */
export async function connectAccount(deps: ConnectDeps, req: ConnectAccount): Promise<Account> {
  const { db, credentials, connectors } = deps;
  const id = accountIdOf(req);
  const previous = await db.accounts.get(id);
  const secrets = await obtainCredentials(req, {
    registry: deps.registry,
    oauth: deps.oauth,
    newId: deps.newId,
    now: deps.now,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  // Kept, not rebuilt: settings the agent made on the options page survive a reconnect.
  const row = accountRow(req, previous, deps.now());
  const account: Account = {
    ...row,
    ...(previous?.defaultTargetKey ? { defaultTargetKey: previous.defaultTargetKey } : {}),
    ...(previous?.pageNames ? { pageNames: previous.pageNames } : {}),
  };
  const previousSecrets = await credentials.get(id);
  await credentials.set(id, secrets);
  await db.accounts.put(account);
  connectors.forget(id);
  try {
    // One read proves the credentials before the agent relies on them.
    const connector = await connectors.of(id);
    await connector?.actor();
  } catch (error) {
    if (previousSecrets) await credentials.set(id, previousSecrets);
    else await credentials.delete(id);
    if (previous) await db.accounts.put(previous);
    else await db.accounts.delete(id);
    connectors.forget(id);
    if (error instanceof AuthRequiredError) {
      throw new ServiceError('AUTH_FAILED', `${account.label} did not accept these credentials (${error.message}). Check them, or sign in to the vendor in this browser, and connect again.`);
    }
    throw error;
  }
  await deps.engine.reconnected(id);
  return account;
}
