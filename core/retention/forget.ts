import { Dexie } from 'dexie';
import type { PortierDb } from '../db';
import { Vendor } from '../model';
import { unfinishedJobIds } from './unfinished';

/**
 * Deleting on request: an account when it is disconnected, everything when the agent clears
 * Portier's data. Jobs are the caller's to stop first (core/background/privacy.ts cancels them and
 * waits for a batch the vendor may have received): these functions delete the rows they are given.
 */

export interface ForgetOptions {
  /** Rows per transaction (default 200): a big account is deleted in steps the engine can run between. */
  batchSize?: number;
}

export interface Forgotten {
  jobs: number;
  targets: number;
  contacts: number;
  invitations: number;
  events: number;
}

/**
 * Everything Portier keeps about one account: its jobs with their items and history lines, its
 * destinations with the invitations on them, its contacts with their invitations and history (and
 * the history of its records never stored as contacts), the contact card's last verdicts and
 * cached reads of the account, and the account row. The one exception is another account's
 * unfinished job: the contacts it is sending to, and its own items and history, stay until it ends
 * (then the sweep takes them). Open tabs of the account's pages stay known but no longer
 * connected, so the panel offers to connect.
 */
export async function deleteAccountData(db: PortierDb, accountId: string, options: ForgetOptions = {}): Promise<Forgotten> {
  const size = options.batchSize ?? 200;
  const out: Forgotten = { jobs: 0, targets: 0, contacts: 0, invitations: 0, events: 0 };

  for (const jobId of await db.jobs.where('accountId').equals(accountId).primaryKeys()) {
    out.invitations += await drain(db, size, () => db.invitations.where('jobId').equals(jobId).limit(size).primaryKeys(), (keys) => db.invitations.bulkDelete(keys));
    out.events += await drain(db, size, () => db.events.where('jobId').equals(jobId).limit(size).primaryKeys(), (keys) => db.events.bulkDelete(keys));
    // The row goes last: a deletion stopped half-way is found again by the job's account id.
    await db.jobs.delete(jobId);
    out.jobs += 1;
  }

  for (const vendor of Vendor.options) {
    for (const targetKey of await db.targets.where('[vendor+accountId]').equals([vendor, accountId]).primaryKeys()) {
      out.invitations += await drain(
        db,
        size,
        () => db.invitations.where('[targetKey+status]').between([targetKey, Dexie.minKey], [targetKey, Dexie.maxKey]).limit(size).primaryKeys(),
        (keys) => db.invitations.bulkDelete(keys),
      );
      await db.targets.delete(targetKey);
      out.targets += 1;
    }

    // Contacts a batch at a time; those another account's unfinished job needs stay, and are skipped.
    let kept = 0;
    for (;;) {
      const batch = await db.transaction('rw', [db.contacts, db.invitations, db.events, db.jobs], async () => {
        const keys = await db.contacts.where('[vendor+accountId]').equals([vendor, accountId]).offset(kept).limit(size).primaryKeys();
        const unfinished = await unfinishedJobIds(db);
        const rows = await db.invitations.where('contactKey').anyOf(keys).toArray();
        const held = rows.filter((r) => r.jobId !== undefined && unfinished.has(r.jobId));
        const needed = new Set(held.map((r) => r.contactKey));
        const invitations = rows.filter((r) => !held.includes(r)).map((r) => r.id);
        const events: number[] = [];
        for (const contactKey of keys) {
          const lines = await db.events.where('[contactKey+at]').between([contactKey, Dexie.minKey], [contactKey, Dexie.maxKey]).toArray();
          for (const e of lines) if (e.id !== undefined && !(e.jobId && unfinished.has(e.jobId))) events.push(e.id);
        }
        const contacts = keys.filter((k) => !needed.has(k));
        await db.invitations.bulkDelete(invitations);
        await db.events.bulkDelete(events);
        await db.contacts.bulkDelete(contacts);
        return { read: keys.length, contacts: contacts.length, invitations: invitations.length, events: events.length };
      });
      out.contacts += batch.contacts;
      out.invitations += batch.invitations;
      out.events += batch.events;
      kept += batch.read - batch.contacts;
      if (batch.read < size) break;
    }

    // History lines of the account's records that name no job and whose contact Portier never
    // stored: a CRM portal user activated, moved or deleted (core/background/portal-users.ts).
    const unfinished = await unfinishedJobIds(db);
    out.events += await drain(db, size, () => linesOfAccount(db, vendor, accountId, unfinished, size), (keys) => db.events.bulkDelete(keys));
  }

  // The contact card's pictures of this account's contacts, and what it read of the account.
  const ofAccount = [[accountId, Dexie.minKey], [accountId, Dexie.maxKey]] as const;
  await db.lastVerdicts.where('[accountId+contactId]').between(...ofAccount).delete();
  await db.accountCache.where('[accountId+key]').between(...ofAccount).delete();
  await db.pages
    .filter((page) => page.accountId === accountId)
    .modify((page) => {
      delete page.accountId;
      page.connected = false;
    });
  await db.accounts.delete(accountId);
  return out;
}

/**
 * Up to `size` history lines of the account's records (keys `vendor:accountId:recordId`, model/
 * vendor.ts recordKey), but those of another account's unfinished job, which stay until it ends.
 */
async function linesOfAccount(db: PortierDb, vendor: Vendor, accountId: string, unfinished: ReadonlySet<string>, size: number): Promise<number[]> {
  const prefix = `${vendor}:${accountId}:`;
  return (await db.events
    .where('[contactKey+at]')
    .between([prefix, Dexie.minKey], [`${prefix}\uffff`, Dexie.maxKey])
    .filter((e) => !(e.jobId && unfinished.has(e.jobId)))
    .limit(size)
    .primaryKeys()) as number[];
}

/**
 * Every table but the settings (the retention is a preference, not anyone's data), in one
 * transaction: a job being created at that moment is either wholly before (and deleted) or wholly
 * after. Open tabs' pages go too; the content script reports each page again when it is used.
 */
export async function clearAllData(db: PortierDb): Promise<void> {
  const tables = [db.contacts, db.targets, db.invitations, db.jobs, db.events, db.accounts, db.pages, db.lastVerdicts, db.accountCache];
  await db.transaction('rw', tables, () => Promise.all(tables.map((table) => table.clear())));
}

/** Runs `take` (keys of at most `size` rows) and `remove` in one transaction each, until nothing is left. */
async function drain<K>(db: PortierDb, size: number, take: () => Promise<K[]>, remove: (keys: K[]) => Promise<unknown>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction('rw', [db.invitations, db.events], async () => {
      const keys = await take();
      await remove(keys);
      return keys.length;
    });
    total += n;
    if (n < size) return total;
  }
}
