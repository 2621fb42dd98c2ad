import type { Table } from 'dexie';
import * as z from 'zod/mini';
import type { LastVerdictsRow, PortierDb } from '../db';
import { toIndexTime } from '../db';
import { Destination, TicketCard } from '../messages';
import { Contact } from '../model';

/**
 * The contact card as the vendor last answered it, one row per contact and account (core/db.ts
 * v6): on a revisit the panel shows it at once, marked with its age, while the vendor is asked
 * again. It is a picture, never a decision: whatever the agent clicks is planned again from the
 * vendor by the background before anything is sent.
 *
 * A ticket's card is kept in the same store, under a key no contact id takes (`ticket:<id>`), so
 * the retention sweep (by `checkedAt`), a disconnect (by account) and LAST_VERDICTS_KEPT bound it
 * as they bound the contacts' cards. It holds what the contact cards hold (each person and their
 * destinations) and the ticket's ids, never its subject: ticket content is not kept.
 */

/** Cards kept at most (the oldest go first): enough for a day's contacts, bounded whatever the day. */
export const LAST_VERDICTS_KEPT = 500;

const Stored = z.object({ contact: Contact, destinations: z.array(Destination), checkedAt: z.string() });
export type LastVerdicts = z.infer<typeof Stored>;

/** Written in the caller's transaction (it holds `lastVerdicts`). */
export async function keepLastVerdicts(db: PortierDb, row: LastVerdictsRow): Promise<void> {
  await keepRow(db, db.lastVerdicts, row);
}

/** The contact's last card on this account; null when there is none, or a row of another shape. */
export async function readLastVerdicts(db: PortierDb, accountId: string, contactId: string): Promise<LastVerdicts | null> {
  const row = await db.lastVerdicts.get([accountId, contactId]);
  if (!row) return null;
  const parsed = Stored.safeParse({ contact: row.contact, destinations: row.destinations, checkedAt: row.checkedAt });
  return parsed.success ? parsed.data : null;
}

const StoredTicket = z.object({ ...TicketCard.shape, checkedAt: z.string() });
/** A ticket's card as last checked, with when the vendor answered it; without the ticket's subject. */
export type LastTicket = z.infer<typeof StoredTicket>;

/** A ticket's row in `lastVerdicts`: the sweep and a disconnect read only its key and `checkedAt`. */
type LastTicketRow = Pick<LastVerdictsRow, 'accountId' | 'contactId' | 'checkedAt'> & Omit<TicketCard, 'ticket'> & { ticket: Omit<TicketCard['ticket'], 'subject'> };

const ticketRows = (db: PortierDb) => db.table<LastTicketRow, [string, string]>('lastVerdicts');
const ticketKey = (ticketId: string) => `ticket:${ticketId}`;

/** Written in the caller's transaction (it holds `lastVerdicts`). The subject stays with the vendor. */
export async function keepLastTicket(db: PortierDb, accountId: string, card: TicketCard, checkedAt: string): Promise<void> {
  const { subject: _notKept, ...ticket } = card.ticket;
  const { people, requesterMissing, ccsMissing, agents } = card;
  await keepRow(db, ticketRows(db), { accountId, contactId: ticketKey(card.ticket.id), checkedAt, ticket, people, requesterMissing, ccsMissing, agents });
}

/** The ticket's last card on this account; null when there is none, or a row of another shape. */
export async function readLastTicket(db: PortierDb, accountId: string, ticketId: string): Promise<LastTicket | null> {
  const row = await ticketRows(db).get([accountId, ticketKey(ticketId)]);
  if (!row) return null;
  const { accountId: _account, contactId: _key, ...card } = row;
  const parsed = StoredTicket.safeParse(card);
  return parsed.success ? parsed.data : null;
}

/** One card in, the oldest out past LAST_VERDICTS_KEPT, whichever kind they are. */
async function keepRow<R extends { checkedAt: string }>(db: PortierDb, table: Table<R, [string, string]>, row: R): Promise<void> {
  await table.put({ ...row, checkedAt: toIndexTime(row.checkedAt) });
  const extra = (await db.lastVerdicts.count()) - LAST_VERDICTS_KEPT;
  if (extra > 0) await db.lastVerdicts.orderBy('checkedAt').limit(extra).delete();
}
