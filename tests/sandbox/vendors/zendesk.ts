/**
 * Zendesk Support on `<subdomain>.zendesk.localhost`: users, bulk user jobs, job statuses, identities,
 * brands, the current user, tickets and organizations (zendesk-tickets.ts), with Zendesk's
 * authentication (API token, OAuth bearer, session cookie + X-CSRF-Token), rate-limit headers and
 * 429s (NOTES.md §1, support-oas.yaml).
 */
import type { MiddlewareHandler } from 'hono';
import { authenticateZendesk, zendeskScopeAllows } from '../auth';
import type { SandboxState } from '../state';
import { MINUTE } from '../clock';
import { applyLatency, newVendorApp, retryHeaders, withRateLimit, type SandboxEnv, type VendorFace } from './http';
import { advanceJobs } from './zendesk-jobs';
import { zendeskError, type ZendeskVars } from './zendesk-model';
import { registerZendeskOAuth } from './zendesk-oauth';
import { registerZendeskRoutes } from './zendesk-routes';
import { registerZendeskTickets } from './zendesk-tickets';

export const zendeskFace: VendorFace = {
  vendor: 'zendesk',
  // The docs' only 429 sample is text/html for ticket updates (NOTES.md §1.8); the account limit
  // answers in the JSON envelope of §1.1 [UNCONFIRMED body], always with Retry-After.
  tooManyRequests: (_c, seconds, realMs) =>
    zendeskError(429, 'APIRateLimitExceeded', 'Number of allowed API requests per minute exceeded', {}, retryHeaders(seconds, realMs)),
  serverError: (_c, status, retryAfter) =>
    status === 503
      ? zendeskError(503, 'ServiceUnavailable', 'Zendesk is temporarily unavailable', {}, retryAfter ? { 'Retry-After': String(retryAfter) } : {})
      : zendeskError(500, 'InternalServerError', 'Something went wrong'),
  notFound: () => zendeskError(404, 'InvalidEndpoint', 'Not found'),
};

const NOT_AUTHENTICATED = () => zendeskError(401, "Couldn't authenticate you");
/** RFC 6750 wording; Zendesk's exact text for an expired OAuth token is [UNCONFIRMED]. */
const INVALID_BEARER = () =>
  new Response(JSON.stringify({ error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="Zendesk", error="invalid_token"' },
  });
export const AGENTS_ONLY = () =>
  zendeskError(403, 'Forbidden', 'You do not have access to this page. Please contact the account owner of this help desk for further help.');

type Env = SandboxEnv<ZendeskVars>;

export function zendeskRouter(state: SandboxState) {
  const app = newVendorApp<ZendeskVars>(state, zendeskFace);

  app.use('*', async (c, next) => {
    const site = c.env.site;
    const account = site.kind === 'zendesk' ? state.data.zendesk[site.subdomain] : undefined;
    // An unknown subdomain has no account behind it [UNCONFIRMED body: Zendesk serves an HTML page].
    if (!account) return zendeskError(404, 'InvalidAccount', `No Zendesk account "${site.kind === 'zendesk' ? site.subdomain : site.host}"`);
    c.set('account', account);
    advanceJobs(state, account);
    await next();
  });

  app.use('/api/v2/*', authenticate(state));
  app.use('/api/v2/*', rateLimit(state));
  app.use('*', applyLatency);
  registerZendeskOAuth(app, state);
  registerZendeskRoutes(app, state);
  registerZendeskTickets(app, state);
  return app;
}

function authenticate(state: SandboxState): MiddlewareHandler<Env> {
  return async (c, next) => {
    const account = c.get('account');
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    const authorization = c.req.header('authorization');
    const cookie = c.req.header('cookie');
    const bearer = authorization?.toLowerCase().startsWith('bearer ');
    const carriesCredentials = Boolean(authorization || cookie?.includes('_zendesk_session='));
    const anonymousAllowed = c.req.method === 'GET' && c.req.path === '/api/v2/users/me';
    if (carriesCredentials && state.faults.take({ method: c.req.method, path: c.req.path, host: c.env.site.host }, ['expired_token'])) {
      return bearer ? INVALID_BEARER() : NOT_AUTHENTICATED();
    }
    const result = authenticateZendesk(state, account, { authorization, cookie, csrf: c.req.header('x-csrf-token') }, write);
    if (!result.ok) {
      if (result.failure === 'missing' && anonymousAllowed) return next();
      // Documented for help-center pages (NOTES.md §1.7); the refusal's body is [UNCONFIRMED].
      if (result.failure === 'csrf') return zendeskError(403, 'Forbidden', 'Invalid or missing X-CSRF-Token');
      return bearer ? INVALID_BEARER() : NOT_AUTHENTICATED();
    }
    const resource = c.req.path.split('/')[3] ?? '';
    if (!zendeskScopeAllows(result.scopes, resource, write)) {
      return zendeskError(403, 'Forbidden', `You are missing the following required scopes: ${write ? 'write' : 'read'}`);
    }
    c.set('actor', result.user);
    if (result.csrfToken) c.set('csrfToken', result.csrfToken);
    // NOT_AN_AGENT: end users may read themselves, nothing else here.
    if (result.user.role === 'end-user' && !anonymousAllowed) return AGENTS_ONLY();
    return next();
  };
}

function rateLimit(state: SandboxState): MiddlewareHandler<Env> {
  return (c, next) => {
    const account = c.get('account');
    const policy = { limit: account.rateLimitPerMinute, windowMs: MINUTE };
    return withRateLimit(
      state, c, `zendesk:${account.subdomain}`, policy,
      (d) => {
        const response = zendeskFace.tooManyRequests(c, d.retryAfterSec, d.retryAfterRealMs);
        setLimitHeaders(response, d.limit, 0, d.retryAfterSec, d.retryAfterRealMs);
        return response;
      },
      (d, response) => setLimitHeaders(response, d.limit, d.remaining, d.retryAfterSec, d.retryAfterRealMs),
      next,
    );
  };
}

/**
 * X-Rate-Limit / X-Rate-Limit-Remaining, and the ticketing API's ratelimit-* trio (NOTES.md §1.8).
 * `ratelimit-reset` is in sandbox seconds, like Retry-After; `X-Sandbox-RateLimit-Reset-Ms` [SANDBOX]
 * is the same reset in real milliseconds under time scaling (what core/vendors/http.ts prefers).
 */
function setLimitHeaders(response: Response, limit: number | null, remaining: number | null, resetSec: number, resetRealMs: number): void {
  if (limit === null) return;
  response.headers.set('X-Rate-Limit', String(limit));
  response.headers.set('X-Rate-Limit-Remaining', String(remaining ?? 0));
  response.headers.set('ratelimit-limit', String(limit));
  response.headers.set('ratelimit-remaining', String(remaining ?? 0));
  response.headers.set('ratelimit-reset', String(resetSec));
  response.headers.set('X-Sandbox-RateLimit-Reset-Ms', String(resetRealMs));
}
