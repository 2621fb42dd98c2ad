import { afterEach, describe, expect, it } from 'vitest';
import type { PortierDb } from '../../../core/db';
import type { Account, PageRecord } from '../../../core/model';
import { clearAllData, deleteAccountData, readRetentionDays, saveRetentionDays } from '../../../core/retention';
import { closeAll, contact, contactKey, event, freshDb, item, job, RECENT, target, type Where } from './rows';

/** Disconnecting deletes the account's rows; clearing deletes every row but the retention setting. */

afterEach(closeAll);

const CRM: Where = { vendor: 'zoho_crm', accountId: 'com:1' };

function account(id: string, vendor: Account['vendor']): Account {
  return { id, vendor, label: id, authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: RECENT };
}

function page(tabId: number, accountId: string, vendor: Account['vendor']): PageRecord {
  return { tabId, context: { vendor, account: accountId, pageKind: 'contact', recordIds: ['1'], url: `https://example.invalid/${tabId}` }, accountId, connected: true, at: RECENT };
}

/**
 * Two accounts. Acme (Zendesk): three contacts, a finished and a paused job. The CRM account: its
 * own contact, a finished job that invited Acme's contact 1, and a job still sending to Acme's contact 2.
 */
async function twoAccounts(db: PortierDb): Promise<void> {
  await db.accounts.bulkAdd([account('acme', 'zendesk'), account('com:1', 'zoho_crm')]);
  await db.targets.bulkAdd([target(), target(CRM)]);
  await db.contacts.bulkAdd([contact('1', RECENT), contact('2', RECENT), contact('3', RECENT), contact('c1', RECENT, CRM)]);
  await db.jobs.bulkAdd([job('a-done', 'completed', RECENT), job('a-paused', 'paused', RECENT), job('c-done', 'completed', RECENT, CRM), job('c-running', 'running', RECENT, CRM)]);
  await db.invitations.bulkAdd([
    item('1', 'a-done', 'invited', RECENT),
    item('2', 'a-done', 'failed', RECENT),
    item('3', 'a-paused', 'queued', RECENT),
    item('1', 'c-done', 'invited', RECENT, CRM, {}),
    item('2', 'c-running', 'sending', RECENT, CRM, {}),
    item('c1', 'c-running', 'queued', RECENT, CRM),
  ]);
  await db.events.bulkAdd([
    event('1', RECENT, 'a-done'),
    event('2', RECENT, 'a-done'),
    event('3', RECENT, 'a-paused'),
    event('3', RECENT),
    { ...event('1', RECENT, 'c-done'), targetKey: target(CRM).key },
    { ...event('2', RECENT, 'c-running'), targetKey: target(CRM).key },
    event('c1', RECENT, 'c-running', CRM),
  ]);
  await db.pages.bulkAdd([page(1, 'acme', 'zendesk'), page(2, 'com:1', 'zoho_crm')]);
  await db.lastVerdicts.bulkAdd([card('acme', '1'), card('com:1', 'c1')]);
  await db.accountCache.bulkAdd([{ accountId: 'acme', key: 'targets', at: 0, value: [] }, { accountId: 'com:1', key: 'targets', at: 0, value: [] }]);
}

/** The contact card's last verdicts, with the copy of the contact they keep. */
function card(accountId: string, contactId: string) {
  return { accountId, contactId, checkedAt: RECENT, contact: contact(contactId, RECENT, accountId === 'acme' ? {} : CRM), destinations: [] };
}

describe('deleteAccountData', () => {
  it('deletes the account, its jobs, destinations, contacts, invitations and history, and nothing of the other account', async () => {
    const db = freshDb();
    await twoAccounts(db);
    const forgotten = await deleteAccountData(db, 'acme', { batchSize: 2 });

    expect(await db.accounts.toCollection().primaryKeys()).toEqual(['com:1']);
    expect((await db.jobs.toCollection().primaryKeys()).sort()).toEqual(['c-done', 'c-running']);
    expect(await db.targets.toCollection().primaryKeys()).toEqual([target(CRM).key]);
    // Acme's contact 2 stays while the CRM account's job is still sending to it; 1 and 3 go.
    expect((await db.contacts.toCollection().primaryKeys()).sort()).toEqual([contactKey('2'), contactKey('c1', CRM)].sort());
    expect((await db.invitations.toArray()).map((r) => `${r.jobId}:${r.contactKey}`).sort()).toEqual([`c-running:${contactKey('2')}`, `c-running:${contactKey('c1', CRM)}`]);
    expect((await db.events.toArray()).map((e) => `${e.jobId}:${e.contactKey}`).sort()).toEqual([`c-running:${contactKey('2')}`, `c-running:${contactKey('c1', CRM)}`]);
    expect(forgotten).toEqual({ jobs: 2, targets: 1, contacts: 2, invitations: 4, events: 5 });
    expect(await db.lastVerdicts.toCollection().primaryKeys()).toEqual([['com:1', 'c1']]);
    expect(await db.accountCache.toCollection().primaryKeys()).toEqual([['com:1', 'targets']]);
  });

  it('keeps the open tab of the account, no longer connected, and leaves other tabs alone', async () => {
    const db = freshDb();
    await twoAccounts(db);
    await deleteAccountData(db, 'acme');
    const [acmeTab, crmTab] = await db.pages.bulkGet([1, 2]);
    expect(acmeTab).toMatchObject({ tabId: 1, connected: false });
    expect(acmeTab).not.toHaveProperty('accountId');
    expect(crmTab).toEqual(page(2, 'com:1', 'zoho_crm'));
  });

  it('walks an account of many contacts in batches, past those another job holds', async () => {
    const db = freshDb();
    await db.jobs.add(job('c-running', 'running', RECENT, CRM));
    const ids = Array.from({ length: 23 }, (_, i) => String(i));
    await db.contacts.bulkAdd(ids.map((id) => contact(id, RECENT)));
    await db.invitations.bulkAdd(['4', '17'].map((id) => item(id, 'c-running', 'queued', RECENT, CRM, {})));
    const forgotten = await deleteAccountData(db, 'acme', { batchSize: 5 });
    expect(forgotten.contacts).toBe(21);
    expect((await db.contacts.toCollection().primaryKeys()).sort()).toEqual([contactKey('17'), contactKey('4')]);
  });

  it('deletes the history of records Portier never stored as contacts (CRM portal users’ actions), in batches, and no other account’s', async () => {
    const db = freshDb();
    await db.accounts.bulkAdd([account('acme', 'zendesk'), account('com:1', 'zoho_crm'), account('com:10', 'zoho_crm')]);
    const portalUser = (id: string, where: Where) => ({ ...event(id, RECENT, undefined, where), type: 'deactivated' as const, detail: 'DEACTIVATE' });
    // Seven lines of com:1's portal users, none with a job or a contact row; one of com:10's, whose id starts alike.
    await db.events.bulkAdd([...Array.from({ length: 7 }, (_, i) => portalUser(`p${i}`, CRM)), portalUser('p0', { vendor: 'zoho_crm', accountId: 'com:10' })]);
    const forgotten = await deleteAccountData(db, 'com:1', { batchSize: 3 });
    expect(forgotten.events).toBe(7);
    expect((await db.events.toArray()).map((e) => e.contactKey)).toEqual([contactKey('p0', { vendor: 'zoho_crm', accountId: 'com:10' })]);
  });

  it('an account with nothing stored is deleted without error', async () => {
    const db = freshDb();
    await db.accounts.add(account('acme', 'zendesk'));
    expect(await deleteAccountData(db, 'acme')).toEqual({ jobs: 0, targets: 0, contacts: 0, invitations: 0, events: 0 });
    expect(await db.accounts.count()).toBe(0);
  });
});

describe('clearAllData', () => {
  it('empties every table, open tabs’ pages too, and keeps the retention the agent chose', async () => {
    const db = freshDb();
    await twoAccounts(db);
    await saveRetentionDays(db, 30);
    await clearAllData(db);
    const tables = [db.accounts, db.targets, db.contacts, db.jobs, db.invitations, db.events, db.pages, db.lastVerdicts, db.accountCache];
    expect(await Promise.all(tables.map((t) => t.count()))).toEqual(tables.map(() => 0));
    expect(await readRetentionDays(db)).toBe(30);
  });
});
