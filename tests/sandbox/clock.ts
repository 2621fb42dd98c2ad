/**
 * The sandbox clock. Everything time-dependent in the sandbox (token expiry, rate-limit windows, job
 * progress, invitation ages) reads it, never Date.now(), so that `POST /__sandbox/time {scale: 60}`
 * makes one real second count as a sandbox minute and a 10,000-invitation benchmark runs in seconds.
 */
export class SandboxClock {
  private sandboxBase: number;
  private realBase: number;
  private currentScale = 1;

  constructor(start: number = Date.now(), private readonly realNow: () => number = Date.now) {
    this.sandboxBase = start;
    this.realBase = realNow();
  }

  /** Sandbox epoch milliseconds. */
  now(): number {
    return this.sandboxBase + (this.realNow() - this.realBase) * this.currentScale;
  }

  iso(ms: number = this.now()): string {
    return new Date(ms).toISOString();
  }

  get scale(): number {
    return this.currentScale;
  }

  /** Sandbox milliseconds that pass per real millisecond from now on. */
  setScale(scale: number): void {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError('scale must be a positive number');
    this.rebase();
    this.currentScale = scale;
  }

  /** Jumps the sandbox clock forward (tokens expire, jobs complete, invitations age). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('advance must be zero or more milliseconds');
    this.rebase();
    this.sandboxBase += ms;
  }

  /** Real milliseconds a span of sandbox time takes at the current scale. */
  toRealMs(sandboxMs: number): number {
    return Math.max(0, Math.ceil(sandboxMs / this.currentScale));
  }

  private rebase(): void {
    this.sandboxBase = this.now();
    this.realBase = this.realNow();
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
