import { useEffect, useState } from 'preact/hooks';
import type { Destination, ResultFor } from '../../core/messages';
import type { Account } from '../../core/model';
import { usePlatform } from '../shared/platform';

type Card = ResultFor<'inspectContact'>;

/**
 * The contact card's state. `ready` shows verdicts: from the last visit (`checkedAt`, while
 * `checking` asks the vendor again), or fresh. `changed` names the destinations whose verdict the
 * fresh answer changed from the one shown, so the agent sees what happened meanwhile.
 */
export type CardState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready';
      card: Card;
      /** When the shown verdicts were checked with the vendor; absent once the fresh answer is in. */
      checkedAt?: string;
      checking: boolean;
      /** The fresh answer failed: the last visit's verdicts stay, with why. */
      problem?: string;
      changed: ReadonlySet<string>;
    };

/**
 * Asks for the last card (IndexedDB, through the background: no vendor call) and the fresh one at
 * once; the last one shows only until the fresh one arrives, and never after it.
 */
export function useContactCard(account: Account, contactId: string, module: string | undefined): { state: CardState; retry(): void } {
  const { ask } = usePlatform();
  const [state, setState] = useState<CardState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    let fresh = false;
    setState((prev) => (prev.status === 'ready' ? { ...prev, checking: true, problem: undefined } : { status: 'loading' }));
    if (attempt === 0) {
      ask({ type: 'lastVerdicts', accountId: account.id, contactId }).then(
        ({ card }) => {
          if (!current || fresh || !card) return;
          const { checkedAt, ...shown } = card;
          setState((prev) => (prev.status === 'ready' ? prev : { status: 'ready', card: shown, checkedAt, checking: true, changed: new Set() }));
        },
        // No last card to show: the fresh one is on its way anyway.
        () => undefined,
      );
    }
    ask({ type: 'inspectContact', accountId: account.id, contactId, ...(module ? { module } : {}) }).then(
      (card) => {
        fresh = true;
        if (!current) return;
        setState((prev) => ({ status: 'ready', card, checking: false, changed: prev.status === 'ready' ? changedTargets(prev.card.destinations, card.destinations) : new Set() }));
      },
      (error: unknown) => {
        fresh = true;
        if (!current) return;
        const message = error instanceof Error ? error.message : String(error);
        setState((prev) => (prev.status === 'ready' ? { ...prev, checking: false, problem: message } : { status: 'failed', message }));
      },
    );
    return () => {
      current = false;
    };
  }, [ask, account.id, contactId, module, attempt]);

  return { state, retry: () => setAttempt((n) => n + 1) };
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
