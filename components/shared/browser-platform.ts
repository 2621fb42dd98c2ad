import { browser } from 'wxt/browser';
import { openDb } from '../../core/db';
import { parseResponse, type Request, type RequestType, type ResultFor } from '../../core/messages';
import { AskError, type Platform } from './platform';

/**
 * The Platform of the real extension pages (side panel, options): messages through the runtime,
 * the shared IndexedDB, the active tab of the panel's window.
 */
export function browserPlatform(): Platform {
  const db = openDb();
  return {
    db,
    async ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<ResultFor<T>> {
      let raw: unknown;
      try {
        raw = await browser.runtime.sendMessage(request);
      } catch (error) {
        throw new AskError('INTERNAL', `Portier's background did not answer (${error instanceof Error ? error.message : String(error)}). Reload the extension and try again.`);
      }
      const response = parseResponse(request.type as T, raw);
      if (!response.ok) throw new AskError(response.error.code, response.error.message);
      return response.result;
    },
    watchActiveTab(listener) {
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
    openOptions() {
      void browser.runtime.openOptionsPage();
    },
    preferences: {
      get: (key) => globalThis.localStorage?.getItem(key) ?? null,
      set: (key, value) => globalThis.localStorage?.setItem(key, value),
    },
  };
}
