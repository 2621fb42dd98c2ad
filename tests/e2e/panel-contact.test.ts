import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import { ACCOUNT_IDS, ask, readCounters, signInOnPages, startHarness, type Harness, type SandboxCounters } from './harness';
import { actionButton, connectAllAccounts, destination, destinations, openPanelFor, openVendorPage, panelPages, resultOf, waitForVerdicts } from './panel-driver';
import { screenshot, screenshotFolder } from './screenshots';

/**
 * The side panel on contact pages, for each vendor, in real Chromium: the options page connects
 * Zendesk through its API-token form; then the verdicts, one invitation sent with a click and its
 * result in place, a blocked contact whose button sends nothing, and a name made of HTML shown as
 * text. One harness for the file; the tests build on one another (the accounts connected first).
 */
let h: Harness;
const dialogs: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  await signInOnPages(h.browser.context, h.sandbox.port);
  await connectAllAccounts(h, ['zendesk']);
  // The company's own domains, which an internal network requires (INTERNAL_DOMAIN_MISMATCH).
  const page = await h.extensionPage('sidepanel.html?tab=-1');
  await ask(page, { type: 'saveAccountSettings', accountId: ACCOUNT_IDS.zoho_connect, companyDomains: ['acme.co'], defaultTargetKey: null });
  await page.close();
}, 90_000);

afterAll(async () => {
  await h?.close();
  console.log(`Panel screenshots (contact pages): ${screenshotFolder()}`);
});

/** A vendor page and its panel, with every dialog either of them opens recorded. */
async function open(url: string): Promise<{ page: Page; panel: Page; close(): Promise<void> }> {
  const page = await h.browser.context.newPage();
  page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
  await openVendorPage(page, url);
  const panel = await openPanelFor(h, page);
  panel.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
  return { page, panel, close: async () => { await panel.close(); await page.close(); } };
}

const sentSoFar = async (): Promise<Pick<SandboxCounters, 'invitations' | 'totals'>> => {
  const { invitations, totals } = await readCounters(h.sandbox);
  return { invitations, totals };
};

describe('the options page', () => {
  it('connects Zendesk with the API-token form', async () => {
    const options = await h.extensionPage('options.html');
    try {
      await options.getByLabel('Zendesk subdomain').fill('https://acme.zendesk.com/agent');
      await options.getByRole('radio', { name: 'API token' }).check();
      await options.getByLabel('Agent email').fill('ava.admin@acme.co');
      await options.getByRole('textbox', { name: 'Token', exact: true }).fill('acme-api-token-0001');
      await options.getByRole('button', { name: 'Connect Zendesk Support' }).click();
      await expect.poll(() => options.getByRole('status').filter({ hasText: 'is connected' }).count(), { timeout: 15_000 }).toBe(1);
      // The form reduced the address to the subdomain it connected.
      expect(await options.getByLabel('Zendesk subdomain').inputValue()).toBe('acme');
      await screenshot(options, 'options-zendesk-connected');
      const { accounts } = await ask<{ accounts: { id: string; status: string; authKind: string }[] }>(options, { type: 'listAccounts' });
      expect(accounts.find((a) => a.id === ACCOUNT_IDS.zendesk)).toMatchObject({ status: 'connected', authKind: 'api_token' });
    } finally {
      await options.close();
    }
  }, 30_000);
});

describe.each(panelPages(0).map((p) => [p.label, p.vendor] as const))('%s contact page in the panel', (_label, vendor) => {
  const pages = () => panelPages(h.sandbox.port).find((p) => p.vendor === vendor)!;
  const slug = vendor.replace('_', '-');

  // Not on Zendesk: a Zendesk user page shows a user, who is ALREADY_MEMBER (panel-bulk invites from a CSV there).
  if (vendor !== 'zendesk') it('shows the verdicts, invites the contact with one click and shows "Invited" in place', async () => {
    const { panel, close } = await open(pages().contact.eligible!);
    try {
      await waitForVerdicts(panel);
      await screenshot(panel, `${slug}-1-contact-verdicts`);
      const before = await sentSoFar();
      const first = destinations(panel).getByRole('listitem').filter({ has: panel.locator('button[data-primary][aria-disabled="false"]') }).first();
      const target = (await first.getByRole('heading', { level: 3 }).textContent()) ?? '';
      // Found again by its name: once sent, its button is off and the filter above would skip it.
      const row = destination(panel, target);
      expect(await row.locator('.pt-verdict').textContent()).toBe('Can be invited');
      await actionButton(row, 'Invite').click();
      await expect.poll(() => resultOf(row).textContent(), { timeout: 20_000 }).toBe('Invited');
      // Done: a second click would send it again, so the button is off now.
      expect(await actionButton(row, 'Invite').getAttribute('aria-disabled')).toBe('true');
      await screenshot(panel, `${slug}-2-after-invite`);
      const after = await sentSoFar();
      expect(after.totals.invite - before.totals.invite, target).toBe(1);
      expect(after.totals.reinvite).toBe(before.totals.reinvite);
    } finally {
      await close();
    }
  }, 40_000);

  // Zendesk's one-click action on a user page: the verification email of an unverified address.
  if (vendor === 'zendesk') it('sends the verification email of an unverified user with one click and says so in place', async () => {
    const { panel, close } = await open(pages().contact.blocked);
    try {
      await waitForVerdicts(panel);
      await screenshot(panel, `${slug}-1-contact-verdicts`);
      const before = await sentSoFar();
      await panel.getByRole('button', { name: 'Send verification email' }).first().click();
      await panel.getByText('Verification email sent').first().waitFor({ timeout: 20_000 });
      await screenshot(panel, `${slug}-2-after-verification`);
      const after = await sentSoFar();
      expect(after.totals.verification - before.totals.verification).toBe(1);
      expect(after.totals.invite).toBe(before.totals.invite);
    } finally {
      await close();
    }
  }, 40_000);

  it('shows why a contact cannot be invited, and its button sends nothing', async () => {
    const { contact } = pages();
    const { panel, close } = await open(contact.blocked);
    try {
      await waitForVerdicts(panel);
      const reason = REASON_TEXTS[contact.blockedReason].en;
      const row = destinations(panel).getByRole('listitem').filter({ has: panel.locator('.pt-reason', { hasText: reason.title }) }).first();
      await row.waitFor();
      expect(await row.locator('.pt-reason').filter({ hasText: reason.title }).textContent()).toContain(reason.help);
      const button = actionButton(row, 'Invite');
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      // The button says why it is off: its description is the verdict and the reasons.
      const described = await button.evaluate((b) =>
        (b.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
      expect(described).toContain(reason.title);
      await screenshot(panel, `${slug}-3-blocked-reason`);

      const before = await readCounters(h.sandbox);
      // aria-disabled leaves the button clickable (and focusable): the click must do nothing.
      await button.click({ force: true });
      await panel.waitForTimeout(1_000);
      expect(await resultOf(row).textContent()).toBe('');
      const after = await readCounters(h.sandbox);
      expect(after.totals).toEqual(before.totals);
      expect(after.invitations).toEqual(before.invitations);
    } finally {
      await close();
    }
  }, 40_000);

  it('shows a name made of HTML as text: no element made of it, no dialog', async () => {
    const { contact } = pages();
    const { panel, close } = await open(contact.htmlName);
    try {
      await waitForVerdicts(panel);
      expect(await panel.getByRole('heading', { level: 2 }).first().textContent()).toBe(contact.html);
      expect(await panel.locator('main img, main b, main script').count()).toBe(0);
      await screenshot(panel, `${slug}-4-html-name`);
      expect(dialogs).toEqual([]);
    } finally {
      await close();
    }
  }, 40_000);
});
