import * as z from 'zod/mini';
import type { LastVerdictsRow, PortierDb } from '../db';
import { toIndexTime } from '../db';
import { Destination } from '../messages';
import { Contact } from '../model';

/**
 * The contact card as the vendor last answered it, one row per contact and account (core/db.ts
 * v6): on a revisit the panel shows it at once, marked with its age, while the vendor is asked
 * again. It is a picture, never a decision: whatever the agent clicks is planned again from the
 * vendor by the background before anything is sent.
 */

/** Cards kept at most (the oldest go first): enough for a day's contacts, bounded whatever the day. */
export const LAST_VERDICTS_KEPT = 500;

const Stored = z.object({ contact: Contact, destinations: z.array(Destination), checkedAt: z.string() });
export type LastVerdicts = z.infer<typeof Stored>;

/** Written in the caller's transaction (it holds `lastVerdicts`). */
export async function keepLastVerdicts(db: PortierDb, row: LastVerdictsRow): Promise<void> {
  await db.lastVerdicts.put({ ...row, checkedAt: toIndexTime(row.checkedAt) });
  const extra = (await db.lastVerdicts.count()) - LAST_VERDICTS_KEPT;
  if (extra > 0) await db.lastVerdicts.orderBy('checkedAt').limit(extra).delete();
}

/** The contact's last card on this account; null when there is none, or a row of another shape. */
export async function readLastVerdicts(db: PortierDb, accountId: string, contactId: string): Promise<LastVerdicts | null> {
  const row = await db.lastVerdicts.get([accountId, contactId]);
  if (!row) return null;
  const parsed = Stored.safeParse({ contact: row.contact, destinations: row.destinations, checkedAt: row.checkedAt });
  return parsed.success ? parsed.data : null;
}
