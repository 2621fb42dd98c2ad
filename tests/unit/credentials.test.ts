import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  indexedDbCredentialStore, memoryCredentialStore, oauthTokenStore, protectedCredentialStore, storageCredentialStore,
  type Credentials, type ProtectableArea,
} from '../../core/credentials';

/**
 * core/credentials: where the background keeps secrets. On Chrome, `storage.local` once the
 * browser agreed to keep it from content scripts; anywhere else, the extension origin's IndexedDB.
 * Credentials left in the other place are moved, never left behind.
 */

const TOKEN: Credentials = { kind: 'api_token', email: 'ava.admin@acme.co', token: 'secret-api-token' };
const OAUTH: Credentials = { kind: 'oauth', tokens: { accessToken: 'at', refreshToken: 'rt' }, accountsServer: 'https://accounts.zoho.eu' };

/** storage.local as a Map; `accessLevel` records what the store asked for. */
function fakeArea(options: { setAccessLevel?: 'works' | 'throws' | 'absent' } = {}) {
  const items = new Map<string, unknown>();
  const calls: string[] = [];
  const area: ProtectableArea & { items: Map<string, unknown>; calls: string[] } = {
    items,
    calls,
    get: async (keys) => {
      calls.push('get');
      if (keys === null) return Object.fromEntries(items);
      return items.has(keys) ? { [keys]: items.get(keys) } : {};
    },
    set: async (record) => {
      calls.push('set');
      for (const [k, v] of Object.entries(record)) items.set(k, v);
    },
    remove: async (keys) => {
      calls.push('remove');
      for (const k of [keys].flat()) items.delete(k);
    },
  };
  const mode = options.setAccessLevel ?? 'works';
  if (mode !== 'absent') {
    area.setAccessLevel = async ({ accessLevel }) => {
      calls.push(`setAccessLevel:${accessLevel}`);
      if (mode === 'throws') throw new Error('Only session storage is supported');
    };
  }
  return area;
}

/** A fresh IndexedDB (fake-indexeddb) per test. */
const freshIdb = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

describe('protectedCredentialStore', () => {
  it('on Chrome, restricts storage.local to the extension before the first read or write, and keeps credentials there', async () => {
    const area = fakeArea();
    const store = protectedCredentialStore({ area, indexedDb: freshIdb() });
    await store.set('acme', TOKEN);
    expect(await store.home).toBe('storage.local');
    expect(area.calls[0]).toBe('setAccessLevel:TRUSTED_CONTEXTS');
    expect(await store.get('acme')).toEqual(TOKEN);
    expect([...area.items.keys()]).toEqual(['portier.credentials.acme']);
    await store.delete('acme');
    expect(area.items.size).toBe(0);
  });

  it.each(['absent', 'throws'] as const)('with setAccessLevel %s (Firefox, an old Chrome), keeps storage.local empty and uses IndexedDB', async (mode) => {
    const area = fakeArea({ setAccessLevel: mode });
    const idb = freshIdb();
    const store = protectedCredentialStore({ area, indexedDb: idb });
    await store.set('com:701', OAUTH);
    expect(await store.home).toBe('indexedDB');
    expect(area.items.size).toBe(0);
    expect(await store.get('com:701')).toEqual(OAUTH);
    expect(await indexedDbCredentialStore(idb).get('com:701')).toEqual(OAUTH);
  });

  it('moves credentials an earlier version left in an unrestricted storage.local into IndexedDB, and removes them there', async () => {
    const area = fakeArea({ setAccessLevel: 'absent' });
    area.items.set('portier.credentials.acme', TOKEN);
    area.items.set('unrelated', 1);
    const store = protectedCredentialStore({ area, indexedDb: freshIdb() });
    expect(await store.get('acme')).toEqual(TOKEN);
    expect([...area.items.keys()]).toEqual(['unrelated']);
  });

  it('moves credentials back into storage.local once Chrome restricts it, without overwriting newer ones', async () => {
    const idb = freshIdb();
    const old = indexedDbCredentialStore(idb);
    await old.set('acme', TOKEN);
    await old.set('com:701', OAUTH);
    const area = fakeArea();
    const newer: Credentials = { kind: 'api_token', email: 'ava.admin@acme.co', token: 'newer' };
    await storageCredentialStore(area).set('acme', newer);
    const store = protectedCredentialStore({ area, indexedDb: idb });
    expect(await store.get('acme')).toEqual(newer);
    expect(await store.get('com:701')).toEqual(OAUTH);
    expect(await old.all()).toEqual([]);
  });
});

describe('the stores', () => {
  it.each([
    ['storage.local', () => storageCredentialStore(fakeArea())],
    ['IndexedDB', () => indexedDbCredentialStore(freshIdb())],
    ['memory', () => memoryCredentialStore()],
  ])('%s: set, get, list, delete; what does not parse counts as not connected', async (_name, make) => {
    const store = make();
    expect(await store.get('acme')).toBeUndefined();
    await store.set('acme', TOKEN);
    await store.set('com:701', OAUTH);
    expect(await store.get('acme')).toEqual(TOKEN);
    expect((await store.all()).sort(([a], [b]) => a.localeCompare(b))).toEqual([['acme', TOKEN], ['com:701', OAUTH]]);
    await store.delete('acme');
    expect(await store.get('acme')).toBeUndefined();
    await expect(store.set('bad', { kind: 'api_token' } as unknown as Credentials)).rejects.toThrow();
  });

  it('oauthTokenStore refreshes tokens in place and keeps where Zoho said the account lives', async () => {
    const store = memoryCredentialStore();
    await store.set('com:701', OAUTH);
    const tokens = oauthTokenStore(store, 'com:701');
    await tokens.set({ accessToken: 'at-2', refreshToken: 'rt' });
    expect(await store.get('com:701')).toEqual({ kind: 'oauth', tokens: { accessToken: 'at-2', refreshToken: 'rt' }, accountsServer: 'https://accounts.zoho.eu' });
    expect(await oauthTokenStore(store, 'nobody').get()).toBeUndefined();
  });
});
