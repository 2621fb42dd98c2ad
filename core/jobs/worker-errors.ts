import type { Vendor } from '../model';
import { RateLimitedError } from '../vendors/http';
import { ENGINE_REASONS, failed } from './outcomes';
import { backoffMs, classify, mayRetry } from './retry';
import type { JobWorker, Next } from './worker';

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

/** Which vendor call of a step failed: what the failure means depends on it. */
export type Call = 'memberships' | 'reconcile' | 'send' | 'poll';

/** An unreadable answer is reported under this code next to the vendor's own. */
const UNREADABLE = 'VENDOR_RESPONSE';

/**
 * What a failed vendor call does to the batch (core/vendors/http.ts says what each error means):
 *
 * | error        | memberships / reconcile      | send                                   | poll                              |
 * |--------------|------------------------------|----------------------------------------|-----------------------------------|
 * | 401          | pause for reconnect          | back to `ready` (refused: not applied), pause | pause                      |
 * | 429          | wait Retry-After             | back to `ready`, wait Retry-After      | wait Retry-After                  |
 * | 5xx, no answer | back off                   | stays `sending`: reconcile, then resend | back off, poll again             |
 * | 4xx refused  | items fail with the code     | items fail (nothing was applied)       | reconcile, fail the non-members   |
 * | unreadable   | items fail                   | reconcile, fail the non-members        | reconcile, fail the non-members   |
 *
 * 5xx and dropped connections count against maxAttempts per batch; past it, the items still
 * pending fail with VENDOR_UNAVAILABLE. Neither a 401 nor a 429 costs an attempt or fails anything.
 */
export async function onCallError(worker: JobWorker, call: Call, error: unknown): Promise<Next> {
  const batch = worker.job.batch!;
  const e = classify(error);
  const { now } = worker.ctx;

  switch (e.kind) {
    case 'auth': {
      if (call === 'send') await undoSend(worker);
      await worker.release({ status: 'paused', pauseReason: 'reconnect' }, { kind: 'auth', message: e.message });
      return 'stop';
    }
    case 'rate_limited': {
      const own = error instanceof ThrottledError;
      // A vendor's 429 closes the bucket; our own throttle's refusal comes from the bucket itself.
      if (!own) worker.ctx.limits.for(worker.job.accountId).block(e.retryAfterMs, now());
      // A send stopped by our throttle before its first request reached nothing; one stopped after
      // some of its requests went out may have been applied, so it stays `sending` and is reconciled.
      if (call === 'send' && (!own || worker.requestsLetThrough === 0)) await undoSend(worker);
      const ok = await worker.write(worker.job.batch ?? batch, (w) => {
        w.job.lastError = { kind: 'rate_limited', message: e.message, at: w.now };
      });
      // The next step asks the bucket for a token and waits out the Retry-After there.
      return ok ? 'again' : 'stop';
    }
    case 'transient': {
      let failures = 0;
      const ok = await worker.write(batch, (w) => {
        const b = w.job.batch!;
        b.failures += 1;
        failures = b.failures;
        w.job.lastError = { kind: 'transient', message: e.message, at: w.now };
        if (mayRetry(b.failures, worker.ctx.retry)) return;
        // `ready` was never sent; the others may have reached the vendor, which is said in the reason.
        const maybe = b.phase === 'ready' ? '' : ' (the last call may have reached the vendor)';
        for (const key of w.batchKeys) w.settle(key, failed(ENGINE_REASONS.unavailable, `${e.message}${maybe}`));
      });
      if (!ok) return 'stop';
      return mayRetry(failures, worker.ctx.retry) ? Math.max(1, backoffMs(failures, worker.ctx.random, worker.ctx.retry)) : 'again';
    }
    case 'refused':
    case 'unreadable': {
      const code = e.kind === 'refused' ? e.code : UNREADABLE;
      // The vendor may have applied a send it answered unreadably, or a vendor job we can no longer
      // follow: find out who is a member, and fail only the others (never resend blind).
      const reconcileFirst = call === 'poll' || (call === 'send' && e.kind === 'unreadable');
      const ok = await worker.write(batch, (w) => {
        const b = w.job.batch!;
        w.job.lastError = { kind: 'refused', message: e.message, at: w.now };
        if (reconcileFirst) {
          const { vendorJobId: _v, ...kept } = b;
          w.job.batch = { ...kept, phase: 'sending', failReason: { code, message: e.message } };
          return;
        }
        for (const key of w.batchKeys) w.settle(key, failed(code, e.message));
      });
      return ok ? 'again' : 'stop';
    }
  }
}

/** A 401 or 429 on send: the vendor refused the call, so the batch is back to "nothing sent". */
async function undoSend(worker: JobWorker): Promise<void> {
  const batch = worker.job.batch!;
  await worker.write(batch, (w) => {
    const b = w.job.batch!;
    w.mark(w.batchKeys, 'queued');
    w.job.batch = { ...b, phase: 'ready', sends: Math.max(0, b.sends - 1) };
    w.job.attempts = Math.max(0, w.job.attempts - 1);
  });
}
