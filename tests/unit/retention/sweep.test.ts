import { afterEach, describe, expect, it } from 'vitest';
import { RETENTION_DAYS } from '../../../core/model/retention';
import { readRetentionDays, RetentionError, saveRetentionDays, sweepExpired } from '../../../core/retention';
import { closeAll, contact, contactKey, event, freshDb, item, job, NOW, OLD, RECENT } from './rows';

/**
 * The daily sweep deletes what Portier last wrote more than the retention ago, and never an
 * unfinished job, its items, its history, or the contacts it sends to.
 */

afterEach(closeAll);

const DAYS = RETENTION_DAYS.default;

describe('sweepExpired', () => {
  it('deletes finished jobs past the retention and keeps recent ones and every unfinished one, however old', async () => {
    const db = freshDb();
    await db.jobs.bulkAdd([
      job('old-done', 'completed', OLD),
      job('old-cancelled', 'cancelled', OLD),
      job('new-done', 'completed', RECENT),
      job('old-queued', 'queued', OLD),
      job('old-paused', 'paused', OLD),
      job('old-running', 'running', OLD),
    ]);
    const result = await sweepExpired(db, NOW, DAYS);
    expect(result).toMatchObject({ cutoff: '2025-03-03T00:00:00.000Z', jobs: 2 });
    expect((await db.jobs.toCollection().primaryKeys()).sort()).toEqual(['new-done', 'old-paused', 'old-queued', 'old-running']);
  });

  it('deletes old invitations and history lines, except those of an unfinished job', async () => {
    const db = freshDb();
    await db.jobs.bulkAdd([job('paused', 'paused', OLD), job('done', 'completed', RECENT)]);
    await db.invitations.bulkAdd([
      item('1', 'gone', 'invited', OLD),
      item('2', undefined, 'failed', OLD),
      item('3', 'paused', 'queued', OLD),
      item('4', 'paused', 'invited', OLD),
      item('5', 'done', 'invited', RECENT),
    ]);
    await db.events.bulkAdd([event('1', OLD, 'gone'), event('2', OLD), event('3', OLD, 'paused'), event('5', RECENT, 'done')]);

    const result = await sweepExpired(db, NOW, DAYS);
    expect(result).toMatchObject({ invitations: 2, events: 2 });
    expect((await db.invitations.toArray()).map((r) => r.contactKey).sort()).toEqual([contactKey('3'), contactKey('4'), contactKey('5')]);
    expect((await db.events.toArray()).map((e) => e.contactKey).sort()).toEqual([contactKey('3'), contactKey('5')]);
  });

  it('deletes contacts read from the vendor before the cutoff, except those an unfinished job still holds', async () => {
    const db = freshDb();
    await db.jobs.bulkAdd([job('running', 'running', RECENT), job('done', 'completed', RECENT)]);
    await db.contacts.bulkAdd([contact('1', OLD), contact('2', OLD), contact('3', OLD), contact('4', RECENT)]);
    // 2 is in a job still sending (its row is recent: only the contact is old); 3's job is over.
    await db.invitations.bulkAdd([item('2', 'running', 'sending', RECENT), item('3', 'done', 'invited', RECENT)]);

    const result = await sweepExpired(db, NOW, DAYS);
    expect(result.contacts).toBe(2);
    expect((await db.contacts.toCollection().primaryKeys()).sort()).toEqual([contactKey('2'), contactKey('4')]);
  });

  it('an old finished job is deleted first, so what it held goes in the same sweep', async () => {
    const db = freshDb();
    await db.jobs.add(job('done', 'completed', OLD));
    await db.contacts.add(contact('1', OLD));
    await db.invitations.add(item('1', 'done', 'invited', OLD));
    await db.events.add(event('1', OLD, 'done'));
    expect(await sweepExpired(db, NOW, DAYS)).toMatchObject({ jobs: 1, invitations: 1, events: 1, contacts: 1 });
    expect([await db.jobs.count(), await db.invitations.count(), await db.events.count(), await db.contacts.count()]).toEqual([0, 0, 0, 0]);
  });

  it('works in batches with a pause between them; a job created during the pause keeps the contacts it needs', async () => {
    const db = freshDb();
    const ids = Array.from({ length: 25 }, (_, i) => String(i + 1));
    await db.contacts.bulkAdd(ids.map((id) => contact(id, OLD)));
    // Every fifth contact is held by an unfinished job from the start: the batches must step over them.
    await db.jobs.add(job('paused', 'paused', OLD));
    await db.invitations.bulkAdd(ids.filter((id) => Number(id) % 5 === 0).map((id) => item(id, 'paused', 'queued', RECENT)));
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
      // Between two batches the database is free: the agent starts a job over contact 24.
      if (pauses === 1) {
        await db.transaction('rw', db.jobs, db.invitations, async () => {
          await db.jobs.add(job('late', 'queued', NOW.toISOString()));
          await db.invitations.add(item('24', 'late', 'queued', NOW.toISOString()));
        });
      }
    };

    const result = await sweepExpired(db, NOW, DAYS, { batchSize: 4, pause });
    expect(pauses).toBeGreaterThanOrEqual(6); // 25 contacts, 4 a batch: the contacts pass alone takes 7 batches
    expect((await db.contacts.toCollection().primaryKeys()).sort()).toEqual(['10', '15', '20', '24', '25', '5'].map((id) => contactKey(id)).sort());
    expect(result.contacts).toBe(19);
  });

  it('the contact card’s last verdicts, a copy of the contact, expire when they were checked', async () => {
    const db = freshDb();
    const card = (contactId: string, checkedAt: string) => ({ accountId: 'acme', contactId, checkedAt, contact: contact(contactId, checkedAt), destinations: [] });
    await db.lastVerdicts.bulkAdd([card('1', OLD), card('2', RECENT)]);
    expect((await sweepExpired(db, NOW, DAYS)).contacts).toBe(1);
    expect(await db.lastVerdicts.toCollection().primaryKeys()).toEqual([['acme', '2']]);
  });

  it('a second sweep finds nothing more, and a sweep of an empty store is harmless', async () => {
    const db = freshDb();
    await db.contacts.add(contact('1', OLD));
    await sweepExpired(db, NOW, DAYS);
    expect(await sweepExpired(db, NOW, DAYS)).toEqual({ cutoff: '2025-03-03T00:00:00.000Z', jobs: 0, invitations: 0, events: 0, contacts: 0 });
  });

  it('honours the retention given: one day keeps yesterday’s afternoon, deletes the day before', async () => {
    const db = freshDb();
    await db.contacts.bulkAdd([contact('1', '2025-05-31T12:00:00.000Z'), contact('2', '2025-05-30T23:59:59.999Z')]);
    await sweepExpired(db, NOW, 1);
    expect(await db.contacts.toCollection().primaryKeys()).toEqual([contactKey('1')]);
  });

  it.each([0, -5, 3651, 1.5, Number.NaN])('refuses a retention of %s days before deleting anything', async (days) => {
    const db = freshDb();
    await db.contacts.add(contact('1', OLD));
    await expect(sweepExpired(db, NOW, days)).rejects.toThrow(RetentionError);
    expect(await db.contacts.count()).toBe(1);
  });
});

describe('the retention setting', () => {
  it('is 90 days until the agent sets it; 1 and 3650 are the bounds', async () => {
    const db = freshDb();
    expect(await readRetentionDays(db)).toBe(90);
    expect(await saveRetentionDays(db, 30)).toBe(30);
    expect(await readRetentionDays(db)).toBe(30);
    await saveRetentionDays(db, 1);
    await saveRetentionDays(db, 3650);
    expect(await readRetentionDays(db)).toBe(3650);
  });

  it.each([
    [0, /at least 1 day/],
    [3651, /at most 3650 days/],
    [7.5, /whole number of days/],
  ])('refuses %s days with what is allowed, and keeps the saved value', async (days, message) => {
    const db = freshDb();
    await saveRetentionDays(db, 30);
    await expect(saveRetentionDays(db, days)).rejects.toThrow(message);
    expect(await readRetentionDays(db)).toBe(30);
  });

  it('a stored value that is not a retention reads as the default', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'retentionDays', value: 'forever' });
    expect(await readRetentionDays(db)).toBe(90);
  });
});
