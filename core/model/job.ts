import * as z from 'zod/mini';
import { JobAction } from './eligibility';
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
  from: z.int().check(z.nonnegative()),
  /** One past the last `seq` the batch took: later items are past the job's cursor. */
  to: z.int().check(z.nonnegative()),
  phase: z.enum(['ready', 'sending', 'polling']),
  /** What this batch sends (every item of a batch has one action); absent: the job's action. */
  action: z.optional(JobAction),
  /** send() calls made for this batch; bounded by the engine's maxAttempts. */
  sends: z.int().check(z.nonnegative()),
  /** 5xx / network failures met by this batch's calls; bounded by maxAttempts, then the items fail. */
  failures: z.int().check(z.nonnegative()),
  /** When the last send() started: a membership seen by reconciliation must be at least this recent. */
  sentAt: z.optional(IsoDate),
  vendorJobId: z.optional(z.string()),
  /**
   * The vendor job still running when the agent cancelled: it is no longer followed, but the vendor
   * may still apply it, so what the reconciliation does not find is said "may still be applied".
   */
  abandonedVendorJobId: z.optional(z.string()),
  /** The last send's answer was unusable: reconcile, then fail (not resend) what is not a member. */
  failReason: z.optional(ItemReason),
});
export type JobBatch = z.infer<typeof JobBatch>;

export const Job = z.object({
  id: z.string(),
  vendor: Vendor,
  accountId: z.string(),
  targetKey: z.string(),
  /** The first action of the job; `actions` says how many items each action carries. */
  action: JobAction,
  /**
   * Items per action, when one confirmation mixes them (39 invitations, 4 re-invitations, 1
   * activation): one job, whose items are grouped by action so each batch sends one.
   */
  actions: z.optional(z.object({ invite: z.optional(z.int()), reinvite: z.optional(z.int()), activate: z.optional(z.int()) })),
  /**
   * The report's terms beyond `counts` (sent + blocked + already members + skipped = selected):
   * items a rule blocked (counted in `counts.skipped` too), and what was selected but is no
   * contact at the vendor (unknown ids, addresses nobody has), which has no item at all.
   */
  blocked: z.optional(z.int().check(z.nonnegative())),
  notFound: z.optional(z.int().check(z.nonnegative())),
  status: JobStatus,
  pauseReason: z.optional(PauseReason),
  counts: z.object({
    total: z.int().check(z.nonnegative()),
    invited: z.int().check(z.nonnegative()),
    already_member: z.int().check(z.nonnegative()),
    failed: z.int().check(z.nonnegative()),
    skipped: z.int().check(z.nonnegative()),
  }),
  /** send() calls made for the whole job. */
  attempts: z.int().check(z.nonnegative()),
  /**
   * `seq` of the first item no batch has taken yet; absent means 0. The items themselves, in the
   * order the agent confirmed them, are the job's Invitation rows by `[jobId+seq]`: a job row
   * never carries the contact keys, so its reads and writes cost the same for 10 or 10,000 items.
   */
  cursor: z.optional(z.int().check(z.nonnegative())),
  batch: z.optional(JobBatch),
  /** The agent cancelled while a batch was in flight: reconcile it, send nothing more, then stop. */
  cancelRequested: z.optional(z.boolean()),
  /** The agent paused while a batch was in flight: it is answered (or reconciled) first ("Pausing…"), then the job pauses. */
  pauseRequested: z.optional(z.boolean()),
  /** What the engine is waiting for, for the panel ("rate limited until…", "reconnect needed"). */
  lastError: z.optional(
    z.object({
      kind: z.enum(['rate_limited', 'transient', 'auth', 'refused']),
      message: z.string(),
      at: IsoDate,
      /** When the engine tries again, after a vendor that did not answer ("not answering, retrying at 10:42"). */
      retryAt: z.optional(IsoDate),
    }),
  ),
  /** When the engine may next work on it (rate limit, backoff). Indexed with status. */
  nextAttemptAt: IsoDate,
  lease: z.optional(z.object({ owner: z.string(), until: IsoDate })),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Job = z.infer<typeof Job>;
