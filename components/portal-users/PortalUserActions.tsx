import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PortalUser, PortalUserAction, PortalUserStatus } from '../../core/messages';
import type { Target } from '../../core/model';
import { chunk, REQUEST_LIMIT } from '../bulk/chunks';
import type { Locale } from '../../core/i18n';
import { reasonLine } from '../../core/reasons';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { PORTAL_USERS_TEXTS, type BulkAction, type PortalUsersTexts } from './texts';

/** The protocol's cap on personalities per portalUserAction request (core/messages.ts). */
const ACTION_LIMIT = 100;

/** The actions that wait for a confirmation: what they do cannot be taken back by the same click. */
type Confirmable = 'deactivate' | 'delete' | 'transfer';

/** What the CRM lets an agent do to users of each status. */
const ACTIONS_OF: Record<PortalUserStatus, BulkAction[]> = {
  active: ['deactivate', 'transfer', 'delete'],
  confirmed: ['deactivate', 'transfer', 'delete'],
  unconfirmed: ['reinvite', 'transfer', 'delete'],
  deactivated: ['activate', 'delete'],
};

/** A refusal of one portal user, as the background gave it: worded at render, in the language of then. */
type Refusal = { code?: string | undefined; vendorCode?: string | undefined; message?: string | undefined };

/**
 * What the last action did; `reinvited`: the counts of a re-invite, in place of `ok`; `left`: the
 * users a failed request never got to (they stay selected).
 */
interface Report {
  ok: number;
  failures: { who: string; refusal: Refusal }[];
  left?: number;
  reinvited?: { jobs: number; unknown: number };
}

export function PortalUserActions(props: {
  accountId: string;
  targetKey: string;
  status: PortalUserStatus;
  /** The user type shown, by name, for the change-of-type question. */
  typeName: string;
  selected: PortalUser[];
  siblings: Target[];
  /**
   * The action ended. `left`: the personalities it did not get to (a request failed), to keep
   * selected; `changed`: the vendor did at least one, so the list is read again.
   */
  onDone(left: string[], changed: boolean): void;
}) {
  const { ask } = usePlatform();
  const t = useTexts(PORTAL_USERS_TEXTS);
  const { locale } = useLocale();
  const [busy, setBusy] = useState(false);
  // A destructive action waits for a second, explicit click (deactivate, delete, change of user type).
  const [confirming, setConfirming] = useState<Confirmable | null>(null);
  const [moveTo, setMoveTo] = useState<string>('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<Said>('');
  const confirmRef = useRef<HTMLButtonElement>(null);
  /** The button that opened the question, where focus goes back when the agent keeps them. */
  const triggerRef = useRef<HTMLButtonElement | null>(null);
  const focusTrigger = useRef(false);
  /** What the action did, where focus goes once it is done with everyone: the buttons are then disabled. */
  const reportRef = useRef<HTMLDivElement>(null);
  const focusReport = useRef(false);
  const confirmTextId = useId();
  const selected = props.selected;
  const none = selected.length === 0;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (focusTrigger.current) triggerRef.current?.focus();
    focusTrigger.current = false;
  }, [confirming]);

  useEffect(() => {
    if (focusReport.current) reportRef.current?.focus();
    focusReport.current = false;
  }, [report]);

  function openConfirm(action: Confirmable, trigger: HTMLButtonElement) {
    triggerRef.current = trigger;
    setConfirming(action);
  }
  /** "Keep them" or Escape: the question closes and focus is back on the button that asked it. */
  function keep() {
    focusTrigger.current = true;
    setConfirming(null);
  }
  // The target type is always the agent's explicit choice: none is picked for them, and a list
  // that changed (another user type shown) asks again.
  useEffect(() => setMoveTo(''), [props.targetKey, props.siblings.map((s) => s.key).join('\n')]);
  // Another selection or status: a question asked about the previous one is withdrawn.
  useEffect(() => setConfirming(null), [props.targetKey, props.status, selected.map((u) => u.personalityId).join('\n')]);

  async function act(action: PortalUserAction, toTargetKey?: string) {
    setBusy(true);
    setError('');
    setReport(null);
    const who = new Map(selected.map((u) => [u.personalityId, u.name ? `${u.name} <${u.email}>` : u.email]));
    const result: Report = { ok: 0, failures: [] };
    const answered = new Set<string>();
    let failed = false;
    try {
      for (const ids of chunk(selected.map((u) => u.personalityId), ACTION_LIMIT)) {
        const { results } = await ask({
          type: 'portalUserAction',
          accountId: props.accountId,
          targetKey: props.targetKey,
          action,
          personalityIds: ids,
          ...(toTargetKey ? { toTargetKey } : {}),
        });
        for (const r of results) {
          answered.add(r.personalityId);
          if (r.ok) result.ok++;
          else result.failures.push({ who: who.get(r.personalityId) ?? r.personalityId, refusal: r });
        }
      }
    } catch (e) {
      failed = true;
      setError(saidOf(e));
    }
    // A request that failed part-way: those it never got to stay selected, to try again as they are.
    const left = failed ? selected.map((u) => u.personalityId).filter((id) => !answered.has(id)) : [];
    if (left.length > 0) result.left = left.length;
    setReport(result);
    setBusy(false);
    // Those left are still selected: focus back on the button, to try again once the vendor answers.
    if (left.length > 0) focusTrigger.current = true;
    // Done with everyone: the selection empties and every button is disabled, so the words that say
    // what happened take the focus (it would fall to the page).
    else focusReport.current = true;
    setConfirming(null);
    if (action === 'transfer' && !failed) setMoveTo('');
    props.onDone(left, result.ok > 0 || !failed);
  }

  /** Re-invitations are jobs like any invitation (the engine checks membership first): one per CRM module. */
  async function reinvite() {
    setBusy(true);
    setError('');
    setReport(null);
    const byModule = new Map<string, string[]>();
    let unknown = 0;
    for (const u of selected) {
      if (!u.contactId) {
        unknown++;
        continue;
      }
      const key = u.module ?? '';
      byModule.set(key, [...(byModule.get(key) ?? []), u.contactId]);
    }
    let jobs = 0;
    try {
      for (const [module, ids] of byModule) {
        for (const contactIds of chunk(ids, REQUEST_LIMIT)) {
          const started = await ask({ type: 'startJob', accountId: props.accountId, targetKey: props.targetKey, contactIds, ...(module ? { module } : {}) });
          jobs += started.jobs.length;
        }
      }
    } catch (e) {
      setError(saidOf(e));
    } finally {
      setReport({ ok: 0, failures: [], reinvited: { jobs, unknown } });
      setBusy(false);
    }
  }

  const typeName = (key: string) => props.siblings.find((s) => s.key === key)?.name ?? key;
  const question = (action: Confirmable) =>
    action === 'delete'
      ? t.confirmDelete(selected.length)
      : action === 'deactivate'
        ? t.confirmDeactivate(selected.length)
        : t.confirmTransfer(selected.length, props.typeName, typeName(moveTo));
  const actions = ACTIONS_OF[props.status];
  const has = (a: BulkAction) => actions.includes(a);
  return (
    <div class="pu-actions">
      <div class="pu-buttons">
        {has('reinvite') && (
          <button type="button" disabled={busy || none} onClick={reinvite}>
            {t.actions.reinvite}
          </button>
        )}
        {has('activate') && (
          <button type="button" disabled={busy || none} onClick={() => act('activate')}>
            {t.actions.activate}
          </button>
        )}
        {has('deactivate') && (
          <button type="button" disabled={busy || none || confirming !== null} onClick={(e) => openConfirm('deactivate', e.currentTarget)}>
            {t.actions.deactivate}
          </button>
        )}
        {has('delete') && (
          <button type="button" class="danger" disabled={busy || none || confirming !== null} onClick={(e) => openConfirm('delete', e.currentTarget)}>
            {t.actions.delete}
          </button>
        )}
      </div>
      {has('transfer') && props.siblings.length > 0 && (
        <div class="pu-transfer">
          <label>
            {t.moveTo}
            <select value={moveTo} onChange={(e) => setMoveTo((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t.chooseType}</option>
              {props.siblings.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={busy || none || !moveTo || confirming !== null} onClick={(e) => openConfirm('transfer', e.currentTarget)}>
            {t.actions.transfer}
          </button>
        </div>
      )}
      {confirming && (
        <div class="pu-confirm" role="alertdialog" aria-label={t.actions[confirming]} aria-describedby={confirmTextId} onKeyDown={(e) => e.key === 'Escape' && keep()}>
          <p id={confirmTextId}>{question(confirming)}</p>
          <button
            ref={confirmRef}
            type="button"
            class="danger"
            disabled={busy}
            onClick={() => void act(confirming, confirming === 'transfer' ? moveTo : undefined)}
          >
            {t.confirmYes[confirming]}
          </button>
          <button type="button" disabled={busy} onClick={keep}>
            {t.keep}
          </button>
        </div>
      )}
      <div aria-live="polite" class="pu-report" ref={reportRef} tabIndex={-1}>
        {busy && <p>{t.working}</p>}
        {report?.reinvited && <p>{reinviteNote(report.reinvited, t)}</p>}
        {/* After a request that failed outright, the error says what happened: no "0 done" above it. */}
        {report && !report.reinvited && (report.ok > 0 || !error) && <p>{t.done(report.ok, report.failures.length)}</p>}
        {report?.left && <p>{t.notHandled(report.left)}</p>}
      </div>
      {report && report.failures.length > 0 && (
        <div class="pu-failures">
          <h3>{t.failures}</h3>
          <ul>
            {report.failures.map((f, i) => (
              <li key={i}>{t.failure(f.who, failureWords(f.refusal, locale) ?? t.unknownFailure)}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p class="pu-error" role="alert">
          {inLocale(error, locale)}
        </p>
      )}
    </div>
  );
}

/** A refusal in the agent's words (core/reasons.ts); without a code, the vendor's own words. */
/** What a re-invite started, and whom it could not (no CRM record behind the portal user). */
function reinviteNote({ jobs, unknown }: { jobs: number; unknown: number }, t: PortalUsersTexts): string {
  return [jobs > 0 ? t.reinvited(jobs) : '', unknown > 0 ? t.noRecord(unknown) : ''].filter(Boolean).join(' ');
}

function failureWords(r: Refusal, locale: Locale): string | undefined {
  if (!r.code) return r.message;
  return reasonLine({ code: r.code, ...(r.message ? { message: r.vendorCode ? `${r.vendorCode}: ${r.message}` : r.message } : {}) }, locale);
}
