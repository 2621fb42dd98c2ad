import type { ReasonCode } from '../../model';
import type { ErrorReader } from '../http';
import type { ItemResult } from '../types';
import { CrmActionAnswer } from './schemas';

/**
 * Zoho CRM refusals in RULES.md's words. CRM answers `{code, details, message, status}`, at the top
 * level for a refused call, inside `portal_invite[]` / `users[]` / `change_status[]` for the items of
 * an action, and inside a bulk job's `data[]`: one mapping serves them all, so the single invite,
 * each item of a bulk job and the portal-user actions refuse in the same words.
 */

/** How each code is handled. `ALREADY_MEMBER` becomes the `already_member` result: nothing was sent, nothing is needed. */
export type CrmCodeHandling = ReasonCode | 'VENDOR_ERROR' | 'RECONNECT' | 'RATE_LIMITED' | 'RETRY_LATER';

export const CRM_ERROR_CODES: Readonly<Record<string, CrmCodeHandling>> = {
  // portal_users.yaml singleInviteUser / getScheduledInviteUsersInfo, NOTES.md §3.1
  DUPLICATE_DATA: 'ALREADY_MEMBER',
  NOT_APPROVED: 'RECORD_PENDING_APPROVAL',
  NOT_REVIEWED: 'RECORD_UNDER_REVIEW',
  LICENSE_LIMIT_EXCEEDED: 'LICENSE_LIMIT',
  NO_PERMISSION: 'NO_PORTAL_PERMISSION',
  // "Invitation … does not have email id" → EMAIL_MISSING; "the id given seems to be invalid" →
  // RECORD_DELETED; anything else stays a vendor error (crmReason reads the message).
  INVALID_DATA: 'VENDOR_ERROR',
  // "Invalid type for the portal invite": an invite/reinvite that does not fit the record's state
  // (reinvite of a confirmed user, or of someone never invited). Which of the two is not said, so
  // it is not guessed [UNCONFIRMED, NOTES.md §3.1].
  CANNOT_PROCESS: 'VENDOR_ERROR',
  REQUIRED_PARAM_MISSING: 'VENDOR_ERROR',
  MANDATORY_NOT_FOUND: 'VENDOR_ERROR',
  API_NOT_SUPPORTED: 'VENDOR_ERROR',
  // The invite-failure reasons Zoho's help pages list without an API code: the sandbox's codes
  // (tests/sandbox/vendors/zoho-crm-codes.ts), mapped as a best guess.
  SUPER_ADMIN_DOMAIN: 'COMPANY_DOMAIN',
  CONSENT_NOT_GIVEN: 'CONSENT_MISSING',
  INVALID_EMAIL_CHARACTERS: 'EMAIL_UNSUPPORTED_CHARACTERS',
  ANONYMOUS_EMAIL: 'EMAIL_DISPOSABLE',
  RECORD_DELETED: 'RECORD_DELETED',
  RECORD_IN_RECYCLE_BIN: 'RECORD_IN_RECYCLE_BIN',
  // change_status (portal_users.yaml): LIMIT_EXCEEDED is "License Limit has been exceeded."
  ALREADY_ACTIVATED: 'ALREADY_MEMBER',
  LIMIT_EXCEEDED: 'LICENSE_LIMIT',
  NOT_ALLOWED: 'VENDOR_ERROR',
  PATTERN_NOT_MATCHED: 'VENDOR_ERROR',
  // Generic CRM codes (NOTES.md §3.1)
  INVALID_MODULE: 'VENDOR_ERROR',
  INVALID_URL_PATTERN: 'VENDOR_ERROR',
  INVALID_REQUEST_METHOD: 'VENDOR_ERROR',
  EXPECTED_PARAM_MISSING: 'VENDOR_ERROR',
  // 401: VendorClient renews once, then AuthRequiredError (the job pauses for a reconnect).
  AUTHENTICATION_FAILURE: 'RECONNECT',
  INVALID_TOKEN: 'RECONNECT',
  OAUTH_SCOPE_MISMATCH: 'RECONNECT',
  // RateLimitedError through isCrmThrottle, whatever the status.
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  INTERNAL_ERROR: 'RETRY_LATER',
};

export function isCrmThrottle(status: number, code: string | undefined): boolean {
  return status === 429 || (code !== undefined && CRM_ERROR_CODES[code] === 'RATE_LIMITED');
}

/** The first `{code, message}` of a CRM body: top level, or the first item of an action's list. */
export function firstAnswer(body: unknown): CrmActionAnswer | undefined {
  const top = CrmActionAnswer.safeParse(body);
  if (top.success) return top.data;
  if (typeof body !== 'object' || body === null) return undefined;
  for (const key of ['portal_invite', 'change_status', 'users', 'data']) {
    const list = (body as Record<string, unknown>)[key];
    const item = Array.isArray(list) ? CrmActionAnswer.safeParse(list[0]) : undefined;
    if (item?.success) return item.data;
  }
  return undefined;
}

export const readCrmError: ErrorReader = (body, status) => {
  const answer = firstAnswer(body);
  if (answer) return { code: answer.code, message: answer.message || answer.code };
  if (typeof body === 'string' && body.trim() !== '') return { message: body.trim().slice(0, 300) };
  return { message: `HTTP ${status}` };
};

/** The RULES.md reason of a CRM code; unknown codes are vendor errors. */
export function crmReason(code: string, message = ''): ReasonCode | 'VENDOR_ERROR' {
  if (code === 'INVALID_DATA') {
    if (/e-?mail/i.test(message)) return 'EMAIL_MISSING';
    // Only the documented words say the record is gone (record.json's API_Exception): a bulk job
    // gives every item `details.id`, the record's id, whatever its refusal was.
    if (/id given seems to be invalid/i.test(message)) return 'RECORD_DELETED';
    return 'VENDOR_ERROR';
  }
  if (code === 'LIMIT_EXCEEDED' && !/licen[cs]e/i.test(message)) return 'VENDOR_ERROR';
  const handling = CRM_ERROR_CODES[code];
  return handling && handling !== 'RECONNECT' && handling !== 'RATE_LIMITED' && handling !== 'RETRY_LATER' ? handling : 'VENDOR_ERROR';
}

/** One answer (`SUCCESS` or a refusal) as an item result; the vendor's code and words are kept. */
export function crmItemResult(answer: { code: string; message?: string | null; details?: Record<string, unknown> | null }): ItemResult {
  if (answer.code === 'SUCCESS') return { status: 'invited' };
  const message = answer.message || answer.code;
  const reason = crmReason(answer.code, message);
  if (reason === 'ALREADY_MEMBER') return { status: 'already_member' };
  return { status: 'failed', code: reason, vendorCode: answer.code, message };
}

/** The item result of a refused call (VendorRefusedError's body). */
export function crmRefusalResult(refusal: { status: number; body: unknown }): ItemResult {
  const answer = firstAnswer(refusal.body);
  if (answer) return crmItemResult(answer);
  return { status: 'failed', code: 'VENDOR_ERROR', message: readCrmError(refusal.body, refusal.status).message };
}
