import { CONTENT_SCRIPT_MATCHES } from '../core/vendors/hosts';

export default defineContentScript({
  matches: [...CONTENT_SCRIPT_MATCHES],
  runAt: 'document_idle',
  main() {
    // The page readers (core/vendors/<vendor>/page.ts) and the PageContext message land with the
    // host-page issue; until then the script only marks that it was injected once.
    document.documentElement.dataset.portier = 'ready';
  },
});
