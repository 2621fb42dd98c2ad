import { useId } from 'preact/hooks';
import type { PortierDb } from '../../core/db';
import type { Job } from '../../core/model';
import { useLiveQuery } from '../shared/live-query';
import { useTexts } from '../shared/locale';
import { JobCard } from './JobCard';
import { JOBS_TEXTS } from './texts';
import './jobs.css';

/** Newest first, through the `createdAt` index: stops at `limit` jobs of the account. */
export function recentJobs(db: PortierDb, accountId: string, limit = 10): Promise<Job[]> {
  return db.jobs
    .orderBy('createdAt')
    .reverse()
    .filter((job) => job.accountId === accountId)
    .limit(limit)
    .toArray();
}

/**
 * The account's latest jobs as the engine writes them in Dexie: the panel follows them live, and
 * finds them again when it is closed and reopened mid-job.
 */
export function RecentJobs({ accountId, limit = 10 }: { accountId: string; limit?: number }) {
  const t = useTexts(JOBS_TEXTS);
  const headingId = useId();
  // Jobs and their destinations' names in one query, so a card never shows a key for a moment.
  const state = useLiveQuery(async (db) => {
    const list = await recentJobs(db, accountId, limit);
    const targets = await db.targets.bulkGet([...new Set(list.map((j) => j.targetKey))]);
    return { list, names: new Map(targets.filter((x) => x !== undefined).map((x) => [x.key, x.name])) };
  }, [accountId, limit]);
  const jobs = state?.list;
  const nameOf = (key: string) => state?.names.get(key) ?? key;

  return (
    <section class="jobs" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.heading}</h2>
      {jobs === undefined ? (
        <p class="jobs-muted">{t.loading}</p>
      ) : jobs.length === 0 ? (
        <p class="jobs-muted">{t.none}</p>
      ) : (
        <ul class="jobs-list">
          {jobs.map((job) => (
            <li key={job.id}>
              <JobCard job={job} targetName={nameOf(job.targetKey)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
