import type { PortierDb } from '../db';
import { planBulk } from '../eligibility';
import { createJobsByAction, JobEngine, type ConnectorHooks, type EngineOptions, type RunResult } from '../jobs';
import {
  ALLOWED_SENDERS, parseRequest, Sender, type ConnectAccount, type Request, type RequestType, type MessageResponse, type ResultFor,
} from '../messages';
import { Account, type Contact, type Job, type PageContext, type Target } from '../model';
import { CredentialsError, VENDORS, type VendorEntry } from '../vendors';
import { AuthRequiredError } from '../vendors/http';
import type { Connector, RateLimitInfo } from '../vendors/types';
import { accountIdOf, accountRow, obtainCredentials, type OAuthConfig } from './connect';
import { oauthTokenStore, type CredentialStore } from './credentials';
import { ServiceError, toErrorBody } from './errors';

/**
 * The background's work, framework-free: entrypoints/background.ts only feeds it the runtime's
 * messages and wake-ups. It alone holds credentials and builds connectors; the panel gets account
 * rows without secrets, verdicts and job ids. Every message is parsed here, at the receiver.
 */

export interface BackgroundOptions {
  db: PortierDb;
  credentials: CredentialStore;
  /** OAuth clients and launchWebAuthFlow; absent: only session and API-token connections work. */
  oauth?: OAuthConfig;
  /** Replaces registry entries (tests give a fake connector). */
  registry?: Partial<Record<Account['vendor'], VendorEntry>>;
  fetch?: typeof fetch;
  now?: () => number;
  newId?: () => string;
  /** Engine settings (clock, sleep, lease) for tests; db, owner and connectors are the service's. */
  engine?: Partial<Omit<EngineOptions, 'db' | 'connectorFor'>>;
  /** After each engine run: the background arms its alarm at `nextWakeAt` (or clears it). */
  onNextWake?: (nextWakeAt: number | undefined) => void;
  onError?: (error: unknown) => void;
}

type Handlers = { [T in RequestType]: (req: Extract<Request, { type: T }>, sender: Sender) => Promise<ResultFor<T>> };

export class BackgroundService {
  readonly engine: JobEngine;
  private readonly registry: Record<Account['vendor'], VendorEntry>;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly connectors = new Map<string, Promise<Connector | undefined>>();
  private readonly rateHooks = new Map<string, ConnectorHooks>();
  private readonly pages = new Map<number, PageContext>();
  private lastRun: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BackgroundOptions) {
    this.registry = { ...VENDORS, ...options.registry };
    this.now = options.now ?? options.engine?.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.engine = new JobEngine({
      owner: `background-${this.newId()}`,
      now: this.now,
      ...options.engine,
      db: options.db,
      connectorFor: (accountId, hooks) => {
        this.rateHooks.set(accountId, hooks);
        // Credentials this build cannot use are "not connected" for the engine: the job pauses for a reconnect.
        return this.connectorOf(accountId).catch((error: unknown) => {
          if (error instanceof CredentialsError) return undefined;
          throw error;
        });
      },
      onError: (error, jobId) => {
        options.engine?.onError?.(error, jobId);
        options.onError?.(error);
      },
    });
  }

  /** On every wake-up (startup, install, alarm): works what is due and reports when to wake next. */
  start(): Promise<RunResult> {
    const run = this.engine.start().then((result) => {
      this.options.onNextWake?.(result.nextWakeAt);
      return result;
    });
    this.lastRun = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the last engine run started by the service has ended (tests; shutdown). */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.lastRun;
      await seen;
    } while (seen !== this.lastRun);
  }

  /** One message from the runtime. Never throws: a refusal is `{ok: false, error}`. */
  async handle(raw: unknown, rawSender: unknown): Promise<MessageResponse> {
    const sender = Sender.safeParse(rawSender);
    if (!sender.success) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Portier answers only its own panel, options page and content script.' } };
    }
    const parsed = parseRequest(raw);
    if (!parsed.ok) return parsed;
    const request = parsed.request;
    if (!ALLOWED_SENDERS[request.type].includes(sender.data.kind)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: `"${request.type}" may not come from the ${sender.data.kind === 'content' ? 'page' : sender.data.kind}: use the Portier panel.` } };
    }
    // Any message is a wake-up: a job a dead worker left is picked up now, not at the next alarm.
    if (request.type !== 'startJob') this.wake();
    try {
      const handler = this.handlers[request.type] as (req: Request, sender: Sender) => Promise<ResultFor<RequestType>>;
      return { ok: true, result: await handler(request, sender.data) };
    } catch (error) {
      if (error instanceof AuthRequiredError && 'accountId' in request) await this.markNeedsReconnect(request.accountId);
      return { ok: false, error: toErrorBody(error) };
    }
  }

  private wake(): void {
    this.start().catch((error: unknown) => this.options.onError?.(error));
  }

  private readonly handlers: Handlers = {
    listAccounts: async () => ({ accounts: (await this.options.db.accounts.toArray()).map(publicAccount) }),
    connectAccount: async ({ account }) => ({ account: await this.connect(account) }),
    disconnectAccount: async ({ accountId }) => {
      await this.options.credentials.delete(accountId);
      await this.options.db.accounts.delete(accountId);
      this.connectors.delete(accountId);
      return { accountId };
    },
    listTargets: async ({ accountId }) => {
      const { connector } = await this.connected(accountId);
      const targets = await connector.listTargets();
      await this.options.db.targets.bulkPut(targets);
      return { targets };
    },
    evaluate: async (req) => {
      const { target, contacts, plan, missing } = await this.plan(req);
      const byId = new Map(contacts.map((c) => [c.id, c]));
      return {
        target,
        items: plan.items.map(({ contactId, verdict }) => {
          const c = byId.get(contactId);
          return { contactId, verdict, ...(c?.name ? { name: c.name } : {}), ...(c?.email ? { email: c.email } : {}) };
        }),
        missing,
      };
    },
    startJob: async (req) => {
      // Verdicts are made again here from the vendor's records: the panel's are never trusted.
      const { target, contacts, plan } = await this.plan(req);
      if (contacts.length === 0) throw new ServiceError('NOT_FOUND', 'None of these contacts exist at the vendor any more: refresh the page.');
      const jobs = await createJobsByAction(this.options.db, { target, contacts, plan, now: new Date(this.now()) }, this.newId);
      this.wake(); // the answer does not wait for any sending
      return { jobs };
    },
    pauseJob: async ({ jobId }) => jobState(jobId, await this.engine.pause(jobId)),
    resumeJob: async ({ jobId }) => {
      const state = jobState(jobId, await this.engine.resume(jobId));
      this.wake();
      return state;
    },
    cancelJob: async ({ jobId }) => {
      const state = jobState(jobId, await this.engine.cancel(jobId));
      this.wake();
      return state;
    },
    pageContext: async ({ context }, sender) => {
      if (sender.kind === 'content') this.pages.set(sender.tabId, context);
      const accounts = await this.options.db.accounts.where('vendor').equals(context.vendor).toArray();
      const match = accounts.find((a) => [a.id, a.orgId, a.subdomain].includes(context.account));
      return { vendor: context.vendor, accountId: match?.id ?? context.account, connected: match?.status === 'connected' };
    },
    getPageContext: async ({ tabId }) => ({ context: this.pages.get(tabId) ?? null }),
  };

  private async connect(req: ConnectAccount): Promise<Account> {
    const { db, credentials } = this.options;
    const id = accountIdOf(req);
    const previous = await db.accounts.get(id);
    const secrets = await obtainCredentials(req, {
      registry: this.registry,
      oauth: this.options.oauth,
      newId: this.newId,
      now: () => new Date(this.now()),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    const account = accountRow(req, previous, new Date(this.now()));
    const previousSecrets = await credentials.get(id);
    await credentials.set(id, secrets);
    await db.accounts.put(account);
    this.connectors.delete(id);
    try {
      // One read proves the credentials before the agent relies on them.
      const connector = await this.connectorOf(id);
      await connector?.actor();
    } catch (error) {
      // A failed reconnect leaves the account as it was, working or not.
      if (previousSecrets) await credentials.set(id, previousSecrets);
      else await credentials.delete(id);
      if (previous) await db.accounts.put(previous);
      else await db.accounts.delete(id);
      this.connectors.delete(id);
      if (error instanceof AuthRequiredError) {
        throw new ServiceError('AUTH_FAILED', `${account.label} did not accept these credentials (${error.message}). Check them, or sign in to the vendor in this browser, and connect again.`);
      }
      throw error;
    }
    await this.engine.reconnected(id);
    return publicAccount(account);
  }

  /** Best effort: the answer to the panel says "reconnect" whether or not the row could be written. */
  private async markNeedsReconnect(accountId: string): Promise<void> {
    await this.options.db.accounts.update(accountId, { status: 'needs_reconnect' }).catch(() => 0);
  }

  private async connected(accountId: string): Promise<{ account: Account; connector: Connector }> {
    const account = await this.options.db.accounts.get(accountId);
    if (!account) throw new ServiceError('NOT_CONNECTED', `No account "${accountId}" is connected: connect it in Portier's options first.`);
    const connector = await this.connectorOf(accountId);
    if (!connector) throw new ServiceError('NEEDS_RECONNECT', `${account.label} has no credentials any more: reconnect it in Portier's options.`);
    return { account, connector };
  }

  /** One connector per account, shared by the panel's requests and the engine (one OAuth refresh at a time). */
  private connectorOf(accountId: string): Promise<Connector | undefined> {
    let found = this.connectors.get(accountId);
    if (!found) {
      found = this.buildConnector(accountId);
      this.connectors.set(accountId, found);
      found.then((c) => c ?? this.connectors.delete(accountId), () => this.connectors.delete(accountId));
    }
    return found;
  }

  private async buildConnector(accountId: string): Promise<Connector | undefined> {
    const account = await this.options.db.accounts.get(accountId);
    const credentials = await this.options.credentials.get(accountId);
    if (!account || !credentials) return undefined;
    const entry = this.registry[account.vendor];
    const fetchOpt = this.options.fetch ? { fetch: this.options.fetch } : {};
    const auth = entry.auth({ account, credentials, tokens: oauthTokenStore(this.options.credentials, accountId), clients: this.options.oauth?.clients ?? {}, ...fetchOpt });
    return entry.connector(
      {
        endpoint: entry.endpoint(account, credentials),
        auth,
        onRateLimit: (info: RateLimitInfo) => this.rateHooks.get(accountId)?.onRateLimit(info),
        // Every request of the account's one connector counts against the engine's bucket, the
        // panel's look-ups included (the vendor counts them too). The latest worker's hooks: the
        // engine works one job at a time.
        throttle: async (endpoint: string) => this.rateHooks.get(accountId)?.throttle(endpoint),
        ...fetchOpt,
      },
      account,
    );
  }

  /** The contacts as the vendor has them, their memberships, and the eligibility core's plan. */
  private async plan(req: { accountId: string; targetKey: string; contactIds: string[]; module?: string | undefined }) {
    const { account, connector } = await this.connected(req.accountId);
    const found = (await connector.listTargets()).find((t) => t.key === req.targetKey);
    if (!found) throw new ServiceError('NOT_FOUND', `The destination "${req.targetKey}" is not in ${account.label} any more: reopen the panel to refresh the list.`);
    const target: Target = found.companyDomains || account.companyDomains.length === 0 ? found : { ...found, companyDomains: account.companyDomains };
    const ids = [...new Set(req.contactIds)];
    const contacts: Contact[] = await connector.getContacts(ids, req.module);
    const memberships = await connector.memberships(target, contacts);
    const actor = await connector.actor(target);
    const eligibility = contacts.map((c) => {
      const membership = memberships.get(c.id);
      return membership ? { ...c, membership } : c;
    });
    const plan = planBulk(eligibility, target, actor, new Date(this.now()));
    await this.options.db.targets.put(target);
    await this.options.db.contacts.bulkPut(contacts);
    const known = new Set(contacts.map((c) => c.id));
    return { target, contacts, plan, missing: ids.filter((id) => !known.has(id)) };
  }
}

/** An account row as the panel may see it: the schema's fields only, whatever else was stored. */
function publicAccount(row: Account): Account {
  return Account.parse(row);
}

function jobState(jobId: string, job: Job | undefined): { jobId: string; status: Job['status'] } {
  if (!job) throw new ServiceError('NOT_FOUND', `There is no job "${jobId}": it may have been cleared. Refresh the panel.`);
  return { jobId, status: job.status };
}
