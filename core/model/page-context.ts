import * as z from 'zod/mini';
import { Vendor } from './vendor';

/**
 * What the content script tells the panel about the host page: ids read from the URL (and, on list
 * views, the ticked rows). Never names or emails: those come from the vendor API.
 */
export const PageKind = z.enum(['contact', 'ticket', 'list', 'other']);
export type PageKind = z.infer<typeof PageKind>;

export const PageContext = z.object({
  vendor: Vendor,
  /** Zendesk subdomain, Zoho org id or portal name: whatever the URL says identifies the account. */
  account: z.string(),
  pageKind: PageKind,
  /** CRM module or Desk department when the URL names it. */
  module: z.optional(z.string()),
  recordIds: z.array(z.string()),
  /** Ticked rows of a list view; absent when the page cannot say. */
  selection: z.optional(z.array(z.string())),
  url: z.string(),
});
export type PageContext = z.infer<typeof PageContext>;

/**
 * What the background keeps of each tab's page, in the Dexie `pages` table (by `tabId`), so the
 * panel follows the page with a liveQuery and a stopped service worker forgets nothing.
 * `accountId` is the connected account the page belongs to, when one matches.
 */
export const PageRecord = z.object({
  tabId: z.int().check(z.nonnegative()),
  context: PageContext,
  accountId: z.optional(z.string()),
  connected: z.boolean(),
  at: z.string(),
});
export type PageRecord = z.infer<typeof PageRecord>;
