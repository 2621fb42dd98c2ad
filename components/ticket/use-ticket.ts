import { useEffect, useState } from 'preact/hooks';
import type { TicketCard } from '../../core/messages';
import type { Account } from '../../core/model';
import { usePlatform } from '../shared/platform';
import { saidOf, type Said } from '../shared/said';

export type TicketState = { status: 'loading' } | { status: 'failed'; message: Said } | { status: 'ready'; card: TicketCard };

/** The ticket's people and their verdicts, as the background reads them from the vendor; `retry` asks again. */
export function useTicket(account: Account, ticketId: string): { state: TicketState; retry(): void } {
  const { ask } = usePlatform();
  const [state, setState] = useState<TicketState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    ask({ type: 'inspectTicket', accountId: account.id, ticketId }).then(
      (card) => current && setState({ status: 'ready', card }),
      (error: unknown) => current && setState({ status: 'failed', message: saidOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [ask, account.id, ticketId, attempt]);
  return { state, retry: () => setAttempt((n) => n + 1) };
}
