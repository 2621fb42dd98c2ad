/**
 * The invitation outbox (DESIGN.md, "The way data flows", steps 3 and 4): createJob writes a job
 * and answers at once; JobEngine works it with leases, vendor-sized batches, a token bucket per
 * account, bounded retries, and reconciliation with the vendor after anything uncertain.
 *
 * An item (Invitation row of the job) moves only forward to exactly one final state:
 *
 *   queued ⇄ sending ─► invited | active (activate) | already_member | failed | skipped
 *   queued ─────────────► already_member | failed | skipped          (checked before sending, cancelled)
 *
 * `sending` means "a call carrying it may have reached the vendor": it leaves that state only
 * through the vendor's answer or a membership look-up, never by sending again blind. Each change
 * writes an event for the contact's history (queued, retried, invited/reinvited/activated,
 * already_member, failed, skipped, cancelled).
 *
 * A job: queued ─claim─► running ─► completed | cancelled, with running ⇄ queued (a wait longer
 * than a service worker should stay busy) and running/queued ⇄ paused (agent, or a 401 that
 * renewing did not cure: `pauseReason: 'reconnect'`, nothing failed).
 */
export { createJob, createJobsByAction, type NewJobInput } from './create';
export { JobEngine, type ConnectorHooks, type EngineOptions, type RunResult } from './engine';
export { accountReconnected, cancelJob, pauseJob, resumeJob } from './control';
export { claim, renew } from './lease';
export { ENGINE_REASONS, initialItem, isDone, type Settlement } from './outcomes';
export { RateLimits, TokenBucket, type BucketOptions } from './rate-limit';
export { backoffMs, classify, DEFAULT_RETRY, mayRetry, type ErrorKind, type RetryPolicy } from './retry';
