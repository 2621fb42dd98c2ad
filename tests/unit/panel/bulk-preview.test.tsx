// @vitest-environment happy-dom
import './dom-setup';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Preview } from '../../../components/bulk/Preview';
import { LocaleContext } from '../../../components/shared/locale';
import type { Locale } from '../../../core/i18n';
import type { ResultFor } from '../../../core/messages';
import type { Reason, Verdict } from '../../../core/model';

const NOW = '2026-05-01T10:00:00.000Z';
const v = (action: Verdict['action'], eligible: boolean, ...reasons: Reason[]): Verdict => ({ eligible, action, reasons });
const invite = v('invite', true);
const reserved = v('invite', true, { code: 'EMAIL_DOMAIN_RESERVED', severity: 'warn' });
const reinvite = v('reinvite', true, { code: 'INVITATION_EXPIRED', severity: 'info' });
// The core calls a deactivated portal user "not eligible" with action activate: the job activates it.
const activate = v('activate', false, { code: 'PORTAL_USER_DEACTIVATED', severity: 'info' });
const noConsent = v('none', false, { code: 'CONSENT_MISSING', severity: 'block' });
const duplicate = v('none', false, { code: 'DUPLICATE_IN_SELECTION', severity: 'info' });

function result(verdicts: Verdict[], missing: string[] = []): ResultFor<'evaluate'> {
  return {
    target: { key: 't', kind: 'zoho_crm.portal', id: 't', vendor: 'zoho_crm', accountId: 'acme', name: 'Customers', fetchedAt: NOW },
    items: verdicts.map((verdict, i) => ({ contactId: String(i), name: `Person ${i}`, email: `p${i}@example.com`, verdict })),
    missing,
  };
}

function show(r: ResultFor<'evaluate'>, selected: number, locale: Locale = 'en') {
  const onConfirm = vi.fn();
  render(
    <LocaleContext.Provider value={{ locale, setLocale: () => undefined }}>
      <Preview result={r} selected={selected} busy={false} onConfirm={onConfirm} onCancel={() => undefined} />
    </LocaleContext.Provider>,
  );
  return onConfirm;
}

afterEach(cleanup);

describe('Preview', () => {
  it('puts a warned contact in its own group, still sent, and says what the button sends per action', () => {
    const verdicts = [...Array(38).fill(invite), reserved, ...Array(4).fill(reinvite), activate, noConsent, duplicate];
    // 46 checked, 1 not found, and one more selected than that: the same record by id and by address.
    const onConfirm = show(result(verdicts, ['gone']), 48);
    expect(screen.getByText('48 selected: 44 will be sent, 4 will not')).toBeTruthy();
    const sent = screen.getByRole('region', { name: 'Will be sent: 43' });
    expect(within(sent).getByText('38 invite, 4 re-invite, 1 activate')).toBeTruthy();
    const warned = screen.getByRole('region', { name: 'Will be sent with a warning: 1' });
    expect(warned.textContent).toContain('This address cannot receive mail: 1');
    expect(warned.textContent).toContain('What to do: Its domain is reserved');
    const notSent = screen.getByRole('region', { name: 'Will not be sent: 4' });
    expect(within(notSent).getByText('Blocked: 1')).toBeTruthy();
    expect(within(notSent).getByText('Skipped: 3')).toBeTruthy();
    expect(within(notSent).getByText('Already in this selection: 1')).toBeTruthy();
    expect(within(notSent).getByText('Not found at the vendor: 1')).toBeTruthy();
    expect(within(notSent).getByText('Selected twice (by record and by address): 1')).toBeTruthy();

    const button = screen.getByRole('button', { name: 'Send 44: 39 invite, 4 re-invite, 1 activate' });
    fireEvent.click(button);
    expect(onConfirm).toHaveBeenCalledOnce();

    // The row of the warned contact says it is sent, and why to look twice.
    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'warn' } });
    const list = screen.getByRole('listbox', { name: 'Contacts checked' });
    expect(within(list).getByText('Will be invited · This address cannot receive mail')).toBeTruthy();
  });

  it('in French, and with nothing to send the button is disabled', () => {
    show(result([noConsent, duplicate]), 2, 'fr');
    expect(screen.getByText('2 sélectionnés : 0 sera envoyé, 2 non')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Ne seront pas envoyés : 2' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Inviter 0' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('counts in the filter what the summary and the groups count: the ones the vendor does not have are rows of "Will not be sent"', () => {
    // 10 selected: 8 found (5 sent, 3 not), 2 the vendor does not have.
    show(result([...Array(5).fill(invite), noConsent, noConsent, duplicate], ['gone-1', 'nobody@example.com']), 10);
    expect(screen.getByText('10 selected: 5 will be sent, 5 will not')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Will not be sent: 5' })).toBeTruthy();
    const filter = screen.getByRole('combobox', { name: 'Show' }) as HTMLSelectElement;
    const labels = [...filter.options].map((o) => o.textContent);
    expect(labels.slice(0, 4)).toEqual(['All (10)', 'Will be sent (5)', 'Sent with a warning (0)', 'Will not be sent (5)']);
    expect(labels).toContain('Not found at the vendor: 2');

    // Each count is the number of rows it shows (the list is virtual: its rows say how many there are).
    const list = screen.getByRole('listbox', { name: 'Contacts checked' });
    const rows = () => within(list).getAllByRole('option')[0]!.getAttribute('aria-setsize');
    expect(rows()).toBe('10');
    fireEvent.change(filter, { target: { value: 'not_sent' } });
    expect(rows()).toBe('5');
    fireEvent.change(filter, { target: { value: 'not_found' } });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'gone-1Not found at the vendor',
      'nobody@example.comNot found at the vendor',
    ]);
  });

  it('in French, the filter gives the same numbers as the summary', () => {
    show(result([invite, noConsent], ['gone']), 3, 'fr');
    expect(screen.getByText('3 sélectionnés : 1 sera envoyé, 2 non')).toBeTruthy();
    const filter = screen.getByRole('combobox', { name: 'Afficher' }) as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toEqual([
      'Tous (3)',
      'Seront envoyés (1)',
      'Envoyés avec un avertissement (0)',
      'Ne seront pas envoyés (2)',
      expect.stringMatching(/ : 1$/),
      "Introuvable chez l'éditeur : 1",
    ]);
  });
});
