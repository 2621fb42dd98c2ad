import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../core/jobs';
import { UNANNOUNCED_THROTTLE_FIRST_MS, UNANNOUNCED_THROTTLE_MAX_MS } from '../../../core/jobs/rate-limit';
import { OUTAGE_MAX_WAIT_MS } from '../../../core/jobs/bounds';
import { decide, holdWaitMs, LeaseLostError, ThrottledError } from '../../../core/jobs/worker-errors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorRefusedError, VendorResponseError } from '../../../core/vendors/http';

describe('TokenBucket shared with other agents', () => {
  it('paces the engine once the vendor’s remaining shows someone else spending, and never before', () => {
    const b = new TokenBucket({ windowMs: 60_000 });
    b.observe({ limit: 100, remaining: 100, resetMs: 60_000 }, 0);
    // Alone: as fast as it likes.
    for (let i = 0; i < 10; i++) expect(b.take(0, { pace: true })).toBe(0);
    expect(b.shared(0)).toBe(false);
    // The vendor says 50 are left where we count 90: others spent 40.
    b.observe({ limit: 100, remaining: 50, resetMs: 51_000 }, 9_000);
    expect(b.shared(9_000)).toBe(true);
    // What is left (minus a reserve of 2) lasts until the reset: 51 s over 48 requests.
    expect(b.take(9_000, { pace: true })).toBe(0);
    expect(b.take(9_000, { pace: true })).toBe(Math.ceil(51_000 / 48));
    // The panel is not paced.
    expect(b.take(9_000)).toBe(0);
  });

  it('five agents pacing on one window together spend it without running it dry', () => {
    const windowMs = 60_000;
    const limit = 500;
    const agents = Array.from({ length: 5 }, () => new TokenBucket({ windowMs }));
    let used = 0;
    let refused = 0;
    const next = agents.map(() => 0);
    // Each agent wants to send as fast as its bucket allows; the vendor answers with its count.
    for (let now = 0; now < windowMs; now += 10) {
      agents.forEach((b, i) => {
        if (now < next[i]!) return;
        const wait = b.take(now, { pace: true });
        if (wait > 0) {
          next[i] = now + wait;
          return;
        }
        if (used >= limit) refused += 1;
        else used += 1;
        b.observe({ limit, remaining: Math.max(0, limit - used), resetMs: windowMs - now }, now);
      });
    }
    expect(refused).toBe(0);
    expect(used / limit).toBeGreaterThanOrEqual(0.9);
  });

  it('a 429 with no Retry-After waits until the announced reset, else doubles from a first guess', () => {
    const known = new TokenBucket({ windowMs: 60_000 });
    known.observe({ limit: 700, remaining: 3, resetMs: 12_000 }, 0);
    expect(known.throttled(undefined, 2_000)).toBe(10_000);
    expect(known.take(2_000)).toBe(10_000);

    const blind = new TokenBucket({ windowMs: 60_000 });
    expect(blind.throttled(undefined, 0)).toBe(UNANNOUNCED_THROTTLE_FIRST_MS);
    expect(blind.throttled(undefined, 0)).toBe(2 * UNANNOUNCED_THROTTLE_FIRST_MS);
    for (let i = 0; i < 10; i++) blind.throttled(undefined, 0);
    expect(blind.throttled(undefined, 0)).toBe(UNANNOUNCED_THROTTLE_MAX_MS);
    // A 429 that names its wait is taken at its word, and ends the guessing.
    expect(blind.throttled(3_000, 0)).toBe(3_000);
    expect(blind.throttled(undefined, 0)).toBe(UNANNOUNCED_THROTTLE_FIRST_MS);
  });
});

describe('decide: what a failed call does (pure)', () => {
  const transient = new TransientError('zendesk', 'GET /x', 503, 'down');
  const refused = new VendorRefusedError('zendesk', 'POST /x', 403, 'Forbidden', 'no', {});
  const unreadable = new VendorResponseError('zendesk', 'POST /x', 'garbled');
  const limited = new RateLimitedError('zendesk', 'POST /x', 5_000, 'slow');
  const own = new ThrottledError('zendesk', 'POST /x', 5_000);

  it.each([
    ['memberships', transient, { kind: 'outage' }],
    ['reconcile', transient, { kind: 'outage' }],
    ['send', transient, { kind: 'outage' }],
    ['poll', transient, { kind: 'outage' }],
    ['memberships', unreadable, { kind: 'outage' }],
    ['send', unreadable, { kind: 'reconcile', code: 'VENDOR_RESPONSE' }],
    ['poll', unreadable, { kind: 'repoll' }],
    ['memberships', refused, { kind: 'fail', code: 'Forbidden' }],
    ['send', refused, { kind: 'fail', code: 'Forbidden' }],
    ['poll', refused, { kind: 'repoll' }],
    ['send', new AuthRequiredError('zendesk', 'POST /x', 'expired'), { kind: 'pause', undoSend: true }],
    ['poll', new AuthRequiredError('zendesk', 'GET /x', 'expired'), { kind: 'pause', undoSend: false }],
    ['send', limited, { kind: 'wait', undoSend: true }],
    ['memberships', limited, { kind: 'wait', undoSend: false }],
    ['send', new LeaseLostError('j'), { kind: 'stop' }],
  ] as const)('%s + %s', (call, error, expected) => {
    expect(decide(call, error, 0)).toMatchObject(expected);
  });

  it('our own throttle stopping a send after some requests left keeps it `sending`, to be reconciled', () => {
    expect(decide('send', own, 0)).toMatchObject({ kind: 'wait', undoSend: true });
    expect(decide('send', own, 3)).toMatchObject({ kind: 'wait', undoSend: false });
  });

  it('a 401 or a vendor 429 undoes a send only when no write went out before the refused request', () => {
    // `requestsSent` counts writes, the refused one among them.
    const expired = new AuthRequiredError('zendesk', 'POST /api/v2/users', 'expired');
    expect(decide('send', limited, 1)).toMatchObject({ kind: 'wait', undoSend: true });
    expect(decide('send', limited, 4)).toMatchObject({ kind: 'wait', undoSend: false });
    expect(decide('send', expired, 1)).toMatchObject({ kind: 'pause', undoSend: true });
    expect(decide('send', expired, 60)).toMatchObject({ kind: 'pause', undoSend: false });
    // A refused read is no write: after create_many went out (1), its read-backs may not undo it.
    expect(decide('send', new RateLimitedError('zendesk', 'GET /api/v2/users/search', 5_000, 'slow'), 1)).toMatchObject({ undoSend: false });
    expect(decide('send', new AuthRequiredError('zendesk', 'GET /api/v2/users/me', 'anonymous'), 0)).toMatchObject({ undoSend: true });
  });

  it('a refused read while reconciling holds the batch (nothing fails); before a send it fails the batch', () => {
    const noPermission = new VendorRefusedError('zoho_crm', 'GET /crm/v8/settings/portals/{name}/users', 403, 'NO_PERMISSION', 'permission denied', {});
    expect(decide('reconcile', noPermission, 1)).toEqual({ kind: 'hold', message: noPermission.message });
    expect(decide('memberships', noPermission, 1)).toMatchObject({ kind: 'fail', code: 'NO_PERMISSION' });
  });

  it('a held batch waits longer each time, never less than half its ceiling, never past OUTAGE_MAX_WAIT_MS', () => {
    expect([1, 2, 3].map((n) => holdWaitMs(n, () => 0))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((n) => holdWaitMs(n, () => 1))).toEqual([1_000, 2_000, 4_000]);
    expect(holdWaitMs(100, () => 1)).toBe(OUTAGE_MAX_WAIT_MS);
  });

  it('anything that is not a vendor error is read as "maybe applied": reconciled, never failed blind', () => {
    expect(decide('send', new Error('Dexie closed'), 1)).toMatchObject({ kind: 'reconcile', code: 'VENDOR_RESPONSE' });
  });
});
