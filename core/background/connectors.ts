import type { PortierDb } from '../db';
import type { ConnectorHooks } from '../jobs';
import type { Account } from '../model';
import type { VendorEntry } from '../vendors';
import type { Connector, RateLimitInfo } from '../vendors/types';
import type { OAuthConfig } from './connect';
import { oauthTokenStore, type CredentialStore } from './credentials';
import { ServiceError } from './errors';

export interface ConnectorsOptions {
  db: PortierDb;
  credentials: CredentialStore;
  registry: Record<Account['vendor'], VendorEntry>;
  oauth?: OAuthConfig | undefined;
  fetch?: typeof fetch | undefined;
}

/**
 * One connector per account, shared by the panel's requests and the engine: one OAuth refresh at
 * a time, and one rate-limit bucket that counts every request the vendor counts.
 */
export class Connectors {
  private readonly built = new Map<string, Promise<Connector | undefined>>();
  private readonly rateHooks = new Map<string, ConnectorHooks>();

  constructor(private readonly options: ConnectorsOptions) {}

  /** The engine's hooks for the account (the latest worker's: the engine works one job at a time). */
  useHooks(accountId: string, hooks: ConnectorHooks): void {
    this.rateHooks.set(accountId, hooks);
  }

  /** Credentials changed or went away: the next call builds again from the store. */
  forget(accountId: string): void {
    this.built.delete(accountId);
  }

  of(accountId: string): Promise<Connector | undefined> {
    let found = this.built.get(accountId);
    if (!found) {
      found = this.build(accountId);
      this.built.set(accountId, found);
      found.then((c) => c ?? this.built.delete(accountId), () => this.built.delete(accountId));
    }
    return found;
  }

  /** The account row and its connector, or a refusal that says what to do. */
  async connected(accountId: string): Promise<{ account: Account; connector: Connector }> {
    const account = await this.options.db.accounts.get(accountId);
    if (!account) throw new ServiceError('NOT_CONNECTED', `No account "${accountId}" is connected: connect it in Portier's options first.`);
    const connector = await this.of(accountId);
    if (!connector) throw new ServiceError('NEEDS_RECONNECT', `${account.label} has no credentials any more: reconnect it in Portier's options.`);
    return { account, connector };
  }

  private async build(accountId: string): Promise<Connector | undefined> {
    const { db, credentials: store, registry, oauth } = this.options;
    const account = await db.accounts.get(accountId);
    const credentials = await store.get(accountId);
    if (!account || !credentials) return undefined;
    const entry = registry[account.vendor];
    const fetchOpt = this.options.fetch ? { fetch: this.options.fetch } : {};
    const auth = entry.auth({ account, credentials, tokens: oauthTokenStore(store, accountId), clients: oauth?.clients ?? {}, ...fetchOpt });
    return entry.connector(
      {
        endpoint: entry.endpoint(account, credentials),
        auth,
        onRateLimit: (info: RateLimitInfo) => this.rateHooks.get(accountId)?.onRateLimit(info),
        // Every request of the account's one connector counts against the engine's bucket, the
        // panel's look-ups included (the vendor counts them too).
        throttle: async (endpoint: string) => this.rateHooks.get(accountId)?.throttle(endpoint),
        ...fetchOpt,
      },
      account,
    );
  }
}
