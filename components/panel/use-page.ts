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
  const first = useFirstAnswer(tabId);
  const live = useLiveQuery(async (db) => (tabId === undefined ? null : ((await db.pages.get(tabId)) ?? null)), [tabId]);
  return live !== undefined ? live : first?.record;
}

/** The connected account of the page (live: a reconnect on the options page shows at once). */
export function useAccount(tabId: number | undefined, accountId: string | undefined): Account | null | undefined {
  const first = useFirstAnswer(tabId);
  const live = useLiveQuery(async (db) => (accountId === undefined ? null : ((await db.accounts.get(accountId)) ?? null)), [accountId]);
  if (live !== undefined) return live;
  if (accountId === undefined) return null;
  return first?.account?.id === accountId ? first.account : undefined;
}

interface FirstAnswer {
  record: PageRecord | null;
  account: Account | null;
}

/**
 * The page and its account as the background has them, asked once per tab: the panel's first
 * screen does not wait for the database (and Dexie's code) to load; the live queries take over as
 * soon as they answer. A refused answer leaves it to them.
 */
function useFirstAnswer(tabId: number | undefined): FirstAnswer | undefined {
  const { ask } = usePlatform();
  const [answer, setAnswer] = useState<{ tabId: number; value: FirstAnswer } | undefined>(undefined);
  useEffect(() => {
    if (tabId === undefined) return;
    let current = true;
    ask({ type: 'getPageContext', tabId }).then(
      (result) => current && setAnswer({ tabId, value: { record: result.record ?? null, account: result.account ?? null } }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [ask, tabId]);
  return answer && answer.tabId === tabId ? answer.value : undefined;
}
