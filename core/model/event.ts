import * as z from 'zod/mini';
import { IsoDate } from './vendor';

/** A line of a contact's history: what happened, when, on which target, by which job. */
export const EventType = z.enum([
  'queued',
  'invited',
  'reinvited',
  'activated',
  'verification_sent',
  'already_member',
  'failed',
  'skipped',
  'retried',
  'cancelled',
  'confirmed',
  'expired',
  'deactivated',
  'removed',
]);
export type EventType = z.infer<typeof EventType>;

export const PortierEvent = z.object({
  /** Auto-incremented by Dexie. */
  id: z.optional(z.int()),
  contactKey: z.string(),
  at: IsoDate,
  type: EventType,
  targetKey: z.optional(z.string()),
  jobId: z.optional(z.string()),
  /** Reason code or vendor message, shown as text. */
  detail: z.optional(z.string()),
});
export type PortierEvent = z.infer<typeof PortierEvent>;
