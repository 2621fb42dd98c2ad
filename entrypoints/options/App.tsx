import { OptionsHome } from '../../components/OptionsHome';
import { browserPlatform } from '../../components/shared/browser-platform';

/** One platform for the page's life: it opens Portier's IndexedDB once. */
const platform = browserPlatform();

export function App() {
  // `#connect=<vendor>:<account>`: the panel sent the agent here to connect that account.
  return <OptionsHome platform={platform} language={navigator.language} hash={location.hash} />;
}
