/**
 * What the e2e tests and `npm run demo` do on the sandbox's agent pages, in one place: where each
 * vendor's contact page and list view are, their selectors, how to sign in, how to read that the
 * content script ran. Selectors are the pages' own (tests/sandbox/README.md, "Agent pages").
 */
import type { Page } from 'playwright-core';
import type { Vendor } from '../../core/model/vendor';
import { SANDBOX_PASSWORD } from '../sandbox/pages/session';
import { CONNECT, CRM, DESK, ZENDESK } from '../sandbox/seed';

export interface VendorTour {
  vendor: Vendor;
  label: string;
  email: string;
  /** The contact page of the seeded record whose name is HTML, and that name. */
  contact: { url: string; name: string; nameSelector: string };
  list: { url: string; selectAll: string; rowCheckbox: string; selection: string };
}

export function vendorTours(port: number): VendorTour[] {
  const origin = (host: string) => `http://${host}:${port}`;
  return [
    {
      vendor: 'zendesk', label: 'Zendesk Support', email: 'ava.admin@acme.co',
      contact: { url: `${origin('acme.zendesk.localhost')}/agent/users/${ZENDESK.acme.users.htmlName}`, name: '<img src=x onerror=alert(1)>', nameSelector: '[data-test-id="user-profile-name"]' },
      list: {
        url: `${origin('acme.zendesk.localhost')}/agent/user_filters`,
        selectAll: '[data-test-id="customer-list-select-all"]', rowCheckbox: '[data-test-id="customer-list-row-checkbox"]', selection: '[data-test-id="customer-list-selection"]',
      },
    },
    {
      vendor: 'zoho_desk', label: 'Zoho Desk', email: 'ava.admin@acme.co',
      contact: { url: `${origin('desk.zoho.localhost')}/agent/${DESK.portalName}/support/contacts/details/${DESK.contacts.htmlName}`, name: '<script>alert(1)</script> <b>Bold</b>', nameSelector: '[data-id="contactName"]' },
      list: {
        url: `${origin('desk.zoho.localhost')}/agent/${DESK.portalName}/support/contacts/list/all-contacts`,
        selectAll: '[data-id="contactListSelectAll"]', rowCheckbox: '[data-id="contactListRowCheckbox"]', selection: '[data-id="contactListSelection"]',
      },
    },
    {
      vendor: 'zoho_crm', label: 'Zoho CRM', email: 'ava.admin@acme.co',
      contact: { url: `${origin('crm.zoho.localhost')}/crm/org${CRM.orgId}/tab/Contacts/${CRM.records.htmlName}`, name: '<b>Bold</b> <img src=x onerror=alert(1)>', nameSelector: '[data-zcqa="recordName"]' },
      list: {
        url: `${origin('crm.zoho.localhost')}/crm/org${CRM.orgId}/tab/Contacts/custom-view/5843104000000087529/list`,
        selectAll: '[data-zcqa="lv_selectAll"]', rowCheckbox: '[data-zcqa="lv_rowCheckbox"]', selection: '[data-zcqa="lv_selectedCount"]',
      },
    },
    {
      vendor: 'zoho_connect', label: 'Zoho Connect', email: 'ava.admin@acme.co',
      // The seeded member of Acme Partner Hub whose name is HTML (seed/zoho-connect.ts).
      contact: { url: `${origin('connect.zoho.localhost')}/portal/acmepartners/profile/60020014`, name: '<b>Bold</b> Partner', nameSelector: '[data-zcqa="profileName"]' },
      list: {
        url: `${origin('connect.zoho.localhost')}/portal/acmecommunity/members`,
        selectAll: '[data-zcqa="memberSelectAll"]', rowCheckbox: '[data-zcqa="memberCheckbox"]', selection: '[data-zcqa="memberSelection"]',
      },
    },
  ];
}

/**
 * Fills every list view past 50 rows: 60 generated people per vendor, through the control API
 * (Connect: members of the external Acme Customer Community, CONNECT.networks.community).
 */
export async function seedLists(controlUrl: string, count = 60): Promise<void> {
  for (const vendor of ['zendesk', 'zoho_desk', 'zoho_crm', 'zoho_connect']) {
    const body = { vendor, count, mix: false, ...(vendor === 'zoho_connect' ? { account: CONNECT.networks.community } : {}) };
    const res = await fetch(`${controlUrl}/__sandbox/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`Could not add people to ${vendor}: ${res.status} ${await res.text()}`);
  }
}

/** Zendesk's /access/login or Zoho's accounts.zoho.localhost/signin. */
export function isSignInPage(url: string): boolean {
  const { hostname, pathname } = new URL(url);
  return pathname === '/access/login' || (hostname.startsWith('accounts.') && pathname === '/signin');
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.fill('#login-email', email);
  await page.fill('#login-password', SANDBOX_PASSWORD);
  await Promise.all([page.waitForURL((url) => !isSignInPage(url.toString())), page.click('#login-submit')]);
}

/** Opens `url`, signing in on the way if the page sends us to sign-in; ends on `url`. */
export async function openSignedIn(page: Page, url: string, email: string): Promise<{ signedIn: boolean }> {
  await page.goto(url);
  if (!isSignInPage(page.url())) return { signedIn: false };
  await signIn(page, email);
  await page.waitForURL(url);
  return { signedIn: true };
}

/** The text of the page's name heading once its script has filled it from the API. */
export async function renderedName(page: Page, selector: string): Promise<string> {
  const heading = page.locator(selector);
  await page.waitForFunction((sel) => {
    const text = document.querySelector(sel)?.textContent ?? '';
    return text !== '' && text !== 'Loading…';
  }, selector);
  return (await heading.textContent()) ?? '';
}

/** `data-portier` on <html>, which Portier's content script sets to `ready` (core/vendors/page-watch.ts). */
export async function contentScriptMarker(page: Page, timeoutMs = 15_000): Promise<string | undefined> {
  const read = () => page.evaluate(() => document.documentElement.dataset.portier);
  await page.waitForFunction(() => document.documentElement.dataset.portier !== undefined, undefined, { timeout: timeoutMs }).catch(() => undefined);
  return read();
}

/** Ticks "select all" on a list view; answers how many row checkboxes are ticked. */
export async function tickAll(page: Page, list: VendorTour['list']): Promise<number> {
  await page.locator(list.rowCheckbox).first().waitFor();
  await page.locator(list.selectAll).check();
  return page.locator(`${list.rowCheckbox}:checked`).count();
}
