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
import { connectHash, parseConnectTarget } from '../../../components/options/connect-target';

/** Issue #12, item 3: a Zoho account is picked from what the sign-in reaches, never an id typed. */
afterEach(cleanup);

function platformWith(handlers: Partial<Record<Request['type'], (r: Request) => unknown>>) {
  const asked: Request[] = [];
  const platform = {
    ask: vi.fn(async (request: Request) => {
      asked.push(request);
      const handler = handlers[request.type];
      if (!handler) throw new AskError('INTERNAL', `no fake for ${request.type}`);
      return handler(request);
    }),
    database: async () => openDb(`test-${Math.random()}`),
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  } as unknown as Platform;
  return { platform, asked };
}

const connected = (label: string): { account: Account } => ({
  account: { id: 'com:9002', vendor: 'zoho_connect', label, authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: '2026-05-01T10:00:00.000Z' },
});

describe('Zoho sign-in, then pick', () => {
  it('lists the networks the sign-in reaches, default first, and connects the one picked with that sign-in', async () => {
    const { platform, asked } = platformWith({
      listAccounts: () => ({ accounts: [] }),
      zohoSignIn: () => ({
        signInId: 'sign-1',
        choices: [
          { orgId: '9001', name: 'Acme Intranet', pageName: 'acmeintranet', isDefault: true },
          { orgId: '9002', name: 'Acme Partner Hub', pageName: 'acmepartners' },
        ],
      }),
      connectAccount: () => connected('Zoho Connect · Acme Partner Hub (US)'),
    });
    render(<OptionsHome platform={platform} language="en" />);
    const connect = screen.getByRole('form', { name: 'Zoho Connect' });
    fireEvent.click(within(connect).getByRole('button', { name: 'Sign in to Zoho Connect' }));
    const networks = await within(connect).findByRole('group', { name: 'Which network?' });
    const radios = within(networks).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.labels?.[0]?.textContent)).toEqual(['Acme Intranet (acmeintranet) · default', 'Acme Partner Hub (acmepartners)']);
    expect(radios[0]!.checked).toBe(true);
    fireEvent.click(radios[1]!);
    fireEvent.click(within(networks).getByRole('button', { name: 'Connect Acme Partner Hub' }));
    await waitFor(() => expect(within(connect).getByRole('status').textContent).toBe('Zoho Connect · Acme Partner Hub (US) is connected.'));
    expect(asked.filter((r) => r.type === 'zohoSignIn' || r.type === 'connectAccount')).toEqual([
      { type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' },
      { type: 'connectAccount', account: { vendor: 'zoho_connect', dataCenter: 'com', orgId: '9002', auth: { kind: 'oauth', signInId: 'sign-1' } } },
    ]);
  });

  it('gives the keyboard focus to the list the sign-in brought, and back to the sign-in button when it fails', async () => {
    let fail = false;
    const { platform } = platformWith({
      listAccounts: () => ({ accounts: [] }),
      zohoSignIn: () => {
        if (fail) throw new AskError('AUTH_FAILED', 'The Zoho sign-in window was closed before it finished.');
        return { signInId: 'sign-1', choices: [{ orgId: '9001', name: 'Acme Intranet' }, { orgId: '9002', name: 'Acme Partner Hub', isDefault: true }] };
      },
    });
    render(<OptionsHome platform={platform} language="en" />);
    const connect = screen.getByRole('form', { name: 'Zoho Connect' });
    const signIn = within(connect).getByRole('button', { name: 'Sign in to Zoho Connect' });
    signIn.focus();
    fireEvent.click(signIn);
    const networks = await within(connect).findByRole('group', { name: 'Which network?' });
    await waitFor(() => expect(document.activeElement).toBe(within(networks).getAllByRole('radio').find((r) => (r as HTMLInputElement).checked)));

    fail = true;
    signIn.focus();
    fireEvent.click(signIn);
    await waitFor(() => expect(within(connect).getByRole('alert').textContent).toMatch(/closed before it finished/));
    await waitFor(() => expect(document.activeElement).toBe(signIn));
  });

  it('keeps the sign-in alive while the agent picks, and says at once when it has ended, in French', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let alive = true;
      const { platform, asked } = platformWith({
        listAccounts: () => ({ accounts: [] }),
        zohoSignIn: () => ({ signInId: 'sign-1', choices: [{ orgId: '9001', name: 'Acme Intranet' }, { orgId: '9002', name: 'Acme Partner Hub' }] }),
        zohoSignInAlive: () => ({ alive }),
      });
      render(<OptionsHome platform={platform} language="fr" />);
      const connect = screen.getByRole('form', { name: 'Zoho Connect' });
      fireEvent.click(within(connect).getByRole('button', { name: 'Se connecter à Zoho Connect' }));
      const networks = () => within(connect).queryByRole('group', { name: /réseau/ });
      await waitFor(() => expect(networks()).not.toBeNull());
      // Preact runs effects after the frame: let the one that starts the asking run.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const pings = () => asked.filter((r) => r.type === 'zohoSignInAlive');
      expect(pings()).toEqual([]);
      vi.advanceTimersByTime(20_000);
      await waitFor(() => expect(pings()).toEqual([{ type: 'zohoSignInAlive', signInId: 'sign-1' }]));
      expect(networks()).not.toBeNull();
      alive = false;
      vi.advanceTimersByTime(20_000);
      await waitFor(() => expect(networks()).toBeNull());
      expect(within(connect).getByRole('alert').textContent).toMatch(/^Cette connexion Zoho a pris fin/);
      // Nothing left to keep: the asking stops.
      vi.advanceTimersByTime(60_000);
      expect(pings()).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not call the sign-in ended while the pick is being connected with it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let finish: (value: { account: Account }) => void = () => undefined;
      const { platform, asked } = platformWith({
        listAccounts: () => ({ accounts: [] }),
        zohoSignIn: () => ({ signInId: 'sign-1', choices: [{ orgId: '9001', name: 'Acme Intranet' }, { orgId: '9002', name: 'Acme Partner Hub' }] }),
        // The background took the sign-in for this connection: asked now, it is gone.
        zohoSignInAlive: () => ({ alive: false }),
        connectAccount: () => new Promise((resolve) => (finish = resolve)),
      });
      render(<OptionsHome platform={platform} language="en" />);
      const connect = screen.getByRole('form', { name: 'Zoho Connect' });
      fireEvent.click(within(connect).getByRole('button', { name: 'Sign in to Zoho Connect' }));
      const networks = await within(connect).findByRole('group', { name: 'Which network?' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      fireEvent.click(within(networks).getByRole('button', { name: 'Connect Acme Intranet' }));
      await waitFor(() => expect(asked.some((r) => r.type === 'connectAccount')).toBe(true));
      vi.advanceTimersByTime(40_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(connect.textContent).not.toMatch(/sign-in has ended/);
      expect(within(connect).queryByRole('group', { name: 'Which network?' })).not.toBeNull();
      finish(connected('Zoho Connect · Acme Intranet (US)'));
      await waitFor(() => expect(within(connect).getByRole('status').textContent).toBe('Zoho Connect · Acme Intranet (US) is connected.'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('connects at once when the sign-in reaches one organization, in French too', async () => {
    const { platform, asked } = platformWith({
      listAccounts: () => ({ accounts: [] }),
      zohoSignIn: () => ({ signInId: 'sign-2', choices: [{ orgId: '800000001', name: 'Acme Corp', isDefault: true }] }),
      connectAccount: () => connected('Zoho CRM · Acme Corp (EU)'),
    });
    render(<OptionsHome platform={platform} language="fr" />);
    const crm = screen.getByRole('form', { name: 'Zoho CRM' });
    fireEvent.change(within(crm).getByLabelText('Centre de données'), { target: { value: 'eu' } });
    fireEvent.click(within(crm).getByRole('button', { name: 'Se connecter à Zoho CRM' }));
    await waitFor(() => expect(within(crm).getByRole('status').textContent).toBe('Zoho CRM · Acme Corp (EU) est connecté.'));
    expect(asked.find((r) => r.type === 'connectAccount')).toEqual({
      type: 'connectAccount', account: { vendor: 'zoho_crm', dataCenter: 'eu', orgId: '800000001', auth: { kind: 'oauth', signInId: 'sign-2' } },
    });
  });

  it('says why a sign-in failed', async () => {
    const { platform } = platformWith({
      listAccounts: () => ({ accounts: [] }),
      zohoSignIn: () => {
        throw new AskError('VENDOR_ERROR', 'Zoho Desk did not say within 10 s what this sign-in reaches. Check your connection and sign in again.');
      },
    });
    render(<OptionsHome platform={platform} language="en" />);
    const desk = screen.getByRole('form', { name: 'Zoho Desk' });
    fireEvent.click(within(desk).getByRole('button', { name: 'Sign in to Zoho Desk' }));
    await waitFor(() => expect(within(desk).getByRole('alert').textContent).toBe('Could not connect: Zoho Desk did not say within 10 s what this sign-in reaches. Check your connection and sign in again.'));
  });
});

describe('opened from the panel at an account not connected', () => {
  it('fills the Zendesk form with the page’s subdomain and the signed-in session, and says why', async () => {
    const { platform } = platformWith({ listAccounts: () => ({ accounts: [] }) });
    render(<OptionsHome platform={platform} language="en" hash={`#${connectHash({ vendor: 'zendesk', account: 'globex' })}`} />);
    expect(screen.getByText('Connect Zendesk Support “globex” below, then go back to its page: Portier reads that page through this account.')).toBeTruthy();
    const zendesk = screen.getByRole('form', { name: 'Zendesk Support' });
    await waitFor(() => expect((within(zendesk).getByLabelText('Zendesk subdomain') as HTMLInputElement).value).toBe('globex'));
    expect((within(zendesk).getByRole('radio', { name: /signed-in session/ }) as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Connect Zendesk Support'));
  });

  it('focuses the sign-in of the Zoho product the page belongs to', async () => {
    const { platform } = platformWith({ listAccounts: () => ({ accounts: [] }) });
    render(<OptionsHome platform={platform} language="en" hash="#connect=zoho_connect%3Aglobexhub" />);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Sign in to Zoho Connect'));
  });

  it.each([['#connect=evil%3A<b>'], ['#connect=zendesk%3A'], ['#other=1'], [''], ['#connect=%E0%A4%A']])('ignores the hash %s', (hash) => {
    expect(parseConnectTarget(hash)).toBeUndefined();
  });
});
