import { describe, expect, it } from 'vitest';
import { cancelJob, claim, pauseJob, renew } from '../../../core/jobs';
import { writeJob } from '../../../core/jobs/store';
import { drain, tally, world } from './helpers';

describe('pause, resume, cancel', { timeout: 20_000 }, () => {
  it('pause stops after the call in flight; resume finishes the job', async () => {
    const w = await world(30, { batchLimit: 10 });
    const engine = w.engine();
    w.vendor.onCall = async (op, nth) => {
      if (op === 'send' && nth === 1) await engine.pause(w.jobId);
    };
    const idle = await drain(engine, w.clock);

    expect(idle.nextWakeAt).toBeUndefined();
    let t = await tally(w.db, w.jobId, w.people);
    // The answer of the send already made was still written: nothing is left uncertain.
    expect(t.by).toEqual({ invited: 10, queued: 20 });
    expect(t.job).toMatchObject({ status: 'paused', pauseReason: 'agent' });
    expect(t.job.lease).toBeUndefined();
    expect(w.vendor.count('send')).toBe(1);

    w.vendor.onCall = undefined;
    await engine.resume(w.jobId);
    await drain(engine, w.clock);
    t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('completed');
    expect(t.by).toEqual({ invited: 30 });
  });

  it('cancel skips what was not sent, with a reason and a cancelled event', async () => {
    const w = await world(30, { batchLimit: 10 });
    await pauseJob(w.db, w.jobId, w.clock.now());
    await cancelJob(w.db, w.jobId, w.clock.now());
    await drain(w.engine(), w.clock);

    const t = await tally(w.db, w.jobId, w.people);
    expect(t.job).toMatchObject({ status: 'cancelled', counts: { total: 30, skipped: 30 } });
    expect(t.rows.every((r) => r.status === 'skipped' && r.reason?.code === 'JOB_CANCELLED')).toBe(true);
    const events = await w.db.events.where('jobId').equals(w.jobId).toArray();
    expect(events.filter((e) => e.type === 'cancelled')).toHaveLength(30);
    expect(w.vendor.calls).toEqual([]);
  });

  it('cancel during a send: the batch in flight is settled from the vendor’s answer, the rest skipped', async () => {
    const w = await world(30, { batchLimit: 10 });
    const engine = w.engine();
    w.vendor.onCall = async (op, nth) => {
      if (op === 'send' && nth === 2) await engine.cancel(w.jobId);
    };
    await drain(engine, w.clock);

    const t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('cancelled');
    expect(t.by).toEqual({ invited: 20, skipped: 10 });
    expect(w.vendor.count('send')).toBe(2);
  });

  it('cancel while an answer is lost: the batch is reconciled with the vendor first, nothing resent', async () => {
    const w = await world(30, { batchLimit: 10 });
    w.vendor.inject('send', { kind: 'hang', apply: true }, 1, 1);
    void w.engine().start(); // this life dies during its second send
    await w.vendor.hung;
    await cancelJob(w.db, w.jobId, w.clock.now());
    w.clock.advance(60_001);
    await drain(w.engine(), w.clock);

    const t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('cancelled');
    expect(t.by).toEqual({ invited: 20, skipped: 10 });
    expect(w.vendor.duplicates()).toBe(0);
  });
});

describe('leases', { timeout: 20_000 }, () => {
  it('one owner at a time; a lease that ran out can be taken, and its old owner writes nothing more', async () => {
    const w = await world(10);
    const now = w.clock.now();
    expect(await claim(w.db, w.jobId, 'a', now, 60_000)).toMatchObject({ status: 'running', lease: { owner: 'a' } });
    expect(await claim(w.db, w.jobId, 'b', now + 59_999, 60_000)).toBeUndefined();
    expect(await renew(w.db, w.jobId, 'a', now + 30_000, 60_000)).toBeDefined();
    expect(await claim(w.db, w.jobId, 'b', now + 89_999, 60_000)).toBeUndefined(); // renewed until 90 s
    expect(await claim(w.db, w.jobId, 'b', now + 90_000, 60_000)).toMatchObject({ lease: { owner: 'b' } });
    expect(await renew(w.db, w.jobId, 'a', now + 90_001, 60_000)).toBeUndefined();
    // Fencing: a write on behalf of the old owner changes nothing.
    expect(await writeJob(w.db, w.jobId, { owner: 'a' }, now + 90_002, (x) => void (x.job.attempts = 99))).toBeUndefined();
    expect((await w.db.jobs.get(w.jobId))?.attempts).toBe(0);
  });

  it('two engines started together never work one job at once and never send twice', async () => {
    const w = await world(60, { batchLimit: 10, mode: 'job', jobDurationMs: 1_500 });
    const a = w.engine();
    const b = w.engine();
    await Promise.all([drain(a, w.clock), drain(b, w.clock), drain(a, w.clock)]);

    expect(w.vendor.maxSendsInFlight).toBe(1);
    expect(w.vendor.duplicates()).toBe(0);
    expect(w.vendor.count('send')).toBe(6);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 60 });
  });

  it('start() resumes a job whose worker died: its lease runs out and a new life takes it', async () => {
    const w = await world(20, { batchLimit: 10 });
    w.vendor.inject('memberships', { kind: 'hang', apply: false });
    void w.engine().start();
    await w.vendor.hung;
    // Before the lease runs out, a new life must leave the job alone.
    expect(await w.engine().start()).toEqual({ nextWakeAt: w.clock.now() + 60_000 });
    w.clock.advance(60_000);
    await drain(w.engine(), w.clock);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 20 });
  });
});
