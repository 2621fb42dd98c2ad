import type { Sender } from '../messages';
import type { BackgroundService } from './service';

/**
 * How the runtime's events reach the service, kept apart from the WebExtension global so it runs in Node:
 * entrypoints/background.ts passes the real `browser`, tests pass WXT's fakeBrowser.
 */

export const WAKE_ALARM = 'portier-engine';

interface Event<F> {
  addListener(listener: F): void;
}

/** The runtime's idea of who sent a message (runtime.MessageSender, the fields Portier reads). */
export interface RuntimeSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
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
  };
  tabs: {
    onRemoved: Event<(tabId: number, removeInfo: unknown) => void>;
  };
  alarms: {
    onAlarm: Event<(alarm: { name: string }) => void>;
    create(name: string, info: { when: number }): void | Promise<void>;
    clear(name: string): Promise<boolean> | Promise<void>;
  };
}

/**
 * Who sent it, as the service understands it: another extension or a web page is nobody (the
 * service refuses it); a page on the extension's own origin is the panel or options, even when it
 * is shown in a tab (the options page, the panel opened as a tab); any other tab is the content
 * script, whose `url` is the host page's.
 */
export function senderOf(sender: RuntimeSender, extensionId: string, extensionOrigin?: string): Sender | undefined {
  if (sender.id !== extensionId) return undefined;
  if (extensionOrigin && sender.url?.startsWith(extensionOrigin)) return { kind: 'panel' };
  if (sender.tab) return sender.tab.id === undefined ? undefined : { kind: 'content', tabId: sender.tab.id };
  return { kind: 'panel' };
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
  api.runtime.onInstalled.addListener(start);
  api.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WAKE_ALARM) start();
  });
}

/** The service's onNextWake: one alarm, at the next due job, or none when nothing is left. */
export function armAlarm(api: BackgroundBrowser, nextWakeAt: number | undefined, now: number): Promise<unknown> {
  if (nextWakeAt === undefined) return Promise.resolve(api.alarms.clear(WAKE_ALARM));
  // Alarms fire no sooner than 30 s in Chrome; a due job is also picked up by the next message.
  return Promise.resolve(api.alarms.create(WAKE_ALARM, { when: Math.max(nextWakeAt, now) }));
}
