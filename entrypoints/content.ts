import { CONTENT_SCRIPT_MATCHES } from '../core/vendors/hosts';
import { VENDOR_PAGE_HOSTS } from '../core/vendors/page-url';
import { watchPage } from '../core/vendors/page-watch';
import { SANDBOX_PAGE_HOSTS } from '../core/vendors/sandbox-pages';

/**
 * The sandbox flavour is built with the sandbox's port; every other build gets `undefined` here
 * from wxt.config.ts, so the sandbox's hosts are dropped from a production content script.
 */
const SANDBOX_PORT = import.meta.env.WXT_SANDBOX_PORT as string | undefined;

/**
 * Tells the background which vendor page the tab shows (core/vendors/page-watch.ts). Wiring only:
 * the background parses every context with zod, the panel reads it back from Dexie.
 */
export default defineContentScript({
  matches: [...CONTENT_SCRIPT_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    watchPage({
      window,
      document,
      hosts: SANDBOX_PORT ? SANDBOX_PAGE_HOSTS : VENDOR_PAGE_HOSTS,
      send: (context) => browser.runtime.sendMessage({ type: 'pageContext', context }),
      signal: ctx.signal,
      onUrlChange: (listener) => ctx.addEventListener(window, 'wxt:locationchange', listener),
      // The extension was reloaded or removed: this copy has no one to talk to, so it bows out.
      onStop: () => ctx.abort(),
    });
  },
});
