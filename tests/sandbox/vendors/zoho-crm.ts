/**
 * Zoho CRM v8 on `crm.zoho.localhost` (and `www.zohoapis.localhost`, the api_domain of Zoho tokens):
 * records (get, search by email, an Account's related Contacts), client portals, user types and
 * their users, and portal invitations (NOTES.md §3). Limits: the org's API credits per 24 h (NOTES.md §3.5; a fixed sandbox-time day
 * here, not a rolling one), answered 429 TOO_MANY_REQUESTS.
 */
import type { MiddlewareHandler } from 'hono';
import { DAY } from '../clock';
import type { SandboxState } from '../state';
import { emailKey } from '../util';
import { applyLatency, newVendorApp, retryHeaders, withRateLimit, type SandboxEnv, type VendorFace } from './http';
import { hasScope, zohoAuth } from './zoho-auth';
import { advanceCrmJobs, registerCrmInvites } from './zoho-crm-invite';
import { crmError, findModule, INVALID_ID, INVALID_MODULE, SCOPE_MISMATCH, serializeRecord, type CrmVars } from './zoho-crm-model';
import { registerCrmOrg } from './zoho-orgs';
import { registerCrmPortals } from './zoho-crm-portals';
import { registerCrmRelated } from './zoho-crm-related';

export const crmFace: VendorFace = {
  vendor: 'zoho_crm',
  tooManyRequests: (_c, seconds, realMs) =>
    crmError(429, 'TOO_MANY_REQUESTS', 'The API credits of the organization have been used up. Try again later.', {}, retryHeaders(seconds, realMs)),
  serverError: (_c, status, retryAfter) =>
    crmError(status, 'INTERNAL_ERROR', 'Internal server error occurred.', {}, retryAfter ? { 'Retry-After': String(retryAfter) } : {}),
  notFound: () => crmError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
};

type Env = SandboxEnv<CrmVars>;

export function crmRouter(state: SandboxState) {
  const app = newVendorApp<CrmVars>(state, crmFace);
  app.use('/crm/v8/*', zohoAuth(state, {
    missing: () => crmError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed'),
    invalid: () => crmError(401, 'INVALID_TOKEN', 'invalid oauth token'),
    // A web-session write without its CSRF token [UNCONFIRMED code: the generic authentication failure].
    csrf: () => crmError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed'),
  }) as unknown as MiddlewareHandler<Env>);
  app.use('/crm/v8/*', async (c, next) => {
    const user = state.data.crm.users.find((u) => u.zuid === c.get('zuid'));
    // A Zoho user who is not a user of this CRM org.
    if (!user) return crmError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed');
    c.set('user', user);
    advanceCrmJobs(state, state.data.crm);
    return next();
  });
  app.use('/crm/v8/*', (c, next) => {
    const org = state.data.crm;
    return withRateLimit(state, c, `zoho_crm:${org.orgId}`, { limit: org.creditsPerDay, windowMs: DAY },
      (d) => crmFace.tooManyRequests(c, d.retryAfterSec, d.retryAfterRealMs), () => {}, next);
  });
  app.use('*', applyLatency);

  registerCrmPortals(app, state);
  registerCrmOrg(app as never, state);
  registerCrmInvites(app, state);
  registerCrmRelated(app, state);

  // Search module (module_search.json) / Search Records (record.json): by email, word or criteria.
  // The OAS names ZohoCRM.users.* scopes; the docs ask for the module's scope (NOTES.md §3.3): docs followed.
  app.get('/crm/v8/:module/search', (c) => {
    const module = findModule(c.req.param('module'));
    if (!module) return INVALID_MODULE();
    if (!hasScope(c, `ZohoCRM.modules.${module}.READ`)) return SCOPE_MISMATCH();
    const q = c.req.query();
    const criteriaEmail = /\(\s*Email\s*:\s*equals\s*:\s*([^)\s]+)\s*\)/i.exec(q.criteria ?? '')?.[1];
    const email = q.email ?? criteriaEmail;
    const word = q.word?.toLowerCase();
    if (!email && !word && !q.phone && !q.criteria) {
      return crmError(400, 'EXPECTED_PARAM_MISSING', 'One of the expected parameter is missing', { param_names: ['criteria', 'email', 'phone', 'word'] });
    }
    const perPage = Math.min(200, Math.max(1, Number(q.per_page ?? 200) || 200));
    const page = Math.max(1, Number(q.page ?? 1) || 1);
    const org = state.data.crm;
    const found = org.records.filter((r) => r.module === module && r.state === 'active' && (
      email ? r.Email !== null && emailKey(r.Email) === emailKey(email)
        : word ? [r.First_Name, r.Last_Name, r.Email].some((v) => v?.toLowerCase().includes(word)) : false));
    if (found.length === 0) return c.body(null, 204);
    const slice = found.slice((page - 1) * perPage, page * perPage);
    return c.json({
      data: slice.map((r) => serializeRecord(org, r)),
      info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < found.length },
    });
  });

  // Get Records (record.json): page / per_page (≤ 200), `fields` to trim the records, 204 when empty.
  // `cvid` is accepted and every custom view shows all active records: the sandbox keeps no view criteria.
  app.get('/crm/v8/:module', (c) => {
    const module = findModule(c.req.param('module'));
    if (!module) return INVALID_MODULE();
    if (!hasScope(c, `ZohoCRM.modules.${module}.READ`)) return SCOPE_MISMATCH();
    const q = c.req.query();
    const perPage = Math.min(200, Math.max(1, Number(q.per_page ?? 200) || 200));
    const page = Math.max(1, Number(q.page ?? 1) || 1);
    const org = state.data.crm;
    const ids = q.ids?.split(',').filter(Boolean);
    const found = org.records.filter((r) => r.module === module && r.state === 'active' && (!ids || ids.includes(r.id)));
    const slice = found.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return c.body(null, 204);
    const fields = q.fields?.split(',').map((f) => f.trim()).filter(Boolean);
    const pick = (record: ReturnType<typeof serializeRecord>) =>
      fields ? Object.fromEntries(Object.entries(record).filter(([key]) => key === 'id' || fields.includes(key))) : record;
    return c.json({
      data: slice.map((r) => pick(serializeRecord(org, r))),
      info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < found.length },
    });
  });

  // Get Record (record.json). Deleted and recycle-bin records are not served here.
  app.get('/crm/v8/:module/:id{[0-9]+}', (c) => {
    const module = findModule(c.req.param('module'));
    if (!module) return INVALID_MODULE();
    if (!hasScope(c, `ZohoCRM.modules.${module}.READ`)) return SCOPE_MISMATCH();
    const org = state.data.crm;
    const record = org.records.find((r) => r.id === c.req.param('id') && r.module === module && r.state === 'active');
    return record ? c.json({ data: [serializeRecord(org, record)] }) : INVALID_ID(c.req.param('id'));
  });
  return app;
}
