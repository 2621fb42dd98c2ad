import { describe, expect, it } from 'vitest';
import { memoryTokenStore } from '../../../core/vendors/oauth';
import { sandboxFetch } from '../../sandbox/fetch';
import { ZOHO } from '../../sandbox/seed';
import { counters, drain, expectInvitedOnce, scene, tally, useSandbox, type VendorName } from './harness';

const sb = useSandbox();
const TOKEN_CALLS = 'zoho_accounts POST /oauth/v2/token';

describe.each<[VendorName, number]>([
  ['zoho_crm', 250],
  ['zoho_desk', 250],
  ['zoho_connect', 40],
])('Zoho access tokens through the engine: %s', (vendor, n) => {
  it('tokens that expire mid-job are refreshed on the 401; nothing pauses, fails or is sent twice', { timeout: 60_000 }, async () => {
    const s = await scene(sb, vendor, n, 401);
    // Every token from now on lives 3 s of sandbox time, and the seeded one dies at once.
    await sb.control('POST', '/tokens', { ttlSec: 3, expireNow: true, realm: 'zoho' });
    await drain(sb, s.engine());

    const t = await tally(s);
    expect(t.by).toEqual({ invited: n });
    expect(t.job.status).toBe('completed');
    expect(t.job.pauseReason).toBeUndefined();
    await expectInvitedOnce(sb, s);
    const refreshes = (await counters(sb)).requests[TOKEN_CALLS] ?? 0;
    expect(refreshes).toBeGreaterThanOrEqual(vendor === 'zoho_connect' ? 1 : 2);
  });
});

/** Vendors whose job outlives its first send (Connect sends 40 people in one call). */
describe.each<[VendorName, number]>([
  ['zoho_crm', 250],
  ['zoho_desk', 250],
])('a Zoho refresh that fails mid-job: %s', (vendor, n) => {

  it('a refresh that fails pauses the job for reconnect with nothing failed; reconnected() finishes it', { timeout: 60_000 }, async () => {
    // The refresh token was revoked: the token endpoint refuses it, so renewing cannot cure a 401.
    const store = memoryTokenStore({ accessToken: ZOHO.tokens.adminAccess, refreshToken: '1000.revoked0refresh.000000000000000000000000000' });
    const s = await scene(sb, vendor, n, 402, { store });
    let sends = 0;
    // The access token dies right after the first send was answered.
    const expiring: typeof globalThis.fetch = async (input, init) => {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      const url = input instanceof Request ? input.url : String(input);
      const res = await sandboxFetch(input, init);
      if (method === 'POST' && !url.includes('/oauth/') && ++sends === 1) await sb.control('POST', '/tokens', { expireNow: true, realm: 'zoho' });
      return res;
    };
    const engine = s.engine({}, expiring);
    const paused = await drain(sb, engine);

    expect(paused.nextWakeAt).toBeUndefined(); // a job paused for reconnect waits for the agent, not an alarm
    let t = await tally(s);
    expect(t.job).toMatchObject({ status: 'paused', pauseReason: 'reconnect', lastError: { kind: 'auth' } });
    expect(t.job.counts.failed).toBe(0);
    expect(t.by.failed).toBeUndefined();
    expect(t.by.queued ?? 0).toBeGreaterThan(0);
    expect(t.job.lease).toBeUndefined();

    // The agent reconnects: new tokens in the store, then the engine is told.
    store.current = { accessToken: ZOHO.tokens.adminAccess, refreshToken: ZOHO.tokens.adminRefresh };
    expect(await engine.reconnected(s.target.accountId)).toEqual([s.jobId]);
    await drain(sb, engine);

    t = await tally(s);
    expect(t.by).toEqual({ invited: n });
    expect(t.job.status).toBe('completed');
    await expectInvitedOnce(sb, s);
  });
});
