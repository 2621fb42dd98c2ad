import { z } from 'zod';
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
  id: z.number().int().optional(),
  contactKey: z.string(),
  at: IsoDate,
  type: EventType,
  targetKey: z.string().optional(),
  jobId: z.string().optional(),
  /** Reason code or vendor message, shown as text. */
  detail: z.string().optional(),
});
export type PortierEvent = z.infer<typeof PortierEvent>;
