import './contact.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ResultFor } from '../../core/messages';
import type { Account } from '../../core/model';
import { HistoryList } from '../history/HistoryList';
import { useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { ContactCard } from './ContactCard';
import { DestinationRow } from './DestinationRow';
import { useInviteShortcut } from './shortcut';
import { CONTACT_TEXTS } from './texts';

type Inspected = ResultFor<'inspectContact'>;
type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; data: Inspected };

/** The contact on screen: its card, its verdict on every destination, and its history. */
export function ContactView({ account, contactId, module }: { account: Account; contactId: string; module?: string | undefined }) {
  const { ask } = usePlatform();
  const t = useTexts(CONTACT_TEXTS);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  useInviteShortcut(list);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    ask({ type: 'inspectContact', accountId: account.id, contactId, ...(module ? { module } : {}) }).then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [ask, account.id, contactId, module, attempt]);

  if (state.status === 'loading') {
    return (
      <section class="pt-contact" aria-busy="true">
        <p class="pt-loading">{t.loading}</p>
      </section>
    );
  }
  if (state.status === 'failed') {
    return (
      <section class="pt-contact">
        <div role="alert" class="pt-error">
          <p>
            <strong>{t.loadFailed}</strong>
          </p>
          <p>{state.message}</p>
        </div>
        <button type="button" class="pt-button" onClick={() => setAttempt((n) => n + 1)}>
          {t.retry}
        </button>
      </section>
    );
  }

  const { contact, destinations } = state.data;
  const byDefault = account.defaultTargetKey;
  // The default destination first; the others keep the vendor's order (sort is stable).
  const ordered = [...destinations].sort((a, b) => Number(b.target.key === byDefault) - Number(a.target.key === byDefault));
  return (
    <section class="pt-contact" aria-labelledby="pt-contact-name">
      <ContactCard contact={contact} />
      <h2 class="pt-section-title" id="pt-destinations">
        {t.destinations}
      </h2>
      {ordered.length === 0 ? (
        <p class="pt-hint">{t.noDestinations}</p>
      ) : (
        <ul ref={list} class="pt-dests" aria-labelledby="pt-destinations">
          {ordered.map((destination) => (
            <DestinationRow
              key={destination.target.key}
              account={account}
              contact={contact}
              destination={destination}
              module={module}
              isDefault={destination.target.key === byDefault}
            />
          ))}
        </ul>
      )}
      {ordered.length > 0 && (
        <p class="pt-shortcut">
          <kbd>{t.shortcutKeys}</kbd> {t.shortcutHint}
        </p>
      )}
      <HistoryList contactKey={contact.key} />
    </section>
  );
}
