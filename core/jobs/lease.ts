import type { PortierDb } from '../db';
import type { Job } from '../model';

/**
 * Leases: who may work on a job, until when. A service worker can be stopped at any instant and
 * two lives can overlap (a new worker starting while the old one is still being torn down, or the
 * engine started twice by an alarm and a message), so "I am working on it" is a row in Dexie,
 * checked and written in one transaction, with an end: a dead owner cannot hold a job forever.
 *
 * While a job is running its `nextAttemptAt` is the lease's end, so `dueJobs()` offers it again as
 * soon as the lease runs out. Every write of the worker is fenced by the lease (store.ts), so an
 * owner that lost the lease writes nothing, and leaseMs must exceed the longest vendor call (the
 * connectors' timeout): the lease is renewed right before each call.
 */

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function leaseFree(job: Job, owner: string, now: number): boolean {
  return job.lease === undefined || job.lease.owner === owner || Date.parse(job.lease.until) <= now;
}

/** Takes a due job for `owner`, or returns undefined when it is not due, not runnable or leased. */
export async function claim(db: PortierDb, jobId: string, owner: string, now: number, leaseMs: number): Promise<Job | undefined> {
  return db.transaction('rw', db.jobs, async () => {
    const job = await db.jobs.get(jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return undefined;
    if (Date.parse(job.nextAttemptAt) > now && !(job.status === 'running' && job.lease?.owner === owner)) return undefined;
    if (!leaseFree(job, owner, now)) return undefined;
    const until = iso(now + leaseMs);
    const claimed: Job = { ...job, status: 'running', lease: { owner, until }, nextAttemptAt: until, updatedAt: iso(now) };
    await db.jobs.put(claimed);
    return claimed;
  });
}

/**
 * Extends our lease before the next step. Fails (undefined) when someone else holds it, or when
 * the job stopped being runnable under us (paused, cancelled): then our lease is dropped too.
 */
export async function renew(db: PortierDb, jobId: string, owner: string, now: number, leaseMs: number): Promise<Job | undefined> {
  return db.transaction('rw', db.jobs, async () => {
    const job = await db.jobs.get(jobId);
    if (!job || job.lease?.owner !== owner) return undefined;
    // `queued` with our lease: resumed by the agent while we were still finishing a call.
    if (job.status !== 'running' && job.status !== 'queued') {
      const { lease: _dropped, ...rest } = job;
      await db.jobs.put({ ...rest, updatedAt: iso(now) });
      return undefined;
    }
    const until = iso(now + leaseMs);
    const renewed: Job = { ...job, status: 'running', lease: { owner, until }, nextAttemptAt: until, updatedAt: iso(now) };
    await db.jobs.put(renewed);
    return renewed;
  });
}

/** What the job becomes when its worker lets go of it. */
export type Release =
  | { status: 'queued'; nextAttemptAt: number }
  | { status: 'paused'; pauseReason: 'agent' | 'reconnect' }
  | { status: 'completed' | 'cancelled' };

/** Applies `release` to a job whose lease `owner` holds, and drops the lease. */
export function applyRelease(job: Job, release: Release, now: number): Job {
  const { lease: _dropped, pauseReason: _reason, pauseRequested, ...rest } = job;
  const next: Job = { ...rest, status: release.status, updatedAt: iso(now) };
  // Waiting (queued) with a batch in flight keeps the agent's pause for when it is answered.
  if (release.status === 'queued' && pauseRequested) next.pauseRequested = true;
  if (release.status === 'queued') next.nextAttemptAt = iso(release.nextAttemptAt);
  if (release.status === 'paused') next.pauseReason = release.pauseReason;
  // A paused or finished job is found by status, not by time: leave nextAttemptAt as it was.
  return next;
}
