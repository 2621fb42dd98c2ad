import { Dexie, type DBCore, type DBCoreTable } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contactHistory,
  dueJobs,
  invitationsByTargetAndStatus,
  jobItems,
  openDb,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  type PortierDb,
  type StoredEvent,
} from '../../core/db';
import { JobEngine } from '../../core/jobs';
import { FakeClock, FakeVendor } from './jobs/fake-vendor';
import { contacts as jobContacts, target as jobTarget } from './jobs/helpers';
import { Account, Contact, Invitation, invitationId, Job, PortierEvent, recordKey, Target } from '../../core/model';
import type { InvitationStatus, JobStatus } from '../../core/model';

const deps = { indexedDB, IDBKeyRange };
const opened: Dexie[] = [];

function freshDb(): PortierDb {
  const db = openDb(`portier-test-${crypto.randomUUID()}`, deps);
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const T0 = '2024-05-01T08:00:00.000Z';
const contactKey = (id: string) => recordKey('zendesk', 'acme', id);
const TARGET = 'zendesk:acme:end_users';

const contact = (id: string, emailKey?: string, vendor: Contact['vendor'] = 'zendesk'): Contact =>
  Contact.parse({
    id,
    key: recordKey(vendor, 'acme', id),
    vendor,
    accountId: 'acme',
    name: `Contact ${id}`,
    email: emailKey?.toUpperCase(),
    emailKey,
    emailVerified: true,
    recordState: 'active',
    fetchedAt: T0,
  });

const target = (): Target =>
  Target.parse({
    kind: 'zendesk.end_user',
    id: 'acme',
    key: TARGET,
    vendor: 'zendesk',
    accountId: 'acme',
    name: 'Acme help center',
    status: 'active',
    fetchedAt: T0,
  });

const invitation = (cid: string, targetKey: string, status: InvitationStatus): Invitation =>
  Invitation.parse({
    id: invitationId(contactKey(cid), targetKey),
    contactKey: contactKey(cid),
    targetKey,
    email: `${cid}@example.com`,
    status,
    jobId: 'job-1',
    updatedAt: T0,
  });

const job = (id: string, status: JobStatus, nextAttemptAt: string): Job =>
  Job.parse({
    id,
    vendor: 'zendesk',
    accountId: 'acme',
    targetKey: TARGET,
    action: 'invite',
    status,
    counts: { total: 2, invited: 0, already_member: 0, failed: 0, skipped: 0 },
    attempts: 0,
    nextAttemptAt,
    createdAt: T0,
    updatedAt: T0,
  });

const account = (): Account =>
  Account.parse({
    id: 'acme',
    vendor: 'zendesk',
    label: 'Acme',
    subdomain: 'acme',
    authKind: 'session',
    status: 'connected',
    connectedAt: T0,
  });

/**
 * Records which index every read asks Dexie for, above all of Dexie's own layers. A helper rewritten
 * as a scan plus filter shows up as a read of the primary key (index null) over the whole table.
 */
function probeReads(db: PortierDb): string[] {
  const reads: string[] = [];
  db.use({
    stack: 'dbcore',
    name: 'probe',
    level: 100,
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name: string): DBCoreTable {
        const t = down.table(name);
        return {
          ...t,
          query: (req) => (reads.push(`${name}:${req.query.index.name}`), t.query(req)),
          openCursor: (req) => (reads.push(`${name}:${req.query.index.name}`), t.openCursor(req)),
          count: (req) => (reads.push(`${name}:${req.query.index.name}`), t.count(req)),
        };
      },
    }),
  });
  return reads;
}

describe('PortierDb round trip', () => {
  it('stores and returns each kind of record unchanged', async () => {
    const db = freshDb();
    const c = contact('42', 'ann@example.com');
    const t = target();
    const i = invitation('42', TARGET, 'invited');
    const j = job('job-1', 'queued', T0);
    const a = account();
    const e = PortierEvent.parse({ contactKey: c.key, at: T0, type: 'invited', targetKey: TARGET, jobId: 'job-1' });

    await db.contacts.add(c);
    await db.targets.add(t);
    await db.invitations.add(i);
    await db.jobs.add(j);
    await db.accounts.add(a);
    const eventId = await db.events.add(e);

    expect(await db.contacts.get(c.key)).toEqual(c);
    expect(await db.targets.get(t.key)).toEqual(t);
    expect(await db.invitations.get(i.id)).toEqual(i);
    expect(await db.jobs.get(j.id)).toEqual(j);
    expect(await db.accounts.get(a.id)).toEqual(a);
    expect(await db.events.get(eventId)).toEqual({ ...e, id: eventId });
  });

  it('stores indexed times in UTC so that string order is time order, on add, put and update', async () => {
    const db = freshDb();
    await db.jobs.add(job('j', 'queued', '2030-01-01T01:30:00+02:00'));
    expect((await db.jobs.get('j'))?.nextAttemptAt).toBe('2029-12-31T23:30:00.000Z');

    await db.jobs.update('j', { nextAttemptAt: '2030-01-01T00:00:00Z' });
    expect((await db.jobs.get('j'))?.nextAttemptAt).toBe('2030-01-01T00:00:00.000Z');

    await db.jobs.put(job('j', 'running', '2030-01-01T05:00:00+05:00'));
    expect((await db.jobs.get('j'))?.nextAttemptAt).toBe('2030-01-01T00:00:00.000Z');

    const id = await db.events.add({ contactKey: contactKey('1'), at: '2030-01-01T00:00:00-01:00', type: 'queued' });
    expect((await db.events.get(id))?.at).toBe('2030-01-01T01:00:00.000Z');
  });
});

describe('query helpers', () => {
  it('invitationsByTargetAndStatus: one status or several, on that target only', async () => {
    const db = freshDb();
    const reads = probeReads(db);
    await db.invitations.bulkAdd([
      invitation('1', TARGET, 'invited'),
      invitation('2', TARGET, 'queued'),
      invitation('3', TARGET, 'failed'),
      invitation('4', TARGET, 'invited'),
      invitation('5', 'zendesk:acme:other', 'invited'),
      invitation('6', TARGET, 'sending'),
    ]);
    const ids = (rows: Invitation[]) => rows.map((r) => r.contactKey).sort();

    expect(ids(await invitationsByTargetAndStatus(db, TARGET, 'invited'))).toEqual([contactKey('1'), contactKey('4')]);
    expect(ids(await invitationsByTargetAndStatus(db, TARGET, ['queued', 'sending']))).toEqual([contactKey('2'), contactKey('6')]);
    expect(await invitationsByTargetAndStatus(db, TARGET, [])).toEqual([]);
    expect(reads.filter((r) => r !== 'invitations:[targetKey+status]')).toEqual([]);
    expect(reads.length).toBeGreaterThan(0);
  });

  it('dueJobs: due by time instant (inclusive), earliest first across statuses', async () => {
    const db = freshDb();
    const reads = probeReads(db);
    await db.jobs.bulkAdd([
      job('j1', 'queued', '2030-01-01T00:00:00.000Z'), // exactly now
      job('j2', 'running', '2029-12-31T23:00:00.000Z'),
      job('j3', 'queued', '2030-01-01T01:30:00+02:00'), // 23:30Z: due, though its text sorts after now
      job('j4', 'queued', '2030-01-01T00:00:00.001Z'), // one millisecond too late
      job('j5', 'paused', '2029-01-01T00:00:00.000Z'),
      job('j6', 'completed', '2029-01-01T00:00:00.000Z'),
      job('j0', 'queued', '2029-12-31T23:00:00Z'), // same instant as j2: the id breaks the tie
    ]);
    const now = new Date('2030-01-01T00:00:00.000Z');

    expect((await dueJobs(db, now)).map((j) => j.id)).toEqual(['j0', 'j2', 'j3', 'j1']);
    expect((await dueJobs(db, now, ['paused'])).map((j) => j.id)).toEqual(['j5']);
    expect(await dueJobs(db, new Date('2020-01-01T00:00:00Z'))).toEqual([]);
    expect(new Set(reads)).toEqual(new Set(['jobs:[status+nextAttemptAt]']));
  });

  it('contactHistory: newest first, pages of `limit` that neither drop nor repeat tied events', async () => {
    const db = freshDb();
    const a = contactKey('1');
    const b = contactKey('2');
    // Three events per instant, so a page of 10 stops inside a tie; half of them written with an offset.
    const at = (m: number, i: number) => (i % 2 ? `2024-05-01T08:0${m}:00Z` : `2024-05-01T10:0${m}:00+02:00`);
    const rows = Array.from({ length: 23 }, (_, i) => ({ contactKey: a, at: at(Math.floor(i / 3), i), type: 'invited' as const }));
    const others = Array.from({ length: 10 }, (_, i) => ({ contactKey: b, at: at(i % 8, 1), type: 'queued' as const }));
    // Insertion order differs from time order, so ids do not follow time.
    await db.events.bulkAdd([...rows.slice(12), ...others, ...rows.slice(0, 12)]);
    const all = (await db.events.toArray()) as StoredEvent[];
    const expected = all
      .filter((e) => e.contactKey === a)
      .sort((x, y) => (x.at === y.at ? y.id - x.id : x.at < y.at ? 1 : -1));
    const reads = probeReads(db);
    await db.close();
    await db.open(); // the probe only joins on open

    const pages: StoredEvent[][] = [];
    let before: StoredEvent | undefined;
    // Bounded: a cursor that repeats its last event would otherwise page forever.
    for (let guard = 0; guard < 5; guard++) {
      const page = await contactHistory(db, a, { limit: 10, ...(before ? { before } : {}) });
      if (page.length === 0) break;
      pages.push(page);
      before = page.at(-1);
    }

    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(expected);
    expect(new Set(reads)).toEqual(new Set(['events:[contactKey+at]']));

    // A bare timestamp cursor means strictly older than that instant.
    const older = await contactHistory(db, a, { limit: 50, before: { at: '2024-05-01T08:06:00Z' } });
    expect(older.map((e) => e.at)).toEqual(expected.filter((e) => e.at < '2024-05-01T08:06').map((e) => e.at));
    expect(older.length).toBe(18);
  });

  it('invitations by contact (retention sweep and forget): read through the contactKey index', async () => {
    const db = freshDb();
    const reads = probeReads(db);
    await db.invitations.bulkAdd([
      invitation('1', TARGET, 'invited'),
      invitation('1', 'zendesk:acme:other', 'failed'), // one contact, two targets
      invitation('2', TARGET, 'queued'),
      invitation('3', TARGET, 'invited'), // not asked for
    ]);

    // As core/retention/sweep.ts and forget.ts do: the contact keys of a batch, inside a rw transaction.
    const keys = [contactKey('1'), contactKey('2'), contactKey('4')];
    const rows = await db.transaction('rw', db.invitations, () => db.invitations.where('contactKey').anyOf(keys).toArray());

    expect(rows.map((r) => `${r.contactKey} ${r.targetKey}`).sort()).toEqual(
      [`${contactKey('1')} ${TARGET}`, `${contactKey('1')} zendesk:acme:other`, `${contactKey('2')} ${TARGET}`].sort(),
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set(['invitations:contactKey']));
  });
});

describe('upgrade from version 1', () => {
  it('keeps every record and migrates invitations and jobs to the v2 shape', async () => {
    const name = `portier-test-${crypto.randomUUID()}`;
    const v1 = new Dexie(name, deps);
    v1.version(1).stores(SCHEMA_V1);
    const c = contact('1', 'ann@example.com');
    const t = target();
    const a = account();
    const pending = { ...invitation('1', TARGET, 'invited'), status: 'pending', sentAt: '2024-05-01T10:00:00+02:00' };
    const failed = invitation('2', TARGET, 'failed');
    const confirmed = { ...invitation('3', TARGET, 'confirmed'), sentAt: '2024-04-01T08:00:00.000Z' };
    const { nextAttemptAt: _dropped, ...legacyJob } = job('job-1', 'queued', T0);
    const queuedJob = { ...legacyJob, contactKeys: [contactKey('1'), contactKey('2')], updatedAt: '2024-05-01T10:05:00+02:00' };
    await v1.table('contacts').add(c);
    await v1.table('targets').add(t);
    await v1.table('accounts').add(a);
    await v1.table('invitations').bulkAdd([pending, failed, confirmed]);
    await v1.table('jobs').add(queuedJob);
    v1.close();

    const db = openDb(name, deps);
    opened.push(db);
    await db.open();

    // v1 → v2 → v3 → v4 in order: the v2 step's invitations and jobs are then given their v3 shape.
    expect(db.verno).toBe(openDb('latest', deps).verno); // walked to the latest version, whatever it is now
    expect(await db.contacts.get(c.key)).toEqual(c);
    expect(await db.targets.get(t.key)).toEqual(t);
    expect(await db.accounts.get(a.id)).toEqual(a);

    const invitations = await db.invitations.toArray();
    expect(invitations).toHaveLength(3);
    for (const inv of invitations) {
      expect(() => Invitation.parse(inv)).not.toThrow();
      expect(inv).not.toHaveProperty('sentAt');
    }
    expect(await db.invitations.get(pending.id)).toMatchObject({ status: 'invited', invitedAt: pending.sentAt });
    expect(await db.invitations.get(confirmed.id)).toMatchObject({ status: 'confirmed', invitedAt: confirmed.sentAt });
    expect(await db.invitations.get(failed.id)).toEqual({ ...failed, seq: 1 });
    // The migrated status is reachable through the new compound index.
    expect((await invitationsByTargetAndStatus(db, TARGET, 'invited')).map((i) => i.id)).toEqual([pending.id]);

    // A v1 job would be invisible to the engine without a nextAttemptAt: it must be due at once.
    const migratedJob = await db.jobs.get('job-1');
    expect(migratedJob?.nextAttemptAt).toBe('2024-05-01T08:05:00.000Z');
    expect(() => Job.parse(migratedJob)).not.toThrow();
    expect(migratedJob).not.toHaveProperty('contactKeys');
    expect((await jobItems(db, 'job-1')).map((i) => i.id)).toEqual([pending.id, failed.id]);
    expect((await dueJobs(db, new Date('2024-05-01T08:05:00.000Z'))).map((j) => j.id)).toEqual(['job-1']);

    expect(await db.contacts.where('emailKey').equals('ann@example.com').toArray()).toEqual([c]);
    await db.events.add({ contactKey: c.key, at: T0, type: 'invited' });
    expect(await contactHistory(db, c.key, { limit: 10 })).toHaveLength(1);
  });
});

describe('upgrade from version 2', () => {
  it('moves the order of a job into seq on its rows, and an in-flight job resumes without sending twice', async () => {
    const clock = new FakeClock();
    const at = (ms: number) => new Date(clock.now() + ms).toISOString();
    const people = jobContacts(6, clock.now());
    const t = jobTarget(clock.now());
    const keys = people.map((p) => p.key);
    const row = (i: number, status: InvitationStatus, extra: Partial<Invitation> = {}): Invitation => ({
      id: invitationId(keys[i]!, t.key),
      contactKey: keys[i]!,
      targetKey: t.key,
      email: people[i]!.email!,
      status,
      jobId: 'job-1',
      attempts: status === 'queued' ? 0 : 1,
      updatedAt: at(-60_000),
      ...extra,
    });
    // A v2 job of six, as the v2 engine left it when its service worker died mid-send: #0 invited,
    // #1 already a member, #2 and #3 in a batch whose send may have reached the vendor, #4 queued,
    // #5 counted skipped because another (finished) job held its row.
    const v2Job = {
      id: 'job-1',
      vendor: 'zendesk',
      accountId: t.accountId,
      targetKey: t.key,
      action: 'invite',
      status: 'running',
      contactKeys: keys,
      counts: { total: 6, invited: 1, already_member: 1, failed: 0, skipped: 1 },
      attempts: 2,
      cursor: 4,
      batch: { id: 'b-2', contactKeys: [keys[2], keys[3]], phase: 'sending', sends: 1, failures: 0, sentAt: at(-60_000) },
      lease: { owner: 'dead-life', until: at(-30_000) },
      nextAttemptAt: at(-30_000),
      createdAt: at(-120_000),
      updatedAt: at(-60_000),
    };
    const rowsV2 = [
      row(0, 'invited', { invitedAt: at(-90_000) }),
      row(1, 'already_member', { reason: { code: 'ALREADY_MEMBER' } }),
      row(2, 'sending'),
      row(3, 'sending'),
      row(4, 'queued'),
      row(5, 'invited', { jobId: 'job-0', invitedAt: at(-200_000) }),
    ];
    const name = `portier-test-${crypto.randomUUID()}`;
    const v2 = new Dexie(name, deps);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('contacts').bulkAdd(people);
    await v2.table('targets').add(t);
    await v2.table('invitations').bulkAdd(rowsV2);
    await v2.table('jobs').add(v2Job);
    v2.close();

    const db = openDb(name, deps);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(openDb('latest', deps).verno); // walked to the latest version, whatever it is now

    const migrated = await db.jobs.get('job-1');
    expect(() => Job.parse(migrated)).not.toThrow();
    expect(migrated).not.toHaveProperty('contactKeys');
    expect(migrated?.batch).toEqual({ id: 'b-2', from: 2, to: 4, phase: 'sending', sends: 1, failures: 0, sentAt: at(-60_000) });
    expect(migrated).toMatchObject({ cursor: 4, counts: v2Job.counts, status: 'running' });
    // The job's own rows carry its order; the row another job holds keeps that job's (none).
    expect((await jobItems(db, 'job-1')).map((r) => [r.contactKey, r.seq, r.status])).toEqual([
      [keys[0], 0, 'invited'],
      [keys[1], 1, 'already_member'],
      [keys[2], 2, 'sending'],
      [keys[3], 3, 'sending'],
      [keys[4], 4, 'queued'],
    ]);
    expect(await db.invitations.get(rowsV2[5]!.id)).toEqual(rowsV2[5]);
    for (const r of await db.invitations.toArray()) expect(() => Invitation.parse(r)).not.toThrow();

    // The vendor as the dead life left it: #0 invited, #1 a member, and the lost send did reach
    // it for #2 but not for #3.
    const vendor = new FakeVendor({ clock, batchLimit: 10 });
    const email = (i: number) => people[i]!.email!.toLowerCase();
    vendor.inviteByOtherAgent(email(0));
    vendor.members.set(email(1), { status: 'active' });
    vendor.inviteByOtherAgent(email(2));
    vendor.inviteByOtherAgent(email(5));

    const engine = new JobEngine({
      db,
      owner: 'new-life',
      connectorFor: (_a, hooks) => vendor.connector(hooks),
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      leaseMs: 60_000,
    });
    for (let i = 0; i < 20; i++) {
      const { nextWakeAt } = await engine.start();
      if (nextWakeAt === undefined) break;
      clock.t = Math.max(clock.t, nextWakeAt);
    }

    const done = await db.jobs.get('job-1');
    expect(done).toMatchObject({ status: 'completed', counts: { total: 6, invited: 4, already_member: 1, failed: 0, skipped: 1 } });
    expect(done?.batch).toBeUndefined();
    expect((await jobItems(db, 'job-1')).map((r) => r.status)).toEqual(['invited', 'already_member', 'invited', 'invited', 'invited']);
    // The batch that may have been sent was reconciled first: nobody was invited twice.
    expect(vendor.duplicates()).toBe(0);
    expect([0, 2, 3, 4, 5].map((i) => vendor.invites.get(email(i)))).toEqual([1, 1, 1, 1, 1]);
    expect(vendor.invites.has(email(1))).toBe(false);
    const sends = vendor.calls.filter((c) => c.op === 'send');
    expect(sends.map((c) => c.size)).toEqual([1, 1]); // #3 resent after reconciliation, then #4
  });
});

describe('upgrade from version 3', () => {
  it('keeps every row, indexes jobs by createdAt in time order, and adds the pages table', async () => {
    const name = `portier-test-${crypto.randomUUID()}`;
    const v3 = new Dexie(name, deps);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    // 09:30+02:00 is 07:30Z, earlier than 08:00Z, though its string sorts after it.
    const older = { ...job('job-old', 'completed', T0), createdAt: '2024-05-01T09:30:00+02:00' };
    const newer = { ...job('job-new', 'queued', T0), createdAt: T0 };
    const newest = { ...job('job-newest', 'paused', T0), createdAt: '2024-05-01T09:00:00.000Z' };
    const item = { ...invitation('1', TARGET, 'queued'), jobId: 'job-new', seq: 0 };
    await v3.table('jobs').bulkAdd([older, newer, newest]);
    await v3.table('invitations').add(item);
    await v3.table('accounts').add(account());
    v3.close();

    const db = openDb(name, deps);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(openDb('latest', deps).verno); // walked to the latest version, whatever it is now
    expect((await db.jobs.orderBy('createdAt').reverse().toArray()).map((j) => j.id)).toEqual(['job-newest', 'job-new', 'job-old']);
    expect((await db.jobs.get('job-old'))?.createdAt).toBe('2024-05-01T07:30:00.000Z');
    // Every earlier index still answers.
    expect((await dueJobs(db, new Date(T0))).map((j) => j.id)).toEqual(['job-new']);
    expect(await db.jobs.where('accountId').equals('acme').count()).toBe(3);
    expect(await jobItems(db, 'job-new')).toEqual([item]);
    expect(await db.accounts.get('acme')).toEqual(account());

    const page = { tabId: 7, context: { vendor: 'zendesk' as const, account: 'acme', pageKind: 'contact' as const, recordIds: ['1'], url: 'https://acme.zendesk.com/agent/users/1' }, connected: true, at: T0 };
    await db.pages.put(page);
    expect(await db.pages.get(7)).toEqual(page);

    // A job written after the upgrade with an offset sorts by its time too.
    await db.jobs.add({ ...job('job-late', 'queued', T0), createdAt: '2024-05-01T10:30:00+02:00' }); // 08:30Z
    expect((await db.jobs.orderBy('createdAt').reverse().first())?.id).toBe('job-newest');
  });
});
