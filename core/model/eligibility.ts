import * as z from 'zod/mini';

/** The destinations Portier can add a contact to (RULES.md, "Destinations"). */
export const TargetKind = z.enum(['zendesk.end_user', 'zoho_desk.help_center', 'zoho_crm.portal', 'zoho_connect.network']);
export type TargetKind = z.infer<typeof TargetKind>;

/** Every reason code of RULES.md. The UI texts live in core/eligibility/texts.ts. */
export const ReasonCode = z.enum([
  'EMAIL_MISSING',
  'EMAIL_MALFORMED',
  'EMAIL_UNSUPPORTED_CHARACTERS',
  'EMAIL_DISPOSABLE',
  'EMAIL_DOMAIN_RESERVED',
  'EMAIL_UNVERIFIED',
  'DUPLICATE_IN_SELECTION',
  'ALREADY_MEMBER',
  'INVITATION_PENDING',
  'INVITATION_EXPIRED',
  'PORTAL_USER_DEACTIVATED',
  'RECORD_PENDING_APPROVAL',
  'RECORD_UNDER_REVIEW',
  'CONSENT_MISSING',
  'RECORD_DELETED',
  'RECORD_IN_RECYCLE_BIN',
  'COMPANY_DOMAIN',
  'INTERNAL_DOMAIN_MISMATCH',
  'IN_OTHER_INTERNAL_NETWORK',
  'ZOHO_ACCOUNT_REQUIRED',
  'NOT_NETWORK_ADMIN',
  'NO_PORTAL_PERMISSION',
  'NOT_AN_AGENT',
  'HELP_CENTER_DISABLED',
  'LICENSE_LIMIT',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const Severity = z.enum(['block', 'warn', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Action = z.enum(['invite', 'reinvite', 'activate', 'none']);
export type Action = z.infer<typeof Action>;

/** The actions a job sends (every Action but `none`). */
export const JobAction = z.enum(['invite', 'reinvite', 'activate']);
export type JobAction = z.infer<typeof JobAction>;

export const MembershipStatus = z.enum(['invited', 'confirmed', 'active', 'deactivated']);

export const RecordState = z.enum(['active', 'pending_approval', 'under_review', 'deleted', 'recycle_bin']);

/** What evaluate() knows of a contact. Optional means "not known": only a missing email blocks. */
export const EligibilityContact = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  emailVerified: z.optional(z.boolean()),
  recordState: z.optional(RecordState),
  consent: z.optional(z.enum(['given', 'missing', 'not_required'])),
  hasZohoAccount: z.optional(z.boolean()),
  internalNetworkId: z.optional(z.string()),
  membership: z.optional(
    z.object({
      status: MembershipStatus,
      invitedAt: z.optional(z.string()),
    }),
  ),
});
export type EligibilityContact = z.infer<typeof EligibilityContact>;

export const EligibilityTarget = z.object({
  kind: TargetKind,
  id: z.string(),
  status: z.optional(z.enum(['active', 'disabled'])),
  networkType: z.optional(z.enum(['internal', 'external'])),
  companyDomains: z.optional(z.array(z.string())),
  consentRequired: z.optional(z.boolean()),
  seats: z.optional(z.object({ used: z.number(), limit: z.number() })),
});
export type EligibilityTarget = z.infer<typeof EligibilityTarget>;

export const ActorRole = z.enum(['end_user', 'agent', 'admin']);

export const EligibilityActor = z.object({
  role: ActorRole,
  /** 'portal.manage', 'network.admin', 'network.add_users'. Absent = unknown; [] = none. */
  permissions: z.optional(z.array(z.string())),
});
export type EligibilityActor = z.infer<typeof EligibilityActor>;

export const EligibilityInput = z.object({
  contact: EligibilityContact,
  target: EligibilityTarget,
  actor: EligibilityActor,
});
export type EligibilityInput = z.infer<typeof EligibilityInput>;

export const Reason = z.object({ code: ReasonCode, severity: Severity });
export type Reason = z.infer<typeof Reason>;

export const Verdict = z.object({
  eligible: z.boolean(),
  action: Action,
  reasons: z.array(Reason),
});
export type Verdict = z.infer<typeof Verdict>;

export const BulkPlan = z.object({
  items: z.array(z.object({ contactId: z.string(), verdict: Verdict })),
  counts: z.record(z.string(), z.number()),
  batches: z.array(z.array(z.string())),
});
export type BulkPlan = z.infer<typeof BulkPlan>;
