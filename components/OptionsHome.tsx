import { OptionsPage } from './options/OptionsPage';
import { LocaleProvider } from './shared/LocaleProvider';
import { PlatformContext, type Platform } from './shared/platform';

/**
 * The options page with what it needs from the extension: the entrypoint gives the real platform,
 * tests a fake one. The language preference is the panel's, so a choice made in one holds in both.
 */
export function OptionsHome({ platform, language, hash }: { platform: Platform; language: string | undefined; hash?: string | undefined }) {
  return (
    <PlatformContext.Provider value={platform}>
      <LocaleProvider language={language}>
        <OptionsPage hash={hash} />
      </LocaleProvider>
    </PlatformContext.Provider>
  );
}
