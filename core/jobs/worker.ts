import type { Contact, Job, JobBatch, Target } from '../model';
import { RateLimitedError } from '../vendors/http';
import type { Connector, ItemOutcome, Membership, SendAction, Submission } from '../vendors/types';
import type { WorkerContext } from './context';
import { HELD_CHECK_LIMIT_MS } from './bounds';
import { applyRelease, renew, type Release } from './lease';
import {
  afterUncertainSend,
  alreadyMember,
  ENGINE_REASONS,
  failed,
  fromResult,
  INVITATION_VALID_MS,
  isDone,
  maybeSent,
  membershipCode,
  skipped,
  succeeded,
  type Settlement,
} from './outcomes';
import { allPending, batchKeys, nextPending, takeBatch, writeJob, type JobWrite } from './store';
import { CancelledMidSendError, decide, holdWaitMs, LeaseLostError, ThrottledError, type Call } from './worker-errors';

/**
 * Works one claimed job until it is done, paused, waiting longer than it may wait in place, or
 * taken from us. Each step starts from what Dexie says (the job row and its batch), so a step can
 * be cut anywhere by a dying service worker and the next life carries on from the last write:
 *
 *   no batch ─takeBatch─► ready ─memberships, then mark sending─► sending ─send()─► done: outcomes
 *                           ▲                                        │  └─────────► job: polling ─poll()─► outcomes
 *                           └──── not a member: resend (bounded) ◄── reconcile (memberships) ◄── lost answer, 5xx,
 *                                                                                                 cancel, deadline
 * An item in `sending` is "unknown" to the agent ("checking with <vendor>"): it leaves that state
 * only through the vendor's answer or a membership read, never on a guess.
 */

/** What a step asks for: another step now, a wait (ms) then another step, or the end of our work. */
export type Next = 'again' | 'stop' | number;

/** What a batch sends: its own action (a job may mix them), else the job's (rows of older versions). */
function actionOf(job: Job, batch: JobBatch): SendAction {
  return batch.action ?? job.action;
}

export class JobWorker {
  job!: Job;
  target: Target | undefined;
  connector: Connector | undefined;
  /** Requests that may change something (all but GETs) the throttle let through since the current connector call began. */
  private requestsLetThrough = 0;
  /** A send is under way (call()): only its writes are stopped by a cancel (throttle). */
  private sending = false;
  /** True while run() holds the job: only then is there a lease to keep. */
  private active = false;
  private renewing: Promise<void> | undefined;

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
    const idle = !job.batch || job.batch.phase === 'ready';
    if (job.cancelRequested && idle) return this.endAll(skipped(ENGINE_REASONS.cancelled), 'cancelled');
    // Pausing waits for the batch in flight to be answered (or reconciled): only then is it paused.
    if (job.pauseRequested && idle) {
      await this.release({ status: 'paused', pauseReason: 'agent' });
      return 'stop';
    }
    this.target ??= await db.targets.get(job.targetKey);
    if (!this.target) return this.endAll(failed(ENGINE_REASONS.targetMissing), 'completed');
    this.connector ??= await this.ctx.connector(job.accountId, this.throttle);
    if (!this.connector) {
      await this.release({ status: 'paused', pauseReason: 'reconnect' }, { kind: 'auth', message: `no connector for account ${job.accountId}` });
      return 'stop';
    }
    if (!job.batch) {
      // A connector answering 0 or NaN must not make an empty batch read as "nothing left".
      const connector = this.connector;
      const size = (action: SendAction) => Math.max(1, Math.floor(connector.batchSize(action)) || 1);
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
    const answers = this.cachedAnswers(contacts);
    if (answers.size < contacts.length) {
      const wait = this.tokenWait();
      if (wait > 0) return wait;
      const ahead = await this.lookahead(contacts.filter((c) => !answers.has(c.key)));
      let found: Map<string, Membership>;
      try {
        found = await this.call(() => this.connector!.memberships(this.target!, ahead));
      } catch (error) {
        return this.onError('memberships', error);
      }
      const at = this.ctx.now();
      for (const c of ahead) {
        const membership = found.get(c.id);
        this.ctx.memberships.set(this.job.accountId, this.job.targetKey, c.key, membership, at);
        answers.set(c.key, membership);
      }
    }
    const since = this.ctx.now() - INVITATION_VALID_MS;
    const action = actionOf(this.job, batch);
    const members = contacts.filter((c) => isDone(action, answers.get(c.key), since));
    const toSend = contacts.filter((c) => !members.includes(c));
    // A batch sent before holds only people this job sent to: if the vendor shows them now, it is
    // this job's invitation that arrived late, never "already a member".
    const ours = batch.sends > 0;
    const settleMembers = (w: JobWrite) => {
      for (const c of members) w.settle(c.key, ours ? succeeded(action) : alreadyMember(membershipCode(answers.get(c.key)!)));
    };
    // The bucket is asked before anything is marked `sending`: a wait here leaves the batch `ready`,
    // so the next try needs no reconciliation (and its membership answer may still be fresh). The
    // token itself is taken by the throttle when the send's request goes out.
    const wait = toSend.length > 0 ? this.tokenWait() : 0;
    let held = false;
    const written = await this.write(batch, (w) => {
      settleMembers(w);
      if (toSend.length === 0 || wait > 0) return;
      // The agent paused or cancelled while we looked: nothing new goes out (step() ends it).
      if (w.job.status !== 'running' || w.job.cancelRequested || w.job.pauseRequested) {
        held = true;
        return;
      }
      const b = w.job.batch!;
      const retried = b.sends > 0 ? (w.job.lastError?.message ?? ENGINE_REASONS.lost) : undefined;
      delete w.job.lastError; // the vendor answered again: whatever we waited for is over
      w.mark(toSend.map((c) => c.key), 'sending', { attempt: true, ...(retried ? { retried } : {}) });
      Object.assign(b, { phase: 'sending', sends: b.sends + 1, sentAt: w.now });
      w.job.attempts += 1;
    });
    if (!written) return 'stop';
    if (toSend.length === 0 || held) return 'again';
    if (wait > 0) return wait;
    // From here on only the vendor can say who is a member.
    this.ctx.memberships.forget(this.job.accountId, this.job.targetKey, toSend.map((c) => c.key));
    let submission: Submission;
    try {
      submission = await this.call(() => this.connector!.send(this.target!, action, toSend), { send: true });
    } catch (error) {
      return this.onError('send', error);
    }
    if (submission.kind === 'done') return this.writeOutcomes(batch, toSend, submission.outcomes, submission.notSent);
    const ok = await this.write(batch, (w) => Object.assign(w.job.batch!, { phase: 'polling', vendorJobId: submission.vendorJobId }));
    return ok ? Math.max(0, submission.pollAfterMs) : 'stop';
  }

  /**
   * A send may have reached the vendor (lost answer, 5xx, a dead worker, a stuck vendor job, a
   * cancel): ask who is a member now. Members are this job's invitations; the others are sent
   * again (bounded), or end as the batch's failReason or the agent's cancel says.
   */
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
      found = await this.call(() => this.connector!.memberships(this.target!, contacts));
    } catch (error) {
      return this.onError('reconcile', error);
    }
    const at = this.ctx.now();
    const since = sentAt - this.ctx.clockSkewMs;
    const maxSends = this.ctx.retry.maxAttempts;
    const vendor = this.ctx.vendorName(this.job.vendor);
    const action = actionOf(this.job, batch);
    // A reading that would end items for good waits until the vendor can show what the send made
    // (bounds.ts MEMBERSHIP_LAG_MS); one that only sends again does not.
    const settleFrom = sentAt + this.ctx.membershipLagMs(this.job.vendor);
    const final = batch.failReason !== undefined || this.job.cancelRequested === true || batch.sends >= maxSends;
    if (final && at < settleFrom && contacts.some((c) => afterUncertainSend(action, found.get(c.id), since, at) === 'not_done')) return settleFrom - at;
    const ok = await this.write(batch, (w) => {
      const b = w.job.batch!;
      const rest: string[] = [];
      for (const c of contacts) {
        const m = found.get(c.id);
        this.ctx.memberships.set(w.job.accountId, w.job.targetKey, c.key, m, at);
        const seen = afterUncertainSend(action, m, since, at);
        if (seen === 'done') w.settle(c.key, succeeded(action));
        // A re-invite the vendor cannot date may have gone out: never sent again blind.
        else if (seen === 'maybe') w.settle(c.key, maybeSent(vendor));
        else if (b.failReason) w.settle(c.key, failed(b.failReason.code, b.failReason.message));
        else if (w.job.cancelRequested) {
          const still = b.abandonedVendorJobId;
          w.settle(c.key, skipped(ENGINE_REASONS.cancelled, still ? `cancelled while ${vendor} job ${still} was still running: ${vendor} may still apply it; check before inviting again` : `cancelled; ${vendor} had not applied it when checked`));
        }
        else if (b.sends >= maxSends) w.settle(c.key, failed(ENGINE_REASONS.lost, `sent ${b.sends} times; ${vendor} never applied it${w.job.lastError ? ` (last: ${w.job.lastError.message})` : ''}`));
        else rest.push(c.key);
      }
      // Not a member: the send never took effect, so sending again cannot invite anyone twice.
      w.mark(rest, 'queued');
      // The vendor answered the read: what the job waited for is over. Kept when items go again:
      // the resend's history line says why it was needed, and its answer clears it.
      if (rest.length === 0) delete w.job.lastError;
      const { vendorJobId: _v, ...kept } = b;
      w.job.batch = { ...kept, phase: 'ready' };
    });
    return ok ? 'again' : 'stop';
  }

  /**
   * Follows the vendor's job, within its deadline; a cancel or a missed deadline reconciles instead.
   * The deadline is checked before each poll, so a job status that keeps failing (a vendor down, a
   * status it no longer finds) is not asked about for ever either.
   */
  private async poll(batch: JobBatch, keys: readonly string[]): Promise<Next> {
    if (batch.vendorJobId === undefined) return this.toReconcile(batch);
    if (this.pastJobDeadline(batch)) return this.missedDeadline(batch);
    const contacts = await this.contactsOf(batch, keys);
    if (contacts === undefined) return 'again';
    const wait = this.tokenWait();
    if (wait > 0) return wait;
    let result;
    try {
      result = await this.call(() => this.connector!.poll(this.target!, batch.vendorJobId!, contacts));
    } catch (error) {
      return this.onError('poll', error);
    }
    if (result.kind === 'done') return this.writeOutcomes(batch, contacts, result.outcomes);
    if (this.pastJobDeadline(batch)) return this.missedDeadline(batch);
    // Cancel is honoured at once, but the vendor runs a job it queued anyway: said so, not "not applied".
    if (this.job.cancelRequested) return this.toReconcile(batch, undefined, batch.vendorJobId);
    return Math.max(1, result.pollAfterMs);
  }

  private missedDeadline(batch: JobBatch): Promise<Next> {
    return this.toReconcile(batch, `${this.ctx.vendorName(this.job.vendor)} job ${batch.vendorJobId} did not finish within its deadline`);
  }

  private pastJobDeadline(batch: JobBatch): boolean {
    const sentAt = Date.parse(batch.sentAt ?? '');
    return !Number.isNaN(sentAt) && this.ctx.now() - sentAt > this.ctx.vendorJobDeadlineMs(this.job.vendor);
  }

  /** Stops following a vendor job: the batch is settled from memberships instead. */
  private async toReconcile(batch: JobBatch, why?: string, abandonedVendorJobId?: string): Promise<Next> {
    const ok = await this.write(batch, (w) => {
      const { vendorJobId: _v, ...kept } = w.job.batch!;
      w.job.batch = { ...kept, phase: 'sending', ...(abandonedVendorJobId ? { abandonedVendorJobId } : {}) };
      if (why) w.job.lastError = { kind: 'transient', message: why, at: w.now };
    });
    return ok ? 'again' : 'stop';
  }

  /**
   * The vendor's per-item answers; an item it did not answer for is reconciled, never assumed. One
   * the connector never sent because the agent cancelled (`notSent`) ends cancelled at once: no
   * membership read, and no wait for the vendor's search to catch up (Zendesk: 3 minutes).
   */
  private async writeOutcomes(batch: JobBatch, contacts: Contact[], outcomes: ItemOutcome[], notSent: readonly string[] = []): Promise<Next> {
    const keyOf = new Map(contacts.map((c) => [c.id, c.key]));
    const action = actionOf(this.job, batch);
    const ok = await this.write(batch, (w) => {
      // A resend answered "already a member" met this job's own earlier send, applied late.
      const ours = w.job.batch!.sends > 1;
      for (const o of outcomes) {
        const key = keyOf.get(o.contactId);
        if (key === undefined) continue;
        w.settle(key, ours && o.result.status === 'already_member' ? succeeded(action) : fromResult(action, o.result));
      }
      // Only a cancel stops a send part-way (CancelledMidSendError); without one, they are reconciled.
      if (w.job.cancelRequested) {
        for (const id of notSent) {
          const key = keyOf.get(id);
          if (key !== undefined) w.settle(key, skipped(ENGINE_REASONS.cancelled));
        }
      }
      const { vendorJobId: _v, ...kept } = w.job.batch!;
      w.job.batch = { ...kept, phase: 'sending' };
      delete w.job.lastError;
    });
    return ok ? 'again' : 'stop';
  }

  /** Applies what decide() says of a failed call. */
  private async onError(call: Call, error: unknown): Promise<Next> {
    const d = decide(call, error, this.requestsLetThrough);
    const batch = this.job.batch!;
    switch (d.kind) {
      case 'stop':
        return 'stop';
      case 'cancelled':
        // The next step ends an undone batch as cancelled, or settles a `sending` one (reconcile).
        if (d.undoSend) await this.undoSend();
        return 'again';
      case 'pause':
        if (d.undoSend) await this.undoSend();
        await this.release({ status: 'paused', pauseReason: 'reconnect' }, { kind: 'auth', message: d.message });
        return 'stop';
      case 'wait': {
        // A vendor's 429 closes the bucket (the HTTP client's onThrottled did so already when it
        // was given; doing it again is harmless). Our own throttle's refusal came from the bucket.
        if (error instanceof RateLimitedError && !(error instanceof ThrottledError)) {
          this.ctx.limits.for(this.job.accountId).block(error.retryAfterMs, this.ctx.now());
        }
        if (d.undoSend) await this.undoSend();
        const ok = await this.write(this.job.batch ?? batch, (w) => {
          w.job.lastError = { kind: 'rate_limited', message: d.message, at: w.now };
        });
        // The next step asks the bucket for a token and waits out the Retry-After there.
        return ok ? 'again' : 'stop';
      }
      case 'outage': {
        const now = this.ctx.now();
        const wait = this.ctx.outages.for(this.job.accountId).noAnswer(now, this.ctx.random);
        const ok = await this.write(batch, (w) => {
          w.job.batch!.failures += 1;
          w.job.lastError = { kind: 'transient', message: d.message, at: w.now, retryAt: new Date(now + wait).toISOString() };
        });
        return ok ? wait : 'stop';
      }
      case 'hold': {
        // The batch stays `sending`; the account's outage is left alone (worker-errors.ts, `hold`).
        // A cancel, or a refusal that lasts HELD_CHECK_LIMIT_MS, ends the items with what is known,
        // rather than keep the job (and a disconnect waiting on it) for ever.
        let wait = 0;
        let ended = false;
        const vendor = this.ctx.vendorName(this.job.vendor);
        const ok = await this.write(batch, (w) => {
          const b = w.job.batch!;
          b.failures += 1;
          const sentAt = Date.parse(b.sentAt ?? '');
          if (w.job.cancelRequested || (!Number.isNaN(sentAt) && this.ctx.now() - sentAt >= HELD_CHECK_LIMIT_MS)) {
            ended = true;
            w.job.lastError = { kind: 'refused', message: d.message, at: w.now };
            const why = `${vendor} refused to say whether it was applied (${d.message}); check the person there before inviting again`;
            for (const key of w.batchKeys) w.settle(key, w.job.cancelRequested ? skipped(ENGINE_REASONS.cancelled, `cancelled; ${why}`) : failed(ENGINE_REASONS.maybeSent, `may have been sent: ${why}`));
            return;
          }
          wait = holdWaitMs(b.failures, this.ctx.random);
          w.job.lastError = { kind: 'refused', message: d.message, at: w.now, retryAt: new Date(this.ctx.now() + wait).toISOString() };
        });
        if (!ok) return 'stop';
        return ended ? 'again' : wait;
      }
      case 'fail': {
        const ok = await this.write(batch, (w) => {
          w.job.lastError = { kind: 'refused', message: d.message, at: w.now };
          for (const key of w.batchKeys) w.settle(key, failed(d.code, d.message));
        });
        return ok ? 'again' : 'stop';
      }
      case 'repoll': {
        // The vendor's job is still what says how the batch went: asked again later, doubling
        // (a refusal answers at once), until poll() finds the job's deadline passed. A cancel stops
        // following it, as after a "still running" (the vendor may still apply it).
        if (this.job.cancelRequested) return this.toReconcile(batch, undefined, batch.vendorJobId);
        let wait = 0;
        const ok = await this.write(batch, (w) => {
          const b = w.job.batch!;
          b.failures += 1;
          wait = holdWaitMs(b.failures, this.ctx.random);
          w.job.lastError = { kind: 'transient', message: d.message, at: w.now, retryAt: new Date(this.ctx.now() + wait).toISOString() };
        });
        return ok ? wait : 'stop';
      }
      case 'reconcile': {
        const ok = await this.write(batch, (w) => {
          const { vendorJobId: _v, ...kept } = w.job.batch!;
          w.job.lastError = { kind: 'refused', message: d.message, at: w.now };
          w.job.batch = { ...kept, phase: 'sending', failReason: { code: d.code, message: d.message } };
        });
        return ok ? 'again' : 'stop';
      }
    }
  }

  /** A 401 or 429 on a send's first write (decide's undoSend): nothing was applied, the batch is back to "nothing sent". */
  private async undoSend(): Promise<void> {
    const batch = this.job.batch!;
    await this.write(batch, (w) => {
      const b = w.job.batch!;
      w.mark(w.batchKeys, 'queued');
      w.job.batch = { ...b, phase: 'ready', sends: Math.max(0, b.sends - 1) };
      w.job.attempts = Math.max(0, w.job.attempts - 1);
    });
  }

  /** One connector call: counts its requests, and an answer of any kind ends the account's outage. */
  private async call<T>(run: () => Promise<T>, options: { send?: boolean } = {}): Promise<T> {
    this.requestsLetThrough = 0;
    this.sending = options.send === true;
    try {
      const result = await run();
      this.ctx.outages.for(this.job.accountId).answered();
      return result;
    } finally {
      this.sending = false;
    }
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

  /** Answers young enough to stand for "now", by contact key (the plan's, or another job's). */
  private cachedAnswers(contacts: readonly Contact[]): Map<string, Membership | undefined> {
    const now = this.ctx.now();
    const answers = new Map<string, Membership | undefined>();
    for (const c of contacts) {
      const hit = this.ctx.memberships.get(this.job.accountId, this.job.targetKey, c.key, now);
      if (hit.found) answers.set(c.key, hit.membership);
    }
    return answers;
  }

  /** The contacts to look up plus, when lookahead allows, the next pending ones, for one membership call. */
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

  /** 0 when the account may be called now, else how long until it may (takes nothing). */
  tokenWait(): number {
    const now = this.ctx.now();
    return Math.max(this.ctx.outages.for(this.job.accountId).waitMs(now), this.ctx.limits.for(this.job.accountId).waitMs(now, { pace: true }));
  }

  /**
   * Before each request: our lease must still be ours (one connector call can be a hundred
   * requests and outlast half a lease). It is renewed when half gone; a renewal that fails (the
   * lease was taken, the agent paused or cancelled) stops the call before its next request.
   */
  private async keepLease(): Promise<void> {
    if (!this.active || this.leaseLeft() >= this.ctx.leaseMs / 2) return;
    this.renewing ??= (async () => {
      try {
        const job = await renew(this.ctx.db, this.jobId, this.ctx.owner, this.ctx.now(), this.ctx.leaseMs);
        if (!job) throw new LeaseLostError(this.jobId);
        this.job = job;
      } finally {
        this.renewing = undefined;
      }
    })();
    await this.renewing;
  }

  private async cancelAsked(): Promise<boolean> {
    const job = await this.ctx.db.jobs.get(this.jobId).catch(() => undefined);
    return job?.cancelRequested === true;
  }

  /**
   * ConnectorOptions.throttle: one token per HTTP request, as the vendor counts, paced so that
   * several agents on one account slow down together (rate-limit.ts). A short wait happens in
   * place; one longer than maxInlineWaitMs ends the call with a ThrottledError instead, and the
   * worker waits it out in run() (in place, or by releasing the job to an alarm). Vendor calls are
   * never made inside a Dexie transaction, so no transaction is held while waiting.
   */
  readonly throttle = async (endpoint: string, repeat = false): Promise<void> => {
    const vendor = this.target?.vendor ?? this.connector?.vendor ?? this.job.vendor;
    for (;;) {
      await this.keepLease();
      const now = this.ctx.now();
      const outage = this.ctx.outages.for(this.job.accountId).waitMs(now);
      const wait = outage > 0 ? outage : this.ctx.limits.for(this.job.accountId).take(now, { pace: true });
      if (wait <= 0) {
        const write = !endpoint.startsWith('GET ');
        // A cancel stops a send of many writes before its next one, not after the whole batch
        // (Zendesk's one POST per contact would otherwise create every person after the click),
        // a repeat after a renewal included. One read of the job row per write: the agent's
        // cancel is written there (control.ts); a failed read is no cancel, never an outage.
        if (write && this.sending && (await this.cancelAsked())) throw new CancelledMidSendError(this.jobId);
        // For decide(): a read before a send's write (Zendesk's GET /users/me) applied nothing, and
        // neither did the refused request a renewal sent again (counted once, as the vendor applied it once at most).
        if (write && !repeat) this.requestsLetThrough += 1;
        return;
      }
      if (wait > this.ctx.maxInlineWaitMs) throw new ThrottledError(vendor, endpoint, wait);
      await this.ctx.sleep(wait);
    }
  };
}
