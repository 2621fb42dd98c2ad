import { browser } from 'wxt/browser';
import { PANEL_PORT, type PanelFollows } from '../../core/messages';

type Port = ReturnType<typeof browser.runtime.connect>;

/**
 * The side panel's port to the background (core/background/panels.ts): open while the panel is,
 * it names the tab the panel follows, so the background may read the contact that tab reports
 * before the panel asks. A stopped worker closes it; it opens again at the panel's next request or
 * tab change, not at once: that would wake a worker only to say the panel is there.
 */
export interface PanelPort {
  follows(tabId: number | undefined): void;
  /** Before a request: a port the worker's stop closed is opened again. */
  revive(): void;
}

export function panelPort(): PanelPort {
  let port: Port | undefined;
  /** undefined: the page follows no tab (the options page). */
  let followed: PanelFollows | undefined;
  const say = () => {
    if (!followed) return;
    try {
      if (!port) {
        const opened = browser.runtime.connect({ name: PANEL_PORT });
        opened.onDisconnect.addListener(() => {
          if (port === opened) port = undefined;
        });
        port = opened;
      }
      port.postMessage(followed);
    } catch {
      // The extension was reloaded under the panel: its requests say so, nothing to add here.
      port = undefined;
    }
  };
  return {
    follows(tabId) {
      followed = { type: 'follows', tabId: tabId ?? null };
      say();
    },
    revive() {
      if (!port) say();
    },
  };
}
