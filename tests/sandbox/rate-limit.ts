/**
 * Per-account request limits in sandbox time. Each vendor router reads its policy from the seeded
 * account and answers an exhausted window in its own way (headers, 429 body). A window opens with
 * the first request after the previous one ended and lasts `windowMs`, so `Retry-After` (sandbox
 * seconds) is the time until it ends.
 * Under time scaling a client should wait `Retry-After / scale` real seconds; every 429 also carries
 * `X-Sandbox-Retry-After-Ms` with that wait in real milliseconds.
 */
import type { SandboxClock } from './clock';

export interface LimitPolicy {
  /** Requests allowed per window; null means no limit. */
  limit: number | null;
  windowMs: number;
  /** Requests allowed in flight at once (Zoho Desk "concurrency"); absent means no limit. */
  concurrency?: number;
}

export interface LimitDecision {
  allowed: boolean;
  reason?: 'window' | 'concurrency';
  limit: number | null;
  remaining: number | null;
  /** Sandbox epoch ms when the window resets. */
  resetAt: number;
  retryAfterSec: number;
  retryAfterRealMs: number;
  release(): void;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; used: number }>();
  private inFlight = new Map<string, number>();
  /** `POST /__sandbox/limits` overrides, by `vendor:account` key. */
  private overrides = new Map<string, Partial<LimitPolicy>>();

  constructor(private readonly clock: SandboxClock) {}

  override(key: string, policy: Partial<LimitPolicy> | null): void {
    if (policy) this.overrides.set(key, { ...this.overrides.get(key), ...policy });
    else this.overrides.delete(key);
  }

  effective(key: string, seeded: LimitPolicy): LimitPolicy {
    return { ...seeded, ...this.overrides.get(key) };
  }

  hit(key: string, seeded: LimitPolicy): LimitDecision {
    const policy = this.effective(key, seeded);
    const now = this.clock.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + policy.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    const resetAt = window.start + policy.windowMs;
    const waitMs = resetAt - now;
    const retryAfterSec = Math.max(1, Math.ceil(waitMs / 1000));
    const base = { limit: policy.limit, resetAt, retryAfterSec, retryAfterRealMs: this.clock.toRealMs(waitMs) };
    if (policy.limit !== null && window.used >= policy.limit) {
      return { ...base, allowed: false, reason: 'window', remaining: 0, release: () => {} };
    }
    const flying = this.inFlight.get(key) ?? 0;
    if (policy.concurrency !== undefined && flying >= policy.concurrency) {
      // A concurrency refusal clears as soon as a request finishes: announce the shortest wait.
      return { ...base, allowed: false, reason: 'concurrency', remaining: null, retryAfterSec: 1, retryAfterRealMs: this.clock.toRealMs(1000), release: () => {} };
    }
    window.used += 1;
    this.inFlight.set(key, flying + 1);
    let released = false;
    return {
      ...base,
      allowed: true,
      remaining: policy.limit === null ? null : policy.limit - window.used,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
      },
    };
  }

  clear(): void {
    this.windows.clear();
    this.inFlight.clear();
    this.overrides.clear();
  }
}
