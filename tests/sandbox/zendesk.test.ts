import { describe, expect, it } from 'vitest';
import { ZENDESK_SPEC } from './contract/operations';
import { ZENDESK } from './seed';
import { ACME, GLOBEX, call, contract, control, jsonInit, obj, useSandbox, zendeskToken, type Reply } from './test-helpers';

const sandbox = useSandbox([ZENDESK_SPEC]);
const admin = { authorization: zendeskToken() };
const acme = (path: string, init: RequestInit = {}) =>
  call(sandbox.current, ACME, path, { ...init, headers: { ...admin, ...(init.headers as Record<string, string>) } });
const post = (path: string, body: unknown) => acme(path, jsonInit('POST', body));
const checked = async (reply: Reply, status: number) => {
  expect(reply.status, reply.text).toBe(status);
  await contract(ZENDESK_SPEC, reply);
  return obj(reply);
};

/** Polls a job status, advancing sandbox time `stepSec` at a time, until it completes. */
async function completedJob(id: string, stepSec = 5) {
  for (let i = 0; i < 20; i++) {
    await control(sandbox.current, 'POST', '/time', { advanceSec: stepSec });
    const reply = await acme(`/api/v2/job_statuses/${id}`);
    const job = (await checked(reply, 200)).job_status;
    if (job.status === 'completed') return job;
  }
  throw new Error('job never completed');
}

describe('Zendesk users', () => {
  it('creates an end user when no role is given, with a Location header', async () => {
    const reply = await post('/api/v2/users', { user: { name: 'Nina Novak', email: 'nina.novak@contoso.com' } });
    const { user } = await checked(reply, 201);
    expect(user).toMatchObject({ name: 'Nina Novak', email: 'nina.novak@contoso.com', role: 'end-user', verified: false });
    expect(reply.headers.get('location')).toBe(user.url);
    expect(sandbox.current.state.counters.sent('zendesk.end_user:acme', 'nina.novak@contoso.com')).toBe(1);
  });

  it('accepts the docs’ identities form and .json URLs', async () => {
    const reply = await post('/api/v2/users.json', { user: { name: 'Ida', identities: [{ type: 'email', value: 'ida@contoso.com' }], verified: true } });
    expect((await checked({ ...reply, path: '/api/v2/users' }, 201)).user).toMatchObject({ email: 'ida@contoso.com', verified: true });
  });

  it('answers 422 RecordInvalid DuplicateValue for an email in use, and sends nothing', async () => {
    const body = await checked(await post('/api/v2/users', { user: { name: 'Again', email: 'CHLOE.DURAND@northwind.com' } }), 422);
    expect(body.error).toBe('RecordInvalid');
    expect(body.details.email[0].error).toBe('DuplicateValue');
    expect(sandbox.current.state.counters.snapshot().totals.invite).toBe(0);
  });

  it('refuses a malformed address and a blank name', async () => {
    const body = await checked(await post('/api/v2/users', { user: { name: ' ', email: 'jean.dupont@@contoso.com' } }), 422);
    expect(Object.keys(body.details).sort()).toEqual(['email', 'name']);
    expect(body.details.email[0].description).toContain('is not properly formatted');
  });

  it('answers text/plain 400 for malformed JSON, a wrong content type or a missing user', async () => {
    for (const init of [
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user": ' },
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"user":{"name":"x"}}' },
      jsonInit('POST', { person: {} }),
    ]) {
      const reply = await acme('/api/v2/users', init);
      expect(reply.status).toBe(400);
      expect(reply.contentType).toContain('text/plain');
      await contract(ZENDESK_SPEC, reply);
    }
  });

  it('shows a user, and 404 RecordNotFound for an unknown id', async () => {
    expect((await checked(await acme(`/api/v2/users/${ZENDESK.acme.users.htmlName}`), 200)).user.name).toBe('<img src=x onerror=alert(1)>');
    expect((await checked(await acme('/api/v2/users/999999'), 404)).error).toBe('RecordNotFound');
  });

  it('lists users by role with offset pagination (ListUsers), as the agent pages do', async () => {
    await control(sandbox.current, 'POST', '/generate', { vendor: 'zendesk', count: 120, mix: false });
    // The agent pages call the documented `.json` URL; the spec's path has no suffix.
    const first = await checked({ ...(await acme('/api/v2/users.json?role=end-user&per_page=100')), path: '/api/v2/users' }, 200);
    expect(first.users).toHaveLength(100);
    expect(first.users.every((u: { role: string }) => u.role === 'end-user')).toBe(true);
    // 120 generated and the 5 seeded end users (seed/zendesk.ts).
    expect(first.count).toBe(125);
    expect(first.previous_page).toBeNull();
    const next = new URL(first.next_page);
    expect(next.searchParams.get('page')).toBe('2');
    const second = await checked(await acme(`/api/v2/users?${next.searchParams}`), 200);
    expect(second.users).toHaveLength(25);
    expect(second.next_page).toBeNull();
    const staff = await checked(await acme('/api/v2/users?role[]=agent&role[]=admin'), 200);
    expect(staff.users.map((u: { id: number }) => u.id)).toEqual([ZENDESK.acme.users.admin, ZENDESK.acme.users.agent]);
  });

  it('searches by email (query=email:…) without case, and by external_id', async () => {
    const found = await checked(await acme('/api/v2/users/search?query=email:Chloe.Durand@Northwind.com'), 200);
    expect(found.users.map((u: { id: number }) => u.id)).toEqual([ZENDESK.acme.users.existingVerified]);
    expect((await checked(await acme('/api/v2/users/search?query=email:nobody@contoso.com'), 200)).users).toEqual([]);
    expect((await checked(await acme('/api/v2/users/search?external_id=none'), 200)).count).toBe(0);
  });

  it('returns the current user with its authenticity_token', async () => {
    const body = await checked(await acme('/api/v2/users/me'), 200);
    expect(body.user).toMatchObject({ id: ZENDESK.acme.users.admin, role: 'admin' });
    expect(typeof body.user.authenticity_token).toBe('string');
  });

  it('lists identities and sends a verification email for an unverified one', async () => {
    const { users } = ZENDESK.acme;
    const list = await checked(await acme(`/api/v2/users/${users.unverified}/identities`), 200);
    expect(list.identities[0]).toMatchObject({ id: ZENDESK.acme.identities.unverified, verified: false, primary: true });
    const reply = await acme(`/api/v2/users/${users.unverified}/identities/${ZENDESK.acme.identities.unverified}/request_verification`, { method: 'PUT' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    await contract(ZENDESK_SPEC, reply);
    expect(sandbox.current.state.counters.sent('zendesk.end_user:acme', 'marc.lefevre@fabrikam.com', 'verification')).toBe(1);
    expect((await acme(`/api/v2/users/${users.unverified}/identities/1/request_verification`, { method: 'PUT' })).status).toBe(404);
  });

  it('lists brands with their help-center state', async () => {
    const body = await checked(await acme('/api/v2/brands'), 200);
    expect(body.brands.map((b: { help_center_state: string }) => b.help_center_state)).toEqual(['enabled', 'disabled']);
  });
});

describe('Zendesk bulk jobs', () => {
  it('create_many: queued → working → completed, results in request order, failures with their error', async () => {
    // Minutes per step: the sandbox clock also runs in real time (1×), so steps of a second would let
    // a slow machine move the job on between two calls. Queued 1 min, then one item a minute.
    await control(sandbox.current, 'PATCH', '/settings', { zendeskJob: { queuedMs: 60_000, perItemMs: 60_000 } });
    const users = [
      { name: 'Ann One', email: 'ann.one@contoso.com' },
      { name: 'Dup', email: 'chloe.durand@northwind.com' },
      { name: 'Bad', email: 'bad@@contoso.com' },
      { name: 'Bo Two', email: 'bo.two@contoso.com' },
    ];
    const created = (await checked(await post('/api/v2/users/create_many', { users }), 200)).job_status;
    expect(created).toMatchObject({ status: 'queued', total: 4, results: null });
    // 2.5 min: item 0 done at 2 min, item 1 not before 3 min.
    await control(sandbox.current, 'POST', '/time', { advanceSec: 150 });
    const working = (await checked(await acme(`/api/v2/job_statuses/${created.id}`), 200)).job_status;
    expect(working).toMatchObject({ status: 'working', progress: 1 });
    const search = await checked(await acme('/api/v2/users/search?query=email:bo.two@contoso.com'), 200);
    expect(search.users).toEqual([]);
    const done = await completedJob(created.id, 60);
    expect(done.progress).toBe(4);
    expect(done.results[0]).toMatchObject({ index: 0, status: 'Created' });
    expect(done.results[1]).toMatchObject({ id: 1, success: false, error: 'UserCreateError' });
    expect(done.results[1].details).toContain('already being used');
    expect(done.results[2].details).toContain('not properly formatted');
    expect(done.results[3]).toMatchObject({ index: 3, status: 'Created' });
    const many = await checked(await acme(`/api/v2/job_statuses/show_many?ids=${created.id}`), 200);
    expect(many.job_statuses[0].id).toBe(created.id);
  });

  it('create_or_update_many updates existing users and creates the others', async () => {
    const users = [{ name: 'Chloé D.', email: 'chloe.durand@northwind.com' }, { name: 'Cy New', email: 'cy.new@contoso.com' }];
    const job = (await checked(await post('/api/v2/users/create_or_update_many', { users }), 200)).job_status;
    const done = await completedJob(job.id);
    expect(done.results[0]).toMatchObject({ id: ZENDESK.acme.users.existingVerified, action: 'update', success: true, status: 'Updated' });
    expect(done.results[1]).toMatchObject({ index: 1, status: 'Created' });
    expect(sandbox.current.state.counters.snapshot().totals.invite).toBe(1);
  });

  it('refuses more than 100 users, an empty list and a missing one', async () => {
    const users = Array.from({ length: 101 }, (_, i) => ({ name: `U${i}`, email: `u${i}@contoso.com` }));
    expect((await checked(await post('/api/v2/users/create_many', { users }), 400)).description).toContain('100');
    await checked(await post('/api/v2/users/create_or_update_many', { users: [] }), 400);
    const missing = await post('/api/v2/users/create_many', {});
    expect(missing.contentType).toContain('text/plain');
    await contract(ZENDESK_SPEC, missing);
  });

  it('answers 403 while the account’s bulk import is off', async () => {
    const reply = await call(sandbox.current, GLOBEX, '/api/v2/users/create_many', jsonInit('POST', { users: [{ name: 'A', email: 'a@b.com' }] }, {
      authorization: zendeskToken('gina.admin@globex.com', ZENDESK.globex.apiToken),
    }));
    expect((await checked(reply, 403)).error).toBe('Forbidden');
  });

  it('404 for an unknown job status', async () => {
    await checked(await acme('/api/v2/job_statuses/doesnotexist'), 404);
  });

  it('answers 429 once too many jobs are queued', async () => {
    await control(sandbox.current, 'PATCH', '/settings', { zendeskJob: { queuedMs: 3_600_000 } });
    for (let i = 0; i < 30; i++) expect((await post('/api/v2/users/create_many', { users: [{ name: 'A', email: `j${i}@contoso.com` }] })).status).toBe(200);
    const reply = await post('/api/v2/users/create_many', { users: [{ name: 'A', email: 'late@contoso.com' }] });
    expect((await checked(reply, 429)).error).toBe('TooManyJobs');
    expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
