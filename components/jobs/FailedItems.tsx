import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Invitation, Job } from '../../core/model';
import { invitationsByTargetAndStatus } from '../../core/db';
import { useLiveQuery } from '../shared/live-query';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { VirtualList } from '../shared/VirtualList';
import { describeReason } from '../../core/reasons';
import { FAILED_TEXTS } from './failed-texts';
import { itemReasonText } from './reasons';
import { JOBS_TEXTS } from './texts';

/**
 * The failed invitees of a job with the reason and what to do in words, and a retry planned again
 * from the vendor for those a retry may fix (no answer, a lost answer, a seat since freed): a
 * refusal of the record itself is fixed at the vendor and invited again, never retried as it is.
 *
 * A retry's new job takes the rows over (one row per contact and destination), so they leave this
 * list while this job still counts them as failed: a line says where they went, and takes the focus
 * the vanished Retry button had.
 */
export function FailedItems({ job }: { job: Job }) {
  const { ask } = usePlatform();
  const t = useTexts(JOBS_TEXTS);
  const f = useTexts(FAILED_TEXTS);
  const { locale } = useLocale();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Said>('');
  const box = useRef<HTMLDetailsElement>(null);
  const movedLine = useRef<HTMLParagraphElement>(null);
  /** How many rows had moved on when the agent asked for a retry here; null: no focus to move. */
  const focusOnMove = useRef<number | null>(null);
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
  // Failed in this job, no longer its rows: a later job (this retry, a new invitation) holds them.
  const moved = failed ? Math.max(0, job.counts.failed - failed.length) : 0;

  useLayoutEffect(() => {
    const before = focusOnMove.current;
    if (before === null || moved <= before || !movedLine.current) return;
    focusOnMove.current = null;
    // The Retry button has just gone with its rows: the line that says where they went, unless
    // the agent has put the focus elsewhere meanwhile.
    const at = document.activeElement;
    if (!at || at === document.body || box.current?.contains(at)) movedLine.current.focus();
  });

  async function retry() {
    focusOnMove.current = moved;
    setPending(true);
    setError('');
    setMessage('');
    try {
      const { jobs } = await ask({ type: 'retryFailed', jobId: job.id });
      setMessage(t.retried(jobs.length));
    } catch (e) {
      focusOnMove.current = null;
      setError(saidOf(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <details class="job-failed" open ref={box}>
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
      {moved > 0 && (
        <p class="job-note job-moved" ref={movedLine} tabIndex={-1}>
          {f.movedOn(moved, job.counts.failed)}
        </p>
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
