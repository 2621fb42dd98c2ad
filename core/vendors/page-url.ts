/**
 * What the four page readers (core/vendors/<vendor>/page.ts) share: reading a URL once and telling a
 * vendor host from a lookalike. Type imports and plain constants only: the content script bundles
 * this file and must stay free of zod, Dexie and ky.
 */
import type { PageContext } from '../model/page-context';
import { MAX_PAGE_URL, RECORD_ID, ZENDESK_SUBDOMAIN, ZOHO_URL_NAME } from '../model/page-ids';
import type { Vendor } from '../model/vendor';
import { ZOHO_CANADA, ZOHO_DATA_CENTER_TLDS } from './hosts';

export { readTickedRows, type ListMarkup } from './list-view';

/** A page as the detectors see it: the tab's Location, a URL, or anything with an `href`. */
export type PageLocation = { readonly href: string } | URL;

/** What a detector answers: the page without its ticked rows, which only the DOM can tell. */
export type DetectedPage = Omit<PageContext, 'selection'>;

/**
 * Where the agent apps are served. Production builds know only the vendors' own domains; the
 * sandbox flavour adds the sandbox helpdesk's (./sandbox-pages.ts), so no production bundle carries them.
 */
export interface PageHosts {
  /** Domains whose subdomains are Zendesk accounts: `zendesk.com`. */
  zendesk: readonly string[];
  /** Domains of Zoho's apps, one per data center: `<app>.zoho.eu`. */
  zoho: readonly string[];
  /** The sandbox's own domains, served over http on any port as well. */
  sandbox?: { zendesk: string; zoho: string };
}

export type PageDetector = (location: PageLocation, hosts?: PageHosts) => DetectedPage | null;

/** Reads the ticked rows of a list view; undefined when this page's markup is none we know. */
export type SelectionReader = (doc: Document) => string[] | undefined;

/** Zoho's web domains, one per data center; Canada has its own (NOTES.md §2.6, core/vendors/hosts.ts). */
export const ZOHO_WEB_DOMAINS: readonly string[] = [...ZOHO_DATA_CENTER_TLDS.map((tld) => `zoho.${tld}`), ZOHO_CANADA.web];

/** The vendors' own hosts: what every production build runs on. */
export const VENDOR_PAGE_HOSTS: PageHosts = { zendesk: ['zendesk.com'], zoho: ZOHO_WEB_DOMAINS };

/** A portal, department, network or CRM URL name as the Zoho apps put it in their paths. */
export const isUrlName = (name: string): boolean => ZOHO_URL_NAME.test(name);

/** True when the page is on the Zoho `app` (desk, crm, connect) of any data center (or of the sandbox, when `hosts` has it). */
export const isZohoApp = (url: URL, app: string, hosts: PageHosts): boolean => hostLabel(url, hosts.zoho, hosts.sandbox?.zoho) === app;

/** Ids of Zendesk users and tickets, Zoho records, contacts and zuids: all digits. */
export const isNumericId = (id: string): boolean => RECORD_ID.test(id);

const HOST_LABEL = ZENDESK_SUBDOMAIN;

/**
 * Parses the page's address; undefined for anything that is not an absolute URL. An address longer
 * than a page report may carry loses its query and fragment, which no detector reads; still too
 * long, it is no agent page.
 */
export function parsePageUrl(location: PageLocation): URL | undefined {
  let url: URL;
  try {
    url = new URL(location.href);
  } catch {
    return undefined;
  }
  if (url.href.length > MAX_PAGE_URL) {
    url.search = '';
    url.hash = '';
  }
  return url.href.length > MAX_PAGE_URL ? undefined : url;
}

/**
 * The single host label in front of one of `domains` (`acme` of acme.zendesk.com), or undefined.
 * Production hosts count over https only; the sandbox's hosts, when given, over http too, on any
 * port. A suffix match on whole labels keeps `acme.zendesk.com.evil.io` and `acme-zendesk.com` out.
 */
export function hostLabel(url: URL, domains: readonly string[], sandboxDomain?: string): string | undefined {
  const sandbox = sandboxDomain !== undefined && url.hostname.endsWith(`.${sandboxDomain}`);
  if (url.protocol !== 'https:' && !(sandbox && url.protocol === 'http:')) return undefined;
  for (const domain of sandbox ? [sandboxDomain] : domains) {
    if (!url.hostname.endsWith(`.${domain}`)) continue;
    const label = url.hostname.slice(0, -domain.length - 1);
    return HOST_LABEL.test(label) ? label : undefined;
  }
  return undefined;
}

/** The path's segments, decoded; an empty segment (`//`, a trailing `/`) is dropped. */
export function pathSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

export function detectedPage(
  vendor: Vendor,
  account: string,
  pageKind: DetectedPage['pageKind'],
  url: URL,
  recordIds: string[] = [],
  module?: string,
): DetectedPage {
  return { vendor, account, pageKind, ...(module === undefined ? {} : { module }), recordIds, url: keptAddress(url, pageKind) };
}

/**
 * The address kept with the page (the `pages` table, until the tab closes): its origin and path,
 * never the query or fragment, which carry what the agent searched for (`?q=jane.doe@…`); for a
 * page Portier does nothing on (a search, a report), the origin only. Detection has read the
 * whole address already; what Portier acts on is in `recordIds`.
 */
function keptAddress(url: URL, pageKind: DetectedPage['pageKind']): string {
  return pageKind === 'other' ? `${url.origin}/` : `${url.origin}${url.pathname}`;
}
