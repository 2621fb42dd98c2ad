import { useState } from 'preact/hooks';
import type { Invitation, Job } from '../../core/model';
import { invitationsByTargetAndStatus } from '../../core/db';
import { useLiveQuery } from '../shared/live-query';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { VirtualList } from '../shared/VirtualList';
import { describeReason } from '../../core/reasons';
import { itemReasonText } from './reasons';
import { JOBS_TEXTS } from './texts';

/**
 * The failed invitees of a job with the reason and what to do in words, and a retry planned again
 * from the vendor for those a retry may fix (no answer, a lost answer, a seat since freed): a
 * refusal of the record itself is fixed at the vendor and invited again, never retried as it is.
 */
export function FailedItems({ job }: { job: Job }) {
  const { ask } = usePlatform();
  const t = useTexts(JOBS_TEXTS);
  const { locale } = useLocale();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Said>('');
  // The target's failed rows (one [targetKey+status] range), not the job's 10,000 items at every
  // batch the engine writes; then this job's, in the order the agent confirmed them.
  const failed = useLiveQuery(
    async (db) =>
      (await invitationsByTargetAndStatus(db, job.targetKey, 'failed'))
        .filter((i) => i.jobId === job.id)
        .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)),
    [job.id, job.targetKey],
  );

  const retryable = failed?.filter((item) => item.reason === undefined || describeReason(item.reason, locale).retryable).length ?? 0;
  const permanent = (failed?.length ?? 0) - retryable;

  async function retry() {
    setPending(true);
    setError('');
    setMessage('');
    try {
      const { jobs } = await ask({ type: 'retryFailed', jobId: job.id });
      setMessage(t.retried(jobs.length));
    } catch (e) {
      setError(saidOf(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <details class="job-failed" open>
      <summary>{t.failedHeading(job.counts.failed)}</summary>
      {failed && failed.length > 0 && (
        <VirtualList<Invitation>
          items={failed}
          label={t.failedList}
          getKey={(item) => item.id}
          rowHeight={62}
          height={Math.min(248, failed.length * 62)}
          renderRow={(item) => (
            <div class="row-two-lines" title={item.reason ? describeReason(item.reason, locale).help : undefined}>
              <span class="row-main">{item.email}</span>
              <span class="row-sub job-reason">{itemReasonText(item.reason, locale)}</span>
              {item.reason && <span class="row-sub job-help">{describeReason(item.reason, locale).help}</span>}
            </div>
          )}
        />
      )}
      {permanent > 0 && <p class="job-note">{t.notRetryable(permanent)}</p>}
      {retryable > 0 && (
        <div class="job-buttons">
          <button type="button" disabled={pending} onClick={retry}>
            {t.retryFailed(retryable)}
          </button>
        </div>
      )}
      <p class="job-live" aria-live="polite">
        {message}
      </p>
      {error && (
        <p class="job-error" role="alert">
          {inLocale(error, locale)}
        </p>
      )}
    </details>
  );
}
