import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Account } from '../../core/model';
import { usePlatform } from '../shared/platform';
import { saidOf, type Said } from '../shared/said';

export type AccountsState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: Said }
  | { kind: 'ready'; accounts: Account[] };

/**
 * The connected accounts as the background has them. `reload` is called after every change made
 * on this page; the list is not cached elsewhere, so what is shown is what the background holds.
 */
export function useAccounts(): { state: AccountsState; reload: () => Promise<void> } {
  const { ask } = usePlatform();
  const [state, setState] = useState<AccountsState>({ kind: 'loading' });
  const reload = useCallback(async () => {
    try {
      const { accounts } = await ask({ type: 'listAccounts' });
      setState({ kind: 'ready', accounts });
    } catch (error) {
      setState({ kind: 'failed', message: saidOf(error) });
    }
  }, [ask]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
