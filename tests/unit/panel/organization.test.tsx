// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrganizationView } from '../../../components/organization/OrganizationView';
import { AskError } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Request } from '../../../core/messages';
import type { Account, PageRecord, Target } from '../../../core/model';
import { renderWith, type Answers } from './feature-platform';

const NOW = '2026-05-01T10:00:00.000Z';
const CRM: Account = { id: 'com:1', vendor: 'zoho_crm', label: 'Acme CRM', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: NOW };
const ZENDESK: Account = { id: 'acme', vendor: 'zendesk', label: 'Acme', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: NOW };
const PORTAL: Target = { key: 'ut-1', id: 'ut-1', kind: 'zoho_crm.portal', vendor: 'zoho_crm', accountId: 'com:1', name: 'Customers', portalName: 'Acme', fetchedAt: NOW };

const page = (account: Account, module?: string): PageRecord => ({
  tabId: 1, connected: true, accountId: account.id, at: NOW,
  context: { vendor: account.vendor, account: 'x', pageKind: 'organization', recordIds: ['900'], url: 'https://example.invalid/org/900', ...(module ? { module } : {}) },
});

let db: PortierDb;
let asks: Request[];
beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

const show = (account: Account, answers: Answers, module?: string, locale: 'en' | 'fr' = 'en') =>
  renderWith(<OrganizationView account={account} page={page(account, module)} />, { db, answers, asks, locale });

describe('an organization page', () => {
  it('hands its members to the bulk flow, in the module of their records', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => String(5000 + i));
    show(CRM, {
      organizationMembers: () => ({ name: 'Northwind Traders', contactIds: ids, capped: false, limit: 500, module: 'Contacts' }),
      listTargets: () => ({ targets: [PORTAL] }),
      evaluate: (r) => ({ target: PORTAL, items: (r.contactIds ?? []).map((contactId) => ({ contactId, verdict: { eligible: true, action: 'invite', reasons: [] } })), missing: [] }),
    }, 'Accounts');
    fireEvent.click(await screen.findByRole('button', { name: 'Invite the 40 members of Northwind Traders' }));
    const source = await screen.findByRole('radio', { name: 'The 40 members of Northwind Traders' });
    expect((source as HTMLInputElement).checked).toBe(true);
    const check = await screen.findByRole('button', { name: 'Check 40 contacts' });
    await waitFor(() => expect(check.getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(check);
    await waitFor(() => expect(asks.filter((a) => a.type === 'evaluate')).toHaveLength(1));
    expect(asks.find((a) => a.type === 'evaluate')).toEqual({ type: 'evaluate', accountId: 'com:1', targetKey: 'ut-1', contactIds: ids, module: 'Contacts' });
    expect(asks[0]).toEqual({ type: 'organizationMembers', accountId: 'com:1', organizationId: '900' });
  });

  it('keeps the keyboard focus from the invite button through check, cancel and confirm', async () => {
    const ids = ['5000', '5001', '5002'];
    show(CRM, {
      organizationMembers: () => ({ name: 'Northwind Traders', contactIds: ids, capped: false, limit: 500, module: 'Contacts' }),
      listTargets: () => ({ targets: [PORTAL] }),
      evaluate: (r) => ({ target: PORTAL, items: (r.contactIds ?? []).map((contactId) => ({ contactId, verdict: { eligible: true, action: 'invite', reasons: [] } })), missing: [] }),
      startJob: () => ({ jobs: [{ jobId: 'job-1', action: 'invite' }] }),
    }, 'Accounts');
    // A keyboard user presses the focused button: it goes away, and focus must not fall to <body>.
    const press = (button: HTMLElement) => {
      button.focus();
      fireEvent.click(button);
    };
    press(await screen.findByRole('button', { name: 'Invite the 3 members of Northwind Traders' }));
    const heading = await screen.findByRole('heading', { name: 'Invite several contacts' });
    await waitFor(() => expect(document.activeElement).toBe(heading));

    const check = () => screen.getByRole('button', { name: 'Check 3 contacts' }) as HTMLButtonElement;
    await waitFor(() => expect(check().getAttribute('aria-disabled')).toBe('false'));
    press(check());
    await screen.findByText('3 selected: 3 will be sent, 0 will not');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('3 selected: 3 will be sent, 0 will not'));

    press(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(check()));

    press(check());
    press(await screen.findByRole('button', { name: 'Invite 3' }));
    const status = await screen.findByText('Invitations started: follow them below.');
    await waitFor(() => expect(document.activeElement).toBe(status));
  });

  it('says an organization without members has nobody to invite, and what to do', async () => {
    show(ZENDESK, { organizationMembers: () => ({ name: 'Tailspin Toys', contactIds: [], capped: false, limit: 500 }) });
    expect((await screen.findByRole('status')).textContent).toBe(
      'Tailspin Toys has no end users to invite. Add people to this organization in Zendesk Support, or invite them by address below.',
    );
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says the members were capped, and in French', async () => {
    show(ZENDESK, { organizationMembers: () => ({ name: 'Big Co', contactIds: Array.from({ length: 500 }, (_, i) => String(i + 1)), capped: true, limit: 500 }) }, undefined, 'fr');
    expect(await screen.findByRole('button', { name: 'Vérifier les 500 membres de Big Co' })).toBeTruthy();
    expect(screen.getByText(/Portier lit au plus 500 membres à la fois/)).toBeTruthy();
  });

  it('shows the background’s refusal, and asks again', async () => {
    let calls = 0;
    show(ZENDESK, {
      organizationMembers: () => {
        calls += 1;
        if (calls === 1) throw new AskError('NOT_FOUND', 'Acme has no organization 900 (it was deleted or merged, or you cannot see it): refresh the page.');
        return { name: 'Northwind', contactIds: ['1'], capped: false, limit: 500 };
      },
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/has no organization 900/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    // Zendesk users are members already: the button checks them.
    expect(await screen.findByRole('button', { name: 'Check the 1 member of Northwind' })).toBeTruthy();
  });
});
