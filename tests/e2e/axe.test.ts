import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM } from '../sandbox/seed/ids';
import { HARNESS_START_TIMEOUT_MS, signInOnPages, startHarness, type Harness } from './harness';
import { checkSelection, confirmButton, connectAllAccounts, inviteJob, openPanelFor, openVendorPage, panelPages, tickRows, waitForJobCard, waitForVerdicts } from './panel-driver';

/**
 * Issue #12, item 8: no serious or critical axe-core violation on the panel's screens (a page of
 * an account not connected, a contact's verdicts, the bulk preview, a job card, portal users with
 * a confirmation open) and on the options page (accounts, connect forms, a Zoho pick list), in
 * English and French. axe-core's script is evaluated in the page through the DevTools protocol,
 * which extension pages' CSP allows.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ lists: true });
  await signInOnPages(h.browser.context, h.sandbox.port);
  await connectAllAccounts(h, ['zendesk']);
}, HARNESS_START_TIMEOUT_MS);

afterAll(async () => {
  await h?.close();
});

async function violations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 160) })) }));
  });
  const minor = found.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length > 0) console.log(`axe, ${page.url()}: ${minor.map((v) => `${v.impact} ${v.id} (${v.nodes.map((n) => n.html).join('; ')})`).join(', ')}`);
  return found;
}

/**
 * Serious and critical ones, and the moderate landmark-unique the issue named, as "id: help
 * (where)" lines, so a failure says what to fix.
 */
async function serious(page: Page): Promise<string[]> {
  return (await violations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'landmark-unique')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

async function bothLanguages(page: Page, check: () => Promise<void> = async () => undefined): Promise<string[]> {
  const english = await serious(page);
  await page.getByRole('button', { name: 'FR, Français' }).first().click();
  await check();
  const french = await serious(page);
  await page.getByRole('button', { name: 'EN, English' }).first().click();
  return [...english, ...french];
}

describe('axe-core on the side panel', () => {
  it('a page of an account not connected', async () => {
    const page = await h.browser.context.newPage();
    try {
      await openVendorPage(page, panelPages(h.sandbox.port).find((p) => p.vendor === 'zendesk')!.list);
      const panel = await openPanelFor(h, page);
      await panel.locator('#pt-notice-title').waitFor();
      expect(await bothLanguages(panel)).toEqual([]);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 60_000);

  it('a contact’s verdicts, and portal users with a confirmation open', async () => {
    const page = await h.browser.context.newPage();
    try {
      await openVendorPage(page, `http://crm.zoho.localhost:${h.sandbox.port}/crm/org${CRM.orgId}/tab/Contacts/${CRM.records.eligible}`);
      const panel = await openPanelFor(h, page);
      await waitForVerdicts(panel);
      expect(await bothLanguages(panel, () => waitForVerdicts(panel))).toEqual([]);

      await panel.getByRole('tab', { name: 'Portal users' }).click();
      const list = panel.getByRole('listbox', { name: 'Portal users' });
      await list.getByRole('option').first().click();
      await panel.getByRole('button', { name: 'Delete', exact: true }).click();
      await panel.getByRole('alertdialog').waitFor();
      expect(await serious(panel)).toEqual([]);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 60_000);

  it('the bulk preview and the job card', async () => {
    const crm = panelPages(h.sandbox.port).find((p) => p.vendor === 'zoho_crm')!;
    const page = await h.browser.context.newPage();
    try {
      await openVendorPage(page, crm.list);
      await tickRows(page, crm.tour.list, 20);
      const panel = await openPanelFor(h, page);
      await checkSelection(panel, 20);
      expect(await bothLanguages(panel, () => panel.locator('.bulk-groups').waitFor())).toEqual([]);
      await confirmButton(panel).click();
      await inviteJob(panel).waitFor({ timeout: 15_000 });
      await waitForJobCard(panel, 'completed', 60_000);
      expect(await serious(panel)).toEqual([]);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 90_000);
});

describe('axe-core on the options page', () => {
  it('accounts, connect forms and a Zoho pick list, in both languages', async () => {
    const options = await h.extensionPage('options.html');
    try {
      await options.getByRole('heading', { level: 3, name: /^Zoho CRM · / }).waitFor({ timeout: 15_000 });
      expect(await bothLanguages(options)).toEqual([]);
      const form = options.getByRole('form', { name: 'Zoho Connect' });
      await form.getByRole('button', { name: 'Sign in to Zoho Connect' }).click();
      await form.getByRole('group', { name: 'Which network?' }).waitFor({ timeout: 10_000 });
      expect(await serious(options)).toEqual([]);
    } finally {
      await options.close();
    }
  }, 60_000);
});
