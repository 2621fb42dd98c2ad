import { render } from 'preact';
import { browserPlatform } from '../../components/shared/browser-platform';
import { App } from './App';
import { awaitFirstLook, FIRST_LOOK_GLOBAL, type FirstLook } from '../../components/shared/first-look';

const root = document.getElementById('app');
/** The question entrypoints/panel-first-look.ts asked while this page was parsed, if it ran. */
const firstLook = (globalThis as Record<string, unknown>)[FIRST_LOOK_GLOBAL] as Promise<FirstLook> | undefined;
// Rendered with the answer in hand when it came while the code loaded: the first frame shows the
// page. (Not a top-level await: that would make Rollup split the panel into a dozen chunks.)
void awaitFirstLook(firstLook).then(() => {
  // One platform for the panel's life: it opens the database once, after the first screen.
  if (root) render(<App platform={browserPlatform({ afterFirstScreen: true, firstLook })} />, root);
});
