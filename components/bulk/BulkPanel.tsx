import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ResultFor } from '../../core/messages';
import type { Account, PageRecord } from '../../core/model';
import { MAX_PAGE_SELECTION } from '../../core/model/page-ids';
import { RecentJobs } from '../jobs/RecentJobs';
import type { EmailImport } from '../shared/csv';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { evaluateAll, selectionSize, startAll, type BulkSelection } from './chunks';
import { CsvImport } from './CsvImport';
import { Preview } from './Preview';
import { RecordPicker } from './RecordPicker';
import { TargetSelect } from './TargetSelect';
import { BULK_TEXTS } from './texts';
import './bulk.css';

type Source = 'page' | 'pick' | 'csv' | 'records';

/**
 * Record ids another view hands over as the selection (an organization's members), with the words
 * that name them ("The 40 members of Northwind") and the module they belong to (CRM: Contacts).
 */
export interface GivenRecords {
  label: string;
  contactIds: string[];
  module?: string | undefined;
}

/** A check or preview belongs to the selection and destination it was made for (`key`). */
type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; key: string; done: number; total: number }
  | { kind: 'preview'; key: string; result: ResultFor<'evaluate'> }
  | { kind: 'starting'; key: string; result: ResultFor<'evaluate'>; done: number; total: number }
  | { kind: 'started'; jobs: number };

/**
 * A failure, for the selection and destination it was made for (`key`; '*': whatever the agent
 * picks next). `partly`: some parts of the selection were started before the refusal.
 */
interface Failure {
  key: string;
  said: Said;
  partly?: { started: number; parts: number };
}

/**
 * Bulk invitations: the contacts (the list view's ticked rows, rows picked here, or a CSV), the
 * destination, a preview of every verdict, then one confirmation. Progress is the jobs' rows in
 * Dexie, so it goes on when the panel is closed and is there again when it reopens. `focusHeading`:
 * the panel replaced the button the agent pressed to open it, so focus starts on its heading.
 */
export function BulkPanel(props: { account: Account; page: PageRecord; records?: GivenRecords | undefined; focusHeading?: boolean | undefined }) {
  const { ask } = usePlatform();
  const t = useTexts(BULK_TEXTS);
  const { locale } = useLocale();
  const context = props.page.context;
  const pageSelection = context.selection;
  // Not read yet: no panel watched the tab until this one, which has just asked the page for them.
  const pageUnread = context.selectionUnread === true;
  const pageKnown = pageSelection !== undefined || pageUnread;
  const pageWait = usePageWait(pageUnread);
  const records = props.records;
  const [source, setSource] = useState<Source>(records ? 'records' : pageKnown ? 'page' : 'pick');
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [csv, setCsv] = useState<EmailImport | null>(null);
  const [targetKey, setTargetKey] = useState<string | undefined>(undefined);
  const [savedStep, setStep] = useState<Step>({ kind: 'idle' });
  const [savedError, setError] = useState<Failure | null>(null);
  const keyRef = useRef('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const checkRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // Where focus goes once the next step is drawn: the button the agent pressed is gone (Check when
  // the preview opens, Confirm and Cancel when it closes) or was disabled while it ran, and a lost
  // focus drops a keyboard or screen reader user back to the top of the panel. The preview takes
  // focus itself when it opens (Preview.tsx).
  const focusNext = useRef<'check' | 'status' | null>(null);

  // The page's ticks can become readable (or not) as the agent moves between list views.
  useEffect(() => {
    if (!pageKnown && source === 'page') setSource('pick');
    if (pageKnown && source === 'pick') setSource('page');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pageKnown]);

  const selection: BulkSelection = useMemo(() => {
    const module = context.module ? { module: context.module } : {};
    if (source === 'page') return { contactIds: [...new Set(pageSelection ?? [])], ...module };
    if (source === 'pick') return { contactIds: [...picked], ...module };
    if (source === 'records') return { contactIds: [...new Set(records?.contactIds ?? [])], ...(records?.module ? { module: records.module } : module) };
    return { emails: csv?.emails ?? [], ...(csv?.names.length ? { names: csv.names } : {}) };
  }, [source, pageSelection, picked, csv, context.module, records]);
  const size = selectionSize(selection);
  const selectionKey = `${source}|${targetKey}|${selection.contactIds?.join(',') ?? ''}|${selection.emails?.join(',') ?? ''}`;
  keyRef.current = selectionKey;
  // Another selection or destination makes a preview (or a check under way) wrong: it is dropped.
  const step: Step = 'key' in savedStep && savedStep.key !== selectionKey ? { kind: 'idle' } : savedStep;
  const failure = savedError && (savedError.key === selectionKey || savedError.key === '*') ? savedError : null;
  // Worded here, in the language of now: a language picked after the failure rewords it.
  const words = failure ? inLocale(failure.said, locale) : '';
  const error = failure?.partly ? t.partlyStarted(failure.partly.started, failure.partly.parts, words) : words;

  // Once, when the panel first shows: later renders leave focus where the agent put it.
  useEffect(() => {
    if (props.focusHeading) headingRef.current?.focus();
  }, []);
  useEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    (next === 'check' ? checkRef : next === 'status' ? statusRef : null)?.current?.focus();
  }, [step.kind]);

  // Why Check cannot run yet, said beside it: no destination chosen, or nothing to check.
  const ready = targetKey !== undefined && size > 0;
  const pageHintShown = source === 'page' && (pageUnread || pageSelection?.length === 0);
  const why = !targetKey ? 'target' : size === 0 ? (pageHintShown ? 'page' : 'empty') : undefined;
  const whyId = why === 'page' ? 'portier-bulk-page-hint' : 'portier-bulk-check-why';

  async function check() {
    if (!targetKey || size === 0) return;
    const key = selectionKey;
    const stale = () => keyRef.current !== key;
    setError(null);
    try {
      const result = await evaluateAll(
        ask,
        { accountId: props.account.id, targetKey },
        selection,
        (done, total) => !stale() && setStep({ kind: 'checking', key, done, total }),
        stale,
      );
      if (result && !stale()) setStep({ kind: 'preview', key, result });
    } catch (e) {
      if (stale()) return;
      setError({ key, said: saidOf(e) });
      focusNext.current = 'check';
      setStep({ kind: 'idle' });
    }
  }

  async function confirm() {
    if (step.kind !== 'preview' || !targetKey) return;
    const { result, key } = step;
    setError(null);
    // Once confirmed, every part is sent whatever the agent does next: what was previewed is what goes.
    const outcome = await startAll(ask, { accountId: props.account.id, targetKey }, selection, (done, total) =>
      setStep({ kind: 'starting', key, result, done, total }),
    );
    if (outcome.error) {
      const partly = outcome.started > 0 ? { started: outcome.started, parts: outcome.parts } : undefined;
      setError({ key: partly ? '*' : key, said: outcome.error, partly });
    }
    if (outcome.started > 0) focusNext.current = 'status';
    setStep(outcome.started > 0 ? { kind: 'started', jobs: outcome.jobIds.length } : { kind: 'preview', key, result });
  }

  function cancel() {
    focusNext.current = 'check';
    setStep({ kind: 'idle' });
  }

  const sourceName = 'portier-bulk-source';
  return (
    <section class="bulk" aria-labelledby="portier-bulk-heading">
      <h2 id="portier-bulk-heading" ref={headingRef} tabIndex={-1}>{t.heading}</h2>
      <TargetSelect account={props.account} value={targetKey} onChange={setTargetKey} />
      <fieldset class="bulk-source">
        <legend>{t.source}</legend>
        {records ? (
          <label>
            <input type="radio" name={sourceName} checked={source === 'records'} onChange={() => setSource('records')} />
            {records.label}
          </label>
        ) : pageKnown ? (
          <label>
            <input type="radio" name={sourceName} checked={source === 'page'} onChange={() => setSource('page')} />
            {pageUnread ? t.fromPageReading : t.fromPage(new Set(pageSelection).size)}
          </label>
        ) : (
          <label>
            <input type="radio" name={sourceName} checked={source === 'pick'} onChange={() => setSource('pick')} />
            {t.pick}
          </label>
        )}
        <label>
          <input type="radio" name={sourceName} checked={source === 'csv'} onChange={() => setSource('csv')} />
          {t.csv}
        </label>
      </fieldset>
      {source === 'page' && pageUnread && (
        <p class="bulk-hint" id="portier-bulk-page-hint" role="status">
          {pageWait === 'late' ? t.pageUnanswered : pageWait === 'reading' ? t.readingPage : ''}
        </p>
      )}
      {source === 'page' && pageSelection?.length === 0 && <p class="bulk-hint" id="portier-bulk-page-hint">{t.pageHint}</p>}
      {source === 'page' && (pageSelection?.length ?? 0) >= MAX_PAGE_SELECTION && <p class="bulk-hint">{t.pageCapped(MAX_PAGE_SELECTION)}</p>}
      {source === 'pick' && <RecordPicker accountId={props.account.id} module={context.module} picked={picked} onChange={setPicked} />}
      {source === 'csv' && <CsvImport value={csv} onChange={setCsv} />}

      {(step.kind === 'idle' || step.kind === 'checking' || step.kind === 'started') && (
        <div class="bulk-actions">
          {/* Focusable even when it cannot run, so a keyboard or screen-reader agent hears why (as a destination row does). */}
          <button
            ref={checkRef}
            type="button"
            class="primary"
            aria-disabled={!ready || step.kind === 'checking'}
            aria-describedby={why ? whyId : undefined}
            onClick={() => {
              if (ready && step.kind !== 'checking') void check();
            }}
          >
            {t.check(size)}
          </button>
          {/* No destination yet: the list above says whether it loads or failed; said here for the button only. */}
          {why === 'target' && (
            <span class="pt-visually-hidden" id={whyId}>
              {t.chooseTarget}
            </span>
          )}
          {why === 'empty' && (
            <p class="bulk-hint" id={whyId}>
              {t.nothingSelected}
            </p>
          )}
        </div>
      )}
      <p class="bulk-status" aria-live="polite" ref={statusRef} tabIndex={-1}>
        {step.kind === 'checking' && t.checking(step.done, step.total)}
        {step.kind === 'starting' && t.starting(step.done, step.total)}
        {step.kind === 'started' && t.started(step.jobs)}
      </p>
      {error && (
        <p class="bulk-error" role="alert">
          {error}
        </p>
      )}
      {(step.kind === 'preview' || step.kind === 'starting') && (
        <Preview
          result={step.result}
          selected={size}
          pageRows={source === 'page' ? size : undefined}
          busy={step.kind === 'starting'}
          onConfirm={confirm}
          onCancel={cancel}
        />
      )}
      <RecentJobs accountId={props.account.id} />
    </section>
  );
}

/**
 * How long the ticks of a list view may stay unread before the panel says it is reading them:
 * the page answers a watching panel in milliseconds (core/vendors/page-watch.ts), and a status
 * flashed at every list the agent opens would be noise (a screen reader would say it each time).
 */
export const PAGE_READING_SHOWN_MS = 400;

/**
 * How long they may stay unread before the panel says the page does not answer: a page that does
 * not is cut off from Portier (its copy of the content script outlived an update, the tab was not
 * reloaded).
 */
export const PAGE_ANSWER_PATIENCE_MS = 5_000;

/** Where a wait for the page's ticks is: not long enough to say, long enough to say 'reading', too long. */
type PageWait = 'soon' | 'reading' | 'late';

function usePageWait(waiting: boolean): PageWait {
  const [wait, setWait] = useState<PageWait>('soon');
  useEffect(() => {
    setWait('soon');
    if (!waiting) return;
    const reading = setTimeout(() => setWait('reading'), PAGE_READING_SHOWN_MS);
    const late = setTimeout(() => setWait('late'), PAGE_ANSWER_PATIENCE_MS);
    return () => {
      clearTimeout(reading);
      clearTimeout(late);
    };
  }, [waiting]);
  return waiting ? wait : 'soon';
}
