import { Dexie } from 'dexie';
import type { PortierDb } from '../db';
import type { JobStatus } from '../model';

/** Jobs the engine may still work on: their rows, and the contacts and targets they name, are never deleted by a sweep. */
export const UNFINISHED: readonly JobStatus[] = ['queued', 'running', 'paused'];

export function isUnfinished(status: JobStatus): boolean {
  return UNFINISHED.includes(status);
}

/**
 * Ids of every unfinished job, read with the `[status+nextAttemptAt]` index (a few rows, whatever
 * the history holds). Called inside each batch's transaction, so a job created or resumed a moment
 * before is seen, and one created after waits for the batch to commit.
 */
export async function unfinishedJobIds(db: PortierDb): Promise<Set<string>> {
  const perStatus = await Promise.all(
    UNFINISHED.map((status) => db.jobs.where('[status+nextAttemptAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).primaryKeys()),
  );
  return new Set(perStatus.flat());
}
