import type { Locale } from '../../core/i18n';
import type { ItemReason } from '../../core/model';
import { reasonLine } from '../../core/reasons';

/**
 * An item's reason in the agent's words, from the one table of core/reasons.ts: the same words as
 * the contact card and the history give the same code. The vendor's words go along only where the
 * code alone says too little (an unknown refusal).
 */
export function itemReasonText(reason: ItemReason | undefined, locale: Locale): string {
  return reason ? reasonLine(reason, locale) : '';
}
