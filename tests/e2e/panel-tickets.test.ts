import { describe, expect, it } from 'vitest';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import { readCounters, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { actionButton, openPanelFor, openVendorPage, resultOf } from './panel-driver';
import { screenshot } from './screenshots';
import { ticketPages, ticketPerson, waitForTicket } from './ticket-driver';

/**
 * Ticket pages in real Chromium: the sandbox's Zendesk and Zoho Desk tickets, the panel opened on
 * their tab, the people the ticket names with their verdicts and one-click actions, and what the
 * sandbox counted. One harness for the file.
 */
let h: Harness;
connectedHarness('Panel screenshots (tickets)', (started) => (h = started));

async function openTicket(url: string) {
  const page = await h.browser.context.newPage();
  await openVendorPage(page, url);
  const panel = await openPanelFor(h, page);
  await waitForTicket(panel);
  return { panel, close: async () => { await panel.close(); await page.close(); } };
}

describe('a Zendesk ticket', () => {
  it('shows its requester first and its CCs; the requester gets their invitation in one click; a blocked CC says why', async () => {
    const { panel, close } = await openTicket(ticketPages(h.sandbox.port).zendeskTicket);
    try {
      expect(await panel.locator('#pt-ticket-title').textContent()).toBe('Cannot sign in to the help center (#4821)');
      expect(await panel.locator('article.pt-person').evaluateAll((people) => people.map((p) => p.getAttribute('data-role')))).toEqual(['requester', 'cc', 'cc']);
      // Ben, an agent, is CC'd and follows: never a candidate.
      expect(await panel.getByText(/1 agent is on this ticket too/).isVisible()).toBe(true);
      await screenshot(panel, 'zendesk-ticket-1-people');

      // Marc has a Zendesk account he never verified: Zendesk's invitation for him is the verification email.
      const marc = ticketPerson(panel, 'Marc Lefèvre');
      expect(await marc.getByText('Requester', { exact: true }).isVisible()).toBe(true);
      expect(await marc.getByText('Fabrikam', { exact: true }).isVisible()).toBe(true);
      const before = await readCounters(h.sandbox);
      await marc.getByRole('button', { name: 'Send verification email' }).click();
      await marc.locator('.pt-verify-result', { hasText: 'Verification email sent' }).waitFor({ timeout: 20_000 });
      // His timeline in Portier says so too.
      await marc.locator('.pt-history .pt-event-what', { hasText: 'Verification email sent' }).waitFor({ timeout: 10_000 });
      const after = await readCounters(h.sandbox);
      expect(after.totals.verification - before.totals.verification).toBe(1);
      expect(after.invitations['zendesk.end_user:acme']?.['marc.lefevre@fabrikam.com']?.verification).toBe(1);
      expect(after.totals.invite).toBe(before.totals.invite);

      // Noor writes in on WhatsApp: a Zendesk user with no email address. Nothing is to be sent, and
      // the row says she has no address (a note: no invitation is blocked, there is none to send).
      const noor = ticketPerson(panel, 'Noor Haddad');
      const missing = REASON_TEXTS.EMAIL_MISSING.en;
      expect(await noor.locator('.pt-verdict').first().textContent()).toBe('Already a member');
      expect(await noor.locator('.pt-reason--info', { hasText: missing.title }).count()).toBe(1);
      expect(await actionButton(noor.getByRole('listitem').first(), 'Invite').getAttribute('aria-disabled')).toBe('true');
      await screenshot(panel, 'zendesk-ticket-2-after-verification');
    } finally {
      await close();
    }
  }, 60_000);

  it('says when the ticket’s requester was deleted, and still shows its CC', async () => {
    const { panel, close } = await openTicket(ticketPages(h.sandbox.port).zendeskTicketRequesterDeleted);
    try {
      expect(await panel.getByRole('alert').textContent()).toContain('The requester of this ticket was deleted');
      expect(await ticketPerson(panel, 'Eve Enduser').getByText('CC', { exact: true }).isVisible()).toBe(true);
      await screenshot(panel, 'zendesk-ticket-3-requester-deleted');
    } finally {
      await close();
    }
  }, 40_000);
});

describe('a Zoho Desk ticket', () => {
  it('shows its contact and secondary contacts, and invites the contact in one click', async () => {
    const { panel, close } = await openTicket(ticketPages(h.sandbox.port).deskTicket);
    try {
      expect(await panel.locator('#pt-ticket-title').textContent()).toBe('Where do I download my invoices? (#101)');
      const nora = ticketPerson(panel, 'Nora Green');
      expect(await nora.getByText('Contact', { exact: true }).isVisible()).toBe(true);
      const chloe = ticketPerson(panel, 'Chloé Durand');
      expect(await chloe.getByText('Secondary contact').isVisible()).toBe(true);
      const member = chloe.getByRole('listitem').filter({ has: panel.getByRole('heading', { name: 'Acme Help Center' }) });
      expect(await member.locator('.pt-verdict').textContent()).toBe('Already a member');
      await screenshot(panel, 'zoho-desk-ticket-1-people');

      const row = nora.getByRole('listitem').filter({ has: panel.getByRole('heading', { name: 'Acme Help Center' }) });
      const before = await readCounters(h.sandbox);
      await actionButton(row, 'Invite').click();
      await resultOf(row).filter({ hasText: 'Invited' }).waitFor({ timeout: 30_000 });
      const after = await readCounters(h.sandbox);
      expect(after.totals.invite - before.totals.invite).toBe(1);
      expect(Object.values(after.invitations).some((byEmail) => byEmail['nora.green@contoso.com']?.invite === 1)).toBe(true);
      expect(after.duplicateInvitations).toBe(0);
      await screenshot(panel, 'zoho-desk-ticket-2-invited');
    } finally {
      await close();
    }
  }, 60_000);
});
