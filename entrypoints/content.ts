import { CONTENT_SCRIPT_MATCHES } from '../core/vendors/hosts';
import { watchPage } from '../core/vendors/page-watch';

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
      send: (context) => browser.runtime.sendMessage({ type: 'pageContext', context }),
      signal: ctx.signal,
      onUrlChange: (listener) => ctx.addEventListener(window, 'wxt:locationchange', listener),
      // The extension was reloaded or removed: this copy has no one to talk to, so it bows out.
      onStop: () => ctx.abort(),
    });
  },
});
