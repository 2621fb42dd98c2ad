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

/** One window of one key as the sandbox counted it (`GET /__sandbox/counters` → `windows`). */
export interface WindowRecord {
  /** Sandbox epoch ms when the window opened. */
  start: number;
  windowMs: number;
  /** The limit in force when the window opened (null: none). */
  limit: number | null;
  /** Requests let through in this window (they count against the limit). */
  used: number;
  /** Requests refused with a 429 for the window (not for concurrency). */
  refused: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; used: number }>();
  /** Every window seen per key since the last clear, oldest first: per-window figures for benchmarks. */
  private records = new Map<string, WindowRecord[]>();
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
    const record = this.record(key, window.start, policy);
    const resetAt = window.start + policy.windowMs;
    const waitMs = resetAt - now;
    const retryAfterSec = Math.max(1, Math.ceil(waitMs / 1000));
    const base = { limit: policy.limit, resetAt, retryAfterSec, retryAfterRealMs: this.clock.toRealMs(waitMs) };
    if (policy.limit !== null && window.used >= policy.limit) {
      record.refused += 1;
      return { ...base, allowed: false, reason: 'window', remaining: 0, release: () => {} };
    }
    const flying = this.inFlight.get(key) ?? 0;
    if (policy.concurrency !== undefined && flying >= policy.concurrency) {
      // A concurrency refusal clears as soon as a request finishes: announce the shortest wait.
      return { ...base, allowed: false, reason: 'concurrency', remaining: null, retryAfterSec: 1, retryAfterRealMs: this.clock.toRealMs(1000), release: () => {} };
    }
    window.used += 1;
    record.used += 1;
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

  /** The windows of every key since the last clear (or `clearHistory`), oldest first. */
  history(): Record<string, WindowRecord[]> {
    return Object.fromEntries([...this.records.entries()].map(([key, list]) => [key, list.map((r) => ({ ...r }))]));
  }

  /** Forgets the window log (DELETE /__sandbox/counters); the live windows still count as before. */
  clearHistory(): void {
    this.records.clear();
  }

  private record(key: string, start: number, policy: LimitPolicy): WindowRecord {
    let list = this.records.get(key);
    if (!list) this.records.set(key, (list = []));
    let last = list[list.length - 1];
    if (!last || last.start !== start) {
      last = { start, windowMs: policy.windowMs, limit: policy.limit, used: 0, refused: 0 };
      list.push(last);
    }
    return last;
  }

  clear(): void {
    this.records.clear();
    this.windows.clear();
    this.inFlight.clear();
    this.overrides.clear();
  }
}
