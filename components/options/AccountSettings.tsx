import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { PORTAL_SEAT_LIMIT_MAX, type Account, type Target } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import { inLocale, saidOf, type Said } from '../shared/said';
import { usePlatform } from '../shared/platform';
import { parseCompanyDomains, parsePageNames } from './domains';
import { Field, focusFirstInvalid, Outcome, type SubmitOutcome } from './Field';
import { OPTIONS_TEXTS, type OptionsTexts } from './texts';

/** The message schema's limits, said next to the field rather than as a refused message. */
const MAX_DOMAINS = 100;
const MAX_PAGE_NAMES = 20;

type Targets = { kind: 'loading' } | { kind: 'failed'; message: Said } | { kind: 'ready'; targets: Target[] };

/** Only Desk and Connect pages name the account by a portal name instead of the id it was connected with. */
function hasPageNames(vendor: Account['vendor']): vendor is 'zoho_desk' | 'zoho_connect' {
  return vendor === 'zoho_desk' || vendor === 'zoho_connect';
}

function listError(t: OptionsTexts, invalid: string[], count: number, max: number, says: (entries: string) => string): string | undefined {
  if (invalid.length > 0) return says(invalid.join(', '));
  return count > max ? t.tooMany(max) : undefined;
}

/**
 * The portal seats as typed: empty is "not known" (null); "1000", "1,000" and "1 000" are 1000.
 * Anything else, a decimal, zero or more than the background takes is `invalid`, never rounded.
 */
export function parseSeatLimit(text: string): { value: number | null } | { invalid: true } {
  let digits = text.replace(/[\s\u00a0\u202f]+/g, '');
  if (digits === '') return { value: null };
  if (/^\d{1,3}(,\d{3})+$/.test(digits)) digits = digits.replace(/,/g, '');
  if (!/^\d+$/.test(digits)) return { invalid: true };
  const value = Number(digits);
  return value >= 1 && value <= PORTAL_SEAT_LIMIT_MAX ? { value } : { invalid: true };
}

/** CRM user types are named within a portal: "Partners › Resellers" tells two "Resellers" apart. */
function targetName(target: Target): string {
  return target.portalName ? `${target.portalName} › ${target.name}` : target.name;
}

/** `labelledBy` is the account's heading, so each account's form has its own name. */
export function AccountSettings({ account, labelledBy, onSaved }: { account: Account; labelledBy: string; onSaved: () => void }) {
  const t = useTexts(OPTIONS_TEXTS);
  const { locale } = useLocale();
  const { ask } = usePlatform();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [domains, setDomains] = useState(account.companyDomains.join('\n'));
  const [targetKey, setTargetKey] = useState(account.defaultTargetKey ?? '');
  const [pageNames, setPageNames] = useState((account.pageNames ?? []).join('\n'));
  const [seats, setSeats] = useState(account.portalSeatLimit?.toString() ?? '');
  const [targets, setTargets] = useState<Targets>({ kind: 'loading' });
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome>();

  useEffect(() => {
    let live = true;
    setTargets({ kind: 'loading' });
    ask({ type: 'listTargets', accountId: account.id }).then(
      ({ targets }) => live && setTargets({ kind: 'ready', targets }),
      (error: unknown) => live && setTargets({ kind: 'failed', message: saidOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [ask, account.id, account.status]);

  const parsedDomains = parseCompanyDomains(domains);
  const parsedPageNames = parsePageNames(pageNames);
  const domainsProblem = listError(t, parsedDomains.invalid, parsedDomains.values.length, MAX_DOMAINS, t.notDomains);
  const pageNamesProblem = hasPageNames(account.vendor)
    ? listError(t, parsedPageNames.invalid, parsedPageNames.values.length, MAX_PAGE_NAMES, t.notPageNames)
    : undefined;
  const hasSeats = account.vendor === 'zoho_crm';
  const parsedSeats = parseSeatLimit(seats);
  const seatsProblem = hasSeats && 'invalid' in parsedSeats ? t.seatsInvalid(PORTAL_SEAT_LIMIT_MAX) : undefined;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    // Errors show from the first save on, and then follow the typing.
    setChecked(true);
    const count = [domainsProblem, pageNamesProblem, seatsProblem].filter(Boolean).length;
    if (count > 0) {
      setOutcome({ ok: false, text: (t) => t.fixFields(count) });
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const { account: saved } = await ask({
        type: 'saveAccountSettings',
        accountId: account.id,
        companyDomains: parsedDomains.values,
        defaultTargetKey: targetKey === '' ? null : targetKey,
        ...(hasPageNames(account.vendor) ? { pageNames: parsedPageNames.values } : {}),
        // Empty clears a limit saved before: "not known" again.
        ...(hasSeats && 'value' in parsedSeats ? { portalSeatLimit: parsedSeats.value } : {}),
      });
      // Show the lists as they are kept: "@Acme.com, acme.com" becomes one "acme.com".
      setDomains(saved.companyDomains.join('\n'));
      setPageNames((saved.pageNames ?? []).join('\n'));
      setTargetKey(saved.defaultTargetKey ?? '');
      setSeats(saved.portalSeatLimit?.toString() ?? '');
      setChecked(false);
      setOutcome({ ok: true, text: (t) => t.saved(saved.label) });
      onSaved();
    } catch (error) {
      const said = saidOf(error);
      setOutcome({ ok: false, text: (t, locale) => t.saveFailed(inLocale(said, locale)) });
    } finally {
      setBusy(false);
    }
  };

  const known = targets.kind === 'ready' ? targets.targets : [];
  // A default the vendor no longer lists is kept, and said, rather than silently dropped on save.
  const orphan = targetKey !== '' && targets.kind !== 'loading' && !known.some((target) => target.key === targetKey);

  return (
    <form ref={form} class="settings" onSubmit={onSubmit} aria-busy={busy} aria-labelledby={`${labelledBy} ${id}-heading`} noValidate>
      <h4 id={`${id}-heading`}>{t.settingsHeading}</h4>
      <Field id={`${id}-domains`} label={t.domainsLabel} hint={t.domainsHint} error={checked ? domainsProblem : undefined}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            spellcheck={false}
            value={domains}
            onInput={(e) => {
              setDomains(e.currentTarget.value);
              setOutcome(undefined);
            }}
          />
        )}
      </Field>
      <Field
        id={`${id}-target`}
        label={t.defaultTargetLabel}
        hint={targets.kind === 'loading' ? t.targetsLoading : targets.kind === 'failed' ? t.targetsFailed(inLocale(targets.message, locale)) : undefined}
      >
        {(control) => (
          <select {...control} value={targetKey} onChange={(e) => setTargetKey(e.currentTarget.value)}>
            <option value="">{t.noTarget}</option>
            {known.map((target) => (
              <option key={target.key} value={target.key}>
                {targetName(target)}
              </option>
            ))}
            {(orphan || (targetKey !== '' && targets.kind === 'loading')) && <option value={targetKey}>{t.unknownTarget(targetKey)}</option>}
          </select>
        )}
      </Field>
      {hasPageNames(account.vendor) && (
        <Field id={`${id}-page-names`} label={t.pageNamesLabel} hint={t.pageNamesHints[account.vendor]} error={checked ? pageNamesProblem : undefined}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              spellcheck={false}
              value={pageNames}
              onInput={(e) => {
                setPageNames(e.currentTarget.value);
                setOutcome(undefined);
              }}
            />
          )}
        </Field>
      )}
      {hasSeats && (
        <Field id={`${id}-seats`} label={t.seatsLabel} hint={t.seatsHint} error={checked ? seatsProblem : undefined}>
          {(control) => (
            <input
              {...control}
              class="seat-limit"
              type="text"
              inputMode="numeric"
              autocomplete="off"
              spellcheck={false}
              value={seats}
              onInput={(e) => {
                setSeats(e.currentTarget.value);
                setOutcome(undefined);
              }}
            />
          )}
        </Field>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t.saving : t.save}
      </button>
      <Outcome outcome={outcome} />
    </form>
  );
}
