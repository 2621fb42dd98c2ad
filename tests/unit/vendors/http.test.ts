import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  announcedRetryAfterMs, AuthRequiredError, RateLimitedError, rateLimitResetMs, READ_ATTEMPTS, READ_THROTTLE_RETRIES, RETRY_AFTER_CAP_MS, retryAfterMs,
  TransientError, VendorClient,
  VendorRefusedError, VendorResponseError, type ErrorReader,
} from '../../../core/vendors/http';
import { TokenBucket } from '../../../core/jobs/rate-limit';
import { MAX_RESPONSE_BYTES } from '../../../core/vendors/http-body';
import type { AuthSession, ConnectorOptions, RateLimitInfo } from '../../../core/vendors/types';
import { sandboxFetch } from '../../sandbox/fetch';
import { useSandbox } from './sandbox-helpers';

/** VendorClient on its own: a scripted fetch for exact answers, the sandbox for real sockets. */

const readError: ErrorReader = (body, status) => {
  if (typeof body === 'string') return { message: body };
  const b = body as { error?: string; description?: string } | undefined;
  return { ...(b?.error ? { code: b.error } : {}), message: b?.description ?? `HTTP ${status}` };
};

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

function scripted(...answers: Answer[]) {
  const calls: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(new Request(input, init));
    const next = answers.shift() ?? { status: 500 };
    const text = next.body === undefined ? null : typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
    return new Response(text, { status: next.status, headers: { 'content-type': 'application/json', ...next.headers } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function session(renewTo: boolean | (() => Promise<boolean>) = false) {
  let token = 'first';
  const auth: AuthSession & { renewals: number } = {
    renewals: 0,
    headers: async () => ({ authorization: `Bearer ${token}` }),
    renew: async () => {
      auth.renewals += 1;
      const ok = typeof renewTo === 'function' ? await renewTo() : renewTo;
      if (ok) token = 'second';
      return ok;
    },
  };
  return auth;
}

function client(fetch: typeof globalThis.fetch, auth: AuthSession, extra: Partial<ConnectorOptions> = {}, isThrottle?: (s: number, c?: string) => boolean) {
  const options: ConnectorOptions = {
    endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: 'https://acme.zendesk.com' },
    auth,
    fetch,
    // Reads are tried again after a backoff: no real waiting in these tests.
    sleep: async () => {},
    ...extra,
  };
  return new VendorClient('zendesk', options, readError, isThrottle);
}

const Users = z.object({ users: z.array(z.object({ id: z.number() })) });
const get = { method: 'GET', path: 'api/v2/users', endpoint: 'GET /api/v2/users', schema: Users } as const;

describe('VendorClient', () => {
  it('renews once after a 401 and retries with the new credentials', async () => {
    const { fetch, calls } = scripted({ status: 401, body: { error: 'invalid_token' } }, { status: 200, body: { users: [{ id: 1 }] } });
    const auth = session(true);
    const res = await client(fetch, auth).request(get);
    expect(res.data).toEqual({ users: [{ id: 1 }] });
    expect(auth.renewals).toBe(1);
    expect(calls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer first', 'Bearer second']);
  });

  it('awaits the throttle before every request, the retry after a renew included', async () => {
    const log: string[] = [];
    const { fetch } = scripted({ status: 401, body: { error: 'invalid_token' } }, { status: 200, body: { users: [{ id: 1 }] } });
    const counted = (async (input: RequestInfo | URL, init?: RequestInit) => {
      log.push('fetch');
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const throttle = async (endpoint: string, repeat?: boolean) => {
      log.push(`throttle ${endpoint}${repeat ? ' (repeat)' : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push('token');
    };
    const res = await client(counted, session(true), { throttle }).request(get);
    expect(res.data).toEqual({ users: [{ id: 1 }] });
    // The repeat is said so: the job engine counts the refused request and its repeat as one write.
    expect(log).toEqual(['throttle GET /api/v2/users', 'token', 'fetch', 'throttle GET /api/v2/users (repeat)', 'token', 'fetch']);
  });

  it('sends nothing when the throttle refuses: its error is the answer', async () => {
    const { fetch, calls } = scripted({ status: 200, body: { users: [] } });
    const throttle = async (endpoint: string) => {
      throw new RateLimitedError('zendesk', endpoint, 4_000, 'bucket spent');
    };
    const error = await client(fetch, session(), { throttle }).request(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(4_000);
    expect(calls).toHaveLength(0);
  });

  it('throws AuthRequiredError when renew() says no, without a second call', async () => {
    const { fetch, calls } = scripted({ status: 401, body: { error: "Couldn't authenticate you" } });
    const auth = session(false);
    const error = await client(fetch, auth).request(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as Error).message).toContain('zendesk GET /api/v2/users');
    expect(calls).toHaveLength(1);
  });

  it('renews only once: a second 401 is AuthRequiredError', async () => {
    const { fetch, calls } = scripted({ status: 401 }, { status: 401 }, { status: 200, body: { users: [] } });
    const auth = session(true);
    await expect(client(fetch, auth).request(get)).rejects.toBeInstanceOf(AuthRequiredError);
    expect(auth.renewals).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it('reads Retry-After (seconds, fractions, HTTP date); the limiter decides when none is given', async () => {
    const post = { ...get, method: 'POST' } as const;
    const seconds = scripted({ status: 429, body: { error: 'APIRateLimitExceeded' }, headers: { 'retry-after': '7' } });
    const error = await client(seconds.fetch, session()).request(post).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);

    const fraction = scripted({ status: 429, headers: { 'retry-after': '0.125' } });
    expect(((await client(fraction.fetch, session()).request(post).catch((e: unknown) => e)) as RateLimitedError).retryAfterMs).toBe(125);

    // Zendesk's per-user throttle: text/plain, no Retry-After. The limiter is told "nothing announced".
    const announced: (number | undefined)[] = [];
    const plain = scripted({ status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain' } });
    const onThrottled = (ms: number | undefined) => (announced.push(ms), 4_321);
    const refused = (await client(plain.fetch, session(), { onThrottled }).request(post).catch((e: unknown) => e)) as RateLimitedError;
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused.retryAfterMs).toBe(4_321);
    expect(refused.message).toContain('Too Many Requests');
    expect(announced).toEqual([undefined]);

    const date = new Headers({ 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
    expect(retryAfterMs(date)).toBeGreaterThan(28_000);
    expect(retryAfterMs(new Headers(), 1234)).toBe(1234);
  });

  it('reads a Retry-After that names no wait (0, negative, a date already past) as none; caps a huge one', () => {
    const at = Date.parse('2030-01-01T12:00:00Z');
    const headers = (h: Record<string, string>) => new Headers(h);
    for (const none of ['0', '-5', '0.0', new Date(at - 1_000).toUTCString()]) {
      expect(announcedRetryAfterMs(headers({ 'retry-after': none }), at)).toBeUndefined();
    }
    expect(retryAfterMs(headers({ 'retry-after': '0' }), 1234)).toBe(1234);
    // 1e9 seconds would close the account for 31 years.
    expect(announcedRetryAfterMs(headers({ 'retry-after': '1e9' }), at)).toBe(RETRY_AFTER_CAP_MS);
    expect(announcedRetryAfterMs(headers({ 'retry-after': new Date(at + 400 * 86_400_000).toUTCString() }), at)).toBe(RETRY_AFTER_CAP_MS);
    expect(RETRY_AFTER_CAP_MS).toBe(3_600_000);
    // Ordinary values as before.
    expect(announcedRetryAfterMs(headers({ 'retry-after': '7' }), at)).toBe(7_000);
    expect(announcedRetryAfterMs(headers({ 'retry-after': new Date(at + 30_000).toUTCString() }), at)).toBe(30_000);
  });

  it("measures an HTTP-date Retry-After against the answer's own Date, whatever the agent's clock says", () => {
    const vendorNow = Date.parse('2030-01-01T12:00:00Z');
    const h = new Headers({ date: new Date(vendorNow).toUTCString(), 'retry-after': new Date(vendorNow + 30_000).toUTCString() });
    // The agent's clock runs 10 minutes ahead of the vendor's, or 5 s behind: the wait is the vendor's 30 s.
    expect(announcedRetryAfterMs(h, vendorNow + 600_000)).toBe(30_000);
    expect(announcedRetryAfterMs(h, vendorNow - 5_000)).toBe(30_000);
    // An unreadable Date: our clock is all there is.
    const bad = new Headers({ date: 'yesterday', 'retry-after': new Date(vendorNow + 30_000).toUTCString() });
    expect(announcedRetryAfterMs(bad, vendorNow + 10_000)).toBe(20_000);
  });

  it('a read refused with `Retry-After: 0` waits the growing guess before each try, never none', async () => {
    const zero = { status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain', 'retry-after': '0' } };
    const answers = scripted(...Array.from({ length: READ_THROTTLE_RETRIES + 1 }, () => zero));
    const bucket = new TokenBucket({ windowMs: 60_000 });
    const announced: (number | undefined)[] = [];
    const waits: number[] = [];
    const c = client(answers.fetch, session(), {
      // As the engine wires it (core/jobs/engine.ts); the clock stands still, the throttle lets all go.
      onThrottled: (ms) => {
        announced.push(ms);
        const wait = bucket.throttled(ms, 0);
        waits.push(wait);
        return wait;
      },
      throttle: async () => {},
    });
    const error = (await c.request(get).catch((e: unknown) => e)) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(announced.every((ms) => ms === undefined)).toBe(true);
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(error.retryAfterMs).toBe(60_000);
    expect(bucket.snapshot(0).blockedForMs).toBe(60_000);
    // Without a limiter, the client's own few seconds.
    const alone = scripted(zero);
    expect(((await client(alone.fetch, session()).request({ ...get, method: 'POST' }).catch((e: unknown) => e)) as RateLimitedError).retryAfterMs).toBe(5_000);
  });

  it('reads ratelimit-reset as the vendor says, and knows no sandbox header', async () => {
    // A real vendor: seconds, taken as they are; a fraction is kept.
    expect(rateLimitResetMs(new Headers({ 'ratelimit-reset': '42' }))).toBe(42_000);
    expect(rateLimitResetMs(new Headers({ 'ratelimit-reset': '0.7' }))).toBe(700);
    // The sandbox's real-time header is rewritten by the sandbox flavour's fetch, never read here.
    expect(rateLimitResetMs(new Headers({ 'ratelimit-reset': '42', 'x-sandbox-ratelimit-reset-ms': '700' }))).toBe(42_000);
    // Unusable values are ignored, never NaN or negative.
    expect(rateLimitResetMs(new Headers({ 'ratelimit-reset': 'soon' }))).toBeUndefined();
    expect(rateLimitResetMs(new Headers({ 'ratelimit-reset': '-1' }))).toBeUndefined();
    expect(rateLimitResetMs(new Headers({ 'ratelimit-reset': '' }))).toBeUndefined();
    expect(rateLimitResetMs(new Headers())).toBeUndefined();

    // And it is what onRateLimit hands the engine's bucket.
    const seen: RateLimitInfo[] = [];
    const headers = { 'x-rate-limit': '700', 'x-rate-limit-remaining': '0', 'ratelimit-reset': '60' };
    const answers = scripted(
      { status: 200, body: { users: [] }, headers },
      { status: 200, body: { users: [] }, headers: { ...headers, 'ratelimit-reset': '1' } },
    );
    const c = client(answers.fetch, session(), { onRateLimit: (info) => seen.push(info) });
    await c.request(get);
    await c.request(get);
    expect(seen).toEqual([
      { limit: 700, remaining: 0, resetMs: 60_000, status: 200 },
      { limit: 700, remaining: 0, resetMs: 1_000, status: 200 },
    ]);
  });

  it("hands the limiter each answer's status with its headers: a 429's count is no success", async () => {
    // Zendesk's per-user throttle: text/plain 429s, no Retry-After, the account's headers still high.
    const throttle429 = { status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain', 'x-rate-limit': '700', 'x-rate-limit-remaining': '650' } };
    const success = { status: 200, body: { users: [] }, headers: { 'x-rate-limit': '700', 'x-rate-limit-remaining': '649' } };
    const answers = scripted(throttle429, throttle429, throttle429, throttle429, success, throttle429, { status: 200, body: { users: [] } }, throttle429);
    const bucket = new TokenBucket({ windowMs: 60_000 });
    const seen: (RateLimitInfo & { status?: number })[] = [];
    const waits: number[] = [];
    const c = client(answers.fetch, session(), {
      // As the engine wires it (core/jobs/engine.ts); the clock stands still, the throttle lets all go.
      onRateLimit: (info) => (seen.push(info), bucket.observe(info, 0)),
      onThrottled: (announced) => {
        const wait = bucket.throttled(announced, 0);
        waits.push(wait);
        return wait;
      },
      throttle: async () => {},
    });
    await c.request(get); // four 429s, then the success
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(seen.map((info) => info.status)).toEqual([429, 429, 429, 429, 200]);
    expect(seen[0]).toEqual({ limit: 700, remaining: 650, status: 429 });
    // The success started the guess over; so does one without any rate-limit header.
    await c.request(get);
    expect(waits.slice(4)).toEqual([2_000]);
    expect(seen[6]).toEqual({ status: 200 });
    await expect(c.request({ ...get, method: 'POST' })).rejects.toBeInstanceOf(RateLimitedError);
    expect(waits.slice(5)).toEqual([2_000]);
  });

  it('lets a vendor call its own 4xx code a throttle', async () => {
    const { fetch } = scripted({ status: 400, body: { error: 'TOO_MANY_REQUESTS' } });
    const throttle = (status: number, code?: string) => status === 429 || code === 'TOO_MANY_REQUESTS';
    await expect(client(fetch, session(), {}, throttle).request({ ...get, method: 'POST' })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it.each([500, 502, 503])('%i on a write is a TransientError with its status, sent once', async (status) => {
    const { fetch, calls } = scripted({ status, body: { error: 'InternalServerError', description: 'Something went wrong' } });
    const error = await client(fetch, session()).request({ ...get, method: 'POST' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBe(status);
    expect(calls).toHaveLength(1);
  });

  it('a read that meets a 5xx or no answer is tried again on its own, READ_ATTEMPTS times in all', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const healed = scripted({ status: 503 }, { status: 502 }, { status: 200, body: { users: [{ id: 1 }] } });
    await expect(client(healed.fetch, session(), { sleep, random: () => 0 }).request(get)).resolves.toMatchObject({ data: { users: [{ id: 1 }] } });
    expect(healed.calls).toHaveLength(3);
    expect(waits).toEqual([250, 500]); // equal jitter: half the doubling ceiling at the least

    const down = scripted();
    const error = await client(down.fetch, session()).request(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(down.calls).toHaveLength(READ_ATTEMPTS);
  });

  it('a read refused with 429 waits through the limiter and is tried again, within READ_THROTTLE_RETRIES', async () => {
    let throttled = 0;
    const limiter = { onThrottled: () => (throttled += 1, 10), throttle: async () => {} };
    const ok = scripted({ status: 429, body: 'slow down', headers: { 'content-type': 'text/plain' } }, { status: 200, body: { users: [] } });
    await expect(client(ok.fetch, session(), limiter).request(get)).resolves.toMatchObject({ status: 200 });
    expect(throttled).toBe(1);
    const always = scripted(...Array.from({ length: 20 }, () => ({ status: 429 })));
    await expect(client(always.fetch, session(), limiter).request(get)).rejects.toBeInstanceOf(RateLimitedError);
    expect(always.calls).toHaveLength(READ_THROTTLE_RETRIES + 1);
  });

  it('an HTML error page is reported by its status in words, never by its markup', async () => {
    const page = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><script>x()</script></body></html>';
    const { fetch } = scripted({ status: 403, body: page, headers: { 'content-type': 'text/html' } });
    const error = (await client(fetch, session()).request(get).catch((e: unknown) => e)) as VendorRefusedError;
    expect(error).toBeInstanceOf(VendorRefusedError);
    expect(error.vendorMessage).toMatch(/^HTTP 403 .*error page/);
    expect(error.message).not.toContain('<');
  });

  it('a body over MAX_RESPONSE_BYTES is refused unread, declared or streamed', async () => {
    const huge = 'x'.repeat(MAX_RESPONSE_BYTES + 10);
    const declared = scripted({ status: 200, body: { users: [] }, headers: { 'content-length': String(MAX_RESPONSE_BYTES + 1) } });
    const e1 = await client(declared.fetch, session()).request(get).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(VendorResponseError);
    expect((e1 as Error).message).toMatch(/larger than 5 MB/);
    const streamed = scripted({ status: 200, body: `{"users":[],"pad":"${huge}"}` });
    await expect(client(streamed.fetch, session()).request(get)).rejects.toThrow(/larger than 5 MB/);
  });

  it('a body that fails zod is a VendorResponseError naming the vendor, the endpoint and the field', async () => {
    const { fetch } = scripted({ status: 200, body: { users: [{ id: 'not a number' }] } });
    const error = await client(fetch, session()).request(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorResponseError);
    expect((error as VendorResponseError).vendor).toBe('zendesk');
    expect((error as VendorResponseError).endpoint).toBe('GET /api/v2/users');
    expect((error as Error).message).toMatch(/^zendesk GET \/api\/v2\/users: .*users\.0\.id/);
    const html = scripted({ status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } });
    await expect(client(html.fetch, session()).request(get)).rejects.toBeInstanceOf(VendorResponseError);
  });

  it('a refused call keeps the vendor code, words and body', async () => {
    const body = { error: 'RecordInvalid', description: 'Record validation errors' };
    const { fetch } = scripted({ status: 422, body });
    const error = (await client(fetch, session()).request(get).catch((e: unknown) => e)) as VendorRefusedError;
    expect(error).toBeInstanceOf(VendorRefusedError);
    expect(error).toMatchObject({ status: 422, vendorCode: 'RecordInvalid', vendorMessage: 'Record validation errors', body });
  });

  it('returns accepted statuses as answers with their raw body', async () => {
    const { fetch } = scripted({ status: 422, body: { error: 'RecordInvalid' } });
    const res = await client(fetch, session()).request({ ...get, accept: [422] });
    expect(res).toMatchObject({ status: 422, data: undefined, body: { error: 'RecordInvalid' } });
  });

  it('sends a form body as application/x-www-form-urlencoded', async () => {
    const { fetch, calls } = scripted({ status: 200, body: { users: [] } });
    await client(fetch, session()).request({ ...get, method: 'POST', form: { scopeID: '1', emailIds: 'a@b.co,c@d.co' } });
    expect(calls[0]?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(await calls[0]?.text()).toBe('scopeID=1&emailIds=a%40b.co%2Cc%40d.co');
  });
});

describe('VendorClient against the sandbox', () => {
  const sandbox = useSandbox();
  const zendesk = (extra: Partial<ConnectorOptions> = {}) => {
    const auth: AuthSession = {
      headers: async () => ({ authorization: `Basic ${btoa('ava.admin@acme.co/token:acme-api-token-0001')}` }),
      renew: async () => false,
    };
    return new VendorClient('zendesk', {
      endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: sandbox.current.vendorUrl('acme.zendesk.localhost') },
      auth,
      fetch: sandboxFetch,
      ...extra,
    }, readError);
  };
  const brands = { method: 'GET', path: 'api/v2/brands', endpoint: 'GET /api/v2/brands', schema: z.object({ brands: z.array(z.unknown()) }) } as const;

  it('hands the rate-limit headers of each answer to onRateLimit', async () => {
    const seen: RateLimitInfo[] = [];
    await zendesk({ onRateLimit: (info) => seen.push(info) }).request(brands);
    await zendesk({ onRateLimit: (info) => seen.push(info) }).request(brands);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ limit: 700, remaining: 699 });
    expect(seen[1]).toMatchObject({ limit: 700, remaining: 698 });
    expect(seen[0]?.resetMs).toBeGreaterThan(0);
  });

  it('a 429 under scaled time waits the real milliseconds the sandbox announces', async () => {
    await sandbox.control('POST', '/time', { scale: 60 });
    await sandbox.control('POST', '/faults', { path: '/api/v2/brands', kind: '429', retryAfter: 30 });
    const error = (await zendesk().request({ ...brands, method: 'POST' }).catch((e: unknown) => e)) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(500); // 30 sandbox seconds at 60×
    expect(error.message).toContain('Number of allowed API requests per minute exceeded');
  });

  it('a 503 fault is a TransientError once the read has been tried READ_ATTEMPTS times; one 503 is cured by the retry', async () => {
    await sandbox.control('POST', '/faults', { path: '/api/v2/brands', kind: '503', count: READ_ATTEMPTS });
    const error = (await zendesk({ sleep: async () => {} }).request(brands).catch((e: unknown) => e)) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.status).toBe(503);
    await sandbox.control('POST', '/faults', { path: '/api/v2/brands', kind: '503', count: 1 });
    await expect(zendesk({ sleep: async () => {} }).request(brands)).resolves.toMatchObject({ status: 200 });
  });

  it('a dropped connection is a TransientError without a status', async () => {
    await sandbox.control('POST', '/faults', { path: '/api/v2/brands', kind: 'drop', count: READ_ATTEMPTS });
    const error = (await zendesk({ sleep: async () => {} }).request(brands).catch((e: unknown) => e)) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('no answer');
    await expect(zendesk().request(brands)).resolves.toMatchObject({ status: 200 });
  });

  it('a call slower than timeoutMs is a TransientError', async () => {
    await sandbox.control('POST', '/faults', { path: '/api/v2/brands', kind: 'latency', latencyMs: 1000, count: READ_ATTEMPTS });
    const error = (await zendesk({ timeoutMs: 150, sleep: async () => {} }).request(brands).catch((e: unknown) => e)) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.status).toBeUndefined();
  });

  it('an expired_token fault renews once and retries', async () => {
    await sandbox.control('POST', '/faults', { path: '/api/v2/brands', kind: 'expired_token' });
    let renewals = 0;
    const auth: AuthSession = {
      headers: async () => ({ authorization: `Basic ${btoa('ava.admin@acme.co/token:acme-api-token-0001')}` }),
      renew: async () => {
        renewals += 1;
        return true;
      },
    };
    await expect(zendesk({ auth }).request(brands)).resolves.toMatchObject({ status: 200 });
    expect(renewals).toBe(1);
  });
});
