import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PrivacySettings } from '../../core/messages';
import type { Locale } from '../../core/i18n';
import { useLocale, useTexts } from '../shared/locale';
import { inLocale, saidOf, type Said } from '../shared/said';
import { AskError, usePlatform } from '../shared/platform';
import { Field } from './Field';
import { PRIVACY_TEXTS, type PrivacyTexts } from './privacy-texts';
import { parseRetention } from './retention';

type Settings = { kind: 'loading' } | { kind: 'failed'; message: Said } | { kind: 'ready'; settings: PrivacySettings };

/** Follows a language change made after the action, like the rest of the options page. */
interface Done {
  ok: boolean;
  text: (t: PrivacyTexts, locale: Locale) => string;
}

/**
 * "Data on this computer": what Portier keeps, for how long (the retention, 1–3650 days), and the
 * button that clears it all, behind a confirmation that Escape or Cancel withdraws.
 */
export function DataSection({ onCleared }: { onCleared: () => void }) {
  const t = useTexts(PRIVACY_TEXTS);
  const { locale } = useLocale();
  const { ask } = usePlatform();
  const id = useId();
  const [state, setState] = useState<Settings>({ kind: 'loading' });
  const [days, setDays] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState<'save' | 'clear'>();
  const [saved, setSaved] = useState<Done>();
  const [cleared, setCleared] = useState<Done>();
  const [confirming, setConfirming] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  const show = (settings: PrivacySettings) => {
    setState({ kind: 'ready', settings });
    setDays(String(settings.retentionDays));
  };

  useEffect(() => {
    let live = true;
    ask({ type: 'getPrivacySettings' }).then(
      (settings) => live && show(settings),
      (error: unknown) => live && setState({ kind: 'failed', message: saidOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [ask]);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const parsed = parseRetention(days);
  const problem = checked && !parsed.ok ? t.retentionProblems[parsed.problem] : undefined;

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    setSaved(undefined);
    if (!parsed.ok) {
      setTimeout(() => field.current?.focus(), 0);
      return;
    }
    setBusy('save');
    try {
      const settings = await ask({ type: 'savePrivacySettings', retentionDays: parsed.days });
      show(settings);
      setChecked(false);
      setSaved({ ok: true, text: (t) => t.saved(settings.retentionDays) });
    } catch (error) {
      const said = saidOf(error);
      setSaved({ ok: false, text: (t, locale) => t.saveFailed(inLocale(said, locale)) });
    } finally {
      setBusy(undefined);
    }
  };

  const backToButton = () => setTimeout(() => clearButton.current?.focus(), 0);

  const cancel = () => {
    setConfirming(false);
    backToButton();
  };

  const clear = async () => {
    setConfirming(false);
    setBusy('clear');
    setCleared(undefined);
    try {
      const { accounts, messages, localized } = await ask({ type: 'clearAllData' });
      // What is left to do at a vendor (a token it could not revoke), in the agent's language when the background gave it.
      const left: Said[] = localized ?? messages;
      setCleared({ ok: true, text: (t, locale) => [t.cleared(accounts), ...left.map((said) => inLocale(said, locale))].join(' ') });
      onCleared();
      show(await ask({ type: 'getPrivacySettings' }));
    } catch (error) {
      // BUSY has words of its own in both languages: the agent only has to wait.
      const said = saidOf(error);
      const busyNow = error instanceof AskError && error.code === 'BUSY';
      setCleared({ ok: false, text: (t, locale) => (busyNow ? t.clearBusy : t.clearFailed(inLocale(said, locale))) });
    } finally {
      setBusy(undefined);
      backToButton();
    }
  };

  return (
    <section class="data" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t.heading}</h2>
      <p class="intro">{t.intro}</p>
      <p class={state.kind === 'failed' ? 'error-text' : undefined}>
        {state.kind === 'loading' ? t.loading : state.kind === 'failed' ? t.loadFailed(inLocale(state.message, locale)) : t.stored(state.settings.stored)}
      </p>
      <form class="retention" onSubmit={save} aria-busy={busy === 'save'} noValidate>
        <Field id={`${id}-days`} label={t.retentionLabel} hint={t.retentionHint} error={problem}>
          {(control) => (
            <input
              {...control}
              ref={field}
              type="text"
              inputMode="numeric"
              size={6}
              value={days}
              disabled={state.kind === 'loading'}
              onInput={(e) => {
                setDays(e.currentTarget.value);
                setSaved(undefined);
              }}
            />
          )}
        </Field>
        <button type="submit" disabled={busy !== undefined || state.kind === 'loading'}>
          {busy === 'save' ? t.saving : t.save}
        </button>
        <SaidRegions said={saved} />
      </form>
      <h3>{t.clearHeading}</h3>
      <p class="field-hint">{t.clearHint}</p>
      {!confirming && (
        <button type="button" class="danger" ref={clearButton} disabled={busy !== undefined} onClick={() => setConfirming(true)}>
          {busy === 'clear' ? t.clearing : t.clear}
        </button>
      )}
      {confirming && (
        <div class="confirm" role="group" aria-labelledby={`${id}-confirm`} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
          <p id={`${id}-confirm`}>{t.confirmClear}</p>
          <button type="button" class="danger" ref={confirmButton} onClick={() => void clear()}>
            {t.confirmYes}
          </button>
          <button type="button" onClick={cancel}>
            {t.cancel}
          </button>
        </div>
      )}
      <SaidRegions said={cleared} />
    </section>
  );
}

/** Both regions are always in the page: a live region added together with its text is not announced by every screen reader. */
function SaidRegions({ said }: { said: Done | undefined }) {
  const t = useTexts(PRIVACY_TEXTS);
  const { locale } = useLocale();
  return (
    <>
      <p class="outcome outcome-ok" role="status" aria-live="polite">
        {said?.ok ? said.text(t, locale) : ''}
      </p>
      <p class="outcome outcome-error" role="alert">
        {said && !said.ok ? said.text(t, locale) : ''}
      </p>
    </>
  );
}
