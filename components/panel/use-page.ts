import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { LastCard } from '../../core/messages';
import type { Account, PageRecord } from '../../core/model';
import { useLiveQuery } from '../shared/live-query';
import { usePlatform } from '../shared/platform';

/*
 * The panel's first screen waits for one question to the background, asked the moment the panel
 * knows its tab: these hooks start their work in layout effects, which run right after the render,
 * where Preact runs plain effects only after the next frame is painted (a frame lost per step).
 */

/** The tab the panel follows; `undefined` while unknown or when no tab is active. */
export function useActiveTab(): number | undefined {
  const { watchActiveTab } = usePlatform();
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  useLayoutEffect(() => watchActiveTab(setTabId), [watchActiveTab]);
  return tabId;
}

/** What the background answered when the panel first asked about a tab. */
export interface FirstAnswer {
  tabId: number;
  record: PageRecord | null;
  account: Account | null;
  /** On a contact page: the verdicts as last checked (null: none kept), for the first screen. */
  lastCard?: LastCard | null | undefined;
}

/**
 * The page and its account as the background has them, asked once per tab: the panel's first
 * screen does not wait for the database (and Dexie's code) to load; the live queries take over as
 * soon as they answer. A refused answer leaves it to them.
 */
export function useFirstAnswer(tabId: number | undefined): FirstAnswer | undefined {
  const { ask } = usePlatform();
  const [answer, setAnswer] = useState<FirstAnswer | undefined>(undefined);
  useLayoutEffect(() => {
    if (tabId === undefined) return;
    let current = true;
    ask({ type: 'getPageContext', tabId }).then(
      (result) => current && setAnswer({ tabId, record: result.record ?? null, account: result.account ?? null, lastCard: result.lastCard }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [ask, tabId]);
  return answer && answer.tabId === tabId ? answer : undefined;
}

/**
 * What the background last recorded of the tab's page, kept current as the agent navigates.
 * `undefined` while loading, `null` when the tab shows no page Portier knows.
 */
export function usePageRecord(tabId: number | undefined, first: FirstAnswer | undefined): PageRecord | null | undefined {
  const live = useLiveQuery(async (db) => (tabId === undefined ? null : ((await db.pages.get(tabId)) ?? null)), [tabId]);
  return live !== undefined ? live : first?.record;
}

/** The connected account of the page (live: a reconnect on the options page shows at once). */
export function useAccount(accountId: string | undefined, first: FirstAnswer | undefined): Account | null | undefined {
  const live = useLiveQuery(async (db) => (accountId === undefined ? null : ((await db.accounts.get(accountId)) ?? null)), [accountId]);
  if (live !== undefined) return live;
  if (accountId === undefined) return null;
  return first?.account?.id === accountId ? first.account : undefined;
}

/**
 * The first answer's last card, for the page it was read for only: once the tab reports another
 * page (even the same contact again), the contact view asks for the card as it is then.
 */
export function firstCardFor(first: FirstAnswer | undefined, record: PageRecord): LastCard | null | undefined {
  const asked = first?.record;
  if (!asked || asked.tabId !== record.tabId || asked.at !== record.at || asked.accountId !== record.accountId) return undefined;
  return asked.context.recordIds[0] === record.context.recordIds[0] ? first.lastCard : undefined;
}

/**
 * Keeps the panel watching the page it shows (Platform.watchPage), so the content script reads the
 * agent's ticks while the panel is open, and only then. Asked again at each page the tab reports
 * (`reportedAt`): a full load ended the port with the old page, and the new one has just reported.
 * After the paint: the first screen does not wait for it.
 */
export function usePageWatch(tabId: number | undefined, reportedAt: string | undefined): void {
  const { watchPage } = usePlatform();
  useEffect(() => watchPage?.(tabId), [watchPage, tabId, reportedAt]);
  useEffect(() => () => watchPage?.(undefined), [watchPage]);
}
