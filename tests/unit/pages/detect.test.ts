import { describe, expect, it } from 'vitest';
import { PageContext } from '../../../core/model/page-context';
import type { Vendor } from '../../../core/model/vendor';
import { MAX_PAGE_URL } from '../../../core/model/page-ids';
import { detectPage, PAGE_READERS } from '../../../core/vendors/pages';
import { SANDBOX_PAGE_HOSTS } from '../../../core/vendors/sandbox-pages';
import { URL_TABLES, type UrlCase } from '../../fixtures/urls';

/**
 * The URL tables of tests/fixtures/urls, refined-github style: each vendor's detector gives exactly
 * what its own table expects, and null for every URL of the other vendors' tables. The tables'
 * sandbox URLs are agent pages with the sandbox flavour's hosts only: a production detector
 * answers null to every `*.localhost` address.
 */
const VENDORS = Object.keys(URL_TABLES) as Vendor[];

/** The address kept: origin and path, or the origin alone on pages Portier does nothing on (never a query or fragment). */
const kept = (url: string, kind: string) => (kind === 'other' ? `${new URL(url).origin}/` : `${new URL(url).origin}${new URL(url).pathname}`);
const expected = ({ url, expect: page }: UrlCase) => (page === null ? null : { ...page, url: kept(url, page.pageKind) });
const onSandbox = (url: string) => new URL(url).hostname.endsWith('.localhost');
/** What a production build makes of the URL: the sandbox's pages are none of its business. */
const inProduction = (c: UrlCase) => (onSandbox(c.url) ? null : expected(c));

describe.each(VENDORS)('%s detector', (vendor) => {
  const { detect } = PAGE_READERS[vendor];

  it.each(URL_TABLES[vendor].map((c) => [c.url, c] as const))('its own URL %s, in the sandbox flavour', (url, c) => {
    expect(detect({ href: url }, SANDBOX_PAGE_HOSTS)).toStrictEqual(expected(c));
  });

  it.each(URL_TABLES[vendor].map((c) => [c.url, c] as const))('its own URL %s, in production', (url, c) => {
    expect(detect({ href: url })).toStrictEqual(inProduction(c));
  });

  const others = VENDORS.filter((v) => v !== vendor).flatMap((v) => URL_TABLES[v].map((c) => [v, c.url] as const));
  it.each(others)('answers null to a %s URL: %s', (_other, url) => {
    expect(detect({ href: url }, SANDBOX_PAGE_HOSTS)).toBeNull();
    expect(detect({ href: url })).toBeNull();
  });
});

describe('detectPage', () => {
  const all = VENDORS.flatMap((v) => URL_TABLES[v].map((c) => [c.url, c] as const));

  it.each(all)('%s', (url, c) => {
    expect(detectPage(new URL(url), SANDBOX_PAGE_HOSTS)).toStrictEqual(expected(c));
    expect(detectPage(new URL(url))).toStrictEqual(inProduction(c));
  });

  it('has sandbox pages in the tables of every vendor, and production ones', () => {
    for (const vendor of VENDORS) {
      const agentPages = URL_TABLES[vendor].filter((c) => c.expect !== null);
      expect(agentPages.some((c) => onSandbox(c.url)), vendor).toBe(true);
      expect(agentPages.some((c) => !onSandbox(c.url)), vendor).toBe(true);
    }
  });

  it('gives contexts the background accepts (the zod schema of the pageContext message)', () => {
    const pages = all.map(([url]) => detectPage({ href: url }, SANDBOX_PAGE_HOSTS)).filter((p) => p !== null);
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) expect(PageContext.safeParse(page).success).toBe(true);
  });

  it('drops the query of an address too long for a report, and takes a path that long for no page', () => {
    const long = `https://acme.zendesk.com/agent/users/42?q=${'x'.repeat(MAX_PAGE_URL)}#${'y'.repeat(100)}`;
    expect(detectPage({ href: long })).toMatchObject({ url: 'https://acme.zendesk.com/agent/users/42', recordIds: ['42'] });
    expect(detectPage({ href: `https://acme.zendesk.com/agent/users/42/${'x'.repeat(MAX_PAGE_URL)}` })).toBeNull();
  });

  it('takes a user id that is not digits for no user', () => {
    expect(detectPage({ href: 'https://acme.zendesk.com/agent/users/me' })).toMatchObject({ pageKind: 'other', recordIds: [] });
  });

  it.each([
    ['a Zendesk host in capitals', 'https://ACME.Zendesk.com/agent/users/42', { vendor: 'zendesk', account: 'acme', recordIds: ['42'] }],
    ['a Zoho Desk URL on any sandbox port', 'http://desk.zoho.localhost:3000/agent/acme/support/contacts/details/7', { vendor: 'zoho_desk', recordIds: ['7'] }],
    ['an encoded CRM custom URL name', 'https://crm.zoho.eu/crm/acme-corp/tab/Leads/123', { account: 'acme-corp', module: 'Leads', pageKind: 'contact' }],
  ])('reads %s', (_what, href, part) => {
    expect(detectPage({ href }, SANDBOX_PAGE_HOSTS)).toMatchObject(part);
  });

  it.each([
    ['not a URL', 'agent/users/42'],
    ['an empty address', ''],
    ['a page of the browser', 'about:blank'],
    ['a file', 'file:///agent/users/42'],
    ['a Zendesk subdomain of two labels', 'https://a.b.zendesk.com/agent/users/42'],
    ['a Zoho app that is not Desk, CRM or Connect', 'https://projects.zoho.com/portal/acme/members'],
    ['a Zoho data center that does not exist', 'https://crm.zoho.xyz/crm/org1/tab/Contacts/2'],
    ['a CRM path of no app (`/crm` alone)', 'https://crm.zoho.com/crm'],
    ['a Zoho Desk path without a portal', 'https://desk.zoho.com/agent'],
    ['the sandbox over an unknown scheme', 'ftp://acme.zendesk.localhost/agent/users/42'],
  ])('answers null to %s', (_what, href) => {
    expect(detectPage({ href }, SANDBOX_PAGE_HOSTS)).toBeNull();
  });
});
