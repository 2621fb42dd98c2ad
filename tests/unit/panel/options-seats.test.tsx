// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsHome } from '../../../components/OptionsHome';
import { parseSeatLimit } from '../../../components/options/AccountSettings';
import { AskError, type Platform } from '../../../components/shared/platform';
import { openDb } from '../../../core/db';
import type { Request } from '../../../core/messages';
import type { Account } from '../../../core/model';

/** The options page's "Portal seats" field of Zoho CRM accounts: the portal's seats, shared by its user types. */

const NOW = '2025-03-01T10:00:00.000Z';
const CRM: Account = {
  id: 'eu:800', vendor: 'zoho_crm', label: 'Acme CRM', dataCenter: 'eu', orgId: '800', authKind: 'oauth', status: 'connected',
  companyDomains: [], portalSeatLimit: 1_000, connectedAt: NOW,
};
const ZENDESK: Account = { id: 'acme', vendor: 'zendesk', label: 'acme.zendesk.com', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: NOW };

/** A background that keeps what it is sent, as the real one does (null clears the seats). */
function fakePlatform(initial: Account[]) {
  let accounts = [...initial];
  const asked: Request[] = [];
  const handlers: Partial<Record<Request['type'], (r: Request) => unknown>> = {
    listAccounts: () => ({ accounts }),
    listTargets: () => ({ targets: [] }),
    saveAccountSettings: (r) => {
      if (r.type !== 'saveAccountSettings') throw new Error('unexpected');
      const { portalSeatLimit: _old, ...row } = accounts.find((a) => a.id === r.accountId)!;
      const kept = r.portalSeatLimit === undefined ? _old : (r.portalSeatLimit ?? undefined);
      const saved: Account = { ...row, companyDomains: r.companyDomains, ...(kept !== undefined ? { portalSeatLimit: kept } : {}) };
      accounts = accounts.map((a) => (a.id === saved.id ? saved : a));
      return { account: saved };
    },
  };
  const ask = vi.fn(async (request: Request) => {
    asked.push(request);
    const handler = handlers[request.type];
    if (!handler) throw new AskError('INTERNAL', `no fake for ${request.type}`);
    return handler(request);
  });
  const platform = {
    ask,
    database: async () => openDb(`test-${Math.random()}`),
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  } as unknown as Platform;
  const saves = () => asked.filter((r): r is Extract<Request, { type: 'saveAccountSettings' }> => r.type === 'saveAccountSettings');
  return { platform, saves };
}

afterEach(cleanup);

describe('parseSeatLimit', () => {
  it.each([
    ['1000', 1000], [' 1,000 ', 1000], ['1 000', 1000], ['1\u202f000', 1000], ['12,500', 12_500], ['1000000', 1_000_000], ['', null], ['   ', null],
  ])('reads "%s" as %s', (text, value) => expect(parseSeatLimit(text)).toEqual({ value }));

  it.each(['0', '-5', '1.5', '2,5', '1.000', '10,00', 'lots', '5 seats', '1000001', '1e3'])('refuses "%s"', (text) => {
    expect(parseSeatLimit(text)).toEqual({ invalid: true });
  });
});

describe('portal seats on the options page', () => {
  it('shows the saved seats with a hint, saves a new number, and an emptied field clears them', async () => {
    const { platform, saves } = fakePlatform([CRM]);
    render(<OptionsHome platform={platform} language="en" />);
    const settings = await screen.findByRole('form', { name: 'Acme CRM Settings' });
    const seats = within(settings).getByLabelText('Portal seats') as HTMLInputElement;
    expect(seats.value).toBe('1000');
    expect(seats.getAttribute('inputmode')).toBe('numeric');
    const hint = document.getElementById(seats.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toMatch(/^The number of portal users your Zoho CRM plan allows, shared by the portal’s user types/);
    expect(hint.textContent).toContain('Portier will remember it for an hour.');

    fireEvent.input(seats, { target: { value: '1,200' } });
    fireEvent.submit(settings);
    await waitFor(() => expect(within(settings).getByRole('status').textContent).toBe('Settings of Acme CRM saved.'));
    expect(saves()).toEqual([{ type: 'saveAccountSettings', accountId: CRM.id, companyDomains: [], defaultTargetKey: null, portalSeatLimit: 1200 }]);
    expect(seats.value).toBe('1200');

    fireEvent.input(seats, { target: { value: '' } });
    fireEvent.submit(settings);
    await waitFor(() => expect(saves()).toHaveLength(2));
    expect(saves()[1]).toMatchObject({ portalSeatLimit: null });
    await waitFor(() => expect(within(settings).getByRole('status').textContent).toBe('Settings of Acme CRM saved.'));
    expect(seats.value).toBe('');
  });

  it('refuses a value that is not a whole number of seats next to the field, moves focus there, and sends nothing', async () => {
    const { platform, saves } = fakePlatform([CRM]);
    render(<OptionsHome platform={platform} language="en" />);
    const settings = await screen.findByRole('form', { name: 'Acme CRM Settings' });
    const seats = within(settings).getByLabelText('Portal seats');
    fireEvent.input(seats, { target: { value: '1.5' } });
    fireEvent.click(within(settings).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(settings).getByRole('alert').textContent).toBe('One field needs attention.'));
    expect(seats.getAttribute('aria-invalid')).toBe('true');
    const [errorId, hintId] = seats.getAttribute('aria-describedby')!.split(' ');
    expect(document.getElementById(errorId!)?.textContent).toBe('Enter a whole number of seats from 1 to 1,000,000, or leave it empty.');
    expect(document.getElementById(hintId!)?.textContent).toContain('Leave empty if you don’t know');
    await waitFor(() => expect(document.activeElement).toBe(seats));
    expect(saves()).toEqual([]);
    // Fixed from the keyboard, the error follows the typing and the save goes through.
    fireEvent.input(seats, { target: { value: '5' } });
    expect(seats.getAttribute('aria-invalid')).toBeNull();
    fireEvent.submit(settings);
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).toMatchObject({ portalSeatLimit: 5 });
  });

  it('speaks French: label, hint and error', async () => {
    const { platform, saves } = fakePlatform([CRM]);
    render(<OptionsHome platform={platform} language="fr-FR" />);
    const settings = await screen.findByRole('form', { name: 'Acme CRM Réglages' });
    const seats = within(settings).getByLabelText('Places du portail');
    const hint = document.getElementById(seats.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toMatch(/^Le nombre d’utilisateurs de portail que votre offre Zoho CRM permet, partagé par les types d’utilisateurs du portail/);
    expect(hint.textContent).toContain('Laissez vide si vous ne le savez pas : Zoho refusera');
    fireEvent.input(seats, { target: { value: '0' } });
    fireEvent.submit(settings);
    await waitFor(() => expect(within(settings).getByRole('alert').textContent).toBe('Un champ est à corriger.'));
    const errorId = seats.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)?.textContent).toBe('Saisissez un nombre entier de places de 1 à 1\u202f000\u202f000, ou laissez vide.');
    // "1 000" as French writes it is a thousand.
    fireEvent.input(seats, { target: { value: '1 000' } });
    fireEvent.submit(settings);
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).toMatchObject({ portalSeatLimit: 1000 });
  });

  it('is a Zoho CRM setting only: other accounts neither show nor send it', async () => {
    const { platform, saves } = fakePlatform([ZENDESK]);
    render(<OptionsHome platform={platform} language="en" />);
    const settings = await screen.findByRole('form', { name: 'acme.zendesk.com Settings' });
    expect(within(settings).queryByLabelText('Portal seats')).toBeNull();
    fireEvent.submit(settings);
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).not.toHaveProperty('portalSeatLimit');
  });
});
