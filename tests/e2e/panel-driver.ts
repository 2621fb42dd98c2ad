/**
 * Page-object helpers for Portier's side panel in real Chromium, shared by the panel e2e tests,
 * `npm run demo` and the bench (tests/bench/panel.ts). No vitest in here: the demo and the bench
 * run outside it. The panel is opened as `sidepanel.html?tab=<id>` in a tab of its own (Playwright
 * cannot open the real side panel); `?tab=` makes it follow the vendor page's tab
 * (components/shared/browser-platform.ts).
 */
import type { Locator, Page } from 'playwright-core';
import type { ReasonCode } from '../../core/model';
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
  return destinations(panel).getByRole('listitem').filter({ has: panel.getByRole('heading', { level: 3, name, exact: typeof name === 'string' }) });
}

/** The action button of a destination: "Invite: Acme", "Re-invite: …", "Activate: …". */
export function actionButton(row: Locator, action: 'Invite' | 'Re-invite' | 'Activate' = 'Invite'): Locator {
  return row.getByRole('button', { name: new RegExp(`^${action}: `) });
}

/** The in-place result of a destination's action ("Sending…", "Invited", "Failed: …"). */
export function resultOf(row: Locator): Locator {
  return row.locator('.pt-dest-action').getByRole('status');
}

/**
 * Resolves when the contact view shows its destinations with the vendor's verdicts (a revisit shows
 * the last visit's first, marked `data-checking`: those are waited past); throws with the panel's
 * words when it shows an error or a notice instead.
 */
export async function waitForVerdicts(panel: Page, timeoutMs = 20_000): Promise<void> {
  const ready = panel.locator('section.pt-contact:not([data-checking]) ul.pt-dests .pt-verdict').first();
  const failed = panel.getByRole('alert');
  const notice = panel.locator('#pt-notice-title');
  await ready.or(failed).or(notice).first().waitFor({ timeout: timeoutMs });
  if (await ready.isVisible()) return;
  const words = (await failed.or(notice).first().textContent()) ?? '';
  throw new Error(`The panel shows no verdicts but: ${words.trim()}`);
}

/** The verdicts of the last visit, shown while the vendor is asked again ("Checked … · checking…"). */
export function lastVisitVerdicts(panel: Page): Locator {
  return panel.locator('section.pt-contact[data-checking] ul.pt-dests');
}

/** The bulk view: "Check N contacts" (enabled once the destination and the selection are known). */
export function checkButton(panel: Page): Locator {
  return panel.getByRole('button', { name: /^Check [\d,]+ contacts?$/ });
}

/** The preview's confirmation: "Invite N", or "Send N: 39 invite, 4 re-invite, 1 activate" when actions mix. */
export function confirmButton(panel: Page): Locator {
  // "Invite: <destination>" is a contact's button; the preview's has a count right after its verb.
  return panel.getByRole('button', { name: /^(Invite|Re-invite|Activate) [\d,]+$|^Send [\d,]+: / });
}

/** A job card's name: "Invite to …", or "Invitations to …" when one confirmation mixes actions. */
const JOB_NAME = /^(Invite to|Invitations to) /;

/** The newest job card (`<article aria-label="Invite to …">`): one confirmation starts one job. */
export function inviteJob(panel: Page): Locator {
  return panel.getByRole('article', { name: JOB_NAME }).first();
}

/** The progress bar of the newest invite job. */
export function progressBar(panel: Page): Locator {
  return inviteJob(panel).getByRole('progressbar');
}

/** Clicks "Check N contacts" and waits for the preview's confirmation button. */
export async function checkSelection(panel: Page, expected: number, timeoutMs = 30_000): Promise<void> {
  const check = panel.getByRole('button', { name: `Check ${expected} contacts` });
  await check.waitFor({ timeout: timeoutMs });
  await expectEnabled(check, timeoutMs);
  await check.click();
  await confirmButton(panel).waitFor({ timeout: timeoutMs });
}

/** Waits until the newest invite job shows `status` ("completed" by default); answers its counts line. */
export async function waitForJobCard(panel: Page, status = 'completed', timeoutMs = 60_000): Promise<string> {
  const card = inviteJob(panel);
  await panel.waitForFunction(
    ([s]) => [...document.querySelectorAll('article.job')].find((a) => /^(Invite to|Invitations to) /.test(a.getAttribute('aria-label') ?? ''))?.getAttribute('data-status') === s,
    [status], { timeout: timeoutMs });
  // The bar's fill eases its width over 0.3 s (jobs.css): a screenshot taken at once shows it half-way.
  await panel.waitForTimeout(400);
  return ((await card.locator('.job-counts').textContent()) ?? '').trim();
}

async function expectEnabled(button: Locator, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // A button that cannot act yet may stay focusable with aria-disabled (the bulk view's Check does, to say why).
  while (!(await button.isEnabled()) || (await button.getAttribute('aria-disabled')) === 'true') {
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
    /**
     * A contact that can be invited. None on Zendesk: a Zendesk user page shows a user, and any
     * user is ALREADY_MEMBER there (RULES.md); Zendesk invitations start from a CSV of addresses.
     */
    eligible?: string;
    /** A contact whose every destination or one of them says why not, and that reason. */
    blocked: string;
    blockedReason: ReasonCode;
    /** The seeded contact whose name is HTML, and that name as the panel must show it. */
    htmlName: string;
    html: string;
  };
  list: string;
}

export function panelPages(port: number): PanelPages[] {
  const tours = vendorTours(port);
  const tour = (vendor: Vendor) => tours.find((t) => t.vendor === vendor)!;
  const base = (vendor: Vendor) => ({ vendor, label: tour(vendor).label, email: tour(vendor).email, tour: tour(vendor), list: tour(vendor).list.url });
  const zendesk = `http://acme.zendesk.localhost:${port}/agent/users`;
  const desk = `http://desk.zoho.localhost:${port}/agent/${DESK.portalName}/support/contacts/details`;
  const crm = `http://crm.zoho.localhost:${port}/crm/org${CRM.orgId}/tab/Contacts`;
  const connect = `http://connect.zoho.localhost:${port}/portal/acmepartners/profile`;
  return [
    {
      ...base('zendesk'),
      contact: { blocked: `${zendesk}/${ZENDESK.acme.users.unverified}`, blockedReason: 'ALREADY_MEMBER', htmlName: `${zendesk}/${ZENDESK.acme.users.htmlName}`, html: tour('zendesk').contact.name },
    },
    {
      ...base('zoho_desk'),
      contact: { eligible: `${desk}/${DESK.contacts.eligible}`, blocked: `${desk}/${DESK.contacts.noEmail}`, blockedReason: 'EMAIL_MISSING', htmlName: `${desk}/${DESK.contacts.htmlName}`, html: tour('zoho_desk').contact.name },
    },
    {
      ...base('zoho_crm'),
      contact: { eligible: `${crm}/${CRM.records.eligible}`, blocked: `${crm}/${CRM.records.pendingApproval}`, blockedReason: 'RECORD_PENDING_APPROVAL', htmlName: `${crm}/${CRM.records.htmlName}`, html: tour('zoho_crm').contact.name },
    },
    {
      // Paolo Rossi (fabrikam.com), member of the Partner Hub: the Acme Intranet takes only acme.co
      // once the account's company domains say so (saveAccountSettings).
      ...base('zoho_connect'),
      contact: { eligible: `${connect}/60020010`, blocked: `${connect}/60020010`, blockedReason: 'INTERNAL_DOMAIN_MISMATCH', htmlName: tour('zoho_connect').contact.url, html: tour('zoho_connect').contact.name },
    },
  ];
}

/** Ticks the first `count` rows of a list view with its own checkboxes; answers how many are ticked. */
export async function tickRows(page: Page, list: VendorTour['list'], count: number): Promise<number> {
  const boxes = page.locator(list.rowCheckbox);
  await boxes.first().waitFor();
  for (let i = 0; i < count; i += 1) await boxes.nth(i).check();
  return page.locator(`${list.rowCheckbox}:checked`).count();
}

/** Opens a vendor page signed in (one sign-in covers the Zoho apps) and waits for Portier's content script. */
export async function openVendorPage(page: Page, url: string, email = 'ava.admin@acme.co'): Promise<void> {
  await openSignedIn(page, url, email);
  await page.waitForFunction(() => document.documentElement.dataset.portier === 'ready', undefined, { timeout: 10_000 });
}
