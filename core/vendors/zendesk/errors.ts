import type { ReasonCode } from '../../model';
import { VendorRefusedError, type ErrorReader } from '../http';
import type { ItemResult } from '../types';
import { ErrorEnvelope, type JobResult } from './schemas';

/**
 * Zendesk's refusals, read and mapped to RULES.md reason codes. The vendor's own words always go
 * along (`message`), for the agent's report. Where Zendesk gives a code (`details.email[].error ==
 * "DuplicateValue"`) Portier keys on it, never on the text, which is translated to the account's
 * language (NOTES.md §1.1). Job results carry only text; those are read in English and anything else
 * is checked against the vendor (connector.ts) rather than guessed.
 */

export interface FieldProblem {
  field: string;
  error?: string;
  description?: string;
}

function envelope(body: unknown): ErrorEnvelope | undefined {
  const parsed = ErrorEnvelope.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/** Field errors of a 422 RecordInvalid: `details: {email: [{error, description}]}`. */
export function fieldProblems(body: unknown): FieldProblem[] {
  const details = envelope(body)?.details ?? {};
  return Object.entries(details).flatMap(([field, problems]) =>
    problems.map((p) => ({ field, ...(p.error ? { error: p.error } : {}), ...(p.description ? { description: p.description } : {}) })),
  );
}

export const readZendeskError: ErrorReader = (body, status) => {
  if (typeof body === 'string') return { message: body.trim().slice(0, 500) || `HTTP ${status}` };
  const e = envelope(body);
  if (!e) return { message: `HTTP ${status}` };
  const first = e.errors?.[0];
  const code = typeof e.error === 'string' ? e.error : (e.error?.title ?? first?.code);
  const lead =
    e.description ?? e.error_description ?? (typeof e.error === 'object' ? e.error.message : undefined) ?? first?.detail ?? first?.title ?? code;
  const fields = fieldProblems(body)
    .map((p) => p.description ?? p.error)
    .filter((text): text is string => Boolean(text));
  const message = [lead, ...fields].filter(Boolean).join(' — ') || `HTTP ${status}`;
  return { ...(code ? { code } : {}), message };
};

export type CreateProblem = 'duplicate' | 'malformed' | 'other';

const DUPLICATE_TEXT = /already being used|DuplicateValue/i;
const MALFORMED_TEXT = /not properly formatted/i;

/** Why a single create (422 RecordInvalid) was refused, by the email field's error code. */
export function createProblem(body: unknown): { problem: CreateProblem; vendorCode?: string } {
  const problems = fieldProblems(body);
  const email = problems.filter((p) => p.field === 'email');
  if (email.some((p) => p.error === 'DuplicateValue')) return { problem: 'duplicate', vendorCode: 'DuplicateValue' };
  const invalid = email.find((p) => p.error === 'InvalidValue' || MALFORMED_TEXT.test(p.description ?? ''));
  if (invalid) return { problem: 'malformed', vendorCode: invalid.error ?? 'InvalidValue' };
  const first = problems[0];
  return { problem: 'other', ...(first?.error ? { vendorCode: first.error } : {}) };
}

/** A failed job item: `{id: index, action, success: false, error: "UserCreateError", details: "Email: … is not properly formatted"}`. */
export function isFailedJobResult(result: JobResult): boolean {
  return result.success === false || result.status === 'Failed' || Boolean(result.error);
}

export function jobFailureText(result: JobResult): string {
  const details = typeof result.details === 'string' ? result.details : result.details === undefined ? '' : JSON.stringify(result.details);
  return [result.error, details].filter(Boolean).join(': ') || 'failed';
}

/** English texts only: an item this cannot read is checked against the vendor by the connector. */
export function jobProblem(result: JobResult): CreateProblem {
  const text = jobFailureText(result);
  if (DUPLICATE_TEXT.test(text)) return 'duplicate';
  if (MALFORMED_TEXT.test(text)) return 'malformed';
  return 'other';
}

/** 403 on create_many: bulk import is off for the account (or the agent may not use it). */
export function isForbidden(error: unknown): error is VendorRefusedError {
  return error instanceof VendorRefusedError && error.status === 403;
}

/**
 * A session write without a good X-CSRF-Token. Zendesk documents the header, not the refusal
 * [UNCONFIRMED]; the sandbox answers 403 naming the token, so the words are what is matched.
 */
export function isCsrfRefusal(error: unknown): error is VendorRefusedError {
  return (
    error instanceof VendorRefusedError &&
    (error.status === 403 || error.status === 422) &&
    /csrf|authenticity/i.test(`${error.vendorCode ?? ''} ${error.vendorMessage}`)
  );
}

/** An OAuth token without the scope the call needs: only reconnecting with it can help. */
export function isMissingScope(error: unknown): error is VendorRefusedError {
  return error instanceof VendorRefusedError && error.status === 403 && /missing the following required scopes/i.test(error.vendorMessage);
}

/**
 * The reason code of a refusal of a whole call. A 403 that is neither a scope nor a CSRF problem
 * means the signed-in person may not manage users: an end user's session (NOT_AN_AGENT; « Les agents
 * et les administrateurs peuvent le faire »), or an agent without the permission.
 */
export function refusalReason(error: VendorRefusedError): ReasonCode | 'VENDOR_ERROR' {
  if (error.status === 403 && !isMissingScope(error) && !isCsrfRefusal(error)) return 'NOT_AN_AGENT';
  if (error.status === 422) {
    const { problem } = createProblem(error.body);
    if (problem === 'duplicate') return 'ALREADY_MEMBER';
    if (problem === 'malformed') return 'EMAIL_MALFORMED';
  }
  return 'VENDOR_ERROR';
}

export function failed(code: ReasonCode | 'VENDOR_ERROR', message: string, vendorCode?: string): ItemResult {
  return { status: 'failed', code, message, ...(vendorCode ? { vendorCode } : {}) };
}

/** The same refusal for every item of a call that was refused as a whole. */
export function refusedItem(error: VendorRefusedError): ItemResult {
  return failed(refusalReason(error), error.vendorMessage, error.vendorCode);
}
