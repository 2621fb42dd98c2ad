import type { ReasonCode, Severity, TargetKind } from '../model';

/**
 * Severity of each code (RULES.md, "Reason codes"). Two codes depend on the destination: CRM portals
 * refuse disposable addresses outright, and Desk disables "Add as End User" for unverified profiles
 * while Zendesk can send the verification email instead.
 */
const FIXED: Record<Exclude<ReasonCode, 'EMAIL_DISPOSABLE' | 'EMAIL_UNVERIFIED'>, Severity> = {
  EMAIL_MISSING: 'block',
  EMAIL_MALFORMED: 'block',
  EMAIL_UNSUPPORTED_CHARACTERS: 'block',
  EMAIL_DOMAIN_RESERVED: 'warn',
  DUPLICATE_IN_SELECTION: 'info',
  ALREADY_MEMBER: 'info',
  INVITATION_PENDING: 'info',
  INVITATION_EXPIRED: 'info',
  PORTAL_USER_DEACTIVATED: 'info',
  RECORD_PENDING_APPROVAL: 'block',
  RECORD_UNDER_REVIEW: 'block',
  CONSENT_MISSING: 'block',
  RECORD_DELETED: 'block',
  RECORD_IN_RECYCLE_BIN: 'block',
  COMPANY_DOMAIN: 'block',
  INTERNAL_DOMAIN_MISMATCH: 'block',
  IN_OTHER_INTERNAL_NETWORK: 'block',
  ZOHO_ACCOUNT_REQUIRED: 'info',
  NOT_NETWORK_ADMIN: 'block',
  NO_PORTAL_PERMISSION: 'block',
  NOT_AN_AGENT: 'block',
  HELP_CENTER_DISABLED: 'block',
  LICENSE_LIMIT: 'block',
};

export function severityOf(code: ReasonCode, kind: TargetKind): Severity {
  switch (code) {
    case 'EMAIL_DISPOSABLE':
      return kind === 'zoho_crm.portal' ? 'block' : 'warn';
    case 'EMAIL_UNVERIFIED':
      return kind === 'zoho_desk.help_center' ? 'block' : 'warn';
    default:
      return FIXED[code];
  }
}

/** Info reasons that mean "nothing to send": the contact is not eligible although nothing blocks. */
export const NEEDS_NOTHING: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'ALREADY_MEMBER',
  'INVITATION_PENDING',
  'PORTAL_USER_DEACTIVATED',
  'DUPLICATE_IN_SELECTION',
]);
