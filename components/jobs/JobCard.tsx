import { useEffect, useRef, useState } from 'preact/hooks';
import type { Job, JobStatus } from '../../core/model';
import { vendorName } from '../panel/texts';
import { useLocale, useTexts } from '../shared/locale';
import { ExportJob } from './ExportJob';
import { FailedItems } from './FailedItems';
import { JobControls } from './JobControls';
import { jobReport, progressOf, skippedSplit } from './report';
import { JOBS_TEXTS, type JobsTexts } from './texts';

/** One job: what it does, how far it got, what it waits for, and what the agent can do about it. */
export function JobCard({ job, targetName }: { job: Job; targetName: string }) {
  const t = useTexts(JOBS_TEXTS);
  const { locale } = useLocale();
  const { done, total, percent } = progressOf(job);
  const waiting = waitingText(job, t, locale);
  // One confirmation may carry several actions: the title says so, and a line counts each.
  const mixed = Object.values(job.actions ?? {}).filter((n) => (n ?? 0) > 0).length > 1;
  const title = mixed ? t.titleMixed(targetName) : t.title(job.action, targetName);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const news = useNews(job);

  return (
    <article class="job" data-status={job.status} aria-label={title}>
      <h3 class="job-title">{title}</h3>
      {mixed && <p class="job-actions">{t.actionMix(job.actions ?? {})}</p>}
      <p class="job-status" ref={statusLine} tabIndex={-1}>
        <span class="job-badge" data-status={job.status}>
          {statusText(job, t)}
        </span>
      </p>
      <div
        class="job-bar"
        role="progressbar"
        aria-label={t.progressLabel(targetName)}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${percent} %`}
      >
        <div class="job-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p class="job-counts">{countsText(job, t)}</p>
      <p class="job-report">{t.report(jobReport(job))}</p>
      {waiting && (
        <p class="job-waiting" data-kind={job.lastError?.kind}>
          {waiting.line}
          {waiting.detail !== undefined && <span class="job-waiting-detail"> {t.detail(waiting.detail)}</span>}
        </p>
      )}
      {/* Said once when the job pauses or ends, or when its first failures appear; never on a
          counter tick. Present from the first render, so a screen reader hears what enters it. */}
      <p class="job-announce" role="status" aria-live="polite">
        {news && <span key={news.seq}>{newsText(news, title, t)}</span>}
      </p>
      <JobControls job={job} statusLine={statusLine} />
      {job.counts.failed > 0 && <FailedItems job={job} />}
      <ExportJob job={job} targetName={targetName} />
    </article>
  );
}

/** The statuses a card announces when the job enters them; queued ↔ running happens at every slice. */
const SPOKEN: readonly JobStatus[] = ['paused', 'completed', 'cancelled'];

/** What the live region says, and the job as it was then: `seq` replaces the node, so the same words are said again. */
interface News {
  seq: number;
  kind: 'status' | 'failures';
  job: Job;
}

/**
 * The last thing worth saying about the job: it paused or ended, or its first failures appeared.
 * Counts alone never make news, and neither does the card's first render (the panel opening).
 */
function useNews(job: Job): News | null {
  const [news, setNews] = useState<News | null>(null);
  const seen = useRef({ status: job.status, failed: job.counts.failed });
  useEffect(() => {
    const before = seen.current;
    seen.current = { status: job.status, failed: job.counts.failed };
    const kind =
      job.status !== before.status && SPOKEN.includes(job.status)
        ? 'status'
        : before.failed === 0 && job.counts.failed > 0 && !SPOKEN.includes(job.status)
          ? 'failures'
          : null;
    if (kind) setNews((n) => ({ seq: (n?.seq ?? 0) + 1, kind, job }));
    // Resumed: "Paused" would be stale words. A removal is not spoken; the next pause is, anew.
    else if (before.status === 'paused' && job.status !== 'paused') setNews(null);
  }, [job.status, job.counts.failed]);
  return news;
}

/** Worded at render, in the language of now, from the job as it was when the news came. */
function newsText({ kind, job }: News, title: string, t: JobsTexts): string {
  if (kind === 'failures') return t.announceFailures(title, job.counts.failed);
  return t.announceStatus(title, statusText(job, t), countsText(job, t));
}

/** Progress over the selection: the people the vendor did not have are done from the start, as skipped. */
function countsText(job: Job, t: JobsTexts): string {
  const c = job.counts;
  const { blocked, skipped } = skippedSplit(job);
  const { done, total } = progressOf(job);
  return t.counts({ done, total, invited: c.invited, already: c.already_member, failed: c.failed, blocked, skipped });
}

function statusText(job: Job, t: JobsTexts): string {
  if (job.cancelRequested && job.status !== 'cancelled' && job.status !== 'completed') return t.cancelling;
  if (job.pauseRequested && job.status !== 'paused' && job.status !== 'cancelled' && job.status !== 'completed') return t.pausing;
  if (job.status === 'paused' && job.pauseReason === 'reconnect') return t.pausedForReconnect;
  if (job.status === 'paused' && job.pauseReason === 'agent') return t.pausedByAgent;
  // The engine works in slices and waits out rate limits as `queued`: a job that began is not "waiting to start".
  if (job.status === 'queued' && hasBegun(job)) return job.lastError?.kind === 'rate_limited' ? t.waitingForRateLimit : t.waitingToContinue;
  return t.status[job.status];
}

/** A batch was taken (the cursor moved, or one is in flight) or a send made: the job is under way. */
function hasBegun(job: Job): boolean {
  return (job.cursor ?? 0) > 0 || job.batch !== undefined || job.attempts > 0;
}

/**
 * What the engine waits for: a vendor not answering (and when it tries again), rate limited until…,
 * reconnect needed, a batch being checked with the vendor. Nothing once the job ended. The line is
 * in the agent's language; `detail` is what the engine recorded (the vendor's status and words,
 * as written), shown after it as a detail for whoever the agent asks for help.
 */
function waitingText(job: Job, t: JobsTexts, locale: string): { line: string; detail?: string } | null {
  if (job.status === 'completed' || job.status === 'cancelled') return null;
  const error = job.lastError;
  const vendor = vendorName(job.vendor);
  if (error?.kind === 'transient') {
    const at = Date.parse(error.retryAt ?? job.nextAttemptAt);
    const time = new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    // Following a vendor job: the vendor may well answer, just not about that job (a 404, an unreadable status).
    if (!Number.isNaN(at) && job.batch?.phase === 'polling') return { line: t.jobStatusUnknown(vendor, time), ...(error.message.trim() ? { detail: error.message.trim() } : {}) };
    if (!Number.isNaN(at)) return { line: t.notAnswering(vendor, time) };
  }
  if (!error) return job.batch?.phase === 'sending' && job.batch.sends > 0 ? { line: t.checking(vendor) } : null;
  // A held batch (core/jobs/worker.ts `hold`): the only refusal the engine tries again by itself, so the only one with a retryAt.
  if (error.kind === 'refused' && error.retryAt) {
    const at = Date.parse(error.retryAt);
    if (!Number.isNaN(at)) {
      const line = t.heldRefused(vendor, job.vendor, new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }));
      return { line, ...(error.message.trim() ? { detail: error.message.trim() } : {}) };
    }
  }
  const parts = [t.waiting[error.kind]];
  if (error.kind === 'rate_limited' || error.kind === 'transient') {
    const until = Date.parse(job.nextAttemptAt);
    if (!Number.isNaN(until)) parts.push(t.until(new Date(until).toLocaleTimeString(locale)));
  }
  return { line: `${parts.join(' ')}.`, ...(error.message.trim() ? { detail: error.message.trim() } : {}) };
}
