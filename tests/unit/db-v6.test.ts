import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, type LastVerdictsRow } from '../../core/db';
import type { Account, Contact } from '../../core/model';

/** core/db.ts v6: the contact card's two new tables (issue #14), over a v5 database kept as it was. */

const deps = { indexedDB, IDBKeyRange };
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const T0 = '2030-01-01T00:00:00.000Z';
const account: Account = { id: 'acme', vendor: 'zendesk', label: 'Acme', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: T0 };
const contact = (id: string): Contact => ({ id, key: `zendesk:acme:${id}`, vendor: 'zendesk', accountId: 'acme', email: `p${id}@woodgrove.com`, fetchedAt: T0 });
const card = (accountId: string, contactId: string, checkedAt: string): LastVerdictsRow => ({ accountId, contactId, checkedAt, contact: contact(contactId), destinations: [] });

describe('upgrade from version 5', () => {
  it('keeps every row, and adds the last cards by account and contact (by age too) and the account cache', async () => {
    const name = `portier-test-${crypto.randomUUID()}`;
    const v5 = new Dexie(name, deps);
    v5.version(1).stores(SCHEMA_V1);
    v5.version(2).stores(SCHEMA_V2);
    v5.version(3).stores(SCHEMA_V3);
    v5.version(4).stores(SCHEMA_V4);
    v5.version(5).stores(SCHEMA_V5);
    await v5.table('accounts').add(account);
    await v5.table('contacts').add(contact('1'));
    v5.close();

    const db = openDb(name, deps);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.accounts.get('acme')).toEqual(account);
    expect(await db.contacts.where('fetchedAt').equals(T0).count()).toBe(1);

    await db.lastVerdicts.bulkPut([card('acme', '1', '2030-01-01T00:02:00.000Z'), card('acme', '2', '2030-01-01T00:01:00.000Z'), card('globex', '1', '2030-01-01T00:03:00.000Z')]);
    // One row per account and contact: the same contact id of another account is another card.
    expect((await db.lastVerdicts.get(['acme', '1']))?.checkedAt).toBe('2030-01-01T00:02:00.000Z');
    await db.lastVerdicts.put(card('acme', '1', '2030-01-01T00:04:00.000Z'));
    expect(await db.lastVerdicts.count()).toBe(3);
    // Oldest first, for expiry and for keeping the newest.
    expect((await db.lastVerdicts.orderBy('checkedAt').toArray()).map((r) => `${r.accountId}/${r.contactId}`)).toEqual(['acme/2', 'globex/1', 'acme/1']);
    expect(await db.lastVerdicts.where('[accountId+contactId]').between(['acme', Dexie.minKey], ['acme', Dexie.maxKey]).count()).toBe(2);

    await db.accountCache.put({ accountId: 'acme', key: 'targets', at: 1, value: [] });
    await db.accountCache.put({ accountId: 'acme', key: 'actor:t', at: 2, value: { role: 'agent' } });
    await db.accountCache.put({ accountId: 'acmes', key: 'targets', at: 3, value: [] });
    expect(await db.accountCache.get(['acme', 'actor:t'])).toEqual({ accountId: 'acme', key: 'actor:t', at: 2, value: { role: 'agent' } });
    expect(await db.accountCache.where('[accountId+key]').between(['acme', Dexie.minKey], ['acme', Dexie.maxKey]).count()).toBe(2);
  });
});
