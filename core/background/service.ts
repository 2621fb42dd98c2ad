import type { Localized } from '../i18n';
import type { PortierDb } from '../db';
import { JobEngine, RateLimits, type EngineOptions, type RunResult } from '../jobs';
import { MembershipCache } from '../jobs/memberships';
import { Outages } from '../jobs/outage';
import {
  ALLOWED_SENDERS, parseRequest, Sender, type Request, type RequestType, type MessageResponse, type ResultFor,
} from '../messages';
import { Account, type Job } from '../model';
import { clearAllData, deleteAccountData, saveRetentionDays, type SweepResult } from '../retention';
import { CredentialsError, VENDORS, type VendorEntry } from '../vendors';
import { AuthRequiredError } from '../vendors/http';
import type { Connector } from '../vendors/types';
import type { OAuthConfig } from './connect';
import { connectAccount } from './connect-account';
import { signInToZoho } from './connect-zoho';
import { PendingSignIns } from './sign-ins';
import { Connectors } from './connectors';
import type { CredentialStore } from '../credentials';
import { noSuchJob, ServiceError, toErrorBody } from './errors';
import { forgetPagesBefore, forgetTab, readPage, rememberPage, unreadTicksBefore } from './pages';
import { privacySettings, stopJobs, Sweeper } from './privacy';
import { listPortalUsers, portalUserAction } from './portal-users';
import { ContactCards } from './cards';
import type { PanelHandle } from './panels';
import { accountCacheStore, ReadCache } from './read-cache';
import { revokeAtVendor } from './revoke';
import { markAccountsPausedForAuth } from './reconnect';
import { listRecords, sendVerification, type RecordDeps } from './records';
import { Planner } from './planner';
import { saveAccountSettings } from './settings';
import { inspectTicket, organizationMembers } from './tickets';

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
  /** Bound of each vendor step of a connection (core/background/deadline.ts); tests shorten it. */
  connectStepMs?: number;
}

/** Requests after which the contact card's cached destinations and rights may be wrong. */
const CHANGES_ACCOUNT: ReadonlySet<RequestType> = new Set([
  'startJob', 'retryFailed', 'portalUserAction', 'saveAccountSettings', 'connectAccount', 'disconnectAccount', 'sendVerification', 'clearAllData',
]);

type Handlers = { [T in RequestType]: (req: Extract<Request, { type: T }>, sender: Sender) => Promise<ResultFor<T>> };

export class BackgroundService {
  readonly engine: JobEngine;
  private readonly registry: Record<Account['vendor'], VendorEntry>;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly connectors: Connectors;
  private readonly limits: RateLimits;
  private readonly memberships: MembershipCache;
  private readonly readCache: ReadCache;
  private readonly cards: ContactCards;
  private readonly planner: Planner;
  private readonly sweeper: Sweeper;
  /** Zoho sign-ins waiting for the agent to pick an org or network (connect-zoho.ts). */
  private readonly signIns: PendingSignIns;
  /** When this worker life began: page rows older than it belong to an earlier browser session. */
  private readonly bornAt: Date;
  private lastRun: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BackgroundOptions) {
    this.registry = { ...VENDORS, ...options.registry };
    this.now = options.now ?? options.engine?.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.bornAt = new Date(this.now());
    // One owner per account for what the vendor meters and says: the panel's requests and every
    // job share the rate-limit bucket, the outage state and the membership answers.
    this.limits = new RateLimits({ windowMs: options.engine?.rateWindowMs ?? 60_000 });
    this.memberships = new MembershipCache(options.engine?.membershipMaxAgeMs);
    this.connectors = new Connectors({
      ...options,
      registry: this.registry,
      limits: this.limits,
      now: this.now,
      // A setting learned from the vendor (lessons.ts) changes verdicts: the card reads again.
      onLearned: (accountId) => this.cards.changed(accountId),
    });
    this.readCache = new ReadCache(this.now, accountCacheStore(options.db));
    this.cards = new ContactCards({ db: options.db, now: this.now, cache: this.readCache, recordDeps: (id) => this.recordDeps(id) });
    this.planner = new Planner({ db: options.db, now: this.now, newId: this.newId, connected: (id) => this.connected(id), memberships: this.memberships });
    this.sweeper = new Sweeper(options.db, this.now);
    this.signIns = new PendingSignIns(this.now);
    this.engine = new JobEngine({
      owner: `background-${this.newId()}`,
      now: this.now,
      // Seats a job took (or freed) are not those the card read before it.
      onJobLetGo: (accountId) => this.cards.changed(accountId),
      ...options.engine,
      limits: this.limits,
      outages: new Outages(),
      memberships: this.memberships,
      db: options.db,
      connectorFor: (accountId, hooks) => {
        // Credentials this build cannot use are "not connected" for the engine: the job pauses for a reconnect.
        return this.connectors.forEngine(accountId, hooks).catch((error: unknown) => {
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
    const run = this.engine.start().then(async (result) => {
      this.options.onNextWake?.(result.nextWakeAt);
      // A 401 paused a job: the account row says so too, for the panel's "reconnect" banner.
      await markAccountsPausedForAuth(this.options.db);
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
      return { ok: false, error: toErrorBody(new ServiceError('FORBIDDEN_SENDER', {
        en: 'Portier answers only its own panel, options page and content script.',
        fr: "Portier ne répond qu'à son propre panneau, à sa page d'options et à son script de page.",
      })) };
    }
    const parsed = parseRequest(raw);
    if (!parsed.ok) return parsed;
    const request = parsed.request;
    if (!ALLOWED_SENDERS[request.type].includes(sender.data.kind)) {
      const from = sender.data.kind === 'content' ? { en: 'page', fr: 'de la page' } : { en: sender.data.kind, fr: 'du panneau' };
      return { ok: false, error: toErrorBody(new ServiceError('FORBIDDEN_SENDER', {
        en: `"${request.type}" may not come from the ${from.en}: use the Portier panel.`,
        fr: `« ${request.type} » ne peut pas venir ${from.fr} : utilisez le panneau de Portier.`,
      })) };
    }
    // What may change seats or rights makes the contact card read the vendor again.
    const changes = CHANGES_ACCOUNT.has(request.type);
    if (changes) this.cards.changed('accountId' in request ? request.accountId : undefined);
    try {
      const handler = this.handlers[request.type] as (req: Request, sender: Sender) => Promise<ResultFor<RequestType>>;
      const result = await handler(request, sender.data);
      if (changes && 'accountId' in request && request.type !== 'disconnectAccount') this.cards.rewarm(request.accountId);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof AuthRequiredError && 'accountId' in request) await this.markNeedsReconnect(request.accountId);
      return { ok: false, error: toErrorBody(error) };
    } finally {
      // Any message is a wake-up: a job a dead worker left is picked up now, not at the next alarm.
      // Once the answer is ready: the engine's reads would otherwise share the worker's thread and
      // the database with the one the panel is waiting for.
      if (request.type !== 'startJob') this.wake();
    }
  }

  /** A side panel opened its port (wiring.ts): it says which tab it follows until it closes. */
  panelOpened(): PanelHandle {
    return this.cards.panelOpened();
  }

  /** The tab closed: what it showed is of no use to anyone. */
  forgetTab(tabId: number): Promise<void> {
    return forgetTab(this.options.db, tabId);
  }

  /** The browser started: tab ids begin again, so rows of the previous session are dropped. */
  async forgetEarlierSessions(): Promise<void> {
    await forgetPagesBefore(this.options.db, this.bornAt);
  }

  /** Installed or updated: the pages' ticks read by the copies before it are not known any more (pages.ts). */
  async forgetTicksBeforeInstall(): Promise<void> {
    await unreadTicksBefore(this.options.db, this.bornAt);
  }

  /** The daily alarm: deletes what is older than the agent's retention (core/retention/sweep.ts). */
  sweep(): Promise<SweepResult> {
    return this.sweeper.sweep();
  }

  private wake(): void {
    this.start().catch((error: unknown) => this.options.onError?.(error));
  }

  private readonly handlers: Handlers = {
    listAccounts: async () => ({ accounts: (await this.options.db.accounts.toArray()).map(publicAccount) }),
    connectAccount: async ({ account }) => ({
      account: publicAccount(
        await connectAccount(
          {
            ...this.options,
            registry: this.registry,
            connectors: this.connectors,
            engine: this.engine,
            newId: this.newId,
            now: () => new Date(this.now()),
            signIns: this.signIns,
            stepMs: this.options.connectStepMs,
          },
          account,
        ),
      ),
    }),
    zohoSignIn: ({ vendor, dataCenter }) =>
      signInToZoho(
        {
          registry: this.registry, oauth: this.options.oauth, newId: this.newId, now: () => new Date(this.now()), stepMs: this.options.connectStepMs,
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}), ...(this.options.onError ? { onError: this.options.onError } : {}),
        },
        this.signIns,
        { vendor, dataCenter },
      ),
    zohoSignInAlive: async ({ signInId }) => ({ alive: this.signIns.peek(signInId) !== undefined }),
    disconnectAccount: async ({ accountId }) => {
      // Before the credentials go: a batch being checked with the vendor needs them (privacy.ts).
      await stopJobs(this.options.db, this.engine, accountId);
      // Revoked at the vendor while the token is still here; a vendor that does not answer only shows in the report.
      const report = await revokeAtVendor({ ...this.options, registry: this.registry }, accountId);
      await this.options.credentials.delete(accountId);
      await this.options.db.accounts.delete(accountId);
      this.connectors.forget(accountId);
      await deleteAccountData(this.options.db, accountId);
      return { accountId, ...report };
    },
    listTargets: async ({ accountId }) => {
      const { connector } = await this.connected(accountId);
      const targets = await connector.listTargets();
      await this.options.db.targets.bulkPut(targets);
      return { targets };
    },
    evaluate: async (req) => {
      const { target, contacts, plan, missing } = await this.planner.plan(req);
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
      const jobs = await this.planner.startJobs(req.accountId, req.targetKey, req);
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
      // ALLOWED_SENDERS lets only content scripts send it; the tab is the runtime's word, not the page's.
      if (sender.kind !== 'content') {
        throw new ServiceError('FORBIDDEN_SENDER', {
          en: 'Only a page of the vendor reports what it shows.',
          fr: "Seule une page de l'éditeur indique ce qu'elle affiche.",
        });
      }
      const page = await rememberPage(this.options.db, sender.tabId, context, new Date(this.now()));
      this.cards.pageReported(sender.tabId, page);
      return { vendor: context.vendor, accountId: page.accountId ?? context.account, connected: page.connected };
    },
    getPageContext: async ({ tabId }) => {
      const record = (await readPage(this.options.db, tabId)) ?? null;
      const reading = record?.accountId ? this.options.db.accounts.get(record.accountId) : Promise.resolve(undefined);
      const [account, lastCard] = await Promise.all([reading, record ? this.cards.panelShows(record, reading.then((a) => a?.status === 'connected')) : undefined]);
      return { context: record?.context ?? null, record, account: account ? publicAccount(account) : null, ...(lastCard !== undefined ? { lastCard } : {}) };
    },
    inspectContact: (req) => this.cards.inspect(req),
    inspectTicket: async ({ accountId, ticketId }) => inspectTicket(await this.recordDeps(accountId), ticketId),
    organizationMembers: async ({ accountId, organizationId }) => organizationMembers(await this.recordDeps(accountId), organizationId),
    lastVerdicts: (req) => this.cards.last(req),
    listRecords: async ({ accountId, module, page, perPage }) => listRecords(await this.recordDeps(accountId), { module, page, perPage }),
    sendVerification: async ({ accountId, contactId }) => sendVerification(await this.recordDeps(accountId), contactId),
    listPortalUsers: async ({ accountId, targetKey, status }) => listPortalUsers(await this.recordDeps(accountId), targetKey, status),
    portalUserAction: async ({ accountId, ...req }) => portalUserAction(await this.recordDeps(accountId), req),
    retryFailed: async ({ jobId }) => {
      const jobs = await this.planner.retryFailed(jobId);
      this.wake();
      return { jobs };
    },
    saveAccountSettings: async ({ accountId, companyDomains, defaultTargetKey, pageNames, portalSeatLimit }) => {
      const saved = await saveAccountSettings(this.options.db, accountId, { companyDomains, defaultTargetKey, pageNames, portalSeatLimit });
      // Connectors are built with the account's settings (company domains, portal seats): the next
      // read must use the saved ones, not those of the worker's first read.
      this.connectors.forget(accountId);
      return { account: publicAccount(saved) };
    },
    getPrivacySettings: () => privacySettings(this.options.db),
    savePrivacySettings: async ({ retentionDays }) => {
      await saveRetentionDays(this.options.db, retentionDays);
      // A shorter retention applies now, not at tomorrow's alarm, and the counts answered show it.
      await this.sweep().catch((error: unknown) => this.options.onError?.(error));
      return privacySettings(this.options.db);
    },
    clearAllData: async (_req, sender) => {
      // Every account goes the way Disconnect takes it (its jobs stopped, its credentials dropped), then whatever is left.
      await stopJobs(this.options.db, this.engine);
      const accounts = await this.options.db.accounts.toArray();
      const localized: Localized[] = [];
      for (const { id } of accounts) {
        const report = await this.handlers.disconnectAccount({ type: 'disconnectAccount', accountId: id }, sender);
        // A report in English only (none today) is still said, as is, in both.
        if (report.message) localized.push(report.localized ?? { en: report.message, fr: report.message });
      }
      await clearAllData(this.options.db);
      this.memberships.prune(Number.POSITIVE_INFINITY); // every answer is older than "forever from now"
      return { accounts: accounts.length, messages: localized.map((text) => text.en), localized };
    },
  };

  private async recordDeps(accountId: string): Promise<RecordDeps> {
    return { db: this.options.db, now: () => new Date(this.now()), cache: this.readCache, memberships: this.memberships, ...(await this.connected(accountId)) };
  }

  /** Best effort: the answer to the panel says "reconnect" whether or not the row could be written. */
  private async markNeedsReconnect(accountId: string): Promise<void> {
    await this.options.db.accounts.update(accountId, { status: 'needs_reconnect' }).catch(() => 0);
  }

  private connected(accountId: string): Promise<{ account: Account; connector: Connector }> {
    return this.connectors.connected(accountId);
  }

}

/** An account row as the panel may see it: the schema's fields only, whatever else was stored. */
function publicAccount(row: Account): Account {
  return Account.parse(row);
}

function jobState(jobId: string, job: Job | undefined): { jobId: string; status: Job['status'] } {
  if (!job) throw noSuchJob(jobId);
  return { jobId, status: job.status };
}
