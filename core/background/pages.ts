import type { PortierDb } from '../db';
import { PageRecord, type Account, type PageContext } from '../model';
import { ZOHO_CANADA, ZOHO_DATA_CENTER_TLDS } from '../vendors/hosts';

/**
 * What each tab shows, kept in Dexie rather than in the worker's memory: an MV3 service worker is
 * stopped after 30 s idle, and the panel opened a minute later must still know the page.
 */

/**
 * The connected account a page belongs to. The URL names it by subdomain, org id or a portal name
 * (Desk and Connect URLs carry the portal's name, the account is connected by org id). A Zendesk
 * URL always names its account (the subdomain), so another subdomain is another account, never
 * the one connected (issue #12: a `globex` page must not read records of `acme`). A Zoho page
 * that matches nothing is taken for the one Zoho account of that vendor only while that account's
 * page names are unknown (connected before they were read from the vendor).
 */
export function matchAccount(context: PageContext, accounts: readonly Account[]): Account | undefined {
  const ofVendor = accounts.filter((a) => a.vendor === context.vendor);
  const name = context.account.toLowerCase();
  const named = ofVendor.find((a) => [a.id, a.orgId, a.subdomain, ...(a.pageNames ?? [])].some((n) => n !== undefined && n.toLowerCase() === name));
  if (named) return named;
  const connected = ofVendor.filter((a) => a.status === 'connected');
  // A CRM link without its org names only the data center's domain (`zoho.eu`): the one org connected there.
  const dataCenter = dataCenterOfDomain(name);
  const inDataCenter = dataCenter === undefined ? [] : connected.filter((a) => a.dataCenter === dataCenter);
  if (inDataCenter.length === 1) return inDataCenter[0];
  if (context.vendor === 'zendesk') return undefined;
  const only = connected.length === 1 ? connected[0] : undefined;
  return only && !only.pageNames?.length ? only : undefined;
}

/** `zoho.eu` → `eu`, `zohocloud.ca` → `ca`; undefined for anything that is not a Zoho web domain. */
function dataCenterOfDomain(name: string): string | undefined {
  if (name === ZOHO_CANADA.web) return 'ca';
  const tld = /^zoho\.(.+)$/.exec(name)?.[1];
  return tld && (ZOHO_DATA_CENTER_TLDS as readonly string[]).includes(tld) ? tld : undefined;
}

export async function rememberPage(db: PortierDb, tabId: number, context: PageContext, now: Date): Promise<PageRecord> {
  const account = matchAccount(context, await db.accounts.where('vendor').equals(context.vendor).toArray());
  const record: PageRecord = {
    tabId,
    context,
    ...(account ? { accountId: account.id } : {}),
    connected: account?.status === 'connected',
    at: now.toISOString(),
  };
  await db.pages.put(record);
  return record;
}

/** A row an older version wrote in another shape is no page at all, not a crash in the panel. */
export async function readPage(db: PortierDb, tabId: number): Promise<PageRecord | undefined> {
  const parsed = PageRecord.safeParse(await db.pages.get(tabId));
  return parsed.success ? parsed.data : undefined;
}

export async function forgetTab(db: PortierDb, tabId: number): Promise<void> {
  await db.pages.delete(tabId);
}

/**
 * Tab ids start again at each browser start, so a row of the last session would describe another
 * page. Only rows older than this worker go: a restored tab may already have reported its page.
 */
export async function forgetPagesBefore(db: PortierDb, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  return db.pages.filter((p) => p.at < cutoff).delete();
}

/**
 * Installed or updated: the content scripts in tabs already open belong to the extension as it
 * was (Chrome does not inject the new one until the tab loads again), and cannot answer a panel.
 * The ticks their pages reported before are not known to be the page's any more: they become
 * unread, so that a panel says so (and what to do) instead of showing them as the page's.
 */
export async function unreadTicksBefore(db: PortierDb, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  return db.pages
    .filter((p) => p.at < cutoff && p.context.selection !== undefined)
    .modify((p) => {
      const { selection: _read, ...context } = p.context;
      p.context = { ...context, selectionUnread: true };
    });
}
