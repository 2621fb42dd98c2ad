import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../core/jobs';
import { UNANNOUNCED_THROTTLE_FIRST_MS, UNANNOUNCED_THROTTLE_MAX_MS } from '../../../core/jobs/rate-limit';
import { RETRY_AFTER_CAP_MS } from '../../../core/vendors/http';

describe('TokenBucket', () => {
  it('lets calls go while nothing is known', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    for (let i = 0; i < 1_000; i++) expect(b.take(0)).toBe(0);
  });

  it('follows the remaining count and reset the vendor announces', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    b.observe({ limit: 700, remaining: 2, resetMs: 10_000 }, 1_000);
    expect(b.take(1_000)).toBe(0);
    expect(b.take(1_000)).toBe(0);
    expect(b.take(1_000)).toBe(10_000); // empty: wait for the reset
    expect(b.take(5_000)).toBe(6_000);
    expect(b.take(11_000)).toBe(0); // a new window holds the limit again
    expect(b.snapshot(11_000)).toMatchObject({ limit: 700, tokens: 699 });
  });

  it('learns of calls other agents made from the remaining count', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    b.observe({ limit: 100, remaining: 0, resetMs: 30_000 }, 0);
    expect(b.take(0)).toBe(30_000);
  });

  it('a Retry-After closes the bucket until then, whatever it held', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    b.observe({ limit: 700, remaining: 500, resetMs: 50_000 }, 0);
    b.block(7_000, 1_000);
    expect(b.take(1_000)).toBe(7_000);
    expect(b.take(7_999)).toBe(1);
    expect(b.take(8_000)).toBe(0);
  });

  it('without headers after the first, never makes more than `limit` calls in any window span', () => {
    const b = new TokenBucket({ windowMs: 1_000, limit: 10 });
    const calls: number[] = [];
    let t = 0;
    while (calls.length < 100) {
      const wait = b.take(t);
      if (wait === 0) calls.push(t);
      t += wait === 0 ? 37 : wait; // irregular call spacing
    }
    for (const start of calls) expect(calls.filter((c) => c >= start && c < start + 1_000).length).toBeLessThanOrEqual(10);
  });

  it('an answer made before the window turned, arriving after, does not turn it a second time', () => {
    const b = new TokenBucket({ windowMs: 1_000 });
    b.observe({ limit: 10, remaining: 3, resetMs: 100 }, 0);
    for (let i = 0; i < 3; i++) expect(b.take(10 + i)).toBe(0);
    // The window turns at 100 and its ten calls go at once (four look-ups, six sends...).
    for (let i = 0; i < 10; i++) expect(b.take(100 + i)).toBe(0);
    // Late: the vendor answered one of the old window's calls at 95 (reset in 5 ms), received at 120.
    b.observe({ limit: 10, remaining: 0, resetMs: 5 }, 120);
    // Believed, it would announce a reset at 125 and refill ten calls into the window that began at 100.
    expect(b.take(130)).toBeGreaterThan(0);
    expect(b.take(900)).toBeGreaterThan(0);
    // The new window's own answers are believed as before.
    b.observe({ limit: 10, remaining: 0, resetMs: 970 }, 130);
    expect(b.take(131)).toBe(969);
    expect(b.take(1_100)).toBe(0);
  });

  it('an answer does not give back tokens our requests still in flight have taken', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    b.observe({ limit: 10, remaining: 4, resetMs: 30_000 }, 0);
    for (let i = 0; i < 4; i++) expect(b.take(1)).toBe(0); // four searches go out together
    // The first answer was counted before the other three reached the vendor: it says 3 are left.
    b.observe({ limit: 10, remaining: 3, resetMs: 29_990 }, 10);
    expect(b.take(11)).toBeGreaterThan(0);
    expect(b.snapshot(11).tokens).toBe(0);
    // Fewer left than we counted (another agent spends the same window) is believed at once.
    const c = new TokenBucket({ windowMs: 60_000 });
    c.observe({ limit: 10, remaining: 8, resetMs: 30_000 }, 0);
    c.observe({ limit: 10, remaining: 2, resetMs: 29_000 }, 1_000);
    expect(c.snapshot(1_000).tokens).toBe(2);
    // And the window's turn gives the full limit back.
    expect(b.take(30_001)).toBe(0);
    expect(b.snapshot(30_001).tokens).toBe(9);
  });

  /**
   * Zendesk's per-user throttle: a text/plain 429 without Retry-After, whose headers still say the
   * account has most of its window left. The HTTP client hands the bucket those headers (with the
   * 429's status) before the 429 itself.
   */
  function throttledRun(b: TokenBucket, count: number, from: number, headers: { limit?: number; remaining?: number; status?: number }) {
    const waits: number[] = [];
    let t = from;
    for (let i = 0; i < count; i++) {
      t += b.take(t); // waits out the previous 429
      expect(b.take(t)).toBe(0);
      b.observe({ limit: 700, remaining: 650 - i, status: 429, ...headers }, t);
      waits.push(b.throttled(undefined, t));
    }
    return { waits, t };
  }

  it('429s without Retry-After wait longer each time, up to the cap, though their headers show calls left', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    const { waits } = throttledRun(b, 8, 0, {});
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(waits.at(-1)).toBe(UNANNOUNCED_THROTTLE_MAX_MS);
    // The same as 429s that carry no headers at all.
    const bare = new TokenBucket({ windowMs: 60_000 });
    expect(Array.from({ length: 8 }, () => bare.throttled(undefined, 0))).toEqual(waits);
    // A vendor's own throttle code on another 4xx (Zoho's TOO_MANY_REQUESTS) is no success either.
    const zoho = new TokenBucket({ windowMs: 60_000 });
    expect(throttledRun(zoho, 3, 0, { status: 400 }).waits).toEqual([2_000, 4_000, 8_000]);
  });

  it('a success (2xx) after unannounced 429s starts their waits over', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    let { t } = throttledRun(b, 6, 0, {});
    t += b.take(t);
    expect(b.take(t)).toBe(0);
    b.observe({ limit: 700, remaining: 600, status: 200 }, t);
    expect(throttledRun(b, 3, t, {}).waits).toEqual([UNANNOUNCED_THROTTLE_FIRST_MS, 4_000, 8_000]);
    // A success says so whatever it counts: the last call of the window, or no count at all.
    for (const success of [{ remaining: 0, status: 204 }, { status: 200 }]) {
      const c = new TokenBucket({ windowMs: 60_000 });
      ({ t } = throttledRun(c, 4, 0, {}));
      t += c.take(t);
      c.take(t);
      c.observe(success, t);
      expect(c.throttled(undefined, t + 1)).toBe(UNANNOUNCED_THROTTLE_FIRST_MS);
    }
  });

  it('a Retry-After, or a reset the 429 announces, still sets the wait', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    throttledRun(b, 3, 0, {});
    expect(b.throttled(7_000, 100_000)).toBe(7_000);
    const c = new TokenBucket({ windowMs: 60_000 });
    c.observe({ limit: 700, remaining: 650, resetMs: 25_000, status: 429 }, 0);
    expect(c.throttled(undefined, 0)).toBe(25_000);
  });

  it('a Retry-After of 0 or less names no wait: the growing guess applies, and is not started over', () => {
    for (const none of [0, -5_000, Number.NaN]) {
      const b = new TokenBucket({ windowMs: 60_000 });
      const waits = [b.throttled(none, 0), b.throttled(undefined, 0), b.throttled(none, 0)];
      expect(waits).toEqual([2_000, 4_000, 8_000]);
      expect(b.snapshot(0).blockedForMs).toBe(8_000);
      expect(b.take(0)).toBe(8_000);
    }
    // A reset the vendor announced earlier still sets the wait.
    const c = new TokenBucket({ windowMs: 60_000 });
    c.observe({ limit: 700, remaining: 650, resetMs: 25_000, status: 429 }, 0);
    expect(c.throttled(0, 0)).toBe(25_000);
  });

  it('no 429 closes the bucket for longer than RETRY_AFTER_CAP_MS', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    expect(b.throttled(1e12, 0)).toBe(RETRY_AFTER_CAP_MS);
    expect(b.snapshot(0).blockedForMs).toBe(RETRY_AFTER_CAP_MS);
    const c = new TokenBucket({ windowMs: 60_000 });
    c.block(Number.POSITIVE_INFINITY, 0);
    expect(c.take(0)).toBe(RETRY_AFTER_CAP_MS);
    expect(c.take(RETRY_AFTER_CAP_MS)).toBe(0);
    // An announced reset years away is no longer a wait either.
    const d = new TokenBucket({ windowMs: 60_000 });
    d.observe({ limit: 700, remaining: 650, resetMs: 1e12, status: 429 }, 0);
    expect(d.throttled(undefined, 0)).toBe(RETRY_AFTER_CAP_MS);
  });

  /**
   * A vendor with fixed windows opened by the first request (as the sandbox does) and the bucket
   * driving a client as fast as it allows: every window is used to the full and no 429 is met.
   */
  it.each([
    ['with remaining/reset headers', true],
    ['with the limit alone', false],
  ])('%s: uses at least 90 percent of a fixed-window vendor with no 429', (_name, headers) => {
    const limit = 50;
    const windowMs = 10_000;
    const b = new TokenBucket({ windowMs });
    let window: { start: number; used: number } | undefined;
    let t = 0;
    let ok = 0;
    let refused = 0;
    let windows = 0;
    const latency = 13;
    while (ok < 1_000) {
      const wait = b.take(t);
      if (wait > 0) {
        t += wait;
        continue;
      }
      if (!window || t >= window.start + windowMs) {
        window = { start: t, used: 0 };
        windows += 1;
      }
      const resetMs = window.start + windowMs - t;
      if (window.used >= limit) {
        refused += 1;
        b.block(resetMs, t);
      } else {
        window.used += 1;
        ok += 1;
        b.observe(headers ? { limit, remaining: limit - window.used, resetMs } : { limit }, t + latency);
      }
      t += latency;
    }
    expect(refused).toBe(0);
    expect(ok / (windows * limit)).toBeGreaterThanOrEqual(0.9);
  });
});
