// @vitest-environment happy-dom
import './dom-setup';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Lessons } from '../../../components/jobs/Lessons';
import { LocaleContext } from '../../../components/shared/locale';
import type { Locale } from '../../../core/i18n';
import type { Account } from '../../../core/model';

afterEach(cleanup);

const now = new Date();
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
const crm: Account = {
  id: 'com:1', vendor: 'zoho_crm', label: 'Zoho CRM · Acme (US)', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: at(600),
  learned: { consentRequired: at(5), seatsFull: { 'zoho_crm:com:1:ut-1': { at: at(10), name: 'Customers' }, 'zoho_crm:com:1:ut-2': { at: at(120), name: 'Partners' } } },
};

function show(account: Account, locale: Locale = 'en', since?: number) {
  render(
    <LocaleContext.Provider value={{ locale, setLocale: () => undefined }}>
      <Lessons account={account} {...(since === undefined ? {} : { since })} />
    </LocaleContext.Provider>,
  );
}

describe('what Portier learned from the vendor', () => {
  it('says each setting a refusal revealed and what it changes; a seat count past its hour is no longer said', () => {
    show(crm);
    const notes = screen.getByRole('status', { name: 'Learned from Zoho CRM' });
    expect(notes.textContent).toContain('GDPR consent is on in this Zoho CRM organization');
    expect(notes.textContent).toContain('No seat is left in “Customers”');
    expect(notes.textContent).not.toContain('Partners');
  });

  it('in French, and only what was learned since a time', () => {
    show(crm, 'fr', now.getTime() - 7 * 60_000);
    const notes = screen.getByRole('status', { name: 'Appris de Zoho CRM' });
    expect(notes.textContent).toContain('Le consentement RGPD est activé');
    expect(notes.textContent).not.toContain('Customers');
  });

  it('says nothing when nothing was learned', () => {
    show({ ...crm, learned: undefined });
    expect(screen.queryByRole('status')).toBeNull();
  });
});
