import { useEffect, useRef, useState } from 'preact/hooks';
import type { Job } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { JOBS_TEXTS } from './texts';

type Command = 'pauseJob' | 'resumeJob' | 'cancelJob';

/**
 * Pause, resume, cancel. The buttons only ask: the job row in Dexie changes when the background has
 * done it, and the card follows that row, so what the agent sees is what the engine will do.
 */
export function JobControls({ job }: { job: Job }) {
  const { ask } = usePlatform();
  const t = useTexts(JOBS_TEXTS);
  const { locale } = useLocale();
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Said>('');
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const ended = job.status === 'completed' || job.status === 'cancelled';
  if (ended && !message && !error) return null;

  async function run(type: Command, done: string) {
    setPending(true);
    setError('');
    setMessage('');
    try {
      await ask({ type, jobId: job.id });
      setMessage(done);
    } catch (e) {
      setError(saidOf(e));
    } finally {
      setPending(false);
      setConfirming(false);
    }
  }

  const canPause = job.status === 'queued' || job.status === 'running';
  const canResume = job.status === 'paused';
  const canCancel = !ended && !job.cancelRequested;

  return (
    <div class="job-controls">
      {!ended && (
        <div class="job-buttons">
          {canPause && (
            <button type="button" disabled={pending} onClick={() => run('pauseJob', t.paused)}>
              {t.pause}
            </button>
          )}
          {canResume && (
            <button type="button" disabled={pending} onClick={() => run('resumeJob', t.resumed)}>
              {t.resume}
            </button>
          )}
          {canCancel && !confirming && (
            <button type="button" class="danger" disabled={pending} onClick={() => setConfirming(true)}>
              {t.cancel}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div class="job-confirm" role="alertdialog" aria-label={t.cancel} aria-describedby={`cancel-${job.id}`}>
          <p id={`cancel-${job.id}`}>{t.cancelQuestion}</p>
          <button ref={confirmRef} type="button" class="danger" disabled={pending} onClick={() => run('cancelJob', t.cancelled)}>
            {t.confirmCancel}
          </button>
          <button type="button" disabled={pending} onClick={() => setConfirming(false)}>
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
