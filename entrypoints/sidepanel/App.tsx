import { PanelHome } from '../../components/PanelHome';
import { pickLocale } from '../../core/i18n';

export function App() {
  return <PanelHome locale={pickLocale(navigator.language)} />;
}
