import { LocaleProvider } from '../../components/shared/LocaleProvider';
import { PanelShell } from '../../components/panel/PanelShell';
import { PlatformContext, type Platform } from '../../components/shared/platform';

/** Wiring only: the real platform and the browser's language around the panel. */
export function App({ platform }: { platform: Platform }) {
  return (
    <PlatformContext.Provider value={platform}>
      <LocaleProvider language={navigator.language}>
        <PanelShell />
      </LocaleProvider>
    </PlatformContext.Provider>
  );
}
