import type { Vendor } from './vendor';

/**
 * What an id or a name reported by the host page may look like, per vendor, and how much of them a
 * page may report. Checked where the content script reads the page (core/vendors/page-url.ts),
 * where its message arrives (./page-context.ts, core/messages.ts) and again where a connector puts
 * an id into a request path (core/vendors/path.ts). Plain constants: the content script bundles
 * this file, so it stays free of zod.
 */

/** Zendesk user and ticket ids, Zoho Desk contacts, Zoho CRM records, Zoho Connect zuids and networks: digits. */
export const RECORD_ID = /^[0-9]{1,30}$/;

/** A Zendesk subdomain, the `acme` of acme.zendesk.com: one DNS label, lower case as URLs give it. */
export const ZENDESK_SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A Desk portal or department, a Connect network, a CRM org's custom URL name, as the Zoho apps put
 * them in their paths. It begins with a letter or a digit, so it is never `.` or `..`.
 */
export const ZOHO_URL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** A Zoho CRM module's API name: `Contacts`, `Leads`, or a custom one such as `Partner_Contacts`. */
export const CRM_MODULE = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** What each vendor's pages may name: the account, the module (absent: the vendor's URLs name none), the records. */
export interface PagePatterns {
  account: RegExp;
  module?: RegExp;
  recordId: RegExp;
}

export const PAGE_PATTERNS: Readonly<Record<Vendor, PagePatterns>> = {
  zendesk: { account: ZENDESK_SUBDOMAIN, recordId: RECORD_ID },
  // The Desk "module" is the department its URLs name.
  zoho_desk: { account: ZOHO_URL_NAME, module: ZOHO_URL_NAME, recordId: RECORD_ID },
  zoho_crm: { account: ZOHO_URL_NAME, module: CRM_MODULE, recordId: RECORD_ID },
  zoho_connect: { account: ZOHO_URL_NAME, recordId: RECORD_ID },
};

/**
 * The most ticked rows a page may report. No vendor draws more than 200 rows on a list-view page;
 * a list that scrolls on loads more, and a bigger selection is a CSV import's job.
 */
export const MAX_PAGE_SELECTION = 500;

/** A URL names one user, ticket or record; a few more is already a forgery. */
export const MAX_PAGE_RECORD_IDS = 5;

/** Longer addresses than browsers and servers commonly accept are no agent page. */
export const MAX_PAGE_URL = 2048;
