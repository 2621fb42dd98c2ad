import { z } from 'zod';
import { ReasonCode } from './eligibility';
import { IsoDate } from './vendor';

/**
 * One contact on one target. `queued` and `sending` are Portier's own; the others mirror the
 * vendor's view (an invitation nobody accepted within 7 days becomes `expired`).
 */
export const InvitationStatus = z.enum([
  'queued',
  'sending',
  'invited',
  'confirmed',
  'active',
  'failed',
  'expired',
  'deactivated',
  'removed',
]);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const Invitation = z.object({
  /** `${contactKey}→${targetKey}`: one row per pair, so re-inviting updates rather than duplicates. */
  id: z.string(),
  contactKey: z.string(),
  targetKey: z.string(),
  email: z.string(),
  status: InvitationStatus,
  jobId: z.string().optional(),
  /** Why it failed or was skipped, with the vendor's own words kept for the report. */
  reason: z.object({ code: z.union([ReasonCode, z.string()]), message: z.string().optional() }).optional(),
  invitedAt: IsoDate.optional(),
  updatedAt: IsoDate,
});
export type Invitation = z.infer<typeof Invitation>;

export function invitationId(contactKey: string, targetKey: string): string {
  return `${contactKey}→${targetKey}`;
}
