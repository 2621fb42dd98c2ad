/**
 * The side panel's first question, asked before the panel's code has loaded. sidepanel.html starts
 * with a small classic script (entrypoints/panel-first-look.ts) that the browser runs while it is
 * still parsing the page: it asks the background what the panel's tab shows, and the panel's
 * modules (Preact, zod, the views: some 40 kB gzip to fetch, compile and run) load meanwhile. The
 * panel's own first `getPageContext` for that tab then takes this answer instead of asking again
 * (browser-platform.ts), so the verdicts of a contact seen before wait for no round trip of
 * their own. Plain code with no import: the script must stay about a kilobyte.
 */

/** Where the script leaves its question for the panel (a property of the page's global object). */
export const FIRST_LOOK_GLOBAL = '__portierFirstLook';

export interface FirstLook {
  /** The tab the panel follows at start (undefined: none active). */
  tabId: number | undefined;
  /** The background's raw answer to `getPageContext` for it, unparsed: the panel parses it as any answer. */
  answer: Promise<unknown> | undefined;
}

/** The two calls the script makes, as both browsers' extension APIs answer them in MV3 (promises). */
export interface FirstLookApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: { active: boolean; currentWindow: boolean }): Promise<{ id?: number }[]> };
}

/**
 * `sidepanel.html?tab=12` follows that tab whatever is active: the panel opened in a tab of its own
 * (e2e tests, the bench, an agent who prefers a window) would otherwise follow itself.
 */
export function pinnedTab(search: string): number | undefined {
  const tab = Number(new URLSearchParams(search).get('tab'));
  return Number.isInteger(tab) && tab > 0 ? tab : undefined;
}

/** Asks the background about the tab the panel will follow: pinned, else the active tab of its window. */
export async function askFirstLook(api: FirstLookApi, search: string): Promise<FirstLook> {
  const tabId = pinnedTab(search) ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  const answer = tabId === undefined ? undefined : api.runtime.sendMessage({ type: 'getPageContext', tabId });
  // Nobody may come for it (the panel switched tabs first): its failure is then no one's error.
  answer?.catch(() => undefined);
  return { tabId, answer };
}

/**
 * How long the panel's first render waits for the first look's answer: when the background answered
 * while the code loaded (the usual case), the first frame already shows the page, with no loading
 * frame and no second render; a background slower than that (a worker starting) gets the loading
 * state instead of a blank panel.
 */
export const FIRST_LOOK_WAIT_MS = 50;

/** Resolves once the first look is answered (or failed), or after `waitMs`. Never rejects. */
export async function awaitFirstLook(look: Promise<FirstLook> | undefined, waitMs = FIRST_LOOK_WAIT_MS): Promise<void> {
  if (!look) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    look.then((found) => found.answer).catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, waitMs);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * The answer to the panel's first `getPageContext`, once: the script's answer for that very tab
 * (`{ raw }`), or undefined (ask the background). A later question is asked afresh: the page may
 * have changed since.
 */
export function firstLookTaker(look: Promise<FirstLook> | undefined): (tabId: number) => Promise<{ raw: unknown } | undefined> {
  let pending = look;
  return async (tabId) => {
    const taken = pending;
    pending = undefined;
    const found = await taken?.catch(() => undefined);
    return found?.answer && found.tabId === tabId ? { raw: await found.answer } : undefined;
  };
}
