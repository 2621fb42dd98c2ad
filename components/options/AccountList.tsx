import { useRef, useState } from 'preact/hooks';
import type { Account } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import { AskError, usePlatform } from '../shared/platform';
import { AccountCard } from './AccountCard';
import { Outcome, type SubmitOutcome } from './Field';
import { inLocale, saidOf } from '../shared/said';
import { reconnectRequest } from './reconnect';
import { OPTIONS_TEXTS } from './texts';
import type { AccountsState } from './use-accounts';

interface AccountListProps {
  state: AccountsState;
  reload: () => Promise<void>;
  /** An API-token account to reconnect: the Zendesk form asks for the token again. */
  onTokenNeeded: (account: Account) => void;
}

export function AccountList({ state, reload, onTokenNeeded }: AccountListProps) {
  const t = useTexts(OPTIONS_TEXTS);
  const { locale } = useLocale();
  const { ask } = usePlatform();
  const [busyId, setBusyId] = useState<string>();
  const [outcome, setOutcome] = useState<SubmitOutcome>();
  const heading = useRef<HTMLHeadingElement>(null);

  const run = async <R,>(account: Account, action: () => Promise<R>, done: (label: string, result: R) => SubmitOutcome['text']) => {
    setBusyId(account.id);
    setOutcome(undefined);
    try {
      const result = await action();
      setOutcome({ ok: true, text: done(account.label, result) });
      await reload();
    } catch (error) {
      const said = saidOf(error);
      // A disconnect waiting for a batch to be checked has words of its own in both languages.
      const busy = error instanceof AskError && error.code === 'BUSY';
      setOutcome({ ok: false, text: (t, locale) => (busy ? t.disconnectBusy(account.label) : t.actionFailed(inLocale(said, locale))) });
    } finally {
      setBusyId(undefined);
    }
  };

  const reconnect = (account: Account) => {
    const request = reconnectRequest(account);
    if (!request) {
      setOutcome({ ok: true, text: (t) => t.reconnectWithToken(account.label) });
      onTokenNeeded(account);
      return;
    }
    void run(account, () => ask({ type: 'connectAccount', account: request }), (label) => (t) => t.reconnected(label));
  };

  const disconnect = (account: Account) => {
    // The card and its buttons go away: focus goes to the list's heading, not to the page's start.
    // A token the vendor did not revoke (no answer, or an API token it cannot revoke) is said, with where to remove it.
    void run(account, () => ask({ type: 'disconnectAccount', accountId: account.id }), (label, result) => (t, locale) =>
      result.message && (result.revocation === 'failed' || result.revocation === 'kept_at_vendor')
        ? t.disconnectedKeptAtVendor(label, inLocale(result.localized ?? result.message, locale))
        : t.disconnected(label),
    ).then(() => heading.current?.focus());
  };

  return (
    <section class="accounts" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" ref={heading} tabIndex={-1}>
        {t.accountsHeading}
      </h2>
      <Outcome outcome={outcome} />
      {state.kind === 'loading' && <p>{t.accountsLoading}</p>}
      {state.kind === 'failed' && <p class="error-text">{t.accountsFailed(inLocale(state.message, locale))}</p>}
      {state.kind === 'ready' && state.accounts.length === 0 && <p>{t.accountsEmpty}</p>}
      {state.kind === 'ready' &&
        state.accounts.map((account) => (
          <AccountCard
            key={account.id}
            account={account}
            busy={busyId === account.id}
            onReconnect={() => reconnect(account)}
            onDisconnect={() => disconnect(account)}
            onSaved={() => void reload()}
          />
        ))}
    </section>
  );
}
