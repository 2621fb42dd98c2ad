import type { Locale } from '../../core/i18n';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { ItemReason } from '../../core/model';
import { JOBS_TEXTS } from './texts';

/**
 * An item's reason in the agent's words: the RULES.md title, the engine's own words, or the
 * vendor's message as it came. The vendor message is kept beside the title, never instead of a
 * known code's text, since it often says what exactly to fix.
 */
export function itemReasonText(reason: ItemReason | undefined, locale: Locale): string {
  if (!reason) return '';
  const known = (REASON_TEXTS as Record<string, Record<Locale, { title: string }> | undefined>)[reason.code]?.[locale].title ?? JOBS_TEXTS[locale].engineReasons[reason.code];
  if (known && reason.message && reason.message !== known) return `${known} (${reason.message})`;
  return known ?? reason.message ?? reason.code;
}
