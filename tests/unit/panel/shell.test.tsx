// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialLocale } from '../../../components/shared/LocaleProvider';
import { PREFERENCE_KEY } from '../../../components/shared/locale';
import type { Platform } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { LastCard, Request, ResultFor } from '../../../core/messages';
import type { Account, PageRecord } from '../../../core/model';
import { App } from '../../../entrypoints/sidepanel/App';

// The two views other helpers write: stand-ins that show the props the shell gives them.
vi.mock('../../../components/bulk/BulkPanel', () => ({
  BulkPanel: ({ account, page }: { account: Account; page: PageRecord }) => (
    <p>
      bulk for {account.id} on tab {page.tabId}: {page.context.selection?.join(',')}
    </p>
  ),
}));
vi.mock('../../../components/portal-users/PortalUsersPanel', () => ({
  PortalUsersPanel: ({ account }: { account: Account }) => <p>portal users of {account.id}</p>,
}));

const NOW = '2026-05-01T10:00:00.000Z';
let db: PortierDb;
let asks: Request[];
let tabListener: ((tabId: number | undefined) => void) | undefined;
let stored: Map<string, string>;
let openOptions: ReturnType<typeof vi.fn>;
/** What the page showed each time it told the platform its first screen was up. */
let shownAt: string[];
/** Each call of Platform.watchPage, in order (undefined: watching stopped). */
let watched: (number | undefined)[];

function account(over: Partial<Account> = {}): Account {
  return { id: 'acme', vendor: 'zendesk', label: 'Acme Zendesk', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: NOW, ...over };
}

function page(tabId: number, over: Partial<PageRecord['context']> = {}, record: Partial<PageRecord> = {}): PageRecord {
  return {
    tabId,
    context: { vendor: 'zendesk', account: 'acme', pageKind: 'contact', recordIds: ['42'], url: 'https://acme.zendesk.com/agent/users/42', ...over },
    accountId: 'acme',
    connected: true,
    at: NOW,
    ...record,
  };
}

function renderApp(firstTab: number | undefined = 1, database: () => Promise<PortierDb> = async () => db, options: { lastCard?: LastCard | null; inspect?: Promise<ResultFor<'inspectContact'>> } = {}) {
  const platform: Platform = {
    database,
    firstScreenShown: () => void shownAt.push(document.querySelector('.pt-verdict') ? 'verdicts' : document.querySelector('main')?.textContent ?? ''),
    ask: (async (request: Request) => {
      // The background answers from the same database; kept apart from `asks` (the views' requests).
      if (request.type === 'getPageContext') {
        const record = (await db.pages.get(request.tabId)) ?? null;
        const found = record?.accountId ? await db.accounts.get(record.accountId) : undefined;
        return { context: record?.context ?? null, record, account: found ?? null, ...('lastCard' in options ? { lastCard: options.lastCard } : {}) };
      }
      // No contact was seen before here: the card waits for inspectContact (contact.test.tsx shows the revisit).
      if (request.type === 'lastVerdicts') return { card: null };
      asks.push(request);
      if (request.type === 'inspectTicket') return { ticket: { id: request.ticketId }, people: [], requesterMissing: false, ccsMissing: 0, agents: 0 };
      if (request.type === 'organizationMembers') return { name: 'Northwind', contactIds: ['1', '2'], capped: false, limit: 500 };
      if (request.type === 'inspectContact') {
        if (options.inspect) return options.inspect;
        return {
          contact: { id: request.contactId, key: `zendesk:acme:${request.contactId}`, vendor: 'zendesk', accountId: 'acme', name: `Person ${request.contactId}`, fetchedAt: NOW },
          destinations: [],
        };
      }
      throw new Error(`unexpected ask ${request.type}`);
    }) as Platform['ask'],
    watchActiveTab(listener) {
      tabListener = listener;
      listener(firstTab);
      return () => {
        tabListener = undefined;
      };
    },
    openOptions: openOptions as () => void,
    watchPage: (tabId) => void watched.push(tabId),
    preferences: { get: (key) => stored.get(key) ?? null, set: (key, value) => void stored.set(key, value) },
  };
  return render(<App platform={platform} />);
}

// The shell loads these views on first show (components/panel/lazy-view.tsx): load them once up
// front, so the first wait for a ticket, organization or address view does not also cover compiling them.
beforeAll(async () => {
  await Promise.all([
    import('../../../components/ticket/TicketView'),
    import('../../../components/organization/OrganizationView'),
    import('../../../components/invite/AddressInvite'),
  ]);
});

beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  stored = new Map();
  openOptions = vi.fn();
  tabListener = undefined;
  shownAt = [];
  watched = [];
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

describe('the panel shell picks the view of the page', () => {
  it('says what to open when no tab is followed', async () => {
    renderApp(undefined);
    expect(await screen.findByText(/Open a contact or a list view in Zendesk Support/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Portier');
  });

  it('says what to open when the tab shows no vendor page', async () => {
    await db.pages.put(page(2));
    renderApp(1);
    expect(await screen.findByText(/Open a contact or a list view in Zendesk Support/)).toBeTruthy();
  });

  it('says which account the page belongs to is not connected, with a button to the options at that account', async () => {
    await db.pages.put(page(1, { vendor: 'zoho_desk', account: 'acmedesk' }, { connected: false, accountId: undefined }));
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Zoho Desk “acmedesk” is not connected' })).toBeTruthy();
    expect(screen.getByText(/belongs to the Zoho Desk account “acmedesk”/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect “acmedesk” in the options' }));
    expect(openOptions).toHaveBeenCalledWith({ vendor: 'zoho_desk', account: 'acmedesk' });
  });

  it('treats a page whose account was removed from Portier as not connected', async () => {
    await db.pages.put(page(1));
    renderApp();
    expect(await screen.findByRole('heading', { name: /^Zendesk Support “.+” is not connected$/ })).toBeTruthy();
    expect(asks).toEqual([]);
  });

  it('asks to reconnect an account that lost its access', async () => {
    await db.accounts.put(account({ status: 'needs_reconnect' }));
    await db.pages.put(page(1));
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Reconnect Acme Zendesk' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open options' }));
    expect(openOptions).toHaveBeenCalledTimes(1);
    expect(asks).toEqual([]);
  });

  it('shows the contact of a contact page, with its module', async () => {
    await db.accounts.put(account({ id: 'com:1', vendor: 'zoho_crm', label: 'CRM' }));
    await db.pages.put(page(1, { vendor: 'zoho_crm', account: '1', module: 'Leads', recordIds: ['77'] }, { accountId: 'com:1' }));
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Person 77' })).toBeTruthy();
    expect(asks).toEqual([{ type: 'inspectContact', accountId: 'com:1', contactId: '77', module: 'Leads' }]);
  });

  it('shows a contact from the background\'s answer before the database has opened', async () => {
    await db.accounts.put(account());
    await db.pages.put(page(1, { recordIds: ['5'] }));
    // A database that never opens: only getPageContext can tell the shell what the tab shows.
    renderApp(1, () => new Promise<PortierDb>(() => undefined));
    expect(await screen.findByRole('heading', { name: 'Person 5' })).toBeTruthy();
    expect(asks).toEqual([{ type: 'inspectContact', accountId: 'acme', contactId: '5' }]);
  });

  it('shows the verdicts a revisit’s page answer brought, and says its first screen is up only then', async () => {
    await db.accounts.put(account());
    await db.pages.put(page(1, { recordIds: ['5'] }));
    const lastCard: LastCard = {
      contact: { id: '5', key: 'zendesk:acme:5', vendor: 'zendesk', accountId: 'acme', name: 'Person 5', fetchedAt: NOW },
      destinations: [
        {
          target: { key: 'hc', id: 'hc', kind: 'zendesk.end_user', vendor: 'zendesk', accountId: 'acme', name: 'Help Center', fetchedAt: NOW },
          verdict: { eligible: false, action: 'none', reasons: [{ code: 'ALREADY_MEMBER', severity: 'info' }] },
        },
      ],
      checkedAt: NOW,
    };
    let freshCard!: (card: ResultFor<'inspectContact'>) => void;
    const inspect = new Promise<ResultFor<'inspectContact'>>((resolve) => (freshCard = resolve));
    renderApp(1, () => new Promise<PortierDb>(() => undefined), { lastCard, inspect });
    expect(await screen.findByRole('heading', { name: 'Person 5' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: /Help Center/ }).querySelector('.pt-verdict')?.textContent).toBeTruthy();
    await waitFor(() => expect(shownAt).toEqual(['verdicts']));
    // The last card was not asked for: only the fresh one, once that screen was painted.
    await waitFor(() => expect(asks).toEqual([{ type: 'inspectContact', accountId: 'acme', contactId: '5' }]));
    freshCard({ contact: lastCard.contact, destinations: lastCard.destinations });
  });

  it('a contact seen for the first time: the first screen is up when the vendor’s verdicts are', async () => {
    await db.accounts.put(account());
    await db.pages.put(page(1, { recordIds: ['6'] }));
    let freshCard!: (card: ResultFor<'inspectContact'>) => void;
    const inspect = new Promise<ResultFor<'inspectContact'>>((resolve) => (freshCard = resolve));
    renderApp(1, async () => db, { lastCard: null, inspect });
    await waitFor(() => expect(asks).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shownAt).toEqual([]);
    freshCard({
      contact: { id: '6', key: 'zendesk:acme:6', vendor: 'zendesk', accountId: 'acme', name: 'Person 6', fetchedAt: NOW },
      destinations: [],
    });
    expect(await screen.findByRole('heading', { name: 'Person 6' })).toBeTruthy();
    await waitFor(() => expect(shownAt).toHaveLength(1));
  });

  it('any other page’s first screen is what the shell shows', async () => {
    renderApp(9);
    expect(await screen.findByText(/Open a contact/)).toBeTruthy();
    await waitFor(() => expect(shownAt).toHaveLength(1));
    expect(shownAt[0]).toMatch(/Open a contact/);
  });

  it('shows the people of a ticket page', async () => {
    await db.accounts.put(account());
    await db.pages.put(page(1, { pageKind: 'ticket', recordIds: ['9'] }));
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Ticket #9' })).toBeTruthy();
    expect(asks).toEqual([{ type: 'inspectTicket', accountId: 'acme', ticketId: '9' }]);
  });

  it('offers the members of an organization page', async () => {
    await db.accounts.put(account());
    await db.pages.put(page(1, { pageKind: 'organization', recordIds: ['361'] }));
    renderApp();
    expect(await screen.findByRole('button', { name: 'Check the 2 members of Northwind' })).toBeTruthy();
    expect(asks).toEqual([{ type: 'organizationMembers', accountId: 'acme', organizationId: '361' }]);
  });

  it('opens "Invite by address" on a page with nothing else to offer, and keeps it closed elsewhere', async () => {
    await db.accounts.put(account());
    await db.pages.bulkPut([page(1, { pageKind: 'other', recordIds: [] }), page(2)]);
    renderApp(1);
    const section = (await screen.findByText('Invite by address')).closest('details');
    expect(section?.open).toBe(true);
    act(() => tabListener?.(2));
    await screen.findByRole('heading', { name: 'Person 42' });
    expect(screen.getByText('Invite by address').closest('details')?.open).toBe(false);
  });

  it('gives a list page to the bulk panel, with the account and the page record', async () => {
    await db.accounts.put(account());
    await db.pages.put(page(1, { pageKind: 'list', recordIds: [], selection: ['1', '2'] }));
    renderApp();
    expect(await screen.findByText('bulk for acme on tab 1: 1,2')).toBeTruthy();
  });
});

describe('the panel shell follows the agent', () => {
  it('follows a change of tab and a navigation inside the tab', async () => {
    await db.accounts.put(account());
    await db.pages.bulkPut([page(1, { recordIds: ['42'] }), page(2, { pageKind: 'list', recordIds: [], selection: ['7'] })]);
    renderApp(1);
    expect(await screen.findByRole('heading', { name: 'Person 42' })).toBeTruthy();

    act(() => tabListener?.(2));
    expect(await screen.findByText('bulk for acme on tab 2: 7')).toBeTruthy();

    // The content script reports a new page in the same tab: the background rewrites its record.
    await db.pages.put(page(2, { recordIds: ['43'] }));
    expect(await screen.findByRole('heading', { name: 'Person 43' })).toBeTruthy();
    expect(asks.map((a) => a.type === 'inspectContact' && a.contactId)).toEqual(['42', '43']);

    act(() => tabListener?.(3));
    expect(await screen.findByText(/Open a contact or a list view/)).toBeTruthy();
  });

  it('watches the page of the tab it follows, asks again at each page the tab reports, and stops when closed', async () => {
    await db.accounts.put(account());
    await db.pages.bulkPut([page(1, { pageKind: 'list', recordIds: [], selection: [] }), page(2, { recordIds: ['42'] })]);
    const { unmount } = renderApp(1);
    await waitFor(() => expect(watched).toContain(1));

    // A full load of the list: the new page's report is the moment its content script can hear the panel.
    const before = watched.length;
    await db.pages.put(page(1, { pageKind: 'list', recordIds: [], selection: ['7'] }, { at: '2026-05-01T10:00:05.000Z' }));
    expect(await screen.findByText('bulk for acme on tab 1: 7')).toBeTruthy();
    await waitFor(() => expect(watched.length).toBeGreaterThan(before));
    expect(watched.at(-1)).toBe(1);

    act(() => tabListener?.(2));
    await waitFor(() => expect(watched.at(-1)).toBe(2));
    unmount();
    await waitFor(() => expect(watched.at(-1)).toBeUndefined());
  });

  it('shows a reconnected account at once', async () => {
    await db.accounts.put(account({ status: 'needs_reconnect' }));
    await db.pages.put(page(1));
    renderApp();
    await screen.findByRole('heading', { name: 'Reconnect Acme Zendesk' });
    await db.accounts.put(account());
    expect(await screen.findByRole('heading', { name: 'Person 42' })).toBeTruthy();
  });
});

describe('CRM accounts get a Portal users tab', () => {
  beforeEach(async () => {
    await db.accounts.put(account({ id: 'com:1', vendor: 'zoho_crm', label: 'CRM' }));
    await db.pages.put(page(1, { vendor: 'zoho_crm', account: '1', module: 'Contacts', recordIds: ['7'] }, { accountId: 'com:1' }));
  });

  it('moves between tabs with the arrow keys, Home and End', async () => {
    renderApp();
    const tablist = await screen.findByRole('tablist', { name: 'Views' });
    const [contactTab, usersTab] = within(tablist).getAllByRole('tab');
    expect(contactTab!.textContent).toBe('Contact');
    expect(contactTab!.getAttribute('aria-selected')).toBe('true');
    expect(usersTab!.getAttribute('tabindex')).toBe('-1');
    expect(await screen.findByRole('heading', { name: 'Person 7' })).toBeTruthy();

    fireEvent.keyDown(contactTab!, { key: 'ArrowRight' });
    expect(usersTab!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(usersTab);
    // Loaded on first show (lazyView): the stand-in appears once its module is in.
    await waitFor(() => expect(screen.getByRole('tabpanel').textContent).toBe('portal users of com:1'));
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(usersTab!.id);

    fireEvent.keyDown(usersTab!, { key: 'ArrowRight' }); // wraps around
    expect(contactTab!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(contactTab!, { key: 'End' });
    expect(usersTab!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(usersTab!, { key: 'Home' });
    expect(document.activeElement).toBe(contactTab);
    expect(await screen.findByRole('heading', { name: 'Person 7' })).toBeTruthy();
  });

  it('is not offered to other vendors', async () => {
    await db.accounts.put(account());
    await db.pages.put(page(1));
    renderApp();
    await screen.findByRole('heading', { name: 'Person 42' });
    expect(screen.queryByRole('tablist')).toBeNull();
  });
});

describe('the language', () => {
  it('follows the browser, then the agent, and remembers the choice', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-CA');
    renderApp(undefined);
    expect(await screen.findByText(/Ouvrez un contact ou une vue liste/)).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    const fr = screen.getByRole('button', { name: 'FR, Français' });
    expect(fr.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    expect(await screen.findByText(/Open a contact or a list view/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'EN, English' }).getAttribute('aria-pressed')).toBe('true');
    expect(fr.getAttribute('aria-pressed')).toBe('false');
    expect(document.documentElement.lang).toBe('en');
    expect(stored.get(PREFERENCE_KEY)).toBe('en');

    // The next panel opens in the chosen language whatever the browser says.
    cleanup();
    renderApp(undefined);
    expect(await screen.findByText(/Open a contact or a list view/)).toBeTruthy();
    vi.restoreAllMocks();
  });

  it('switches the texts of the views too', async () => {
    await db.pages.put(page(1, { vendor: 'zoho_desk', account: 'acmedesk' }, { connected: false, accountId: undefined }));
    renderApp();
    await screen.findByRole('button', { name: 'Connect “acmedesk” in the options' });
    fireEvent.click(screen.getByRole('button', { name: 'FR, Français' }));
    expect(await screen.findByRole('button', { name: 'Connecter « acmedesk » dans les options' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Zoho Desk « acmedesk » n’est pas connecté' })).toBeTruthy();
  });

  it.each([
    ['fr', 'en-US', 'fr'],
    ['en', 'fr-FR', 'en'],
    [null, 'fr-BE', 'fr'],
    [null, 'de-DE', 'en'],
    ['klingon', 'fr', 'fr'],
  ] as const)('stored %s with browser %s gives %s', (pref, language, expected) => {
    expect(initialLocale(pref, language)).toBe(expected);
  });
});
