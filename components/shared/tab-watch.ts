import { browser } from 'wxt/browser';
import { PAGE_WATCH_PORT } from '../../core/vendors/page-watch';

/** The part of a runtime port this file uses. */
export interface WatchPort {
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface TabWatch {
  /**
   * Watches the page of `tabId` (undefined: none). Idempotent while the port to that tab is open:
   * the panel calls it at each page the tab reports, and only a port a full page load ended is
   * opened again.
   */
  watch(tabId: number | undefined): void;
}

/**
 * The panel's port to the content script of the tab it follows (core/vendors/page-watch.ts): while
 * it is open, the content script reads the agent's ticks on a list view; while no panel is open,
 * it reads none, and a "select all" costs the host page nothing. The port ends with the page (a
 * full load, a closed tab) and with the panel; a tab with no content script (a browser page, a tab
 * opened before Portier was installed) ends it at once, which is no error: there is nothing to read.
 */
export function tabWatch(connect: (tabId: number) => WatchPort = connectToTab): TabWatch {
  let current: { tabId: number; port: WatchPort; open: boolean } | undefined;
  const close = () => {
    if (current?.open) current.port.disconnect();
    current = undefined;
  };
  return {
    watch(tabId) {
      if (current && current.tabId === tabId && current.open) return;
      close();
      if (tabId === undefined) return;
      try {
        const entry = { tabId, port: connect(tabId), open: true };
        entry.port.onDisconnect.addListener(() => {
          entry.open = false;
        });
        current = entry;
      } catch {
        // The extension was reloaded under the panel, or the tab is gone: nothing to watch.
      }
    },
  };
}

function connectToTab(tabId: number): WatchPort {
  const port = browser.tabs.connect(tabId, { name: PAGE_WATCH_PORT, frameId: 0 });
  // Read, so that Chrome does not log "Receiving end does not exist" for a tab with no content script.
  port.onDisconnect.addListener(() => void browser.runtime.lastError);
  return port;
}
