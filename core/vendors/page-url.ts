/**
 * What the four page readers (core/vendors/<vendor>/page.ts) share: reading a URL once, telling a
 * vendor host from a lookalike, and reading the ticked rows of a list view through a list of
 * markups tried in order. Type imports and plain constants only: the content script bundles this
 * file and must stay free of zod, Dexie and ky.
 */
import type { PageContext } from '../model/page-context';
import type { Vendor } from '../model/vendor';
import { ZOHO_CANADA, ZOHO_DATA_CENTER_TLDS } from './hosts';

/** A page as the detectors see it: the tab's Location, a URL, or anything with an `href`. */
export type PageLocation = { readonly href: string } | URL;

/** What a detector answers: the page without its ticked rows, which only the DOM can tell. */
export type DetectedPage = Omit<PageContext, 'selection'>;

export type PageDetector = (location: PageLocation) => DetectedPage | null;

/** Reads the ticked rows of a list view; undefined when this page's markup is none we know. */
export type SelectionReader = (doc: Document) => string[] | undefined;

/** Zoho's web domains, one per data center; Canada has its own (NOTES.md §2.6, core/vendors/hosts.ts). */
export const ZOHO_WEB_DOMAINS: readonly string[] = [...ZOHO_DATA_CENTER_TLDS.map((tld) => `zoho.${tld}`), ZOHO_CANADA.web];

/** The sandbox helpdesk serves Zoho's apps on `<app>.zoho.localhost` (tests/sandbox/README.md). */
export const ZOHO_SANDBOX_DOMAIN = 'zoho.localhost';

/** A portal, department, network or CRM URL name as the Zoho apps put it in their paths. */
export const isUrlName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(name);

/** True when the page is on the Zoho `app` (desk, crm, connect) of any data center or of the sandbox. */
export const isZohoApp = (url: URL, app: string): boolean => hostLabel(url, ZOHO_WEB_DOMAINS, ZOHO_SANDBOX_DOMAIN) === app;

/** Ids of Zendesk users and tickets, Zoho records, contacts and zuids: all digits. */
export const isNumericId = (id: string): boolean => /^[0-9]{1,30}$/.test(id);

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Parses the page's address; undefined for anything that is not an absolute URL. */
export function parsePageUrl(location: PageLocation): URL | undefined {
  try {
    return new URL(location.href);
  } catch {
    return undefined;
  }
}

/**
 * The single host label in front of one of `domains` (`acme` of acme.zendesk.com), or undefined.
 * Production hosts count over https only; the sandbox's `*.localhost` hosts over http too, on any
 * port. A suffix match on whole labels keeps `acme.zendesk.com.evil.io` and `acme-zendesk.com` out.
 */
export function hostLabel(url: URL, domains: readonly string[], sandboxDomain: string): string | undefined {
  const sandbox = url.hostname.endsWith(`.${sandboxDomain}`);
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
  return { vendor, account, pageKind, ...(module === undefined ? {} : { module }), recordIds, url: url.href };
}

/**
 * One way a vendor has drawn its list view. `row` matches one element per record; the id is read
 * from the row's `idAttribute`, else from its checkbox's value. A row is ticked when its checkbox
 * is checked, or, for markups without checkboxes, when it is `aria-selected="true"`.
 */
export interface ListMarkup {
  /** The list's container: present with no rows, the list is empty (selection []), not unknown. */
  table?: string;
  /** The header box that ticks every row of the page. */
  selectAll?: string;
  row: string;
  idAttribute?: string;
  /** Stripped from the id attribute's value: Zoho CRM rows are `lvTr_{id}`. */
  idPrefix?: string;
  /** The row's own checkbox, searched inside the row. */
  checkbox?: string;
}

function rowId(row: Element, markup: ListMarkup, isId: (id: string) => boolean): string | undefined {
  let fromRow = markup.idAttribute ? row.getAttribute(markup.idAttribute)?.trim() : undefined;
  if (fromRow !== undefined && markup.idPrefix !== undefined) fromRow = fromRow.startsWith(markup.idPrefix) ? fromRow.slice(markup.idPrefix.length) : undefined;
  if (fromRow !== undefined && isId(fromRow)) return fromRow;
  const box = markup.checkbox ? row.querySelector<HTMLInputElement>(markup.checkbox) : null;
  const fromBox = box?.value.trim();
  return fromBox !== undefined && isId(fromBox) ? fromBox : undefined;
}

function isTicked(row: Element, markup: ListMarkup): boolean {
  if (!markup.checkbox) return row.getAttribute('aria-selected') === 'true';
  return row.querySelector<HTMLInputElement>(markup.checkbox)?.checked === true;
}

/**
 * The ids of the ticked rows, in page order and each once, read with the first markup the page
 * has. A checked "select all" (not indeterminate) stands for every row of the page. Ids that are
 * not ids (`on`, a name) are skipped: the host page is untrusted input.
 */
export function readTickedRows(doc: Document, markups: readonly ListMarkup[], isId: (id: string) => boolean): string[] | undefined {
  for (const markup of markups) {
    const rows = doc.querySelectorAll(markup.row);
    const selectAll = markup.selectAll ? doc.querySelector<HTMLInputElement>(markup.selectAll) : null;
    if (rows.length === 0 && !selectAll && !(markup.table && doc.querySelector(markup.table))) continue;
    const all = selectAll?.checked === true && !selectAll.indeterminate;
    const ids = new Set<string>();
    for (const row of rows) {
      if (!all && !isTicked(row, markup)) continue;
      const id = rowId(row, markup, isId);
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }
  return undefined;
}
