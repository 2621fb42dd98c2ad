import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../../core/model';
import { useTexts } from '../shared/locale';
import { AccountList } from './AccountList';
import { parseConnectTarget } from './connect-target';
import { DataSection } from './DataSection';
import { LanguageToggle } from '../shared/LanguageToggle';
import { OPTIONS_TEXTS, VENDOR_NAMES } from './texts';
import { useAccounts } from './use-accounts';
import { ZendeskForm, type ZendeskPrefill } from './ZendeskForm';
import { ZohoForm } from './ZohoForm';
import './options.css';

/**
 * The options page: connected accounts with their settings, one connect form per vendor, then the
 * data Portier keeps. `hash`: the page's address hash; `#connect=<vendor>:<account>` (the panel, on
 * a page of an account not connected) opens the form that connects that account.
 */
export function OptionsPage({ hash }: { hash?: string | undefined } = {}) {
  const t = useTexts(OPTIONS_TEXTS);
  const { state, reload } = useAccounts();
  const [prefill, setPrefill] = useState<ZendeskPrefill>();
  const [target] = useState(() => parseConnectTarget(hash));
  useEffect(() => {
    if (target?.vendor === 'zendesk') setPrefill({ subdomain: target.account, method: 'session', nonce: 1 });
  }, [target]);
  const reloadAccounts = () => void reload();
  // The tab, and what a screen reader announces of the page, in the agent's language too.
  useEffect(() => {
    document.title = t.title;
  }, [t.title]);
  const askToken = (account: Account) => setPrefill((previous) => ({ subdomain: account.subdomain ?? account.id, nonce: (previous?.nonce ?? 0) + 1 }));

  return (
    <main class="options">
      <header class="options-header">
        <h1>{t.title}</h1>
        <LanguageToggle label={t.language} class="language" />
      </header>
      <p class="intro">{t.intro}</p>
      {target && (
        <p class="connect-target" role="status">
          {t.connectTarget(VENDOR_NAMES[target.vendor], target.account)}
        </p>
      )}
      <AccountList state={state} reload={reload} onTokenNeeded={askToken} />
      <section class="connect-all" aria-labelledby="connect-heading">
        <h2 id="connect-heading">{t.connectHeading}</h2>
        <ZendeskForm prefill={prefill} onConnected={reloadAccounts} />
        <ZohoForm vendor="zoho_desk" onConnected={reloadAccounts} focus={target?.vendor === 'zoho_desk'} />
        <ZohoForm vendor="zoho_crm" onConnected={reloadAccounts} focus={target?.vendor === 'zoho_crm'} />
        <ZohoForm vendor="zoho_connect" onConnected={reloadAccounts} focus={target?.vendor === 'zoho_connect'} />
      </section>
      <DataSection onCleared={reloadAccounts} />
    </main>
  );
}
