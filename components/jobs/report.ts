import type { Job } from '../../core/model';
import type { JobReport } from './texts';

/**
 * The job's report in the preview's terms, adding up to what the agent selected: what a rule
 * blocked and what the vendor did not have are kept on the job (core/jobs/create.ts); what is
 * neither already a member nor skipped was sent (or is still to send), whatever the vendor answered,
 * and once the job ended it is said what of it was invited and what failed.
 */
export function jobReport(job: Job): JobReport {
  const c = job.counts;
  const { blocked, skipped, notFound } = skippedSplit(job);
  return {
    selected: c.total + notFound,
    sent: c.total - c.already_member - c.skipped,
    invited: c.invited,
    failed: c.failed,
    blocked,
    already: c.already_member,
    skipped,
    finished: job.status === 'completed' || job.status === 'cancelled',
  };
}

/**
 * The job's skipped items as the agent's words split them: `blocked` by a rule, and the rest
 * `skipped` together with the people the vendor did not have (`notFound`, never items). The
 * card's two lines use this one split, so their numbers are the same numbers.
 */
export function skippedSplit(job: Job): { blocked: number; skipped: number; notFound: number } {
  const blocked = Math.min(job.blocked ?? 0, job.counts.skipped);
  const notFound = job.notFound ?? 0;
  return { blocked, skipped: job.counts.skipped - blocked + notFound, notFound };
}

/**
 * How far the job got over the selection, for the card's bar (and its aria values) and its counts
 * line alike: the people the vendor did not have are done from the start, as skipped.
 */
export function progressOf(job: Job): { done: number; total: number; percent: number } {
  const c = job.counts;
  const { notFound } = skippedSplit(job);
  const done = c.invited + c.already_member + c.failed + c.skipped + notFound;
  const total = c.total + notFound;
  return { done, total, percent: total > 0 ? Math.round((done / total) * 100) : 100 };
}
