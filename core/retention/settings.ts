import type { PortierDb } from '../db';
import { RETENTION_DAYS, RetentionDays } from '../model/retention';

/** The agent's retention, kept in the `settings` table (one row, not per account: it is about this computer). */
const KEY = 'retentionDays';

/** What Portier keeps on this computer, for the options page's "what is stored" line. */
export interface StoredCounts {
  contacts: number;
  invitations: number;
  jobs: number;
  events: number;
}

/** The retention set on the options page, or the default; a row that does not parse is the default too. */
export async function readRetentionDays(db: PortierDb): Promise<number> {
  const parsed = RetentionDays.safeParse((await db.settings.get(KEY))?.value);
  return parsed.success ? parsed.data : RETENTION_DAYS.default;
}

/** Refuses a value outside 1–3650 whole days with a sentence that says which values are allowed. */
export async function saveRetentionDays(db: PortierDb, days: number): Promise<number> {
  const parsed = RetentionDays.safeParse(days);
  if (!parsed.success) throw new RetentionError(`${days} days: ${parsed.error.issues[0]?.message ?? 'not a retention'}.`);
  await db.settings.put({ key: KEY, value: parsed.data });
  return parsed.data;
}

export async function storedCounts(db: PortierDb): Promise<StoredCounts> {
  return db.transaction('r', [db.contacts, db.invitations, db.jobs, db.events], async () => {
    const [contacts, invitations, jobs, events] = await Promise.all([db.contacts.count(), db.invitations.count(), db.jobs.count(), db.events.count()]);
    return { contacts, invitations, jobs, events };
  });
}

/** A retention the caller should not have asked for (the message schema refuses it first). */
export class RetentionError extends RangeError {
  override name = 'RetentionError';
}
