import { z } from 'zod';
import { Action } from './eligibility';
import { IsoDate, Vendor } from './vendor';

/**
 * A bulk or single invitation run, written to the outbox before anything is sent. The engine claims
 * it with a lease so that two service-worker lives never work on it at once.
 */
export const JobStatus = z.enum(['queued', 'running', 'paused', 'completed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

/** Why a job is paused: by the agent, or waiting for the account to be reconnected after a 401. */
export const PauseReason = z.enum(['agent', 'reconnect']);

export const JobItemOutcome = z.enum(['pending', 'invited', 'already_member', 'failed', 'skipped']);
export type JobItemOutcome = z.infer<typeof JobItemOutcome>;

export const Job = z.object({
  id: z.string(),
  vendor: Vendor,
  accountId: z.string(),
  targetKey: z.string(),
  action: Action.exclude(['none']),
  status: JobStatus,
  pauseReason: PauseReason.optional(),
  /** contactKeys in the order the agent confirmed them. */
  contactKeys: z.array(z.string()),
  counts: z.object({
    total: z.number().int().nonnegative(),
    invited: z.number().int().nonnegative(),
    already_member: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
  attempts: z.number().int().nonnegative(),
  /** When the engine may next work on it (rate limit, backoff). Indexed with status. */
  nextAttemptAt: IsoDate,
  lease: z.object({ owner: z.string(), until: IsoDate }).optional(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Job = z.infer<typeof Job>;
