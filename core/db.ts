import { Dexie, type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie';
import type { Destination } from './messages';
import type { Account } from './model/account';
import type { Contact } from './model/contact';
import type { PortierEvent } from './model/event';
import { invitationId, type Invitation, type InvitationStatus } from './model/invitation';
import type { Job, JobBatch, JobStatus } from './model/job';
import type { PageRecord } from './model/page-context';
import type { Target } from './model/target';

/**
 * Version history. A version that has shipped is never edited: every change is a new version with
 * its own upgrade, so an install that skipped releases still walks through each step in order.
 *
 * v1: the first schema: jobs found by status alone, invitations in the words of the first vendor
 *     wired up ("pending", `sentAt`), no history table and no lookup by email.
 * v2: rate limits and backoff need "due now" to be one index range, hence `[status+nextAttemptAt]`
 *     (v1 jobs get a `nextAttemptAt`, or the engine would never see them again); the panel's "who
 *     else has this address" needs `emailKey`; its per-target counts need `[targetKey+status]`;
 *     the history table appears; invitations take the model's own words (`invited`, `invitedAt`).
 * v3: a job row listed every contact key (`contactKeys`, and its batch's own list), and the engine
 *     reads and writes that row at every step: with 10,000 contacts each write cost 60–100 ms, a
 *     quadratic job. An item's place in its job moves to its Invitation row (`seq`, indexed as
 *     `[jobId+seq]`), a batch becomes a seq range, and the next batch is one index range query; v2
 *     jobs lose their lists, which become `seq` on their rows (an in-flight batch its range).
 * v4: what each tab shows moves from the worker's memory (lost whenever an MV3 worker stops) to a
 *     `pages` table keyed by tab id; the panel lists the latest jobs first, hence `createdAt` on
 *     jobs, whose existing values are brought to the one UTC form that sorts (v1 jobs kept offsets).
 * v5: personal data expires (core/retention): the daily sweep finds what is older than the agent's
 *     retention by one index range per table (`fetchedAt` on contacts, `updatedAt` on invitations,
 *     `at` on events, `[status+updatedAt]` on jobs), and the retention itself lives in `settings`.
 * v6: the contact card at the speed of the page (core/background/records.ts, read-cache.ts): the
 *     last verdicts of each contact per account (`lastVerdicts`, shown at once on a revisit while
 *     the vendor is asked again; `checkedAt` for expiry), and what the card reads of an account
 *     and seldom changes (`accountCache`: destinations, rights), which a stopped worker would lose.
 *     Two new tables and nothing to move: no upgrade function.
 */
export const SCHEMA_V1 = {
  contacts: 'key, [vendor+accountId]',
  targets: 'key, [vendor+accountId]',
  invitations: 'id, contactKey, targetKey, jobId',
  jobs: 'id, status, accountId',
  accounts: 'id, vendor',
} as const;

export const SCHEMA_V2 = {
  contacts: 'key, emailKey, [vendor+accountId]',
  targets: 'key, [vendor+accountId]',
  invitations: 'id, contactKey, [targetKey+status], jobId',
  jobs: 'id, [status+nextAttemptAt], accountId',
  events: '++id, [contactKey+at], jobId',
  accounts: 'id, vendor',
} as const;

export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  invitations: 'id, contactKey, [targetKey+status], jobId, [jobId+seq]',
} as const;

export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  jobs: 'id, [status+nextAttemptAt], accountId, createdAt',
  pages: 'tabId',
} as const;

// --- v5: retention (core/retention) -----------------------------------------------------------
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  contacts: 'key, emailKey, [vendor+accountId], fetchedAt',
  invitations: 'id, contactKey, [targetKey+status], jobId, [jobId+seq], updatedAt',
  jobs: 'id, [status+nextAttemptAt], accountId, createdAt, [status+updatedAt]',
  events: '++id, [contactKey+at], jobId, at',
  settings: 'key',
} as const;

/** A global setting (the retention), one row per name; its value is checked where it is read. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * The newly indexed times are brought to the one UTC form, as v4 did for `createdAt`, so that the
 * sweep's string ranges are time ranges. Every writer already stores `toISOString()`; no hook keeps
 * them so afterwards, because a hook makes Dexie read each row before every `put` of the engine.
 */
async function upgradeToV5(tx: Transaction): Promise<void> {
  const sortable = <T, K extends keyof T & string>(table: string, field: K) =>
    tx
      .table<T>(table)
      .toCollection()
      .modify((row) => {
        const value = row[field];
        if (typeof value !== 'string') return;
        const fixed = toIndexTime(value);
        if (fixed !== value) (row as Record<string, unknown>)[field] = fixed;
      });
  await sortable<Contact, 'fetchedAt'>('contacts', 'fetchedAt');
  await sortable<Invitation, 'updatedAt'>('invitations', 'updatedAt');
  await sortable<Job, 'updatedAt'>('jobs', 'updatedAt');
  await sortable<PortierEvent, 'at'>('events', 'at');
}
// --- end of v5 ----------------------------------------------------------------------------------

// --- v6: the contact card's caches (core/background/records.ts, read-cache.ts) --------------------
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  lastVerdicts: '[accountId+contactId], checkedAt',
  accountCache: '[accountId+key]',
} as const;

/** The contact card as last checked with the vendor: what the panel shows at once on a revisit. */
export interface LastVerdictsRow {
  accountId: string;
  contactId: string;
  /** CRM module the card was read in. */
  module?: string;
  /** ISO, UTC: when the vendor answered. */
  checkedAt: string;
  contact: Contact;
  destinations: Destination[];
}

/** One answer the contact card reads of an account (`targets`, `actor:<target key>`), and when (ms). */
export interface AccountCacheRow {
  accountId: string;
  key: string;
  at: number;
  value: unknown;
}
// --- end of v6 ----------------------------------------------------------------------------------

/** How a v1 invitation looked on disk; only the v2 upgrade reads this shape. */
type InvitationV1 = Omit<Invitation, 'status' | 'invitedAt'> & {
  status: InvitationStatus | 'pending';
  sentAt?: string;
  invitedAt?: string;
};

type JobV1 = Omit<JobV2, 'nextAttemptAt'> & { nextAttemptAt?: string };

/** How a v2 job looked on disk: it and its batch listed their contact keys; only the v3 upgrade reads this. */
type JobV2 = Omit<Job, 'batch'> & {
  contactKeys?: string[];
  batch?: Omit<JobBatch, 'from' | 'to'> & { contactKeys?: string[]; from?: number; to?: number };
};

/** A history line as read back: Dexie has assigned its id, which pagination uses to break ties. */
export type StoredEvent = PortierEvent & { id: number };

export type DbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

export class PortierDb extends Dexie {
  // `declare`, not `!`: a class field would be defined as undefined over the table Dexie installs.
  declare contacts: EntityTable<Contact, 'key'>;
  declare targets: EntityTable<Target, 'key'>;
  declare invitations: EntityTable<Invitation, 'id'>;
  declare jobs: EntityTable<Job, 'id'>;
  declare events: EntityTable<PortierEvent, 'id'>;
  declare accounts: EntityTable<Account, 'id'>;
  declare pages: EntityTable<PageRecord, 'tabId'>;
  declare settings: EntityTable<SettingRow, 'key'>;
  declare lastVerdicts: Table<LastVerdictsRow, [string, string]>;
  declare accountCache: Table<AccountCacheRow, [string, string]>;

  /**
   * contactHistory() as a method: the panel's history reads it inside a live query without
   * importing this module's functions into its first screen (the database loads after it).
   */
  history(contactKey: string, page: HistoryPage): Promise<StoredEvent[]> {
    return contactHistory(this, contactKey, page);
  }

  constructor(name = 'portier', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
    this.version(5).stores(SCHEMA_V5).upgrade(upgradeToV5);
    this.version(6).stores(SCHEMA_V6);

    keepTimeSortable(this.jobs, 'nextAttemptAt');
    keepTimeSortable(this.jobs, 'createdAt');
    keepTimeSortable(this.events, 'at');
  }
}

/** Dexie opens lazily on the first query, so callers (and liveQuery) can use the result at once. */
export function openDb(name = 'portier', options?: DbDeps): PortierDb {
  return new PortierDb(name, options);
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<InvitationV1, string>('invitations')
    .toCollection()
    .modify((inv) => {
      if (inv.status === 'pending') inv.status = 'invited';
      if (inv.sentAt !== undefined) {
        inv.invitedAt ??= inv.sentAt;
        delete inv.sentAt;
      }
    });
  // A row without the key is absent from [status+nextAttemptAt]: the engine would never resume it.
  // updatedAt is when v1 last touched the job, so queued work becomes due straight away.
  await tx
    .table<JobV1, string>('jobs')
    .toCollection()
    .modify((job) => {
      job.nextAttemptAt = toIndexTime(job.nextAttemptAt ?? job.updatedAt);
    });
}

/**
 * Each v2 job's `contactKeys` order becomes `seq` on the rows the job still owns (a row another job
 * took over since keeps that job's place), and its in-flight batch the seq range of the keys it
 * still listed, so a batch that may have reached the vendor is reconciled, never sent again blind.
 * Jobs are migrated one at a time: the transaction never holds more than one job's rows.
 */
async function upgradeToV3(tx: Transaction): Promise<void> {
  const jobs = tx.table<JobV2, string>('jobs');
  const invitations = tx.table<Invitation, string>('invitations');
  const ids = (await jobs.toCollection().primaryKeys()) as string[];
  for (const id of ids) {
    const job = await jobs.get(id);
    if (!job) continue;
    const keys = job.contactKeys ?? [];
    const rows = await invitations.bulkGet(keys.map((k) => invitationId(k, job.targetKey)));
    const seqOf = new Map<string, number>();
    const owned: Invitation[] = [];
    keys.forEach((key, seq) => {
      if (seqOf.has(key)) return;
      seqOf.set(key, seq);
      const row = rows[seq];
      if (row?.jobId === job.id) owned.push({ ...row, seq });
    });
    if (owned.length > 0) await invitations.bulkPut(owned);

    const { contactKeys: _keys, batch, ...rest } = job;
    const next: Job = { ...rest };
    if (batch) {
      const { contactKeys: batchKeys, ...kept } = batch;
      const seqs = (batchKeys ?? []).map((k) => seqOf.get(k)).filter((n): n is number => n !== undefined);
      if (kept.from !== undefined && kept.to !== undefined) {
        next.batch = { ...kept, from: kept.from, to: kept.to };
      } else if (seqs.length > 0) {
        // The batch took its items from one stretch of the list: its range is theirs, first to last.
        next.batch = { ...kept, from: Math.min(...seqs), to: Math.max(...seqs) + 1 };
      }
      // A batch listing nothing had nothing left: the engine takes the next one from the cursor.
    }
    await jobs.put(next as JobV2);
  }
}

/** `createdAt` becomes an index: its values must sort as times, as `nextAttemptAt`'s already do. */
async function upgradeToV4(tx: Transaction): Promise<void> {
  await tx
    .table<Job, string>('jobs')
    .toCollection()
    .modify((job) => {
      const sortable = toIndexTime(job.createdAt);
      if (sortable !== job.createdAt) job.createdAt = sortable;
    });
}

/**
 * IsoDate allows any offset, but IndexedDB compares strings: "01:30+02:00" sorts after "00:00Z"
 * though it is earlier, and "00Z" sorts after "00.000Z". Storing indexed times in one UTC form
 * with milliseconds makes string order equal time order, which every range query here relies on.
 */
export function toIndexTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

function keepTimeSortable<T extends Record<K, string>, K extends string, TKey, TInsert>(
  table: Table<T, TKey, TInsert>,
  field: K,
): void {
  table.hook('creating', (_key, obj) => {
    obj[field] = toIndexTime(obj[field]) as T[K];
  });
  // Only a change to the field itself can unsort it; other updates leave it as stored.
  table.hook('updating', (mods: object) => {
    const value = (mods as Record<string, unknown>)[field];
    return typeof value === 'string' ? { [field]: toIndexTime(value) } : undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// Queries the panel and the engine share. Each one is an index range, never a scan followed by a
// filter: the tables grow with every bulk run and the panel re-runs these inside liveQuery.

/** One status, or several (e.g. everything still in flight) in one request. */
export function invitationsByTargetAndStatus(
  db: PortierDb,
  targetKey: string,
  status: InvitationStatus | readonly InvitationStatus[],
): Promise<Invitation[]> {
  const statuses = typeof status === 'string' ? [status] : status;
  return db.invitations
    .where('[targetKey+status]')
    .anyOf(statuses.map((s) => [targetKey, s]))
    .toArray();
}

/**
 * Jobs the engine may work on at `now`, earliest first. `running` is included by default because a
 * running job's nextAttemptAt is when its lease runs out: a worker that died leaves it due again.
 */
export async function dueJobs(
  db: PortierDb,
  now: Date,
  statuses: readonly JobStatus[] = ['queued', 'running'],
): Promise<Job[]> {
  const until = now.toISOString();
  const perStatus = await db.transaction('r', db.jobs, () =>
    Promise.all(
      statuses.map((status) =>
        db.jobs
          .where('[status+nextAttemptAt]')
          .between([status, Dexie.minKey], [status, until], true, true)
          .toArray(),
      ),
    ),
  );
  // Each range is already in time order; merging them keeps the earliest job first across statuses.
  return perStatus
    .flat()
    .sort((a, b) => compare(a.nextAttemptAt, b.nextAttemptAt) || compare(a.id, b.id));
}

export interface HistoryPage {
  limit: number;
  /** The last event of the previous page; its id breaks ties between events of the same instant. */
  before?: { at: string; id?: number | undefined };
}

/**
 * A contact's history, newest first, `limit` at a time. The cursor is the last event shown rather
 * than a timestamp alone, because the engine writes several events of one contact with one `now`,
 * and cutting at a timestamp would drop or repeat them at a page boundary.
 */
export async function contactHistory(
  db: PortierDb,
  contactKey: string,
  { limit, before }: HistoryPage,
): Promise<StoredEvent[]> {
  if (limit <= 0) return [];
  return db.transaction('r', db.events, async () => {
    if (before === undefined) {
      return (await db.events
        .where('[contactKey+at]')
        .between([contactKey, Dexie.minKey], [contactKey, Dexie.maxKey])
        .reverse()
        .limit(limit)
        .toArray()) as StoredEvent[];
    }
    const at = toIndexTime(before.at);
    const page: StoredEvent[] = [];
    const beforeId = before.id;
    if (beforeId !== undefined) {
      // Same instant, smaller id: the rest of the tie the previous page stopped inside.
      const tied = (await db.events
        .where('[contactKey+at]')
        .equals([contactKey, at])
        .reverse()
        .toArray()) as StoredEvent[];
      page.push(...tied.filter((e) => e.id < beforeId).slice(0, limit));
    }
    if (page.length < limit) {
      const older = (await db.events
        .where('[contactKey+at]')
        .between([contactKey, Dexie.minKey], [contactKey, at], true, false)
        .reverse()
        .limit(limit - page.length)
        .toArray()) as StoredEvent[];
      page.push(...older);
    }
    return page;
  });
}

/** The items a job still owns, in the order the agent confirmed them (one `[jobId+seq]` range). */
export function jobItems(db: PortierDb, jobId: string): Promise<Invitation[]> {
  return db.invitations.where('[jobId+seq]').between([jobId, Dexie.minKey], [jobId, Dexie.maxKey]).toArray();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
