import { OptionsHome } from '../../components/OptionsHome';
import { browserPlatform } from '../../components/shared/browser-platform';

/** One platform for the page's life: it opens Portier's IndexedDB once. */
const platform = browserPlatform();

export function App() {
  return <OptionsHome platform={platform} language={navigator.language} />;
}
