import { useEffect, useMemo, useState } from 'preact/hooks';
import { LOCALES, pickLocale, type Locale } from '../core/i18n';
import { OptionsPage } from './options/OptionsPage';
import { LocaleContext, PREFERENCE_KEY, type LocaleState } from './shared/locale';
import { PlatformContext, type Platform } from './shared/platform';

/** The language chosen in the panel or here wins over the browser's; an unknown stored value is ignored. */
function initialLocale(stored: string | null, language: string | undefined): Locale {
  return (LOCALES as readonly string[]).includes(stored ?? '') ? (stored as Locale) : pickLocale(language);
}

/**
 * The options page with what it needs from the extension: the entrypoint gives the real platform,
 * tests a fake one. The language preference is the panel's, so a choice made in one holds in both.
 */
export function OptionsHome({ platform, language }: { platform: Platform; language: string | undefined }) {
  const [locale, setState] = useState<Locale>(() => initialLocale(platform.preferences.get(PREFERENCE_KEY), language));

  useEffect(() => {
    // Screen readers pronounce the French texts as French only if the page says so.
    document.documentElement.lang = locale;
  }, [locale]);

  const localeState = useMemo<LocaleState>(
    () => ({
      locale,
      setLocale(next) {
        platform.preferences.set(PREFERENCE_KEY, next);
        setState(next);
      },
    }),
    [locale, platform],
  );

  return (
    <PlatformContext.Provider value={platform}>
      <LocaleContext.Provider value={localeState}>
        <OptionsPage />
      </LocaleContext.Provider>
    </PlatformContext.Provider>
  );
}
