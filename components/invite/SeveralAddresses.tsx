import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ResultFor } from '../../core/messages';
import type { Account } from '../../core/model';
import { evaluateAll, startAll, type BulkSelection } from '../bulk/chunks';
import { Preview } from '../bulk/Preview';
import { RecentJobs } from '../jobs/RecentJobs';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inEveryLocale, inLocale, saidOf, type Said } from '../shared/said';
import { MAX_TYPED_PEOPLE, parsePeople, type TypedPeople } from './parse';
import { INVITE_TEXTS } from './texts';

const SHOWN_BAD_LINES = 10;

type Step =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'preview'; result: ResultFor<'evaluate'>; selection: BulkSelection }
  | { kind: 'starting'; result: ResultFor<'evaluate'>; selection: BulkSelection }
  | { kind: 'started'; jobs: number };

/**
 * Several people pasted one a line: the same check → preview → confirm as the bulk view, with the
 * names given on the lines. Lines without an address are listed and left out, never guessed at.
 */
export function SeveralAddresses({ account, targetKey }: { account: Account; targetKey: string | undefined }) {
  const { ask } = usePlatform();
  const t = useTexts(INVITE_TEXTS);
  const { locale } = useLocale();
  const id = useId();
  const [text, setText] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<Said>('');
  const parsed: TypedPeople = parsePeople(text);
  const runRef = useRef(0);
  const checkRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // Where focus goes once the next step is drawn, as in the bulk view (BulkPanel.tsx): the button
  // the agent pressed is gone or was disabled while it ran. The preview takes focus when it opens.
  const focusNext = useRef<'check' | 'status' | null>(null);

  useEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    (next === 'check' ? checkRef : next === 'status' ? statusRef : null)?.current?.focus();
  }, [step.kind]);

  async function check(): Promise<void> {
    if (!targetKey) return;
    if (parsed.people.length === 0) return setError(inEveryLocale(INVITE_TEXTS, (texts) => texts.noLines));
    if (parsed.people.length > MAX_TYPED_PEOPLE) return setError(inEveryLocale(INVITE_TEXTS, (texts) => texts.tooMany(MAX_TYPED_PEOPLE)));
    const run = ++runRef.current;
    const names = parsed.people.flatMap((p) => (p.name ? [{ email: p.email, name: p.name }] : []));
    const selection: BulkSelection = { emails: parsed.people.map((p) => p.email), ...(names.length > 0 ? { names } : {}) };
    setError('');
    setStep({ kind: 'checking' });
    try {
      const result = await evaluateAll(ask, { accountId: account.id, targetKey }, selection, () => undefined, () => run !== runRef.current);
      if (result && run === runRef.current) setStep({ kind: 'preview', result, selection });
    } catch (e) {
      if (run !== runRef.current) return;
      focusNext.current = 'check';
      setStep({ kind: 'idle' });
      setError(saidOf(e));
    }
  }

  async function confirm(): Promise<void> {
    if (step.kind !== 'preview' || !targetKey) return;
    const { result, selection } = step;
    setStep({ kind: 'starting', result, selection });
    const outcome = await startAll(ask, { accountId: account.id, targetKey }, selection, () => undefined);
    if (outcome.error) setError(outcome.error);
    if (outcome.started > 0) focusNext.current = 'status';
    setStep(outcome.started > 0 ? { kind: 'started', jobs: outcome.jobIds.length } : { kind: 'preview', result, selection });
  }

  function cancel(): void {
    focusNext.current = 'check';
    setStep({ kind: 'idle' });
  }

  return (
    <div class="pt-invite-several">
      <label>
        {t.lines}
        <textarea
          rows={5}
          value={text}
          aria-describedby={`${id}-hint`}
          onInput={(event) => {
            runRef.current += 1;
            setText((event.currentTarget as HTMLTextAreaElement).value);
            setStep({ kind: 'idle' });
            setError('');
          }}
        />
      </label>
      <p id={`${id}-hint`} class="bulk-hint">
        {t.linesHint}
      </p>
      {parsed.invalid.length > 0 && (
        <div class="bulk-csv-invalid" role="status">
          <p>{t.invalidLines(parsed.invalid.length)}</p>
          <ul>
            {parsed.invalid.slice(0, SHOWN_BAD_LINES).map((bad) => (
              <li key={bad.line}>{t.invalidLine(bad.line, bad.value)}</li>
            ))}
          </ul>
        </div>
      )}
      {parsed.duplicates > 0 && <p class="bulk-hint">{t.duplicates(parsed.duplicates)}</p>}
      {(step.kind === 'idle' || step.kind === 'checking' || step.kind === 'started') && (
        <div class="bulk-actions">
          <button ref={checkRef} type="button" class="primary" disabled={!targetKey || parsed.people.length === 0 || step.kind === 'checking'} onClick={check}>
            {t.check(parsed.people.length)}
          </button>
        </div>
      )}
      <p class="bulk-status" aria-live="polite" ref={statusRef} tabIndex={-1}>
        {step.kind === 'checking' && t.checking}
        {step.kind === 'starting' && t.starting}
        {step.kind === 'started' && t.started(step.jobs)}
      </p>
      {error && (
        <p class="bulk-error" role="alert">
          {inLocale(error, locale)}
        </p>
      )}
      {(step.kind === 'preview' || step.kind === 'starting') && (
        <Preview result={step.result} selected={parsed.people.length} busy={step.kind === 'starting'} onConfirm={confirm} onCancel={cancel} />
      )}
      {step.kind === 'started' && <RecentJobs accountId={account.id} limit={3} />}
    </div>
  );
}
