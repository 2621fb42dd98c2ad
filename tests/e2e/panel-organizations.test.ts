import { describe, expect, it } from 'vitest';
import { readCounters, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { checkSelection, confirmButton, openPanelFor, openVendorPage, progressBar, waitForJobCard } from './panel-driver';
import { screenshot } from './screenshots';
import { ORGANIZATION_SIZE, seedOrganizations, ticketPages } from './ticket-driver';

/**
 * Organizations as a bulk source in real Chromium: a Zendesk organization and a Zoho Desk account of
 * 40 members each (sandbox pages, generated members), "Invite the 40 members of …" ("Check …" on Zendesk), then the bulk
 * view's check → preview → confirm to the end, with the sandbox counting what was sent.
 */
let h: Harness;
connectedHarness('Panel screenshots (organizations)', (started) => (h = started), { prepare: (started) => seedOrganizations(started.sandbox.url) });

async function openOrganization(url: string, shot: string) {
  const page = await h.browser.context.newPage();
  await openVendorPage(page, url);
  await screenshot(page, shot);
  const panel = await openPanelFor(h, page);
  return { panel, close: async () => { await panel.close(); await page.close(); } };
}

describe('a Zendesk organization of 40 members', () => {
  it('checks all 40 and creates nobody twice: each of them already has a Zendesk account', async () => {
    const { panel, close } = await openOrganization(ticketPages(h.sandbox.port).zendeskOrganization, 'zendesk-organization-page');
    try {
      // Zendesk users are members already: the button offers to check them, not to invite them.
      await panel.getByRole('button', { name: `Check the ${ORGANIZATION_SIZE} members of Northwind Traders` }).click();
      await checkSelection(panel, ORGANIZATION_SIZE);
      await screenshot(panel, 'zendesk-organization-1-preview');
      // An organization's members are Zendesk users: invited already, with nothing to create again.
      expect(await confirmButton(panel).textContent()).toBe('Invite 0');
      expect(await confirmButton(panel).isDisabled()).toBe(true);
      const counters = await readCounters(h.sandbox);
      expect(counters.totals.invite).toBe(0);
      expect(counters.duplicateInvitations).toBe(0);
    } finally {
      await close();
    }
  }, 60_000);

  it('says that an organization without members has nobody to invite', async () => {
    const { panel, close } = await openOrganization(ticketPages(h.sandbox.port).zendeskEmptyOrganization, 'zendesk-empty-organization-page');
    try {
      const status = panel.getByRole('status').filter({ hasText: 'Tailspin Toys has no end users to invite' });
      await status.waitFor({ timeout: 20_000 });
      await screenshot(panel, 'zendesk-organization-2-empty');
    } finally {
      await close();
    }
  }, 40_000);
});

describe('a Zoho Desk account of 40 contacts', () => {
  it('invites its members to the end, each once', async () => {
    const { panel, close } = await openOrganization(ticketPages(h.sandbox.port).deskAccount, 'zoho-desk-account-page');
    try {
      await panel.getByRole('button', { name: `Invite the ${ORGANIZATION_SIZE} members of Northwind Traders` }).click();
      await checkSelection(panel, ORGANIZATION_SIZE);
      // Chloé is an active end user and Dora a disabled one: the 38 others can be invited.
      expect(await confirmButton(panel).textContent()).toBe('Invite 38');
      await screenshot(panel, 'zoho-desk-account-1-preview');
      await confirmButton(panel).click();
      await progressBar(panel).waitFor({ timeout: 15_000 });
      const counts = await waitForJobCard(panel, 'completed', 60_000);
      await screenshot(panel, 'zoho-desk-account-2-completed');
      expect(counts).toMatch(/38/);
      const counters = await readCounters(h.sandbox);
      expect(counters.totals.invite).toBe(38);
      expect(counters.duplicateInvitations).toBe(0);
      const perAddress = Object.values(counters.invitations).flatMap((byEmail) => Object.values(byEmail));
      expect(perAddress.every((sent) => (sent.invite ?? 0) <= 1)).toBe(true);
    } finally {
      await close();
    }
  }, 90_000);
});
