/**
 * Ids and names a connector puts into a request path. `encodeURIComponent` leaves `.` alone, so an
 * id of `..` climbs the path (`contacts/../helpCenters` is another endpoint); every value is held
 * to the vendor's pattern for it here, whoever handed it over (the page, the panel, a stored job),
 * even though the message boundary (core/model/page-context.ts, core/messages.ts) checked it once.
 */
export { CRM_MODULE, RECORD_ID, ZOHO_URL_NAME } from '../model/page-ids';

/** Zendesk job status ids: letters, digits, `_` and `-` (V3 UUIDs without dashes, older hex ids). */
export const ZENDESK_JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A value the connector refuses to put into a path: a bug or a forgery, never sent. */
export class PathSegmentError extends Error {
  override name = 'PathSegmentError';
}

/** True when `value` may be one path segment under `pattern`. */
export function isPathSegment(value: string, pattern: RegExp): boolean {
  return value !== '.' && value !== '..' && pattern.test(value);
}

/**
 * `value` as one encoded path segment, or a PathSegmentError naming `what` it should have been
 * (`a Zoho Desk contact id`).
 */
export function pathSegment(value: string, pattern: RegExp, what: string): string {
  if (!isPathSegment(value, pattern)) {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    throw new PathSegmentError(`"${shown}" is not ${what}, so Portier did not send the request. Reload the vendor's page and select the contacts again.`);
  }
  return encodeURIComponent(value);
}
