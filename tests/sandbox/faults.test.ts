/**
 * The fault kinds a real network adds to the vendors' own refusals (issue #9): drops before and
 * after the vendor applied a call, a seeded profile of 5xx and drops on every request, Zendesk's
 * text/plain per-user 429, a proxy's HTML error page, an oversized answer, and vendor jobs that
 * never finish. control.test.ts covers the counted 429/5xx/latency/drop/expired_token faults.
 */
import { describe, expect, it } from 'vitest';
import { CRM_PORTAL_USERS, ZENDESK_SPEC } from './contract/operations';
import { CRM } from './seed';
import { ACME, CRM_HOST, DESK_HOST, call, contract, control, jsonInit, obj, useSandbox, zendeskToken, zohoHeaders } from './test-helpers';

const sandbox = useSandbox([ZENDESK_SPEC, CRM_PORTAL_USERS]);
const admin = { authorization: zendeskToken() };
const brands = () => call(sandbox.current, ACME, '/api/v2/brands', { headers: admin });
const createUser = (email: string) => call(sandbox.current, ACME, '/api/v2/users', jsonInit('POST', { user: { name: 'Pat Doe', email } }, admin));
const search = async (email: string) => obj(await call(sandbox.current, ACME, `/api/v2/users/search?query=email:${email}`, { headers: admin })).users as unknown[];
const zendeskInvites = async () => (await control(sandbox.current, 'GET', '/counters')).totals.invite as number;
/** A call whose connection is dropped: the status, or 'dropped'. */
const outcome = (reply: Promise<{ status: number }>) => reply.then((r) => r.status, () => 'dropped' as const);

describe('drops before and after the vendor applies the call', () => {
  it('drop: no answer, and nothing applied', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/users', method: 'POST', kind: 'drop' });
    await expect(createUser('drop.before@contoso.com')).rejects.toThrow();
    expect(await search('drop.before@contoso.com')).toEqual([]);
    expect(await zendeskInvites()).toBe(0);
  });

  it('drop_after: no answer, but the vendor applied it', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/users', method: 'POST', kind: 'drop_after' });
    await expect(createUser('drop.after@contoso.com')).rejects.toThrow();
    expect(await search('drop.after@contoso.com')).toHaveLength(1);
    expect(await zendeskInvites()).toBe(1);
    // The same address again is the vendor's duplicate refusal: the first call did apply.
    expect((await createUser('drop.after@contoso.com')).status).toBe(422);
  });
});

describe('fault profile: a seeded share of 5xx and drops on every matching request', () => {
  const run = async (calls: number) => {
    const seen: (number | 'dropped')[] = [];
    for (let i = 0; i < calls; i++) seen.push(await outcome(brands()));
    return seen;
  };

  // 420 sequential loopback calls: more than vitest's default 5 s on a busy machine.
  it('answers 500/503 and drops at the given rates, the same way for the same seed', async () => {
    const profile = { host: ACME, path: '/api/v2/**', serverErrorRate: 0.1, dropRate: 0.1, seed: 5 };
    const created = await control(sandbox.current, 'POST', '/faults/profile', profile);
    expect(created.profile).toMatchObject({ ...profile, dropAfterApplyShare: 0.5 });
    const first = await run(200);
    const { profiles } = await control(sandbox.current, 'GET', '/faults/profile');
    const injected = profiles[0].injected;
    expect(injected.seen).toBe(200);
    expect(first.filter((s) => s === 500)).toHaveLength(injected['500']);
    expect(first.filter((s) => s === 503)).toHaveLength(injected['503']);
    expect(first.filter((s) => s === 'dropped')).toHaveLength(injected.drop + injected.drop_after);
    expect(first.filter((s) => s === 200)).toHaveLength(200 - injected['500'] - injected['503'] - injected.drop - injected.drop_after);
    // Seeded: every kind shows, at about its rate.
    for (const kind of ['500', '503', 'drop', 'drop_after'] as const) expect(injected[kind]).toBeGreaterThan(0);
    expect(injected['500'] + injected['503']).toBeGreaterThan(8);
    expect(injected['500'] + injected['503']).toBeLessThan(35);
    // Other hosts are untouched.
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders() })).status).toBe(200);

    await control(sandbox.current, 'DELETE', '/faults/profile');
    expect((await control(sandbox.current, 'GET', '/faults')).profiles).toEqual([]);
    expect(await run(20)).toEqual(Array(20).fill(200));
    await control(sandbox.current, 'POST', '/faults/profile', profile);
    expect(await run(200)).toEqual(first);
  }, 30_000);

  it('a drop after apply leaves the call applied; a drop before, not', async () => {
    await control(sandbox.current, 'POST', '/faults/profile', { path: '/api/v2/users', method: 'POST', dropRate: 1, dropAfterApplyShare: 1 });
    await expect(createUser('profile.after@contoso.com')).rejects.toThrow();
    expect(await search('profile.after@contoso.com')).toHaveLength(1);
    await control(sandbox.current, 'DELETE', '/faults');
    await control(sandbox.current, 'POST', '/faults/profile', { path: '/api/v2/users', method: 'POST', dropRate: 1, dropAfterApplyShare: 0 });
    await expect(createUser('profile.before@contoso.com')).rejects.toThrow();
    expect(await search('profile.before@contoso.com')).toEqual([]);
  });

  it('a counted fault queued for a call goes first; a reset clears the profile', async () => {
    await control(sandbox.current, 'POST', '/faults/profile', { path: '**', serverErrorRate: 1 });
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/brands', kind: '429', retryAfter: 3 });
    expect((await brands()).status).toBe(429);
    expect((await brands()).status).toBeGreaterThanOrEqual(500);
    await control(sandbox.current, 'POST', '/reset', {});
    expect((await brands()).status).toBe(200);
  });

  it('refuses rates that add up to more than one, with the reason', async () => {
    const res = await fetch(`${sandbox.current.url}/__sandbox/faults/profile`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serverErrorRate: 0.6, dropRate: 0.6 }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('must not exceed 1');
  });
});

describe('answers that are not the vendor’s JSON envelope', () => {
  it('429_plain: Zendesk’s per-user throttle as text/plain, with Retry-After only when given; nothing applied', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/users', method: 'POST', kind: '429_plain', retryAfter: 12 });
    const announced = await createUser('plain.one@contoso.com');
    expect(announced.status).toBe(429);
    expect(announced.contentType).toMatch(/^text\/plain/);
    expect(announced.headers.get('retry-after')).toBe('12');
    expect(announced.headers.get('x-sandbox-retry-after-ms')).toBe('12000');
    expect(announced.headers.get('zendesk-ratelimit-create-update-user')).toBe('total=5; remaining=0; resets=12');
    expect(announced.text).not.toMatch(/^\s*[{[]/);

    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/users', method: 'POST', kind: '429_plain' });
    const silent = await createUser('plain.two@contoso.com');
    expect(silent.status).toBe(429);
    expect(silent.contentType).toMatch(/^text\/plain/);
    expect(silent.headers.get('retry-after')).toBeNull();
    expect(silent.headers.get('x-sandbox-retry-after-ms')).toBeNull();
    expect(await zendeskInvites()).toBe(0);
  });

  it('502_html: a proxy’s HTML page (or another 5xx), and nothing applied', async () => {
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/users', method: 'POST', kind: '502_html' });
    const bad = await createUser('html.page@contoso.com');
    expect(bad.status).toBe(502);
    expect(bad.contentType).toMatch(/^text\/html/);
    expect(bad.text).toContain('<title>502 Bad Gateway</title>');
    expect(await search('html.page@contoso.com')).toEqual([]);
    await control(sandbox.current, 'POST', '/faults', { path: '/crm/v8/**', kind: '502_html', status: 504 });
    const crm = await call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals', { headers: zohoHeaders() });
    expect(crm.status).toBe(504);
    expect(crm.text).toContain('504 Gateway Time-out');
  });

  it('oversized: the real answer padded to 6 MiB (or `bytes`), still valid JSON; the call is applied', async () => {
    const normal = obj(await brands());
    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/brands', kind: 'oversized' });
    const big = await brands();
    expect(big.status).toBe(200);
    expect(Buffer.byteLength(big.text)).toBe(6 * 1024 * 1024);
    expect(big.body).toEqual(normal);
    await contract(ZENDESK_SPEC, big);

    await control(sandbox.current, 'POST', '/faults', { path: '/api/v2/users', method: 'POST', kind: 'oversized', bytes: 1_000_000 });
    const created = await createUser('big.answer@contoso.com');
    expect(created.status).toBe(201);
    expect(Buffer.byteLength(created.text)).toBe(1_000_000);
    expect(await search('big.answer@contoso.com')).toHaveLength(1);
  });
});

describe('vendor jobs that never finish', () => {
  const HOUR_SEC = 3600;
  // Zoho's seeded access token lives one sandbox hour: the CRM job is watched for half of one.
  const HALF_HOUR_SEC = 1800;

  it('Zendesk: a job created while stuck is on stays queued for ever and applies nothing', async () => {
    await control(sandbox.current, 'PATCH', '/settings', { zendeskJob: { stuck: true } });
    const post = (users: unknown[]) => call(sandbox.current, ACME, '/api/v2/users/create_many', jsonInit('POST', { users }, admin));
    const stuck = obj(await post([{ name: 'Stu Ck', email: 'stu.ck@contoso.com' }])).job_status;
    await control(sandbox.current, 'PATCH', '/settings', { zendeskJob: { stuck: false } });
    const fine = obj(await post([{ name: 'Fi Ne', email: 'fi.ne@contoso.com' }])).job_status;
    await control(sandbox.current, 'POST', '/time', { advanceSec: 2 * HOUR_SEC });
    const status = await call(sandbox.current, ACME, `/api/v2/job_statuses/${stuck.id}`, { headers: admin });
    await contract(ZENDESK_SPEC, status);
    expect(obj(status).job_status).toMatchObject({ status: 'queued', progress: null, results: null, total: 1 });
    expect(await search('stu.ck@contoso.com')).toEqual([]);
    const done = obj(await call(sandbox.current, ACME, `/api/v2/job_statuses/${fine.id}`, { headers: admin })).job_status;
    expect(done.status).toBe('completed');
    expect(await search('fi.ne@contoso.com')).toHaveLength(1);
  });

  it('Zoho CRM: a bulk invite created while stuck is on applies its first items, then stays in_progress', async () => {
    const { ids } = await control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_crm', count: 3, mix: false, seed: 9 });
    await control(sandbox.current, 'PATCH', '/settings', { crmJob: { stuck: true, stuckAfterItems: 2 } });
    const data = (ids as string[]).map((id) => ({ id, user_type_id: CRM.userTypes.customers, type: 'invite' }));
    const crm = (path: string, init: RequestInit = {}) => call(sandbox.current, CRM_HOST, path, { ...init, headers: { ...zohoHeaders(), ...(init.headers as Record<string, string>) } });
    const created = obj(await crm('/crm/v8/Contacts/actions/portal_invite', jsonInit('POST', { portal_invite: [{ data }] })));
    const jobId = created.portal_invite[0].details.job_id;
    await control(sandbox.current, 'POST', '/time', { advanceSec: HALF_HOUR_SEC });
    const status = await crm(`/crm/v8/Contacts/actions/portal_invite?job_id=${jobId}`);
    await contract(CRM_PORTAL_USERS, status);
    expect(obj(status).portal_invite[0]).toMatchObject({ job_id: jobId, status: 'in_progress', data: null });
    const counters = await control(sandbox.current, 'GET', '/counters');
    expect(counters.totals.invite).toBe(2);

    // Without stuckAfterItems every invitation goes out, and the status still never completes.
    await control(sandbox.current, 'PATCH', '/settings', { crmJob: { stuckAfterItems: null } });
    const { ids: more } = await control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_crm', count: 2, mix: false, seed: 10 });
    const again = obj(await crm('/crm/v8/Contacts/actions/portal_invite', jsonInit('POST', {
      portal_invite: [{ data: (more as string[]).map((id) => ({ id, user_type_id: CRM.userTypes.customers, type: 'invite' })) }],
    })));
    await control(sandbox.current, 'POST', '/time', { advanceSec: 60 });
    const second = obj(await crm(`/crm/v8/Contacts/actions/portal_invite?job_id=${again.portal_invite[0].details.job_id}`));
    expect(second.portal_invite[0]).toMatchObject({ status: 'in_progress', data: null });
    expect((await control(sandbox.current, 'GET', '/counters')).totals.invite).toBe(4);
  });
});
