import { useEffect, useState } from 'preact/hooks';
import type { Account, PageRecord } from '../../core/model';
import { useLiveQuery } from '../shared/live-query';
import { usePlatform } from '../shared/platform';

/** The tab the panel follows; `undefined` while unknown or when no tab is active. */
export function useActiveTab(): number | undefined {
  const { watchActiveTab } = usePlatform();
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  useEffect(() => watchActiveTab(setTabId), [watchActiveTab]);
  return tabId;
}

/**
 * What the background last recorded of the tab's page, kept current as the agent navigates.
 * `undefined` while loading, `null` when the tab shows no page Portier knows.
 */
export function usePageRecord(tabId: number | undefined): PageRecord | null | undefined {
  const { db } = usePlatform();
  return useLiveQuery(async () => (tabId === undefined ? null : ((await db.pages.get(tabId)) ?? null)), [db, tabId]);
}

/** The connected account of the page (live: a reconnect on the options page shows at once). */
export function useAccount(accountId: string | undefined): Account | null | undefined {
  const { db } = usePlatform();
  return useLiveQuery(async () => (accountId === undefined ? null : ((await db.accounts.get(accountId)) ?? null)), [db, accountId]);
}
