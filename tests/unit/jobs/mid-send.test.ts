import { describe, expect, it } from 'vitest';
import type { Connector } from '../../../core/vendors/types';
import type { ConnectorHooks } from '../../../core/jobs';
import { MEMBERSHIP_LAG_MS, OUTAGE_MAX_WAIT_MS } from '../../../core/jobs/bounds';
import { AuthRequiredError, RateLimitedError, StoppedBeforeSendError } from '../../../core/vendors/http';
import { drain, job, tally, world, type World } from './helpers';

/**
 * A send of many requests refused in its middle (Zendesk's `createOneByOne`: one POST per contact,
 * the path agents always take), and a reconciliation whose membership read is refused.
 */

/**
 * The fake vendor, except that send() is a read, then one create request per contact, each waiting
 * for the account's throttle as VendorClient does; the `refuseAt`-th create (counted over the whole
 * test) is refused with `refusal()` and applies nothing, the ones before it stay applied.
 */
function oneByOne(w: World, refuseAt: number, refusal: () => Error, options: { batchSize?: number; afterCreate?: (n: number) => Promise<void>; repeatAt?: number } = {}) {
  let requests = 0;
  return (_account: string, hooks: ConnectorHooks): Connector => {
    const base = w.vendor.connector(hooks);
    return {
      ...base,
      batchSize: () => options.batchSize ?? 5,
      send: async (_t, action, people) => {
        // As Zendesk's send() asks who the agent is first (once per connector, one per worker life).
        await hooks.throttle('GET /api/v2/users/me');
        const outcomes = [];
        for (const [i, c] of people.entries()) {
          // `repeatAt`: that create goes out as the HTTP client repeats a request a renewal cured.
          try {
            await hooks.throttle('POST /api/v2/users', requests + 1 === options.repeatAt);
          } catch (error) {
            // As the Zendesk connector does (createOneByOne): a cancel stops it, and says who was never sent.
            if (error instanceof StoppedBeforeSendError && error.why === 'cancelled') return { kind: 'done', outcomes, notSent: people.slice(i).map((p) => p.id) };
            throw error;
          }
          if (++requests === refuseAt) throw refusal();
          const email = c.email!.toLowerCase();
          w.vendor.invites.set(email, (w.vendor.invites.get(email) ?? 0) + 1);
          if (w.vendor.members.has(email)) {
            outcomes.push({ contactId: c.id, result: { status: 'already_member' as const } });
            continue;
          }
          w.vendor.members.set(email, { status: 'invited', invitedAt: new Date(w.clock.now()).toISOString() });
          outcomes.push({ contactId: c.id, result: { status: 'invited' as const } });
          await options.afterCreate?.(requests);
        }
        expect(action).toBe('invite');
        return { kind: 'done', outcomes };
      },
    };
  };
}

function addsUp(counts: { total: number; invited: number; already_member: number; failed: number; skipped: number }): boolean {
  return counts.total === counts.invited + counts.already_member + counts.failed + counts.skipped;
}

describe('a send of one request per contact refused in its middle', { timeout: 20_000 }, () => {
  it('a 429 on the 4th create: the 3 created are reconciled as invited, the other 2 sent once', async () => {
    const w = await world(5);
    const engine = w.engine({ connectorFor: oneByOne(w, 4, () => new RateLimitedError('zendesk', 'POST /api/v2/users', 60_000, 'Rate limit exceeded')) });

    await engine.start(); // the Retry-After (60 s) is longer than an inline wait: released
    const cut = await job(w.db, w.jobId);
    expect(cut.batch).toMatchObject({ phase: 'sending', sends: 1 }); // not undone: 3 were applied
    expect(cut.lastError?.kind).toBe('rate_limited');
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ sending: 5 });

    await drain(engine, w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 5 });
    expect(t.job).toMatchObject({ status: 'completed', counts: { total: 5, invited: 5, already_member: 0, failed: 0, skipped: 0 } });
    expect(addsUp(t.job.counts)).toBe(true);
    expect(w.vendor.duplicates()).toBe(0);
    expect([...w.vendor.invites.values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('a 401 on the 4th create: the job pauses with the batch to reconcile; after reconnecting, all 5 are invited', async () => {
    const w = await world(5);
    const engine = w.engine({ connectorFor: oneByOne(w, 4, () => new AuthRequiredError('zendesk', 'POST /api/v2/users', 'the session ended')) });

    const idle = await drain(engine, w.clock);
    expect(idle.nextWakeAt).toBeUndefined();
    const paused = await job(w.db, w.jobId);
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'reconnect', lastError: { kind: 'auth' } });
    expect(paused.batch).toMatchObject({ phase: 'sending', sends: 1 });
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ sending: 5 }); // unknown, never failed

    expect(await engine.reconnected('acme')).toEqual([w.jobId]);
    await drain(engine, w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 5 });
    expect(t.job).toMatchObject({ status: 'completed', counts: { total: 5, invited: 5, already_member: 0, failed: 0, skipped: 0 } });
    expect(addsUp(t.job.counts)).toBe(true);
    expect(w.vendor.duplicates()).toBe(0);
    expect([...w.vendor.invites.values()]).toEqual([1, 1, 1, 1, 1]);
  });

  // The read before it is no write: nothing is applied either way.
  it.each([
    ['429', () => new RateLimitedError('zendesk', 'POST /api/v2/users', 60_000, 'Rate limit exceeded')],
    ['401', () => new AuthRequiredError('zendesk', 'POST /api/v2/users', 'the session ended')],
  ])('a %s on the 1st create still undoes the send: nothing was applied', async (status, refusal) => {
    const w = await world(5);
    const engine = w.engine({ connectorFor: oneByOne(w, 1, refusal) });

    await engine.start();
    const cut = await job(w.db, w.jobId);
    expect(cut.batch).toMatchObject({ phase: 'ready', sends: 0 });
    expect(cut.attempts).toBe(0);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ queued: 5 });

    if (status === '401') expect(await engine.reconnected('acme')).toEqual([w.jobId]);
    await drain(engine, w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 5 });
    expect(t.job).toMatchObject({ status: 'completed', attempts: 1, counts: { total: 5, invited: 5, already_member: 0 } });
    expect(w.vendor.duplicates()).toBe(0);
  });
});

describe('a cancel during a send of one request per contact', { timeout: 20_000 }, () => {
  it('stops before the next create: those created are invited, nobody is created after the click, the rest is cancelled', async () => {
    const w = await world(20);
    let engine: ReturnType<World['engine']> | undefined;
    // The agent clicks Cancel (and confirms) just after the 3rd person was created.
    const afterCreate = async (n: number) => {
      if (n === 3) await engine!.cancel(w.jobId);
    };
    engine = w.engine({ connectorFor: oneByOne(w, 0, () => new Error('never refused'), { batchSize: 20, afterCreate }) });

    await drain(engine, w.clock);
    expect([...w.vendor.invites.values()]).toEqual([1, 1, 1]);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 3, skipped: 17 });
    expect(t.job).toMatchObject({ status: 'cancelled', counts: { total: 20, invited: 3, already_member: 0, failed: 0, skipped: 17 } });
    expect(addsUp(t.job.counts)).toBe(true);
    // Those never sent end at once: no wait for Zendesk's search to show (or not show) them.
    expect(Date.parse(t.job.updatedAt) - Date.parse(t.job.createdAt)).toBeLessThan(MEMBERSHIP_LAG_MS.zendesk);
  });

  it('stops a repeat after a renewal too: the refused request was not applied, so its repeat would be a new write after the click', async () => {
    const w = await world(5);
    let engine: ReturnType<World['engine']> | undefined;
    const afterCreate = async (n: number) => {
      if (n === 2) await engine!.cancel(w.jobId);
    };
    engine = w.engine({ connectorFor: oneByOne(w, 0, () => new Error('never refused'), { afterCreate, repeatAt: 3 }) });

    await drain(engine, w.clock);
    expect([...w.vendor.invites.values()]).toEqual([1, 1]);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 2, skipped: 3 });
  });

  it('a job row that cannot be read during the send is no cancel and no outage: the send goes on', async () => {
    const w = await world(5);
    const read = w.db.jobs.get.bind(w.db.jobs);
    // IndexedDB fails the reads while the 2nd and 3rd people are created.
    const afterCreate = async (n: number) => {
      if (n === 1) (w.db.jobs as { get: unknown }).get = () => Promise.reject(new Error('disk I/O error'));
      if (n === 3) (w.db.jobs as { get: unknown }).get = read;
    };
    const engine = w.engine({ connectorFor: oneByOne(w, 0, () => new Error('never refused'), { afterCreate }) });

    await drain(engine, w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 5 });
    expect(t.job.lastError).toBeUndefined();
    expect([...w.vendor.invites.values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('a cancel before the first create sends nothing at all', async () => {
    const w = await world(5);
    let engine: ReturnType<World['engine']> | undefined;
    const connectorFor = oneByOne(w, 0, () => new Error('never refused'));
    engine = w.engine({
      connectorFor: (account, hooks) => {
        const base = connectorFor(account, hooks);
        // The click lands between the batch being marked `sending` and its first request.
        return { ...base, send: async (...args) => (await engine!.cancel(w.jobId), base.send(...args)) };
      },
    });

    await drain(engine, w.clock);
    expect(w.vendor.invites.size).toBe(0);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ skipped: 5 });
    expect(t.job).toMatchObject({ status: 'cancelled', counts: { total: 5, invited: 0, skipped: 5 } });
  });
});

describe('a membership read refused while reconciling', { timeout: 20_000 }, () => {
  it('fails nothing, asks again with growing waits, and settles the batch once the read is allowed', async () => {
    // The send is applied, its answer lost; then the agent loses the permission to read members.
    const w = await world(10, { batchLimit: 10 });
    w.vendor.inject('send', { kind: 'drop' });
    w.vendor.inject('memberships', { kind: 'refused', status: 403, code: 'NO_PERMISSION' }, 1_000, 1);
    const engine = w.engine();

    await drain(engine, w.clock, 12);
    const held = await tally(w.db, w.jobId, w.people);
    expect(held.by).toEqual({ sending: 10 }); // "checking with Zendesk", never failed on a guess
    expect(held.job.status).not.toBe('completed');
    expect(held.job.lastError).toMatchObject({ kind: 'refused' });
    expect(held.job.lastError?.message).toContain('NO_PERMISSION');
    // No tight loop: each refused read waits longer than the one before (random 0.5: ¾ of a ceiling
    // doubling from 1 s; the drop before cost the batch one failure), up to OUTAGE_MAX_WAIT_MS's ¾.
    const refused = w.vendor.calls.filter((c) => c.op === 'memberships' && !c.ok).map((c) => c.at);
    const gaps = refused.slice(1).map((t, i) => t - refused[i]!);
    expect(gaps).toEqual([1_500, 3_000, 6_000, 12_000, 24_000, 48_000, 96_000, 192_000, 384_000, ...Array(6).fill(0.75 * OUTAGE_MAX_WAIT_MS)]);
    // Released to an alarm, and the panel can say when it asks again.
    const retryAt = new Date(refused.at(-1)! + 0.75 * OUTAGE_MAX_WAIT_MS).toISOString();
    expect(held.job).toMatchObject({ status: 'queued', nextAttemptAt: retryAt, lastError: { retryAt } });

    // The admin gives the permission back: the batch settles as the vendor shows it.
    w.vendor.clearFaults();
    await drain(engine, w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 10 });
    expect(t.job).toMatchObject({ status: 'completed', counts: { total: 10, invited: 10, failed: 0 } });
    expect(w.vendor.count('send')).toBe(1);
    expect(w.vendor.duplicates()).toBe(0);
  });

  it('a cancel ends a held batch at once, saying the vendor would not tell, and sends nothing', async () => {
    const w = await world(10, { batchLimit: 10 });
    w.vendor.inject('send', { kind: 'drop' });
    w.vendor.inject('memberships', { kind: 'refused', status: 403, code: 'NO_PERMISSION' }, 1_000, 1);
    const engine = w.engine();
    await drain(engine, w.clock, 4);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ sending: 10 });
    await engine.cancel(w.jobId);
    await drain(engine, w.clock, 4);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('cancelled');
    expect(t.by).toEqual({ skipped: 10 });
    expect(t.rows[0]!.reason?.message).toMatch(/^cancelled; Zendesk refused to say whether it was applied \(.*NO_PERMISSION.*\); check the person there/);
    expect(w.vendor.count('send')).toBe(1);
  });

  it('a refusal that lasts a day ends the items "may have been sent", never held for ever', async () => {
    const w = await world(10, { batchLimit: 10 });
    w.vendor.inject('send', { kind: 'drop' });
    w.vendor.inject('memberships', { kind: 'refused', status: 403, code: 'NO_PERMISSION' }, 1_000_000, 1);
    await drain(w.engine(), w.clock, 400);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('completed');
    expect(t.by).toEqual({ failed: 10 });
    expect(t.rows[0]!.reason).toMatchObject({ code: 'MAYBE_SENT', message: expect.stringMatching(/^may have been sent: Zendesk refused to say/) });
    expect(w.clock.now() - Date.parse(t.rows[0]!.updatedAt)).toBeLessThan(60_000);
    expect(w.vendor.count('send')).toBe(1);
  });
});
