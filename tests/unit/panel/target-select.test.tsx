// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkPanel } from '../../../components/bulk/BulkPanel';
import { TargetSelect } from '../../../components/bulk/TargetSelect';
import { LocaleContext } from '../../../components/shared/locale';
import { AskError, PlatformContext, type Platform } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { Request } from '../../../core/messages';
import type { Account, PageRecord, Target } from '../../../core/model';

const NOW = '2026-05-01T10:00:00.000Z';
const ACCOUNT: Account = { id: 'acme', vendor: 'zendesk', label: 'Acme', authKind: 'session', status: 'connected', companyDomains: [], defaultTargetKey: 't-2', connectedAt: NOW };
const TARGETS: Target[] = [
  { key: 't-1', kind: 'zendesk.end_user', id: '1', vendor: 'zendesk', accountId: 'acme', name: 'First center', fetchedAt: NOW },
  { key: 't-2', kind: 'zendesk.end_user', id: '2', vendor: 'zendesk', accountId: 'acme', name: 'Acme Support', fetchedAt: NOW },
];
const BUSY = { en: 'Zendesk is busy: try again in a minute.', fr: 'Zendesk est occupé : réessayez dans une minute.' };

let db: PortierDb;
let asks: Request[];
/** How many listTargets requests fail before one answers. */
let failures: number;
let targets: Target[];

function platform(): Platform {
  return {
    database: async () => db,
    ask: (async (request: Request) => {
      asks.push(request);
      if (request.type === 'listTargets') {
        if (failures > 0) {
          failures--;
          throw new AskError('BUSY', BUSY.en, BUSY);
        }
        return { targets };
      }
      if (request.type === 'evaluate') return { target: TARGETS[1], items: [], missing: [] };
      throw new Error(`unexpected ask ${request.type}`);
    }) as Platform['ask'],
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  };
}

/** TargetSelect alone, with what it reports shown beside it. */
function Harness() {
  const [value, setValue] = useState<string | undefined>(undefined);
  return (
    <>
      <TargetSelect account={ACCOUNT} value={value} onChange={setValue} />
      <output data-testid="chosen">{value ?? 'none'}</output>
    </>
  );
}

function renderSelect(locale: Locale = 'en') {
  return render(
    <PlatformContext.Provider value={platform()}>
      <LocaleContext.Provider value={{ locale, setLocale: () => undefined }}>
        <Harness />
      </LocaleContext.Provider>
    </PlatformContext.Provider>,
  );
}

const listed = () => asks.filter((a) => a.type === 'listTargets').length;

beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  failures = 1;
  targets = TARGETS;
});
afterEach(() => {
  cleanup();
  db.close();
});

describe('TargetSelect after the destinations failed to load', () => {
  it('says why with a "Try again" button in the Tab order; pressing it asks again and focus lands on the list', async () => {
    renderSelect();
    const alert = await screen.findByRole('alert');
    // A first load moves no focus, failed or not: only the agent's retry does.
    expect(document.activeElement).toBe(document.body);
    expect(alert.textContent).toBe('The destinations could not be read, so nothing can be checked or sent yet. Zendesk is busy: try again in a minute.');
    const again = screen.getByRole('button', { name: 'Try again' }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.tabIndex).toBe(0);
    expect(listed()).toBe(1);
    expect(screen.getByTestId('chosen').textContent).toBe('none');

    again.focus();
    fireEvent.click(again);
    const select = (await screen.findByRole('combobox', { name: 'Destination' })) as HTMLSelectElement;
    expect(listed()).toBe(2);
    expect(screen.queryByRole('alert')).toBeNull();
    // The account's default destination is chosen, as on a first load that worked.
    await waitFor(() => expect(screen.getByTestId('chosen').textContent).toBe('t-2'));
    expect(select.value).toBe('t-2');
    await waitFor(() => expect(document.activeElement).toBe(select));
  });

  it('fails again: the reason again, and focus back on "Try again", in French', async () => {
    failures = 2;
    renderSelect('fr');
    fireEvent.click(await screen.findByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(listed()).toBe(2));
    const again = await screen.findByRole('button', { name: 'Réessayer' });
    expect(screen.getByRole('alert').textContent).toBe(
      "Les destinations n'ont pas pu être lues, donc rien ne peut encore être vérifié ni envoyé. Zendesk est occupé : réessayez dans une minute.",
    );
    await waitFor(() => expect(document.activeElement).toBe(again));

    fireEvent.click(again);
    expect(await screen.findByRole('combobox', { name: 'Destination' })).toBeTruthy();
    expect(listed()).toBe(3);
  });

  it('an account with no destination after a retry: the sentence takes focus', async () => {
    targets = [];
    renderSelect();
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    const none = await screen.findByText('This account has no destination to invite to.');
    await waitFor(() => expect(document.activeElement).toBe(none));
  });

  it('in the bulk panel, "Check" becomes usable once the retry has loaded the destinations', async () => {
    const pageRecord: PageRecord = {
      tabId: 1,
      connected: true,
      accountId: 'acme',
      at: NOW,
      context: { vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], selection: ['1', '2'], url: 'https://acme.zendesk.com/agent/users' },
    };
    render(
      <PlatformContext.Provider value={platform()}>
        <LocaleContext.Provider value={{ locale: 'en', setLocale: () => undefined }}>
          <BulkPanel account={ACCOUNT} page={pageRecord} />
        </LocaleContext.Provider>
      </PlatformContext.Provider>,
    );
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check 2 contacts' }).getAttribute('aria-disabled')).toBe('false'));
    expect((screen.getByRole('combobox', { name: 'Destination' }) as HTMLSelectElement).value).toBe('t-2');
  });
});
