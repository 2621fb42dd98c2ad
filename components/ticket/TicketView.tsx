import '../contact/contact.css';
import './ticket.css';
import type { Ref } from 'preact';
import { useCallback, useId, useRef } from 'preact/hooks';
import type { TicketCard } from '../../core/messages';
import type { Account } from '../../core/model';
import { ContactCard } from '../contact/ContactCard';
import { DestinationRow } from '../contact/DestinationRow';
import { useInviteShortcut } from '../contact/shortcut';
import { CONTACT_TEXTS } from '../contact/texts';
import { HistoryList } from '../history/HistoryList';
import { checkedWhen } from '../history/when';
import { useLocale, useTexts } from '../shared/locale';
import { inLocale } from '../shared/said';
import { TICKET_TEXTS } from './texts';
import { useTicket, type TicketState } from './use-ticket';
import { LoadFailed, Loading } from '../shared/LoadStates';

/**
 * A ticket page: the people the ticket names, requester first, each with the contact card's
 * header, verdict rows and one-click actions (components/contact), and Portier's own timeline for
 * them. What the vendor no longer has, and the agents left out, are said in words. On a revisit the
 * last card shows at once, with its age, while the vendor is asked again (use-ticket.ts), as the
 * contact card does.
 */
export function TicketView({ account, ticketId, module }: { account: Account; ticketId: string; module?: string | undefined }) {
  const t = useTexts(TICKET_TEXTS);
  const { locale } = useLocale();
  // After a retry's answer: "Retry" again if it failed again, else the ticket it read anew.
  const retryButton = useRef<HTMLButtonElement>(null);
  const ticketHeading = useRef<HTMLHeadingElement>(null);
  const { state, retry } = useTicket(account, ticketId, () => retryButton.current ?? ticketHeading.current);
  const people = useRef<HTMLDivElement>(null);
  // With no row focused, only the requester's default destination: a deleted requester leaves no default, never a CC's.
  const requesterOf = useCallback(() => people.current?.querySelector('[data-role="requester"]') ?? null, []);
  // The rows announce Alt+Shift+I (DestinationRow): the focused row's action, else the first
  // person's default destination, which is the requester's (the background lists them first).
  const shortcut = useInviteShortcut(people, account.defaultTargetKey, requesterOf);
  if (state.status === 'loading') return <Loading class="pt-ticket" text={t.loading} />;
  if (state.status === 'failed') {
    return <LoadFailed class="pt-ticket" title={t.loadFailed} message={inLocale(state.message, locale)} retryText={t.retry} onRetry={retry} buttonRef={retryButton} />;
  }
  const { card } = state;
  return (
    <section class="pt-ticket" aria-labelledby="pt-ticket-title" aria-busy={state.checking} data-checking={state.checking ? 'true' : undefined}>
      <h2 id="pt-ticket-title" class="pt-ticket-title" ref={ticketHeading} tabIndex={-1}>
        {t.title(card.ticket.number ?? card.ticket.id, card.ticket.subject)}
      </h2>
      <Freshness state={state} onRetry={retry} buttonRef={retryButton} />
      <TicketNotes account={account} card={card} />
      <div ref={people}>
        {card.people.map((person) => (
          <Person key={person.contact.key} account={account} person={person} module={module} changed={state.changed.get(person.contact.key)} />
        ))}
      </div>
      <ShortcutLines vendor={account.vendor} outcome={shortcut} shown={card.people.some((p) => p.destinations.length > 0)} />
    </section>
  );
}

/**
 * The age of a last visit's card while the vendor is asked again, or why asking again failed, in
 * the contact card's words (ContactView). `buttonRef`: its Retry, for the focus after a retry (useRetry).
 */
function Freshness({ state, onRetry, buttonRef }: { state: Extract<TicketState, { status: 'ready' }>; onRetry: () => void; buttonRef: Ref<HTMLButtonElement> }) {
  const c = useTexts(CONTACT_TEXTS);
  const { locale } = useLocale();
  if (!state.checkedAt) return null;
  const when = checkedWhen(state.checkedAt, new Date(), locale, c.justNow);
  if (state.problem) {
    return (
      <div role="alert" class="pt-error">
        <p>{c.checkFailed(when, inLocale(state.problem, locale))}</p>
        <button ref={buttonRef} type="button" class="pt-button" onClick={onRetry}>
          {c.retry}
        </button>
      </div>
    );
  }
  return state.checking ? (
    <p class="pt-freshness" role="status">
      {c.checking(when)}
    </p>
  ) : null;
}


/** The keys' hint, and why a press did nothing: always in the page, so the reason is announced when written. */
function ShortcutLines({ vendor, outcome, shown }: { vendor: Account['vendor']; outcome: ReturnType<typeof useInviteShortcut>; shown: boolean }) {
  const t = useTexts(TICKET_TEXTS);
  const c = useTexts(CONTACT_TEXTS);
  return (
    <>
      {shown && (
        <p class="pt-shortcut">
          <kbd>{c.shortcutKeys}</kbd> {t.shortcutHint(vendor)}
        </p>
      )}
      <p class="pt-shortcut-outcome" role="status">
        {outcome && !outcome.acted ? (outcome.why === 'no_default' ? c.shortcutNoDefault : c.shortcutCannotAct(outcome.name, outcome.verdict)) : ''}
      </p>
    </>
  );
}

function TicketNotes({ account, card }: { account: Account; card: TicketCard }) {
  const t = useTexts(TICKET_TEXTS);
  const notes = [
    ...(card.requesterMissing ? [t.requesterDeleted(account.vendor)] : []),
    ...(card.ccsMissing > 0 ? [t.ccsGone(account.vendor, card.ccsMissing)] : []),
    ...(card.agents > 0 ? [t.agentsLeftOut(card.agents)] : []),
    ...(card.people.length === 0 ? [t.nobody] : []),
  ];
  if (notes.length === 0) return null;
  return (
    <div class="pt-ticket-notes" role={card.requesterMissing || card.people.length === 0 ? 'alert' : 'status'}>
      {notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </div>
  );
}

function Person({
  account,
  person,
  module,
  changed,
}: {
  account: Account;
  person: TicketCard['people'][number];
  module: string | undefined;
  /** Destinations whose verdict the fresh answer changed from the last visit's. */
  changed: ReadonlySet<string> | undefined;
}) {
  const t = useTexts(TICKET_TEXTS);
  const id = useId();
  const { contact, destinations, role } = person;
  const byDefault = account.defaultTargetKey;
  // The default destination first; the others keep the vendor's order (sort is stable).
  const ordered = [...destinations].sort((a, b) => Number(b.target.key === byDefault) - Number(a.target.key === byDefault));
  return (
    <article class="pt-person" aria-labelledby={`${id}-name`} data-role={role} data-contact-id={contact.id}>
      <p class="pt-person-role">{t.role(account.vendor, role)}</p>
      <ContactCard contact={contact} headingId={`${id}-name`} />
      {ordered.length === 0 ? (
        <p class="pt-hint">{t.noDestinations}</p>
      ) : (
        <ul class="pt-dests" aria-label={t.destinationsOf(contact.name?.trim() || contact.email || t.noName)}>
          {ordered.map((destination) => (
            <DestinationRow
              key={destination.target.key}
              account={account}
              contact={contact}
              destination={destination}
              module={module}
              isDefault={destination.target.key === byDefault}
              changed={changed?.has(destination.target.key) ?? false}
            />
          ))}
        </ul>
      )}
      <HistoryList contactKey={contact.key} headingId={`${id}-history`} />
    </article>
  );
}
