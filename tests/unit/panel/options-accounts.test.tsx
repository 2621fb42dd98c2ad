// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsHome } from '../../../components/OptionsHome';
import { PREFERENCE_KEY } from '../../../components/shared/locale';
import { AskError, type Platform } from '../../../components/shared/platform';
import { openDb } from '../../../core/db';
import type { Request } from '../../../core/messages';
import type { Account, Target } from '../../../core/model';

type Handler = (request: Request) => unknown;

/** A fake extension: `ask` answers from `handlers`, and every request is recorded. */
function fakePlatform(handlers: Partial<Record<Request['type'], Handler>>, preference?: string) {
  const asked: Request[] = [];
  const ask = vi.fn(async (request: Request) => {
    asked.push(request);
    const handler = handlers[request.type];
    if (!handler) throw new AskError('INTERNAL', `no fake for ${request.type}`);
    return handler(request);
  });
  const stored = new Map<string, string>(preference ? [[PREFERENCE_KEY, preference]] : []);
  const platform = {
    ask,
    database: async () => openDb(`test-${Math.random()}`),
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: (key: string) => stored.get(key) ?? null, set: (key: string, value: string) => void stored.set(key, value) },
  } as unknown as Platform;
  return { platform, asked, stored };
}

const NOW = '2025-03-01T10:00:00.000Z';

function account(overrides: Partial<Account> & Pick<Account, 'id' | 'vendor'>): Account {
  return { label: overrides.id, authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: NOW, ...overrides };
}

const ACME = account({ id: 'acme', vendor: 'zendesk', label: 'acme.zendesk.com', subdomain: 'acme', authKind: 'session' });
const DESK = account({ id: 'eu:700', vendor: 'zoho_desk', label: 'Acme Desk', dataCenter: 'eu', orgId: '700', status: 'needs_reconnect', pageNames: ['acmesupport'] });
const END_USERS: Target = { key: 'zendesk:acme:end_users', kind: 'zendesk.end_user', id: 'acme', vendor: 'zendesk', accountId: 'acme', name: 'Acme end users', fetchedAt: NOW };

/** Background fakes for a list of accounts that saves settings and disconnects like the real one. */
function backend(initial: Account[]) {
  let accounts = [...initial];
  return {
    listAccounts: () => ({ accounts }),
    listTargets: (r: Request) => (r.type === 'listTargets' && r.accountId === 'acme' ? { targets: [END_USERS] } : { targets: [] }),
    saveAccountSettings: (r: Request) => {
      if (r.type !== 'saveAccountSettings') throw new Error('unexpected');
      const saved = { ...accounts.find((a) => a.id === r.accountId)!, companyDomains: r.companyDomains, defaultTargetKey: r.defaultTargetKey ?? undefined, pageNames: r.pageNames };
      accounts = accounts.map((a) => (a.id === saved.id ? saved : a));
      return { account: saved };
    },
    disconnectAccount: (r: Request) => {
      if (r.type !== 'disconnectAccount') throw new Error('unexpected');
      accounts = accounts.filter((a) => a.id !== r.accountId);
      return { accountId: r.accountId, revocation: 'revoked' as const };
    },
  };
}

const ofType = <T extends Request['type']>(asked: Request[], type: T) => asked.filter((r): r is Extract<Request, { type: T }> => r.type === type);

/** What the list says about reconnects and disconnects (each account's settings form has its own regions). */
function listOutcome(role: 'status' | 'alert'): string | null | undefined {
  return screen.getByRole('region', { name: 'Connected accounts' }).querySelector(`:scope > [role=${role}]`)?.textContent;
}

afterEach(cleanup);

describe('connected accounts', () => {
  it('lists each account with its vendor, method and status in words, names as text', async () => {
    const hostile = account({ id: 'evil', vendor: 'zoho_crm', label: '<img src=x onerror=alert(1)>', dataCenter: 'com', orgId: '1' });
    const { platform } = fakePlatform(backend([ACME, DESK, hostile]));
    render(<OptionsHome platform={platform} language="en" />);

    const acme = await screen.findByRole('article', { name: 'acme.zendesk.com' });
    expect(acme.textContent).toContain('Zendesk Support · acme.zendesk.com');
    expect(within(acme).getByText('Signed-in session')).toBeTruthy();
    expect(within(acme).getByText('Connected')).toBeTruthy();
    const desk = screen.getByRole('article', { name: 'Acme Desk' });
    expect(desk.textContent).toContain('Zoho Desk · Europe (zoho.eu) · Id 700');
    expect(within(desk).getByText('Needs reconnecting')).toBeTruthy();
    expect(within(desk).getByText('OAuth')).toBeTruthy();
    const evil = screen.getByRole('article', { name: '<img src=x onerror=alert(1)>' });
    expect(evil.querySelector('img')).toBeNull();
  });

  it("names the page's tab in the agent's language, and again after a switch", async () => {
    const { platform } = fakePlatform(backend([ACME]));
    render(<OptionsHome platform={platform} language="fr-FR" />);
    await screen.findByRole('article', { name: 'acme.zendesk.com' });
    await waitFor(() => expect(document.title).toBe('Options de Portier'));
    fireEvent.click(screen.getByRole('button', { name: /English/ }));
    await waitFor(() => expect(document.title).toBe('Portier options'));
  });

  it('disconnects only after confirmation, then refreshes the list and says so', async () => {
    const { platform, asked } = fakePlatform(backend([ACME, DESK]));
    render(<OptionsHome platform={platform} language="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect acme.zendesk.com' }));
    expect(screen.getByText(/^Disconnect acme\.zendesk\.com\? Portier forgets/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, disconnect' })));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(ofType(asked, 'disconnectAccount')).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Yes, disconnect' })).toBeNull();
    // Escape cancels too, from the keyboard.
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect acme.zendesk.com' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Yes, disconnect' }), { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'Yes, disconnect' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Disconnect acme.zendesk.com' })));
    expect(ofType(asked, 'disconnectAccount')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Disconnect acme.zendesk.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'acme.zendesk.com' })).toBeNull());
    expect(ofType(asked, 'disconnectAccount')).toEqual([{ type: 'disconnectAccount', accountId: 'acme' }]);
    expect(listOutcome('status')).toBe('acme.zendesk.com is disconnected.');
    expect(screen.getByRole('article', { name: 'Acme Desk' })).toBeTruthy();
  });

  it('reconnects an OAuth account with the same data center and id', async () => {
    const handlers = { ...backend([DESK]), connectAccount: () => ({ account: { ...DESK, status: 'connected' } }) };
    const { platform, asked } = fakePlatform(handlers);
    render(<OptionsHome platform={platform} language="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reconnect Acme Desk' }));
    await waitFor(() => expect(listOutcome('status')).toBe('Acme Desk is connected again.'));
    expect(ofType(asked, 'connectAccount')).toEqual([
      { type: 'connectAccount', account: { vendor: 'zoho_desk', dataCenter: 'eu', orgId: '700', auth: { kind: 'oauth' } } },
    ]);
  });

  it('asks for the API token again rather than reconnecting without it', async () => {
    const tokenAccount = { ...ACME, authKind: 'api_token' as const, status: 'needs_reconnect' as const };
    const { platform, asked } = fakePlatform(backend([tokenAccount]));
    render(<OptionsHome platform={platform} language="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reconnect acme.zendesk.com' }));
    const zendesk = screen.getByRole('form', { name: 'Zendesk Support' });
    await waitFor(() => expect(document.activeElement).toBe(within(zendesk).getByLabelText('Agent email')));
    expect(within(zendesk).getByLabelText('Zendesk subdomain')).toHaveProperty('value', 'acme');
    expect(within(zendesk).getByRole('radio', { name: 'API token' })).toHaveProperty('checked', true);
    expect(ofType(asked, 'connectAccount')).toEqual([]);
  });

  it('says when the vendor still holds a token after a disconnect, and where to remove it', async () => {
    const kept = 'Zendesk did not answer: the token may still work until you remove Portier in Admin Center.';
    const handlers = { ...backend([ACME]), disconnectAccount: () => ({ accountId: 'acme', revocation: 'failed' as const, message: kept }) };
    const { platform } = fakePlatform(handlers);
    render(<OptionsHome platform={platform} language="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect acme.zendesk.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    await waitFor(() => expect(listOutcome('status')).toBe(`acme.zendesk.com is disconnected and its data deleted from this computer. ${kept}`));
  });

  it('shows a refused disconnect as an alert', async () => {
    const handlers = { ...backend([ACME]), disconnectAccount: () => Promise.reject(new AskError('INTERNAL', 'Storage is full.')) };
    const { platform } = fakePlatform(handlers);
    render(<OptionsHome platform={platform} language="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect acme.zendesk.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    await waitFor(() => expect(listOutcome('alert')).toBe('That did not work: Storage is full.'));
    expect(screen.getByRole('article', { name: 'acme.zendesk.com' })).toBeTruthy();
  });
});

describe('account settings', () => {
  it('saves normalised company domains and the chosen default destination', async () => {
    const { platform, asked } = fakePlatform(backend([ACME]));
    render(<OptionsHome platform={platform} language="en" />);
    const settings = await screen.findByRole('form', { name: 'acme.zendesk.com Settings' });
    expect(within(settings).queryByLabelText('Portal names in addresses')).toBeNull();
    fireEvent.input(within(settings).getByLabelText('Company domains'), { target: { value: '@Acme.com, acme.com\nACME.fr' } });
    await within(settings).findByRole('option', { name: 'Acme end users' });
    fireEvent.change(within(settings).getByLabelText('Default destination'), { target: { value: END_USERS.key } });
    fireEvent.click(within(settings).getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(within(settings).getByRole('status').textContent).toBe('Settings of acme.zendesk.com saved.'));
    expect(ofType(asked, 'saveAccountSettings')).toEqual([
      { type: 'saveAccountSettings', accountId: 'acme', companyDomains: ['acme.com', 'acme.fr'], defaultTargetKey: END_USERS.key },
    ]);
    expect(within(settings).getByLabelText('Company domains')).toHaveProperty('value', 'acme.com\nacme.fr');
  });

  it('refuses a list with something that is not a domain, next to the field', async () => {
    const { platform, asked } = fakePlatform(backend([ACME]));
    render(<OptionsHome platform={platform} language="en" />);
    const settings = await screen.findByRole('form', { name: 'acme.zendesk.com Settings' });
    const domains = within(settings).getByLabelText('Company domains');
    fireEvent.input(domains, { target: { value: 'acme.com, localhost, bob@acme.com' } });
    fireEvent.submit(settings);
    await waitFor(() => expect(within(settings).getByRole('alert').textContent).toBe('One field needs attention.'));
    expect(domains.getAttribute('aria-invalid')).toBe('true');
    const errorId = domains.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)?.textContent).toBe('Not domains: localhost, bob@acme.com');
    expect(ofType(asked, 'saveAccountSettings')).toEqual([]);
  });

  it('sends the portal names of a Desk account, and "none" as a null default', async () => {
    const { platform, asked } = fakePlatform(backend([{ ...DESK, defaultTargetKey: 'gone' }]));
    render(<OptionsHome platform={platform} language="en" />);
    const settings = await screen.findByRole('form', { name: 'Acme Desk Settings' });
    const names = within(settings).getByLabelText('Portal names in addresses');
    expect(names).toHaveProperty('value', 'acmesupport');
    // A default the vendor no longer lists stays visible until changed.
    expect(await within(settings).findByRole('option', { name: 'gone (not found now)' })).toBeTruthy();
    fireEvent.input(names, { target: { value: 'acmesupport\nhttps://desk.zoho.eu/agent/acme-eu/acme/tickets' } });
    fireEvent.change(within(settings).getByLabelText('Default destination'), { target: { value: '' } });
    fireEvent.submit(settings);

    await waitFor(() => expect(ofType(asked, 'saveAccountSettings')).toHaveLength(1));
    expect(ofType(asked, 'saveAccountSettings')[0]).toEqual({
      type: 'saveAccountSettings',
      accountId: 'eu:700',
      companyDomains: [],
      defaultTargetKey: null,
      pageNames: ['acmesupport', 'acme-eu'],
    });
  });

  it('says when the destinations cannot be loaded and when saving fails', async () => {
    const handlers = {
      ...backend([ACME]),
      listTargets: () => Promise.reject(new AskError('NEEDS_RECONNECT', 'Zendesk asks to sign in again.')),
      saveAccountSettings: () => Promise.reject(new AskError('BAD_MESSAGE', 'companyDomains: too many')),
    };
    const { platform } = fakePlatform(handlers);
    render(<OptionsHome platform={platform} language="en" />);
    const settings = await screen.findByRole('form', { name: 'acme.zendesk.com Settings' });
    expect(await within(settings).findByText('The destinations could not be loaded: Zendesk asks to sign in again.')).toBeTruthy();
    fireEvent.submit(settings);
    await waitFor(() => expect(within(settings).getByRole('alert').textContent).toBe('Could not save: companyDomains: too many'));
  });
});

describe('language', () => {
  it('follows the browser, switches with the toggle and keeps the choice', async () => {
    const { platform, stored } = fakePlatform(backend([ACME]));
    render(<OptionsHome platform={platform} language="en-GB" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Portier options');
    const french = screen.getByRole('button', { name: 'FR, Français' });
    expect(french.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(french);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Options de Portier');
    expect(french.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'EN, English' }).getAttribute('aria-pressed')).toBe('false');
    expect(stored.get(PREFERENCE_KEY)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(await screen.findByRole('button', { name: 'Déconnecter acme.zendesk.com' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Zendesk Support' }).textContent).toContain('Ma session connectée (recommandé)');
  });

  it('starts in the stored language over the browser one, and in French for fr-CA', () => {
    const first = fakePlatform(backend([]), 'fr');
    render(<OptionsHome platform={first.platform} language="en-US" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Options de Portier');
    cleanup();
    const second = fakePlatform(backend([]));
    render(<OptionsHome platform={second.platform} language="fr-CA" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Options de Portier');
  });
});
