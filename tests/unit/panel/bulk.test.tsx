// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BulkPanel, PAGE_ANSWER_PATIENCE_MS, PAGE_READING_SHOWN_MS } from '../../../components/bulk/BulkPanel';
import { BULK_TEXTS } from '../../../components/bulk/texts';
import { LanguageToggle } from '../../../components/shared/LanguageToggle';
import { LocaleContext } from '../../../components/shared/locale';
import { LocaleProvider } from '../../../components/shared/LocaleProvider';
import { AskError, PlatformContext, type Platform } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { Request, RequestType } from '../../../core/messages';
import type { Account, Contact, PageRecord, ReasonCode, Target, Verdict } from '../../../core/model';
import { MAX_PAGE_SELECTION } from '../../../core/model/page-ids';

const NOW = '2026-05-01T10:00:00.000Z';
const ACCOUNT: Account = { id: 'acme', vendor: 'zendesk', label: 'Acme', authKind: 'session', status: 'connected', companyDomains: [], defaultTargetKey: 't-2', connectedAt: NOW };
const TARGETS: Target[] = [
  { key: 't-1', kind: 'zendesk.end_user', id: '1', vendor: 'zendesk', accountId: 'acme', name: 'First center', fetchedAt: NOW },
  { key: 't-2', kind: 'zendesk.end_user', id: '2', vendor: 'zendesk', accountId: 'acme', name: 'Acme Support', fetchedAt: NOW },
];

const OK: Verdict = { eligible: true, action: 'invite', reasons: [] };
const blocked = (...codes: ReasonCode[]): Verdict => ({ eligible: false, action: 'none', reasons: codes.map((code) => ({ code, severity: 'block' as const })) });
const member: Verdict = { eligible: false, action: 'none', reasons: [{ code: 'ALREADY_MEMBER', severity: 'info' }] };

// The CSV import loads papaparse on first use (components/shared/csv.ts): load it once up front,
// so the first wait on a parsed file does not also cover compiling the module.
beforeAll(async () => {
  await import('papaparse');
});

let db: PortierDb;
let asks: Request[];
let verdictOf: (id: string) => Verdict;
/** When set, evaluate waits for it after its first request: the check is seen mid-way. */
let gate: Promise<void> | null;
/** Called with the number of the startJob request (1, 2…) before it is answered: it may throw, as a refusal. */
let beforeStart: (n: number) => void;

function page(context: Partial<PageRecord['context']>): PageRecord {
  return { tabId: 1, connected: true, accountId: 'acme', at: NOW, context: { vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], url: 'https://acme.zendesk.com/agent/users', ...context } };
}

function contact(id: string, name?: string): Contact {
  return { key: `zendesk:acme:${id}`, id, vendor: 'zendesk', accountId: 'acme', name: name ?? `Person ${id}`, email: `p${id}@example.com`, fetchedAt: NOW };
}

/** `switchable`: the panel's own LocaleProvider with its EN | FR toggle, so the test can change the language. */
function renderBulk(pageRecord: PageRecord, locale: Locale = 'en', switchable = false) {
  return render(tree(pageRecord, locale, switchable));
}

function tree(pageRecord: PageRecord, locale: Locale = 'en', switchable = false) {
  const platform: Platform = {
    database: async () => db,
    ask: (async (request: Request) => {
      asks.push(request);
      switch (request.type) {
        case 'listTargets':
          return { targets: TARGETS };
        case 'evaluate': {
          if (gate && asked('evaluate').length > 1) await gate;
          const ids = request.contactIds ?? request.emails ?? [];
          const known = ids.filter((id) => !id.startsWith('gone'));
          return {
            target: TARGETS[1],
            items: known.map((id) => ({ contactId: id, name: id === '1' ? '<img src=x onerror=alert(1)>' : `Person ${id}`, email: `p${id}@example.com`, verdict: verdictOf(id) })),
            missing: ids.filter((id) => id.startsWith('gone')),
          };
        }
        case 'startJob':
          beforeStart(asked('startJob').length);
          return { jobs: [{ jobId: `job-${asks.length}`, action: 'invite' }] };
        case 'listRecords': {
          const start = (request.page - 1) * request.perPage;
          return { contacts: Array.from({ length: request.page === 1 ? 100 : 20 }, (_, i) => contact(String(start + i))), hasMore: request.page === 1 };
        }
        default:
          throw new Error(`unexpected ask ${request.type}`);
      }
    }) as Platform['ask'],
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  };
  return (
    <PlatformContext.Provider value={platform}>
      {switchable ? (
        <LocaleProvider language={locale}>
          <LanguageToggle label="Language" class="pt-lang" />
          <BulkPanel account={ACCOUNT} page={pageRecord} />
        </LocaleProvider>
      ) : (
        <LocaleContext.Provider value={{ locale, setLocale: () => undefined }}>
          <BulkPanel account={ACCOUNT} page={pageRecord} />
        </LocaleContext.Provider>
      )}
    </PlatformContext.Provider>
  );
}

const asked = <T extends RequestType>(type: T) => asks.filter((a): a is Extract<Request, { type: T }> => a.type === type);

beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  verdictOf = () => OK;
  gate = null;
  beforeStart = () => undefined;
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
  db.close();
});

describe('BulkPanel', () => {
  it('previews the list view’s ticked rows in groups that add up to the selection, reasons with their fix, filters, nothing sent', async () => {
    const ids = ['1', '2', '3', '4', '5', '6', 'gone-7'];
    const verdicts: Record<string, Verdict> = { '1': OK, '2': OK, '3': blocked('EMAIL_MISSING'), '4': member, '5': member, '6': blocked('EMAIL_MALFORMED', 'EMAIL_MISSING') };
    verdictOf = (id) => verdicts[id]!;
    renderBulk(page({ selection: ids, module: undefined }));
    expect(await screen.findByText('7 selected on the page')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Destination' }) as HTMLSelectElement).value).toBe('t-2'));

    fireEvent.click(screen.getByRole('button', { name: 'Check 7 contacts' }));
    expect(await screen.findByText('7 selected: 2 will be sent, 5 will not')).toBeTruthy();
    expect(asked('evaluate')).toEqual([{ type: 'evaluate', accountId: 'acme', targetKey: 't-2', contactIds: ids }]);
    expect(asked('startJob')).toEqual([]);

    const group = (name: string) => screen.getByRole('region', { name });
    expect(within(group('Will be sent: 2')).getByText('2 invite')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Will be sent with a warning: 0' })).toBeTruthy();
    const notSent = group('Will not be sent: 5');
    expect(within(notSent).getAllByRole('listitem').map((li) => li.querySelector('.bulk-reason-title')?.textContent ?? li.textContent)).toEqual([
      // Blocked (2 contacts): each reason with its count, most frequent first; then members, then skipped.
      'No email address: 2',
      'The email address is not valid: 1',
      'Already a member: 2',
      'Not found at the vendor: 1',
    ]);
    expect(within(notSent).getByText('Blocked: 2')).toBeTruthy();
    expect(within(notSent).getByText('Already members: 2')).toBeTruthy();
    expect(within(notSent).getByText('Skipped: 1')).toBeTruthy();
    // A blocker says what to do about it.
    expect(notSent.textContent).toContain('What to do: Add an email address to the contact in the helpdesk, then try again.');

    const list = screen.getByRole('listbox', { name: 'Contacts checked' });
    // The six contacts found, and the id the vendor does not have: what "All (7)" counts.
    expect(within(list).getAllByRole('option')).toHaveLength(7);
    // A host-page name is text, never markup.
    expect(within(list).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(list.querySelector('img')).toBeNull();

    const filter = screen.getByRole('combobox', { name: 'Show' });
    fireEvent.change(filter, { target: { value: 'send' } });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    fireEvent.change(filter, { target: { value: 'EMAIL_MISSING' } });
    await waitFor(() => expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual([
      expect.stringContaining('Person 3'),
      expect.stringContaining('Person 6'),
    ]));
    fireEvent.change(filter, { target: { value: 'not_found' } });
    await waitFor(() => expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['gone-7Not found at the vendor']));
    expect(screen.getByRole('button', { name: 'Invite 2' })).toBeTruthy();
  });

  it('checks and starts a large selection in requests of at most 1,000 ids, with the same selection', async () => {
    const ids = Array.from({ length: 2_500 }, (_, i) => `r${i}`);
    verdictOf = (id) => (id.endsWith('7') ? member : OK);
    renderBulk(page({ selection: ids, module: 'Contacts' }));
    await waitFor(() => expect(asked('listTargets')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check 2,500 contacts' }).getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(screen.getByRole('button', { name: 'Check 2,500 contacts' }));
    await screen.findByText('2,500 selected: 2,250 will be sent, 250 will not');

    const evaluations = asked('evaluate');
    expect(evaluations.map((e) => e.contactIds?.length)).toEqual([1000, 1000, 500]);
    expect(evaluations.flatMap((e) => e.contactIds)).toEqual(ids);
    expect(evaluations.every((e) => e.module === 'Contacts' && e.targetKey === 't-2')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Invite 2,250' }));
    expect(await screen.findByText('3 jobs started: follow them below.')).toBeTruthy();
    const starts = asked('startJob');
    expect(starts.map((s) => s.contactIds?.length)).toEqual([1000, 1000, 500]);
    expect(starts.flatMap((s) => s.contactIds)).toEqual(ids);
    expect(starts.every((s) => s.module === 'Contacts' && s.accountId === 'acme' && s.targetKey === 't-2')).toBe(true);
  });

  it('says how far the check is while it runs, and drops a preview when the page’s ticks change', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const ids = Array.from({ length: 1_500 }, (_, i) => `r${i}`);
    const view = renderBulk(page({ selection: ids }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check 1,500 contacts' }).getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(screen.getByRole('button', { name: 'Check 1,500 contacts' }));
    expect(await screen.findByText('Checking 1,000 of 1,500…')).toBeTruthy();
    open();
    await screen.findByText('1,500 selected: 1,500 will be sent, 0 will not');

    view.rerender(tree(page({ selection: ['r1', 'r2'] })));
    expect(await screen.findByText('2 selected on the page')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Invite/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Check 2 contacts' })).toBeTruthy();
  });

  it('while the page reads its ticks for the panel, says so past a moment, offers no pick list and checks nothing; then shows them', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const view = renderBulk(page({ selection: undefined, selectionUnread: true }));
    const status = await screen.findByRole('status');
    // No flash of a status at every list: said only once the wait is more than a moment.
    expect(status.textContent).toBe('');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PAGE_READING_SHOWN_MS);
    });
    vi.useRealTimers();
    expect(status.textContent).toBe('Reading the rows ticked on the page…');
    expect(screen.getByRole('radio', { name: 'Selected on the page' })).toHaveProperty('checked', true);
    expect(screen.queryByRole('listbox', { name: 'Contacts of the list' })).toBeNull();
    expect(asked('listRecords')).toEqual([]);
    const check = screen.getByRole('button', { name: 'Check 0 contacts' });
    await waitFor(() => expect(check.getAttribute('aria-describedby')).toBe('portier-bulk-page-hint'));
    expect(check.getAttribute('aria-disabled')).toBe('true');

    view.rerender(tree(page({ selection: ['r1', 'r2'] })));
    expect(await screen.findByRole('radio', { name: '2 selected on the page' })).toHaveProperty('checked', true);
    expect(screen.queryByText('Reading the rows ticked on the page…')).toBeNull();
  });

  it('says what to do when the page never answers the panel, in French too', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      renderBulk(page({ selection: undefined, selectionUnread: true }), 'fr');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(PAGE_READING_SHOWN_MS);
      });
      expect((await screen.findByRole('status')).textContent).toBe('Lecture des lignes cochées sur la page…');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(PAGE_ANSWER_PATIENCE_MS - PAGE_READING_SHOWN_MS);
      });
      expect(screen.getByRole('status').textContent).toBe("Les lignes cochées sur la page n'ont pas pu être lues. Rechargez la page, ou importez un CSV de leurs adresses.");
    } finally {
      vi.useRealTimers();
    }
  });

  it('on another destination, checks again against it', async () => {
    renderBulk(page({ selection: ['1', '2'] }));
    const select = await screen.findByRole('combobox', { name: 'Destination' });
    fireEvent.change(select, { target: { value: 't-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check 2 contacts' }));
    await screen.findByText('2 selected: 2 will be sent, 0 will not');
    expect(asked('evaluate')[0]!.targetKey).toBe('t-1');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: /Invite/ })).toBeNull();
    expect(asked('startJob')).toEqual([]);
  });

  it('keeps the keyboard focus: on the preview’s summary when it opens, on Check after Cancel, on the status line after Confirm', async () => {
    renderBulk(page({ selection: ['1', '2'] }));
    const check = () => screen.getByRole('button', { name: 'Check 2 contacts' }) as HTMLButtonElement;
    await waitFor(() => expect(check().getAttribute('aria-disabled')).toBe('false'));
    // A keyboard user presses the focused button: it goes away, and focus must not fall to <body>.
    const press = (button: HTMLElement) => {
      button.focus();
      fireEvent.click(button);
    };
    press(check());
    await screen.findByText('2 selected: 2 will be sent, 0 will not');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('2 rows selected on the page2 selected: 2 will be sent, 0 will not'));

    press(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(check()));

    press(check());
    press(await screen.findByRole('button', { name: 'Invite 2' }));
    const status = await screen.findByText('Invitations started: follow them below.');
    await waitFor(() => expect(document.activeElement).toBe(status));
  });

  it('after a start refused outright, puts the focus back on the preview’s summary', async () => {
    beforeStart = () => {
      throw new AskError('BUSY', 'Zendesk limits requests: wait a minute.');
    };
    renderBulk(page({ selection: ['1'] }));
    const check = () => screen.getByRole('button', { name: 'Check 1 contact' }) as HTMLButtonElement;
    await waitFor(() => expect(check().getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(check());
    const invite = await screen.findByRole('button', { name: 'Invite 1' });
    invite.focus();
    fireEvent.click(invite);
    expect((await screen.findByRole('alert')).textContent).toBe('Zendesk limits requests: wait a minute.');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('1 row selected on the page1 selected: 1 will be sent, 0 will not'));
  });

  it('when the page’s ticks cannot be read, lets the agent pick from listRecords pages with select-all', async () => {
    renderBulk(page({ selection: undefined, module: 'Leads' }));
    const list = await screen.findByRole('listbox', { name: 'Contacts of the list' });
    expect(asked('listRecords')).toEqual([{ type: 'listRecords', accountId: 'acme', page: 1, perPage: 100, module: 'Leads' }]);
    expect(within(list).getAllByRole('option').length).toBeLessThan(30);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all loaded contacts' }));
    await screen.findByText('100 of 100 loaded contacts selected');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('100 of 120 loaded contacts selected');
    expect(asked('listRecords').at(-1)).toMatchObject({ page: 2, perPage: 100 });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    fireEvent.click(within(list).getByText('Person 0'));
    await screen.findByText('99 of 120 loaded contacts selected');
    fireEvent.click(screen.getByRole('button', { name: 'Check 99 contacts' }));
    await screen.findByText('99 selected: 99 will be sent, 0 will not');
    const sent = asked('evaluate')[0]!;
    expect(sent.module).toBe('Leads');
    expect(sent.contactIds).toHaveLength(99);
    expect(sent.contactIds).not.toContain('0');
    expect(sent.contactIds).toContain('99');
  });

  it('keeps Check focusable when it cannot run yet, and says why beside it, in French too', async () => {
    renderBulk(page({ selection: undefined }), 'fr');
    fireEvent.click(await screen.findByRole('radio', { name: "Importer un CSV d'adresses e-mail" }));
    const check = screen.getByRole('button', { name: 'Vérifier 0 contact' });
    await waitFor(() => expect(check.getAttribute('aria-describedby')).toBe('portier-bulk-check-why'));
    expect(check.getAttribute('aria-disabled')).toBe('true');
    expect((check as HTMLButtonElement).disabled).toBe(false);
    expect(document.getElementById('portier-bulk-check-why')?.textContent).toBe("Sélectionnez des contacts ou importez d'abord un CSV.");
    fireEvent.click(check);
    expect(asked('evaluate')).toEqual([]);
  });

  it('imports a CSV of emails, reports bad lines, and checks the addresses', async () => {
    renderBulk(page({ selection: undefined }), 'fr');
    fireEvent.click(await screen.findByRole('radio', { name: "Importer un CSV d'adresses e-mail" }));
    const input = screen.getByLabelText("Fichier CSV d'adresses e-mail") as HTMLInputElement;
    const file = new File(['Nom;Courriel\nJane;jane@example.com\nBob;pas-une-adresse\nJ;JANE@example.com\n'], 'list.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    expect(await screen.findByText(/1 adresse lue dans la colonne « Courriel »/)).toBeTruthy();
    expect(screen.getByText('Ligne 3 : pas-une-adresse')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier 1 contact' }));
    await screen.findByText('1 sélectionné : 1 sera envoyé, 0 non');
    // The "Nom" column names the people Zendesk creates from the addresses.
    expect(screen.getByText(/1 nom lu dans « Nom »/)).toBeTruthy();
    expect(asked('evaluate')[0]).toEqual({ type: 'evaluate', accountId: 'acme', targetKey: 't-2', emails: ['jane@example.com'], names: [{ email: 'jane@example.com', name: 'Jane' }] });
  });

  it('says in the preview how many rows it read on the page, so a row the page ticked shows', async () => {
    const view = renderBulk(page({ selection: ['1', '2', '3'] }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check 3 contacts' }).getAttribute('aria-disabled')).toBe('false'));
    expect(screen.queryByText('3 rows selected on the page')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Check 3 contacts' }));
    await screen.findByText('3 selected: 3 will be sent, 0 will not');
    expect(within(screen.getByRole('region', { name: 'Contacts checked' })).getByText('3 rows selected on the page')).toBeTruthy();
    view.unmount();

    renderBulk(page({ selection: ['1'] }), 'fr');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Vérifier 1 contact' }).getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier 1 contact' }));
    await screen.findByText('1 sélectionné : 1 sera envoyé, 0 non');
    expect(screen.getByText('1 ligne sélectionnée sur la page')).toBeTruthy();
  });

  it('says the page’s ticks were read up to the limit, and what to do', async () => {
    renderBulk(page({ selection: Array.from({ length: MAX_PAGE_SELECTION }, (_, i) => String(i + 1)) }));
    expect(await screen.findByText(`Portier reads at most ${MAX_PAGE_SELECTION} ticked rows at once: tick fewer, or import a CSV of their addresses.`)).toBeTruthy();
  });

  it('counts no page rows in the preview of a CSV', async () => {
    renderBulk(page({ selection: ['1'] }));
    fireEvent.click(await screen.findByRole('radio', { name: 'Import a CSV of emails' }));
    const input = screen.getByLabelText('CSV file of email addresses') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['jane@example.com\n'], 'list.csv', { type: 'text/csv' })] });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check 1 contact' }).getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(screen.getByRole('button', { name: 'Check 1 contact' }));
    await screen.findByText('1 selected: 1 will be sent, 0 will not');
    expect(screen.queryByText(/rows? selected on the page/)).toBeNull();
  });

  it('shows a refusal of evaluate and sends nothing', async () => {
    renderBulk(page({ selection: ['1'] }));
    await screen.findByRole('combobox', { name: 'Destination' });
    verdictOf = () => {
      throw new Error('Zendesk answered 503');
    };
    fireEvent.click(screen.getByRole('button', { name: 'Check 1 contact' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Zendesk answered 503');
    expect(asked('startJob')).toEqual([]);
  });

  it('words a refusal of evaluate in the panel’s language, and again in the one the agent picks after it', async () => {
    renderBulk(page({ selection: ['1'] }), 'fr', true);
    await screen.findByRole('combobox', { name: 'Destination' });
    verdictOf = () => {
      throw new AskError('VENDOR_ERROR', 'Zendesk is not answering.', { en: 'Zendesk is not answering.', fr: 'Zendesk ne répond pas.' });
    };
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier 1 contact' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Zendesk ne répond pas.');

    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Zendesk is not answering.'));
    expect(asked('evaluate')).toHaveLength(1); // reworded, not asked again
  });

  it('says how many parts were started with the right number: one part in the singular, several in the plural', () => {
    expect(BULK_TEXTS.fr.partlyStarted(1, 2, 'x')).toBe('Seule 1 partie sur 2 a été lancée (x). Vérifiez les tâches ci-dessous avant de réessayer.');
    expect(BULK_TEXTS.fr.partlyStarted(2, 3, 'x')).toBe('Seules 2 parties sur 3 ont été lancées (x). Vérifiez les tâches ci-dessous avant de réessayer.');
    expect(BULK_TEXTS.en.partlyStarted(1, 2, 'x')).toBe('Only 1 of 2 parts was started (x). Check the jobs below before trying again.');
    expect(BULK_TEXTS.en.partlyStarted(2, 3, 'x')).toBe('Only 2 of 3 parts were started (x). Check the jobs below before trying again.');
  });

  it('says how far a start got before a refusal, in French, and in English once the agent switches', async () => {
    const ids = Array.from({ length: 2_500 }, (_, i) => `r${i}`);
    beforeStart = (n) => {
      if (n === 2) throw new AskError('BUSY', 'Zendesk limits requests: wait a minute.', { en: 'Zendesk limits requests: wait a minute.', fr: 'Zendesk limite les requêtes : attendez une minute.' });
    };
    renderBulk(page({ selection: ids }), 'fr', true);
    // French groups thousands with a narrow no-break space.
    const check = () => screen.getByRole('button', { name: 'Vérifier 2\u202f500 contacts' }) as HTMLButtonElement;
    await waitFor(() => expect(check().getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(check());
    fireEvent.click(await screen.findByRole('button', { name: 'Inviter 2\u202f500' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Seule 1 partie sur 3 a été lancée (Zendesk limite les requêtes : attendez une minute.). Vérifiez les tâches ci-dessous avant de réessayer.',
    );
    expect(asked('startJob')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Only 1 of 3 parts was started (Zendesk limits requests: wait a minute.). Check the jobs below before trying again.'),
    );
    expect(asked('startJob')).toHaveLength(2);
  });
});
