import { describe, expect, it } from 'vitest';
import { backoffMs, classify, DEFAULT_RETRY, mayRetry } from '../../../core/jobs';
import { decide, UNREADABLE } from '../../../core/jobs/worker-errors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorRefusedError, VendorResponseError } from '../../../core/vendors/http';
import { drain, tally, world } from './helpers';

describe('backoffMs: exponential with full jitter', () => {
  const policy = { maxAttempts: 5, baseMs: 1_000, capMs: 30_000 };

  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 16_000],
    [6, 30_000], // capped
    [60, 30_000], // 2^59 does not overflow the cap
  ])('failure %i: the ceiling is %i ms and the wait is random·ceiling', (n, ceiling) => {
    expect(backoffMs(n, () => 0.999999, policy)).toBe(Math.floor(0.999999 * ceiling));
    expect(backoffMs(n, () => 0.5, policy)).toBe(ceiling / 2);
    expect(backoffMs(n, () => 0, policy)).toBe(0);
  });

  it('stays within [0, ceiling] whatever the random source says', () => {
    expect(backoffMs(3, () => 7, policy)).toBe(4_000);
    expect(backoffMs(3, () => -1, policy)).toBe(0);
    expect(backoffMs(0, () => 0.5, policy)).toBe(500); // counted from 1
  });

  it('spreads retries: different random draws give different waits', () => {
    const draws = [0.1, 0.4, 0.7, 0.95];
    const waits = draws.map((r) => backoffMs(4, () => r, policy));
    expect(new Set(waits).size).toBe(draws.length);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8_000);
  });

  it('allows maxAttempts tries, no more', () => {
    expect([1, 2, 3, 4, 5].map((n) => mayRetry(n, DEFAULT_RETRY))).toEqual([true, true, true, true, false]);
  });
});

describe('classify: what each connector error means to the engine', () => {
  it.each([
    [new AuthRequiredError('zendesk', 'GET /x', 'expired'), 'auth'],
    [new RateLimitedError('zendesk', 'GET /x', 3_000, 'slow down'), 'rate_limited'],
    [new TransientError('zendesk', 'GET /x', 503, 'down'), 'transient'],
    [new TransientError('zendesk', 'GET /x', undefined, 'no answer'), 'transient'],
    [new VendorRefusedError('zendesk', 'POST /x', 403, 'Forbidden', 'no', {}), 'refused'],
    [new VendorResponseError('zendesk', 'POST /x', 'bad shape'), 'unreadable'],
    // Not a VendorError: a bug of ours (the HTTP client makes a dropped connection a TransientError).
    [new TypeError('fetch failed'), 'unreadable'],
    [new Error('not a Zoho CRM invite job id: Contacts'), 'unreadable'],
    [new RangeError('Invalid time value'), 'unreadable'],
    ['a thrown string', 'unreadable'],
  ])('%s → %s', (error, kind) => {
    expect(classify(error).kind).toBe(kind);
  });

  it('keeps Retry-After and the vendor code', () => {
    expect(classify(new RateLimitedError('zoho_desk', 'GET /x', 2_500, 'x'))).toMatchObject({ retryAfterMs: 2_500 });
    expect(classify(new VendorRefusedError('zoho_crm', 'POST /x', 400, 'NOT_APPROVED', 'locked', {}))).toMatchObject({ code: 'NOT_APPROVED', message: 'locked' });
    expect(classify(new VendorRefusedError('zoho_crm', 'POST /x', 400, undefined, 'bad', {}))).toMatchObject({ code: 'HTTP_400' });
  });
});

describe('an error of ours in the middle of a call is bounded, never tried for ever', { timeout: 20_000 }, () => {
  it('a send that throws one is reconciled from memberships with its words, not an outage', () => {
    const bug = new RangeError('Invalid time value');
    expect(decide('send', bug, 1)).toEqual({ kind: 'reconcile', code: UNREADABLE, message: bug.message });
  });

  it('a send whose every try throws one is made once; its items end with what the vendor shows', async () => {
    const w = await world(3);
    let sends = 0;
    const engine = w.engine({
      connectorFor: (_account, hooks) => ({
        ...w.vendor.connector(hooks),
        send: async () => {
          sends += 1;
          throw new RangeError('Invalid time value');
        },
      }),
    });
    await drain(engine, w.clock);
    // Transient, it was an outage: the batch re-sent after each reconciliation, MAX_SENDS_PER_ITEM times.
    expect(sends).toBe(1);
    const t = await tally(w.db, w.jobId, w.people);
    expect(t.job.status).toBe('completed');
    expect(t.by).toEqual({ failed: 3 });
    expect(t.rows.map((r) => [r.reason?.code, r.attempts])).toEqual(Array.from({ length: 3 }, () => [UNREADABLE, 1]));
    expect(t.rows.every((r) => r.reason?.message?.includes('Invalid time value'))).toBe(true);
  });
});
