import type { Vendor } from '../model';
import { RateLimitedError, StoppedBeforeSendError, VendorError } from '../vendors/http';
import { OUTAGE_FIRST_WAIT_MS, OUTAGE_MAX_WAIT_MS } from './bounds';
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
export class LeaseLostError extends StoppedBeforeSendError {
  constructor(readonly jobId: string) {
    super(`job ${jobId} is no longer ours`, 'lease_lost');
    this.name = 'LeaseLostError';
  }
}

/**
 * The agent cancelled while a send of many writes was under way (Zendesk's one POST per contact,
 * CRM's one activation per contact): our throttle stops it before its next write, so nothing new
 * is sent after the cancel. What the writes before it made is reconciled from memberships.
 */
export class CancelledMidSendError extends StoppedBeforeSendError {
  constructor(readonly jobId: string) {
    super(`job ${jobId} was cancelled: the send stopped before its next request`, 'cancelled');
    this.name = 'CancelledMidSendError';
  }
}

/** Which vendor call of a step failed: what the failure means depends on it. */
export type Call = 'memberships' | 'reconcile' | 'send' | 'poll';

/** An unreadable answer is reported under this code next to the vendor's own. */
export const UNREADABLE = 'VENDOR_RESPONSE';

/**
 * What the worker does about a failed call. Pure: the worker (worker.ts) applies it.
 * - `stop`: we lost the job; write nothing.
 * - `cancelled`: the agent cancelled during a send, which stopped before its next write: undone
 *   if no write had left, else `sending`, and the next step settles it (members invited, the rest
 *   skipped as cancelled).
 * - `pause`: a 401 that renewing did not cure: wait for the agent to reconnect; nothing fails.
 * - `wait`: throttled; the account's bucket already knows until when. Costs no attempt.
 * - `outage`: the vendor did not answer (after the per-request retries): the account waits, with
 *   growing waits, and items stay as they are (a send stays `sending`, to be reconciled).
 * - `hold`: the vendor refused the membership read that was to settle a batch that may have been
 *   applied (a 403 after an admin took a permission away). Nothing fails: the batch stays
 *   `sending` ("checking with <vendor>") and is read again after growing waits (holdWaitMs), the
 *   vendor's refusal shown to the agent meanwhile; it settles by itself once the read is allowed.
 * - `fail`: the vendor refused the whole call, so nothing was applied: the batch's items fail.
 * - `reconcile`: the call may have been applied and we cannot tell from its answer: find out from
 *   memberships, and fail (with this reason) only those the vendor does not show.
 * `undoSend`: nothing of the send can have been applied, so the batch is back to "nothing sent":
 * no write of it had gone out before the request the vendor refused (401, 429) or our throttle
 * stopped (writesBefore). A send of many writes (Zendesk's one POST per contact) refused further
 * on has applied the writes before: it stays `sending` and is reconciled, so what it created is
 * reported invited (never "already a member" of a fresh look-up).
 */
export type Decision =
  | { kind: 'stop' }
  | { kind: 'cancelled'; undoSend: boolean }
  | { kind: 'pause'; undoSend: boolean; message: string }
  | { kind: 'wait'; undoSend: boolean; message: string }
  | { kind: 'outage'; message: string }
  | { kind: 'hold'; message: string }
  | { kind: 'fail'; code: string; message: string }
  | { kind: 'reconcile'; code: string; message: string }
  | { kind: 'repoll'; message: string };

/**
 * | error          | memberships | reconcile             | send                                                      | poll               |
 * |----------------|-------------|-----------------------|-----------------------------------------------------------|--------------------|
 * | lease lost     | stop        | stop                  | stop (a `sending` batch is reconciled by the next holder) | stop               |
 * | cancel         | –           | –                     | cancelled; undo if no write had left                      | –                  |
 * | 401            | pause       | pause                 | pause; undo if no write went before it                    | pause              |
 * | 429 (vendor)   | wait        | wait                  | wait; undo if no write went before it                     | wait               |
 * | 429 (throttle) | wait        | wait                  | wait; undo if no write had left                           | wait               |
 * | 5xx, no answer | outage      | outage                | outage (stays `sending`: reconcile)                       | outage, poll again |
 * | unreadable     | outage      | outage                | reconcile                                                 | repoll             |
 * | 4xx refused    | fail        | hold (may be applied) | fail (nothing was applied)                                | repoll             |
 *
 * Not undone, a send stays `sending` and the next step reconciles it from memberships. A vendor job
 * whose status cannot be read (a 404, a 204, an answer without its status) may still be running:
 * the memberships read now would miss what it has yet to do, and its people would end failed while
 * it invites them. So its status is asked again later (`repoll`), until the job's deadline, when the
 * batch is reconciled without a failure reason (worker.ts poll).
 * `requestsSent`: the failed call's writes (every method but GET: endpoints are named
 * `POST /api/v2/users`) our throttle let through; the refused one among them (writesBefore). A
 * write sent again after a renewal cured its 401 counts once (the throttle is told it is a repeat).
 */
export function decide(call: Call, error: unknown, requestsSent: number): Decision {
  if (error instanceof LeaseLostError) return { kind: 'stop' };
  // Thrown by our throttle before a write left: the writes before it are all that may be applied.
  if (error instanceof CancelledMidSendError) return { kind: 'cancelled', undoSend: requestsSent === 0 };
  const e = classify(error);
  switch (e.kind) {
    case 'auth':
      return { kind: 'pause', undoSend: call === 'send' && writesBefore(error, requestsSent) === 0, message: e.message };
    case 'rate_limited':
      return { kind: 'wait', undoSend: call === 'send' && writesBefore(error, requestsSent) === 0, message: e.message };
    case 'transient':
      return { kind: 'outage', message: e.message };
    case 'unreadable':
      if (call === 'memberships' || call === 'reconcile') return { kind: 'outage', message: e.message };
      if (call === 'poll') return { kind: 'repoll', message: e.message };
      return { kind: 'reconcile', code: UNREADABLE, message: e.message };
    case 'refused':
      if (call === 'poll') return { kind: 'repoll', message: e.message };
      // The read that was to settle a batch that may have been applied: failing its items would be
      // a guess (DESIGN.md). Not `pause`: its reasons are the agent's and "reconnect", and neither
      // is true here (reconnecting gives no permission back; nothing would resume the job when the
      // admin does). Not `outage`: the vendor answers, so the account's other work need not wait,
      // and their answers would reset the outage's doubling, leaving this read asked every second.
      // The full message (vendor, endpoint, status, code, words) is for whoever the agent asks.
      if (call === 'reconcile') return { kind: 'hold', message: error instanceof Error ? error.message : e.message };
      return { kind: 'fail', code: e.code, message: e.message };
  }
}

/**
 * Writes of the failed call that went out before the request refused with `error` (a 401 or 429):
 * each may have been applied (a Zendesk create each). The refused request is among the
 * `requestsSent` when it is a write the vendor answered; a read (its endpoint `GET …`) is not
 * counted, nor a request our throttle stopped (ThrottledError) before it left.
 */
function writesBefore(error: unknown, requestsSent: number): number {
  const counted = !(error instanceof ThrottledError) && !(error instanceof VendorError && error.endpoint.startsWith('GET '));
  return Math.max(0, requestsSent - (counted ? 1 : 0));
}

/**
 * Wait before the `failures`-th (from 1) read again of a held batch: "equal jitter" doubling from
 * OUTAGE_FIRST_WAIT_MS up to OUTAGE_MAX_WAIT_MS, so it never comes back sooner than half of its
 * ceiling (a refusal answers at once, and must not be asked again in a tight loop).
 */
export function holdWaitMs(failures: number, random: () => number): number {
  const ceiling = Math.min(OUTAGE_MAX_WAIT_MS, OUTAGE_FIRST_WAIT_MS * 2 ** Math.max(0, Math.floor(failures) - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random())));
}
