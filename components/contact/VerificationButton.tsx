import { useState } from 'preact/hooks';
import { useLocale, useTexts } from '../shared/locale';
import { inLocale, saidOf, type Said } from '../shared/said';
import { usePlatform } from '../shared/platform';
import { CONTACT_TEXTS } from './texts';

type State = { state: 'idle' } | { state: 'sending' } | { state: 'sent' } | { state: 'not_sent'; message: Said };

/**
 * Zendesk can send the verification email itself: the contact verifies, and the warning goes away
 * without the agent touching the address.
 */
export function VerificationButton({ accountId, contactId }: { accountId: string; contactId: string }) {
  const { ask } = usePlatform();
  const t = useTexts(CONTACT_TEXTS).verification;
  const { locale } = useLocale();
  const [status, setStatus] = useState<State>({ state: 'idle' });

  const send = async () => {
    if (status.state === 'sending' || status.state === 'sent') return;
    setStatus({ state: 'sending' });
    try {
      const result = await ask({ type: 'sendVerification', accountId, contactId });
      setStatus(result.sent ? { state: 'sent' } : { state: 'not_sent', message: result.localized ?? result.message ?? '' });
    } catch (error) {
      setStatus({ state: 'not_sent', message: saidOf(error) });
    }
  };

  const busy = status.state === 'sending' || status.state === 'sent';
  return (
    <div class="pt-verify">
      {/* data-fallback-action: Alt+Shift+I sends it when the row's own action cannot run (shortcut.ts). */}
      <button type="button" class="pt-button pt-button--secondary" data-fallback-action aria-disabled={busy} aria-keyshortcuts="Alt+Shift+I" onClick={send}>
        {t.send}
      </button>
      <span role="status" class={`pt-verify-result${status.state === 'not_sent' ? ' pt-tone-error' : status.state === 'sent' ? ' pt-tone-ok' : ''}`}>
        {status.state === 'sending' ? t.sending : status.state === 'sent' ? t.sent : status.state === 'not_sent' ? t.notSent(inLocale(status.message, locale)) : ''}
      </span>
    </div>
  );
}
