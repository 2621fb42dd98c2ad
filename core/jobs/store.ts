import { Dexie } from 'dexie';
import type { PortierDb } from '../db';
import { invitationId, type Invitation, type InvitationStatus, type Job, type PortierEvent } from '../model';
import type { SendAction } from '../vendors/types';
import type { Settlement } from './outcomes';

/**
 * Every write of the engine goes through `writeJob`: one Dexie transaction that re-reads the job,
 * checks it is still ours (the lease, and the batch we are answering for), and applies the item
 * changes the caller describes with their events and counters. Nothing in here awaits anything but
 * Dexie: vendor calls happen before or after, never inside (DESIGN.md, Boundaries).
 */

export interface Guard {
  /** The lease must be held by this owner (fencing: a worker that lost its lease writes nothing). */
  owner?: string;
  /** With `owner`: the write also extends the lease by this much, sparing the worker a renewal. */
  leaseMs?: number;
  /** job.batch must still be this batch: an answer for a batch that was reconciled away is dropped. */
  batchId?: string;
}

/** The changes one transaction makes, collected synchronously by the caller's callback. */
export class JobWrite {
  readonly settlements = new Map<string, Settlement>();
  readonly marks = new Map<string, { status: Extract<InvitationStatus, 'queued' | 'sending'>; attempt: boolean; retried?: string }>();

  constructor(
    /** A copy the callback may change or replace; it is written back as is. */
    public job: Job,
    readonly now: string,
    /** The items of `job.batch` still pending when the transaction began, in job order. */
    readonly batchKeys: readonly string[] = [],
  ) {}

  /** Ends an item, once: only a row this job owns that is still queued or sending changes. */
  settle(contactKey: string, settlement: Settlement): void {
    this.settlements.set(contactKey, settlement);
  }

  /** Moves pending items between queued and sending; `attempt` counts a send, `retried` writes that event. */
  mark(contactKeys: readonly string[], status: 'queued' | 'sending', opts: { attempt?: boolean; retried?: string } = {}): void {
    for (const key of contactKeys) this.marks.set(key, { status, attempt: opts.attempt ?? false, ...(opts.retried ? { retried: opts.retried } : {}) });
  }
}

const PENDING: ReadonlySet<InvitationStatus> = new Set(['queued', 'sending']);

export function isPendingRow(row: Invitation | undefined, jobId: string): row is Invitation {
  return row !== undefined && row.jobId === jobId && PENDING.has(row.status);
}

/**
 * Runs `change` on the job inside one transaction if `guard` holds. Returns the job as written, or
 * undefined when the guard failed (the caller has lost the job and must stop working on it).
 */
export async function writeJob(
  db: PortierDb,
  jobId: string,
  guard: Guard,
  now: number,
  change: (w: JobWrite) => void,
): Promise<Job | undefined> {
  const at = new Date(now).toISOString();
  return db.transaction('rw', db.jobs, db.invitations, db.events, async () => {
    const stored = await db.jobs.get(jobId);
    if (!stored) return undefined;
    if (guard.owner !== undefined && stored.lease?.owner !== guard.owner) return undefined;
    if (guard.batchId !== undefined && stored.batch?.id !== guard.batchId) return undefined;

    if (guard.owner !== undefined && guard.leaseMs !== undefined && stored.status === 'running') {
      const until = new Date(now + guard.leaseMs).toISOString();
      stored.lease = { owner: guard.owner, until };
      stored.nextAttemptAt = until;
    }
    // Dexie hands out a fresh copy of the row: the callback may change it in place.
    const w = new JobWrite(stored, at, await batchKeys(db, stored));
    change(w);
    const job = w.job;
    const keys = [...new Set([...w.settlements.keys(), ...w.marks.keys()])];
    const rows = keys.length > 0 ? await db.invitations.bulkGet(keys.map((k) => invitationId(k, job.targetKey))) : [];
    const events: PortierEvent[] = [];
    const event = (contactKey: string, type: PortierEvent['type'], detail?: string): void => {
      events.push({ contactKey, at, type, targetKey: job.targetKey, jobId, ...(detail ? { detail } : {}) });
    };
    const settled = new Set<string>();
    const changed: Invitation[] = [];
    keys.forEach((key, i) => {
      const row = rows[i];
      const s = w.settlements.get(key);
      // Settling ends the item's part in the batch even when its row was final already.
      if (s) settled.add(key);
      if (!isPendingRow(row, jobId)) return; // final already, or held by another job: never counted twice
      const m = w.marks.get(key);
      if (s) {
        const { reason: _old, ...rest } = row;
        changed.push({
          ...rest,
          status: s.status,
          ...(s.reason ? { reason: s.reason } : {}),
          ...(s.outcome === 'invited' ? { invitedAt: at } : {}),
          updatedAt: at,
        });
        job.counts[s.outcome] += 1;
        event(key, s.event, s.reason ? detailOf(s.reason) : undefined);
      } else if (m) {
        changed.push({ ...row, status: m.status, attempts: (row.attempts ?? 0) + (m.attempt ? 1 : 0), updatedAt: at });
        if (m.retried) event(key, 'retried', m.retried);
      }
    });
    // A batch with nothing left is finished: the next step takes a new one from the cursor.
    if (job.batch && w.batchKeys.every((k) => settled.has(k))) delete job.batch;
    job.updatedAt = at;
    if (changed.length > 0) await db.invitations.bulkPut(changed);
    if (events.length > 0) await db.events.bulkAdd(events);
    await db.jobs.put(job);
    return job;
  });
}

export function detailOf(reason: { code: string; message?: string | undefined }): string {
  return reason.message ? `${reason.code}: ${reason.message}` : reason.code;
}

/**
 * The job's rows with `seq` in [from, to) (to the end without `to`), in job order, `limit` at most:
 * one `[jobId+seq]` range, so the cost is the rows read, never the size of the job.
 */
function rowsFrom(db: PortierDb, jobId: string, from: number, to: number | undefined, limit: number): Promise<Invitation[]> {
  const upper = to === undefined ? [jobId, Dexie.maxKey] : [jobId, to];
  const range = db.invitations.where('[jobId+seq]').between([jobId, from], upper, true, to === undefined);
  return Number.isFinite(limit) ? range.limit(limit).toArray() : range.toArray();
}

/**
 * The next `limit` items of the job no batch has taken, from the cursor on, and where the scan
 * stopped. With `oneAction`, the items are those of the first pending item's action only (a job
 * may mix actions, grouped in its order: a batch sends one), and `limit` may depend on it.
 */
export async function nextPending(
  db: PortierDb,
  job: Job,
  from: number,
  limit: number | ((action: SendAction) => number),
  oneAction = false,
): Promise<{ keys: string[]; end: number; action: SendAction }> {
  const keys: string[] = [];
  let i = from;
  let action: SendAction | undefined;
  let max = typeof limit === 'number' ? limit : Number.POSITIVE_INFINITY;
  // Rows are read a slice at a time: most are pending, so one slice usually fills the batch.
  const slice = Math.max(Number.isFinite(max) ? max : 100, 50);
  scan: while (keys.length < max) {
    const rows = await rowsFrom(db, job.id, i, undefined, slice);
    for (const row of rows) {
      if (keys.length >= max) break;
      if (isPendingRow(row, job.id)) {
        const rowAction = row.action ?? job.action;
        if (action === undefined) {
          action = rowAction;
          if (typeof limit === 'function') max = Math.max(1, Math.floor(limit(action)) || 1);
        } else if (oneAction && rowAction !== action) {
          break scan; // the next action's group starts here: it is the next batch's
        }
        keys.push(row.contactKey);
      }
      i = (row.seq ?? i) + 1;
    }
    if (rows.length < slice) break; // the end of the job's rows
  }
  return { keys, end: i, action: action ?? job.action };
}

/** The items of the job's current batch not yet final, in job order (none without a batch). */
export async function batchKeys(db: PortierDb, job: Job): Promise<string[]> {
  if (!job.batch) return [];
  const rows = await rowsFrom(db, job.id, job.batch.from, job.batch.to, Number.POSITIVE_INFINITY);
  return rows.filter((r) => isPendingRow(r, job.id)).map((r) => r.contactKey);
}

/** Every item of the job not yet final, in job order: the batch's, then those past the cursor. */
export async function allPending(db: PortierDb, job: Job): Promise<string[]> {
  const rows = await rowsFrom(db, job.id, 0, undefined, Number.POSITIVE_INFINITY);
  return rows.filter((r) => isPendingRow(r, job.id)).map((r) => r.contactKey);
}

/**
 * Takes the next batch for a worker holding the lease, in one transaction with the reads, so that a
 * cancel() landing meanwhile either sees the batch or leaves nothing for it. With nothing left the
 * job ends (completed, or cancelled when the agent asked) and the lease goes.
 */
export async function takeBatch(
  db: PortierDb,
  jobId: string,
  owner: string,
  size: number | ((action: SendAction) => number),
  batchId: string,
  now: number,
): Promise<Job | undefined> {
  const at = new Date(now).toISOString();
  return db.transaction('rw', db.jobs, db.invitations, async () => {
    const job = await db.jobs.get(jobId);
    if (!job || job.lease?.owner !== owner || job.batch) return undefined;
    const from = job.cursor ?? 0;
    const { keys, end, action } = job.cancelRequested ? { keys: [], end: job.counts.total, action: job.action } : await nextPending(db, job, from, size, true);
    let next: Job;
    if (keys.length === 0) {
      const { lease: _l, pauseReason: _p, cancelRequested: _c, ...rest } = job;
      next = { ...rest, cursor: Math.max(end, job.counts.total), status: job.cancelRequested ? 'cancelled' : 'completed', updatedAt: at };
    } else {
      next = { ...job, cursor: end, batch: { id: batchId, from, to: end, phase: 'ready', sends: 0, failures: 0, action }, updatedAt: at };
    }
    await db.jobs.put(next);
    return next;
  });
}
