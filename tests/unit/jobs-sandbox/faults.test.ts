import { describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/fetch';
import { counters, drain, expectInvitedOnce, scene, tally, useSandbox, type Sandbox } from './harness';

const sb = useSandbox();

interface Call {
  url: string;
  method: string;
  /** Sandbox (= engine) time the call started and its answer (or failure) arrived. */
  start: number;
  end: number;
  /** Order of the call's start and of its answer among all starts and answers: a loopback call can
   * start and end within one clock millisecond, so times alone cannot say which came first. */
  startSeq: number;
  endSeq: number;
  status: number | 'no answer';
  retryAfterMs?: number;
}

/** sandboxFetch that writes down every vendor call, on the engine's clock. */
function recording(s: Sandbox, wrap: typeof globalThis.fetch = sandboxFetch) {
  const calls: Call[] = [];
  let seq = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const start = s.now();
    const startSeq = ++seq;
    try {
      const res = await wrap(input, init);
      const call: Call = { url, method, start, end: s.now(), startSeq, endSeq: ++seq, status: res.status };
      const exact = Number(res.headers.get('x-sandbox-retry-after-ms'));
      if (res.status === 429 && exact > 0) call.retryAfterMs = exact;
      calls.push(call);
      return res;
    } catch (error) {
      calls.push({ url, method, start, end: s.now(), startSeq, endSeq: ++seq, status: 'no answer' });
      throw error;
    }
  };
  return { fetch, calls };
}

/** No call may start between a 429's arrival and the end of its Retry-After. */
function expectRetryAfterHonoured(calls: Call[]): void {
  const early = calls.flatMap((refused) =>
    refused.status === 429 && refused.retryAfterMs !== undefined
      ? calls
          .filter((c) => c.startSeq > refused.endSeq && c.start < refused.end + refused.retryAfterMs!)
          .map((c) => `${c.method} ${c.url} ${c.start - refused.end} ms after a 429`)
      : [],
  );
  expect(early).toEqual([]);
}

describe('faults from the sandbox, through the engine', () => {
  it('Zendesk: a 429 storm with Retry-After on searches and create_many is waited out, with no 429 but the injected ones', { timeout: 60_000 }, async () => {
    const s = await scene(sb, 'zendesk', 150, 301);
    await sb.control('POST', '/faults', { path: '/api/v2/users/search', kind: '429', count: 3, retryAfter: 30 });
    await sb.control('POST', '/faults', { path: '/api/v2/users/create_many', kind: '429', count: 2, retryAfter: 45 });
    const rec = recording(sb);
    const started = sb.now();
    await drain(sb, s.engine({}, rec.fetch));

    const t = await tally(s);
    expect(t.by).toEqual({ invited: 150 });
    expect(t.job.status).toBe('completed');
    await expectInvitedOnce(sb, s);
    expect(rec.calls.filter((c) => c.status === 429)).toHaveLength(5);
    expectRetryAfterHonoured(rec.calls);
    // The waits were spent: at least the two create_many Retry-Afters and one search one.
    expect(sb.now() - started).toBeGreaterThanOrEqual(30_000 + 2 * 45_000);
    // A 429 costs no attempt: two batches, two attempts.
    expect(t.job.attempts).toBe(2);
  });

  it('Zoho CRM: 429 on the bulk invite and on its job status is waited out; the job finishes', { timeout: 60_000 }, async () => {
    const s = await scene(sb, 'zoho_crm', 150, 302);
    await sb.control('POST', '/faults', { path: '/crm/v8/Contacts/actions/portal_invite', method: 'POST', kind: '429', count: 2, retryAfter: 20 });
    await sb.control('POST', '/faults', { path: '/crm/v8/Contacts/actions/portal_invite', method: 'GET', kind: '429', count: 2, retryAfter: 10 });
    const rec = recording(sb);
    await drain(sb, s.engine({}, rec.fetch));
    expect((await tally(s)).by).toEqual({ invited: 150 });
    await expectInvitedOnce(sb, s);
    expect(rec.calls.filter((c) => c.status === 429)).toHaveLength(4);
    expectRetryAfterHonoured(rec.calls);
  });

  it('under the sandbox time scale (50×, engine on the real clock) Retry-After is waited in real milliseconds', { timeout: 90_000 }, async () => {
    const s = await scene(sb, 'zoho_desk', 150, 307);
    await sb.control('POST', '/time', { scale: 50 });
    await sb.control('POST', '/faults', { path: '/api/v1/contacts/inviteAsEndUser', kind: '429', count: 2, retryAfter: 30 });
    const calls: { at: number; status: number }[] = [];
    const timed: typeof globalThis.fetch = async (input, init) => {
      const res = await sandboxFetch(input, init);
      calls.push({ at: Date.now(), status: res.status });
      return res;
    };
    const started = Date.now();
    // Real-rate time and real sleeps, as in the service worker (the clock starts where the job's
    // dates are: earlier tests moved the sandbox clock on).
    const offset = sb.now() - started;
    await s.engine({ now: () => Date.now() + offset, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, timed).start();
    const elapsed = Date.now() - started;

    expect((await tally(s)).by).toEqual({ invited: 150 });
    await expectInvitedOnce(sb, s);
    expect(calls.filter((c) => c.status === 429)).toHaveLength(2);
    // 30 sandbox seconds at 50× are 600 real ms, twice: waited, but not 30 real seconds each (the
    // bound leaves a busy machine room: the run itself takes about 1.5 s).
    expect(elapsed).toBeGreaterThanOrEqual(2 * 600 - 50);
    expect(elapsed).toBeLessThan(25_000);
  });

  it('5xx on sends and polls are retried with backoff; nothing is invited twice', { timeout: 60_000 }, async () => {
    const s = await scene(sb, 'zendesk', 150, 303);
    await sb.control('POST', '/faults', { path: '/api/v2/users/create_many', kind: '500', count: 2 });
    await sb.control('POST', '/faults', { path: '/api/v2/job_statuses/:id', kind: '503', count: 2 });
    const rec = recording(sb);
    await drain(sb, s.engine({}, rec.fetch));
    const t = await tally(s);
    expect(t.by).toEqual({ invited: 150 });
    await expectInvitedOnce(sb, s);
    expect(rec.calls.filter((c) => c.status === 500 || c.status === 503)).toHaveLength(4);
    // Each 500 left its batch `sending`: reconciled by membership, then sent again.
    expect((await counters(sb)).requests['zendesk POST /api/v2/users/create_many']).toBe(4);
  });

  it('Zoho Desk: 503 on the bulk invite is retried after reconciling', { timeout: 60_000 }, async () => {
    const s = await scene(sb, 'zoho_desk', 150, 304);
    await sb.control('POST', '/faults', { path: '/api/v1/contacts/inviteAsEndUser', kind: '503', count: 3 });
    await drain(sb, s.engine());
    expect((await tally(s)).by).toEqual({ invited: 150 });
    await expectInvitedOnce(sb, s);
  });

  it('dropped connections (the sandbox drops the call) are reconciled, then sent once', { timeout: 60_000 }, async () => {
    const s = await scene(sb, 'zoho_crm', 150, 305);
    await sb.control('POST', '/faults', { path: '/crm/v8/Contacts/actions/portal_invite', method: 'POST', kind: 'drop', count: 2 });
    await sb.control('POST', '/faults', { path: '/crm/v8/Contacts/actions/portal_invite', method: 'GET', kind: 'drop', count: 1 });
    const rec = recording(sb);
    await drain(sb, s.engine({}, rec.fetch));
    const t = await tally(s);
    expect(t.by).toEqual({ invited: 150 });
    await expectInvitedOnce(sb, s);
    expect(rec.calls.filter((c) => c.status === 'no answer')).toHaveLength(3);
  });

  it('answers lost after the vendor applied the send are reconciled by membership, never resent', { timeout: 60_000 }, async () => {
    for (const vendor of ['zendesk', 'zoho_desk', 'zoho_crm', 'zoho_connect'] as const) {
      await sb.control('POST', '/reset');
      const s = await scene(sb, vendor, 40, 306);
      let lost = 0;
      // The first send reaches the vendor, which applies it; its answer never comes back.
      const losing: typeof globalThis.fetch = async (input, init) => {
        const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
        const res = await sandboxFetch(input, init);
        if (method === 'POST' && lost === 0 && !String(input instanceof Request ? input.url : input).includes('/oauth/')) {
          lost += 1;
          throw new TypeError('fetch failed (connection reset after the request was applied)');
        }
        return res;
      };
      await drain(sb, s.engine({}, losing));
      const t = await tally(s);
      expect(t.by, vendor).toEqual({ invited: 40 });
      expect(lost, vendor).toBe(1);
      await expectInvitedOnce(sb, s);
    }
  });
});
