import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../core/jobs';

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
