import { REASON_TEXTS, type ReasonText } from './eligibility/texts';
import type { Locale } from './i18n';
import { ReasonCode } from './model';

/**
 * The one table of words for every code an agent may meet: RULES.md's (core/eligibility/texts.ts),
 * the job engine's own (core/jobs/outcomes.ts ENGINE_REASONS), and the vendors' codes Portier keeps
 * beside a VENDOR_ERROR. The panel, the job cards, the history and the CSV report all read it here,
 * so one code is worded one way everywhere, in English and French.
 */

type Words = Record<Locale, ReasonText>;

const ENGINE_TEXTS: Record<string, Words> = {
  JOB_CANCELLED: {
    en: { title: 'Cancelled before it was sent', help: 'The job was cancelled before this invitation went out. Start a new one to send it.' },
    fr: { title: 'Annulé avant l’envoi', help: 'La tâche a été annulée avant l’envoi de cette invitation. Lancez-en une nouvelle pour l’envoyer.' },
  },
  IN_ANOTHER_JOB: {
    en: { title: 'Already on its way: an invitation started earlier is still being sent', help: 'An earlier invitation from this browser is still sending to this contact: follow it in the recent invitations.' },
    fr: { title: 'Déjà en route : une invitation lancée plus tôt est encore en cours d’envoi', help: 'Une invitation lancée plus tôt depuis ce navigateur est encore en cours d’envoi à ce contact : suivez-la dans les invitations récentes.' },
  },
  CONTACT_NOT_CACHED: {
    en: { title: 'The contact could not be read again', help: 'Check the contact still exists in the helpdesk, then retry.' },
    fr: { title: 'Le contact n’a pas pu être relu', help: 'Vérifiez que le contact existe encore dans le helpdesk, puis relancez.' },
  },
  TARGET_NOT_CACHED: {
    en: { title: 'The destination could not be read again', help: 'Check the destination still exists, reopen the panel, then retry.' },
    fr: { title: 'La destination n’a pas pu être relue', help: 'Vérifiez que la destination existe encore, rouvrez le panneau, puis relancez.' },
  },
  VENDOR_UNAVAILABLE: {
    en: { title: 'The vendor did not answer, several times', help: 'Nothing was sent. Retry once the vendor answers again.' },
    fr: { title: 'L’éditeur n’a pas répondu, plusieurs fois', help: 'Rien n’a été envoyé. Relancez quand l’éditeur répond de nouveau.' },
  },
  VENDOR_ANSWER_LOST: {
    en: { title: 'The vendor’s answer was lost', help: 'Portier could not confirm with the vendor whether it went out. Check the person in the vendor’s app (or with them) before retrying, so they are not invited twice.' },
    fr: { title: 'La réponse de l’éditeur a été perdue', help: 'Portier n’a pas pu confirmer auprès de l’éditeur si elle est partie. Vérifiez la personne dans l’application de l’éditeur (ou auprès d’elle) avant de relancer, pour ne pas l’inviter deux fois.' },
  },
  MAYBE_SENT: {
    en: { title: 'May have been sent: the vendor cannot say', help: 'The vendor gave no clear answer and cannot show whether this invitation went out, so Portier did not send it again. Check the person in the vendor’s app (or with them) and invite them from the contact if they got nothing.' },
    fr: { title: 'Peut-être envoyée : l’éditeur ne peut pas le dire', help: 'L’éditeur n’a pas répondu clairement et ne peut pas montrer si cette invitation est partie ; Portier ne l’a donc pas renvoyée. Vérifiez la personne dans l’application de l’éditeur (ou auprès d’elle) et invitez-la depuis le contact si elle n’a rien reçu.' },
  },
  VENDOR_ERROR: {
    en: { title: 'Refused by the vendor', help: 'The vendor refused for a reason Portier cannot name. Its own words, when it gave any, say what to fix in its app; then invite again.' },
    fr: { title: 'Refusé par l’éditeur', help: 'L’éditeur a refusé pour une raison que Portier ne sait pas nommer. Ses propres mots, s’il en a donné, disent quoi corriger dans son application ; invitez ensuite de nouveau.' },
  },
};

/** Vendor codes kept with a VENDOR_ERROR (core/vendors/<v>/errors.ts), in what they mean for the agent. */
const VENDOR_TEXTS: Record<string, Words> = {
  UNPROCESSABLE_ENTITY: {
    en: { title: 'The vendor did not accept this contact’s data', help: 'Open the contact in the vendor’s app, check its name and email address, then invite again.' },
    fr: { title: 'L’éditeur n’a pas accepté les données de ce contact', help: 'Ouvrez le contact dans l’application de l’éditeur, vérifiez son nom et son adresse e-mail, puis invitez de nouveau.' },
  },
  INVALID_DATA: {
    en: { title: 'The vendor found this record’s data invalid', help: 'Open the record in the vendor’s app, correct what it flags, then invite again.' },
    fr: { title: 'L’éditeur juge les données de cette fiche invalides', help: 'Ouvrez la fiche dans l’application de l’éditeur, corrigez ce qu’elle signale, puis invitez de nouveau.' },
  },
  RecordInvalid: {
    en: { title: 'Zendesk did not accept this user’s data', help: 'Open the user in Zendesk, check the name and email address, then invite again.' },
    fr: { title: 'Zendesk n’a pas accepté les données de cet utilisateur', help: 'Ouvrez l’utilisateur dans Zendesk, vérifiez le nom et l’adresse e-mail, puis invitez de nouveau.' },
  },
  UserCreateError: {
    en: { title: 'Zendesk could not create this user', help: 'Read Zendesk’s words below, fix the address or the user in Zendesk, then invite again.' },
    fr: { title: 'Zendesk n’a pas pu créer cet utilisateur', help: 'Lisez les mots de Zendesk ci-dessous, corrigez l’adresse ou l’utilisateur dans Zendesk, puis invitez de nouveau.' },
  },
  FORBIDDEN: {
    en: { title: 'Your profile may not do this', help: 'Ask an administrator of the vendor’s app for the permission to invite end users.' },
    fr: { title: 'Votre profil ne le permet pas', help: 'Demandez à un administrateur de l’application la permission d’inviter des utilisateurs finaux.' },
  },
  LICENSE_ACCESS_LIMITED: {
    en: { title: 'Your plan does not include this', help: 'The vendor’s edition of your organization limits this feature. Ask your administrator about the plan.' },
    fr: { title: 'Votre formule ne le permet pas', help: 'L’édition de votre organisation limite cette fonction. Renseignez-vous auprès de votre administrateur.' },
  },
  CANNOT_PROCESS: {
    en: { title: 'The invitation does not fit the user’s state', help: 'The portal user may already be confirmed, or was never invited. Open the Portal users tab to see their status.' },
    fr: { title: 'L’invitation ne correspond pas à l’état de l’utilisateur', help: 'L’utilisateur du portail est peut-être déjà confirmé, ou n’a jamais été invité. Ouvrez l’onglet Utilisateurs du portail pour voir son statut.' },
  },
  NOT_ALLOWED: {
    en: { title: 'Zoho CRM does not allow this here', help: 'This action is not allowed for this portal user or user type. Check it in Zoho CRM.' },
    fr: { title: 'Zoho CRM ne le permet pas ici', help: 'Cette action n’est pas permise pour cet utilisateur ou ce type d’utilisateur. Vérifiez-le dans Zoho CRM.' },
  },
  ONLY_LIVECHAT_USER: {
    en: { title: 'A live-chat visitor, not a contact', help: 'Zoho Desk cannot invite a live-chat-only user. Convert them to a contact first.' },
    fr: { title: 'Un visiteur du chat, pas un contact', help: 'Zoho Desk ne peut pas inviter un utilisateur du chat seulement. Convertissez-le d’abord en contact.' },
  },
  failedUserIds: {
    en: { title: 'Zoho Connect left this address out', help: 'Connect gives no reason; read Portier’s best guess below.' },
    fr: { title: 'Zoho Connect a écarté cette adresse', help: 'Connect ne donne pas de raison ; lisez ci-dessous la meilleure hypothèse de Portier.' },
  },
};

/**
 * Codes worth the "Retry" button: the vendor did not answer or its answer was lost, Portier could
 * not read the record again, or a seat may since have been freed. A refusal of the record itself
 * (a vendor error, a rule) comes back the same until someone fixes the record; MAYBE_SENT is the
 * agent's to check first (a retry could send it twice).
 */
const RETRYABLE: ReadonlySet<string> = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_ANSWER_LOST', 'CONTACT_NOT_CACHED', 'TARGET_NOT_CACHED', 'LICENSE_LIMIT']);

/** Engine codes whose message is Portier's own bookkeeping (a job id), never words for the agent. */
const INTERNAL_MESSAGE: ReadonlySet<string> = new Set(['IN_ANOTHER_JOB', 'JOB_CANCELLED']);

export interface ReasonDescription {
  code: string;
  /** The vendor's own code, when it gave one (`UNPROCESSABLE_ENTITY`, `DuplicateValue`). */
  vendorCode?: string;
  title: string;
  help: string;
  /** The vendor's words, when they say more than the code: kept for the agent and the vendor's support. */
  vendorWords?: string;
  retryable: boolean;
}

const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A code's words, whichever table it is in; an unknown code reads as a vendor's refusal. */
export function codeWords(code: string, locale: Locale): ReasonText {
  const rule = ReasonCode.safeParse(code);
  if (rule.success) return REASON_TEXTS[rule.data][locale];
  return (ENGINE_TEXTS[code] ?? VENDOR_TEXTS[code] ?? ENGINE_TEXTS.VENDOR_ERROR!)[locale];
}

export function isRetryable(code: string): boolean {
  return RETRYABLE.has(code);
}

/**
 * An item's reason as the engine stored it (`{code, message}`, the message often `VENDORCODE:
 * vendor words`, core/jobs/outcomes.ts fromResult) in the agent's words. A message that only
 * repeats the code or an HTTP status adds nothing and is dropped.
 */
export function describeReason(reason: { code: string; message?: string | undefined }, locale: Locale): ReasonDescription {
  let message = reason.message?.trim() ?? '';
  let vendorCode: string | undefined;
  const colon = message.indexOf(': ');
  if (colon > 0 && CODE.test(message.slice(0, colon))) {
    vendorCode = message.slice(0, colon);
    message = message.slice(colon + 2).trim();
  }
  if (vendorCode && ReasonCode.safeParse(vendorCode).success) vendorCode = undefined;
  const known = vendorCode && reason.code === 'VENDOR_ERROR' ? VENDOR_TEXTS[vendorCode] : undefined;
  const words = known ? known[locale] : codeWords(reason.code, locale);
  const said = INTERNAL_MESSAGE.has(reason.code) ? '' : withoutNoise(message, [reason.code, vendorCode]);
  return {
    code: reason.code,
    ...(vendorCode ? { vendorCode } : {}),
    title: words.title,
    help: words.help,
    ...(said ? { vendorWords: said } : {}),
    retryable: isRetryable(reason.code),
  };
}

/** "UNPROCESSABLE_ENTITY (HTTP 422)" says nothing the code did not: nothing is left of it. */
function withoutNoise(message: string, codes: (string | undefined)[]): string {
  let rest = message;
  for (const code of codes) if (code) rest = rest.split(code).join('');
  rest = rest.replace(/\(?\bHTTP \d{3}\)?/g, '').replace(/[\s:;,.()—-]+/g, ' ').trim();
  if (rest === '') return '';
  // Several rule codes listed by the engine (several blockers): each is worded on its own elsewhere.
  if (message.split(/,\s*/).every((c) => ReasonCode.safeParse(c.trim()).success)) return '';
  return message;
}

/**
 * One line for a list: the title, then, for a vendor's refusal, its words when they say more than
 * its code (they often name the field to fix). Several blocking rules listed in the message are
 * each put in words.
 */
export function reasonLine(reason: { code: string; message?: string | undefined }, locale: Locale): string {
  const message = reason.message?.trim();
  if (message && message.split(/,\s*/).every((c) => ReasonCode.safeParse(c).success)) {
    return [...new Set([reason.code, ...message.split(/,\s*/)])].map((c) => codeWords(c, locale).title).join(' · ');
  }
  const d = describeReason(reason, locale);
  // French puts a space before the colon.
  return d.code === 'VENDOR_ERROR' && d.vendorWords ? `${d.title}${locale === 'fr' ? ' :' : ':'} ${d.vendorWords}` : d.title;
}

/**
 * What Portier itself did, as an event's detail says it (`CODE` or `CODE: argument`), rather than a
 * reason: a retry's new job, a portal user's action and what the vendor answered to it.
 */
const EVENT_DETAILS: Record<string, Record<Locale, (argument: string | undefined) => string>> = {
  RETRIED_IN: { en: (jobs) => `retried in job ${jobs ?? ''}`, fr: (jobs) => `relancé dans la tâche ${jobs ?? ''}` },
  TRANSFER_TO: { en: (name) => `transfer to ${name ?? ''}`, fr: (name) => `déplacement vers ${name ?? ''}` },
  ACTIVATE: { en: (answer) => withAnswer('activate', answer, ': '), fr: (answer) => withAnswer('activation', answer, ' : ') },
  DEACTIVATE: { en: (answer) => withAnswer('deactivate', answer, ': '), fr: (answer) => withAnswer('désactivation', answer, ' : ') },
  DELETE: { en: (answer) => withAnswer('delete', answer, ': '), fr: (answer) => withAnswer('suppression', answer, ' : ') },
  TRANSFER: { en: (answer) => withAnswer('transfer', answer, ': '), fr: (answer) => withAnswer('déplacement', answer, ' : ') },
};

function withAnswer(action: string, answer: string | undefined, colon: string): string {
  return answer ? `${action}${colon}${answer}` : action;
}

/** An event's `detail` as Portier writes it (`CODE` or `CODE: message`, core/jobs/store.ts detailOf; EVENT_DETAILS). */
export function detailLine(detail: string, locale: Locale): string {
  const colon = detail.indexOf(': ');
  const code = colon === -1 ? detail : detail.slice(0, colon);
  const message = colon === -1 ? undefined : detail.slice(colon + 2);
  // Free text with no code in front (a vendor message, a detail written before codes) is shown as it is.
  if (!/^[A-Z][A-Z0-9_]*$/.test(code)) return detail;
  const words = EVENT_DETAILS[code];
  return words ? words[locale](message) : reasonLine({ code, message }, locale);
}
