/**
 * Page-object helpers for Portier's side panel in real Chromium, shared by the panel e2e tests,
 * `npm run demo` and the bench (tests/bench/panel.ts). No vitest in here: the demo and the bench
 * run outside it. The panel is opened as `sidepanel.html?tab=<id>` in a tab of its own (Playwright
 * cannot open the real side panel); `?tab=` makes it follow the vendor page's tab
 * (components/shared/browser-platform.ts).
 */
import type { Locator, Page } from 'playwright-core';
import type { Vendor } from '../../core/model/vendor';
import { CRM, DESK, ZENDESK } from '../sandbox/seed';
import { SANDBOX_ACCOUNTS, send, type Harness } from './harness';
import type { LaunchedExtension } from './chromium';
import { openSignedIn, vendorTours, type VendorTour } from './sandbox-tour';

/** The panel's width as Chrome gives it by default, so the screenshots look like the real thing. */
export const PANEL_VIEWPORT = { width: 420, height: 900 } as const;

type Browserish = Pick<Harness, 'browser'> | { browser: LaunchedExtension };

/** The vendor page's tab id, asked from an extension page with chrome.tabs.query. */
export async function tabIdOf(h: Browserish, vendorPage: Page): Promise<number> {
  const { context, extensionId } = h.browser;
  // The vendor tab is made the active one, which tells it apart from other tabs on the same URL.
  await vendorPage.bringToFront();
  const helper = await context.newPage();
  try {
    await helper.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=-1`);
    const url = vendorPage.url();
    const tabs = await helper.evaluate(async () => {
      const chromeTabs = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string; active: boolean }[]> } } }).chrome.tabs;
      return (await chromeTabs.query({})).map((t) => ({ id: t.id, url: t.url, active: t.active }));
    });
    const same = tabs.filter((t) => t.url === url && t.id !== undefined);
    const found = same.find((t) => t.active) ?? same.at(-1);
    if (found?.id === undefined) throw new Error(`No tab shows ${url} (tabs: ${JSON.stringify(tabs)})`);
    return found.id;
  } finally {
    await helper.close();
  }
}

/** Portier's panel, in a new tab, following `vendorPage`'s tab. */
export async function openPanelFor(h: Browserish, vendorPage: Page): Promise<Page> {
  const tabId = await tabIdOf(h, vendorPage);
  const panel = await h.browser.context.newPage();
  await panel.setViewportSize(PANEL_VIEWPORT);
  await panel.goto(`chrome-extension://${h.browser.extensionId}/sidepanel.html?tab=${tabId}`);
  await panel.getByRole('heading', { level: 1, name: 'Portier' }).waitFor();
  return panel;
}

/** The destinations list of the contact view (`<ul aria-labelledby="Destinations">`). */
export function destinations(panel: Page): Locator {
  return panel.getByRole('list', { name: 'Destinations' });
}

/** One destination of the contact view, by the destination's name (its heading). */
export function destination(panel: Page, name: string | RegExp): Locator {
  return destinations(panel).getByRole('listitem').filter({ has: panel.getByRole('heading', { level: 3, name }) });
}

/** The action button of a destination: "Invite: Acme", "Re-invite: …", "Activate: …". */
export function actionButton(row: Locator, action: 'Invite' | 'Re-invite' | 'Activate' = 'Invite'): Locator {
  return row.getByRole('button', { name: new RegExp(`^${action}: `) });
}

/** The in-place result of a destination's action ("Sending…", "Invited", "Failed: …"). */
export function resultOf(row: Locator): Locator {
  return row.getByRole('status');
}

/**
 * Resolves when the contact view shows its destinations with their verdicts; throws with the
 * panel's words when it shows an error or a notice instead.
 */
export async function waitForVerdicts(panel: Page, timeoutMs = 20_000): Promise<void> {
  const ready = destinations(panel).locator('.pt-verdict').first();
  const failed = panel.getByRole('alert');
  const notice = panel.locator('#pt-notice-title');
  await ready.or(failed).or(notice).first().waitFor({ timeout: timeoutMs });
  if (await ready.isVisible()) return;
  const words = (await failed.or(notice).first().textContent()) ?? '';
  throw new Error(`The panel shows no verdicts but: ${words.trim()}`);
}

/** The bulk view: "Check N contacts" (enabled once the destination and the selection are known). */
export function checkButton(panel: Page): Locator {
  return panel.getByRole('button', { name: /^Check [\d,]+ contacts?$/ });
}

/** The preview's confirmation: "Invite N". */
export function confirmButton(panel: Page): Locator {
  // "Invite: <destination>" is a contact's button; the preview's has a count and no colon.
  return panel.getByRole('button', { name: /^Invite [\d,]+$/ });
}

/** The progress bar of the newest job of the panel's account. */
export function progressBar(panel: Page): Locator {
  return panel.getByRole('progressbar').first();
}

/** The newest job card (`<article data-status>`). */
export function newestJob(panel: Page): Locator {
  return panel.locator('article.job').first();
}

/** Clicks "Check N contacts" and waits for the preview's "Invite N". */
export async function checkSelection(panel: Page, expected: number, timeoutMs = 30_000): Promise<void> {
  const check = panel.getByRole('button', { name: `Check ${expected} contacts` });
  await check.waitFor({ timeout: timeoutMs });
  await expectEnabled(check, timeoutMs);
  await check.click();
  await confirmButton(panel).waitFor({ timeout: timeoutMs });
}

/** Waits until the newest job shows `status` ("completed" by default); answers its counts line. */
export async function waitForJobCard(panel: Page, status = 'completed', timeoutMs = 60_000): Promise<string> {
  const card = panel.locator(`article.job[data-status="${status}"]`).first();
  await card.waitFor({ timeout: timeoutMs });
  return ((await card.locator('.job-counts').textContent()) ?? '').trim();
}

async function expectEnabled(button: Locator, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await button.isEnabled())) {
    if (Date.now() > deadline) throw new Error('The button stayed disabled');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Connects the four seeded accounts through the background, as background-flow.test.ts does
 * (Zendesk by API token, the Zoho apps through launchWebAuthFlow); `except` leaves some out (the
 * options page test connects Zendesk through its form).
 */
export async function connectAllAccounts(h: Browserish, except: readonly Vendor[] = []): Promise<void> {
  const page = await h.browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${h.browser.extensionId}/sidepanel.html?tab=-1`);
    for (const account of Object.values(SANDBOX_ACCOUNTS)) {
      if (except.includes(account.vendor)) continue;
      const answer = await send(page, { type: 'connectAccount', account });
      if (!answer.ok) throw new Error(`Could not connect ${account.vendor}: ${answer.error.code} ${answer.error.message}`);
    }
  } finally {
    await page.close();
  }
}

/** The contact pages the panel tests open, per vendor: one to invite, one blocked, the HTML name. */
export interface PanelPages {
  vendor: Vendor;
  label: string;
  email: string;
  tour: VendorTour;
  contact: {
    /** A contact that can be invited to `inviteTo`. */
    eligible: string;
    inviteTo: string;
    /** A contact with a blocking reason on `blockedAt`, and that reason's title. */
    blocked: string;
    blockedAt: string;
    /** The seeded contact whose name is HTML, and that name as the panel must show it. */
    htmlName: string;
    html: string;
  };
  list: string;
}

export function panelPages(port: number): PanelPages[] {
  const tours = vendorTours(port);
  const tour = (vendor: Vendor) => tours.find((t) => t.vendor === vendor)!;
  const zendesk = `http://acme.zendesk.localhost:${port}/agent/users`;
  const desk = `http://desk.zoho.localhost:${port}/agent/${DESK.portalName}/support/contacts/details`;
  const crm = `http://crm.zoho.localhost:${port}/crm/org${CRM.orgId}/tab/Contacts`;
  const connect = `http://connect.zoho.localhost:${port}/portal`;
  return [
    {
      vendor: 'zendesk', label: 'Zendesk Support', email: 'ava.admin@acme.co', tour: tour('zendesk'), list: tour('zendesk').list.url,
      contact: {
        eligible: `${zendesk}/${ZENDESK.acme.users.htmlName}`, inviteTo: 'Acme',
        blocked: `${zendesk}/${ZENDESK.acme.users.unverified}`, blockedAt: 'Acme',
        htmlName: `${zendesk}/${ZENDESK.acme.users.htmlName}`, html: '<img src=x onerror=alert(1)>',
      },
    },
    {
      vendor: 'zoho_desk', label: 'Zoho Desk', email: 'ava.admin@acme.co', tour: tour('zoho_desk'), list: tour('zoho_desk').list.url,
      contact: {
        eligible: `${desk}/${DESK.contacts.eligible}`, inviteTo: 'Acme Help Center',
        blocked: `${desk}/${DESK.contacts.noEmail}`, blockedAt: 'Acme Help Center',
        htmlName: `${desk}/${DESK.contacts.htmlName}`, html: '<script>alert(1)</script> <b>Bold</b>',
      },
    },
    {
      vendor: 'zoho_crm', label: 'Zoho CRM', email: 'ava.admin@acme.co', tour: tour('zoho_crm'), list: tour('zoho_crm').list.url,
      contact: {
        eligible: `${crm}/${CRM.records.eligible}`, inviteTo: 'Customers',
        blocked: `${crm}/${CRM.records.pendingApproval}`, blockedAt: 'Customers',
        htmlName: `${crm}/${CRM.records.htmlName}`, html: '<b>Bold</b> <img src=x onerror=alert(1)>',
      },
    },
    {
      vendor: 'zoho_connect', label: 'Zoho Connect', email: 'ava.admin@acme.co', tour: tour('zoho_connect'), list: tour('zoho_connect').list.url,
      contact: {
        eligible: `${connect}/acmepartners/profile/60020010`, inviteTo: 'Acme Customer Community',
        blocked: `${connect}/acmepartners/profile/60020010`, blockedAt: 'Acme Intranet',
        htmlName: `${connect}/acmepartners/profile/60020014`, html: '<b>Bold</b> Partner',
      },
    },
  ];
}

/** Opens a vendor page signed in (one sign-in covers the Zoho apps) and waits for Portier's content script. */
export async function openVendorPage(page: Page, url: string, email = 'ava.admin@acme.co'): Promise<void> {
  await openSignedIn(page, url, email);
  await page.waitForFunction(() => document.documentElement.dataset.portier === 'ready', undefined, { timeout: 10_000 });
}
