import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { ReasonCode } from '../../core/model';
import type { Vendor } from '../../core/model/vendor';
import { WATCHING_EVENT } from '../../core/vendors/page-watch';
import { DESK, ZENDESK } from '../sandbox/seed/ids';
import { send, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { openVendorPage, PANEL_VIEWPORT, tabIdOf, waitForVerdicts } from './panel-driver';
import { screenshot } from './screenshots';

/**
 * The panel follows the agent inside the vendor's single-page app, in real Chromium: the sandbox's
 * Zendesk and Zoho Desk pages move from the list to a contact with history.pushState and draw it in
 * place (tests/sandbox/pages/assets/common.js navigateInApp), as the real apps do, so the content
 * script runs once and only hears the address change (core/vendors/url-watch.ts). From the list, a
 * click on a name, Back, a click on another name, Back and Forward: after each, the page is still
 * the first document, and the panel (opened once, for that tab) shows the page the tab shows.
 */
let h: Harness;
connectedHarness('Panel screenshots (in-app navigation)', (started) => (h = started));

interface Person {
  id: string;
  name: string;
  /** A reason the panel must show for this person, when there is one to check. */
  reason?: ReasonCode;
}

interface Flow {
  vendor: Vendor;
  label: string;
  list(port: number): string;
  contact(port: number, id: string): string;
  /** The name link of a person's row in the list. */
  nameLink(id: string): string;
  /** The page's own contact name heading. */
  nameHeading: string;
  first: Person;
  second: Person;
}

const FLOWS: Flow[] = [
  {
    vendor: 'zendesk', label: 'Zendesk Support',
    list: (port) => `http://acme.zendesk.localhost:${port}/agent/user_filters`,
    contact: (port, id) => `http://acme.zendesk.localhost:${port}/agent/users/${id}`,
    nameLink: (id) => `tr[data-user-id="${id}"] [data-test-id="customer-list-name"]`,
    nameHeading: '[data-test-id="user-profile-name"]',
    // Any Zendesk user is already a member (RULES.md); Marc's address is unverified.
    first: { id: String(ZENDESK.acme.users.unverified), name: 'Marc Lefèvre', reason: 'ALREADY_MEMBER' },
    second: { id: String(ZENDESK.acme.users.existingVerified), name: 'Chloé Durand' },
  },
  {
    vendor: 'zoho_desk', label: 'Zoho Desk',
    list: (port) => `http://desk.zoho.localhost:${port}/agent/${DESK.portalName}/support/contacts/list/all-contacts`,
    contact: (port, id) => `http://desk.zoho.localhost:${port}/agent/${DESK.portalName}/support/contacts/details/${id}`,
    nameLink: (id) => `tr[data-contact-id="${id}"] [data-id="contactListName"]`,
    nameHeading: '[data-id="contactName"]',
    first: { id: DESK.contacts.noEmail, name: 'Sam Noemail', reason: 'EMAIL_MISSING' },
    second: { id: DESK.contacts.eligible, name: 'Nora Green' },
  },
];

/** Generous bounds: the machine is a busy two-core box. */
const FOLLOW_MS = 30_000;

declare global {
  interface Window {
    /** Set by the test on the first document: still there after a move means no document was loaded. */
    __portierFirstDocument?: string;
    /** How many copies of the content script started on this document after the first (WATCHING_EVENT heard). */
    __portierWatchingEvents?: number;
  }
}

/** Marks the page's document, and counts the content-script copies that start on it from now on. */
async function markDocument(page: Page): Promise<number> {
  return page.evaluate((event) => {
    window.__portierFirstDocument = 'first';
    window.__portierWatchingEvents = 0;
    // A copy of the content script that starts on a marked document asks with this event (page-watch.ts);
    // it is a DOM event, so the page's own world hears it too.
    document.addEventListener(event, () => (window.__portierWatchingEvents = (window.__portierWatchingEvents ?? 0) + 1));
    return performance.timeOrigin;
  }, WATCHING_EVENT);
}

/** The same document as when marked: no page load happened, and the content script is there once. */
async function expectSameDocument(page: Page, timeOrigin: number): Promise<void> {
  const seen = await page.evaluate(() => ({
    marker: window.__portierFirstDocument,
    timeOrigin: performance.timeOrigin,
    navigations: performance.getEntriesByType('navigation').length,
    watching: window.__portierWatchingEvents,
    portier: document.documentElement.dataset.portier,
  }));
  expect(seen).toEqual({ marker: 'first', timeOrigin, navigations: 1, watching: 0, portier: 'ready' });
}

/** What the background last recorded for the tab: the page the content script told it about. */
async function recordedUrl(probe: Page, tabId: number): Promise<string | undefined> {
  const answer = await send(probe, { type: 'getPageContext', tabId });
  if (!answer.ok) return `error: ${answer.error.code}`;
  return (answer.result as { record: { context: { url: string } } | null }).record?.context.url;
}

/** The panel shows the contact view of `person`, with the vendor's verdicts. */
async function expectContact(panel: Page, person: Person): Promise<void> {
  await panel.locator('#pt-contact-name').filter({ hasText: new RegExp(`^${person.name}$`) }).waitFor({ timeout: FOLLOW_MS });
  await waitForVerdicts(panel, FOLLOW_MS);
  expect(await panel.locator('#pt-contact-name').textContent()).toBe(person.name);
  expect(await panel.locator('section.pt-contact ul.pt-dests .pt-verdict').count()).toBeGreaterThan(0);
  if (person.reason) {
    expect(await panel.locator('.pt-reason').filter({ hasText: REASON_TEXTS[person.reason].en.title }).count()).toBeGreaterThan(0);
  }
}

/** The panel shows the list view's bulk panel, and no contact. */
async function expectList(panel: Page): Promise<void> {
  await panel.locator('#portier-bulk-heading').waitFor({ timeout: FOLLOW_MS });
  await expect.poll(() => panel.locator('#pt-contact-name').count(), { timeout: FOLLOW_MS }).toBe(0);
}

describe.each(FLOWS.map((f) => [f.label, f] as const))('%s: the panel follows in-app navigation', (_label, flow) => {
  const slug = flow.vendor.replace('_', '-');

  it('from the list to a contact, back, to another contact, back and forward, without a page load', async () => {
    const port = h.sandbox.port;
    const list = flow.list(port);
    const page = await h.browser.context.newPage();
    const probe = await h.extensionPage('sidepanel.html?tab=-1');
    let panel: Page | undefined;
    let tabId = -1;
    /** Where the tab is, what the background recorded, what the panel shows: said when a step fails. */
    const state = async () => ({
      page: page.url(),
      recorded: await recordedUrl(probe, tabId),
      panel: ((await panel?.locator('main').textContent()) ?? '').replace(/\s+/g, ' ').slice(0, 300),
    });
    try {
      await openVendorPage(page, list);
      await page.locator(flow.nameLink(flow.first.id)).waitFor({ timeout: FOLLOW_MS });
      const timeOrigin = await markDocument(page);
      tabId = await tabIdOf(h, page);
      panel = await h.browser.context.newPage();
      await panel.setViewportSize(PANEL_VIEWPORT);
      await panel.goto(`chrome-extension://${h.browser.extensionId}/sidepanel.html?tab=${tabId}`);
      await expectList(panel);

      // A click on a name: the app moves to the contact in place.
      await page.locator(flow.nameLink(flow.first.id)).click();
      await expect.poll(() => page.url(), { timeout: FOLLOW_MS }).toBe(flow.contact(port, flow.first.id));
      expect(await page.locator(flow.nameHeading).filter({ hasText: flow.first.name }).textContent({ timeout: FOLLOW_MS })).toBe(flow.first.name);
      await expectSameDocument(page, timeOrigin);
      await expect.poll(() => recordedUrl(probe, tabId), { timeout: FOLLOW_MS }).toBe(flow.contact(port, flow.first.id));
      await expectContact(panel, flow.first).catch(async (e) => { throw new Error(`${String(e)}\n${JSON.stringify(await state())}`); });
      await screenshot(panel, `${slug}-nav-1-first-contact`);

      // Back: popstate, the list drawn again in place; the panel goes back to the list.
      await page.goBack();
      await expect.poll(() => page.url(), { timeout: FOLLOW_MS }).toBe(list);
      await page.locator(flow.nameLink(flow.second.id)).waitFor({ timeout: FOLLOW_MS });
      await expectSameDocument(page, timeOrigin);
      await expect.poll(() => recordedUrl(probe, tabId), { timeout: FOLLOW_MS }).toBe(list);
      await expectList(panel).catch(async (e) => { throw new Error(`${String(e)}\n${JSON.stringify(await state())}`); });

      // Another name: the panel moves on to that contact.
      await page.locator(flow.nameLink(flow.second.id)).click();
      await expect.poll(() => page.url(), { timeout: FOLLOW_MS }).toBe(flow.contact(port, flow.second.id));
      await expectSameDocument(page, timeOrigin);
      await expect.poll(() => recordedUrl(probe, tabId), { timeout: FOLLOW_MS }).toBe(flow.contact(port, flow.second.id));
      await expectContact(panel, flow.second).catch(async (e) => { throw new Error(`${String(e)}\n${JSON.stringify(await state())}`); });
      await screenshot(panel, `${slug}-nav-2-second-contact`);

      // Back to the list, then Forward to the second contact again.
      await page.goBack();
      await expect.poll(() => page.url(), { timeout: FOLLOW_MS }).toBe(list);
      await expect.poll(() => recordedUrl(probe, tabId), { timeout: FOLLOW_MS }).toBe(list);
      await expectList(panel).catch(async (e) => { throw new Error(`${String(e)}\n${JSON.stringify(await state())}`); });
      await page.goForward();
      await expect.poll(() => page.url(), { timeout: FOLLOW_MS }).toBe(flow.contact(port, flow.second.id));
      expect(await page.locator(flow.nameHeading).filter({ hasText: flow.second.name }).textContent({ timeout: FOLLOW_MS })).toBe(flow.second.name);
      await expect.poll(() => recordedUrl(probe, tabId), { timeout: FOLLOW_MS }).toBe(flow.contact(port, flow.second.id));
      await expectContact(panel, flow.second).catch(async (e) => { throw new Error(`${String(e)}\n${JSON.stringify(await state())}`); });

      // Still the first document, with one copy of the content script watching it.
      await expectSameDocument(page, timeOrigin);
    } finally {
      await panel?.close();
      await probe.close();
      await page.close();
    }
  }, 180_000);
});
