import type { PortierDb } from '../db';
import type { ConnectorHooks, RateLimits } from '../jobs';
import type { Account } from '../model';
import type { VendorEntry } from '../vendors';
import type { AuthSession, Connector, ConnectorOptions } from '../vendors/types';
import type { OAuthConfig } from './connect';
import { oauthTokenStore, type CredentialStore } from '../credentials';
import { notConnected, RateLimitSpentError, ServiceError } from './errors';
import { learnFromVendor, withLessons, type Lesson } from './lessons';

export interface ConnectorsOptions {
  db: PortierDb;
  credentials: CredentialStore;
  registry: Record<Account['vendor'], VendorEntry>;
  /** The accounts' rate-limit buckets, shared with the job engine: one owner per account. */
  limits: RateLimits;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  oauth?: OAuthConfig | undefined;
  fetch?: typeof fetch | undefined;
  /** The vendor taught something new about the account (lessons.ts): whatever was read before is stale. */
  onLearned?: (accountId: string) => void;
}

/**
 * The longest a panel request waits in place for the account's rate limit before it answers
 * "rate limited, try again in N s": an agent watching a spinner should hear why within seconds.
 */
export const PANEL_MAX_WAIT_MS = 10_000;

interface Built {
  account: Account;
  entry: VendorEntry;
  endpoint: ConnectorOptions['endpoint'];
  /** One per account: one OAuth refresh at a time, whoever asks. */
  auth: AuthSession;
}

/**
 * The connectors of each account: one for the panel's requests and one for the job engine, both
 * built on the account's one auth session and metering every request against the account's one
 * rate-limit bucket (the vendor counts them all). The engine's requests are paced and follow the
 * worker at hand (its lease, its waits); the panel's go first, and wait at most PANEL_MAX_WAIT_MS.
 */
export class Connectors {
  private readonly sessions = new Map<string, Promise<Built | undefined>>();
  private readonly panel = new Map<string, Promise<Connector | undefined>>();
  private readonly engine = new Map<string, Promise<Connector | undefined>>();
  private readonly rateHooks = new Map<string, ConnectorHooks>();

  constructor(private readonly options: ConnectorsOptions) {}

  /** Credentials changed or went away: the next call builds again from the store. */
  forget(accountId: string): void {
    this.sessions.delete(accountId);
    this.panel.delete(accountId);
    this.engine.delete(accountId);
  }

  /** The panel's connector of the account (undefined: not connected). */
  of(accountId: string): Promise<Connector | undefined> {
    return this.cached(this.panel, accountId, (built) => this.connector(built, this.panelThrottle(built.account)));
  }

  /**
   * The engine's connector of the account. The engine works one job at a time, so its throttle
   * follows the hooks of the worker at hand (the latest given).
   */
  forEngine(accountId: string, hooks: ConnectorHooks): Promise<Connector | undefined> {
    this.rateHooks.set(accountId, hooks);
    return this.cached(this.engine, accountId, (built) =>
      this.connector(built, async (endpoint, repeat) => this.rateHooks.get(accountId)?.throttle(endpoint, repeat)),
    );
  }

  /** The account row and its connector, or a refusal that says what to do. */
  async connected(accountId: string): Promise<{ account: Account; connector: Connector }> {
    const account = await this.options.db.accounts.get(accountId);
    if (!account) throw notConnected(accountId);
    const connector = await this.of(accountId);
    if (!connector) {
      throw new ServiceError('NEEDS_RECONNECT', {
        en: `${account.label} has no credentials any more: reconnect it in Portier's options.`,
        fr: `${account.label} n'a plus d'identifiants : reconnectez-le dans les options de Portier.`,
      });
    }
    return { account, connector };
  }

  private cached(
    map: Map<string, Promise<Connector | undefined>>,
    accountId: string,
    make: (built: Built) => Connector,
  ): Promise<Connector | undefined> {
    let found = map.get(accountId);
    if (!found) {
      found = this.session(accountId).then((built) => (built ? make(built) : undefined));
      map.set(accountId, found);
      found.then((c) => c ?? map.delete(accountId), () => map.delete(accountId));
    }
    return found;
  }

  private session(accountId: string): Promise<Built | undefined> {
    let found = this.sessions.get(accountId);
    if (!found) {
      found = this.build(accountId);
      this.sessions.set(accountId, found);
      found.then((b) => b ?? this.sessions.delete(accountId), () => this.sessions.delete(accountId));
    }
    return found;
  }

  private async build(accountId: string): Promise<Built | undefined> {
    const { db, credentials: store, registry, oauth } = this.options;
    const account = await db.accounts.get(accountId);
    const credentials = await store.get(accountId);
    if (!account || !credentials) return undefined;
    const entry = registry[account.vendor];
    const fetchOpt = this.options.fetch ? { fetch: this.options.fetch } : {};
    const auth = entry.auth({ account, credentials, tokens: oauthTokenStore(store, accountId), clients: oauth?.clients ?? {}, ...fetchOpt });
    return { account, entry, endpoint: entry.endpoint(account, credentials), auth };
  }

  private connector(built: Built, throttle: (endpoint: string, repeat?: boolean) => Promise<void>): Connector {
    const { now } = this.options;
    const bucket = this.options.limits.for(built.account.id);
    const learn = (lesson: Lesson) => void this.learn(built.account.id, lesson);
    const inner = built.entry.connector(
      {
        endpoint: built.endpoint,
        auth: built.auth,
        onRateLimit: (info) => bucket.observe(info, now()),
        onThrottled: (announcedMs) => bucket.throttled(announcedMs, now()),
        onLearned: learn,
        throttle,
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      },
      built.account,
    );
    // What the account has learned shapes its destinations; what its answers teach is kept (lessons.ts).
    return withLessons(inner, built.account, now, learn);
  }

  /** Keeps a lesson; when it is news, the account's connectors are built again with it and the caches dropped. */
  private async learn(accountId: string, lesson: Lesson): Promise<void> {
    try {
      if (!(await learnFromVendor(this.options.db, accountId, lesson, new Date(this.options.now())))) return;
      this.forget(accountId);
      this.options.onLearned?.(accountId);
    } catch {
      // A lesson not kept is learned again at the next refusal; the job goes on meanwhile.
    }
  }

  /** The panel's requests: unpaced, waiting in place for a short while, else "rate limited". */
  private panelThrottle(account: Account): (endpoint: string) => Promise<void> {
    const { now, limits } = this.options;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    return async (endpoint) => {
      const bucket = limits.for(account.id);
      for (let waited = 0; ; ) {
        const wait = bucket.take(now());
        if (wait <= 0) return;
        if (waited + wait > PANEL_MAX_WAIT_MS) {
          throw new RateLimitSpentError(account.vendor, endpoint, wait);
        }
        await sleep(wait);
        waited += wait;
      }
    };
  }
}
