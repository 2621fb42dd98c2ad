/**
 * Zendesk Support API operations used by Portier, with the spec's paths and parameters
 * (support-oas.yaml operationIds in comments). Errors wear the envelope of NOTES.md §1.1.
 */
import type { Context, Hono } from 'hono';
import type { SandboxState } from '../state';
import { json, readJson, type SandboxEnv } from './http';
import { activeJobs, MAX_ACTIVE_JOBS, MAX_USERS_PER_JOB, newJob, serializeJob } from './zendesk-jobs';
import { sideloads } from './zendesk-tickets';
import {
  createUser, findByEmail, findUser, parseUserInput, recordInvalid, recordNotFound, serializeIdentity, serializeUser, userUrl, zendeskError,
  type ZendeskVars,
} from './zendesk-model';

type Env = SandboxEnv<ZendeskVars>;
type Ctx = Context<Env>;

/** developer.zendesk.com "Requests": bad requests may answer text/plain. */
const badRequest = (text: string) => new Response(text, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });

async function body(c: Ctx): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; response: Response }> {
  const parsed = await readJson(c);
  if (!parsed.ok) {
    const text = parsed.reason === 'content-type' ? 'Content-Type must be application/json' : 'Unexpected token in JSON body';
    return { ok: false, response: badRequest(text) };
  }
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, response: badRequest('The request body must be a JSON object') };
  }
  return { ok: true, value: parsed.value as Record<string, unknown> };
}

export function registerZendeskRoutes(app: Hono<Env>, state: SandboxState): void {
  // ShowCurrentUser: the user and the CSRF `authenticity_token` session writes need.
  app.get('/api/v2/users/me', (c) => {
    const account = c.get('account');
    const actor = c.get('actor') as ZendeskVars['actor'] | undefined;
    if (!actor) return c.json({ user: { name: 'Anonymous user', role: 'end-user', verified: false, authenticity_token: 'anonymous' } });
    return c.json({ user: { ...serializeUser(state, account, actor), authenticity_token: c.get('csrfToken') ?? 'not-a-session' } });
  });

  // SearchUsers: `query=email:x@y` (or a bare term) and `external_id=`, offset pagination ≤ 100.
  app.get('/api/v2/users/search', (c) => {
    const account = c.get('account');
    const query = (c.req.query('query') ?? '').trim();
    const externalId = c.req.query('external_id');
    const perPage = Math.min(100, Math.max(1, Number(c.req.query('per_page') ?? 100) || 100));
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const emailTerm = /^email:"?([^"\s]+)"?$/i.exec(query)?.[1];
    const byEmail = emailTerm ? findByEmail(account, emailTerm) : undefined;
    const matches = emailTerm && externalId === undefined ? (byEmail ? [byEmail] : []) : account.users.filter((u) => {
      if (externalId !== undefined) return u.external_id === externalId;
      if (!query) return false;
      const term = query.toLowerCase();
      return u.name.toLowerCase().includes(term) || u.identities.some((i) => i.value.toLowerCase().includes(term));
    });
    const slice = matches.slice((page - 1) * perPage, page * perPage);
    const next = page * perPage < matches.length ? `${c.req.url.split('?')[0]}?query=${encodeURIComponent(query)}&page=${page + 1}&per_page=${perPage}` : null;
    return c.json({ users: slice.map((u) => serializeUser(state, account, u)), ...sideloads(state, account, c, slice), next_page: next, previous_page: null, count: matches.length });
  });

  // ListUsers: `role`, `role[]` and `external_id` filters, offset pagination (`page`, `per_page` ≤ 100,
  // OffsetPaginationObject). The sandbox's agent pages list customers with it; cursor pagination is not emulated.
  app.get('/api/v2/users', (c) => {
    const account = c.get('account');
    const roles = [...c.req.queries('role[]') ?? [], ...c.req.queries('role') ?? []];
    const externalId = c.req.query('external_id');
    const perPage = Math.min(100, Math.max(1, Number(c.req.query('per_page') ?? 100) || 100));
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const matches = account.users.filter((u) => u.active && (roles.length === 0 || roles.includes(u.role)) &&
      (externalId === undefined || u.external_id === externalId));
    const pageUrl = (n: number) => {
      const url = new URL(`${state.origin(`${account.subdomain}.zendesk.localhost`)}/api/v2/users.json`);
      for (const role of roles) url.searchParams.append('role[]', role);
      url.searchParams.set('page', String(n));
      url.searchParams.set('per_page', String(perPage));
      return url.toString();
    };
    const slice = matches.slice((page - 1) * perPage, page * perPage);
    return c.json({
      users: slice.map((u) => serializeUser(state, account, u)),
      ...sideloads(state, account, c, slice),
      next_page: page * perPage < matches.length ? pageUrl(page + 1) : null,
      previous_page: page > 1 ? pageUrl(page - 1) : null,
      count: matches.length,
    });
  });

  // CreateManyUsers / CreateOrUpdateManyUsers: ≤ 100 users, a queued job; 403 while bulk import is off.
  for (const [path, upsert] of [['/api/v2/users/create_many', false], ['/api/v2/users/create_or_update_many', true]] as const) {
    app.post(path, async (c) => {
      const account = c.get('account');
      const parsed = await body(c);
      if (!parsed.ok) return parsed.response;
      if (!account.bulkImportEnabled) {
        // NOTES.md §1.3: 403 Forbidden until the account owner has Zendesk enable it [UNCONFIRMED body].
        return zendeskError(403, 'Forbidden', 'Bulk user imports are not enabled for this account. The account owner must contact Zendesk Customer Support to enable them.');
      }
      const users = parsed.value.users;
      if (!Array.isArray(users)) return badRequest('Parameter users is required and must be an array');
      if (users.length === 0) return zendeskError(400, 'InvalidValue', 'users must contain at least one user');
      if (users.length > MAX_USERS_PER_JOB) {
        return zendeskError(400, 'InvalidValue', `Too many users in request: ${users.length} (maximum ${MAX_USERS_PER_JOB})`);
      }
      if (activeJobs(account) >= MAX_ACTIVE_JOBS) {
        const wait = Math.ceil(state.settings.zendeskJob.perItemMs * MAX_USERS_PER_JOB / 1000) || 1;
        return zendeskError(429, 'TooManyJobs', 'Number of allowed queued or running jobs exceeded', {}, {
          'Retry-After': String(wait), 'X-Sandbox-Retry-After-Ms': String(state.clock.toRealMs(wait * 1000)),
        });
      }
      const job = newJob(state, account, users, upsert);
      return c.json({ job_status: serializeJob(state, account, job) });
    });
  }

  // CreateUser: end user when no role; 422 RecordInvalid (DuplicateValue…) otherwise.
  app.post('/api/v2/users', async (c) => {
    const account = c.get('account');
    const parsed = await body(c);
    if (!parsed.ok) return parsed.response;
    if (typeof parsed.value.user !== 'object' || parsed.value.user === null) return badRequest('Parameter user is required');
    const input = parseUserInput(parsed.value.user, account);
    if (!input.ok) return recordInvalid(input.details);
    const user = createUser(state, account, input.input);
    return json({ user: serializeUser(state, account, user) }, 201, { Location: userUrl(state, account, user.id) });
  });

  // ShowUser
  app.get('/api/v2/users/:user_id{[0-9]+}', (c) => {
    const account = c.get('account');
    const user = findUser(account, c.req.param('user_id'));
    return user ? c.json({ user: serializeUser(state, account, user), ...sideloads(state, account, c, [user]) }) : recordNotFound();
  });

  // ListUserIdentities
  app.get('/api/v2/users/:user_id{[0-9]+}/identities', (c) => {
    const account = c.get('account');
    const user = findUser(account, c.req.param('user_id'));
    if (!user) return recordNotFound();
    return c.json({ identities: user.identities.map((i) => serializeIdentity(state, account, user, i.id)), next_page: null, previous_page: null, count: user.identities.length });
  });

  // RequestUserVerfication [sic]: sends the verification email; 200 with an empty body.
  app.put('/api/v2/users/:user_id{[0-9]+}/identities/:user_identity_id{[0-9]+}/request_verification', (c) => {
    const account = c.get('account');
    const user = findUser(account, c.req.param('user_id'));
    const identity = user?.identities.find((i) => i.id === Number(c.req.param('user_identity_id')));
    if (!user || !identity) return recordNotFound();
    if (!identity.verified) {
      user.verificationEmails = (user.verificationEmails ?? 0) + 1;
      state.counters.invitation({ at: state.iso(), target: `zendesk.end_user:${account.subdomain}`, email: identity.value, kind: 'verification', recordId: String(user.id) });
    }
    return c.body(null, 200);
  });

  // ShowJobStatus / ShowManyJobStatuses
  app.get('/api/v2/job_statuses/show_many', (c) => {
    const account = c.get('account');
    const ids = (c.req.query('ids') ?? '').split(',').filter(Boolean);
    const jobs = ids.map((id) => account.jobs.find((j) => j.id === id)).filter((j) => j !== undefined);
    return c.json({ job_statuses: jobs.map((j) => serializeJob(state, account, j)) });
  });
  app.get('/api/v2/job_statuses/:job_status_id', (c) => {
    const account = c.get('account');
    const job = account.jobs.find((j) => j.id === c.req.param('job_status_id'));
    return job ? c.json({ job_status: serializeJob(state, account, job) }) : recordNotFound();
  });

  // ListBrands: Zendesk has no Help Center API in this spec; brands carry has_help_center/help_center_state.
  app.get('/api/v2/brands', (c) => {
    const account = c.get('account');
    const origin = state.origin(`${account.subdomain}.zendesk.localhost`);
    const brands = account.brands.map((b) => ({
      ...b,
      url: `${origin}/api/v2/brands/${b.id}.json`,
      brand_url: `http://${b.subdomain}.zendesk.localhost:${state.port}`,
      updated_at: b.created_at,
      ticket_form_ids: [],
      is_deleted: false,
      signature_template: '{{agent.signature}}',
    }));
    return c.json({ brands, next_page: null, previous_page: null, count: brands.length });
  });
}
