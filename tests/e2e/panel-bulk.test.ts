import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCounters, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { checkSelection, confirmButton, inviteJob, openPanelFor, openVendorPage, panelPages, progressBar, tickRows, waitForJobCard } from './panel-driver';
import { countsNumbers, previewNumbers, reportNumbers } from './bulk-numbers';
import { screenshot } from './screenshots';

/**
 * Bulk from a list view, for each vendor, in real Chromium: 50 rows ticked with the page's own
 * checkboxes (the content script reports them), the panel opened on that tab, "Check 50
 * contacts", the preview's counts, "Invite N", and the job's progress to the end in the panel,
 * with the sandbox counting each invitation once. One harness; lists of 60 generated people.
 */
let h: Harness;
connectedHarness('Panel screenshots (bulk)', (started) => (h = started), { lists: true });

describe.each(panelPages(0).map((p) => [p.label, p.vendor] as const))('%s list view in the panel', (_label, vendor) => {
  const slug = vendor.replace('_', '-');

  it('checks 50 ticked rows, previews them, invites them and shows the job to the end', async () => {
    const pages = panelPages(h.sandbox.port).find((p) => p.vendor === vendor)!;
    const page = await h.browser.context.newPage();
    try {
      await openVendorPage(page, pages.list);
      expect(await tickRows(page, pages.tour.list, 50)).toBe(50);
      const panel = await openPanelFor(h, page);
      await panel.getByText('50 selected on the page').waitFor({ timeout: 15_000 });
      if (vendor === 'zoho_connect') {
        // The list shows Acme Customer Community's members: they are invited to another external
        // network. (The internal network would refuse these customers, which Portier can only
        // foresee once the company's domains are set.)
        await panel.getByLabel('Destination').selectOption({ label: 'Acme Partner Hub' });
      }
      await checkSelection(panel, 50);
      // Issue #12: the preview's groups and its button add up to the selection.
      const preview = await previewNumbers(panel);
      expect(preview.selected).toBe(50);
      expect(preview.sendPlain + preview.sendWarned).toBe(preview.toSend);
      expect(preview.blocked + preview.alreadyMembers + preview.skipped).toBe(preview.notSent);
      expect(preview.toSend + preview.notSent).toBe(50);
      expect(preview.button).toBe(preview.toSend);
      const eligible = preview.toSend;
      await screenshot(panel, `${slug}-5-bulk-preview`);
      const before = await readCounters(h.sandbox);
      if (vendor === 'zendesk') {
        // Every row of a Zendesk user list is a Zendesk user: already a member, nothing to send.
        expect(eligible).toBe(0);
        expect(preview.alreadyMembers).toBe(50);
        expect(await panel.locator('.bulk-group[data-group="not_sent"]').textContent()).toContain('Already a member');
        expect(await confirmButton(panel).isDisabled()).toBe(true);
        return;
      }
      // The list's first rows include seeded contacts with reasons; the generated people can all be invited.
      expect(eligible).toBeGreaterThan(30);
      expect(eligible).toBeLessThanOrEqual(50);
      await confirmButton(panel).click();
      await progressBar(panel).waitFor({ timeout: 15_000 });
      await screenshot(panel, `${slug}-6-progress`);
      const counts = await waitForJobCard(panel, 'completed', 60_000);
      // The job holds the ticked contacts; those the check stopped end skipped, failed or already members.
      const total = Number(await progressBar(panel).getAttribute('aria-valuemax'));
      const [done, of, invited] = (counts.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
      expect([done, of]).toEqual([total, total]);
      if (vendor === 'zoho_connect') {
        // Acme Partner Hub's one member license (5 external users) is used up, which Connect's API
        // does not tell beforehand: the customers fail, each with the reason in words.
        expect(invited).toBeLessThanOrEqual(eligible);
        expect(Number(counts.match(/([\d,]+) failed/)?.[1])).toBeGreaterThan(40);
        // The failed list is virtualised: its first rows are enough to read the reason.
        expect(await panel.getByText(/^No seat left/).count()).toBeGreaterThan(3);
        // A seat may be freed: those are worth a retry, and the button says how many.
        expect(await inviteJob(panel).getByRole('button', { name: /^Retry [\d,]+ failed invitations?$/ }).count()).toBe(1);
      } else {
        expect(invited).toBeGreaterThan(30);
        expect(invited).toBeLessThanOrEqual(eligible);
      }
      if (vendor === 'zoho_crm') {
        // Refusals of the records themselves (the company's own address, no consent): no retry
        // offered, and what to do said instead; the CSV report gives each code with its words.
        const card = inviteJob(panel);
        expect(await card.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
        expect(await card.locator('.job-note').textContent()).toMatch(/would fail the same way if retried now/);
        const [download] = await Promise.all([panel.waitForEvent('download'), card.getByRole('button', { name: 'Export CSV' }).click()]);
        const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
        expect(csv[0]).toBe('email,status,reason code,vendor code,reason,what to do,vendor message');
        expect(csv.find((line) => line.includes(',COMPANY_DOMAIN,'))).toMatch(/,failed,COMPANY_DOMAIN,SUPER_ADMIN_DOMAIN,Your own company's address,"Portals are for customers, partners and vendors, not employees\./);
      }
      expect(await progressBar(panel).getAttribute('aria-valuenow')).toBe(String(total));
      expect(await inviteJob(panel).getAttribute('data-status')).toBe('completed');
      // The final report adds up to the selection, with the preview's blocked and skipped.
      const report = await reportNumbers(panel);
      expect(report.sent + report.blocked + report.alreadyMembers + report.skipped).toBe(50);
      expect(report.selected).toBe(50);
      expect(report.blocked).toBe(preview.blocked);
      expect(report.sent + report.alreadyMembers).toBe(preview.toSend + preview.alreadyMembers);
      // Who the preview called already a member is who the vendor called one (CRM: a portal user of
      // another user type of the same portal too), and nobody it would send to.
      expect(report.alreadyMembers).toBe(preview.alreadyMembers);
      // The card's two lines give the same numbers: what was sent is what was invited or failed.
      const cardCounts = await countsNumbers(panel);
      expect(report.invited! + report.failed!).toBe(report.sent);
      expect(cardCounts).toEqual({ done: 50, total: 50, invited: report.invited, alreadyMembers: report.alreadyMembers, failed: report.failed, blocked: report.blocked, skipped: report.skipped });
      await screenshot(panel, `${slug}-7-completed`);
      const after = await readCounters(h.sandbox);
      // One job carries the invitations, the re-invitations of expired ones and the activations of
      // deactivated portal users alike; the sandbox counts invitations only.
      const sent = (t: typeof after.totals) => t.invite + t.reinvite;
      const mix = (await inviteJob(panel).locator('.job-actions').count()) > 0 ? await inviteJob(panel).locator('.job-actions').textContent() : '';
      const activations = Number(/([\d,]+) activations?/.exec(mix ?? '')?.[1] ?? 0);
      expect(sent(after.totals) - sent(before.totals)).toBe((invited ?? 0) - activations);
      expect(after.duplicateInvitations).toBe(0);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 90_000);
});

/**
 * A CSV of addresses nobody has yet: Zoho Connect invites an address (the Connect way), Zendesk
 * creates the end user. Connect: the external networks' seats are all taken by the seeded
 * customers, so new employees (the company's domain) join the internal network.
 */
const CSV_CASES = [
  { vendor: 'zoho_connect', destination: 'Acme Intranet', address: (i: number) => `recrue.${i}@acme.co` },
  { vendor: 'zendesk', destination: undefined, address: (i: number) => `client.${i}@northwind-traders.com` },
] as const;

describe.each(CSV_CASES.map((c) => [c.vendor, c] as const))('%s: a CSV of new addresses', (vendor, csvCase) => {
  it('imports 50 addresses, previews them and invites them all, each once', async () => {
    const pages = panelPages(h.sandbox.port).find((p) => p.vendor === vendor)!;
    const slug = vendor.replace('_', '-');
    const page = await h.browser.context.newPage();
    try {
      await openVendorPage(page, pages.list);
      const panel = await openPanelFor(h, page);
      if (csvCase.destination) await panel.getByLabel('Destination').selectOption({ label: csvCase.destination });
      await panel.getByRole('radio', { name: /Import a CSV/ }).check();
      // A French Excel export: semicolons, a header, a blank line, one duplicate and one bad line.
      const lines = Array.from({ length: 50 }, (_, i) => `Personne ${i};${csvCase.address(i)}`);
      const csv = ['Nom;Courriel', ...lines, '', `Doublon;${csvCase.address(0).toUpperCase()}`, 'Cassé;pas-une-adresse'].join('\r\n');
      await panel.locator('input[type="file"]').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await checkSelection(panel, 50);
      const preview = await previewNumbers(panel);
      expect([preview.selected, preview.toSend, preview.button]).toEqual([50, 50, 50]);
      await screenshot(panel, `${slug}-8-csv-preview`);
      const before = await readCounters(h.sandbox);
      const jobsBefore = await panel.getByRole('article', { name: /^(Invite to|Invitations to) / }).count();
      await confirmButton(panel).click();
      // The list view's job of the test before is still listed: wait for a second invite card first.
      await expect.poll(() => panel.getByRole('article', { name: /^(Invite to|Invitations to) / }).count(), { timeout: 15_000 }).toBeGreaterThan(jobsBefore);
      const counts = await waitForJobCard(panel, 'completed', 60_000);
      const [done, of, invited] = (counts.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
      expect([done, of, invited]).toEqual([50, 50, 50]);
      expect(await reportNumbers(panel)).toEqual({ selected: 50, sent: 50, invited: 50, failed: 0, blocked: 0, alreadyMembers: 0, skipped: 0 });
      await screenshot(panel, `${slug}-9-csv-completed`);
      const after = await readCounters(h.sandbox);
      expect(after.totals.invite - before.totals.invite).toBe(50);
      expect(after.duplicateInvitations).toBe(0);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 90_000);
});
