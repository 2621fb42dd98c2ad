import { describe, expect, it } from 'vitest';
import { fittingScale, MIN_SCALE } from '../../bench/scale';

describe('fittingScale', () => {
  it('runs the sandbox clock as fast as the machine can make a window’s requests in a quarter of it, never faster than the bench asks', () => {
    // 400 requests a second: 700 per window in at most a quarter of it is 60 × 400 / 2,800 = 8×.
    expect(fittingScale(400, 700, 20)).toBe(8);
    expect(fittingScale(1_000, 700, 20)).toBe(20);
    expect(fittingScale(2, 700, 20, 0.01)).toBe(17);
    // A busy machine: 300 a second gives 6×, the same pacing measured over longer real windows.
    expect(fittingScale(300, 700, 20)).toBe(6);
    // Never slower than MIN_SCALE (a run at 1× takes a quarter of an hour), nor faster than asked.
    expect(fittingScale(5, 700, 20)).toBe(MIN_SCALE);
    expect(fittingScale(0, 700, 20)).toBe(MIN_SCALE);
    expect(fittingScale(Number.NaN, 700, 20)).toBe(MIN_SCALE);
    expect(fittingScale(5, 50, 3)).toBe(3);
  });
});
