/** The languages Portier speaks. English is the fallback for every other browser language. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** `fr-CA` → `fr`; anything Portier has no text for → `en`. */
export function pickLocale(language: string | undefined): Locale {
  const base = (language ?? '').toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}

/** A text in every locale: the type makes a missing translation a compile error. */
export type Localized = Record<Locale, string>;
