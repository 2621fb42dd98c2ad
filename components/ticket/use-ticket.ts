import { useEffect, useState } from 'preact/hooks';
import type { TicketCard } from '../../core/messages';
import type { Account } from '../../core/model';
import { changedTargets } from '../contact/use-contact-card';
import { usePlatform } from '../shared/platform';
import { useRetry } from '../shared/RetryError';
import { saidOf, type Said } from '../shared/said';

/**
 * The ticket's state, as the contact card's (components/contact/use-contact-card.ts): `ready` shows
 * the people's verdicts from the last visit (`checkedAt`, while `checking` asks the vendor again),
 * or fresh. `changed` names, per person (contact key), the destinations whose verdict the fresh
 * answer changed from the one shown.
 */
export type TicketState =
  | { status: 'loading' }
  | { status: 'failed'; message: Said }
  | {
      status: 'ready';
      card: TicketCard;
      /** When the shown verdicts were checked with the vendor; absent once the fresh answer is in. */
      checkedAt?: string;
      checking: boolean;
      /** The fresh answer failed: the last visit's card stays, with why. */
      problem?: Said;
      changed: ReadonlyMap<string, ReadonlySet<string>>;
    };

type LastTicket = TicketCard & { checkedAt: string };

const NOTHING_CHANGED: ReadonlyMap<string, ReadonlySet<string>> = new Map();

/**
 * The ticket's people and their verdicts, as the background reads them from the vendor; `retry`
 * asks again. The last card (kept by the background in IndexedDB, read here: no vendor call, and
 * no request the background would answer after the vendor) is read at once beside the fresh ask,
 * and shows only until the fresh answer arrives, never after it. Dexie's code loads after the
 * panel's first screen (platform.database()), and the reader with it. Once a retry's answer is
 * shown, focus goes to `focusAfterRetry()` (useRetry): the Retry button it unmounted is gone, or back
 * if it failed again.
 */
export function useTicket(
  account: Account,
  ticketId: string,
  focusAfterRetry: () => HTMLElement | null | undefined = () => null,
): { state: TicketState; retry(): void } {
  const { ask, database } = usePlatform();
  const [state, setState] = useState<TicketState>({ status: 'loading' });
  const { attempt, retry, answered } = useRetry(focusAfterRetry);
  useEffect(() => {
    let current = true;
    let fresh = false;
    setState((prev) => (prev.status === 'ready' ? { ...prev, checking: true, problem: undefined } : { status: 'loading' }));
    if (attempt === 0) {
      // Not read at all once the fresh answer is in, or the view is gone.
      const wanted = () => current && !fresh;
      database()
        .then(async (db) => {
          const { readLastTicket } = await import('../../core/background/last-verdicts');
          return wanted() ? readLastTicket(db, account.id, ticketId) : null;
        })
        .then(
          (card) => {
            if (!wanted() || !card) return;
            setState((prev) => (prev.status === 'ready' ? prev : shownFromLast(card)));
          },
          // No last card to show: the fresh one is on its way anyway.
          () => undefined,
        );
    }
    ask({ type: 'inspectTicket', accountId: account.id, ticketId }).then(
      (card) => {
        fresh = true;
        if (!current) return;
        setState((prev) => ({ status: 'ready', card, checking: false, changed: prev.status === 'ready' ? changedPeople(prev.card, card) : NOTHING_CHANGED }));
        answered(attempt);
      },
      (error: unknown) => {
        fresh = true;
        if (!current) return;
        const message = saidOf(error);
        setState((prev) => (prev.status === 'ready' ? { ...prev, checking: false, problem: message } : { status: 'failed', message }));
        answered(attempt);
      },
    );
    return () => {
      current = false;
    };
  }, [ask, database, account.id, ticketId, attempt]);
  return { state, retry };
}

/** The last visit's card, shown while the vendor is asked again. */
function shownFromLast({ checkedAt, ...card }: LastTicket): TicketState {
  return { status: 'ready', card, checkedAt, checking: true, changed: NOTHING_CHANGED };
}

/** Per person still on the ticket, the destinations whose verdict changed (the contact card's rule). */
function changedPeople(before: TicketCard, after: TicketCard): Map<string, ReadonlySet<string>> {
  const shown = new Map(before.people.map((p) => [p.contact.key, p.destinations]));
  const changed = new Map<string, ReadonlySet<string>>();
  for (const { contact, destinations } of after.people) {
    const was = shown.get(contact.key);
    const keys = was ? changedTargets(was, destinations) : undefined;
    if (keys && keys.size > 0) changed.set(contact.key, keys);
  }
  return changed;
}
