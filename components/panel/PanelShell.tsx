import type { ComponentChildren } from 'preact';
import '../shared/panel.css';
import type { Account, PageRecord } from '../../core/model';
import { ContactView } from '../contact/ContactView';
import { Lessons } from '../jobs/Lessons';
import { AddressInviteSection } from '../invite/AddressInviteSection';
import { useFirstScreenShown } from '../shared/first-screen';
import { useTexts } from '../shared/locale';
import { usePlatform, type ConnectTarget } from '../shared/platform';
import { LanguageToggle } from '../shared/LanguageToggle';
import { lazyView } from './lazy-view';
import { Tabs } from './Tabs';
import { SHELL_TEXTS, vendorName } from './texts';
import { firstCardFor, useAccount, useActiveTab, useFirstAnswer, usePageRecord, usePageWatch, type FirstAnswer } from './use-page';

/** The panel says what Portier learned from the vendor for a day; the options page keeps saying it. */
const LESSONS_SHOWN_MS = 24 * 60 * 60_000;

const BulkPanel = lazyView(() => import('../bulk/BulkPanel').then((m) => m.BulkPanel));
const PortalUsersPanel = lazyView(() => import('../portal-users/PortalUsersPanel').then((m) => m.PortalUsersPanel));
const TicketView = lazyView(() => import('../ticket/TicketView').then((m) => m.TicketView));
const OrganizationView = lazyView(() => import('../organization/OrganizationView').then((m) => m.OrganizationView));

/**
 * The side panel: follows the active tab, reads what the background recorded of its page, and
 * shows the view that page calls for (a contact, a list selection, or what to do first).
 */
export function PanelShell() {
  const t = useTexts(SHELL_TEXTS);
  const tabId = useActiveTab();
  const first = useFirstAnswer(tabId);
  const record = usePageRecord(tabId, first);
  usePageWatch(tabId, record?.at);
  const account = useAccount(record?.connected ? record.accountId : undefined, first);
  // A contact's first screen is its verdicts, and ContactView says when they show; any other page's is what it shows here.
  useFirstScreenShown(record === null || (record !== undefined && account !== undefined && !showsContact(record, account)));
  return (
    <div class="pt-panel">
      <header class="pt-header">
        <h1>{t.title}</h1>
        <LanguageToggle label={t.language} class="pt-lang" />
      </header>
      <main class="pt-main">
        <PageBody record={record} account={account} first={first} />
      </main>
    </div>
  );
}

function PageBody({ record, account, first }: { record: PageRecord | null | undefined; account: Account | null | undefined; first: FirstAnswer | undefined }) {
  const t = useTexts(SHELL_TEXTS);
  if (record === undefined) return <Loading />;
  if (record === null) return <p class="pt-hint">{t.hint}</p>;
  const vendor = vendorName(record.context.vendor);
  if (!record.connected || !record.accountId || account === null) {
    // The page names its account: the options open on that account's connect form (issue #12).
    const at = { vendor: record.context.vendor, account: record.context.account };
    return (
      <Notice title={t.notConnectedTitle(vendor, at.account)} at={at} button={t.connectInOptions(at.account)}>
        <p>{t.notConnectedHelp(vendor, at.account)}</p>
      </Notice>
    );
  }
  if (account === undefined) return <Loading />;
  if (account.status === 'needs_reconnect') {
    return (
      <Notice title={t.reconnectTitle(account.label)}>
        <p>{t.reconnectHelp}</p>
      </Notice>
    );
  }
  return <AccountView account={account} record={record} first={first} />;
}

function AccountView({ account, record, first }: { account: Account; record: PageRecord; first: FirstAnswer | undefined }) {
  const t = useTexts(SHELL_TEXTS);
  const { pageKind } = record.context;
  // Invite by address goes with every page of the account; open at once where the page offers nothing else.
  const page = (
    <>
      {/* What a vendor's refusal taught Portier today, said where the agent works (issue #12). */}
      <Lessons account={account} since={Date.now() - LESSONS_SHOWN_MS} />
      <PageView account={account} record={record} first={first} />
      <AddressInviteSection key={account.id} account={account} open={pageKind === 'other'} />
    </>
  );
  if (account.vendor !== 'zoho_crm') return page;
  const pageLabel = pageKind === 'contact' ? t.tabContact : pageKind === 'list' ? t.tabList : t.tabPage;
  return (
    <Tabs
      // A new account starts on its page view; a new page of the same account keeps the tab.
      key={account.id}
      idPrefix="pt"
      label={t.views}
      tabs={[
        { id: 'page', label: pageLabel, render: () => page },
        { id: 'portal-users', label: t.tabPortalUsers, render: () => <PortalUsersPanel account={account} /> },
      ]}
    />
  );
}

function PageView({ account, record, first }: { account: Account; record: PageRecord; first: FirstAnswer | undefined }) {
  const t = useTexts(SHELL_TEXTS);
  const { pageKind, recordIds, module } = record.context;
  // The one id the URL names: a contact, a ticket or an organization, by the page's kind.
  const contactId = recordIds[0];
  if (pageKind === 'contact' && contactId) {
    return <ContactView key={`${account.id}:${module ?? ''}:${contactId}`} account={account} contactId={contactId} module={module} lastCard={firstCardFor(first, record)} />;
  }
  if (pageKind === 'list') return <BulkPanel account={account} page={record} />;
  if (pageKind === 'ticket' && contactId) {
    return <TicketView key={`${account.id}:${contactId}`} account={account} ticketId={contactId} module={module} />;
  }
  if (pageKind === 'organization' && contactId) return <OrganizationView key={`${account.id}:${contactId}`} account={account} page={record} />;
  return <p class="pt-hint">{t.otherPageHint}</p>;
}

/** The page is a contact of a connected account: ContactView takes the first screen from here. */
function showsContact(record: PageRecord, account: Account | null): boolean {
  const { pageKind, recordIds } = record.context;
  return record.connected && account !== null && account.status !== 'needs_reconnect' && pageKind === 'contact' && recordIds[0] !== undefined;
}

function Notice({ title, children, at, button }: { title: string; children: ComponentChildren; at?: ConnectTarget; button?: string }) {
  const t = useTexts(SHELL_TEXTS);
  const { openOptions } = usePlatform();
  return (
    <section class="pt-notice" aria-labelledby="pt-notice-title">
      <h2 id="pt-notice-title">{title}</h2>
      {children}
      <button type="button" class="pt-button" onClick={() => (at ? openOptions(at) : openOptions())}>
        {button ?? t.openOptions}
      </button>
    </section>
  );
}

function Loading() {
  const t = useTexts(SHELL_TEXTS);
  return (
    <p class="pt-loading" aria-busy="true">
      {t.loading}
    </p>
  );
}
