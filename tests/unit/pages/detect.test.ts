import { describe, expect, it } from 'vitest';
import { PageContext } from '../../../core/model/page-context';
import type { Vendor } from '../../../core/model/vendor';
import { detectPage, PAGE_READERS } from '../../../core/vendors/pages';
import { URL_TABLES, type UrlCase } from '../../fixtures/urls';

/**
 * The URL tables of tests/fixtures/urls, refined-github style: each vendor's detector gives exactly
 * what its own table expects, and null for every URL of the other vendors' tables.
 */
const VENDORS = Object.keys(URL_TABLES) as Vendor[];

const expected = ({ url, expect: page }: UrlCase) => (page === null ? null : { ...page, url: new URL(url).href });

describe.each(VENDORS)('%s detector', (vendor) => {
  const { detect } = PAGE_READERS[vendor];

  it.each(URL_TABLES[vendor].map((c) => [c.url, c] as const))('its own URL %s', (url, c) => {
    expect(detect({ href: url })).toStrictEqual(expected(c));
  });

  const others = VENDORS.filter((v) => v !== vendor).flatMap((v) => URL_TABLES[v].map((c) => [v, c.url] as const));
  it.each(others)('answers null to a %s URL: %s', (_other, url) => {
    expect(detect({ href: url })).toBeNull();
  });
});

describe('detectPage', () => {
  const all = VENDORS.flatMap((v) => URL_TABLES[v].map((c) => [c.url, c] as const));

  it.each(all)('%s', (url, c) => {
    expect(detectPage(new URL(url))).toStrictEqual(expected(c));
  });

  it('gives contexts the background accepts (the zod schema of the pageContext message)', () => {
    const pages = all.map(([url]) => detectPage({ href: url })).filter((p) => p !== null);
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) expect(PageContext.safeParse(page).success).toBe(true);
  });

  it('takes a user id that is not digits for no user', () => {
    expect(detectPage({ href: 'https://acme.zendesk.com/agent/users/me' })).toMatchObject({ pageKind: 'other', recordIds: [] });
  });

  it.each([
    ['a Zendesk host in capitals', 'https://ACME.Zendesk.com/agent/users/42', { vendor: 'zendesk', account: 'acme', recordIds: ['42'] }],
    ['a Zoho Desk URL on any sandbox port', 'http://desk.zoho.localhost:3000/agent/acme/support/contacts/details/7', { vendor: 'zoho_desk', recordIds: ['7'] }],
    ['an encoded CRM custom URL name', 'https://crm.zoho.eu/crm/acme-corp/tab/Leads/123', { account: 'acme-corp', module: 'Leads', pageKind: 'contact' }],
  ])('reads %s', (_what, href, part) => {
    expect(detectPage({ href })).toMatchObject(part);
  });

  it.each([
    ['not a URL', 'agent/users/42'],
    ['an empty address', ''],
    ['a page of the browser', 'about:blank'],
    ['a file', 'file:///agent/users/42'],
    ['a Zendesk subdomain of two labels', 'https://a.b.zendesk.com/agent/users/42'],
    ['a Zoho app that is not Desk, CRM or Connect', 'https://projects.zoho.com/portal/acme/members'],
    ['a Zoho data center that does not exist', 'https://crm.zoho.xyz/crm/org1/tab/Contacts/2'],
    ['a CRM path without an org', 'https://crm.zoho.com/crm/tab/Contacts/955332000000441500'],
    ['a Zoho Desk path without a portal', 'https://desk.zoho.com/agent'],
    ['the sandbox over an unknown scheme', 'ftp://acme.zendesk.localhost/agent/users/42'],
  ])('answers null to %s', (_what, href) => {
    expect(detectPage({ href })).toBeNull();
  });
});
