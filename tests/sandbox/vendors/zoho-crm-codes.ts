/**
 * Zoho CRM portal-invite failure reasons that the vendor's help pages list but that have no
 * documented API code or message (NOTES.md §3.1 "Not found anywhere in the stored sources", §5.3).
 * The sandbox answers them in the documented single-invite error envelope
 * `{code, details: {record_id}, message, status: "error"}` (HTTP 400) with a code it names here.
 * These are sandbox inventions: a connector must treat any unknown CRM code as a failure with the
 * vendor's message, and map these only as a best guess.
 */
export const CRM_FAILURE_REASONS = {
  /** Failure reason 1 « Le domaine correspond au domaine du super administrateur » → RULES COMPANY_DOMAIN */
  companyDomain: {
    code: 'SUPER_ADMIN_DOMAIN',
    message: "The email domain matches the super administrator's domain.",
  },
  /** Failure reason 4, GDPR consent enabled and not given → RULES CONSENT_MISSING */
  consentMissing: {
    code: 'CONSENT_NOT_GIVEN',
    message: 'The record has not given consent for data processing.',
  },
  /** Failure reason 5, anything outside A-Z a-z 0-9 @ . - _ + → RULES EMAIL_UNSUPPORTED_CHARACTERS */
  unsupportedCharacters: {
    code: 'INVALID_EMAIL_CHARACTERS',
    message: 'The email address contains characters that portals do not support.',
  },
  /** Failure reason 6 « L'adresse e-mail est anonyme » → RULES EMAIL_DISPOSABLE */
  disposable: {
    code: 'ANONYMOUS_EMAIL',
    message: 'The email address is anonymous.',
  },
  /** Failure reason 9 → RULES RECORD_DELETED */
  deleted: {
    code: 'RECORD_DELETED',
    message: 'The record has been deleted.',
  },
  /** Failure reason 12 → RULES RECORD_IN_RECYCLE_BIN */
  recycleBin: {
    code: 'RECORD_IN_RECYCLE_BIN',
    message: 'The record is in the recycle bin.',
  },
} as const;

export type CrmFailureReason = keyof typeof CRM_FAILURE_REASONS;

export const INVENTED_CRM_CODES: readonly string[] = Object.values(CRM_FAILURE_REASONS).map((r) => r.code);

/** Documented codes and messages of the single invite (portal_users.yaml + singleInviteUser.md). */
export const CRM_INVITE_ERRORS = {
  cannotProcess: { code: 'CANNOT_PROCESS', message: 'Invalid type for the portal invite' },
  noEmail: {
    code: 'INVALID_DATA',
    message: 'Invitation sent has failed as provided personality record does not have email id.',
  },
  notReviewed: {
    code: 'NOT_REVIEWED',
    message: 'You cannot sent portal invitation since the record is waiting for approval under review process.',
  },
  notApproved: { code: 'NOT_APPROVED', message: 'Entity has not approved to invite yet.' },
  duplicate: {
    code: 'DUPLICATE_DATA',
    message: 'Invitation sent has failed as a portal user exists with same email id',
  },
  // The message of LICENSE_LIMIT_EXCEEDED is not given in the sources (NOTES.md §3.1); this one is the
  // sandbox's, in the vendor's wording for the same limit on change_status ("License Limit has been exceeded.").
  licenseLimit: { code: 'LICENSE_LIMIT_EXCEEDED', message: 'License Limit has been exceeded.' },
} as const;

export const CRM_INVITE_SUCCESS_MESSAGE = 'An Invite has been sent to the personality.';
