import { describe, expect, it } from 'vitest';
import { drain, tally, world } from './helpers';

/** Vendor calls in order, as `op@ms since start` (failed calls marked with `!`). */
function timeline(calls: { op: string; at: number; ok: boolean }[]): string[] {
  const start = calls[0]?.at ?? 0;
  return calls.map((c) => `${c.op}${c.ok ? '' : '!'}@${c.at - start}`);
}

describe('rate limits', { timeout: 20_000 }, () => {
  it('honours a 429 storm: waits each Retry-After, fails nothing, spends no attempt', async () => {
    const w = await world(30, { batchLimit: 10 });
    w.vendor.inject('any', { kind: '429', retryAfterMs: 5_000 }, 6, 1);
    await drain(w.engine(), w.clock);

    const calls = w.vendor.calls;
    for (let i = 1; i < calls.length; i++) {
      if (!calls[i - 1]!.ok) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(5_000);
    }
    expect(w.vendor.injected429).toBe(6);
    expect(w.vendor.own429).toBe(0);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 30 });
    expect(t.job.attempts).toBe(3); // a refused call is not an attempt
    expect(w.vendor.duplicates()).toBe(0);
  });

  it('keeps under the vendor’s own limit and uses at least 90% of it', async () => {
    // One contact per batch: 2 calls per contact, 10 windows of 8 calls.
    const w = await world(40, { batchLimit: 1, rateLimit: { limit: 8, windowMs: 1_000 } });
    await drain(w.engine(), w.clock);

    expect(w.vendor.own429).toBe(0);
    const ok = w.vendor.calls.filter((c) => c.ok).length;
    expect(ok).toBe(80);
    expect(ok / (w.vendor.windowsOpened * 8)).toBeGreaterThanOrEqual(0.9);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 40 });
  });

  it('meters every request of a look-up, not one per call: no 429 and at least 90% of the window used', async () => {
    // One memberships() call is one request per contact (as Zendesk's searches), so each batch of
    // 10 is 11 requests against a limit of 10: a token per call would run every look-up past it.
    const w = await world(100, { batchLimit: 10, rateLimit: { limit: 10, windowMs: 1_000 }, membershipRequests: (n) => n });
    await drain(w.engine(), w.clock);

    expect(w.vendor.own429).toBe(0);
    const ok = w.vendor.requests.filter((r) => r.ok).length;
    expect(ok).toBe(110);
    expect(w.vendor.windowsOpened).toBe(11);
    expect(ok / (w.vendor.windowsOpened * 10)).toBeGreaterThanOrEqual(0.9);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 100 });
    expect(w.vendor.duplicates()).toBe(0);
  });

  it('a token wait longer than maxInlineWaitMs in the middle of a look-up releases the job, with no 429', async () => {
    // Batch 1 is 10 searches and a send (11 of 12); batch 2's look-up gets 1 search out, then the
    // 2nd would wait ~60 s for the window: the look-up stops before sending it.
    const w = await world(20, { batchLimit: 10, rateLimit: { limit: 12, windowMs: 60_000 }, membershipRequests: (n) => n });
    const engine = w.engine({ maxInlineWaitMs: 5_000 });
    const first = await engine.start();
    const j = await w.db.jobs.get(w.jobId);
    expect(w.vendor.requests.map((r) => r.op).join(',')).toBe([...Array(10).fill('memberships'), 'send', 'memberships'].join(','));
    expect(j).toMatchObject({ status: 'queued', lastError: { kind: 'rate_limited' } });
    expect(j?.lease).toBeUndefined();
    expect(first.nextWakeAt).toBeGreaterThan(w.clock.now() + 5_000);
    await drain(engine, w.clock);
    expect(w.vendor.own429).toBe(0);
    expect(w.vendor.requests).toHaveLength(12 + 11); // the cut look-up is asked again in full
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 20 });
    expect(w.vendor.duplicates()).toBe(0);
  });

  it('waits longer than maxInlineWaitMs by releasing the job with a wake-up time', async () => {
    const w = await world(10, { batchLimit: 10 });
    w.vendor.inject('memberships', { kind: '429', retryAfterMs: 120_000 });
    const engine = w.engine();
    const first = await engine.start();
    const j = await w.db.jobs.get(w.jobId);
    expect(j).toMatchObject({ status: 'queued', lastError: { kind: 'rate_limited' } });
    expect(j?.lease).toBeUndefined();
    expect(first.nextWakeAt).toBe(w.clock.now() + 120_000);
    await drain(engine, w.clock);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10 });
  });
});

describe('5xx and dropped connections', { timeout: 20_000 }, () => {
  it('retries a 5xx after checking the vendor, then succeeds', async () => {
    const w = await world(10, { batchLimit: 10 });
    w.vendor.inject('send', { kind: '5xx' }, 2);
    await drain(w.engine(), w.clock);

    expect(timeline(w.vendor.calls).map((c) => c.split('@')[0])).toEqual([
      'memberships', 'send!', 'memberships', 'send!', 'memberships', 'send',
    ]);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 10 });
    expect(t.rows.every((r) => r.attempts === 3)).toBe(true);
    const events = await w.db.events.where('jobId').equals(w.jobId).toArray();
    expect(events.filter((e) => e.contactKey === w.people[0]!.key).map((e) => e.type)).toEqual(['queued', 'retried', 'retried', 'invited']);
    expect(w.vendor.duplicates()).toBe(0);
  });

  it('backs off exponentially with jitter between tries', async () => {
    const w = await world(10, { batchLimit: 10 });
    w.vendor.inject('memberships', { kind: '5xx' }, 4);
    await drain(w.engine({ random: () => 1 }), w.clock);
    const at = w.vendor.calls.map((c) => c.at);
    const gaps = at.slice(1, 5).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000]); // random()=1: the whole ceiling
  });

  it('fails the items only after maxAttempts sends the vendor showed it never applied, and goes on with the next batch', async () => {
    const w = await world(20, { batchLimit: 10 });
    w.vendor.inject('send', { kind: '5xx' }, 5);
    await drain(w.engine({ maxAttempts: 5 }), w.clock);

    expect(w.vendor.count('send')).toBe(6); // five for the first batch, one for the second
    // Each failed send was followed by a membership read before anything was sent again.
    expect(w.vendor.calls.map((c) => c.op).slice(0, 11).join(',')).toBe('memberships,send,memberships,send,memberships,send,memberships,send,memberships,send,memberships');
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ failed: 10, invited: 10 });
    expect(t.rows[0]!.reason).toEqual({
      code: 'VENDOR_ANSWER_LOST',
      message: 'sent 5 times; Zendesk never applied it (last: zendesk send: injected 503)',
    });
    expect(t.job).toMatchObject({ status: 'completed', counts: { total: 20, invited: 10, failed: 10 } });
  });

  it('reconciles an answer lost after the vendor applied the batch: nothing is sent twice', async () => {
    const w = await world(20, { batchLimit: 10 });
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine(), w.clock);

    expect(w.vendor.count('send')).toBe(2);
    expect(w.vendor.duplicates()).toBe(0);
    expect([...w.vendor.invites.values()].every((n) => n === 1)).toBe(true);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 20 });
  });

  it('reconciles a lost answer to a vendor job (its id never arrived) once the job has run', async () => {
    const w = await world(20, { batchLimit: 10, mode: 'job', jobDurationMs: 4_000 });
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine({ reconcileAfterMs: 10_000 }), w.clock);

    expect(w.vendor.count('send')).toBe(2);
    expect(w.vendor.duplicates()).toBe(0);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 20 });
  });

  it('never reads an unreadable answer as success: members become invited, the others fail', async () => {
    const w = await world(10, { batchLimit: 10 });
    w.vendor.inject('send', { kind: 'unreadable' });
    await drain(w.engine(), w.clock);
    // The vendor did apply it: reconciliation finds every one a member.
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10 });
    expect(w.vendor.count('send')).toBe(1);
  });

  it("an unreadable answer on Zendesk waits for its search to show the people it created before failing anyone", async () => {
    const w = await world(10, { batchLimit: 10, searchLagMs: 2 * 60_000 });
    w.vendor.inject('send', { kind: 'unreadable' });
    await drain(w.engine(), w.clock);
    // Read at 10 s, the search showed nobody; read again once it can, it shows all ten.
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10 });
    expect(w.vendor.count('send')).toBe(1);
    expect(w.vendor.count('memberships')).toBeGreaterThanOrEqual(2);
  });

  it('a vendor job whose status is refused once is asked again, and its answer settles the batch: nobody fails while it runs', async () => {
    const w = await world(10, { batchLimit: 10, mode: 'job', jobDurationMs: 60_000 });
    w.vendor.inject('poll', { kind: 'refused', status: 404, code: 'RecordNotFound' });
    // A vendor whose memberships show at once (Zoho's lists): a read at the refusal, before its
    // job ran, would have shown nobody and failed all ten while the job invited them.
    await drain(w.engine({ membershipLagMs: 0 }), w.clock);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10 });
    expect(w.vendor.count('send')).toBe(1);
    expect(w.vendor.count('memberships')).toBe(1); // the first check only
  });

  it('a vendor job whose status stays unreadable is asked again, spaced out, until its deadline, then reconciled: what it did is found, the rest sent again', async () => {
    const w = await world(10, { batchLimit: 10, mode: 'job', jobDurationMs: 60_000 });
    w.vendor.inject('poll', { kind: 'unreadable' }, Number.POSITIVE_INFINITY);
    const deadlineMs = 10 * 60_000;
    await drain(w.engine({ membershipLagMs: 0, vendorJobDeadlineMs: deadlineMs }), w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 10 });
    // Sent once: the job had run by the deadline, the reconcile found all ten.
    expect(w.vendor.count('send')).toBe(1);
    // Asked again with doubling waits (1 s, 2 s, … up to the deadline), not every second for ten minutes.
    expect(w.vendor.count('poll')).toBeGreaterThan(3);
    expect(w.vendor.count('poll')).toBeLessThan(15);
  });

  it('a vendor job whose status keeps failing (no answer) is reconciled once its deadline passes, not polled for ever', async () => {
    const w = await world(10, { batchLimit: 10, mode: 'job', jobDurationMs: 60_000 });
    w.vendor.inject('poll', { kind: '5xx' }, Number.POSITIVE_INFINITY);
    await drain(w.engine({ membershipLagMs: 0, vendorJobDeadlineMs: 10 * 60_000 }), w.clock);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10 });
    expect(w.vendor.count('send')).toBe(1);
  });

  it('on Zendesk, the same reconciliation waits for its search, and finds what the job did meanwhile', async () => {
    const w = await world(10, { batchLimit: 10, mode: 'job', jobDurationMs: 60_000 });
    w.vendor.inject('poll', { kind: 'refused', status: 404, code: 'RecordNotFound' });
    await drain(w.engine(), w.clock);
    // Read at 10 s, nobody showed; read once Zendesk's search can show people made by then, the job had run.
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 10 });
    expect(w.vendor.count('send')).toBe(1);
  });
});

describe('authentication', { timeout: 20_000 }, () => {
  it('a token renewed by the connector is invisible to the job', async () => {
    const w = await world(30, { batchLimit: 10 });
    w.vendor.onCall = (op, nth) => {
      if (op === 'send' && nth === 1) w.vendor.expireToken({ renewable: true });
    };
    await drain(w.engine(), w.clock);
    expect(w.vendor.renewals).toBe(1);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 30 });
  });

  it('a failed refresh pauses the job, fails nothing, and reconnecting resumes it', async () => {
    const w = await world(30, { batchLimit: 10 });
    w.vendor.onCall = (op, nth) => {
      if (op === 'memberships' && nth === 2) w.vendor.expireToken({ renewable: false });
    };
    const engine = w.engine();
    const idle = await drain(engine, w.clock);

    expect(idle.nextWakeAt).toBeUndefined(); // a paused job waits for the agent, not for an alarm
    let t = await tally(w.db, w.jobId, w.people);
    expect(t.job).toMatchObject({ status: 'paused', pauseReason: 'reconnect', lastError: { kind: 'auth' } });
    expect(t.by).toEqual({ invited: 10, queued: 20 });
    expect(t.job.batch?.phase).toBe('ready'); // the refused send is known not to have happened

    w.vendor.reconnect();
    w.vendor.onCall = undefined;
    expect(await engine.reconnected('acme')).toEqual([w.jobId]);
    await drain(engine, w.clock);
    t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('completed');
    expect(t.by).toEqual({ invited: 30 });
    expect(w.vendor.duplicates()).toBe(0);
  });
});
