import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { dueJobs, jobItems, openDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, type PortierDb } from '../../../core/db';
import { readRetentionDays, sweepExpired } from '../../../core/retention';
import { contact, contactKey, event, item, job, NOW, OLD, RECENT } from './rows';

/** Version 5 adds the indexes the sweep reads and the settings table; a v4 store keeps every row. */

const deps = { indexedDB, IDBKeyRange };
const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('upgrade from version 4', () => {
  it('keeps every row, brings the newly indexed times to UTC, and the sweep then finds what expired', async () => {
    const name = `portier-v4-${crypto.randomUUID()}`;
    const v4 = new Dexie(name, deps);
    opened.push(v4);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    // 2025-03-03T01:00+02:00 is 2025-03-02T23:00Z: before the cutoff (03-03T00:00Z), though its string sorts after it.
    const offset = '2025-03-03T01:00:00+02:00';
    const queued = { ...job('queued', 'queued', RECENT), nextAttemptAt: RECENT };
    await v4.table('jobs').bulkAdd([{ ...job('done', 'completed', RECENT), updatedAt: offset }, queued]);
    await v4.table('contacts').bulkAdd([{ ...contact('1', RECENT), fetchedAt: offset }, contact('2', RECENT)]);
    await v4.table('invitations').bulkAdd([{ ...item('1', 'done', 'invited', RECENT), updatedAt: offset }, { ...item('2', 'queued', 'queued', OLD), seq: 0 }]);
    await v4.table('events').bulkAdd([event('1', '2025-03-03T01:00:00.000+02:00', 'done'), event('2', RECENT, 'queued')]);
    v4.close();

    const db: PortierDb = openDb(name, deps);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    expect((await db.jobs.get('done'))?.updatedAt).toBe('2025-03-02T23:00:00.000Z');
    expect((await db.contacts.get(contactKey('1')))?.fetchedAt).toBe('2025-03-02T23:00:00.000Z');
    expect((await db.events.where('at').below('2025-03-03T00:00:00.000Z').count())).toBe(1);
    // The earlier indexes still answer, and a v4 store has no retention yet: the default.
    expect((await dueJobs(db, NOW)).map((j) => j.id)).toEqual(['queued']);
    expect((await jobItems(db, 'queued')).map((r) => r.contactKey)).toEqual([contactKey('2')]);
    expect(await readRetentionDays(db)).toBe(90);

    expect(await sweepExpired(db, NOW, 90)).toMatchObject({ jobs: 1, invitations: 1, events: 1, contacts: 1 });
    expect(await db.jobs.toCollection().primaryKeys()).toEqual(['queued']);
    expect(await db.contacts.toCollection().primaryKeys()).toEqual([contactKey('2')]);
    // The old item of the queued job stays with it.
    expect((await db.invitations.toArray()).map((r) => r.jobId)).toEqual(['queued']);
  });
});
