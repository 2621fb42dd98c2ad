import { z } from 'zod';
import { Action } from './eligibility';
import { ItemReason } from './invitation';
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

/**
 * The one batch of a job the engine has taken from the list and not finished. It lives in the job
 * row so that a service worker that dies mid-batch leaves enough for the next life to reconcile.
 * Its items are not listed here: they are the job's Invitation rows with `seq` in [from, to) that
 * are still `queued` or `sending` (one `[jobId+seq]` range), so the row stays the same size
 * whatever the batch or the job holds.
 * - `ready`: nothing of it has reached the vendor; check membership, then send.
 * - `sending`: a send may have reached the vendor (its answer was lost, a 5xx, a dead worker);
 *   ask the vendor who is a member now before anything is sent again.
 * - `polling`: the vendor answered with a job of its own; poll it, never send again.
 */
export const JobBatch = z.object({
  id: z.string(),
  /** First `seq` of the items the batch took. */
  from: z.number().int().nonnegative(),
  /** One past the last `seq` the batch took: later items are past the job's cursor. */
  to: z.number().int().nonnegative(),
  phase: z.enum(['ready', 'sending', 'polling']),
  /** send() calls made for this batch; bounded by the engine's maxAttempts. */
  sends: z.number().int().nonnegative(),
  /** 5xx / network failures met by this batch's calls; bounded by maxAttempts, then the items fail. */
  failures: z.number().int().nonnegative(),
  /** When the last send() started: a membership seen by reconciliation must be at least this recent. */
  sentAt: IsoDate.optional(),
  vendorJobId: z.string().optional(),
  /** The last send's answer was unusable: reconcile, then fail (not resend) what is not a member. */
  failReason: ItemReason.optional(),
});
export type JobBatch = z.infer<typeof JobBatch>;

export const Job = z.object({
  id: z.string(),
  vendor: Vendor,
  accountId: z.string(),
  targetKey: z.string(),
  action: Action.exclude(['none']),
  status: JobStatus,
  pauseReason: PauseReason.optional(),
  counts: z.object({
    total: z.number().int().nonnegative(),
    invited: z.number().int().nonnegative(),
    already_member: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
  /** send() calls made for the whole job. */
  attempts: z.number().int().nonnegative(),
  /**
   * `seq` of the first item no batch has taken yet; absent means 0. The items themselves, in the
   * order the agent confirmed them, are the job's Invitation rows by `[jobId+seq]`: a job row
   * never carries the contact keys, so its reads and writes cost the same for 10 or 10,000 items.
   */
  cursor: z.number().int().nonnegative().optional(),
  batch: JobBatch.optional(),
  /** The agent cancelled while a batch was in flight: reconcile it, send nothing more, then stop. */
  cancelRequested: z.boolean().optional(),
  /** What the engine is waiting for, for the panel ("rate limited until…", "reconnect needed"). */
  lastError: z
    .object({ kind: z.enum(['rate_limited', 'transient', 'auth', 'refused']), message: z.string(), at: IsoDate })
    .optional(),
  /** When the engine may next work on it (rate limit, backoff). Indexed with status. */
  nextAttemptAt: IsoDate,
  lease: z.object({ owner: z.string(), until: IsoDate }).optional(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Job = z.infer<typeof Job>;
