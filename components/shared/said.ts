import type { Locale, Localized } from '../../core/i18n';
import { AskError } from './platform';

/**
 * What a failure says: in every language the page speaks when the background gave its refusal so
 * (core/background/errors.ts), else one sentence (a browser or network error, which has only its
 * own words). Pages keep a failure in this form and word it at render, so a language picked after
 * the failure rewords it too.
 */
export type Said = Localized | string;

export function saidOf(error: unknown): Said {
  if (error instanceof AskError && error.localized) return error.localized;
  return error instanceof Error ? error.message : String(error);
}

export function inLocale(said: Said, locale: Locale): string {
  return typeof said === 'string' ? said : said[locale];
}

/** A page's own sentence from its texts, in every language, kept like a refusal (and worded at render). */
export function inEveryLocale<T>(texts: Record<Locale, T>, pick: (t: T) => string): Localized {
  return { en: pick(texts.en), fr: pick(texts.fr) };
}
