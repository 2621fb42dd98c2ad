import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ZohoDataCenter } from '../../core/messages';
import type { Account } from '../../core/model';
import { useTexts } from '../shared/locale';
import { Lessons } from '../jobs/Lessons';
import { AccountSettings } from './AccountSettings';
import { OPTIONS_TEXTS, VENDOR_NAMES } from './texts';

interface AccountCardProps {
  account: Account;
  /** True while a reconnect or disconnect of this account is under way. */
  busy: boolean;
  onReconnect: () => void;
  onDisconnect: () => void;
  onSaved: () => void;
}

/** One connected account: what it is, how it signs in, whether it works, and its settings. */
export function AccountCard({ account, busy, onReconnect, onDisconnect, onSaved }: AccountCardProps) {
  const t = useTexts(OPTIONS_TEXTS);
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const headingId = `${id}-label`;
  const dataCenter = ZohoDataCenter.safeParse(account.dataCenter);
  const dataCenterName = dataCenter.success ? t.dataCenters[dataCenter.data] : (account.dataCenter ?? '');

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    setTimeout(() => disconnectButton.current?.focus(), 0);
  };

  return (
    <article class="account" aria-labelledby={headingId}>
      <h3 id={headingId}>{account.label}</h3>
      <p class="account-where">
        {VENDOR_NAMES[account.vendor]}
        {account.vendor === 'zendesk'
          ? ` · ${account.subdomain ?? account.id}.zendesk.com`
          : ` · ${dataCenterName} · ${t.orgId} ${account.orgId ?? account.id}`}
      </p>
      <dl class="account-facts">
        <div>
          <dt>{t.method}</dt>
          <dd>{t.authKinds[account.authKind]}</dd>
        </div>
        <div>
          <dt>{t.status}</dt>
          <dd>
            <span class={`badge badge-${account.status}`}>{t.statuses[account.status]}</span>
          </dd>
        </div>
      </dl>
      <div class="account-actions">
        <button type="button" class={account.status === 'needs_reconnect' ? 'primary' : ''} disabled={busy} aria-label={t.reconnectNamed(account.label)} onClick={onReconnect}>
          {t.reconnect}
        </button>
        {!confirming && (
          <button type="button" ref={disconnectButton} disabled={busy} aria-label={t.disconnectNamed(account.label)} onClick={() => setConfirming(true)}>
            {t.disconnect}
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-labelledby={`${id}-confirm`} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
          <p id={`${id}-confirm`}>{t.confirmDisconnect(account.label)}</p>
          <button
            type="button"
            class="danger"
            ref={confirmButton}
            disabled={busy}
            onClick={() => {
              setConfirming(false);
              onDisconnect();
            }}
          >
            {t.confirmYes}
          </button>
          <button type="button" onClick={cancel}>
            {t.cancel}
          </button>
        </div>
      )}
      <Lessons account={account} headingLevel={4} />
      <AccountSettings account={account} labelledBy={headingId} onSaved={onSaved} />
    </article>
  );
}
