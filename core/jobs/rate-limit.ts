import { RETRY_AFTER_CAP_MS } from '../vendors/http';
import type { RateLimitInfo } from '../vendors/types';

/**
 * One token bucket per vendor account, pure: every method takes `now` (ms) and nothing reads a
 * clock. The vendors count requests in fixed windows (Zendesk: per minute; the sandbox: a window
 * that opens with the first request), so a classic leaky refill would either waste most of a
 * window or spill into a 429. The bucket therefore holds what the vendor itself says is left:
 *
 * - `observe()`: the last answer's headers (limit, remaining, reset) refill the bucket exactly; other
 *   agents on the same account spend from the same window and this is how we learn of it.
 * - our own calls of the last `windowMs` are remembered (a sliding log), so even without any header
 *   after the first, we never make more than `limit` calls in any span of `windowMs`: whatever
 *   instant the vendor's window starts at, it cannot see more than `limit` from us.
 * - `block()`: a 429's Retry-After closes the bucket until then, whatever it held.
 *
 * - pacing (`take(now, { pace: true })`, the job engine's requests): several agents (browsers) on
 *   one account learn of each other only through the vendor's `remaining`. When it is lower than
 *   our own count says, someone else spends from the window too, and for the next two windows our
 *   requests are spaced so that what is left lasts until the reset: each agent's spacing grows as
 *   the others spend, so together they slow down before the vendor refuses, and the window is
 *   never spent before it turns. An agent alone is not paced (it spends the window as fast as it
 *   needs, then waits for the reset). The panel's requests are never paced: an agent waiting for a
 *   verdict goes first.
 * - `throttled()`: a 429 that names no wait (Zendesk's per-user throttle sometimes does not) waits
 *   until the announced reset, else a doubling guess. Only a success (2xx) starts the guess over:
 *   the per-user throttle's 429 still carries the account's headers, `remaining` high, and they
 *   come (`observe()`) before the 429 itself (`throttled()`); taken for a success, they held every
 *   wait at the first guess, 2 s after 2 s without end.
 */

/** A 429 without Retry-After and no reset known: waits double from this, up to the vendors' one-minute window. */
export const UNANNOUNCED_THROTTLE_FIRST_MS = 2_000;
export const UNANNOUNCED_THROTTLE_MAX_MS = 60_000;

/**
 * An answer announcing a reset this close after the one the window turned at announces that same
 * reset: `ratelimit-reset` counts whole seconds, and two answers' delays differ by a fraction of one.
 * The next window's answers announce a reset a whole window later (a minute at the vendors, seconds
 * in the sandbox's scaled time); never more than half the window, for the shortest ones.
 */
export const TURNED_RESET_TOLERANCE_MS = 1_250;

/**
 * The rate-limit headers of one answer, and its HTTP status (core/vendors/http.ts gives it). Without
 * a status (a caller that does not say), an answer that leaves calls in the window counts as a success.
 */
export type ObservedRateLimit = RateLimitInfo;

export interface BucketOptions {
  /** The vendor's window when it does not say (Zendesk, Zoho: one minute). */
  windowMs: number;
  /** Calls per window before the vendor has said anything; undefined: unknown, let calls go. */
  limit?: number;
}

export class TokenBucket {
  private limit: number | undefined;
  /** What the vendor said is left, minus our calls since; undefined until it says. */
  private tokens: number | undefined;
  private resetAt: number | undefined;
  /**
   * The reset the window last turned at. An answer the vendor made just before it, received just
   * after (requests go several at once), announces that reset again: believed, it would turn the
   * window a second time and refill it while the new one is being spent, a 429 later.
   */
  private turnedAt: number | undefined;
  private blockedUntil = 0;
  /** Start times of our calls within the last windowMs, oldest first. */
  private recent: number[] = [];
  /**
   * Once the vendor announces its resets, its count is the truth and our log only gets in the way:
   * a window aligned on the clock (Zendesk's minute) may turn before our oldest call is a window old.
   */
  private vendorCounts = false;
  /** When our last token was taken, for pacing. */
  private lastTakeAt = Number.NEGATIVE_INFINITY;
  /** 429s that named no wait since the last success (2xx) or Retry-After. */
  private unannounced = 0;
  /** Until when others are known to spend from the account's window too (pacing is on). */
  private sharedUntil = 0;

  constructor(private readonly options: BucketOptions) {
    this.limit = options.limit;
  }

  /**
   * Takes a token if one is free at `now` and returns 0; otherwise returns how long to wait before
   * asking again (and takes nothing).
   */
  take(now: number, opts: { pace?: boolean } = {}): number {
    const wait = this.waitMs(now, opts);
    if (wait > 0) return wait;
    if (this.tokens !== undefined) this.tokens -= 1;
    this.recent.push(now);
    this.lastTakeAt = now;
    return 0;
  }

  /** How long until a token is free, without taking it. */
  waitMs(now: number, opts: { pace?: boolean } = {}): number {
    if (now < this.blockedUntil) return this.blockedUntil - now;
    if (this.resetAt !== undefined && now >= this.resetAt) {
      // The vendor's window has turned: it holds a full limit again (or an unknown one).
      this.tokens = this.limit;
      this.turnedAt = this.resetAt;
      this.resetAt = undefined;
    }
    this.forget(now);
    const window = this.logWindow();
    if (!this.vendorCounts && this.limit !== undefined && this.recent.length >= this.limit) {
      return Math.max(1, this.recent[this.recent.length - this.limit]! + window - now);
    }
    if (this.tokens !== undefined && this.tokens <= 0) {
      if (this.resetAt !== undefined) return Math.max(1, this.resetAt - now);
      // Empty with no reset announced: others spent the window. Our oldest call of the window ends
      // it at the latest; without one, wait one call's share of the window and look again.
      const oldest = this.recent[0];
      if (oldest !== undefined) return Math.max(1, oldest + window - now);
      this.tokens = undefined;
      return Math.max(1, Math.ceil(this.options.windowMs / Math.max(1, this.limit ?? 1)));
    }
    return opts.pace && now < this.sharedUntil ? this.paceWait(now) : 0;
  }

  /**
   * Shared with others, our count of what is left runs ahead of the truth by what they spent since
   * the last answer: the last few tokens of a window are left alone (2% of the limit, at least 2),
   * so that several agents each believing one is left do not all take it.
   */
  private reserve(): number {
    return Math.max(2, Math.ceil((this.limit ?? 0) / 50));
  }

  /**
   * (reset − now) ÷ (remaining + 1) after our last request, so the last token goes a little before
   * the reset rather than on it; 0 while the vendor has not said both.
   */
  private paceWait(now: number): number {
    if (!this.vendorCounts || this.resetAt === undefined || this.tokens === undefined || this.tokens <= 0) return 0;
    const spendable = this.tokens - this.reserve();
    if (spendable <= 0) return Math.max(1, this.resetAt - now);
    const spacing = (this.resetAt - now) / (spendable + 1);
    return Math.max(0, Math.ceil(this.lastTakeAt + spacing - now));
  }

  /** True while others are known to spend from the account's window (for the panel and tests). */
  shared(now: number): boolean {
    return now < this.sharedUntil;
  }

  /**
   * A 429 at `now`: closes the bucket for the vendor's Retry-After (`announcedMs`), or, when it
   * named none, until the reset it announced earlier, else for a doubling guess. Returns the wait.
   * A Retry-After of 0 or less (or NaN) names no wait: taken at its word, every 429 would be asked
   * again at once and start the doubling over, so it counts as none. No wait passes
   * RETRY_AFTER_CAP_MS (core/vendors/http.ts says why).
   */
  throttled(announcedMs: number | undefined, now: number): number {
    let wait: number;
    if (announcedMs !== undefined && announcedMs > 0) {
      this.unannounced = 0;
      wait = announcedMs;
    } else {
      this.unannounced += 1;
      const untilReset = this.resetAt !== undefined && this.resetAt > now ? this.resetAt - now : undefined;
      wait = untilReset ?? Math.min(UNANNOUNCED_THROTTLE_MAX_MS, UNANNOUNCED_THROTTLE_FIRST_MS * 2 ** (this.unannounced - 1));
    }
    wait = Math.min(RETRY_AFTER_CAP_MS, wait);
    this.block(wait, now);
    return wait;
  }

  /**
   * How long our log remembers a call: the window plus 2%. A request is logged when it takes its
   * token but counted by the vendor when it arrives, and arrivals jitter: a call logged just over a
   * window after another may reach the vendor inside that other's window.
   */
  private logWindow(): number {
    return this.options.windowMs + Math.ceil(this.options.windowMs / 50);
  }

  /** The vendor's rate-limit headers of an answer received at `now` (a 429's come before `throttled()`). */
  observe(info: ObservedRateLimit, now: number): void {
    // Announcing the reset we turned at (give or take its rounding and two answers' delays): counted in the window gone.
    if (info.resetMs !== undefined && this.turnedAt !== undefined && now + info.resetMs < this.turnedAt + Math.min(TURNED_RESET_TOLERANCE_MS, this.options.windowMs / 2)) return;
    // A success lifts whatever throttled us; a 429's headers (the account's count) say nothing of the per-user throttle.
    const success = info.status !== undefined ? info.status >= 200 && info.status < 300 : (info.remaining ?? 0) > 0;
    if (success) this.unannounced = 0;
    if (info.limit !== undefined && info.limit > 0) this.limit = info.limit;
    if (info.remaining !== undefined) {
      // Requests are in flight together (a look-up sends several at once): an answer counts only
      // what the vendor had seen when it was made, not our requests still on their way, so it may
      // say more is left than our own count. Within a window the count only goes down; it goes back
      // up when the window turns (waitMs), a 429 or an unknown state (undefined) lets it be set anew.
      const remaining = Math.max(0, info.remaining);
      // Our requests in flight can only make the vendor's count higher than ours, never lower: a
      // lower one (by more than one, for a request counted as it crossed) is someone else's.
      if (this.tokens !== undefined && remaining < this.tokens - 1) this.sharedUntil = now + 2 * this.options.windowMs;
      this.tokens = this.tokens === undefined ? remaining : Math.min(this.tokens, remaining);
    }
    if (info.resetMs !== undefined && info.resetMs >= 0) {
      this.resetAt = Math.max(this.resetAt ?? 0, now + info.resetMs);
      this.vendorCounts = info.remaining !== undefined;
    }
  }

  /** A 429: nothing goes before `now + retryAfterMs` (at most RETRY_AFTER_CAP_MS). */
  block(retryAfterMs: number, now: number): void {
    const wait = Math.min(RETRY_AFTER_CAP_MS, Math.max(0, retryAfterMs));
    // NaN (an unreadable wait) closes nothing rather than the bucket for ever.
    if (!Number.isNaN(wait)) this.blockedUntil = Math.max(this.blockedUntil, now + wait);
    // The refusal contradicts whatever count we had: after Retry-After, the next answer tells anew.
    this.tokens = undefined;
    this.resetAt = undefined;
  }

  /** For the panel and tests: what the bucket believes now. */
  snapshot(now: number): { limit?: number; tokens?: number; blockedForMs: number; callsInWindow: number } {
    this.forget(now);
    return {
      ...(this.limit !== undefined ? { limit: this.limit } : {}),
      ...(this.tokens !== undefined ? { tokens: this.tokens } : {}),
      blockedForMs: Math.max(0, this.blockedUntil - now),
      callsInWindow: this.recent.length,
    };
  }

  private forget(now: number): void {
    const cutoff = now - this.logWindow();
    let drop = 0;
    while (drop < this.recent.length && this.recent[drop]! <= cutoff) drop++;
    if (drop > 0) this.recent.splice(0, drop);
  }
}

/** The buckets of every account the engine talks to. */
export class RateLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: BucketOptions) {}

  for(accountId: string): TokenBucket {
    let bucket = this.buckets.get(accountId);
    if (!bucket) this.buckets.set(accountId, (bucket = new TokenBucket(this.options)));
    return bucket;
  }
}
