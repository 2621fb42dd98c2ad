import { browser } from 'wxt/browser';
import type { PortierDb } from '../../core/db';
import { parseResponse, type Request, type RequestType, type ResultFor } from '../../core/messages';
import { panelPort } from './panel-port';
import { connectHash } from '../options/connect-target';
import { firstLookTaker, pinnedTab, type FirstLook } from './first-look';
import { firstScreenGate } from './first-screen';
import { AskError, type Platform } from './platform';
import { tabWatch } from './tab-watch';

/**
 * How long a request may go unanswered before the page says so rather than spin forever. Generous:
 * a CSV preview looks up each address under the vendor's rate limit, and a sign-in window waits
 * for the agent.
 */
const ASK_TIMEOUT_MS = 3 * 60_000;
const CONNECT_TIMEOUT_MS = 10 * 60_000;

/** Resolves when the page has a moment to spare (at most a second later). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  });
}

/**
 * The Platform of the real extension pages (side panel, options): messages through the runtime,
 * the shared IndexedDB, the active tab of the panel's window. `afterFirstScreen`: the database
 * waits until the page says its first screen is shown (the side panel).
 */
export function browserPlatform(options: { afterFirstScreen?: boolean; firstLook?: Promise<FirstLook> } = {}): Platform {
  let db: Promise<PortierDb> | undefined;
  const port = panelPort();
  const firstScreen = options.afterFirstScreen ? firstScreenGate() : undefined;
  const takeFirstLook = firstLookTaker(options.firstLook);
  const pages = tabWatch();
  /** The raw answer: the panel's first question may have been asked before its code loaded (first-look.ts). */
  const answerOf = async (request: Request): Promise<unknown> => {
    const early = request.type === 'getPageContext' ? await takeFirstLook(request.tabId) : undefined;
    return early ? early.raw : browser.runtime.sendMessage(request);
  };
  return {
    // After the first screen: compiling Dexie (100 kB) would compete with the verdicts' render on
    // the main thread, and nothing on that screen needs it (the live parts fill in just after).
    database: () =>
      (db ??= Promise.resolve(firstScreen?.passed)
        .then(whenIdle)
        .then(() => import('../../core/db'))
        .then((m) => m.openDb())),
    firstScreenShown: () => firstScreen?.shown(),
    async ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<ResultFor<T>> {
      let raw: unknown;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A sign-in window waits for the agent (core/background/deadline.ts AUTHORIZE_MS): so does the page.
      const limitMs = request.type === 'connectAccount' || request.type === 'zohoSignIn' ? CONNECT_TIMEOUT_MS : ASK_TIMEOUT_MS;
      port.revive();
      const seconds = Math.round(limitMs / 1000);
      const timedOut = new Error(`no answer after ${seconds} s`);
      try {
        raw = await Promise.race([
          answerOf(request),
          new Promise<never>((_, fail) => {
            timer = setTimeout(() => fail(timedOut), limitMs);
          }),
        ]);
      } catch (error) {
        // The browser's own words when it refused the message; ours when the wait ran out.
        const detail = error instanceof Error ? error.message : String(error);
        const localized = {
          en: `Portier's background did not answer (${detail}). Reload the extension and try again.`,
          fr: `L'arrière-plan de Portier n'a pas répondu (${error === timedOut ? `aucune réponse après ${seconds} s` : detail}). Rechargez l'extension et réessayez.`,
        };
        throw new AskError('INTERNAL', localized.en, localized);
      } finally {
        clearTimeout(timer);
      }
      const response = parseResponse(request.type as T, raw);
      if (!response.ok) throw new AskError(response.error.code, response.error.message, response.error.localized);
      return response.result;
    },
    watchActiveTab(tell) {
      const listener = (tabId: number | undefined) => {
        port.follows(tabId);
        tell(tabId);
      };
      const pinned = pinnedTab(globalThis.location?.search ?? '');
      if (pinned !== undefined) {
        listener(pinned);
        return () => undefined;
      }
      let windowId: number | undefined;
      const report = async () => {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        windowId = tab?.windowId;
        listener(tab?.id);
      };
      const onActivated = (info: { tabId: number; windowId: number }) => {
        if (windowId === undefined || info.windowId === windowId) listener(info.tabId);
      };
      browser.tabs.onActivated.addListener(onActivated);
      void report();
      return () => browser.tabs.onActivated.removeListener(onActivated);
    },
    watchPage: (tabId) => pages.watch(tabId),
    openOptions(at) {
      // openOptionsPage takes no address: a page of an account to connect opens the options in a tab at its form.
      if (at) void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${connectHash(at)}` });
      else void browser.runtime.openOptionsPage();
    },
    preferences: {
      get: (key) => globalThis.localStorage?.getItem(key) ?? null,
      set: (key, value) => globalThis.localStorage?.setItem(key, value),
    },
  };
}
