import { Dexie } from 'dexie';
import type { PortierDb } from '../db';
import type { Invitation, PortierEvent } from '../model';
import { RetentionDays } from '../model/retention';
import { RetentionError } from './settings';
import { unfinishedJobIds } from './unfinished';

/**
 * The daily sweep: what Portier last wrote more than `retentionDays` ago is deleted, one table at a
 * time, one small transaction per batch, so the engine's and the panel's transactions run between
 * batches instead of waiting for the whole sweep. Every row expires on its own date:
 * - a finished (completed or cancelled) job when it last changed (`updatedAt`);
 * - an invitation row when it last changed, unless it belongs to an unfinished job;
 * - a history line (event) when it happened, unless it belongs to an unfinished job;
 * - a contact when it was last read from the vendor (`fetchedAt`), unless an unfinished job holds
 *   one of its invitation rows (the engine reads the contact to send and to check membership);
 *   the contact card's last verdicts (a copy of the contact) when they were checked, and counted with contacts.
 * Unfinished jobs are never swept, however old: a job paused for a reconnect a year ago is still the
 * agent's to resume or cancel. Targets are destinations, not people: they go with their account.
 * A sweep stopped half-way (the worker stopped) loses nothing: the next one finds the rest.
 */

export interface SweepOptions {
  /** Rows per transaction (default 200). */
  batchSize?: number;
  /** Awaited between batches (default: a macrotask), so other work gets the database in between. */
  pause?: () => Promise<void>;
}

export interface SweepResult {
  cutoff: string;
  jobs: number;
  invitations: number;
  events: number;
  contacts: number;
}

const DAY_MS = 24 * 60 * 60_000;

export async function sweepExpired(db: PortierDb, now: Date, retentionDays: number, options: SweepOptions = {}): Promise<SweepResult> {
  const days = RetentionDays.safeParse(retentionDays);
  if (!days.success) throw new RetentionError(`cannot sweep with a retention of ${retentionDays} days: ${days.error.issues[0]?.message ?? ''}`);
  const cutoffMs = now.getTime() - days.data * DAY_MS;
  if (Number.isNaN(cutoffMs)) throw new RetentionError('cannot sweep without a valid clock time');
  const cutoff = new Date(cutoffMs).toISOString();
  const size = options.batchSize ?? 200;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  // Indexed times are stored in one UTC form (db.ts), so the string range is the time range; the
  // parse below is a second check that costs nothing and keeps a malformed value from going early.
  const expired = (at: string | undefined) => at !== undefined && Date.parse(at) < cutoffMs;
  const run = (step: Step) => inBatches(step, size, pause);

  // Jobs first: the rows and contacts they held are no longer protected for the passes that follow.
  let jobs = 0;
  for (const status of ['completed', 'cancelled'] as const) {
    jobs += await run((offset) =>
      db.transaction('rw', db.jobs, () =>
        deleteRows(
          db.jobs.where('[status+updatedAt]').between([status, Dexie.minKey], [status, cutoff]).offset(offset).limit(size).toArray(),
          (j) => (expired(j.updatedAt) ? j.id : undefined),
          (ids) => db.jobs.bulkDelete(ids),
        ),
      ),
    );
  }

  const invitations = await run((offset) =>
    db.transaction('rw', db.invitations, db.jobs, async () => {
      const unfinished = await unfinishedJobIds(db);
      const goes = (r: Invitation) => (expired(r.updatedAt) && !(r.jobId && unfinished.has(r.jobId)) ? r.id : undefined);
      return deleteRows(db.invitations.where('updatedAt').below(cutoff).offset(offset).limit(size).toArray(), goes, (ids) => db.invitations.bulkDelete(ids));
    }),
  );

  const events = await run((offset) =>
    db.transaction('rw', db.events, db.jobs, async () => {
      const unfinished = await unfinishedJobIds(db);
      const goes = (e: PortierEvent) => (expired(e.at) && !(e.jobId && unfinished.has(e.jobId)) ? e.id : undefined);
      return deleteRows(db.events.where('at').below(cutoff).offset(offset).limit(size).toArray(), goes, (ids) => db.events.bulkDelete(ids));
    }),
  );

  const contacts = await run((offset) =>
    db.transaction('rw', db.contacts, db.invitations, db.jobs, async () => {
      const rows = await db.contacts.where('fetchedAt').below(cutoff).offset(offset).limit(size).toArray();
      const unfinished = await unfinishedJobIds(db);
      const held = await db.invitations.where('contactKey').anyOf(rows.map((c) => c.key)).toArray();
      const needed = new Set(held.filter((r) => r.jobId && unfinished.has(r.jobId)).map((r) => r.contactKey));
      const gone = rows.filter((c) => expired(c.fetchedAt) && !needed.has(c.key)).map((c) => c.key);
      await db.contacts.bulkDelete(gone);
      return { read: rows.length, deleted: gone.length };
    }),
  );

  // The contact card's last verdicts hold a copy of the contact: they expire like the contact.
  const cards = await run((offset) =>
    db.transaction('rw', db.lastVerdicts, async () => {
      const rows = await db.lastVerdicts.where('checkedAt').below(cutoff).offset(offset).limit(size).toArray();
      const gone = rows.filter((r) => expired(r.checkedAt)).map((r): [string, string] => [r.accountId, r.contactId]);
      await db.lastVerdicts.bulkDelete(gone);
      return { read: rows.length, deleted: gone.length };
    }),
  );

  return { cutoff, jobs, invitations, events, contacts: contacts + cards };
}

/** One batch: how many rows the range gave and how many of them were deleted (the rest are kept). */
type Step = (offset: number) => Promise<{ read: number; deleted: number }>;

/**
 * Runs `step` until the range is exhausted. Kept rows stay at the front of the range (it is read in
 * index order and each batch deletes the others), so the next batch starts past them: `offset` is
 * the number kept so far, and a range of rows that all stay is still walked once, never forever.
 */
async function inBatches(step: Step, size: number, pause: () => Promise<void>): Promise<number> {
  let kept = 0;
  let deleted = 0;
  for (;;) {
    const batch = await step(kept);
    deleted += batch.deleted;
    kept += batch.read - batch.deleted;
    if (batch.read < size) return deleted;
    await pause();
  }
}

/** Deletes the rows of one batch that `goes` gives a key for. */
async function deleteRows<T, K>(
  batch: Promise<T[]>,
  goes: (row: T) => K | undefined,
  remove: (keys: K[]) => Promise<unknown>,
): Promise<{ read: number; deleted: number }> {
  const rows = await batch;
  const gone = rows.map(goes).filter((key): key is K => key !== undefined);
  if (gone.length > 0) await remove(gone);
  return { read: rows.length, deleted: gone.length };
}
