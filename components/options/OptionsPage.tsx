import { useState } from 'preact/hooks';
import type { Account } from '../../core/model';
import { useTexts } from '../shared/locale';
import { AccountList } from './AccountList';
import { DataSection } from './DataSection';
import { LanguageToggle } from '../shared/LanguageToggle';
import { OPTIONS_TEXTS } from './texts';
import { useAccounts } from './use-accounts';
import { ZendeskForm, type ZendeskPrefill } from './ZendeskForm';
import { ZohoForm } from './ZohoForm';
import './options.css';

/** The options page: connected accounts with their settings, one connect form per vendor, then the data Portier keeps. */
export function OptionsPage() {
  const t = useTexts(OPTIONS_TEXTS);
  const { state, reload } = useAccounts();
  const [prefill, setPrefill] = useState<ZendeskPrefill>();
  const reloadAccounts = () => void reload();
  const askToken = (account: Account) => setPrefill((previous) => ({ subdomain: account.subdomain ?? account.id, nonce: (previous?.nonce ?? 0) + 1 }));

  return (
    <main class="options">
      <header class="options-header">
        <h1>{t.title}</h1>
        <LanguageToggle label={t.language} class="language" />
      </header>
      <p class="intro">{t.intro}</p>
      <AccountList state={state} reload={reload} onTokenNeeded={askToken} />
      <section class="connect-all" aria-labelledby="connect-heading">
        <h2 id="connect-heading">{t.connectHeading}</h2>
        <ZendeskForm prefill={prefill} onConnected={reloadAccounts} />
        <ZohoForm vendor="zoho_desk" onConnected={reloadAccounts} />
        <ZohoForm vendor="zoho_crm" onConnected={reloadAccounts} />
        <ZohoForm vendor="zoho_connect" onConnected={reloadAccounts} />
      </section>
      <DataSection onCleared={reloadAccounts} />
    </main>
  );
}
