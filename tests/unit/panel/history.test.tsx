// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryList } from '../../../components/history/HistoryList';
import { formatWhen } from '../../../components/history/when';
import { LocaleContext } from '../../../components/shared/locale';
import { PlatformContext, type Platform } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { PortierEvent, Target } from '../../../core/model';

const KEY = 'zoho_desk:acct:77';
let db: PortierDb;

const HELP_CENTER: Target = { key: 'hc-1', id: '1', kind: 'zoho_desk.help_center', vendor: 'zoho_desk', accountId: 'acct', name: 'Acme <b>Help</b> Center', fetchedAt: '2026-05-01T10:00:00.000Z' };

/** Event n happened n minutes after 09:00, so a higher n is newer. */
function event(n: number, over: Partial<PortierEvent> = {}): PortierEvent {
  return { contactKey: KEY, at: new Date(Date.UTC(2026, 3, 1, 9, n)).toISOString(), type: 'queued', targetKey: 'hc-1', detail: `step ${n}`, ...over };
}

function renderHistory(locale: Locale = 'en') {
  const platform: Platform = {
    database: async () => db,
    ask: (async () => {
      throw new Error('the history asks nothing of the background');
    }) as Platform['ask'],
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  };
  return render(
    <PlatformContext.Provider value={platform}>
      <LocaleContext.Provider value={{ locale, setLocale: () => undefined }}>
        <HistoryList contactKey={KEY} />
      </LocaleContext.Provider>
    </PlatformContext.Provider>,
  );
}

const details = () => screen.queryAllByRole('listitem').map((li) => li.querySelector('.pt-event-detail')?.textContent);

beforeEach(async () => {
  db = openDb(`test-${Math.random()}`);
  await db.targets.put(HELP_CENTER);
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

describe('the contact history', () => {
  it('shows ten events at a time, newest first, until there are no more', async () => {
    await db.events.bulkAdd(Array.from({ length: 25 }, (_, i) => event(i)));
    // Another contact's events never show.
    await db.events.add(event(59, { contactKey: 'zoho_desk:acct:78', detail: 'other' }));
    renderHistory();
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(10));
    expect(details()[0]).toBe('step 24');
    expect(details()[9]).toBe('step 15');

    const more = screen.getByRole('button', { name: 'Show 10 more' });
    fireEvent.click(more);
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(20));
    expect(details()[19]).toBe('step 5');

    fireEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(25));
    expect(details()).toEqual(Array.from({ length: 25 }, (_, i) => `step ${24 - i}`));
    expect(screen.queryByRole('button', { name: 'Show 10 more' })).toBeNull();
  });

  it('moves the focus to the first event the last "Show 10 more" brought, as that button goes', async () => {
    await db.events.bulkAdd(Array.from({ length: 25 }, (_, i) => event(i)));
    renderHistory();
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(10));
    const more = screen.getByRole('button', { name: 'Show 10 more' });
    more.focus();
    fireEvent.click(more);
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(20));
    // More is left: the focus stays on the button.
    expect(document.activeElement).toBe(more);

    fireEvent.click(more);
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(25));
    expect(screen.queryByRole('button', { name: 'Show 10 more' })).toBeNull();
    const first = screen.getAllByRole('listitem')[20]!;
    expect(first.querySelector('.pt-event-detail')?.textContent).toBe('step 4');
    await waitFor(() => expect(document.activeElement).toBe(first));
    expect(first.tabIndex).toBe(-1);
  });

  it('hides the button when ten or fewer events exist', async () => {
    await db.events.bulkAdd(Array.from({ length: 10 }, (_, i) => event(i)));
    renderHistory();
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(10));
    expect(screen.queryByRole('button', { name: 'Show 10 more' })).toBeNull();
  });

  it('pages through events written at the same instant without losing or repeating one', async () => {
    const at = '2026-04-01T09:00:00.000Z';
    await db.events.bulkAdd(Array.from({ length: 14 }, (_, i) => event(0, { at, detail: `tie ${i}` })));
    renderHistory();
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(10));
    fireEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(14));
    expect(new Set(details()).size).toBe(14);
  });

  it('shows a new event at the top as soon as it is written', async () => {
    await db.events.bulkAdd(Array.from({ length: 12 }, (_, i) => event(i)));
    renderHistory();
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(10));
    fireEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(12));

    await db.events.add(event(40, { type: 'invited', detail: undefined }));
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(13));
    expect(within(screen.getAllByRole('listitem')[0]!).getByText('Invited')).toBeTruthy();
    expect(details().at(-1)).toBe('step 0');
  });

  it('says what happened, where and why, in words and as text', async () => {
    await db.events.bulkAdd([
      event(1, { type: 'failed', detail: 'COMPANY_DOMAIN' }),
      event(2, { type: 'skipped', detail: 'EMAIL_MISSING: EMAIL_MISSING, CONSENT_MISSING' }),
      event(3, { type: 'failed', detail: 'VENDOR_ERROR: <script>alert(1)</script>' }),
      event(4, { type: 'verification_sent', targetKey: undefined, detail: undefined }),
    ]);
    const { container } = renderHistory();
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(4));
    const [verification, vendor, skipped, failed] = screen.getAllByRole('listitem');
    expect(within(verification!).getByText('Verification email sent')).toBeTruthy();
    expect(verification!.querySelector('.pt-event-target')).toBeNull();
    expect(vendor!.querySelector('.pt-event-detail')?.textContent).toBe('Refused by the vendor: <script>alert(1)</script>');
    expect(container.querySelector('script')).toBeNull();
    expect(skipped!.querySelector('.pt-event-detail')?.textContent).toBe('No email address · No GDPR consent');
    expect(within(failed!).getByText('Failed')).toBeTruthy();
    expect(within(failed!).getByText('Acme <b>Help</b> Center')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(failed!.querySelector('.pt-event-detail')?.textContent).toBe("Your own company's address");
    expect(failed!.querySelector('time')?.getAttribute('datetime')).toBe('2026-04-01T09:01:00.000Z');
  });

  it('speaks French', async () => {
    await db.events.add(event(1, { type: 'already_member', detail: 'INVITATION_PENDING' }));
    renderHistory('fr');
    expect(await screen.findByText('Déjà membre')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Historique' })).toBeTruthy();
    expect(screen.getByText('Invitation déjà envoyée')).toBeTruthy();
  });

  it('says when there is nothing yet', async () => {
    renderHistory();
    expect(await screen.findByText(/Nothing yet/)).toBeTruthy();
  });
});

describe('formatWhen', () => {
  const now = new Date('2026-05-01T10:00:00.000Z');
  it.each([
    ['2026-05-01T09:59:58.000Z', 'en', 'now'],
    ['2026-05-01T09:57:00.000Z', 'en', '3 minutes ago'],
    ['2026-05-01T07:00:00.000Z', 'en', '3 hours ago'],
    ['2026-04-30T10:00:00.000Z', 'en', 'yesterday'],
    ['2026-04-28T10:00:00.000Z', 'fr', 'il y a 3 jours'],
    // Written after the panel's clock last ticked: it has happened, it is not "in 30 seconds".
    ['2026-05-01T10:00:30.000Z', 'en', 'now'],
    ['2026-05-01T10:05:00.000Z', 'fr', 'maintenant'],
  ] as const)('%s in %s is "%s"', (iso, locale, text) => {
    expect(formatWhen(iso, now, locale)).toBe(text);
  });

  it('gives a date beyond a week', () => {
    expect(formatWhen('2026-03-01T10:00:00.000Z', now, 'en')).toMatch(/Mar 1, 2026/);
  });
});
