import type { PortierDb } from '../db';
import type { JobEngine } from '../jobs';
import { VENDOR_NAMES, type Job } from '../model';
import { isUnfinished, readRetentionDays, storedCounts, sweepExpired, unfinishedJobIds, type StoredCounts, type SweepResult } from '../retention';
import { ServiceError } from './errors';

/**
 * What the background does before it deletes an account's data or all of it, and the daily sweep.
 *
 * Jobs first: deleting a job the engine is answering for would lose what the vendor did with a
 * batch it may have received. So every unfinished job in scope is cancelled (items nothing has
 * carried end as skipped at once), and a job with a batch in flight is left to the engine to settle
 * from the vendor's memberships; the deletion is refused meanwhile, with "try again in a minute".
 * The one exception is an account that needs reconnecting: nothing can be settled without working
 * credentials, so waiting would never end; its jobs are deleted, and the vendor, which is the
 * record of who was invited, still shows what that batch did.
 */


/** Cancels the unfinished jobs of `accountId` (of every account without it); refuses (BUSY) while one still has a batch to settle. */
export async function stopJobs(db: PortierDb, engine: JobEngine, accountId?: string): Promise<void> {
  const ids = accountId === undefined ? [...(await unfinishedJobIds(db))] : await db.jobs.where('accountId').equals(accountId).primaryKeys();
  const settling: Job[] = [];
  for (const id of ids) {
    const job = await db.jobs.get(id);
    if (!job || !isUnfinished(job.status)) continue;
    const after = await engine.cancel(id);
    if (after && isUnfinished(after.status)) settling.push(after);
  }
  if (settling.length === 0) return;
  const accounts = await db.accounts.bulkGet([...new Set(settling.map((j) => j.accountId))]);
  const connected = new Set(accounts.filter((a) => a?.status === 'connected').map((a) => a!.id));
  const waiting = settling.filter((j) => connected.has(j.accountId));
  if (waiting.length === 0) return;
  const vendors = [...new Set(waiting.map((j) => VENDOR_NAMES[j.vendor]))].join(', ');
  throw new ServiceError('BUSY', {
    en: `Portier cancelled the invitations in progress, but ${waiting.length === 1 ? 'one job is' : `${waiting.length} jobs are`} still checking with ${vendors} a batch already sent. Nothing was deleted yet: try again in a minute.`,
    fr: `Portier a annulé les invitations en cours, mais ${waiting.length === 1 ? 'une tâche vérifie' : `${waiting.length} tâches vérifient`} encore auprès de ${vendors} un lot déjà envoyé. Rien n'a encore été supprimé : réessayez dans une minute.`,
  });
}

export interface PrivacySettings {
  retentionDays: number;
  stored: StoredCounts;
}

export async function privacySettings(db: PortierDb): Promise<PrivacySettings> {
  return { retentionDays: await readRetentionDays(db), stored: await storedCounts(db) };
}

/**
 * One sweep at a time: the daily alarm and a retention just saved may ask together, and two sweeps
 * would only read the same rows twice. `now` is read when the sweep starts.
 */
export class Sweeper {
  private running: Promise<SweepResult> | undefined;

  constructor(
    private readonly db: PortierDb,
    private readonly now: () => number,
  ) {}

  sweep(): Promise<SweepResult> {
    this.running ??= (async () => {
      try {
        return await sweepExpired(this.db, new Date(this.now()), await readRetentionDays(this.db));
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
