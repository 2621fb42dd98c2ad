import { describe, expect, it } from 'vitest';
import { ZENDESK } from '../sandbox/seed';
import { readCounters, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { confirmButton, openPanelFor, openVendorPage, waitForJobCard } from './panel-driver';
import { screenshot } from './screenshots';
import { openAddressForm, ticketPages } from './ticket-driver';

/**
 * Invite by address in real Chromium, on a Zendesk page: a name and an address, one click, and the
 * end user Zendesk creates carries that name; a malformed address is refused before any request;
 * several pasted lines go through the check and the preview. The sandbox counts what was sent.
 */
let h: Harness;
connectedHarness('Panel screenshots (invite by address)', (started) => (h = started));

async function openOnZendesk() {
  const page = await h.browser.context.newPage();
  // Any page of the account: here a ticket, whose people all have Zendesk accounts already.
  await openVendorPage(page, ticketPages(h.sandbox.port).zendeskTicket);
  const panel = await openPanelFor(h, page);
  const form = await openAddressForm(panel);
  return { panel, form, close: async () => { await panel.close(); await page.close(); } };
}

describe('invite by address on Zendesk', () => {
  it('creates the end user with the name typed, in one click after the check', async () => {
    const { panel, form, close } = await openOnZendesk();
    try {
      await form.getByLabel('Name (optional)').fill('Nina Novak');
      await form.getByLabel('Email address').fill('nina.novak@woodgrove.com');
      await screenshot(panel, 'invite-1-form');
      await form.getByRole('button', { name: 'Invite', exact: true }).click();
      await form.getByRole('status').filter({ hasText: 'Nina Novak <nina.novak@woodgrove.com>: Invited' }).waitFor({ timeout: 30_000 });
      await screenshot(panel, 'invite-2-invited');
      const counters = await readCounters(h.sandbox);
      expect(counters.invitations['zendesk.end_user:acme']?.['nina.novak@woodgrove.com']).toEqual({ invite: 1 });
      const created = h.sandbox.state.data.zendesk[ZENDESK.acme.subdomain]?.users.find((u) => u.email === 'nina.novak@woodgrove.com');
      expect(created?.name).toBe('Nina Novak');
    } finally {
      await close();
    }
  }, 60_000);

  it('refuses a malformed address with what an address needs, and sends nothing', async () => {
    const { panel, form, close } = await openOnZendesk();
    try {
      const before = await readCounters(h.sandbox);
      await form.getByLabel('Email address').fill('nina@@woodgrove.com');
      await form.getByRole('button', { name: 'Invite', exact: true }).click();
      expect(await form.getByRole('alert').textContent()).toBe('“nina@@woodgrove.com” is not an email address: it needs a name, an @ and a domain, as in jane@example.com.');
      await screenshot(panel, 'invite-3-malformed');
      // Neither a look-up nor a create reached Zendesk for it.
      const after = await readCounters(h.sandbox);
      for (const key of ['zendesk GET /api/v2/users/search', 'zendesk POST /api/v2/users', 'zendesk POST /api/v2/users/create_many']) {
        expect(after.requests[key] ?? 0, key).toBe(before.requests[key] ?? 0);
      }
    } finally {
      await close();
    }
  }, 40_000);

  it('invites several pasted lines with their names through the check and the preview', async () => {
    const { panel, form, close } = await openOnZendesk();
    try {
      await form.getByRole('button', { name: 'Paste several addresses' }).click();
      await form.getByLabel('One person a line').fill('Omar Said <omar.said@woodgrove.com>\nPia Berg, pia.berg@woodgrove.com\nnot an address\nchloe.durand@northwind.com');
      await form.getByText('Line 3: “not an address”').waitFor();
      await form.getByRole('button', { name: 'Check 3 addresses' }).click();
      await confirmButton(panel).waitFor({ timeout: 30_000 });
      // Chloé has a Zendesk account already: two are sent.
      expect(await confirmButton(panel).textContent()).toBe('Invite 2');
      await screenshot(panel, 'invite-4-several-preview');
      await confirmButton(panel).click();
      await waitForJobCard(panel, 'completed', 60_000);
      await screenshot(panel, 'invite-5-several-completed');
      const acme = h.sandbox.state.data.zendesk[ZENDESK.acme.subdomain]?.users ?? [];
      expect(acme.find((u) => u.email === 'omar.said@woodgrove.com')?.name).toBe('Omar Said');
      expect(acme.find((u) => u.email === 'pia.berg@woodgrove.com')?.name).toBe('Pia Berg');
      const counters = await readCounters(h.sandbox);
      expect(counters.invitations['zendesk.end_user:acme']?.['chloe.durand@northwind.com']).toBeUndefined();
      expect(counters.duplicateInvitations).toBe(0);
    } finally {
      await close();
    }
  }, 90_000);
});
