import { useLayoutEffect, useState } from 'preact/hooks';
import type { Destination, LastCard, ResultFor } from '../../core/messages';
import type { Account } from '../../core/model';
import { afterPaint } from '../shared/first-screen';
import { usePlatform } from '../shared/platform';
import { useRetry } from '../shared/RetryError';
import { saidOf, type Said } from '../shared/said';

type Card = ResultFor<'inspectContact'>;

/**
 * The contact card's state. `ready` shows verdicts: from the last visit (`checkedAt`, while
 * `checking` asks the vendor again), or fresh. `changed` names the destinations whose verdict the
 * fresh answer changed from the one shown, so the agent sees what happened meanwhile.
 */
export type CardState =
  | { status: 'loading' }
  | { status: 'failed'; message: Said }
  | {
      status: 'ready';
      card: Card;
      /** When the shown verdicts were checked with the vendor; absent once the fresh answer is in. */
      checkedAt?: string;
      checking: boolean;
      /** The fresh answer failed: the last visit's verdicts stay, with why. */
      problem?: Said;
      changed: ReadonlySet<string>;
    };

/**
 * Asks for the last card (IndexedDB, through the background: no vendor call) and the fresh one at
 * once; the last one shows only until the fresh one arrives, and never after it. `lastCard`, when
 * the panel's first answer brought it (null: none kept), shows from the first render and is not
 * asked again. The asks go out in a layout effect: right after the render, not a painted frame later,
 * except the fresh one behind a last card shown. Once a retry's answer is shown, focus goes to
 * `focusAfterRetry()` (useRetry): the Retry button it unmounted is gone, or back if it failed again.
 */
export function useContactCard(
  account: Account,
  contactId: string,
  module: string | undefined,
  lastCard?: LastCard | null,
  focusAfterRetry: () => HTMLElement | null | undefined = () => null,
): { state: CardState; retry(): void } {
  const { ask } = usePlatform();
  const [state, setState] = useState<CardState>(() => (lastCard ? shownFromLast(lastCard) : { status: 'loading' }));
  const { attempt, retry, answered } = useRetry(focusAfterRetry);

  useLayoutEffect(() => {
    let current = true;
    let fresh = false;
    setState((prev) => (prev.status === 'ready' ? { ...prev, checking: true, problem: undefined } : { status: 'loading' }));
    if (attempt === 0 && lastCard === undefined) {
      ask({ type: 'lastVerdicts', accountId: account.id, contactId }).then(
        ({ card }) => {
          if (!current || fresh || !card) return;
          setState((prev) => (prev.status === 'ready' ? prev : shownFromLast(card)));
        },
        // No last card to show: the fresh one is on its way anyway.
        () => undefined,
      );
    }
    const inspect = () => ask({ type: 'inspectContact', accountId: account.id, contactId, ...(module ? { module } : {}) });
    // The last card is this render's screen: the fresh read (a vendor call in the background, then
    // its parsing and writes) starts once that is painted. Started with the render, it made the
    // first screen ~10 ms later on two busy cores (issue #13, paired loads with and without).
    const asked = attempt === 0 && lastCard ? afterPaint().then(() => (current ? inspect() : Promise.reject(new Error('superseded')))) : inspect();
    asked.then(
      (card) => {
        fresh = true;
        if (!current) return;
        setState((prev) => ({ status: 'ready', card, checking: false, changed: prev.status === 'ready' ? changedTargets(prev.card.destinations, card.destinations) : new Set() }));
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
    // lastCard is read at the first ask only: a later one is never newer than the fresh answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ask, account.id, contactId, module, attempt]);

  return { state, retry };
}

/** The last visit's card, shown while the vendor is asked again. */
function shownFromLast({ checkedAt, ...card }: LastCard): CardState {
  return { status: 'ready', card, checkedAt, checking: true, changed: new Set() };
}

/** Destinations whose verdict or membership differs between what was shown and the fresh answer. */
export function changedTargets(before: readonly Destination[], after: readonly Destination[]): Set<string> {
  const shown = new Map(before.map((d) => [d.target.key, summary(d)]));
  return new Set(after.filter((d) => shown.has(d.target.key) && shown.get(d.target.key) !== summary(d)).map((d) => d.target.key));
}

function summary({ verdict, membership }: Destination): string {
  const codes = verdict.reasons.map((r) => `${r.code}:${r.severity}`).sort();
  return JSON.stringify([verdict.eligible, verdict.action, codes, membership?.status ?? null]);
}
