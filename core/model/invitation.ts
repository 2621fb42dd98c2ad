import * as z from 'zod/mini';
import { ReasonCode } from './eligibility';
import { IsoDate } from './vendor';

/**
 * One contact on one target. `queued` and `sending` are Portier's own; the others mirror the
 * vendor's view (an invitation nobody accepted within 7 days becomes `expired`), except the two
 * final words of the job engine for an item it did not send: `already_member` (the vendor already
 * had the person, `reason` says how: ALREADY_MEMBER, INVITATION_PENDING, PORTAL_USER_DEACTIVATED)
 * and `skipped` (a rule or the agent said no, `reason` says which).
 */
export const InvitationStatus = z.enum([
  'queued',
  'sending',
  'invited',
  'already_member',
  'skipped',
  'confirmed',
  'active',
  'failed',
  'expired',
  'deactivated',
  'removed',
]);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/** Why an item failed or was skipped: a RULES.md code, or an engine/vendor code, with the vendor's words. */
export const ItemReason = z.object({ code: z.union([ReasonCode, z.string()]), message: z.optional(z.string()) });
export type ItemReason = z.infer<typeof ItemReason>;

export const Invitation = z.object({
  /** `${contactKey}→${targetKey}`: one row per pair, so re-inviting updates rather than duplicates. */
  id: z.string(),
  contactKey: z.string(),
  targetKey: z.string(),
  email: z.string(),
  status: InvitationStatus,
  jobId: z.optional(z.string()),
  /** The item's place in its job (0, 1, …, in the order the agent confirmed): indexed with jobId. */
  seq: z.optional(z.int().check(z.nonnegative())),
  /** What its job sends for it (one confirmation may invite some and re-invite others); absent: the job's action. */
  action: z.optional(z.enum(['invite', 'reinvite', 'activate'])),
  /** Why it failed or was skipped, with the vendor's own words kept for the report. */
  reason: z.optional(ItemReason),
  /** How many vendor calls carried this item in its job (the engine's bound on retries). */
  attempts: z.optional(z.int().check(z.nonnegative())),
  invitedAt: z.optional(IsoDate),
  updatedAt: IsoDate,
});
export type Invitation = z.infer<typeof Invitation>;

export function invitationId(contactKey: string, targetKey: string): string {
  return `${contactKey}→${targetKey}`;
}
