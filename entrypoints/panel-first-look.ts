import { askFirstLook, FIRST_LOOK_GLOBAL, type FirstLookApi } from '../components/shared/first-look';
import { PREFERENCE_KEY } from '../components/shared/locale-key';

/**
 * The side panel's first question, asked while sidepanel.html is still being parsed (see
 * components/shared/first-look.ts). A classic script the page names in its <head>: module scripts
 * run only once the whole page and all their imports are in. The browser's own API (`browser` in
 * Firefox and Chromium 156, else `chrome`), not the polyfill: two calls whose promise forms both
 * browsers have in MV3.
 */
export default defineUnlistedScript({
  globalName: false,
  main() {
    const scope = globalThis as { browser?: Partial<FirstLookApi>; chrome?: Partial<FirstLookApi> } & Record<string, unknown>;
    const api = [scope.browser, scope.chrome].find((candidate) => typeof candidate?.runtime?.sendMessage === 'function' && typeof candidate.tabs?.query === 'function');
    if (api) scope[FIRST_LOOK_GLOBAL] = askFirstLook(api as FirstLookApi, location.search);
    // The panel's first render reads the agent's language from localStorage, whose first read in a
    // page loads the extension's storage from the browser, synchronously: read once here, while
    // the page waits for its modules, that load is off the first render's path.
    try {
      globalThis.localStorage?.getItem(PREFERENCE_KEY);
    } catch {
      // Storage refused (a browser setting): the panel falls back to the browser's language.
    }
  },
});
