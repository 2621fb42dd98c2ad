import { dueJobs, type PortierDb } from '../db';
import { VENDOR_NAMES, type Job, type Vendor } from '../model';
import type { Connector, RateLimitInfo } from '../vendors/types';
import { MAX_SENDS_PER_ITEM, MEMBERSHIP_LAG_MS, VENDOR_JOB_DEADLINE_MS } from './bounds';
import type { WorkerContext } from './context';
import { accountReconnected, cancelJob, pauseJob, resumeJob } from './control';
import { claim } from './lease';
import { MembershipCache } from './memberships';
import { Outages } from './outage';
import { RateLimits } from './rate-limit';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { JobWorker } from './worker';

/**
 * Step 4 of DESIGN.md's data flow: the outbox engine. Framework-free: the background gives it the
 * clock, the timers, randomness and the connector of each account, and calls start() on every
 * wake-up (onStartup, onInstalled, an alarm, any message). Whatever a previous service-worker life
 * left unfinished is picked up from Dexie; nothing it may have sent is sent again blind.
 */

export interface ConnectorHooks {
  /** Give this to the connector (ConnectorOptions.onRateLimit) so the account's bucket follows the headers. */
  onRateLimit(info: RateLimitInfo): void;
  /** ConnectorOptions.onThrottled: a 429 closes the account's bucket (for Retry-After, or a wait of its own). */
  onThrottled(announcedMs: number | undefined): number;
  /**
   * Give this to the connector (ConnectorOptions.throttle): one token of the account's bucket per
   * HTTP request, waited for in place when short, else a RateLimitedError the worker waits out.
   */
  throttle(endpoint: string, repeat?: boolean): Promise<void>;
}

export interface EngineOptions {
  db: PortierDb;
  /** The connector of a connected account; undefined when it is not connected (jobs pause). */
  connectorFor(accountId: string, hooks: ConnectorHooks): Connector | undefined | Promise<Connector | undefined>;
  /** One id per engine instance: two lives never share one. */
  owner: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  newId?: () => string;
  /** Longer than the connectors' request timeout (30 s), so a lease never ends during a call. */
  leaseMs?: number;
  /**
   * The account's buckets, outage state and membership answers, when the background shares them
   * with the panel's requests (one owner per account); the engine makes its own otherwise.
   */
  limits?: RateLimits;
  outages?: Outages;
  memberships?: MembershipCache;
  /** Sends of one item before it fails, each after the vendor showed the last one did not apply (default MAX_SENDS_PER_ITEM). */
  maxAttempts?: number;
  /** How long a vendor job is followed before its batch is reconciled (default VENDOR_JOB_DEADLINE_MS per vendor). */
  vendorJobDeadlineMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Waits longer than this release the job and show in nextWakeAt, for an alarm (default 20 s: an MV3 worker idles out at 30). */
  maxInlineWaitMs?: number;
  /** The vendors' rate-limit window when their headers do not say (default one minute). */
  rateWindowMs?: number;
  /** Calls per window before any header says (default: unknown). */
  rateLimit?: number;
  /** Contacts per membership look-up (default: one batch, i.e. a fresh look-up before each batch). */
  membershipLookahead?: number;
  /** How old a look-up may be and still count as "before this batch", when the engine makes its own cache (default MEMBERSHIP_REUSE_MS). */
  membershipMaxAgeMs?: number;
  /** How long after a send a membership read may still miss its people (default MEMBERSHIP_LAG_MS per vendor). */
  membershipLagMs?: number;
  /** Delay before a lost answer is reconciled, for vendor jobs to show (default 10 s). */
  reconcileAfterMs?: number;
  clockSkewMs?: number;
  /** Called with anything unexpected a worker throws (a Dexie failure, a bug); the job's lease then runs out. */
  onError?: (error: unknown, jobId: string) => void;
  /**
   * A worker let go of one of the account's jobs (it ended, paused or waits): what it sent may have
   * changed seats, so whatever was read of the account before it is stale (the contact card's cache).
   */
  onJobLetGo?: (accountId: string) => void;
}

export interface RunResult {
  /** When the next job is due (ms); the background sets an alarm for it. Absent: nothing left to do. */
  nextWakeAt?: number;
}

export class JobEngine {
  private readonly ctx: WorkerContext;
  private readonly working = new Set<string>();
  private running: Promise<RunResult> | undefined;
  private again = false;

  constructor(private readonly options: EngineOptions) {
    const now = options.now ?? Date.now;
    const limits =
      options.limits ??
      new RateLimits({
        windowMs: options.rateWindowMs ?? 60_000,
        ...(options.rateLimit !== undefined ? { limit: options.rateLimit } : {}),
      });
    const retry: RetryPolicy = {
      maxAttempts: options.maxAttempts ?? MAX_SENDS_PER_ITEM,
      baseMs: options.backoffBaseMs ?? DEFAULT_RETRY.baseMs,
      capMs: options.backoffCapMs ?? DEFAULT_RETRY.capMs,
    };
    this.ctx = {
      db: options.db,
      owner: options.owner,
      now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      newId: options.newId ?? (() => crypto.randomUUID()),
      connector: async (accountId, throttle) =>
        options.connectorFor(accountId, {
          onRateLimit: (info) => limits.for(accountId).observe(info, now()),
          onThrottled: (announcedMs) => limits.for(accountId).throttled(announcedMs, now()),
          throttle,
        }),
      limits,
      outages: options.outages ?? new Outages(),
      memberships: options.memberships ?? new MembershipCache(options.membershipMaxAgeMs),
      vendorJobDeadlineMs: (vendor) => options.vendorJobDeadlineMs ?? VENDOR_JOB_DEADLINE_MS[vendor],
      membershipLagMs: (vendor) => options.membershipLagMs ?? MEMBERSHIP_LAG_MS[vendor],
      vendorName: (vendor) => VENDOR_NAMES[vendor],
      retry,
      leaseMs: options.leaseMs ?? 90_000,
      maxInlineWaitMs: options.maxInlineWaitMs ?? 20_000,
      membershipLookahead: options.membershipLookahead,
      reconcileAfterMs: options.reconcileAfterMs ?? 10_000,
      clockSkewMs: options.clockSkewMs ?? 5 * 60_000,
    };
  }

  /** On every wake-up of the background: resumes whatever is due, including jobs of a dead life. */
  start(): Promise<RunResult> {
    return this.kick();
  }

  /**
   * Works every due job until none is left, then says when to wake up. Calls while it runs do not
   * start a second loop: they make the running one look again before it returns.
   */
  kick(): Promise<RunResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let result: RunResult;
        do {
          this.again = false;
          result = await this.drain();
        } while (this.again);
        return result;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async pause(jobId: string): Promise<Job | undefined> {
    return pauseJob(this.ctx.db, jobId, this.ctx.now());
  }

  async resume(jobId: string): Promise<Job | undefined> {
    const job = await resumeJob(this.ctx.db, jobId, this.ctx.now());
    this.poke();
    return job;
  }

  async cancel(jobId: string): Promise<Job | undefined> {
    const job = await cancelJob(this.ctx.db, jobId, this.ctx.now());
    this.poke();
    return job;
  }

  /** The agent reconnected the account: every job paused for it resumes. */
  async reconnected(accountId: string): Promise<string[]> {
    const ids = await accountReconnected(this.ctx.db, accountId, this.ctx.now());
    this.poke();
    return ids;
  }

  /**
   * Starts work after a control without making the caller wait for the whole run. The background
   * still calls start() on its own wake-ups to learn nextWakeAt for its alarm.
   */
  private poke(): void {
    this.kick().catch((error: unknown) => this.options.onError?.(error, ''));
  }

  /** What the account's bucket believes now (for the panel and the bench). */
  rateLimitState(accountId: string) {
    return this.ctx.limits.for(accountId).snapshot(this.ctx.now());
  }

  private async drain(): Promise<RunResult> {
    const { db, owner } = this.ctx;
    const passed = new Set<string>();
    for (;;) {
      const due = (await dueJobs(db, new Date(this.ctx.now()))).filter((j) => !passed.has(j.id) && !this.working.has(j.id));
      const next = due[0];
      if (!next) break;
      const claimed = await claim(db, next.id, owner, this.ctx.now(), this.ctx.leaseMs);
      if (!claimed) {
        passed.add(next.id); // leased by a live owner, or changed under us: look again next time
        continue;
      }
      this.working.add(next.id);
      try {
        await new JobWorker(this.ctx, next.id).run();
      } catch (error) {
        passed.add(next.id);
        this.options.onError?.(error, next.id);
      } finally {
        this.working.delete(next.id);
        this.options.onJobLetGo?.(next.accountId);
      }
    }
    return this.nextWake();
  }

  private async nextWake(): Promise<RunResult> {
    // Not Date's maximum: its ISO form starts with "+" and would sort before every real date.
    const pending = await dueJobs(this.ctx.db, new Date('9999-12-31T23:59:59.999Z'));
    const first = pending.find((j) => !this.working.has(j.id));
    return first ? { nextWakeAt: Date.parse(first.nextAttemptAt) } : {};
  }
}
