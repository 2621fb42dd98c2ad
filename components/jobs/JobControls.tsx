import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Job } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { JOBS_TEXTS } from './texts';

type Command = 'pauseJob' | 'resumeJob' | 'cancelJob';

/**
 * Pause, resume, cancel. The buttons only ask: the job row in Dexie changes when the background has
 * done it, and the card follows that row, so what the agent sees is what the engine will do.
 *
 * Focus never falls to the page: Pause and Resume are one button whose words follow the row, and
 * the cancel question gives focus back to "Cancel job" (Keep going, Escape, a refusal) or, once the
 * job is cancelled, to `statusLine`, the card's status, since "Cancel job" is gone; so does a
 * focus left on Pause when the job ends.
 */
export function JobControls({ job, statusLine }: { job: Job; statusLine?: RefObject<HTMLElement | null> }) {
  const { ask } = usePlatform();
  const t = useTexts(JOBS_TEXTS);
  const { locale } = useLocale();
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Said>('');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the render that follows has put it there (a button that was just hidden).
  const focusNext = useRef<(() => HTMLElement | null | undefined) | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const wasEnded = useRef(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    target()?.focus();
  });

  const ended = job.status === 'completed' || job.status === 'cancelled';
  const status = () => statusLine?.current ?? cancelRef.current;
  // Read while rendering, before the buttons go: a job that ends under a focused Pause would
  // otherwise drop the agent's focus to the page; it goes to the card's status, which says how it ended.
  if (ended && !wasEnded.current && box.current?.contains(document.activeElement)) focusNext.current = status;
  wasEnded.current = ended;
  if (ended && !message && !error) return null;

  async function run(type: Command, done: string) {
    // A focused button is disabled while the background answers: some browsers drop its focus then.
    const toggleFocused = toggleRef.current !== null && document.activeElement === toggleRef.current;
    setPending(true);
    setError('');
    setMessage('');
    let asked = false;
    try {
      await ask({ type, jobId: job.id });
      setMessage(done);
      asked = true;
    } catch (e) {
      setError(saidOf(e));
    } finally {
      if (type === 'cancelJob') focusNext.current = asked ? status : () => cancelRef.current ?? status();
      else if (toggleFocused) focusNext.current = () => toggleRef.current ?? statusLine?.current;
      setPending(false);
      setConfirming(false);
    }
  }

  /** Withdraws the cancel question: focus back on "Cancel job", which shows again. */
  function keep() {
    focusNext.current = () => cancelRef.current ?? status();
    setConfirming(false);
  }

  const canPause = job.status === 'queued' || job.status === 'running';
  const canResume = job.status === 'paused';
  const canCancel = !ended && !job.cancelRequested;

  return (
    <div class="job-controls" ref={box}>
      {!ended && (
        <div class="job-buttons">
          {/* One button, so the focus stays on it when the job pauses or resumes: its words say what it does now. */}
          {(canPause || canResume) && (
            <button
              ref={toggleRef}
              type="button"
              disabled={pending}
              onClick={() => (canResume ? run('resumeJob', t.resumed) : run('pauseJob', t.paused))}
            >
              {canResume ? t.resume : t.pause}
            </button>
          )}
          {canCancel && !confirming && (
            <button ref={cancelRef} type="button" class="danger" disabled={pending} onClick={() => setConfirming(true)}>
              {t.cancel}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div
          class="job-confirm"
          role="alertdialog"
          aria-label={t.cancel}
          aria-describedby={`cancel-${job.id}`}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || pending) return;
            e.stopPropagation();
            keep();
          }}
        >
          <p id={`cancel-${job.id}`}>{t.cancelQuestion}</p>
          <button ref={confirmRef} type="button" class="danger" disabled={pending} onClick={() => run('cancelJob', t.cancelled)}>
            {t.confirmCancel}
          </button>
          <button type="button" disabled={pending} onClick={keep}>
            {t.keepGoing}
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
    </div>
  );
}
