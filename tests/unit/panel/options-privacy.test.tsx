// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsHome } from '../../../components/OptionsHome';
import { parseRetention } from '../../../components/options/retention';
import { AskError, type Platform } from '../../../components/shared/platform';
import { openDb } from '../../../core/db';
import type { PrivacySettings, Request } from '../../../core/messages';

/** The options page's "Data on this computer": the retention, what is stored, and clearing it all. */

type Handler = (request: Request) => unknown;

function fakePlatform(handlers: Partial<Record<Request['type'], Handler>>) {
  const asked: Request[] = [];
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
  return { platform, asked };
}

const STORED = { contacts: 1234, invitations: 56, jobs: 1, events: 789 };

/** A background that keeps the retention and empties its counts when cleared. */
function backend(clear: Handler = () => ({ accounts: 2, messages: [] })) {
  let settings: PrivacySettings = { retentionDays: 90, stored: STORED };
  return {
    listAccounts: () => ({ accounts: [] }),
    getPrivacySettings: () => settings,
    savePrivacySettings: (r: Request) => {
      if (r.type !== 'savePrivacySettings') throw new Error('unexpected');
      settings = { retentionDays: r.retentionDays, stored: { ...STORED, contacts: 10 } };
      return settings;
    },
    clearAllData: (r: Request) => {
      const answer = clear(r);
      settings = { ...settings, stored: { contacts: 0, invitations: 0, jobs: 0, events: 0 } };
      return answer;
    },
  };
}

const ofType = <T extends Request['type']>(asked: Request[], type: T) => asked.filter((r) => r.type === type);

async function section(name = 'Data on this computer') {
  return screen.findByRole('region', { name });
}

afterEach(cleanup);

describe('parseRetention', () => {
  it.each([
    ['90', { ok: true, days: 90 }],
    [' 1 ', { ok: true, days: 1 }],
    ['3650', { ok: true, days: 3650 }],
    ['', { ok: false, problem: 'empty' }],
    ['9O', { ok: false, problem: 'not_number' }],
    ['1e3', { ok: false, problem: 'not_number' }],
    ['-5', { ok: false, problem: 'not_number' }],
    ['7.5', { ok: false, problem: 'not_number' }],
    ['0', { ok: false, problem: 'range' }],
    ['3651', { ok: false, problem: 'range' }],
  ])('%j', (text, expected) => {
    expect(parseRetention(text)).toEqual(expected);
  });
});

describe('data on this computer', () => {
  it('says what is stored and for how long, and saves a new retention', async () => {
    const { platform, asked } = fakePlatform(backend());
    render(<OptionsHome platform={platform} language="en" />);
    const data = await section();
    await within(data).findByText('Stored now: 1,234 contacts, 56 invitations, 1 job and 789 history lines.');
    const days = within(data).getByLabelText('Keep cached contacts and finished jobs for (days)');
    expect(days).toHaveProperty('value', '90');

    fireEvent.input(days, { target: { value: '30' } });
    fireEvent.click(within(data).getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(within(data).getAllByRole('status')[0]!.textContent).toBe('Portier now keeps its data for 30 days; anything older is deleted.'));
    expect(ofType(asked, 'savePrivacySettings')).toEqual([{ type: 'savePrivacySettings', retentionDays: 30 }]);
    expect(within(data).getByText(/^Stored now: 10 contacts/)).toBeTruthy();
  });

  it.each([
    ['', 'Enter a number of days.'],
    ['ninety', 'Enter a whole number of days, like 90.'],
    ['0', 'Enter a number of days from 1 to 3650.'],
    ['3651', 'Enter a number of days from 1 to 3650.'],
  ])('refuses %j next to the field, focuses it, and sends nothing', async (value, message) => {
    const { platform, asked } = fakePlatform(backend());
    render(<OptionsHome platform={platform} language="en" />);
    const data = await section();
    const days = within(data).getByLabelText('Keep cached contacts and finished jobs for (days)');
    await waitFor(() => expect(days).toHaveProperty('value', '90'));
    fireEvent.input(days, { target: { value } });
    fireEvent.click(within(data).getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(document.activeElement).toBe(days));
    expect(days.getAttribute('aria-invalid')).toBe('true');
    const errorId = days.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)?.textContent).toBe(message);
    expect(ofType(asked, 'savePrivacySettings')).toEqual([]);
  });

  it('clears only after a confirmation that Escape and Cancel withdraw, then reloads the accounts', async () => {
    const { platform, asked } = fakePlatform(backend());
    render(<OptionsHome platform={platform} language="en" />);
    const data = await section();
    const clear = () => within(data).getByRole('button', { name: 'Clear Portier’s data on this computer' });

    fireEvent.click(clear());
    const yes = within(data).getByRole('button', { name: 'Yes, clear everything' });
    expect(within(data).getByRole('group').textContent).toMatch(/^Clear everything Portier keeps on this computer\? Every account is disconnected/);
    await waitFor(() => expect(document.activeElement).toBe(yes));
    fireEvent.keyDown(yes, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(clear()));
    fireEvent.click(clear());
    fireEvent.click(within(data).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(clear()));
    expect(ofType(asked, 'clearAllData')).toEqual([]);

    const listsBefore = ofType(asked, 'listAccounts').length;
    fireEvent.click(clear());
    fireEvent.click(within(data).getByRole('button', { name: 'Yes, clear everything' }));
    await waitFor(() => expect(within(data).getAllByRole('status')[1]!.textContent).toBe('Portier’s data on this computer is cleared and 2 accounts disconnected.'));
    expect(ofType(asked, 'clearAllData')).toHaveLength(1);
    expect(ofType(asked, 'listAccounts').length).toBeGreaterThan(listsBefore);
    await within(data).findByText('Stored now: 0 contacts, 0 invitations, 0 jobs and 0 history lines.');
    await waitFor(() => expect(document.activeElement).toBe(clear()));
  });

  it('says what is left to do at a vendor in the page’s language', async () => {
    const left = {
      en: 'Portier deleted the API token of acme from this computer. The token itself still works at Zendesk.',
      fr: "Portier a effacé le jeton d'API de acme de cet ordinateur. Le jeton lui-même fonctionne encore chez Zendesk.",
    };
    const { platform } = fakePlatform(backend(() => ({ accounts: 1, messages: [left.en], localized: [left] })));
    render(<OptionsHome platform={platform} language="fr" />);
    const data = await section('Données sur cet ordinateur');
    fireEvent.click(within(data).getByRole('button', { name: 'Effacer les données de Portier sur cet ordinateur' }));
    fireEvent.click(within(data).getByRole('button', { name: 'Oui, tout effacer' }));
    await waitFor(() => expect(within(data).getAllByRole('status')[1]!.textContent).toMatch(/ Portier a effacé le jeton d'API de acme de cet ordinateur\. Le jeton lui-même fonctionne encore chez Zendesk\.$/));
    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() => expect(within(data).getAllByRole('status')[1]!.textContent).toMatch(/ Portier deleted the API token of acme from this computer\. The token itself still works at Zendesk\.$/));
  });

  it('says in French that a batch is being checked when the background answers BUSY', async () => {
    const { platform } = fakePlatform(backend(() => Promise.reject(new AskError('BUSY', 'Portier cancelled the invitations in progress, but…'))));
    render(<OptionsHome platform={platform} language="fr" />);
    const data = await section('Données sur cet ordinateur');
    // French groups digits with a narrow no-break space, which the text matcher reads as a space.
    await within(data).findByText('Enregistré : 1 234 contacts, 56 invitations, 1 tâche et 789 lignes d’historique.');
    fireEvent.click(within(data).getByRole('button', { name: 'Effacer les données de Portier sur cet ordinateur' }));
    fireEvent.click(within(data).getByRole('button', { name: 'Oui, tout effacer' }));
    await waitFor(() => expect(within(data).getAllByRole('alert')[1]!.textContent).toMatch(/^Une tâche vérifie encore auprès de l’éditeur un lot déjà envoyé/));
  });

  it('a disconnect that must wait for a batch says so in the page’s language, and the account stays', async () => {
    const acme = { id: 'acme', vendor: 'zendesk' as const, label: 'acme.zendesk.com', subdomain: 'acme', authKind: 'session' as const, status: 'connected' as const, companyDomains: [], connectedAt: '2025-03-01T10:00:00.000Z' };
    const handlers = {
      ...backend(),
      listAccounts: () => ({ accounts: [acme] }),
      listTargets: () => ({ targets: [] }),
      disconnectAccount: () => Promise.reject(new AskError('BUSY', 'Portier cancelled the invitations in progress, but…')),
    };
    const { platform } = fakePlatform(handlers);
    render(<OptionsHome platform={platform} language="fr" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Déconnecter acme.zendesk.com' }));
    expect(screen.getByText(/^Déconnecter acme\.zendesk\.com \? Portier oublie ses identifiants, annule ses invitations en cours et supprime/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Oui, déconnecter' }));
    const accounts = screen.getByRole('region', { name: 'Comptes connectés' });
    await waitFor(() => expect(accounts.querySelector(':scope > [role=alert]')?.textContent).toMatch(/^acme\.zendesk\.com est toujours connecté : une tâche vérifie/));
    expect(screen.getByRole('article', { name: 'acme.zendesk.com' })).toBeTruthy();
  });
});
