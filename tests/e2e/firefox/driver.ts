/**
 * What the Firefox tests do on the sandbox's pages and in Portier's panel, with Puppeteer: the
 * Firefox twin of ../panel-driver.ts and ../sandbox-tour.ts (whose selectors and URLs it reuses).
 * Clicks are Puppeteer's input actions, trusted events as an agent's are: Portier ignores events a
 * page script fires itself.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { SANDBOX_PASSWORD } from '../../sandbox/pages/session';
import { isSignInPage, type VendorTour } from '../sandbox-tour';
import type { FirefoxHarness } from './harness';
import { waitForDocument } from './launch';

const href = (page: Page) => page.evaluate(() => location.href);

/** Opens `url`, signing in on the way when the sandbox sends the visitor to sign-in; ends on `url`. */
export async function openSignedIn(page: Page, url: string, email = 'ava.admin@acme.co'): Promise<void> {
  await page.goto(url);
  if (isSignInPage(await href(page))) {
    await page.type('#login-email', email);
    await page.type('#login-password', SANDBOX_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#login-submit')]);
  }
  await waitForDocument(page, url);
}

/** `data-portier` on <html>, which Portier's content script sets to `ready`; undefined if it never ran. */
export async function contentScriptMarker(page: Page, timeoutMs = 10_000): Promise<string | undefined> {
  await page.waitForFunction(() => document.documentElement.dataset.portier !== undefined, { timeout: timeoutMs }).catch(() => undefined);
  return page.evaluate(() => document.documentElement.dataset.portier);
}

/** Opens a vendor page signed in and waits for Portier's content script. */
export async function openVendorPage(page: Page, url: string): Promise<void> {
  await openSignedIn(page, url);
  const marker = await contentScriptMarker(page);
  if (marker !== 'ready') throw new Error(`Portier's content script did not run on ${url} (data-portier is ${marker ?? 'missing'})`);
}

/** Ticks the first `count` rows of a list view with its own checkboxes; answers how many are ticked. */
export async function tickRows(page: Page, list: VendorTour['list'], count: number): Promise<number> {
  await page.waitForSelector(list.rowCheckbox);
  const boxes = await page.$$(list.rowCheckbox);
  if (boxes.length < count) throw new Error(`The list shows ${boxes.length} rows, fewer than ${count}`);
  for (const box of boxes.slice(0, count)) await box.click();
  return page.$$eval(`${list.rowCheckbox}:checked`, (checked) => checked.length);
}

/** The vendor page's tab id, as tabs.query tells it to an extension page. */
export async function tabIdOf(h: FirefoxHarness, vendorPage: Page): Promise<number> {
  const url = await href(vendorPage);
  const helper = await h.firefox.extensionPage('sidepanel.html?tab=-1');
  try {
    const tabs = await helper.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).browser;
      return (await api.tabs.query({})).map((t) => ({ id: t.id, url: t.url }));
    });
    const found = tabs.filter((t) => t.url === url && t.id !== undefined);
    if (found.length !== 1) throw new Error(`${found.length} tabs show ${url}, not one (tabs: ${JSON.stringify(tabs)})`);
    return found[0]!.id!;
  } finally {
    await helper.close();
  }
}

/** Portier's panel page in a tab of its own, following `vendorPage`'s tab (`sidepanel.html?tab=<id>`). */
export async function openPanelFor(h: FirefoxHarness, vendorPage: Page): Promise<Page> {
  const panel = await h.firefox.extensionPage(`sidepanel.html?tab=${await tabIdOf(h, vendorPage)}`);
  await panel.waitForFunction(() => document.querySelector('h1')?.textContent === 'Portier', { timeout: 10_000 });
  return panel;
}

/** The panel's words when it shows an alert or a notice instead of what was waited for. */
async function trouble(panel: Page): Promise<string> {
  return panel.evaluate(() => document.querySelector('[role="alert"], #pt-notice-title')?.textContent?.trim() ?? '');
}

/** Resolves when the contact view shows its destinations with the vendor's verdicts. */
export async function waitForVerdicts(panel: Page, timeoutMs = 20_000): Promise<void> {
  await panel.waitForFunction(
    () => document.querySelector('section.pt-contact:not([data-checking]) ul.pt-dests .pt-verdict, [role="alert"], #pt-notice-title') !== null,
    { timeout: timeoutMs },
  );
  const words = await trouble(panel);
  if (words) throw new Error(`The panel shows no verdicts but: ${words}`);
}

/** A button whose whole text matches `name`, once it is enabled (not `disabled`, not `aria-disabled`). */
export async function enabledButton(panel: Page, name: RegExp, timeoutMs = 30_000): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await panel
    .waitForFunction(
      (source, flags) =>
        [...document.querySelectorAll('button')].find(
          (b) => new RegExp(source, flags).test(b.textContent?.trim() ?? '') && !b.disabled && b.getAttribute('aria-disabled') !== 'true',
        ),
      { timeout: timeoutMs },
      name.source,
      name.flags,
    )
    .catch(async (error: Error) => {
      throw new Error(`No enabled button ${name} in the panel (${error.message}); it shows: ${await trouble(panel)}`);
    });
  return handle as unknown as ElementHandle<HTMLButtonElement>;
}

/** The first destination whose action button is on: its name (the row's heading) and that button. */
export async function firstInvitableDestination(panel: Page): Promise<{ name: string; button: ElementHandle<HTMLButtonElement> }> {
  const rows = await panel.$$('ul.pt-dests > li');
  for (const row of rows) {
    const button = await row.$('button[data-primary][aria-disabled="false"]');
    if (button) return { name: await row.$eval('h3', (h) => h.textContent ?? ''), button: button as ElementHandle<HTMLButtonElement> };
  }
  throw new Error(`None of the ${rows.length} destinations of this contact can be invited`);
}

/** The in-place result of a destination's action ("Sending…", "Invited", "Failed: …"). */
export function resultOf(panel: Page, destination: string): Promise<string> {
  return panel.$$eval(
    'ul.pt-dests > li',
    (rows, name) => rows.find((r) => r.querySelector('h3')?.textContent === name)?.querySelector('.pt-dest-action [role="status"]')?.textContent ?? '',
    destination,
  );
}

const JOB_NAME = /^(Invite to|Invitations to) /;

/** Waits until the newest invite job's card shows `status`; answers its counts line. */
export async function waitForJobCard(panel: Page, status = 'completed', timeoutMs = 60_000): Promise<string> {
  await panel
    .waitForFunction(
      (source, wanted) => [...document.querySelectorAll('article.job')].find((a) => new RegExp(source).test(a.getAttribute('aria-label') ?? ''))?.getAttribute('data-status') === wanted,
      { timeout: timeoutMs },
      JOB_NAME.source,
      status,
    )
    .catch(async (error: Error) => {
      const seen = await panel.$$eval('article.job', (cards) => cards.map((c) => `${c.getAttribute('aria-label')}: ${c.getAttribute('data-status')}`)).catch(() => []);
      throw new Error(`No invite job card reached "${status}" (${error.message}); cards: ${JSON.stringify(seen)}`);
    });
  return panel.$$eval(
    'article.job',
    (cards, source) => cards.find((a) => new RegExp(source).test(a.getAttribute('aria-label') ?? ''))?.querySelector('.job-counts')?.textContent?.trim() ?? '',
    JOB_NAME.source,
  );
}
