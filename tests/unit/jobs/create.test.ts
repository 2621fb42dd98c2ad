import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../core/eligibility';
import { jobItems } from '../../../core/db';
import { createJob, createJobsByAction } from '../../../core/jobs';
import { Invitation, Job, PortierEvent, type Contact } from '../../../core/model';
import { contacts, DESK_TARGET_KEY, drain, freshDb, job, rows, target, TARGET_KEY, world } from './helpers';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const admin = { role: 'admin' as const };

describe('createJob', () => {
  it('writes the job, one row and one queued event per contact before anything is sent, and returns the id', async () => {
    const w = await world(12);
    // The engine has not run: the vendor has seen nothing, the outbox holds everything.
    expect(w.vendor.calls).toEqual([]);
    const j = await job(w.db, w.jobId);
    expect(() => Job.parse(j)).not.toThrow();
    expect(j).toMatchObject({ status: 'queued', action: 'invite', accountId: 'acme', targetKey: TARGET_KEY, cursor: 0, attempts: 0 });
    // The order lives on the rows (seq), not in the job row.
    expect(j).not.toHaveProperty('contactKeys');
    expect((await jobItems(w.db, w.jobId)).map((r) => [r.contactKey, r.seq])).toEqual(w.people.map((c, i) => [c.key, i]));
    expect(j.counts).toEqual({ total: 12, invited: 0, already_member: 0, failed: 0, skipped: 0 });
    expect(Date.parse(j.nextAttemptAt)).toBe(w.clock.now());
    const all = await rows(w.db, w.people);
    for (const r of all) expect(() => Invitation.parse(r)).not.toThrow();
    expect(all.map((r) => r.status)).toEqual(Array(12).fill('queued'));
    const events = await w.db.events.where('jobId').equals(w.jobId).toArray();
    for (const e of events) expect(() => PortierEvent.parse(e)).not.toThrow();
    expect(events.map((e) => e.type)).toEqual(Array(12).fill('queued'));
    // The engine sends the cached records, so they are in Dexie with the target.
    expect(await w.db.contacts.count()).toBe(12);
    expect(await w.db.targets.get(TARGET_KEY)).toBeDefined();
  });

  it('ends at once, with the plan’s reason, the contacts that need nothing', async () => {
    const db = freshDb();
    const [ok, member, pending, noEmail, dup] = contacts(5, T0, 1, 'zoho_desk');
    const people: Contact[] = [ok!, member!, pending!, { ...noEmail!, email: undefined, emailKey: undefined }, { ...dup!, email: ok!.email!.toUpperCase() }];
    const known = people.map((c, i) =>
      i === 1 ? { ...c, membership: { status: 'active' as const } }
      : i === 2 ? { ...c, membership: { status: 'invited' as const, invitedAt: new Date(T0 - DAY).toISOString() } }
      : c,
    );
    const plan = planBulk(known, target(T0, true), admin, new Date(T0));
    const id = await createJob(db, { target: target(T0, true), action: 'invite', contacts: people, plan, now: new Date(T0) });

    const all = await rows(db, people, DESK_TARGET_KEY);
    expect(all.map((r) => [r.status, r.reason?.code])).toEqual([
      ['queued', undefined],
      ['already_member', 'ALREADY_MEMBER'],
      ['already_member', 'INVITATION_PENDING'],
      ['skipped', 'EMAIL_MISSING'],
      ['skipped', 'DUPLICATE_IN_SELECTION'],
    ]);
    expect((await job(db, id)).counts).toEqual({ total: 5, invited: 0, already_member: 2, failed: 0, skipped: 2 });
    const events = await db.events.where('jobId').equals(id).toArray();
    const of = (c: Contact) => events.filter((e) => e.contactKey === c.key).map((e) => [e.type, e.detail]);
    expect(of(people[1]!)).toEqual([['queued', undefined], ['already_member', 'ALREADY_MEMBER']]);
    expect(of(people[3]!)).toEqual([['queued', undefined], ['skipped', 'EMAIL_MISSING']]);
  });

  it('completes at once a job with nothing to send', async () => {
    const db = freshDb();
    const people = contacts(2, T0).map((c) => ({ ...c, email: undefined, emailKey: undefined }));
    const plan = planBulk(people, target(T0), admin, new Date(T0));
    const id = await createJob(db, { target: target(T0), action: 'invite', contacts: people, plan, now: new Date(T0) });
    expect((await job(db, id)).status).toBe('completed');
  });

  it('never lets two unfinished jobs hold the same contact on the same target', async () => {
    const db = freshDb();
    const people = contacts(3, T0);
    const plan = planBulk(people, target(T0), admin, new Date(T0));
    const input = { target: target(T0), action: 'invite' as const, contacts: people, plan, now: new Date(T0) };
    const first = await createJob(db, input);
    const second = await createJob(db, input);
    const all = await rows(db, people);
    expect(all.every((r) => r.jobId === first && r.status === 'queued')).toBe(true);
    expect((await job(db, second)).counts).toMatchObject({ total: 3, skipped: 3 });
    const events = await db.events.where('jobId').equals(second).toArray();
    expect(events.map((e) => e.detail)).toEqual(Array(3).fill(`IN_ANOTHER_JOB: ${first}`));
  });

  it('refuses a mixed plan in a single-action job; one confirmation is one job whose items are grouped by action', async () => {
    const db = freshDb();
    const people = contacts(4, T0, 1, 'zoho_desk');
    const old = new Date(T0 - 8 * DAY).toISOString();
    const known = people.map((c, i) => (i % 2 === 1 ? { ...c, membership: { status: 'invited' as const, invitedAt: old } } : c));
    const plan = planBulk(known, target(T0, true), admin, new Date(T0));
    const input = { target: target(T0, true), contacts: people, plan, now: new Date(T0) };

    await expect(createJob(db, { ...input, action: 'invite' })).rejects.toThrow(/reinvite/);
    expect(await db.jobs.count()).toBe(0); // nothing half-written

    const jobs = await createJobsByAction(db, input);
    expect(jobs).toHaveLength(1);
    const one = await job(db, jobs[0]!.jobId);
    expect(one).toMatchObject({ action: 'invite', actions: { invite: 2, reinvite: 2 }, counts: { total: 4 } });
    const items = await jobItems(db, one.id);
    expect(items.map((r) => [r.contactKey, r.action])).toEqual([
      [people[0]!.key, 'invite'], [people[2]!.key, 'invite'], [people[1]!.key, 'reinvite'], [people[3]!.key, 'reinvite'],
    ]);
  });

  it('a mixed job sends each action in batches of its own, to the end, nothing twice', async () => {
    const w = await world(0, { batchLimit: 10, vendor: 'zoho_desk' });
    const people = contacts(25, w.clock.now(), 1, 'zoho_desk');
    const old = new Date(w.clock.now() - 8 * DAY).toISOString();
    // Every third person holds an invitation 8 days old: re-invited; the others are invited.
    people.forEach((c, i) => i % 3 === 0 && w.vendor.members.set(c.email!.toLowerCase(), { status: 'invited', invitedAt: old }));
    const known = people.map((c, i) => (i % 3 === 0 ? { ...c, membership: { status: 'invited' as const, invitedAt: old } } : c));
    const t = target(w.clock.now(), true);
    const [created] = await createJobsByAction(w.db, { target: t, contacts: people, plan: planBulk(known, t, admin, new Date(w.clock.now())), now: new Date(w.clock.now()) });
    await drain(w.engine(), w.clock);
    const done = await job(w.db, created!.jobId);
    expect(done).toMatchObject({ status: 'completed', actions: { invite: 16, reinvite: 9 }, counts: { total: 25, invited: 25 } });
    // Actions in the order they first appear (the first person is a re-invitation), one per batch.
    expect(w.vendor.sends.map((s) => `${s.action}:${s.size}`)).toEqual(['reinvite:9', 'invite:10', 'invite:6']);
    expect(w.vendor.duplicates()).toBe(0);
    expect([...w.vendor.reinvites.values()].every((n) => n === 1)).toBe(true);
  });
});
