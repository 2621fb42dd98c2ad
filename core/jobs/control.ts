import type { PortierDb } from '../db';
import type { Job } from '../model';
import { applyRelease } from './lease';
import { ENGINE_REASONS, skipped } from './outcomes';
import { allPending, writeJob } from './store';

/**
 * The agent's controls. Each is one transaction on the job row and needs no lease: a worker busy
 * with the job notices at its next step (its lease renewal requires `running`), and the answer of a
 * call it already made is still written (writes are fenced by lease and batch, not by status).
 */

const FINAL: ReadonlySet<Job['status']> = new Set(['completed', 'cancelled']);

/**
 * Stops the job. With nothing in flight it is paused at once (a worker looking up memberships
 * notices before it sends: its write that would mark the batch `sending` checks the status). With
 * a batch that may have reached the vendor (`sending`, `polling`), the batch is answered or
 * reconciled first, so the job says "Pausing…" (`pauseRequested`) until nothing of it is in flight,
 * then the worker pauses it. Resume picks it up where it stopped.
 */
export async function pauseJob(db: PortierDb, jobId: string, now: number): Promise<Job | undefined> {
  return writeJob(db, jobId, {}, now, (w) => {
    if (FINAL.has(w.job.status) || w.job.status === 'paused' || w.job.pauseRequested) return;
    if (w.job.batch && w.job.batch.phase !== 'ready') {
      w.job.pauseRequested = true;
      return;
    }
    // The lease stays with its worker until it notices, so nobody else starts while its call runs.
    w.job = { ...w.job, status: 'paused', pauseReason: 'agent' };
  });
}

/** Makes a paused job due now; after a reconnect pause it tries again (and pauses again on a 401). */
export async function resumeJob(db: PortierDb, jobId: string, now: number): Promise<Job | undefined> {
  return writeJob(db, jobId, {}, now, (w) => {
    // Resumed while still pausing: the pause is simply withdrawn.
    if (w.job.pauseRequested) delete w.job.pauseRequested;
    if (w.job.status !== 'paused') return;
    const { pauseReason: _p, ...rest } = w.job;
    w.job = { ...rest, status: 'queued', nextAttemptAt: new Date(now).toISOString() };
  });
}

/**
 * Items no call has carried end now as skipped (JOB_CANCELLED). A batch that may have reached the
 * vendor (`sending`, `polling`) is left to the engine, which reconciles it first, sends nothing
 * more and then ends the job as cancelled.
 */
export async function cancelJob(db: PortierDb, jobId: string, now: number): Promise<Job | undefined> {
  const job = await db.jobs.get(jobId);
  if (!job || FINAL.has(job.status)) return job;
  // Read outside the write; the write settles only rows still pending, so a race costs nothing.
  const pending = await allPending(db, job);
  return writeJob(db, jobId, {}, now, (w) => {
    if (FINAL.has(w.job.status)) return;
    const inFlight = w.job.batch && w.job.batch.phase !== 'ready' ? new Set(w.batchKeys) : new Set<string>();
    for (const key of pending) if (!inFlight.has(key)) w.settle(key, skipped(ENGINE_REASONS.cancelled));
    w.job.cursor = w.job.counts.total;
    if (inFlight.size === 0) {
      const { batch: _b, cancelRequested: _c, ...rest } = w.job;
      w.job = applyRelease(rest, { status: 'cancelled' }, now);
      return;
    }
    w.job.cancelRequested = true;
    delete w.job.pauseRequested;
    // A paused job must still be reconciled to end; a reconnect pause will pause it again on a 401.
    // A job waiting for a vendor job's next poll is due now: the cancel is honoured at once.
    if (w.job.status === 'paused' || w.job.status === 'queued') {
      const { pauseReason: _p, ...rest } = w.job;
      w.job = { ...rest, status: 'queued', nextAttemptAt: new Date(now).toISOString() };
    }
  });
}

/** The account's credentials work again: every job paused for it is due now. */
export async function accountReconnected(db: PortierDb, accountId: string, now: number): Promise<string[]> {
  const jobs = await db.jobs.where('accountId').equals(accountId).toArray();
  const resumed: string[] = [];
  for (const job of jobs) {
    if (job.status !== 'paused' || job.pauseReason !== 'reconnect') continue;
    const done = await writeJob(db, job.id, {}, now, (w) => {
      if (w.job.status !== 'paused' || w.job.pauseReason !== 'reconnect') return;
      const { pauseReason: _p, ...rest } = w.job;
      w.job = { ...rest, status: 'queued', nextAttemptAt: new Date(now).toISOString() };
    });
    if (done) resumed.push(job.id);
  }
  return resumed;
}
