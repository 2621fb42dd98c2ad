import { AuthRequiredError, RateLimitedError, TransientError, VendorRefusedError } from '../vendors/http';

/**
 * When to try a vendor call again. The connectors never retry (core/vendors/http.ts); this file is
 * the one place that decides, so every kind of failure is handled the same way for every vendor.
 */

export interface RetryPolicy {
  /** Most calls of one kind for one batch before its items fail with a reason. */
  maxAttempts: number;
  /** First backoff ceiling; doubles with each failure. */
  baseMs: number;
  /** Ceiling the doubling never passes. */
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 1_000, capMs: 60_000 };

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): a uniform wait in
 * [0, min(cap, base·2^(n−1))]. Agents of one company often start bulk runs at the same time after a
 * vendor outage; spreading their retries over the whole interval keeps them from failing together.
 * `failures` counts from 1; `random` is injected so tests are exact.
 */
export function backoffMs(failures: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^(n-1) overflows to Infinity long before it matters; min() keeps it at the cap.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** True while another try is allowed after `failures` failures. */
export function mayRetry(failures: number, policy: RetryPolicy = DEFAULT_RETRY): boolean {
  return failures < policy.maxAttempts;
}

/**
 * What the engine does with an error of a vendor call:
 * - `auth`: pause the job until the account is reconnected; fail nothing.
 * - `rate_limited`: wait `retryAfterMs`, then the same call again; costs no attempt.
 * - `transient`: the call may or may not have taken effect; back off, reconcile, retry (bounded).
 * - `refused`: the vendor said no to the whole call (4xx): nothing was applied.
 * - `unreadable`: a 2xx whose body is not the documented shape: it may have been applied.
 * Anything that is not a VendorError (parseJobRef's Error, a RangeError, a TypeError) is a bug of
 * ours in the middle of a call: a network failure is never one, the HTTP client turns those into
 * TransientError. It is `unreadable`: "maybe applied", never "failed" or "done", as before, but
 * not `transient`, which is an outage that nothing ends but an answer: the same bug on every try
 * kept a job asking for ever. Unreadable, a send is reconciled from memberships, not sent again,
 * and its items end with what the vendor shows (worker-errors.ts `decide`).
 */
export type ErrorKind =
  | { kind: 'auth'; message: string }
  | { kind: 'rate_limited'; retryAfterMs: number; message: string }
  | { kind: 'transient'; message: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unreadable'; message: string };

export function classify(error: unknown): ErrorKind {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AuthRequiredError) return { kind: 'auth', message };
  if (error instanceof RateLimitedError) return { kind: 'rate_limited', retryAfterMs: Math.max(0, error.retryAfterMs), message };
  if (error instanceof TransientError) return { kind: 'transient', message };
  if (error instanceof VendorRefusedError) {
    return { kind: 'refused', code: error.vendorCode ?? `HTTP_${error.status}`, message: error.vendorMessage };
  }
  // VendorResponseError and any other VendorError subclass: the vendor answered, unreadably.
  // Anything else: a bug of ours while reading or making the call (see above), bounded the same way.
  return { kind: 'unreadable', message };
}
