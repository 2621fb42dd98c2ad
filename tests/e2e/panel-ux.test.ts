import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CRM } from '../sandbox/seed/ids';
import { readCounters, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { actionButton, destination, openPanelFor, openVendorPage, resultOf, waitForVerdicts } from './panel-driver';
import { screenshot } from './screenshots';

/**
 * Issue #12 in real Chromium against the sandbox's Zoho CRM: destructive portal-user actions wait
 * for a confirmation (and a change of user type for an explicit target), Alt+Shift+I acts on the
 * focused or default destination or says why it did nothing, and a refusal that reveals a setting
 * (CRM consent) is learned: the panel says so and the next verdict blocks, in words.
 */
let h: Harness;
connectedHarness('Screenshots (panel UX)', (started) => (h = started));

const crmPage = (id: string) => `http://crm.zoho.localhost:${h.sandbox.port}/crm/org${CRM.orgId}/tab/Contacts/${id}`;

async function open(url: string): Promise<{ page: Page; panel: Page; close(): Promise<void> }> {
  const page = await h.browser.context.newPage();
  await openVendorPage(page, url);
  const panel = await openPanelFor(h, page);
  return { page, panel, close: async () => { await panel.close(); await page.close(); } };
}

describe('portal users', () => {
  it('deactivate, delete and change of user type each wait for a confirmation; the type is chosen, never picked for the agent', async () => {
    const { panel, close } = await open(crmPage(CRM.records.eligible));
    try {
      await panel.getByRole('tab', { name: 'Portal users' }).click();
      const list = panel.getByRole('listbox', { name: 'Portal users' });
      await list.getByText('Mia Active').click();

      // Deactivate: a question first; "Change nothing" leaves everything as it was.
      await panel.getByRole('button', { name: 'Deactivate', exact: true }).click();
      const question = panel.getByRole('alertdialog', { name: 'Deactivate' });
      await question.waitFor();
      expect(await question.textContent()).toContain('Deactivate 1 portal user? The user loses access to the portal until activated again');
      await screenshot(panel, 'ux-1-confirm-deactivate');
      await question.getByRole('button', { name: 'Change nothing' }).click();
      expect(await list.getByText('Mia Active').count()).toBe(1);

      // Change of user type: no type is chosen until the agent chooses one.
      const moveTo = panel.getByRole('combobox', { name: 'Move to user type' });
      expect(await moveTo.inputValue()).toBe('');
      expect(await panel.getByRole('button', { name: 'Change user type' }).isDisabled()).toBe(true);
      await moveTo.selectOption({ label: 'Suppliers' });
      await panel.getByRole('button', { name: 'Change user type' }).click();
      const move = panel.getByRole('alertdialog', { name: 'Change user type' });
      expect(await move.textContent()).toContain('Move 1 portal user from “Customers” to “Suppliers”?');
      await move.getByRole('button', { name: 'Change nothing' }).click();

      // Delete: confirmed, then done.
      await panel.getByRole('button', { name: 'Delete', exact: true }).click();
      const remove = panel.getByRole('alertdialog', { name: 'Delete' });
      expect(await remove.textContent()).toContain('This cannot be undone');
      await remove.getByRole('button', { name: 'Yes, delete' }).click();
      await panel.getByText('1 done.').waitFor({ timeout: 15_000 });
      await expect.poll(() => list.getByText('Mia Active').count(), { timeout: 15_000 }).toBe(0);
      await screenshot(panel, 'ux-2-deleted');
    } finally {
      await close();
    }
  }, 60_000);
});

describe('Alt+Shift+I', () => {
  it('says why it did nothing with no destination focused and no default one, then acts on the focused one', async () => {
    const { panel, close } = await open(crmPage(CRM.records.accents));
    try {
      await waitForVerdicts(panel);
      await panel.locator('body').click({ position: { x: 5, y: 5 } });
      await panel.keyboard.press('Alt+Shift+I');
      const status = panel.locator('.pt-shortcut-outcome');
      await expect.poll(() => status.textContent()).toMatch(/^Alt\+Shift\+I did nothing: no destination has the focus/);
      expect(await status.getAttribute('role')).toBe('status');
      const before = (await readCounters(h.sandbox)).totals.invite;

      const customers = destination(panel, 'Customers');
      await actionButton(customers).focus();
      await panel.keyboard.press('Alt+Shift+I');
      await expect.poll(() => resultOf(customers).textContent(), { timeout: 20_000 }).toMatch(/^Invited/);
      expect((await readCounters(h.sandbox)).totals.invite).toBe(before + 1);
      await screenshot(panel, 'ux-3-shortcut');
    } finally {
      await close();
    }
  }, 60_000);
});

describe('learning from the vendor', () => {
  it('a refusal for consent is said in words, learned, said in the panel, and the next verdict blocks', async () => {
    const { panel, close } = await open(crmPage(CRM.records.consentMissing));
    try {
      await waitForVerdicts(panel);
      const customers = destination(panel, 'Customers');
      // Nothing tells yet that the org requires consent.
      await actionButton(customers).click();
      await expect.poll(() => resultOf(customers).textContent(), { timeout: 20_000 }).toBe('Failed: No GDPR consent');
      const lesson = panel.getByRole('status', { name: 'Learned from Zoho CRM' });
      await lesson.waitFor({ timeout: 15_000 });
      expect(await lesson.textContent()).toContain('GDPR consent is on in this Zoho CRM organization');

      // The next check says it before anything is sent.
      await panel.reload();
      await waitForVerdicts(panel);
      const again = destination(panel, 'Customers');
      expect(await again.locator('.pt-verdict').textContent()).toBe('Cannot be invited');
      expect(await again.locator('.pt-reasons').textContent()).toContain('No GDPR consent');
      expect(await actionButton(again).getAttribute('aria-disabled')).toBe('true');
      await screenshot(panel, 'ux-4-learned-consent');
    } finally {
      await close();
    }
  }, 60_000);
});
