import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../core/eligibility';
import { createJob } from '../../../core/jobs';
import { OUTAGE_MAX_WAIT_MS } from '../../../core/jobs/bounds';
import { MembershipCache } from '../../../core/jobs/memberships';
import { contacts, DESK_TARGET_KEY, drain, job, rows, tally, target, TARGET_KEY, world } from './helpers';

const DAY = 86_400_000;

/** Issue #9: what an ordinary bad day on the network does to a job, with the fake vendor's clock. */
describe('a vendor that stops answering', { timeout: 20_000 }, () => {
  it('fails nothing: the account waits with doubling waits, says when it tries again, and resumes by itself', async () => {
    const w = await world(20, { batchLimit: 10 });
    w.vendor.inject('any', { kind: '5xx' }, 12);
    const engine = w.engine({ random: () => 1, maxInlineWaitMs: 20_000 });

    const first = await engine.start();
    // 1, 2, 4, 8, 16 s waited in place; the sixth wait (32 s) is for an alarm.
    const gaps = w.vendor.calls.slice(0, 6).map((c, i, all) => (i === 0 ? 0 : c.at - all[i - 1]!.at));
    expect(gaps).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000]);
    const waiting = await job(w.db, w.jobId);
    expect(waiting).toMatchObject({ status: 'queued', lastError: { kind: 'transient' } });
    expect(waiting.lastError?.retryAt).toBe(new Date(w.clock.now() + 32_000).toISOString());
    expect(first.nextWakeAt).toBe(w.clock.now() + 32_000);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ queued: 20 });

    await drain(engine, w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 20 });
    expect(t.job.lastError).toBeUndefined();
    expect(w.vendor.duplicates()).toBe(0);
  });

  it('never waits longer than OUTAGE_MAX_WAIT_MS between tries, however long the outage', async () => {
    const w = await world(5, { batchLimit: 10 });
    w.vendor.inject('memberships', { kind: '5xx' }, 30);
    await drain(w.engine({ random: () => 1 }), w.clock, 500);
    const at = w.vendor.calls.map((c) => c.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.max(...gaps)).toBe(OUTAGE_MAX_WAIT_MS);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 5 });
  });

  it('a send whose answer never came stays unknown (sending) until a membership read settles it', async () => {
    const w = await world(10, { batchLimit: 10 });
    // The send is applied, its answer lost; then the vendor is silent for a while.
    w.vendor.inject('send', { kind: 'drop' });
    w.vendor.inject('memberships', { kind: '5xx' }, 6, 1);
    const engine = w.engine({ random: () => 1, maxInlineWaitMs: 5_000 });
    await engine.start();
    let t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ sending: 10 }); // "checking with Zendesk", never failed
    await drain(engine, w.clock);
    t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 10 });
    expect(w.vendor.count('send')).toBe(1);
    expect(w.vendor.duplicates()).toBe(0);
  });
});

describe('what this job sent is never "already a member"', { timeout: 20_000 }, () => {
  it('an invitation applied late, after reconciliation found nobody, is reported invited', async () => {
    const w = await world(10, { batchLimit: 10, mode: 'job', jobDurationMs: 30_000, pollAfterMs: 1_000 });
    // The send reached the vendor but its answer was lost; its vendor job runs 30 s, longer than
    // the reconciliation waits, so the resend meets the first job's invitations.
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine({ reconcileAfterMs: 10_000 }), w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 10 });
    expect(t.rows.every((r) => r.reason === undefined)).toBe(true);
  });

  it('a lost answer to a re-invite is reconciled with the vendor clock a few minutes behind', async () => {
    const w = await world(0, { batchLimit: 10, vendor: 'zoho_desk', vendorClockSkewMs: -3 * 60_000 });
    const people = contacts(4, w.clock.now(), 1, 'zoho_desk');
    const old = new Date(w.clock.now() - 8 * DAY).toISOString();
    for (const c of people) w.vendor.members.set(c.email!.toLowerCase(), { status: 'invited', invitedAt: old });
    const t = target(w.clock.now(), true);
    const plan = planBulk(people.map((c) => ({ ...c, membership: { status: 'invited' as const, invitedAt: old } })), t, { role: 'admin' }, new Date(w.clock.now()));
    const id = await createJob(w.db, { target: t, action: 'reinvite', contacts: people, plan, now: new Date(w.clock.now()) });
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine({ clockSkewMs: 5 * 60_000 }), w.clock);
    expect((await rows(w.db, people, DESK_TARGET_KEY)).map((r) => r.status)).toEqual(['invited', 'invited', 'invited', 'invited']);
    expect([...w.vendor.reinvites.values()]).toEqual([1, 1, 1, 1]); // dated 3 min "before" the send, still ours
    expect((await job(w.db, id)).status).toBe('completed');
  });

  it('with a skew larger than allowed, reconciliation does not count it, but the check before any resend does: nothing is sent twice', async () => {
    const w = await world(0, { batchLimit: 10, vendor: 'zoho_desk', vendorClockSkewMs: -10 * 60_000 });
    const people = contacts(2, w.clock.now(), 1, 'zoho_desk');
    const old = new Date(w.clock.now() - 8 * DAY).toISOString();
    for (const c of people) w.vendor.members.set(c.email!.toLowerCase(), { status: 'invited', invitedAt: old });
    const t = target(w.clock.now(), true);
    const plan = planBulk(people.map((c) => ({ ...c, membership: { status: 'invited' as const, invitedAt: old } })), t, { role: 'admin' }, new Date(w.clock.now()));
    await createJob(w.db, { target: t, action: 'reinvite', contacts: people, plan, now: new Date(w.clock.now()) });
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine({ clockSkewMs: 5 * 60_000 }), w.clock);
    // Reconciliation reads the dates as older than the send; the check before resending sees a
    // re-invitation younger than 7 days, which this batch sent: ours, and not sent again.
    expect([...w.vendor.reinvites.values()]).toEqual([1, 1]);
    expect((await rows(w.db, people, DESK_TARGET_KEY)).map((r) => r.status)).toEqual(['invited', 'invited']);
  });
});

describe('vendor jobs that never finish, and the agent’s controls', { timeout: 20_000 }, () => {
  it('a vendor job stuck past its deadline is reconciled from memberships, not polled forever', async () => {
    const w = await world(10, { batchLimit: 10, mode: 'job', jobDurationMs: 10 * DAY, pollAfterMs: 60_000 });
    await drain(w.engine({ vendorJobDeadlineMs: 30 * 60_000, maxAttempts: 2 }), w.clock, 1_000);
    const polls = w.vendor.count('poll');
    expect(polls).toBeGreaterThan(20);
    expect(polls).toBeLessThanOrEqual(2 * 31); // two sends, each followed for 30 min at one poll a minute
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.allFinal).toBe(true);
    expect(t.by).toEqual({ failed: 10 });
    expect(t.rows[0]!.reason?.code).toBe('VENDOR_ANSWER_LOST');
    expect(t.rows[0]!.reason?.message).toMatch(/did not finish within its deadline/);
  });

  it('Cancel stops polling at once, reconciles, and ends the job cancelled with honest states', async () => {
    const w = await world(20, { batchLimit: 10, mode: 'job', jobDurationMs: 10 * DAY, pollAfterMs: 60_000 });
    const engine = w.engine();
    await engine.start(); // the first batch is sent, its vendor job waits for a poll in a minute
    expect(await job(w.db, w.jobId)).toMatchObject({ status: 'queued', batch: { phase: 'polling' } });
    const sends = w.vendor.count('send');
    await engine.cancel(w.jobId);
    await drain(engine, w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('cancelled');
    expect(w.vendor.count('send')).toBe(sends); // nothing new after the cancel
    expect(t.by).toEqual({ skipped: 20 });
    // Its vendor job was still queued: the vendor may run it yet, and the row says so.
    expect(t.rows[0]!.reason?.message).toMatch(/^cancelled while .* job \S+ was still running: .* may still apply it; check before inviting again$/);
    expect(t.rows[19]!.reason).toEqual({ code: 'JOB_CANCELLED' });
  });

  it('Pause with a batch in flight says Pausing until it is answered, sends nothing more, then pauses', async () => {
    const w = await world(30, { batchLimit: 10, mode: 'job', jobDurationMs: 3_000, pollAfterMs: 60_000 });
    const engine = w.engine();
    await engine.start();
    await engine.pause(w.jobId);
    expect(await job(w.db, w.jobId)).toMatchObject({ status: 'queued', pauseRequested: true });
    const sends = w.vendor.count('send');
    await drain(engine, w.clock);
    const paused = await job(w.db, w.jobId);
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'agent' });
    expect(paused.pauseRequested).toBeUndefined();
    expect(w.vendor.count('send')).toBe(sends);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10, queued: 20 });
    await engine.resume(w.jobId);
    await drain(engine, w.clock);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 30 });
  });

  it('Pause during the membership look-up: the batch is not sent', async () => {
    const w = await world(10, { batchLimit: 10 });
    const engine = w.engine();
    w.vendor.onCall = async (op) => {
      if (op === 'memberships') await engine.pause(w.jobId);
    };
    await drain(engine, w.clock);
    expect(w.vendor.count('send')).toBe(0);
    expect(await job(w.db, w.jobId)).toMatchObject({ status: 'paused', pauseReason: 'agent' });
  });

  it('a lease lost in the middle of a look-up stops the look-up before its next request', async () => {
    const w = await world(10, { batchLimit: 10, membershipRequests: (n) => n });
    const engine = w.engine({ leaseMs: 60_000 });
    let requests = 0;
    w.vendor.onCall = undefined;
    // Each request takes 20 s of the clock: by the third, half the lease is gone and renewing finds
    // another owner holding the job.
    const hooks = w.vendor.connector.bind(w.vendor);
    w.vendor.connector = (h = {}) =>
      hooks({
        ...h,
        throttle: async (op) => {
          requests += 1;
          if (requests === 3) await w.db.jobs.update(w.jobId, { lease: { owner: 'someone-else', until: new Date(w.clock.now() + 60_000).toISOString() } });
          w.clock.advance(20_000);
          await h.throttle?.(op);
        },
      });
    await engine.start();
    expect(w.vendor.requests.length).toBeLessThan(10);
    expect(w.vendor.count('send')).toBe(0);
    expect((await job(w.db, w.jobId)).lease?.owner).toBe('someone-else');
  });
});

describe('membership answers', { timeout: 20_000 }, () => {
  it('are reused while younger than the allowed age, and not after', async () => {
    const w = await world(10, { batchLimit: 10 });
    const cache = new MembershipCache(30_000);
    // Read by the plan 10 s ago: nobody is a member.
    for (const c of w.people) cache.set('acme', TARGET_KEY, c.key, undefined, w.clock.now() - 10_000);
    await drain(w.engine({ memberships: cache }), w.clock);
    expect(w.vendor.count('memberships')).toBe(0);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10 });

    const old = await world(10, { batchLimit: 10 });
    const stale = new MembershipCache(30_000);
    for (const c of old.people) stale.set('acme', TARGET_KEY, c.key, undefined, old.clock.now() - 31_000);
    await drain(old.engine({ memberships: stale }), old.clock);
    expect(old.vendor.count('memberships')).toBe(1);
  });

  it('a person sent to is forgotten at once: the next job on them asks the vendor', async () => {
    const cache = new MembershipCache(30_000);
    cache.set('acme', TARGET_KEY, 'k1', undefined, 1_000);
    expect(cache.get('acme', TARGET_KEY, 'k1', 2_000)).toEqual({ found: true, membership: undefined });
    cache.forget('acme', TARGET_KEY, ['k1']);
    expect(cache.get('acme', TARGET_KEY, 'k1', 2_000)).toEqual({ found: false });
    cache.set('acme', TARGET_KEY, 'k2', { status: 'active' }, 1_000);
    expect(cache.get('acme', 'other-target', 'k2', 2_000)).toEqual({ found: false });
    expect(cache.get('acme', TARGET_KEY, 'k2', 31_001)).toEqual({ found: false });
  });
});
