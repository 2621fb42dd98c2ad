import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../core/eligibility';
import { createJob } from '../../../core/jobs';
import { contacts, DESK_TARGET_KEY, drain, job, rows, tally, target, world } from './helpers';

const DAY = 86_400_000;

describe('JobEngine: the happy path', { timeout: 20_000 }, () => {
  it('sends vendor-sized batches, writes every outcome with its event, and completes the job', async () => {
    const w = await world(95, { batchLimit: 10 });
    const result = await drain(w.engine(), w.clock);

    expect(result.nextWakeAt).toBeUndefined();
    const sends = w.vendor.calls.filter((c) => c.op === 'send');
    expect(sends.map((c) => c.size)).toEqual([...Array(9).fill(10), 5]);
    expect(w.vendor.batchViolations).toBe(0);
    // Each batch was preceded by its own membership look-up.
    expect(w.vendor.calls.map((c) => c.op)).toEqual(Array(10).fill(['memberships', 'send']).flat());
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 95 });
    expect(t.job).toMatchObject({ status: 'completed', attempts: 10, cursor: 95 });
    expect(t.job.counts).toEqual({ total: 95, invited: 95, already_member: 0, failed: 0, skipped: 0 });
    expect(t.job.lease).toBeUndefined();
    expect(t.job.batch).toBeUndefined();
    expect(t.rows.every((r) => r.attempts === 1 && r.invitedAt === new Date(w.clock.now()).toISOString())).toBe(true);
    expect(w.vendor.duplicates()).toBe(0);
    const events = await w.db.events.where('[contactKey+at]').between([w.people[0]!.key, ''], [w.people[0]!.key, '\uffff']).toArray();
    expect(events.map((e) => [e.type, e.jobId, e.targetKey])).toEqual([
      ['queued', w.jobId, t.job.targetKey],
      ['invited', w.jobId, t.job.targetKey],
    ]);
  });

  it('tells when it lets go of an account’s job, once it is done with it: what was read of the account before is stale', async () => {
    const w = await world(12, { batchLimit: 10 });
    const letGo: { accountId: string; status: string | undefined }[] = [];
    const engine = w.engine({ onJobLetGo: (accountId) => void job(w.db, w.jobId).then((j) => letGo.push({ accountId, status: j.status })) });
    await drain(engine, w.clock);
    await new Promise((resolve) => setImmediate(resolve));
    expect(letGo.length).toBeGreaterThan(0);
    expect(letGo.every((l) => l.accountId === 'acme')).toBe(true);
    expect(letGo.at(-1)?.status).toBe('completed');
  });

  it('asks the vendor before each batch: invitations another agent sent after the plan are not repeated', async () => {
    const w = await world(30, { batchLimit: 10 });
    // Between the agent's confirmation and the engine: someone else invites two of them.
    w.vendor.inviteByOtherAgent(w.people[2]!.email!);
    w.vendor.members.set(w.people[4]!.email!.toLowerCase(), { status: 'active' });
    // And while the first batch is out, another browser invites someone of the third batch.
    w.vendor.onCall = (op, nth) => {
      if (op === 'send' && nth === 1) w.vendor.inviteByOtherAgent(w.people[25]!.email!);
    };
    await drain(w.engine(), w.clock);

    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 27, already_member: 3 });
    expect([2, 4, 25].map((i) => [t.rows[i]!.status, t.rows[i]!.reason?.code])).toEqual([
      ['already_member', 'INVITATION_PENDING'],
      ['already_member', 'ALREADY_MEMBER'],
      ['already_member', 'INVITATION_PENDING'],
    ]);
    expect(w.vendor.duplicates()).toBe(0);
    expect(w.vendor.calls.filter((c) => c.op === 'send').map((c) => c.size)).toEqual([8, 10, 9]);
  });

  it('one membership look-up may cover several batches when asked to (fewer calls for the bench)', async () => {
    const w = await world(100, { batchLimit: 10 });
    await drain(w.engine({ membershipLookahead: 50 }), w.clock);
    expect(w.vendor.count('memberships')).toBe(2);
    expect(w.vendor.count('send')).toBe(10);
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 100 });
  });

  it('follows vendor jobs by polling them', async () => {
    const w = await world(25, { batchLimit: 10, mode: 'job', jobDurationMs: 2_500, pollAfterMs: 1_000 });
    await drain(w.engine(), w.clock);
    expect(w.vendor.count('send')).toBe(3);
    expect(w.vendor.count('poll')).toBe(9); // 1 s, 2 s, then done at 3 s, for each of the 3 jobs
    expect((await tally(w.db, w.jobId, w.people)).by).toEqual({ invited: 25 });
    expect(w.vendor.duplicates()).toBe(0);
  });

  it('fails an item the vendor refuses, with the vendor’s code and words, and does not retry it', async () => {
    const w = await world(5, { batchLimit: 10 });
    w.vendor.refuse.set(w.people[1]!.email!.toLowerCase(), { code: 'InvalidValue', message: 'Email is not allowed' });
    await drain(w.engine(), w.clock);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: 4, failed: 1 });
    expect(t.rows[1]!.reason).toEqual({ code: 'VENDOR_ERROR', message: 'InvalidValue: Email is not allowed' });
    expect(w.vendor.count('send')).toBe(1);
    const events = await w.db.events.where('jobId').equals(w.jobId).toArray();
    expect(events.filter((e) => e.contactKey === w.people[1]!.key).map((e) => [e.type, e.detail])).toEqual([
      ['queued', undefined],
      ['failed', 'VENDOR_ERROR: InvalidValue: Email is not allowed'],
    ]);
  });

  it('re-invites an expired invitation once, and not one another agent renewed meanwhile', async () => {
    const w = await world(0, { batchLimit: 10, vendor: 'zoho_desk' });
    const people = contacts(3, w.clock.now(), 1, 'zoho_desk');
    const old = new Date(w.clock.now() - 8 * DAY).toISOString();
    for (const c of people) w.vendor.members.set(c.email!.toLowerCase(), { status: 'invited', invitedAt: old });
    const known = people.map((c) => ({ ...c, membership: { status: 'invited' as const, invitedAt: old } }));
    const t = target(w.clock.now(), true);
    const plan = planBulk(known, t, { role: 'admin' }, new Date(w.clock.now()));
    const id = await createJob(w.db, { target: t, action: 'reinvite', contacts: people, plan, now: new Date(w.clock.now()) });
    // Another agent re-sent the second one's invitation yesterday.
    w.vendor.members.set(people[1]!.email!.toLowerCase(), { status: 'invited', invitedAt: new Date(w.clock.now() - DAY).toISOString() });

    await drain(w.engine(), w.clock);
    const all = await rows(w.db, people, DESK_TARGET_KEY);
    expect(all.map((r) => r.status)).toEqual(['invited', 'already_member', 'invited']);
    expect([...w.vendor.reinvites.values()]).toEqual([1, 1]);
    const events = await w.db.events.where('jobId').equals(id).toArray();
    expect(events.filter((e) => e.type === 'reinvited')).toHaveLength(2);
    expect((await job(w.db, id)).status).toBe('completed');
  });

  it('returns when the next job is due, for the background to set an alarm', async () => {
    const w = await world(10, { batchLimit: 10 });
    await w.db.jobs.update(w.jobId, { nextAttemptAt: new Date(w.clock.now() + 120_000).toISOString() });
    const result = await w.engine().start();
    expect(result.nextWakeAt).toBe(w.clock.now() + 120_000);
    expect(w.vendor.calls).toEqual([]);
  });
});

describe('JobEngine: the job row does not grow with the job', { timeout: 30_000 }, () => {
  /** The job row's serialized size when created, at every vendor call, and when completed. */
  async function rowSizes(n: number): Promise<{ sizes: number[]; batches: number }> {
    const w = await world(n, { batchLimit: 250 });
    const sizes: number[] = [];
    const measure = async (): Promise<void> => {
      sizes.push(JSON.stringify(await job(w.db, w.jobId)).length);
    };
    await measure();
    w.vendor.onCall = measure;
    await drain(w.engine(), w.clock, 1_000);
    await measure();
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.by).toEqual({ invited: n });
    expect(t.job.status).toBe('completed');
    expect(w.vendor.duplicates()).toBe(0);
    return { sizes, batches: w.vendor.count('send') };
  }

  it('keeps the same order of size for 10 and 5,000 contacts: items and batches live on the invitation rows', async () => {
    const small = await rowSizes(10);
    const large = await rowSizes(5_000);
    expect(large.batches).toBe(20); // the large job really ran batch after batch
    // Counters grow by a few digits, nothing else: a contact key is ~25 characters, 5,000 would be 125 KB.
    expect(Math.max(...large.sizes)).toBeLessThan(Math.max(...small.sizes) + 100);
    expect(Math.max(...large.sizes)).toBeLessThan(1_000);
  });
});
