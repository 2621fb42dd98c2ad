/**
 * Zoho Desk on `desk.zoho.localhost`: help centers, contacts and inviting contacts as help-center end
 * users (Contact.json, Helpcenter.json; NOTES.md §2), contact search (zoho-desk-search.ts), tickets and accounts (zoho-desk-records.ts). Every call needs `orgId`, which the docs put in
 * a header and Common.json in the query string: both are accepted (NOTES.md §2). Limits: the
 * organisation's daily credits and concurrent calls (NOTES.md §2.7), 429 TOO_MANY_REQUESTS when
 * exceeded [status UNCONFIRMED].
 */
import type { MiddlewareHandler } from 'hono';
import { DAY } from '../clock';
import type { SandboxState } from '../state';
import { applyLatency, newVendorApp, retryHeaders, withRateLimit, type AnyContext, type SandboxEnv, type VendorFace } from './http';
import { hasScope, zohoAuth } from './zoho-auth';
import { registerDeskInvites } from './zoho-desk-invite';
import { registerDeskRecords } from './zoho-desk-records';
import { registerDeskSearch } from './zoho-desk-search';
import { deskOrganizations } from './zoho-orgs';
import {
  deskError, fromInvalid, invalidData, scopeMismatch, serializeContact, serializeContactListItem, serializeHelpCenter, URL_NOT_FOUND, type DeskVars,
} from './zoho-desk-model';

export const deskFace: VendorFace = {
  vendor: 'zoho_desk',
  tooManyRequests: (_c, seconds, realMs) =>
    deskError(429, 'TOO_MANY_REQUESTS', 'You have exceeded the rate limit for this API. Please try again later.', {}, retryHeaders(seconds, realMs)),
  serverError: (_c, status, retryAfter) =>
    deskError(status, 'INTERNAL_SERVER_ERROR', 'An internal server error occurred while performing this operation.', {}, retryAfter ? { 'Retry-After': String(retryAfter) } : {}),
  notFound: URL_NOT_FOUND,
};

type Env = SandboxEnv<DeskVars>;

export function deskRouter(state: SandboxState) {
  const app = newVendorApp<DeskVars>(state, deskFace);
  const invalidOAuth = () => deskError(401, 'INVALID_OAUTH', 'The OAuth Token you provided is invalid.');
  // Common.json's UNAUTHORIZED, for a web-session write without its CSRF token [UNCONFIRMED].
  const csrf = () => deskError(401, 'UNAUTHORIZED', 'You are not authorized to perform this operation.');
  app.use('/api/v1/*', zohoAuth(state, { missing: invalidOAuth, invalid: invalidOAuth, csrf }) as unknown as MiddlewareHandler<Env>);
  app.use('/api/v1/*', deskOrganizations(state) as unknown as MiddlewareHandler<Env>);
  app.use('/api/v1/*', organisation(state));
  app.use('/api/v1/*', (c, next) => {
    // "API actions performed through the Zoho Desk web UI do not consume API credits" (NOTES.md §2.7).
    if (c.get('zohoVia') === 'session') return next();
    const org = c.get('org');
    const policy = { limit: org.creditsPerDay, windowMs: DAY, concurrency: org.concurrency };
    return withRateLimit(state, c, `zoho_desk:${org.orgId}`, policy,
      (d) => deskFace.tooManyRequests(c, d.retryAfterSec, d.retryAfterRealMs), () => {}, next);
  });
  app.use('*', applyLatency);

  // getAllHelpCenters: from ≥ 1, limit 1–50.
  app.get('/api/v1/helpCenters', (c) => {
    if (!hasScope(c, 'Desk.basic.READ') && !hasScope(c, 'Desk.settings.READ')) return scopeMismatch();
    const page = paging(c, { from: 1, limit: 50, max: 50, min: 1 });
    if (!page.ok) return page.response;
    const list = c.get('org').helpCenters.slice(page.from - 1, page.from - 1 + page.limit);
    return c.json({ data: list.map((hc) => serializeHelpCenter(state, hc)) });
  });

  // getContacts: `from` counts from 1 (from=0 is refused: 422 UNPROCESSABLE_ENTITY), limit 1–100.
  app.get('/api/v1/contacts', (c) => {
    if (!hasScope(c, 'Desk.contacts.READ')) return scopeMismatch();
    const page = paging(c, { from: 1, limit: 10, max: 100, min: 1 });
    if (!page.ok) return page.response;
    const org = c.get('org');
    const visible = org.contacts.filter((ct) => !ct.isDeleted && !ct.isTrashed);
    const start = page.from - 1;
    return c.json({ data: visible.slice(start, start + page.limit).map((ct) => serializeContactListItem(state, org, ct)) });
  });

  // searchContacts (Search.json): before getContact, whose id is digits only anyway.
  registerDeskSearch(app, state);

  // getContact
  app.get('/api/v1/contacts/:contactId{[0-9]+}', (c) => {
    if (!hasScope(c, 'Desk.contacts.READ')) return scopeMismatch();
    const org = c.get('org');
    const contact = org.contacts.find((ct) => ct.id === c.req.param('contactId') && !ct.isDeleted);
    if (!contact) return URL_NOT_FOUND();
    const include = (c.req.query('include') ?? '').split(',').filter(Boolean);
    return c.json(serializeContact(state, org, contact, include));
  });

  registerDeskInvites(app, state);
  registerDeskRecords(app, state);
  return app;
}

/** orgId from the `orgId` header (docs) or query parameter (Common.json), and the caller's membership. */
function organisation(state: SandboxState): MiddlewareHandler<Env> {
  return async (c, next) => {
    const orgId = c.req.header('orgId') ?? c.req.query('orgId');
    if (!orgId) return invalidData([{ fieldName: '/orgId', errorType: 'missing', errorMessage: 'orgId is required as a header or a query parameter.' }]);
    const org = state.data.desk[orgId];
    const agent = org?.agents.find((a) => a.zuid === c.get('zuid'));
    // The token's user is not an agent of that organisation [status UNCONFIRMED].
    if (!org || !agent) return deskError(401, 'OAUTH_ORG_MISMATCH', 'The OAuth token does not belong to the organization given in orgId.');
    c.set('org', org);
    return next();
  };
}

type Paging = { ok: true; from: number; limit: number } | { ok: false; response: Response };

/**
 * `from` and `limit` of a Desk list, with its defaults and bounds: a `from` outside them is 422
 * UNPROCESSABLE_ENTITY (Common.json's example names `from`), a `limit` outside them 422 INVALID_DATA.
 */
export function paging(c: AnyContext, spec: { from: number; limit: number; max: number; min: number; maxFrom?: number }): Paging {
  const from = c.req.query('from') === undefined ? spec.from : Number(c.req.query('from'));
  const limit = c.req.query('limit') === undefined ? spec.limit : Number(c.req.query('limit'));
  if (!Number.isInteger(from) || from < spec.min || (spec.maxFrom !== undefined && from > spec.maxFrom)) return { ok: false, response: fromInvalid() };
  const errors = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > spec.max) errors.push({ fieldName: '/limit', errorType: 'invalid' as const, errorMessage: `limit must be between 1 and ${spec.max}.` });
  return errors.length ? { ok: false, response: invalidData(errors) } : { ok: true, from, limit };
}
