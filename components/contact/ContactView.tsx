import './contact.css';
import { useRef } from 'preact/hooks';
import type { LastCard } from '../../core/messages';
import type { Account } from '../../core/model';
import { checkedWhen } from '../history/when';
import { HistoryList } from '../history/HistoryList';
import { useFirstScreenShown } from '../shared/first-screen';
import { useLocale, useTexts } from '../shared/locale';
import { inLocale } from '../shared/said';
import { ContactCard } from './ContactCard';
import { DestinationRow } from './DestinationRow';
import { useInviteShortcut } from './shortcut';
import { CONTACT_TEXTS } from './texts';
import { useContactCard } from './use-contact-card';
import { LoadFailed, Loading } from '../shared/LoadStates';

/**
 * The contact on screen: its card, its verdict on every destination, and its history. On a revisit
 * the last verdicts show at once, with their age, while the vendor is asked again (use-contact-card.ts).
 */
export function ContactView({ account, contactId, module, lastCard }: { account: Account; contactId: string; module?: string | undefined; lastCard?: LastCard | null | undefined }) {
  const t = useTexts(CONTACT_TEXTS);
  const { locale } = useLocale();
  // After a retry's answer: "Retry" again if it failed again, else the destinations it checked anew.
  const retryButton = useRef<HTMLButtonElement>(null);
  const destinationsHeading = useRef<HTMLHeadingElement>(null);
  const { state, retry } = useContactCard(account, contactId, module, lastCard, () => retryButton.current ?? destinationsHeading.current);
  useFirstScreenShown(state.status !== 'loading');
  const list = useRef<HTMLUListElement>(null);
  const shortcut = useInviteShortcut(list, account.defaultTargetKey);

  if (state.status === 'loading') return <Loading class="pt-contact" text={t.loading} />;
  if (state.status === 'failed') {
    return <LoadFailed class="pt-contact" title={t.loadFailed} message={inLocale(state.message, locale)} retryText={t.retry} onRetry={retry} buttonRef={retryButton} />;
  }

  const { contact, destinations } = state.card;
  const byDefault = account.defaultTargetKey;
  // The default destination first; the others keep the vendor's order (sort is stable).
  const ordered = [...destinations].sort((a, b) => Number(b.target.key === byDefault) - Number(a.target.key === byDefault));
  const when = state.checkedAt ? checkedWhen(state.checkedAt, new Date(), locale, t.justNow) : undefined;
  return (
    // Not a region of its own: the card inside is the region named after the contact (axe landmark-unique).
    <section class="pt-contact" aria-busy={state.checking} data-checking={state.checking ? 'true' : undefined}>
      <ContactCard contact={contact} />
      {when && state.checking && (
        <p class="pt-freshness" role="status">
          {t.checking(when)}
        </p>
      )}
      {when && state.problem && (
        <div role="alert" class="pt-error">
          <p>{t.checkFailed(when, inLocale(state.problem, locale))}</p>
          <button ref={retryButton} type="button" class="pt-button" onClick={retry}>
            {t.retry}
          </button>
        </div>
      )}
      <h2 class="pt-section-title" id="pt-destinations" ref={destinationsHeading} tabIndex={-1}>
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
              changed={state.changed.has(destination.target.key)}
            />
          ))}
        </ul>
      )}
      {ordered.length > 0 && (
        <p class="pt-shortcut">
          <kbd>{t.shortcutKeys}</kbd> {t.shortcutHint}
        </p>
      )}
      {/* Always in the page, so the reason a shortcut did nothing is announced when it is written. */}
      <p class="pt-shortcut-outcome" role="status">
        {shortcut && !shortcut.acted ? (shortcut.why === 'no_default' ? t.shortcutNoDefault : t.shortcutCannotAct(shortcut.name, shortcut.verdict)) : ''}
      </p>
      <HistoryList contactKey={contact.key} />
    </section>
  );
}

