import type { Contact, Job, JobBatch, Target } from '../model';
import type { Connector, ItemOutcome, Membership, Submission } from '../vendors/types';
import type { WorkerContext } from './context';
import { applyRelease, renew, type Release } from './lease';
import {
  alreadyMember,
  ENGINE_REASONS,
  failed,
  fromResult,
  INVITATION_VALID_MS,
  isDone,
  membershipCode,
  skipped,
  succeeded,
  type Settlement,
} from './outcomes';
import { allPending, batchKeys, nextPending, takeBatch, writeJob, type JobWrite } from './store';
import { onCallError, ThrottledError } from './worker-errors';

/**
 * Works one claimed job until it is done, paused, waiting longer than it may wait in place, or
 * taken from us. Each step starts from what Dexie says (the job row and its batch), so a step can
 * be cut anywhere by a dying service worker and the next life carries on from the last write:
 *
 *   no batch ─takeBatch─► ready ─memberships, then mark sending─► sending ─send()─► done: outcomes
 *                           ▲                                        │  └─────────► job: polling ─poll()─► outcomes
 *                           └──── not a member: resend (bounded) ◄── reconcile (memberships) ◄── lost answer, 5xx
 */

/** What a step asks for: another step now, a wait (ms) then another step, or the end of our work. */
export type Next = 'again' | 'stop' | number;

export class JobWorker {
  job!: Job;
  target: Target | undefined;
  connector: Connector | undefined;
  /** Membership answers by contactKey, reused by later batches while younger than membershipMaxAgeMs. */
  private readonly checked = new Map<string, { membership: Membership | undefined; at: number }>();
  /** HTTP requests the throttle let through since the current connector call began. */
  requestsLetThrough = 0;
  /** True while run() holds the job: only then do throttle waits have a lease to keep. */
  private active = false;

  constructor(
    readonly ctx: WorkerContext,
    readonly jobId: string,
  ) {}

  async run(): Promise<void> {
    this.active = true;
    try {
      await this.loop();
    } finally {
      this.active = false;
    }
  }

  private async loop(): Promise<void> {
    let stale = true;
    for (;;) {
      // Every write re-reads the row and extends our lease, so right after one the job we hold is
      // current. A renewal (one more transaction on the job row) is needed only at the start, after
      // a wait (the agent may have paused meanwhile), when the row says the job is no longer
      // running, or when the lease is half gone.
      if (stale || this.job.status !== 'running' || this.leaseLeft() < this.ctx.leaseMs / 2) {
        const job = await renew(this.ctx.db, this.jobId, this.ctx.owner, this.ctx.now(), this.ctx.leaseMs);
        if (!job) return;
        this.job = job;
        stale = false;
      }
      const next = await this.step();
      if (next === 'stop') return;
      if (next === 'again' || next <= 0) continue;
      if (next <= this.ctx.maxInlineWaitMs) {
        await this.ctx.sleep(next);
        stale = true;
        continue;
      }
      // Too long to keep a service worker busy: the alarm set from nextWakeAt brings us back.
      await this.release({ status: 'queued', nextAttemptAt: this.ctx.now() + next });
      return;
    }
  }

  private async step(): Promise<Next> {
    const { db } = this.ctx;
    const job = this.job;
    if (job.cancelRequested && (!job.batch || job.batch.phase === 'ready')) return this.endAll(skipped(ENGINE_REASONS.cancelled), 'cancelled');
    this.target ??= await db.targets.get(job.targetKey);
    if (!this.target) return this.endAll(failed(ENGINE_REASONS.targetMissing), 'completed');
    this.connector ??= await this.ctx.connector(job.accountId, this.throttle);
    if (!this.connector) {
      await this.release({ status: 'paused', pauseReason: 'reconnect' }, { kind: 'auth', message: `no connector for account ${job.accountId}` });
      return 'stop';
    }
    if (!job.batch) {
      // A connector answering 0 or NaN must not make an empty batch read as "nothing left".
      const size = Math.max(1, Math.floor(this.connector.batchSize(job.action)) || 1);
      const taken = await takeBatch(db, job.id, this.ctx.owner, size, this.ctx.newId(), this.ctx.now());
      if (!taken?.batch) return 'stop';
      this.job = taken;
      return 'again';
    }
    // The batch's items still pending: one [jobId+seq] range, read afresh at every step.
    const keys = await batchKeys(db, job);
    if (keys.length === 0) {
      // Nothing of it is pending any more (ended from outside): the write lets the batch go.
      return (await this.write(job.batch, () => {})) ? 'again' : 'stop';
    }
    switch (job.batch.phase) {
      case 'ready':
        return this.checkAndSend(job.batch, keys);
      case 'sending':
        return this.reconcile(job.batch, keys);
      case 'polling':
        return this.poll(job.batch, keys);
    }
  }

  /** Asks who is a member (unless a fresh answer is at hand), settles them, sends the rest. */
  private async checkAndSend(batch: JobBatch, keys: readonly string[]): Promise<Next> {
    const contacts = await this.contactsOf(batch, keys);
    if (contacts === undefined) return 'again';
    const now = this.ctx.now();
    const fresh = keys.every((k) => (this.checked.get(k)?.at ?? -Infinity) >= now - this.ctx.membershipMaxAgeMs);
    if (!fresh) {
      // Tokens are taken per HTTP request by the throttle; this only waits out a closed bucket
      // (Retry-After, spent window) in run(), where the lease is renewed, before starting the call.
      const wait = this.tokenWait();
      if (wait > 0) return wait;
      const ahead = await this.lookahead(contacts);
      let found: Map<string, Membership>;
      try {
        this.requestsLetThrough = 0;
        found = await this.connector!.memberships(this.target!, ahead);
      } catch (error) {
        return onCallError(this, 'memberships', error);
      }
      const at = this.ctx.now();
      for (const c of ahead) this.checked.set(c.key, { membership: found.get(c.id), at });
    }
    const since = this.ctx.now() - INVITATION_VALID_MS;
    const members = contacts.filter((c) => isDone(this.job.action, this.checked.get(c.key)?.membership, since));
    const toSend = contacts.filter((c) => !members.includes(c));
    const settleMembers = (w: JobWrite) => {
      for (const c of members) w.settle(c.key, alreadyMember(membershipCode(this.checked.get(c.key)!.membership!)));
    };
    // The bucket is asked before anything is marked `sending`: a wait here leaves the batch `ready`,
    // so the next try needs no reconciliation (and its membership answer may still be fresh). The
    // token itself is taken by the throttle when the send's request goes out.
    const wait = toSend.length > 0 ? this.tokenWait() : 0;
    const written = await this.write(batch, (w) => {
      settleMembers(w);
      if (toSend.length === 0 || wait > 0) return;
      const b = w.job.batch!;
      const retried = b.sends > 0 ? (w.job.lastError?.message ?? ENGINE_REASONS.lost) : undefined;
      delete w.job.lastError; // the vendor answered again: whatever we waited for is over
      w.mark(toSend.map((c) => c.key), 'sending', { attempt: true, ...(retried ? { retried } : {}) });
      Object.assign(b, { phase: 'sending', sends: b.sends + 1, sentAt: w.now });
      w.job.attempts += 1;
    });
    if (!written) return 'stop';
    if (toSend.length === 0) return 'again';
    if (wait > 0) return wait;
    let submission: Submission;
    try {
      this.requestsLetThrough = 0;
      submission = await this.connector!.send(this.target!, this.job.action, toSend);
    } catch (error) {
      return onCallError(this, 'send', error);
    }
    if (submission.kind === 'done') return this.writeOutcomes(batch, toSend, submission.outcomes);
    const ok = await this.write(batch, (w) => Object.assign(w.job.batch!, { phase: 'polling', vendorJobId: submission.vendorJobId }));
    return ok ? Math.max(0, submission.pollAfterMs) : 'stop';
  }

  /** A send may have reached the vendor: ask who is a member now, and resend only to the others. */
  private async reconcile(batch: JobBatch, keys: readonly string[]): Promise<Next> {
    const sentAt = Date.parse(batch.sentAt ?? new Date(this.ctx.now()).toISOString());
    // A vendor job started by a send whose answer was lost may still be queued on the vendor's side;
    // give it time to show in membership before concluding it never happened.
    const due = sentAt + this.ctx.reconcileAfterMs - this.ctx.now();
    if (due > 0) return due;
    const contacts = await this.contactsOf(batch, keys);
    if (contacts === undefined) return 'again';
    const wait = this.tokenWait();
    if (wait > 0) return wait;
    let found: Map<string, Membership>;
    try {
      this.requestsLetThrough = 0;
      found = await this.connector!.memberships(this.target!, contacts);
    } catch (error) {
      return onCallError(this, 'reconcile', error);
    }
    const at = this.ctx.now();
    const since = sentAt - this.ctx.clockSkewMs;
    const { maxAttempts } = this.ctx.retry;
    const ok = await this.write(batch, (w) => {
      const b = w.job.batch!;
      const rest: string[] = [];
      for (const c of contacts) {
        const m = found.get(c.id);
        this.checked.set(c.key, { membership: m, at });
        if (isDone(w.job.action, m, since)) w.settle(c.key, succeeded(w.job.action));
        else if (b.failReason) w.settle(c.key, failed(b.failReason.code, b.failReason.message));
        else if (w.job.cancelRequested) w.settle(c.key, skipped(ENGINE_REASONS.cancelled));
        else if (b.sends >= maxAttempts) w.settle(c.key, failed(ENGINE_REASONS.lost, w.job.lastError?.message));
        else rest.push(c.key);
      }
      // Not a member: the send never took effect, so sending again cannot invite anyone twice.
      w.mark(rest, 'queued');
      const { vendorJobId: _v, ...kept } = b;
      w.job.batch = { ...kept, phase: 'ready' };
    });
    return ok ? 'again' : 'stop';
  }

  private async poll(batch: JobBatch, keys: readonly string[]): Promise<Next> {
    if (batch.vendorJobId === undefined) {
      // Nothing to follow (a row written by hand or by an older version): find out from membership.
      return (await this.write(batch, (w) => Object.assign(w.job.batch!, { phase: 'sending' }))) ? 'again' : 'stop';
    }
    const contacts = await this.contactsOf(batch, keys);
    if (contacts === undefined) return 'again';
    const wait = this.tokenWait();
    if (wait > 0) return wait;
    try {
      this.requestsLetThrough = 0;
      const result = await this.connector!.poll(this.target!, batch.vendorJobId, contacts);
      if (result.kind === 'running') return Math.max(1, result.pollAfterMs);
      return this.writeOutcomes(batch, contacts, result.outcomes);
    } catch (error) {
      return onCallError(this, 'poll', error);
    }
  }

  /** The vendor's per-item answers; an item it did not answer for is reconciled, never assumed. */
  private async writeOutcomes(batch: JobBatch, contacts: Contact[], outcomes: ItemOutcome[]): Promise<Next> {
    const keyOf = new Map(contacts.map((c) => [c.id, c.key]));
    const ok = await this.write(batch, (w) => {
      for (const o of outcomes) {
        const key = keyOf.get(o.contactId);
        if (key !== undefined) w.settle(key, fromResult(w.job.action, o.result));
      }
      const { vendorJobId: _v, ...kept } = w.job.batch!;
      w.job.batch = { ...kept, phase: 'sending' };
      delete w.job.lastError;
    });
    return ok ? 'again' : 'stop';
  }

  /** Writes for the current batch, fenced by our lease and the batch id. */
  async write(batch: JobBatch, change: (w: JobWrite) => void): Promise<Job | undefined> {
    const guard = { owner: this.ctx.owner, batchId: batch.id, leaseMs: this.ctx.leaseMs };
    const job = await writeJob(this.ctx.db, this.jobId, guard, this.ctx.now(), change);
    if (job) this.job = job;
    return job;
  }

  /** Lets go of the job; `error` tells the panel why it waits. */
  async release(release: Release, error?: { kind: NonNullable<Job['lastError']>['kind']; message: string }): Promise<void> {
    await writeJob(this.ctx.db, this.jobId, { owner: this.ctx.owner }, this.ctx.now(), (w) => {
      w.job = applyRelease(w.job, release, this.ctx.now());
      if (error) w.job.lastError = { ...error, at: w.now };
    });
  }

  /** Ends every item still pending and the job with it (cancelled, or the target is gone). */
  private async endAll(settlement: Settlement, status: 'completed' | 'cancelled'): Promise<Next> {
    const pending = await allPending(this.ctx.db, this.job);
    await writeJob(this.ctx.db, this.jobId, { owner: this.ctx.owner }, this.ctx.now(), (w) => {
      for (const key of pending) w.settle(key, settlement);
      const { batch: _b, cancelRequested: _c, ...rest } = w.job;
      w.job = applyRelease({ ...rest, cursor: rest.counts.total }, { status }, this.ctx.now());
    });
    return 'stop';
  }

  /** The batch's contacts from the cache; one that vanished is skipped now rather than sent blind. */
  private async contactsOf(batch: JobBatch, keys: readonly string[]): Promise<Contact[] | undefined> {
    const rows = await this.ctx.db.contacts.bulkGet([...keys]);
    const missing = keys.filter((_, i) => rows[i] === undefined);
    if (missing.length === 0) return rows as Contact[];
    await this.write(batch, (w) => missing.forEach((k) => w.settle(k, skipped(ENGINE_REASONS.contactMissing))));
    return undefined; // the next step starts again from the row as written
  }

  /** The batch plus, when lookahead allows, the next pending contacts, for one membership call. */
  private async lookahead(contacts: Contact[]): Promise<Contact[]> {
    const extra = (this.ctx.membershipLookahead ?? 0) - contacts.length;
    if (extra <= 0) return contacts;
    const { keys } = await nextPending(this.ctx.db, this.job, this.job.cursor ?? 0, extra);
    const more = (await this.ctx.db.contacts.bulkGet(keys)).filter((c): c is Contact => c !== undefined);
    return [...contacts, ...more];
  }

  private leaseLeft(): number {
    const until = this.job.lease?.owner === this.ctx.owner ? Date.parse(this.job.lease.until) : Number.NaN;
    return Number.isNaN(until) ? 0 : until - this.ctx.now();
  }

  /** 0 when the account's bucket has a token free, else how long until it has (takes nothing). */
  tokenWait(): number {
    return this.ctx.limits.for(this.job.accountId).waitMs(this.ctx.now());
  }

  /**
   * ConnectorOptions.throttle: one token per HTTP request, as the vendor counts. A short wait
   * happens in place; one longer than maxInlineWaitMs, or one that would leave less than half a
   * lease for the rest of the call (run() renews only between steps), ends the call with a
   * ThrottledError instead, and the worker waits it out in run() (in place with a lease renewal, or
   * by releasing the job to an alarm). Vendor calls are never made inside a Dexie transaction, so
   * no transaction is held while waiting.
   */
  readonly throttle = async (endpoint: string): Promise<void> => {
    const bucket = this.ctx.limits.for(this.job.accountId);
    for (;;) {
      const wait = bucket.take(this.ctx.now());
      if (wait <= 0) {
        this.requestsLetThrough += 1;
        return;
      }
      const leaseBound = this.active ? this.leaseLeft() - this.ctx.leaseMs / 2 : Number.POSITIVE_INFINITY;
      if (wait > this.ctx.maxInlineWaitMs || wait > leaseBound) {
        throw new ThrottledError(this.target?.vendor ?? this.connector?.vendor ?? 'zendesk', endpoint, wait);
      }
      await this.ctx.sleep(wait);
    }
  };
}
