import { useId } from 'preact/hooks';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { Destination } from '../../core/messages';
import type { Account, Contact, Reason, Target, Verdict } from '../../core/model';
import type { Locale } from '../../core/i18n';
import { useLocale, useTexts } from '../shared/locale';
import { CONTACT_TEXTS } from './texts';
import { outcomeOf, useInvite } from './use-invite';
import { VerificationButton } from './VerificationButton';

export const SHORTCUT = 'Alt+Shift+I';

interface Props {
  account: Account;
  contact: Contact;
  destination: Destination;
  module: string | undefined;
  isDefault: boolean;
  /** The fresh answer changed this verdict from the one the last visit showed. */
  changed?: boolean;
}

/** One destination on the contact card: what it is, the verdict in words, and its one action. */
export function DestinationRow({ account, contact, destination, module, isDefault, changed = false }: Props) {
  const { locale } = useLocale();
  const t = useTexts(CONTACT_TEXTS);
  const { target } = destination;
  const verdict = asShown(destination.verdict);
  const id = useId();
  const { start, run, watched } = useInvite(account, contact, target, module);
  const outcome = outcomeOf(run, watched, locale);

  const action = verdict.action;
  const blocked = action === 'none';
  // Sending, or done: a second click would only queue the same contact again.
  const busy = outcome !== undefined && (!outcome.final || outcome.tone === 'ok' || outcome.tone === 'info');
  const disabled = blocked || busy;
  const label = t.actions[action === 'none' ? 'invite' : action];
  // Once this row's own invitation is over, the verdict it was checked with is history: the row says
  // where the person stands now, and the reasons that led to the action are no longer shown.
  const settled = outcome?.final ? settledSummary(watched?.row?.status) : undefined;
  const summary = settled ?? summaryOf(verdict);

  return (
    <li class="pt-dest" data-target-key={target.key} aria-labelledby={`${id}-name`}>
      <div class="pt-dest-head">
        <h3 id={`${id}-name`}>{target.name}</h3>
        {isDefault && <span class="pt-badge">{t.defaultDestination}</span>}
        {changed && <span class="pt-badge pt-tone-warn pt-changed">{t.changedSinceLastVisit}</span>}
      </div>
      <p class="pt-dest-kind">
        {kindLabel(target, t)}
        {target.seats && <span class="pt-seats"> · {t.seats(target.seats.used, target.seats.limit)}</span>}
      </p>
      <p id={`${id}-verdict`} class={`pt-verdict pt-tone-${summary.tone}`}>
        {t.verdict[summary.key]}
      </p>
      {!settled && verdict.reasons.length > 0 && (
        <ul id={`${id}-reasons`} class="pt-reasons">
          {sortBySeverity(verdict.reasons).map((reason) => (
            <li key={reason.code} class={`pt-reason pt-reason--${reason.severity}`}>
              <span class="pt-severity">{t.severity[reason.severity]}</span>
              <strong>{REASON_TEXTS[reason.code][locale].title}</strong>
              <span class="pt-help">{helpOf(reason, account.vendor, locale, t)}</span>
              {reason.code === 'EMAIL_UNVERIFIED' && account.vendor === 'zendesk' && (
                <VerificationButton accountId={account.id} contactId={contact.id} />
              )}
            </li>
          ))}
        </ul>
      )}
      <div class="pt-dest-action">
        <button
          type="button"
          class="pt-button"
          data-primary
          data-blocked={blocked ? '' : undefined}
          aria-label={t.actionFor(label, target.name)}
          aria-disabled={disabled}
          aria-describedby={blocked ? `${id}-verdict${verdict.reasons.length > 0 ? ` ${id}-reasons` : ''}` : undefined}
          aria-keyshortcuts={SHORTCUT}
          onClick={() => {
            if (!disabled) void start(action);
          }}
        >
          {label}
        </button>
        <p role="status" class={`pt-result${outcome ? ` pt-tone-${outcome.tone}` : ''}`}>
          {outcome?.text ?? ''}
        </p>
      </div>
    </li>
  );
}

type Tone = 'ok' | 'info' | 'warn' | 'error';

/** A reason's help; the verification's on the vendor's own page says what to do there only. */
function helpOf(reason: Reason, vendor: Account['vendor'], locale: Locale, t: (typeof CONTACT_TEXTS)['en']): string {
  if (reason.code === 'EMAIL_UNVERIFIED' && (vendor === 'zendesk' || vendor === 'zoho_desk')) return t.unverifiedHelp[vendor];
  return REASON_TEXTS[reason.code][locale].help;
}

/** Where the person stands once this row's invitation is over, from the row the engine wrote. */
function settledSummary(status: string | undefined): ReturnType<typeof summaryOf> | undefined {
  if (status === 'invited') return { key: 'pending', tone: 'info' };
  if (status === 'confirmed' || status === 'active' || status === 'already_member') return { key: 'alreadyMember', tone: 'info' };
  return undefined;
}

/**
 * The verdict as the row shows it: for someone who is already a member here, what would block an
 * invitation blocks nothing (there is none to send). It is still worth knowing (a Zendesk user
 * with no email address cannot sign in to the help center), so it is kept as a note under "Already
 * a member" rather than as "Cannot be invited" with a block to fix. Warnings stay as they are
 * (Zendesk's unverified address carries its verification email).
 */
function asShown(verdict: Verdict): Verdict {
  if (verdict.action !== 'none' || !verdict.reasons.some((r) => r.code === 'ALREADY_MEMBER')) return verdict;
  return { ...verdict, reasons: verdict.reasons.map((r) => (r.severity === 'block' ? { ...r, severity: 'info' as const } : r)) };
}

function summaryOf(verdict: Verdict): { key: keyof (typeof CONTACT_TEXTS)['en']['verdict']; tone: Tone } {
  const codes = new Set(verdict.reasons.map((r) => r.code));
  if (verdict.reasons.some((r) => r.severity === 'block')) return { key: 'blocked', tone: 'error' };
  if (verdict.action === 'activate') return { key: 'activate', tone: 'warn' };
  if (verdict.eligible && verdict.action === 'reinvite') return { key: 'reinvite', tone: 'ok' };
  if (verdict.eligible) return { key: 'invite', tone: 'ok' };
  if (codes.has('ALREADY_MEMBER')) return { key: 'alreadyMember', tone: 'info' };
  if (codes.has('INVITATION_PENDING')) return { key: 'pending', tone: 'info' };
  return { key: 'nothing', tone: 'info' };
}

const ORDER = { block: 0, warn: 1, info: 2 } as const;

function sortBySeverity(reasons: Reason[]): Reason[] {
  return [...reasons].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

function kindLabel(target: Target, t: (typeof CONTACT_TEXTS)['en']): string {
  if (target.kind === 'zoho_crm.portal' && target.portalName) return t.portalUserType(target.portalName);
  if (target.kind === 'zoho_connect.network') return t.network(target.networkType);
  return t.kinds[target.kind];
}
