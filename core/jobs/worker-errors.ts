import type { Vendor } from '../model';
import { RateLimitedError } from '../vendors/http';
import { classify } from './retry';

/**
 * Our own throttle (JobWorker.throttle) stopped a request before it was sent: the account's bucket
 * is spent for longer than the worker may wait in the middle of a call. Nothing reached the vendor
 * for this request; the bucket already knows the wait, so it is not blocked again.
 */
export class ThrottledError extends RateLimitedError {
  constructor(vendor: Vendor, endpoint: string, retryAfterMs: number) {
    super(vendor, endpoint, retryAfterMs, `waiting ${Math.ceil(retryAfterMs)} ms for the account's rate limit`);
  }
}

/**
 * The worker no longer holds the job (its lease was taken, or the agent paused or cancelled and the
 * renewal before a request said so): the call stops before its next request, and the worker writes
 * nothing more. What the call already sent is the next holder's to reconcile.
 */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} is no longer ours`);
    this.name = 'LeaseLostError';
  }
}

/** Which vendor call of a step failed: what the failure means depends on it. */
export type Call = 'memberships' | 'reconcile' | 'send' | 'poll';

/** An unreadable answer is reported under this code next to the vendor's own. */
export const UNREADABLE = 'VENDOR_RESPONSE';

/**
 * What the worker does about a failed call. Pure: the worker (worker.ts) applies it.
 * - `stop`: we lost the job; write nothing.
 * - `pause`: a 401 that renewing did not cure: wait for the agent to reconnect; nothing fails.
 * - `wait`: throttled; the account's bucket already knows until when. Costs no attempt.
 * - `outage`: the vendor did not answer (after the per-request retries): the account waits, with
 *   growing waits, and items stay as they are (a send stays `sending`, to be reconciled).
 * - `fail`: the vendor refused the whole call, so nothing was applied: the batch's items fail.
 * - `reconcile`: the call may have been applied and we cannot tell from its answer: find out from
 *   memberships, and fail (with this reason) only those the vendor does not show.
 * `undoSend`: the vendor refused a send outright (401, 429), or our throttle stopped it before any
 * request left, so the batch is back to "nothing sent".
 */
export type Decision =
  | { kind: 'stop' }
  | { kind: 'pause'; undoSend: boolean; message: string }
  | { kind: 'wait'; undoSend: boolean; message: string }
  | { kind: 'outage'; message: string }
  | { kind: 'fail'; code: string; message: string }
  | { kind: 'reconcile'; code: string; message: string };

/**
 * | error          | memberships / reconcile | send                                   | poll                          |
 * |----------------|-------------------------|----------------------------------------|-------------------------------|
 * | lease lost     | stop                    | stop (a `sending` batch is reconciled by the next holder) | stop       |
 * | 401            | pause                   | undo, pause                            | pause                         |
 * | 429            | wait                    | undo (unless requests already left), wait | wait                       |
 * | 5xx, no answer | outage                  | outage (stays `sending`: reconcile)    | outage, poll again            |
 * | unreadable     | outage (a read: ask again) | reconcile                           | reconcile                     |
 * | 4xx refused    | fail                    | fail (nothing was applied)             | reconcile                     |
 *
 * `requestsSent`: how many HTTP requests of the failed call our throttle let through.
 */
export function decide(call: Call, error: unknown, requestsSent: number): Decision {
  if (error instanceof LeaseLostError) return { kind: 'stop' };
  const e = classify(error);
  switch (e.kind) {
    case 'auth':
      return { kind: 'pause', undoSend: call === 'send', message: e.message };
    case 'rate_limited': {
      // A send stopped by our throttle after some of its requests went out may have been applied:
      // it stays `sending` and is reconciled. A vendor's 429 refused the request it answered.
      const own = error instanceof ThrottledError;
      return { kind: 'wait', undoSend: call === 'send' && (!own || requestsSent === 0), message: e.message };
    }
    case 'transient':
      return { kind: 'outage', message: e.message };
    case 'unreadable':
      if (call === 'memberships' || call === 'reconcile') return { kind: 'outage', message: e.message };
      return { kind: 'reconcile', code: UNREADABLE, message: e.message };
    case 'refused':
      if (call === 'poll') return { kind: 'reconcile', code: e.code, message: e.message };
      return { kind: 'fail', code: e.code, message: e.message };
  }
}
