import { describe, expect, it } from 'vitest';
import { CRM_PORTALS, CRM_PORTAL_USERS, DESK_HELPCENTER, ZENDESK_SPEC } from './contract/operations';
import { sandboxFetch } from './fetch';
import { generatePeople } from './generate';
import { CONNECT, CRM, DESK, ZENDESK, ZOHO } from './seed';
import {
  ACME, CRM_HOST, DESK_HOST, GLOBEX, call, contract, control, jsonInit, obj, useSandbox, zendeskToken, zohoHeaders,
} from './test-helpers';

const sandbox = useSandbox([ZENDESK_SPEC, DESK_HELPCENTER, CRM_PORTALS, CRM_PORTAL_USERS]);
const admin = { authorization: zendeskToken() };
const brands = () => call(sandbox.current, ACME, '/api/v2/brands', { headers: admin });
const helpCenters = (headers = zohoHeaders()) => call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Polls the sandbox until `ready` holds, rather than sleeping a fixed time. */
async function until(ready: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
/** 30 sandbox minutes: 3 real seconds at 600×. */
const LONG_WINDOW_SEC = 1800;

describe('rate limits', () => {
  it('Zendesk: X-Rate-Limit headers from the plan, then 429 with Retry-After, then a new window', async () => {
    const seeded = await brands();
    expect(seeded.headers.get('x-rate-limit')).toBe('700');
    expect(seeded.headers.get('x-rate-limit-remaining')).toBe('699');
    // This window has one request already: two more are allowed.
    await control(sandbox.current, 'POST', '/limits', { key: 'zendesk:acme', limit: 3 });
    const second = await brands();
    expect(second.headers.get('x-rate-limit')).toBe('3');
    expect(second.headers.get('x-rate-limit-remaining')).toBe('1');
    await brands();
    const limited = await brands();
    expect(limited.status).toBe(429);
    expect(obj(limited).error).toBe('APIRateLimitExceeded');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    await contract(ZENDESK_SPEC, limited);
    // Another account has its own window.
    expect((await call(sandbox.current, GLOBEX, '/api/v2/brands', { headers: { authorization: zendeskToken('gina.admin@globex.com', ZENDESK.globex.apiToken) } })).status).toBe(200);
    await control(sandbox.current, 'POST', '/time', { advanceSec: retryAfter });
    expect((await brands()).status).toBe(200);
  });

  it('Retry-After is in sandbox seconds; X-Sandbox-Retry-After-Ms is the real wait under scaling', async () => {
    // A 30-minute window at 600×: 3 real seconds, so a stall of the busy machine between the two
    // calls cannot end the window before the second one is refused (a 1-minute window is 100 ms).
    await control(sandbox.current, 'POST', '/limits', { key: 'zendesk:acme', limit: 1, windowSec: LONG_WINDOW_SEC });
    await control(sandbox.current, 'POST', '/time', { scale: 600 });
    await brands();
    const limited = await brands();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LONG_WINDOW_SEC);
    const realMs = Number(limited.headers.get('x-sandbox-retry-after-ms'));
    expect(realMs).toBeGreaterThan(0);
    expect(realMs).toBeLessThanOrEqual(Math.ceil((retryAfter * 1000) / 600) + 1);
    await sleep(realMs + 30);
    expect((await brands()).status).toBe(200);
  }, 15_000);

  it('Zendesk: X-Sandbox-RateLimit-Reset-Ms is the real wait until the window resets, on every answer', async () => {
    // As above, a window long enough in real time (3 s) for the three calls it must hold.
    await control(sandbox.current, 'POST', '/limits', { key: 'zendesk:acme', limit: 2, windowSec: LONG_WINDOW_SEC });
    await control(sandbox.current, 'POST', '/time', { scale: 600 });
    const first = await brands();
    expect(first.status).toBe(200);
    const resetSec = Number(first.headers.get('ratelimit-reset'));
    const resetMs = Number(first.headers.get('x-sandbox-ratelimit-reset-ms'));
    // The first call opens the window: ratelimit-reset says all of it in sandbox seconds, the
    // sandbox header the same wait in real milliseconds at 600×.
    expect(resetSec).toBe(LONG_WINDOW_SEC);
    expect(resetMs).toBe(Math.ceil((LONG_WINDOW_SEC * 1000) / 600));
    await brands();
    const limited = await brands();
    expect(limited.status).toBe(429);
    const limitedResetMs = Number(limited.headers.get('x-sandbox-ratelimit-reset-ms'));
    expect(limitedResetMs).toBeLessThanOrEqual(resetMs);
    expect(limitedResetMs).toBeLessThanOrEqual(Number(limited.headers.get('x-sandbox-retry-after-ms')));
    await sleep(limitedResetMs + 30);
    const next = await brands();
    expect(next.status).toBe(200);
    expect(next.headers.get('x-rate-limit-remaining')).toBe('1');
    // The window log: the first window let two through and refused one; a new one has opened.
    const { windows } = await control(sandbox.current, 'GET', '/counters');
    expect(windows['zendesk:acme'].map((w: { used: number; refused: number; limit: number }) => [w.used, w.refused, w.limit])).toEqual([[2, 1, 2], [1, 0, 2]]);
  }, 15_000);

  it('Zoho Desk and CRM answer TOO_MANY_REQUESTS in their envelopes', async () => {
    await control(sandbox.current, 'POST', '/limits', { key: `zoho_desk:${DESK.orgId}`, limit: 1 });
    await control(sandbox.current, 'POST', '/limits', { key: `zoho_crm:${CRM.orgId}`, limit: 1 });
    await helpCenters();
    const desk = await helpCenters();
    expect(obj(desk)).toMatchObject({ errorCode: 'TOO_MANY_REQUESTS' });
    expect(desk.headers.get('retry-after')).toMatch(/^\d+$/);
    await contract(DESK_HELPCENTER, desk);
    const portals = () => call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals', { headers: zohoHeaders() });
    await portals();
    const crm = await portals();
    expect(crm.status).toBe(429);
    expect(obj(crm)).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 'error' });
    await contract(CRM_PORTALS, crm);
  });

  it('Zoho Desk refuses calls beyond its concurrency', async () => {
    const key = `zoho_desk:${DESK.orgId}`;
    await control(sandbox.current, 'POST', '/limits', { key, concurrency: 1 });
    // The first call takes the latency fault and holds the only slot for 3 real seconds. The second
    // is sent once the window log shows the first counted (it holds its slot from then on), not
    // after a guessed delay that a busy machine can outrun either way.
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v1/helpCenters', kind: 'latency', latencyMs: 3_000, count: 1 });
    const slow = helpCenters();
    const counted = async () => {
      const { windows } = await control(sandbox.current, 'GET', '/counters');
      return (windows[key]?.[0]?.used ?? 0) >= 1;
    };
    await until(counted, 'the first call to hold its slot');
    const refused = await helpCenters();
    expect(refused.status).toBe(429);
    expect((await slow).status).toBe(200);
    // Refused for concurrency, not for the day's credits: the window let one through and refused none.
    const { windows } = await control(sandbox.current, 'GET', '/counters');
    expect(windows[key]).toMatchObject([{ used: 1, refused: 0 }]);
  }, 20_000);
});

describe('faults', () => {
  it('429 with Retry-After for the next N calls on a glob, then normal answers', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/users/*', method: 'GET', kind: '429', count: 2, retryAfter: 7 });
    const search = () => call(sandbox.current, ACME, '/api/v2/users/search?query=email:x@y.com', { headers: admin });
    for (let i = 0; i < 2; i++) {
      const reply = await search();
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('7');
      expect(reply.headers.get('x-sandbox-retry-after-ms')).toBe('7000');
      await contract(ZENDESK_SPEC, reply);
    }
    expect((await brands()).status).toBe(200);
    expect((await search()).status).toBe(200);
  });

  it('500 and 503 in the vendor’s envelope, on one host only', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v1/helpCenters', kind: '500', host: DESK_HOST });
    const failed = await helpCenters();
    expect(failed.status).toBe(500);
    expect(obj(failed).errorCode).toBe('INTERNAL_SERVER_ERROR');
    await contract(DESK_HELPCENTER, failed);
    await control(sandbox.current, 'POST', '/faults', { path: '/crm/v8/:module/actions/portal_invite', kind: '503', retryAfter: 30 });
    const unavailable = await call(sandbox.current, CRM_HOST, '/crm/v8/Contacts/actions/portal_invite', jsonInit('POST', {}, zohoHeaders()));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('30');
    await contract(CRM_PORTAL_USERS, unavailable);
    expect((await control(sandbox.current, 'GET', '/faults')).faults).toEqual([]);
  });

  it('latency delays the answer', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/brands', kind: 'latency', latencyMs: 250 });
    const started = Date.now();
    expect((await brands()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('drop closes the connection without an answer', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/brands', kind: 'drop' });
    await expect(brands()).rejects.toThrow();
    expect((await brands()).status).toBe(200);
  });

  it('expired_token answers the vendor’s 401 to the next authenticated calls only', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '**', kind: 'expired_token', count: 2 });
    expect((await call(sandbox.current, ACME, '/api/v2/brands')).status).toBe(401);
    const bearer = await call(sandbox.current, ACME, '/api/v2/brands', { headers: { authorization: `Bearer ${ZENDESK.acme.oauth.access}` } });
    expect(obj(bearer).error).toBe('invalid_token');
    const crm = await call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals', { headers: zohoHeaders() });
    expect(obj(crm).code).toBe('INVALID_TOKEN');
    expect((await brands()).status).toBe(200);
  });
});

describe('time and tokens', () => {
  it('scales and advances the sandbox clock', async () => {
    const before = await control(sandbox.current, 'GET', '/time');
    const after = await control(sandbox.current, 'POST', '/time', { scale: 60, advanceSec: 3600 });
    expect(after.scale).toBe(60);
    expect(after.now - before.now).toBeGreaterThanOrEqual(3_600_000);
    await sleep(100);
    expect((await control(sandbox.current, 'GET', '/time')).now - after.now).toBeGreaterThanOrEqual(5_000);
  });

  it('expires every access token on demand', async () => {
    const result = await control(sandbox.current, 'POST', '/tokens', { expireNow: true, realm: 'zoho' });
    expect(result.expired).toBeGreaterThan(0);
    expect((await helpCenters()).status).toBe(401);
    expect((await call(sandbox.current, ACME, '/api/v2/brands', { headers: { authorization: `Bearer ${ZENDESK.acme.oauth.access}` } })).status).toBe(200);
  });
});

describe('counters', () => {
  it('counts requests per endpoint and invitations per email and target', async () => {
    const crmInvite = (record: string, type: string) => call(sandbox.current, CRM_HOST,
      `/crm/v8/Contacts/${record}/actions/portal_invite?user_type_id=${CRM.userTypes.customers}&type=${type}`, { method: 'POST', headers: zohoHeaders() });
    await crmInvite(CRM.records.eligible, 'invite');
    await crmInvite(CRM.records.eligible, 'invite');
    await crmInvite(CRM.records.eligible, 'reinvite');
    await call(sandbox.current, ACME, '/api/v2/users', jsonInit('POST', { user: { name: 'A', email: 'a.person@contoso.com' } }, admin));
    await call(sandbox.current, ACME, '/api/v2/users', jsonInit('POST', { user: { name: 'A', email: 'A.Person@contoso.com' } }, admin));
    await call(sandbox.current, ACME, `/api/v2/users/${ZENDESK.acme.users.admin}`, { headers: admin });
    const counters = await control(sandbox.current, 'GET', '/counters');
    expect(counters.requests['zoho_crm POST /crm/v8/{module}/{record}/actions/portal_invite']).toBe(3);
    expect(counters.requests['zendesk POST /api/v2/users']).toBe(2);
    expect(counters.requests['zendesk GET /api/v2/users/{user_id}']).toBe(1);
    expect(counters.invitations[`zoho_crm.portal:${CRM.userTypes.customers}`]['liam.carter@northwind.com']).toEqual({ invite: 1, reinvite: 1 });
    expect(counters.invitations['zendesk.end_user:acme']['a.person@contoso.com']).toEqual({ invite: 1 });
    expect(counters.duplicateInvitations).toBe(0);
    expect((await control(sandbox.current, 'GET', '/invitations')).invitations).toHaveLength(3);
    await control(sandbox.current, 'DELETE', '/counters');
    expect((await control(sandbox.current, 'GET', '/counters')).totals).toEqual({ invite: 0, reinvite: 0, verification: 0 });
  });
});

describe('accounts, scenarios and sessions', () => {
  it('lists seeded accounts, hosts and credentials', async () => {
    const accounts = await control(sandbox.current, 'GET', '/accounts');
    expect(accounts.zendesk.map((a: { subdomain: string }) => a.subdomain)).toEqual(['acme', 'globex']);
    expect(accounts.zendesk[0].apiToken.token).toBe(ZENDESK.acme.apiToken);
    expect(accounts.zoho.users[0].accessToken).toBe(ZOHO.tokens.adminAccess);
    expect(accounts.hosts.zoho_desk).toBe(sandbox.current.vendorUrl(DESK_HOST));
  });

  it('loads the bulk scenario and generates contacts deterministically', async () => {
    await control(sandbox.current, 'POST', '/scenario', { name: 'bulk', contacts: 2000 });
    expect(sandbox.current.state.data.crm.records.length).toBeGreaterThan(2000);
    const generated = await control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_desk', count: 50, seed: 7, mix: false });
    expect(generated.count).toBe(50);
    await control(sandbox.current, 'POST', '/reset', {});
    expect(sandbox.current.state.scenarioName).toBe('bulk');
    await control(sandbox.current, 'POST', '/reset', { scenario: { name: 'default' } });
    expect(sandbox.current.state.data.crm.records.length).toBeLessThan(100);
  });

  it('generates active external members of a Connect network, never of an internal one', async () => {
    const added = await control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_connect', count: 60, mix: false });
    const community = sandbox.current.state.data.connect.networks.find((n) => n.scopeID === CONNECT.networks.community);
    expect(community?.members.filter((m) => added.ids.includes(m.zuid)).every((m) => m.status === 'active' && m.isExternal)).toBe(true);
    expect(added.count).toBe(60);
    const refused = await fetch(`${sandbox.current.url}/__sandbox/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendor: 'zoho_connect', count: 1, account: CONNECT.networks.intranet }),
    });
    expect(refused.status).toBe(400);
  });

  it('generates 10,000+ people: the same seed gives the same list', () => {
    const a = generatePeople(12_000, { seed: 3 });
    expect(a).toEqual(generatePeople(12_000, { seed: 3 }));
    expect(a).not.toEqual(generatePeople(12_000, { seed: 4 }));
    const emails = a.filter((p) => p.reason !== 'DUPLICATE_IN_SELECTION' && p.email).map((p) => p.email?.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    expect(a.some((p) => p.reason === 'DUPLICATE_IN_SELECTION')).toBe(true);
    expect(generatePeople(500, { mix: false }).every((p) => !p.reason)).toBe(true);
  });

  it('opens a Zendesk session for an agent', async () => {
    const session = await control(sandbox.current, 'POST', '/sessions', { subdomain: 'acme', email: 'ben.agent@acme.co' });
    const me = await call(sandbox.current, ACME, '/api/v2/users/me', { headers: { cookie: session.cookie } });
    expect(obj(me).user.authenticity_token).toBe(session.csrfToken);
  });

  it('answers unknown hosts, unknown Zendesk accounts and bad control input', async () => {
    expect((await call(sandbox.current, 'nowhere.localhost', '/')).status).toBe(404);
    expect((await call(sandbox.current, 'initech.zendesk.localhost', '/api/v2/brands', { headers: admin })).status).toBe(404);
    const index = await sandboxFetch(`${sandbox.current.url}/`);
    expect(((await index.json()) as { control: string }).control).toBe('/__sandbox');
    const bad = await fetch(`${sandbox.current.url}/__sandbox/faults`, { method: 'POST', body: '{"kind":"boom"}' });
    expect(bad.status).toBe(400);
  });
});
