// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordPicker } from '../../../components/bulk/RecordPicker';
import { AskError } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { Request } from '../../../core/messages';
import type { Contact } from '../../../core/model';
import { renderWith, type Answers } from './feature-platform';

const NOW = '2026-05-01T10:00:00.000Z';
const BUSY = { en: 'Zendesk is busy: try again in a minute.', fr: 'Zendesk est occupé : réessayez dans une minute.' };
let db: PortierDb;
let asks: Request[];
/** How many listRecords requests fail before one answers. */
let failures: number;

function contact(id: string): Contact {
  return { key: `zendesk:acme:${id}`, id, vendor: 'zendesk', accountId: 'acme', name: `Person ${id}`, email: `p${id}@example.com`, fetchedAt: NOW };
}

/** listRecords: `failures` refusals first, then three pages of 100, 100 and the last 20. */
const answers: Answers = {
  listRecords: (request) => {
    if (failures > 0) {
      failures--;
      throw new AskError('BUSY', BUSY.en, BUSY);
    }
    const start = (request.page - 1) * request.perPage;
    const count = request.page < 3 ? 100 : 20;
    return { contacts: Array.from({ length: count }, (_, i) => contact(String(start + i))), hasMore: request.page < 3 };
  },
};

function Harness() {
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  return <RecordPicker accountId="acme" picked={picked} onChange={setPicked} />;
}

function renderPicker(locale: Locale = 'en') {
  return renderWith(<Harness />, { db, answers, asks, locale });
}

const listed = () => asks.filter((a) => a.type === 'listRecords').length;

beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  failures = 0;
});
afterEach(() => {
  cleanup();
  db.close();
});

describe('RecordPicker: where the focus goes', () => {
  it('keeps the focus on "Load more" while more is left, and puts it on the list once the last page takes the button away', async () => {
    renderPicker();
    await screen.findByText('0 of 100 loaded contacts selected');
    const more = screen.getByRole('button', { name: 'Load more' });
    more.focus();
    fireEvent.click(more);
    await screen.findByText('0 of 200 loaded contacts selected');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Load more' })));

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('0 of 220 loaded contacts selected');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listbox', { name: 'Contacts of the list' })));
    expect(listed()).toBe(3);
  });

  it('offers "Try again" when the first page failed, and puts the focus on the list it loads', async () => {
    failures = 1;
    renderPicker();
    expect((await screen.findByRole('alert')).textContent).toBe(BUSY.en);
    // A first load moves no focus.
    expect(document.activeElement).toBe(document.body);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const again = screen.getByRole('button', { name: 'Try again' });
    again.focus();
    fireEvent.click(again);
    const list = await screen.findByRole('listbox', { name: 'Contacts of the list' });
    expect(listed()).toBe(2);
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(list));
  });

  it('a first page that fails again: "Réessayer" again, with the focus on it', async () => {
    failures = 2;
    renderPicker('fr');
    fireEvent.click(await screen.findByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(listed()).toBe(2));
    const again = await screen.findByRole('button', { name: 'Réessayer' });
    expect(screen.getByRole('alert').textContent).toBe(BUSY.fr);
    await waitFor(() => expect(document.activeElement).toBe(again));

    fireEvent.click(again);
    expect(await screen.findByRole('listbox', { name: 'Contacts de la liste' })).toBeTruthy();
    expect(listed()).toBe(3);
  });
});
