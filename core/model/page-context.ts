import * as z from 'zod/mini';
import { MAX_PAGE_RECORD_IDS, MAX_PAGE_SELECTION, MAX_PAGE_URL, PAGE_PATTERNS } from './page-ids';
import { Vendor, VENDOR_NAMES } from './vendor';

/**
 * What the content script tells the panel about the host page: ids read from the URL (and, on list
 * views, the ticked rows). Never names or emails: those come from the vendor API.
 * The host page can reach the content script, so every field is bounded and every id and name
 * checked against the vendor's own pattern (./page-ids.ts) here, where the message arrives.
 */
/**
 * `organization`: a Zendesk organization, a Zoho Desk account or a Zoho CRM Accounts record, whose
 * members are a bulk source (its id is the one record id).
 */
export const PageKind = z.enum(['contact', 'ticket', 'organization', 'list', 'other']);
export type PageKind = z.infer<typeof PageKind>;

/** Only web pages are agent pages; the sandbox's are http, the vendors' https. */
function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export const PageContext = z
  .object({
    vendor: Vendor,
    /** Zendesk subdomain, Zoho org id or portal name: whatever the URL says identifies the account. */
    account: z.string().check(z.minLength(1), z.maxLength(100)),
    pageKind: PageKind,
    /** CRM module or Desk department when the URL names it. */
    module: z.optional(z.string().check(z.maxLength(100))),
    recordIds: z.array(z.string()).check(z.maxLength(MAX_PAGE_RECORD_IDS, `a page names at most ${MAX_PAGE_RECORD_IDS} records`)),
    /** Ticked rows of a list view; absent when the page cannot say. */
    selection: z.optional(
      z.array(z.string()).check(z.maxLength(MAX_PAGE_SELECTION, `at most ${MAX_PAGE_SELECTION} rows of a list view are read at once`)),
    ),
    /**
     * A list view whose ticked rows were not read: no panel watched the tab (the content script
     * reads ticks only for one, core/vendors/page-watch.ts). `selection` is absent then.
     */
    selectionUnread: z.optional(z.literal(true)),
    url: z.string().check(z.maxLength(MAX_PAGE_URL), z.refine(isWebUrl, 'not the address of a web page')),
  })
  .check(
    z.superRefine((page, ctx) => {
      const patterns = PAGE_PATTERNS[page.vendor];
      const vendor = VENDOR_NAMES[page.vendor];
      const refuse = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (!patterns.account.test(page.account)) refuse(['account'], `not a ${vendor} account name`);
      if (page.module !== undefined && !patterns.module?.test(page.module)) {
        refuse(['module'], patterns.module ? `not a ${vendor} ${page.vendor === 'zoho_crm' ? 'module' : 'department'} name` : `${vendor} pages name no module`);
      }
      // One forged id is enough to refuse the whole report: the page is not what it claims.
      const badRecord = page.recordIds.findIndex((id) => !patterns.recordId.test(id));
      if (badRecord >= 0) refuse(['recordIds', badRecord], `not a ${vendor} record id (digits only)`);
      if (page.selectionUnread && (page.selection !== undefined || page.pageKind !== 'list')) {
        refuse(['selectionUnread'], page.selection !== undefined ? 'a selection that was read is not unread' : 'only a list view has ticked rows');
      }
      const badRow = page.selection?.findIndex((id) => !patterns.recordId.test(id)) ?? -1;
      if (badRow >= 0) refuse(['selection', badRow], `not a ${vendor} record id (digits only)`);
    }),
  );
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
