import { VENDOR_PAGE_HOSTS } from '../core/vendors/page-url';
import { PAGE_WATCH_PORT, watchPage, type WatchingPanel } from '../core/vendors/page-watch';
import { SANDBOX_PAGE_HOSTS } from '../core/vendors/sandbox-pages';
import { watchUrl } from '../core/vendors/url-watch';

/**
 * The sandbox flavour is built with the sandbox's port; every other build gets `undefined` here
 * from wxt.config.ts, so the sandbox's hosts are dropped from a production content script.
 */
const SANDBOX_PORT = import.meta.env.WXT_SANDBOX_PORT as string | undefined;

/** A port as the content script sees it: only its name, its sender and its end are used. */
interface Port {
  readonly name: string;
  readonly sender?: { readonly id?: string };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** The extension APIs the content script calls. */
interface ExtensionApi {
  runtime: {
    readonly id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    onConnect: { addListener(listener: (port: Port) => void): void; removeListener(listener: (port: Port) => void): void };
  };
}

/**
 * The browser's own extension API, whose `runtime.sendMessage` answers with a promise in MV3:
 * `chrome` first, which both browsers have (Firefox 153 checked), then `browser`. In Chromium the
 * first read of `browser` makes namespaces this script never uses (`storage`, `app` showed in a
 * CPU profile of a page load); `chrome` makes only `runtime`. Not webextension-polyfill, which the
 * panel and background use: in a script that runs on every vendor page load it cost 2.7 kB gzip of
 * 7 and 0.3 ms of wrapping (issue #13) for this one call. Only an object with a `sendMessage`
 * function is taken: a page's `<div id="browser">` shows through as `window.browser` where the
 * browser has none of its own. Read at each use: an extension reloaded or removed leaves this copy
 * with none (Chrome: `runtime.id` gone, `sendMessage` throwing; Firefox unloads the copy).
 */
function extensionApi(): ExtensionApi | undefined {
  const scope = globalThis as { browser?: Partial<ExtensionApi>; chrome?: Partial<ExtensionApi> };
  const usable = (api: Partial<ExtensionApi> | undefined) => (typeof api?.runtime?.sendMessage === 'function' ? (api as ExtensionApi) : undefined);
  // `browser` is not even read when `chrome` will do.
  return usable(scope.chrome) ?? usable(scope.browser);
}

/**
 * Tells the background which vendor page the tab shows (core/vendors/page-watch.ts). Wiring only:
 * the background parses every context with zod, the panel reads it back from Dexie. A plain
 * script, listed in the manifest by wxt.config.ts, rather than WXT's content script: that one's
 * context (a message to older copies, a location watcher) cost 1 ms of every page load, and
 * page-watch already takes over from an older copy and stops when the extension is gone.
 */
export default defineUnlistedScript({
  // An anonymous IIFE: nothing of Portier's is left on the content script's global scope.
  globalName: false,
  main() {
    watchPage({
      window,
      document,
      hosts: SANDBOX_PORT ? SANDBOX_PAGE_HOSTS : VENDOR_PAGE_HOSTS,
      send: (context) => {
        const api = extensionApi();
        if (!api) throw new Error('The extension was reloaded or removed.');
        return api.runtime.sendMessage({ type: 'pageContext', context });
      },
      isOrphaned: () => extensionApi()?.runtime.id === undefined,
      onUrlChange: (listener, signal) => watchUrl(window, listener, signal),
      onPanel: (listener, signal) => hearPanels(listener, signal),
    });
  },
});

/**
 * The panels that follow this tab open a port to it (components/shared/tab-watch.ts); only this
 * extension's own pages can (a page or another extension reaches `onConnectExternal`, never this).
 */
function hearPanels(listener: (panel: WatchingPanel) => void, signal: AbortSignal): void {
  const api = extensionApi();
  if (!api || signal.aborted) return;
  const open = new Set<Port>();
  const close = (port: Port) => {
    open.delete(port);
    try {
      port.disconnect();
    } catch {
      // Already ended by the other side.
    }
  };
  const onConnect = (port: Port) => {
    if (port.name !== PAGE_WATCH_PORT || port.sender?.id !== api.runtime.id) return;
    open.add(port);
    listener({
      onGone: (gone) => port.onDisconnect.addListener(() => (open.delete(port), gone())),
      close: () => close(port),
    });
  };
  api.runtime.onConnect.addListener(onConnect);
  signal.addEventListener(
    'abort',
    () => {
      // Stopped (a newer copy took over): its panels reconnect to that one when it reports.
      for (const port of [...open]) close(port);
      try {
        api.runtime.onConnect.removeListener(onConnect);
      } catch {
        // The extension is gone: its listeners with it.
      }
    },
    { once: true },
  );
}
