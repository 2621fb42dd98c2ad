import { parseEmail } from '../../email';
import type { Contact, ReasonCode } from '../../model';
import type { ErrorReader, ReauthVerdict } from '../http';
import type { ItemResult } from '../types';
import { DeskErrorBody } from './schemas';

/**
 * Zoho Desk refusals in RULES.md's words. Desk names a refusal with one errorCode of Common.json's
 * enum and, on 422s, a list of `errors[{fieldName, errorType, errorMessage}]`; the exact messages of
 * `inviteAsEndUser` are not documented (NOTES.md §2.1, §5.2), so the reason is read from the parts
 * that are (`errorType: duplicate`, the `/helpCenterId` field) first, from the words second, and from
 * what Portier knows of the contact last. The vendor's own message is always kept for the report.
 */

/** How each documented errorCode is handled. Codes answered with 401, 429 or 5xx never reach an item. */
export type DeskCodeHandling = ReasonCode | 'VENDOR_ERROR' | 'RECONNECT' | 'RATE_LIMITED' | 'RETRY_LATER';

export const DESK_ERROR_CODES: Readonly<Record<string, DeskCodeHandling>> = {
  BAD_REQUEST: 'VENDOR_ERROR',
  // 401: VendorClient renews the token once, then throws AuthRequiredError (the job pauses).
  UNAUTHORIZED: 'RECONNECT',
  // AuthRequiredError whatever the status, through deskReauth: never an item's failure.
  INVALID_OAUTH: 'RECONNECT',
  SCOPE_MISMATCH: 'RECONNECT',
  OAUTH_ORG_MISMATCH: 'RECONNECT',
  // The agent's profile may not invite end users. NO_PORTAL_PERMISSION is CRM's reason (its text
  // speaks of CRM portals), so Desk's refusal stays a vendor error with Desk's own words.
  FORBIDDEN: 'VENDOR_ERROR',
  // An edition limit on a feature (maxAllowedEntity, editionType), not a help-center seat count.
  LICENSE_ACCESS_LIMITED: 'VENDOR_ERROR',
  URL_NOT_FOUND: 'VENDOR_ERROR',
  METHOD_NOT_ALLOWED: 'VENDOR_ERROR',
  RESOURCE_SIZE_EXCEEDED: 'VENDOR_ERROR',
  UNSUPPORTED_MEDIA_TYPE: 'VENDOR_ERROR',
  // Refined from `errors[]` and the contact by deskItemResult.
  INVALID_DATA: 'VENDOR_ERROR',
  UNPROCESSABLE_ENTITY: 'VENDOR_ERROR',
  EMPTY_PAYLOAD: 'VENDOR_ERROR',
  ONLY_LIVECHAT_USER: 'VENDOR_ERROR',
  DUPLICATE_CONTRACT: 'VENDOR_ERROR',
  INTEGRATION_ADMIN_ERROR: 'VENDOR_ERROR',
  // Desk's throttling codes: RateLimitedError through isDeskThrottle, whatever the status [UNCONFIRMED].
  THRESHOLD_EXCEEDED: 'RATE_LIMITED',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'RETRY_LATER',
};

export function isDeskThrottle(status: number, code: string | undefined): boolean {
  return status === 429 || (code !== undefined && DESK_ERROR_CODES[code] === 'RATE_LIMITED');
}

/**
 * Desk's codes for a token that cannot do the call, whatever the status: Common.json lists them
 * without one and NOTES.md §2.4 leaves Desk's statuses unconfirmed, so a 403 SCOPE_MISMATCH on a bulk
 * invite must pause the job for a reconnect, not fail every contact. A renewed token keeps its scopes
 * and its user, so SCOPE_MISMATCH and OAUTH_ORG_MISMATCH go straight to a reconnect (renewing would
 * only spend the token endpoint's own limit); INVALID_OAUTH is a stale token, renewed once first.
 * UNAUTHORIZED keeps the plain 401 rule: its words ("You are not authorized to perform this
 * operation.") are also BAD_REQUEST's, and at another status it may be a permission, not the token.
 */
export function deskReauth(_status: number, code: string | undefined): ReauthVerdict | undefined {
  if (code === 'SCOPE_MISMATCH' || code === 'OAUTH_ORG_MISMATCH') return 'reconnect';
  if (code === 'INVALID_OAUTH') return 'renew';
  return undefined;
}

function fieldErrors(body: DeskErrorBody): string {
  return (body.errors ?? [])
    .map((e) => [e.fieldName, e.errorMessage].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ');
}

/** Reads Common.json's envelope; the field errors are part of the message kept for the report. */
export const readDeskError: ErrorReader = (body, status) => {
  const parsed = DeskErrorBody.safeParse(body);
  if (parsed.success && (parsed.data.errorCode || parsed.data.message)) {
    const details = fieldErrors(parsed.data);
    const message = parsed.data.message ?? parsed.data.errorCode ?? `HTTP ${status}`;
    return { ...(parsed.data.errorCode ? { code: parsed.data.errorCode } : {}), message: details ? `${message} (${details})` : message };
  }
  if (typeof body === 'string' && body.trim() !== '') return { message: body.trim().slice(0, 300) };
  return { message: `HTTP ${status}` };
};

/** What Portier itself knows makes Desk refuse a contact (the checks RULES.md runs before sending). */
export function deskContactReason(contact: Contact | undefined): ReasonCode | undefined {
  if (!contact) return undefined;
  const email = parseEmail(contact.email);
  if (!email.ok) return email.problem === 'missing' ? 'EMAIL_MISSING' : 'EMAIL_MALFORMED';
  if (contact.emailVerified === false) return 'EMAIL_UNVERIFIED';
  return undefined;
}

const DISABLED = /disabl|inactive|not active/i;
const UNVERIFIED = /verif/i;
const NO_EMAIL = /\b(no|without( an?)?|missing|does not have( an?)?) e-?mail|e-?mail( address| id)? (is )?(missing|required|empty)/i;
const BAD_EMAIL = /e-?mail.*\b(not valid|invalid|malformed)|invalid e-?mail/i;

/** The RULES.md reason of a Desk refusal, from its errorCode, its field errors and the contact. */
export function deskReason(body: unknown, contact?: Contact): ReasonCode | 'VENDOR_ERROR' {
  const parsed = DeskErrorBody.safeParse(body);
  const error = parsed.success ? parsed.data : {};
  const errors = error.errors ?? [];
  if (errors.some((e) => e.errorType === 'duplicate')) return 'ALREADY_MEMBER';
  if (errors.some((e) => e.fieldName === '/helpCenterId' && DISABLED.test(e.errorMessage ?? ''))) return 'HELP_CENTER_DISABLED';
  const words = [error.message, ...errors.map((e) => e.errorMessage)].filter(Boolean).join(' ');
  if (UNVERIFIED.test(words)) return 'EMAIL_UNVERIFIED';
  if (NO_EMAIL.test(words)) return 'EMAIL_MISSING';
  if (BAD_EMAIL.test(words)) return 'EMAIL_MALFORMED';
  const code = error.errorCode ?? undefined;
  // A 422 about the contact whose words say nothing known: what Portier knows of the contact.
  const aboutContact = code === 'UNPROCESSABLE_ENTITY' && !errors.some((e) => e.fieldName === '/helpCenterId');
  const local = aboutContact ? deskContactReason(contact) : undefined;
  if (local) return local;
  const handling = code ? DESK_ERROR_CODES[code] : undefined;
  return handling && handling !== 'RECONNECT' && handling !== 'RATE_LIMITED' && handling !== 'RETRY_LATER' ? handling : 'VENDOR_ERROR';
}

export function toItemResult(reason: ReasonCode | 'VENDOR_ERROR', vendorCode: string | undefined, message: string): ItemResult {
  if (reason === 'ALREADY_MEMBER') return { status: 'already_member' };
  return { status: 'failed', code: reason, ...(vendorCode ? { vendorCode } : {}), message };
}

/** An item's result from a refused call (status ≥ 400 other than 401/429/5xx). */
export function deskItemResult(refusal: { status: number; body: unknown }, contact?: Contact): ItemResult {
  const { code, message } = readDeskError(refusal.body, refusal.status);
  return toItemResult(deskReason(refusal.body, contact), code, message);
}
