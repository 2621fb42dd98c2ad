import { z } from '../../zod';

/**
 * The parts of Zendesk Support answers Portier reads (support-oas.yaml: UserObject, UserIdentityObject,
 * JobStatusObject, BrandObject). Unknown fields are dropped, fields Portier does not need are not
 * required, and every id is a number in Zendesk's answers: a string there is a broken answer.
 */

const Id = z.number().int().nonnegative();

export const ZendeskRole = z.enum(['end-user', 'agent', 'admin']);

export const ZendeskUser = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullish(),
  role: ZendeskRole,
  /** "Any of the user's identities is verified" (the OAS); Portier's email-verified fact. */
  verified: z.boolean().nullish(),
  phone: z.string().nullish(),
  organization_id: Id.nullish(),
  active: z.boolean().nullish(),
  suspended: z.boolean().nullish(),
});
export type ZendeskUser = z.infer<typeof ZendeskUser>;

/** `?include=organizations` sideloads them; answers without it are fine. */
const SideloadedOrganizations = z.array(z.object({ id: Id, name: z.string() })).optional();

export const UserAnswer = z.object({ user: ZendeskUser, organizations: SideloadedOrganizations });
export const UsersAnswer = z.object({
  users: z.array(ZendeskUser),
  organizations: SideloadedOrganizations,
  next_page: z.string().nullish(),
});

/** GET /api/v2/tickets/{id} (TicketObject): who the ticket names. */
export const TicketAnswer = z.object({
  ticket: z.object({
    id: Id,
    subject: z.string().nullish(),
    requester_id: Id.nullish(),
    email_cc_ids: z.array(Id).nullish(),
    /** Legacy CCs and followers. */
    collaborator_ids: z.array(Id).nullish(),
  }),
});

/** GET /api/v2/organizations/{id} (OrganizationObject). */
export const OrganizationAnswer = z.object({ organization: z.object({ id: Id, name: z.string() }) });

/** GET /api/v2/users/me: anonymous callers get a user without an id. */
export const MeAnswer = z.object({
  user: z.object({
    id: Id.nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
    role: ZendeskRole,
    authenticity_token: z.string().nullish(),
  }),
});

/**
 * UserIdentityObject requires only `user_id`, `type` and `value`; `id` and `primary` may be left
 * out, and `verified` is deprecated for `verification_method` (verification.ts reads both). The
 * method is read as any string: a value Zendesk adds later must not break the answer.
 */
export const Identity = z.object({
  id: Id.nullish(),
  user_id: Id.nullish(),
  type: z.string(),
  value: z.string(),
  verification_method: z.string().nullish(),
  verified: z.boolean().nullish(),
  primary: z.boolean().nullish(),
});
export type Identity = z.infer<typeof Identity>;
export const IdentitiesAnswer = z.object({ identities: z.array(Identity) });

/**
 * JobStatusResultObject is a oneOf of created `{id, index}`, updated `{id, action, success, status}`
 * and failed `{id, action, success: false, error, details}` items (NOTES.md §1.3); read loosely and
 * told apart in errors.ts.
 */
export const JobResult = z.object({
  id: z.union([Id, z.string()]).nullish(),
  index: z.number().int().nonnegative().nullish(),
  status: z.string().nullish(),
  success: z.boolean().nullish(),
  action: z.string().nullish(),
  error: z.string().nullish(),
  details: z.unknown().optional(),
  email: z.string().nullish(),
});
export type JobResult = z.infer<typeof JobResult>;

export const JobStatus = z.object({
  id: z.string().min(1),
  status: z.enum(['queued', 'working', 'failed', 'completed', 'killed']),
  total: z.number().int().nullish(),
  progress: z.number().int().nullish(),
  message: z.string().nullish(),
  /**
   * The OAS's oneOf: per-item results, or `{success}` alone for a job that reports no items (a
   * failed or killed one, say). Only the array says what became of each item (invite.ts).
   */
  results: z.union([z.array(JobResult), z.object({ success: z.boolean() })]).nullish(),
});
export type JobStatus = z.infer<typeof JobStatus>;
export const JobStatusAnswer = z.object({ job_status: JobStatus });

export const Brand = z.object({
  id: Id,
  name: z.string(),
  subdomain: z.string().nullish(),
  brand_url: z.string().nullish(),
  default: z.boolean().nullish(),
  active: z.boolean().nullish(),
  has_help_center: z.boolean().nullish(),
  help_center_state: z.string().nullish(),
});
export const BrandsAnswer = z.object({ brands: z.array(Brand), next_page: z.string().nullish() });

/**
 * Errors: `{error, description, details}` in practice (RecordInvalid, Forbidden…), `{error,
 * error_description}` from OAuth, the declared `{errors: [{code, title, detail}]}`, or plain text.
 */
export const FieldError = z.object({ error: z.string().optional(), description: z.string().optional() });
export const ErrorEnvelope = z.object({
  error: z.union([z.string(), z.object({ title: z.string().optional(), message: z.string().optional() })]).optional(),
  description: z.string().optional(),
  error_description: z.string().optional(),
  details: z.record(z.string(), z.array(FieldError)).optional(),
  errors: z.array(z.object({ code: z.string().optional(), title: z.string().optional(), detail: z.string().optional() })).optional(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
