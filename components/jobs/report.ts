import type { Job } from '../../core/model';
import type { JobReport } from './texts';

/**
 * The job's report in the preview's terms, adding up to what the agent selected: what a rule
 * blocked and what the vendor did not have are kept on the job (core/jobs/create.ts); what is
 * neither already a member nor skipped was sent (or is still to send), whatever the vendor answered.
 */
export function jobReport(job: Job): JobReport {
  const c = job.counts;
  const blocked = Math.min(job.blocked ?? 0, c.skipped);
  const notFound = job.notFound ?? 0;
  return {
    selected: c.total + notFound,
    sent: c.total - c.already_member - c.skipped,
    blocked,
    already: c.already_member,
    skipped: c.skipped - blocked + notFound,
    finished: job.status === 'completed' || job.status === 'cancelled',
  };
}
