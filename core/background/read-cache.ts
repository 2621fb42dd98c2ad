import { Dexie } from 'dexie';
import type { PortierDb } from '../db';

/**
 * What the contact card reads of an account and what seldom changes: its destinations (with their
 * seats) and the agent's rights on each. Reading them for every contact would put their round trips
 * before the card's own (Zoho CRM lists its portals, then each portal's user types, then seats), so
 * they are kept for ACCOUNT_CACHE_FRESH_MS: in memory, and in IndexedDB, since an MV3 worker stops
 * after 30 s idle and the next one would start cold. For ACCOUNT_CACHE_STALE_MS after that, an
 * answer is still served at once while it is read again beside the card (one read at a time), so
 * an agent who opens a contact every few minutes never waits for the listing (issue #14); what
 * changed at the vendor shows from the next card on. Only the card reads through it; jobs always
 * plan from fresh reads, so a stale seat count can mislead the card, never a send. Anything that may
 * change seats or rights (a job started, a portal user changed, the account reconnected or its
 * settings saved) forgets the account's entries, and a failed read is never kept.
 */
export const ACCOUNT_CACHE_FRESH_MS = 5 * 60_000;
export const ACCOUNT_CACHE_STALE_MS = 60 * 60_000;

/** Where answers outlive the worker (accountCacheStore); absent in tests that keep memory only. */
export interface ReadStore {
  get(accountId: string, key: string): Promise<{ at: number; value: unknown } | undefined>;
  put(accountId: string, key: string, at: number, value: unknown): Promise<void>;
  /** One account's answers, or every account's. */
  forget(accountId?: string): Promise<void>;
}

interface Entry {
  /** Until when the answer is fresh; Infinity while it is being read (joiners wait for it). */
  until: number;
  value: Promise<unknown>;
  /** A read again of a stale answer is under way (revalidate). */
  refreshing?: boolean;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by forget(): a read that started before must not store its answer after it. */
  private readonly epochs = new Map<string, number>();
  private epoch = 0;
  /** The store's deletions in order: a read after forget() must not find what it deleted. */
  private forgetting: Promise<void> = Promise.resolve();

  constructor(
    private readonly now: () => number,
    private readonly store?: ReadStore,
    private readonly freshMs = ACCOUNT_CACHE_FRESH_MS,
    private readonly staleMs = ACCOUNT_CACHE_STALE_MS,
  ) {}

  /**
   * The account's answer for `key` younger than the freshness (memory, then IndexedDB), or `load()`'s;
   * one younger than freshness and staleness together at once, `load()` then run beside it.
   */
  read<T>(accountId: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = entryId(accountId, key);
    const hit = this.entries.get(id);
    const at = this.now();
    if (hit && hit.until > at) return hit.value as Promise<T>;
    // until - freshMs is when it was answered: a clock gone back serves nothing stale.
    if (hit && at < hit.until + this.staleMs && hit.until - this.freshMs <= at) {
      this.revalidate(id, accountId, key, load, hit);
      return hit.value as Promise<T>;
    }
    const epoch = this.epochOf(accountId);
    const entry: Entry = { until: Infinity, value: Promise.resolve() };
    const value = (async (): Promise<T> => {
      await this.forgetting;
      const stored = await this.store?.get(accountId, key).catch(() => undefined);
      const now = this.now();
      if (stored && stored.at <= now && now - stored.at < this.freshMs + this.staleMs && epoch === this.epochOf(accountId)) {
        entry.until = stored.at + this.freshMs;
        // A new worker's first card: served from the disk, and read again beside it when stale.
        if (now - stored.at >= this.freshMs) queueMicrotask(() => this.revalidate(id, accountId, key, load, entry));
        return stored.value as T;
      }
      const value = await load();
      entry.until = now + this.freshMs;
      // Not awaited: the card need not wait for the disk. A forget() after this queues behind it.
      if (epoch === this.epochOf(accountId)) void this.store?.put(accountId, key, now, value).catch(() => undefined);
      return value;
    })();
    entry.value = value;
    this.entries.set(id, entry);
    value.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return value;
  }

  /** Reads a stale answer again; the new one replaces it unless the account was forgotten meanwhile. A failure keeps the stale one. */
  private revalidate<T>(id: string, accountId: string, key: string, load: () => Promise<T>, stale: Entry): void {
    if (stale.refreshing || this.entries.get(id) !== stale) return;
    stale.refreshing = true;
    const epoch = this.epochOf(accountId);
    load().then(
      (value) => {
        stale.refreshing = false;
        if (epoch !== this.epochOf(accountId) || this.entries.get(id) !== stale) return;
        const now = this.now();
        this.entries.set(id, { until: now + this.freshMs, value: Promise.resolve(value) });
        void this.store?.put(accountId, key, now, value).catch(() => undefined);
      },
      () => {
        stale.refreshing = false;
      },
    );
  }

  clear(): void {
    this.entries.clear();
    this.epoch += 1;
    this.forgetInStore(undefined);
  }

  forget(accountId: string): void {
    for (const id of this.entries.keys()) if (id.startsWith(`${accountId}\u0000`)) this.entries.delete(id);
    this.epochs.set(accountId, (this.epochs.get(accountId) ?? 0) + 1);
    this.forgetInStore(accountId);
  }

  private forgetInStore(accountId: string | undefined): void {
    const store = this.store;
    if (!store) return;
    this.forgetting = this.forgetting.then(() => store.forget(accountId)).catch(() => undefined);
  }

  private epochOf(accountId: string): string {
    return `${this.epoch}:${this.epochs.get(accountId) ?? 0}`;
  }
}

function entryId(accountId: string, key: string): string {
  return `${accountId}\u0000${key}`;
}

/** The ReadStore of the background: the `accountCache` table (core/db.ts v6). */
export function accountCacheStore(db: PortierDb): ReadStore {
  return {
    get: async (accountId, key) => {
      const row = await db.accountCache.get([accountId, key]);
      return row && typeof row.at === 'number' ? { at: row.at, value: row.value } : undefined;
    },
    put: async (accountId, key, at, value) => {
      await db.accountCache.put({ accountId, key, at, value });
    },
    forget: async (accountId) => {
      if (accountId === undefined) await db.accountCache.clear();
      else await db.accountCache.where('[accountId+key]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).delete();
    },
  };
}
