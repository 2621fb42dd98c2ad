import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_CACHE_FRESH_MS, ACCOUNT_CACHE_STALE_MS, accountCacheStore, ReadCache, type ReadStore } from '../../../core/background/read-cache';
import { freshDb } from '../jobs/helpers';

/** The account cache of the contact card (read-cache.ts): memory, then IndexedDB, then the vendor. */

function memoryStore(): ReadStore & { rows: Map<string, { at: number; value: unknown }> } {
  const rows = new Map<string, { at: number; value: unknown }>();
  return {
    rows,
    get: async (a, k) => rows.get(`${a}/${k}`),
    put: async (a, k, at, value) => void rows.set(`${a}/${k}`, { at, value }),
    forget: async (a) => {
      for (const id of [...rows.keys()]) if (a === undefined || id.startsWith(`${a}/`)) rows.delete(id);
    },
  };
}

describe('ReadCache', () => {
  it('reads once while fresh, from memory or from the store a new worker finds', async () => {
    let t = 1_000_000;
    const store = memoryStore();
    let loads = 0;
    const load = async () => ++loads;
    const cache = new ReadCache(() => t, store);
    expect(await Promise.all([cache.read('acme', 'targets', load), cache.read('acme', 'targets', load)])).toEqual([1, 1]);
    t += ACCOUNT_CACHE_FRESH_MS - 1;
    const next = new ReadCache(() => t, store);
    expect(await next.read('acme', 'targets', load)).toBe(1);
    expect(loads).toBe(1);
  });

  it('serves a stale answer at once and reads it again beside it, once; past the staleness it waits for the read', async () => {
    let t = 1_000_000;
    const store = memoryStore();
    let loads = 0;
    let finish: ((n: number) => void) | undefined;
    // Each read after the first hangs until the test lets it answer.
    const load = () => (++loads === 1 ? Promise.resolve(1) : new Promise<number>((resolve) => (finish = resolve)));
    const cache = new ReadCache(() => t, store);
    expect(await cache.read('acme', 'targets', load)).toBe(1);

    t += ACCOUNT_CACHE_FRESH_MS + 1;
    expect(await cache.read('acme', 'targets', load)).toBe(1); // no wait for the vendor
    expect(await cache.read('acme', 'targets', load)).toBe(1); // the same read again, not a second
    expect(loads).toBe(2);
    finish!(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.read('acme', 'targets', load)).toBe(2);
    expect(store.rows.get('acme/targets')).toEqual({ at: t, value: 2 });

    // A new worker finds it on the disk: the same, stale from the store.
    t += ACCOUNT_CACHE_FRESH_MS + 1;
    const next = new ReadCache(() => t, store);
    expect(await next.read('acme', 'targets', load)).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toBe(3);
    finish!(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await next.read('acme', 'targets', load)).toBe(3);

    // Too old to show: the card waits for the vendor.
    t += ACCOUNT_CACHE_FRESH_MS + ACCOUNT_CACHE_STALE_MS;
    const waited = next.read('acme', 'targets', load);
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toBe(4);
    finish!(4);
    expect(await waited).toBe(4);
  });

  it('keeps the stale answer when reading it again fails, and drops a read again that a forget overtook', async () => {
    let t = 1_000_000;
    const cache = new ReadCache(() => t);
    await cache.read('acme', 'targets', async () => 'first');
    t += ACCOUNT_CACHE_FRESH_MS + 1;
    expect(await cache.read('acme', 'targets', async () => Promise.reject(new Error('503')))).toBe('first');
    await new Promise((resolve) => setImmediate(resolve));
    let finish!: (v: string) => void;
    expect(await cache.read('acme', 'targets', () => new Promise<string>((resolve) => (finish = resolve)))).toBe('first');
    cache.forget('acme');
    finish('read before the change');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.read('acme', 'targets', async () => 'after the change')).toBe('after the change');
  });

  it('keeps no failed read, and no answer from a clock that went back', async () => {
    let t = 1_000_000;
    const store = memoryStore();
    const cache = new ReadCache(() => t, store);
    await expect(cache.read('acme', 'targets', async () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    expect(store.rows.size).toBe(0);
    expect(await cache.read('acme', 'targets', async () => 'ok')).toBe('ok');
    t -= 60_000;
    expect(await new ReadCache(() => t, store).read('acme', 'targets', async () => 'again')).toBe('again');
  });

  it('forgets an account everywhere; a read under way then neither serves nor stores its answer', async () => {
    const t = 1_000_000;
    const store = memoryStore();
    const cache = new ReadCache(() => t, store);
    await cache.read('acme', 'targets', async () => 'old');
    await cache.read('globex', 'targets', async () => 'theirs');
    let finish!: (v: string) => void;
    const underWay = cache.read('acme', 'actor:x', () => new Promise<string>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    cache.forget('acme');
    finish('before the change');
    expect(await underWay).toBe('before the change');
    expect(await cache.read('acme', 'actor:x', async () => 'after')).toBe('after');
    expect(await cache.read('acme', 'targets', async () => 'new')).toBe('new');
    expect(await cache.read('globex', 'targets', async () => 'unused')).toBe('theirs');
    cache.clear();
    expect(await new ReadCache(() => t, store).read('globex', 'targets', async () => 'read again')).toBe('read again');
  });

  it('keeps its answers in the accountCache table (core/db.ts v6)', async () => {
    const db = freshDb();
    const store = accountCacheStore(db);
    await store.put('acme', 'targets', 5, [{ key: 't' }]);
    await store.put('acme', 'actor:t', 6, { role: 'agent' });
    await store.put('globex', 'targets', 7, []);
    expect(await store.get('acme', 'targets')).toEqual({ at: 5, value: [{ key: 't' }] });
    await store.forget('acme');
    expect(await store.get('acme', 'actor:t')).toBeUndefined();
    expect(await store.get('globex', 'targets')).toEqual({ at: 7, value: [] });
    await store.forget();
    expect(await db.accountCache.count()).toBe(0);
    db.close();
  });
});
