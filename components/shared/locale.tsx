import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../core/i18n';

/**
 * The panel's language: the browser's, until the agent picks the other one (kept in the
 * platform's preferences under PREFERENCE_KEY). Each feature keeps its texts beside it as
 * `{ en: {...}, fr: {...} }` typed with `Texts<>`, so a missing translation does not compile.
 */
export { PREFERENCE_KEY } from './locale-key';

export interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const LocaleContext = createContext<LocaleState>({ locale: 'en', setLocale: () => undefined });

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** The same keys in every language; a value may be a function for texts with numbers or names. */
export type Texts<T> = Record<Locale, T>;

/** This feature's texts in the panel's language. */
export function useTexts<T>(texts: Texts<T>): T {
  return texts[useLocale().locale];
}
