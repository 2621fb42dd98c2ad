import { isCompanyDomain, normalizeCompanyDomains, parseEmail } from '../../email';
import type { ReasonCode } from '../../model';
import type { ErrorReader, VendorRefusedError } from '../http';
import type { ItemResult } from '../types';
import { FailureEnvelope } from './schemas';

/**
 * Zoho Connect's refusals. Its pages show no error body; the sandbox answers
 * `{<api>: {result: "failure", errorCode, message}}` [SANDBOX], which is what is read here, with
 * the text of any other body kept as the message. A refused address on an invite comes back only
 * as a name in `failedUserIds`, without a reason: the reason is worked out from what RULES.md and
 * NOTES.md §4 say can refuse it, and the message says it was inferred.
 */

export const readConnectError: ErrorReader = (body, status) => {
  if (typeof body === 'string') return { message: body.trim().slice(0, 500) || `HTTP ${status}` };
  const parsed = FailureEnvelope.safeParse(body);
  const inner = parsed.success ? Object.values(parsed.data)[0] : undefined;
  const code = inner?.errorCode ?? inner?.code;
  return { ...(code ? { code } : {}), message: inner?.message ?? code ?? `HTTP ${status}` };
};

/** Connect documents no limit; a 429 or Zoho's TOO_MANY_REQUESTS code under any status is one. */
export function isConnectThrottle(status: number, code: string | undefined): boolean {
  return status === 429 || code === 'TOO_MANY_REQUESTS' || code === 'THRESHOLD_EXCEEDED';
}

/**
 * A whole invite refused. PERMISSION_DENIED (403) is RULES.md's NOT_NETWORK_ADMIN: « Seuls les
 * administrateurs du réseau peuvent ajouter des utilisateurs externes ».
 */
export function refusalReason(error: VendorRefusedError): ReasonCode | 'VENDOR_ERROR' {
  if (error.status === 403 || error.vendorCode === 'PERMISSION_DENIED') return 'NOT_NETWORK_ADMIN';
  if (/licen[cs]e|seat/i.test(`${error.vendorCode ?? ''} ${error.vendorMessage}`)) return 'LICENSE_LIMIT';
  return 'VENDOR_ERROR';
}

export function refusedItem(error: VendorRefusedError): ItemResult {
  return {
    status: 'failed',
    code: refusalReason(error),
    message: error.vendorMessage,
    ...(error.vendorCode ? { vendorCode: error.vendorCode } : {}),
  };
}

export interface RefusedAddress {
  email: string;
  networkType: 'internal' | 'external';
  /** The account's own domains; absent or empty when not configured. */
  companyDomains?: readonly string[];
  /** The network's member with this address, read after the refusal. */
  member?: { status: string };
}

const FAILED_FIELD = 'failedUserIds';

/**
 * Why Connect left an address out. What can refuse one (RULES.md, NOTES.md §4, the sandbox):
 * - a malformed address (EMAIL_MALFORMED);
 * - already an active member (ALREADY_MEMBER, reported as `already_member`);
 * - an internal network: an address outside the company's domains (INTERNAL_DOMAIN_MISMATCH), or a
 *   person already in another organisation's internal network, « Invite to the user failed as the
 *   person is already a member of another org » (IN_OTHER_INTERNAL_NETWORK);
 * - an external network: no external seat left, 5 per member license (LICENSE_LIMIT). NOTES.md
 *   also names a Zoho account in another data center, which the API cannot tell apart: the
 *   message says so.
 */
export function refusedAddress(address: RefusedAddress): ItemResult {
  const fail = (code: ReasonCode | 'VENDOR_ERROR', why: string): ItemResult => ({
    status: 'failed',
    code,
    vendorCode: FAILED_FIELD,
    message: `Zoho Connect did not invite ${address.email} (listed in ${FAILED_FIELD}, no reason given). ${why}`,
  });
  const parsed = parseEmail(address.email);
  if (!parsed.ok) return fail('EMAIL_MALFORMED', 'The address is not well formed.');
  if (address.member?.status === 'active') return { status: 'already_member' };
  const company = normalizeCompanyDomains(address.companyDomains ?? []);
  const inCompany = company.length > 0 ? isCompanyDomain(parsed.asciiDomain, company) : undefined;
  if (address.networkType === 'internal') {
    if (inCompany === false) return fail('INTERNAL_DOMAIN_MISMATCH', 'An internal network takes only the company’s own email domains.');
    if (inCompany === true) {
      return fail('IN_OTHER_INTERNAL_NETWORK', 'The person most likely belongs to another organisation’s internal network; invite them to an external network instead.');
    }
    return fail('VENDOR_ERROR', 'The company’s email domains are not configured, so the reason cannot be told.');
  }
  if (inCompany === true) return fail('VENDOR_ERROR', 'A company address needs no external seat; the reason cannot be told.');
  return fail('LICENSE_LIMIT', 'Most likely no external-user seat is left (5 per member license); a Zoho account in another data center is refused the same way.');
}
