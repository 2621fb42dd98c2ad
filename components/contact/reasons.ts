import type { Locale } from '../../core/i18n';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import { ReasonCode } from '../../core/model';

/** The job engine's own codes (core/jobs/outcomes.ts ENGINE_REASONS), in the agent's words. */
const ENGINE_TEXTS: Record<string, Record<Locale, string>> = {
  JOB_CANCELLED: { en: 'Cancelled before it was sent', fr: 'Annulé avant l’envoi' },
  IN_ANOTHER_JOB: { en: 'Already being sent by another run', fr: 'Déjà en cours d’envoi par un autre lot' },
  CONTACT_NOT_CACHED: { en: 'The contact could not be read again', fr: 'Le contact n’a pas pu être relu' },
  TARGET_NOT_CACHED: { en: 'The destination could not be read again', fr: 'La destination n’a pas pu être relue' },
  VENDOR_UNAVAILABLE: { en: 'The service did not answer, several times', fr: 'Le service n’a pas répondu, plusieurs fois' },
  VENDOR_ANSWER_LOST: { en: 'The service’s answer was lost', fr: 'La réponse du service a été perdue' },
  VENDOR_ERROR: { en: 'Refused by the service', fr: 'Refusé par le service' },
};

/** A reason code of RULES.md or of the engine in words; an unknown code stays as the vendor wrote it. */
export function codeTitle(code: string, locale: Locale): string {
  const rule = ReasonCode.safeParse(code);
  if (rule.success) return REASON_TEXTS[rule.data][locale].title;
  return ENGINE_TEXTS[code]?.[locale] ?? code;
}

/**
 * An item's reason as one line: the code in words, then the vendor's own message when there is
 * one (kept verbatim: it is what the vendor's support will recognise). A message that only lists
 * codes (several blocking rules) is put in words too.
 */
export function reasonLine(reason: { code: string; message?: string | undefined }, locale: Locale): string {
  const title = codeTitle(reason.code, locale);
  const message = reason.message?.trim();
  if (!message) return title;
  const codes = message.split(/,\s*/);
  if (codes.every((c) => ReasonCode.safeParse(c).success)) {
    return [...new Set([reason.code, ...codes])].map((c) => codeTitle(c, locale)).join(' · ');
  }
  return `${title}: ${message}`;
}

/** An event's `detail` as the engine writes it (`CODE` or `CODE: message`, core/jobs/store.ts detailOf). */
export function detailLine(detail: string, locale: Locale): string {
  const colon = detail.indexOf(': ');
  const code = colon === -1 ? detail : detail.slice(0, colon);
  const message = colon === -1 ? undefined : detail.slice(colon + 2);
  // Free text with no code in front (a vendor message) is shown as it is.
  if (!/^[A-Z][A-Z0-9_]*$/.test(code)) return detail;
  return reasonLine({ code, message }, locale);
}
