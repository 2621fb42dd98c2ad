import { PANEL_PORT, PanelFollows, type Sender } from '../messages';
import type { BackgroundService } from './service';

/**
 * How the runtime's events reach the service, kept apart from the WebExtension global so it runs in Node:
 * entrypoints/background.ts passes the real `browser`, tests pass WXT's fakeBrowser.
 */

export const WAKE_ALARM = 'portier-engine';

/** Once a day, what is older than the agent's retention is deleted (core/retention/sweep.ts). */
export const SWEEP_ALARM = 'portier-sweep';
export const SWEEP_PERIOD_MINUTES = 24 * 60;

interface Event<F> {
  addListener(listener: F): void;
}

/** The runtime's idea of who sent a message (runtime.MessageSender, the fields Portier reads). */
export interface RuntimeSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  /** 0 for a tab's top frame; the content script runs in no other (all_frames is off). */
  frameId?: number;
}

/** A runtime.Port, the fields Portier uses. */
export interface RuntimePort {
  name: string;
  sender?: RuntimeSender;
  onMessage: Event<(message: unknown) => void>;
  onDisconnect: Event<() => void>;
}

/** The part of `browser` the background uses. */
export interface BackgroundBrowser {
  runtime: {
    id: string;
    /** The extension's own URL for `path`: its origin tells Portier's pages from host pages. */
    getURL(path: string): string;
    onMessage: Event<(message: unknown, sender: RuntimeSender, sendResponse: (response: unknown) => void) => boolean | undefined | void>;
    onStartup: Event<() => void>;
    onInstalled: Event<(details: unknown) => void>;
    /** The side panel's port (PANEL_PORT); absent in tests that do not open one. */
    onConnect?: Event<(port: RuntimePort) => void>;
  };
  tabs: {
    onRemoved: Event<(tabId: number, removeInfo: unknown) => void>;
  };
  alarms: {
    onAlarm: Event<(alarm: { name: string }) => void>;
    create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): void | Promise<void>;
    get(name: string): Promise<{ name: string } | undefined>;
    clear(name: string): Promise<boolean> | Promise<void>;
  };
}

/**
 * Who sent it, as the service understands it: a page on the extension's own origin is the panel or
 * options, even when it is shown in a tab (the options page, the panel opened as a tab); a web page
 * in a tab's top frame is the content script, whose `url` is the host page's. Anyone else (another
 * extension, a sender with neither, a frame inside a page) is nobody, and the service refuses it.
 */
export function senderOf(sender: RuntimeSender, extensionId: string, extensionOrigin: string): Sender | undefined {
  if (sender.id !== extensionId || sender.url === undefined) return undefined;
  if (sender.url.startsWith(extensionOrigin)) return { kind: 'panel' };
  if (sender.tab?.id === undefined || (sender.frameId !== undefined && sender.frameId !== 0)) return undefined;
  return /^https?:\/\//.test(sender.url) ? { kind: 'content', tabId: sender.tab.id } : undefined;
}

/**
 * A wake-up whose engine run failed (a Dexie error, a bug) still leaves a wake-up behind: the
 * alarm is armed this far ahead, so no job waits for the next message to be picked up again.
 */
export const RETRY_WAKE_MS = 60_000;

/** Listeners are added synchronously, at the worker's first turn, as MV3 requires. */
export function wireBackground(
  api: BackgroundBrowser,
  service: BackgroundService,
  options: { now?: () => number; onError?: (error: unknown) => void } = {},
): void {
  const now = options.now ?? Date.now;
  const extensionOrigin = api.runtime.getURL('/');
  // sendResponse and `return true` rather than a returned promise: every Chrome and Firefox version
  // supports it. handle() never rejects, so the sender always gets an answer.
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void service.handle(message, senderOf(sender, api.runtime.id, extensionOrigin)).then(sendResponse);
    return true;
  });
  wirePanelPorts(api, service, extensionOrigin);
  const start = () => {
    service.start().catch((error: unknown) => {
      options.onError?.(error);
      return armAlarm(api, now() + RETRY_WAKE_MS, now()).catch((armError: unknown) => options.onError?.(armError));
    });
  };
  api.runtime.onStartup.addListener(() => {
    // Tab ids begin again with the browser: pages kept from the last session describe other tabs.
    service.forgetEarlierSessions().catch(() => undefined);
    start();
  });
  api.tabs.onRemoved.addListener((tabId) => {
    service.forgetTab(tabId).catch(() => undefined);
  });
  api.runtime.onInstalled.addListener(() => {
    service.forgetTicksBeforeInstall().catch(() => undefined);
    start();
  });
  api.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) start();
    if (alarm.name === SWEEP_ALARM) service.sweep().catch((error: unknown) => options.onError?.(error));
  });
  ensureSweepAlarm(api).catch((error: unknown) => options.onError?.(error));
}

/**
 * Each worker life checks the daily alarm is there. It is created only when missing: creating it
 * again would restart its day, and a browser restarted every morning would never sweep. Chrome may
 * drop alarms on a browser restart and Firefox always does; this puts the sweep back a minute later.
 */
export async function ensureSweepAlarm(api: BackgroundBrowser): Promise<void> {
  if (await api.alarms.get(SWEEP_ALARM)) return;
  await api.alarms.create(SWEEP_ALARM, { delayInMinutes: 1, periodInMinutes: SWEEP_PERIOD_MINUTES });
}

/**
 * A port is the panel saying which tab it shows, until it closes: only Portier's own pages may. A
 * runtime without ports (WXT's fakeBrowser throws "not implemented") only loses the prefetch.
 */
function wirePanelPorts(api: BackgroundBrowser, service: BackgroundService, extensionOrigin: string): void {
  try {
    api.runtime.onConnect?.addListener((port) => {
      if (port.name !== PANEL_PORT || senderOf(port.sender ?? {}, api.runtime.id, extensionOrigin)?.kind !== 'panel') return;
      const panel = service.panelOpened();
      port.onMessage.addListener((message) => {
        const parsed = PanelFollows.safeParse(message);
        if (parsed.success) panel.follows(parsed.data.tabId);
      });
      port.onDisconnect.addListener(() => panel.close());
    });
  } catch {
    // no ports here: the panel's own requests still read every card
  }
}

/** The service's onNextWake: one alarm, at the next due job, or none when nothing is left. */
export function armAlarm(api: BackgroundBrowser, nextWakeAt: number | undefined, now: number): Promise<unknown> {
  if (nextWakeAt === undefined) return Promise.resolve(api.alarms.clear(WAKE_ALARM));
  // Alarms fire no sooner than 30 s in Chrome; a due job is also picked up by the next message.
  return Promise.resolve(api.alarms.create(WAKE_ALARM, { when: Math.max(nextWakeAt, now) }));
}
