/**
 * Every vendor's page reader in one list: `detectPage` asks each vendor in turn whose agent page
 * this is, `readSelection` reads the ticked rows of that vendor's list view. Adding a vendor is one
 * line here. The content script bundles this file: type imports and plain functions only.
 */
import type { Vendor } from '../model/vendor';
import type { DetectedPage, PageDetector, PageHosts, PageLocation, SelectionReader } from './page-url';
import * as zendesk from './zendesk/page';
import * as zohoConnect from './zoho-connect/page';
import * as zohoCrm from './zoho-crm/page';
import * as zohoDesk from './zoho-desk/page';

export type { DetectedPage, PageHosts, PageLocation } from './page-url';

export interface PageReader {
  detect: PageDetector;
  readSelection: SelectionReader;
}

export const PAGE_READERS: Readonly<Record<Vendor, PageReader>> = {
  zendesk,
  zoho_desk: zohoDesk,
  zoho_crm: zohoCrm,
  zoho_connect: zohoConnect,
};

const READERS = Object.values(PAGE_READERS);

/**
 * The vendor agent page at this address, or null: help centers, APIs, other sites. `hosts` are the
 * vendors' own unless the sandbox flavour gives its own (./sandbox-pages.ts).
 */
export function detectPage(location: PageLocation, hosts?: PageHosts): DetectedPage | null {
  for (const reader of READERS) {
    const page = reader.detect(location, hosts);
    if (page) return page;
  }
  return null;
}

/** The ids of the rows ticked in `vendor`'s list view; undefined when this markup is unknown. */
export function readSelection(doc: Document, vendor: Vendor): string[] | undefined {
  return PAGE_READERS[vendor].readSelection(doc);
}
