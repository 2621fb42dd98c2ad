import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LOCALES, pickLocale, type Locale } from '../../core/i18n';
import { LocaleContext, PREFERENCE_KEY, type LocaleState } from './locale';
import { usePlatform } from './platform';

/** The agent's choice wins over the browser's language; anything unreadable in storage is ignored. */
export function initialLocale(stored: string | null, language: string | undefined): Locale {
  return (LOCALES as readonly string[]).includes(stored ?? '') ? (stored as Locale) : pickLocale(language);
}

/**
 * Gives the panel or the options page its language and keeps `<html lang>` in step, so screen
 * readers pronounce the French texts as French. One preference for both pages: a choice made in
 * one holds in the other.
 */
export function LocaleProvider({ language, children }: { language: string | undefined; children: ComponentChildren }) {
  const { preferences } = usePlatform();
  const [locale, setState] = useState<Locale>(() => initialLocale(preferences.get(PREFERENCE_KEY), language));

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<LocaleState>(
    () => ({
      locale,
      setLocale(next) {
        preferences.set(PREFERENCE_KEY, next);
        setState(next);
      },
    }),
    [locale, preferences],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}
