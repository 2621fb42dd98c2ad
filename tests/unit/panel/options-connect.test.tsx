// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsHome } from '../../../components/OptionsHome';
import { AskError, type Platform } from '../../../components/shared/platform';
import { openDb } from '../../../core/db';
import type { Request } from '../../../core/messages';
import type { Account } from '../../../core/model';

type Handler = (request: Request) => unknown;

/** A fake extension: `ask` answers from `handlers`, and every request is recorded. */
function fakePlatform(handlers: Partial<Record<Request['type'], Handler>>) {
  const asked: Request[] = [];
  const ask = vi.fn(async (request: Request) => {
    asked.push(request);
    const handler = handlers[request.type];
    if (!handler) throw new AskError('INTERNAL', `no fake for ${request.type}`);
    return handler(request);
  });
  const stored = new Map<string, string>();
  const platform = {
    ask,
    database: async () => openDb(`test-${Math.random()}`),
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: (key: string) => stored.get(key) ?? null, set: (key: string, value: string) => void stored.set(key, value) },
  } as unknown as Platform;
  return { platform, asked, stored };
}

function account(overrides: Partial<Account> & Pick<Account, 'id' | 'vendor'>): Account {
  return { label: overrides.id, authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: '2025-03-01T10:00:00.000Z', ...overrides };
}

function connectRequests(asked: Request[]) {
  return asked.filter((r) => r.type === 'connectAccount');
}

function form(name: RegExp | string) {
  return screen.getByRole('form', { name });
}

afterEach(cleanup);

describe('Zendesk connect form', () => {
  it('reduces a pasted address to the subdomain and connects with the signed-in session', async () => {
    const accounts: Account[] = [];
    const { platform, asked } = fakePlatform({
      listAccounts: () => ({ accounts }),
      listTargets: () => ({ targets: [] }),
      connectAccount: () => {
        const acme = account({ id: 'acme', vendor: 'zendesk', label: 'acme.zendesk.com', subdomain: 'acme', authKind: 'session' });
        accounts.push(acme);
        return { account: acme };
      },
    });
    render(<OptionsHome platform={platform} language="en" />);
    await screen.findByText('No account is connected yet. Connect one below.');
    const zendesk = form('Zendesk Support');
    fireEvent.input(within(zendesk).getByLabelText('Zendesk subdomain'), { target: { value: 'https://acme.zendesk.com/agent/tickets/5' } });
    expect(within(zendesk).getByRole('radio', { name: 'My signed-in session (recommended)' })).toHaveProperty('checked', true);
    fireEvent.click(within(zendesk).getByRole('button', { name: 'Connect Zendesk Support' }));

    await waitFor(() => expect(within(zendesk).getByRole('status').textContent).toBe('acme.zendesk.com is connected.'));
    expect(connectRequests(asked)).toEqual([{ type: 'connectAccount', account: { vendor: 'zendesk', subdomain: 'acme', auth: { kind: 'session' } } }]);
    expect(within(zendesk).getByLabelText('Zendesk subdomain')).toHaveProperty('value', 'acme');
    // The list is asked again and shows the new account.
    expect(await screen.findByRole('article', { name: 'acme.zendesk.com' })).toBeTruthy();
    expect(asked.filter((r) => r.type === 'listAccounts')).toHaveLength(2);
  });

  it('sends an API token with its email on Enter (form submit), then forgets the token', async () => {
    const { platform, asked } = fakePlatform({
      listAccounts: () => ({ accounts: [] }),
      connectAccount: () => ({ account: account({ id: 'acme', vendor: 'zendesk', label: 'acme.zendesk.com', authKind: 'api_token' }) }),
    });
    render(<OptionsHome platform={platform} language="en" />);
    const zendesk = form('Zendesk Support');
    expect(within(zendesk).queryByLabelText('Token')).toBeNull();
    fireEvent.input(within(zendesk).getByLabelText('Zendesk subdomain'), { target: { value: 'Acme.zendesk.com' } });
    fireEvent.click(within(zendesk).getByRole('radio', { name: 'API token' }));
    fireEvent.input(within(zendesk).getByLabelText('Agent email'), { target: { value: ' admin@acme.com ' } });
    const token = within(zendesk).getByLabelText('Token') as HTMLInputElement;
    expect(token.type).toBe('password');
    fireEvent.input(token, { target: { value: 'tok-123' } });
    fireEvent.submit(zendesk);

    await waitFor(() => expect(connectRequests(asked)).toHaveLength(1));
    expect(connectRequests(asked)[0]).toEqual({
      type: 'connectAccount',
      account: { vendor: 'zendesk', subdomain: 'acme', auth: { kind: 'api_token', email: 'admin@acme.com', token: 'tok-123' } },
    });
    await waitFor(() => expect(token.value).toBe(''));
  });

  it('blocks the submit on invalid fields, marks them, says so and focuses the first', async () => {
    const { platform, asked } = fakePlatform({ listAccounts: () => ({ accounts: [] }) });
    render(<OptionsHome platform={platform} language="en" />);
    const zendesk = form('Zendesk Support');
    fireEvent.click(within(zendesk).getByRole('radio', { name: 'API token' }));
    fireEvent.input(within(zendesk).getByLabelText('Agent email'), { target: { value: 'not-an-address' } });
    fireEvent.submit(zendesk);

    await waitFor(() => expect(within(zendesk).getByRole('alert').textContent).toBe('3 fields need attention.'));
    const subdomain = within(zendesk).getByLabelText('Zendesk subdomain');
    expect(subdomain.getAttribute('aria-invalid')).toBe('true');
    const describedBy = subdomain.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain('Enter your Zendesk subdomain.');
    expect(within(zendesk).getByLabelText('Agent email').getAttribute('aria-invalid')).toBe('true');
    expect(within(zendesk).getByText('Enter the API token.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(subdomain));
    expect(connectRequests(asked)).toEqual([]);

    // A custom domain is explained, and typing clears that field's error only.
    fireEvent.input(subdomain, { target: { value: 'support.acme.com' } });
    expect(subdomain.getAttribute('aria-invalid')).toBeNull();
    expect(within(zendesk).getByLabelText('Agent email').getAttribute('aria-invalid')).toBe('true');
    fireEvent.submit(zendesk);
    expect(await within(zendesk).findByText('Use your acme.zendesk.com address, not a custom domain.')).toBeTruthy();
    expect(connectRequests(asked)).toEqual([]);
  });

  it("says a refusal in the agent's language, and again in the other one picked after it", async () => {
    const localized = {
      en: 'This build of Portier has no Zendesk OAuth client: connect with an API token or your signed-in session instead.',
      fr: "Cette version de Portier n'a pas de client OAuth Zendesk : connectez-vous avec un jeton d'API ou votre session ouverte.",
    };
    const { platform } = fakePlatform({
      listAccounts: () => ({ accounts: [] }),
      connectAccount: () => Promise.reject(new AskError('NOT_CONFIGURED', localized.en, localized)),
    });
    render(<OptionsHome platform={platform} language="en" />);
    const zendesk = form('Zendesk Support');
    fireEvent.input(within(zendesk).getByLabelText('Zendesk subdomain'), { target: { value: 'acme' } });
    fireEvent.click(within(zendesk).getByRole('radio', { name: 'OAuth' }));
    fireEvent.click(within(zendesk).getByRole('button', { name: 'Connect Zendesk Support' }));
    await waitFor(() => expect(within(zendesk).getByRole('alert').textContent).toBe(`Could not connect: ${localized.en}`));

    fireEvent.click(screen.getByRole('button', { name: 'FR, Français' }));
    await waitFor(() => expect(within(form('Zendesk Support')).getByRole('alert').textContent).toBe(`Connexion impossible : ${localized.fr}`));
  });

  it('shows the AskError message in the alert region and lets the agent try again', async () => {
    let answer!: (value: unknown) => void;
    const { platform } = fakePlatform({
      listAccounts: () => ({ accounts: [] }),
      connectAccount: () =>
        new Promise((resolve, reject) => {
          answer = () => reject(new AskError('NOT_CONFIGURED', 'This build of Portier has no Zendesk OAuth client: connect with an API token or your signed-in session instead.'));
        }),
    });
    render(<OptionsHome platform={platform} language="en" />);
    const zendesk = form('Zendesk Support');
    fireEvent.input(within(zendesk).getByLabelText('Zendesk subdomain'), { target: { value: 'acme' } });
    fireEvent.click(within(zendesk).getByRole('radio', { name: 'OAuth' }));
    fireEvent.click(within(zendesk).getByRole('button', { name: 'Connect Zendesk Support' }));

    const busy = await within(zendesk).findByRole('button', { name: 'Connecting…' });
    expect(busy).toHaveProperty('disabled', true);
    expect(zendesk.getAttribute('aria-busy')).toBe('true');
    answer(undefined);
    await waitFor(() =>
      expect(within(zendesk).getByRole('alert').textContent).toBe(
        'Could not connect: This build of Portier has no Zendesk OAuth client: connect with an API token or your signed-in session instead.',
      ),
    );
    expect(within(zendesk).getByRole('button', { name: 'Connect Zendesk Support' })).toHaveProperty('disabled', false);
    expect(within(zendesk).getByRole('status').textContent).toBe('');
  });
});

describe('Zoho connect forms', () => {
  it('connects Zoho CRM with OAuth on the chosen data center and org id', async () => {
    const { platform, asked } = fakePlatform({
      listAccounts: () => ({ accounts: [] }),
      connectAccount: () => ({ account: account({ id: 'eu:20071234', vendor: 'zoho_crm', label: 'Zoho (eu) 20071234' }) }),
    });
    render(<OptionsHome platform={platform} language="en" />);
    const crm = form('Zoho CRM');
    const dataCenter = within(crm).getByLabelText('Data center') as HTMLSelectElement;
    expect([...dataCenter.options].map((o) => o.value)).toEqual(['com', 'eu', 'in', 'com.au', 'jp', 'com.cn', 'sa', 'ca']);
    expect(within(crm).getByRole('option', { name: 'Europe (zoho.eu)' })).toBeTruthy();
    fireEvent.change(dataCenter, { target: { value: 'eu' } });
    fireEvent.input(within(crm).getByLabelText('Org id'), { target: { value: ' 20071234 ' } });
    fireEvent.submit(crm);

    await waitFor(() => expect(within(crm).getByRole('status').textContent).toBe('Zoho (eu) 20071234 is connected.'));
    expect(connectRequests(asked)).toEqual([
      { type: 'connectAccount', account: { vendor: 'zoho_crm', dataCenter: 'eu', orgId: '20071234', auth: { kind: 'oauth' } } },
    ]);
  });

  it('asks each Zoho product for its own id, and refuses an empty one', async () => {
    const { platform, asked } = fakePlatform({ listAccounts: () => ({ accounts: [] }) });
    render(<OptionsHome platform={platform} language="en" />);
    expect(within(form('Zoho Desk')).getByLabelText('Organisation id (orgId)')).toBeTruthy();
    const connect = form('Zoho Connect');
    const scope = within(connect).getByLabelText('Network id (scopeID)');
    fireEvent.submit(connect);
    await waitFor(() => expect(within(connect).getByRole('alert').textContent).toBe('One field needs attention.'));
    expect(scope.getAttribute('aria-invalid')).toBe('true');
    expect(within(connect).getByText('Enter the id.')).toBeTruthy();
    fireEvent.input(scope, { target: { value: '12 34' } });
    fireEvent.submit(connect);
    expect(await within(connect).findByText('An id has only letters, digits, dots, dashes and underscores.')).toBeTruthy();
    expect(connectRequests(asked)).toEqual([]);
    // Errors and the summary follow a change of language made after the submit.
    fireEvent.click(screen.getByRole('button', { name: 'FR, Français' }));
    expect(within(connect).getByRole('alert').textContent).toBe('Un champ est à corriger.');
    expect(within(connect).getByText('Un identifiant ne contient que des lettres, des chiffres, des points, des tirets et des soulignés.')).toBeTruthy();
  });
});
