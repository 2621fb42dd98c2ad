/**
 * Zoho Connect on `connect.zoho.localhost` (NOTES.md §4; no OpenAPI file exists): the networks of the
 * signed-in user (allScopes), inviting addresses to a network (inviteUsersToNetwork: scopeID,
 * emailIds ≤ 1000, partitionIds) and the members of a network (orgMembers). Parameters come as
 * query or form fields, as in the vendor's samples. What the pages leave open is the sandbox's
 * choice, marked [SANDBOX] (see contract/connect-schema.ts); Connect documents no rate limit, so none
 * applies unless `POST /__sandbox/limits` sets one.
 */
import type { MiddlewareHandler } from 'hono';
import { MINUTE } from '../clock';
import { ZOHO_HOSTS } from '../hosts';
import type { ConnectMember, ConnectNetwork } from '../model';
import type { SandboxState } from '../state';
import { emailKey, inDomains, isWellFormedEmail } from '../util';
import { applyLatency, json, newVendorApp, readParams, retryHeaders, withRateLimit, type AnyContext, type SandboxEnv, type VendorFace } from './http';
import { hasScope, zohoAuth, type ZohoAuthVars } from './zoho-auth';

type Vars = ZohoAuthVars;
type Env = SandboxEnv<Vars>;

/** The API name is the last path segment: {"inviteUsersToNetwork": {...}}. */
function api(c: AnyContext): string {
  return c.req.path.split('/').pop() || 'pulse';
}

/** [SANDBOX] failure envelope: {<api>: {result: "failure", errorCode, message}}. */
export function connectError(c: AnyContext, status: number, errorCode: string, message: string, headers: Record<string, string> = {}) {
  return json({ [api(c)]: { result: 'failure', errorCode, message } }, status, headers);
}

export const connectFace: VendorFace = {
  vendor: 'zoho_connect',
  tooManyRequests: (c, seconds, realMs) => connectError(c, 429, 'TOO_MANY_REQUESTS', 'Too many requests. Try again later.', retryHeaders(seconds, realMs)),
  serverError: (c, status, retryAfter) =>
    connectError(c, status, 'INTERNAL_SERVER_ERROR', 'An internal error occurred.', retryAfter ? { 'Retry-After': String(retryAfter) } : {}),
  notFound: (c) => connectError(c, 404, 'URL_NOT_FOUND', 'The requested URL was not found.'),
};

/** NOTES.md §4: "maximum 1000" addresses per call. */
export const MAX_EMAIL_IDS = 1000;
/** RULES.md LICENSE_LIMIT: 5 external users per member license. */
const EXTERNAL_USERS_PER_LICENSE = 5;

export function connectRouter(state: SandboxState) {
  const app = newVendorApp<Vars>(state, connectFace);
  const invalidToken = (c: AnyContext) => connectError(c, 401, 'INVALID_OAUTHTOKEN', 'The OAuth token is invalid or has expired.');
  const invalidCsrf = (c: AnyContext) => connectError(c, 401, 'INVALID_CSRF_TOKEN', 'The request is missing its CSRF token.');
  app.use('/pulse/api/*', zohoAuth(state, { missing: invalidToken, invalid: invalidToken, csrf: invalidCsrf }) as unknown as MiddlewareHandler<Env>);
  app.use('/pulse/api/*', (c, next) => {
    const limit = state.data.connect.rateLimitPerMinute;
    return withRateLimit(state, c, 'zoho_connect:acme', { limit, windowMs: MINUTE },
      (d) => connectFace.tooManyRequests(c, d.retryAfterSec, d.retryAfterRealMs), () => {}, next);
  });
  app.use('*', applyLatency);

  const scopeMismatch = (c: AnyContext, scope: string) => connectError(c, 401, 'SCOPE_MISMATCH', `The OAuth token lacks the scope ${scope}.`);
  const memberOf = (zuid: string) => state.data.connect.networks.filter((n) => n.members.some((m) => m.zuid === zuid && m.status === 'active'));

  // allScopes (zohopulse.networklist.READ): the networks the caller belongs to.
  app.get('/pulse/api/allScopes', (c) => {
    if (!hasScope(c, 'zohopulse.networklist.READ')) return scopeMismatch(c, 'zohopulse.networklist.READ');
    const scopes = memberOf(c.get('zuid')).map((n) => ({
      name: n.name, id: n.scopeID, soid: n.soid, url: `${state.origin(ZOHO_HOSTS.connect)}${n.url}`, ...(n.isDefault ? { isDefault: 'true' } : {}),
    }));
    return c.json({ allScopes: { scopes } });
  });

  // orgMembers?scopeID= (zohopulse.networklist.READ) [SANDBOX body].
  app.get('/pulse/api/orgMembers', (c) => {
    if (!hasScope(c, 'zohopulse.networklist.READ')) return scopeMismatch(c, 'zohopulse.networklist.READ');
    const network = network_(c.req.query('scopeID'));
    if (!network) return connectError(c, c.req.query('scopeID') ? 404 : 400, 'INVALID_SCOPEID', 'scopeID is missing or is not a network.');
    if (!network.members.some((m) => m.zuid === c.get('zuid') && m.status === 'active')) return connectError(c, 403, 'PERMISSION_DENIED', 'You are not a member of this network.');
    return c.json({ orgMembers: { result: 'success', members: network.members.map(({ zuid, name, emailId, status, isAdmin, isExternal, invitedTime }) => ({
      zuid, name, emailId, status, isAdmin, isExternal, ...(invitedTime ? { invitedTime } : {}),
    })) } });
  });

  // inviteUsersToNetwork (zohopulse.networkAdmin.CREATE): network admins only (RULES.md NOT_NETWORK_ADMIN).
  app.post('/pulse/api/inviteUsersToNetwork', async (c) => {
    if (!hasScope(c, 'zohopulse.networkAdmin.CREATE')) return scopeMismatch(c, 'zohopulse.networkAdmin.CREATE');
    const p = await readParams(c);
    if (!p.scopeID) return connectError(c, 400, 'MISSING_PARAMETER', 'scopeID is required.');
    if (p.emailIds === undefined || p.emailIds.trim() === '') return connectError(c, 400, 'MISSING_PARAMETER', 'emailIds is required.');
    // The page marks partitionIds "Required" though groups are optional: the parameter must be there, possibly empty.
    if (p.partitionIds === undefined) return connectError(c, 400, 'MISSING_PARAMETER', 'partitionIds is required.');
    const network = network_(p.scopeID);
    if (!network) return connectError(c, 404, 'INVALID_SCOPEID', 'scopeID is not a network.');
    const emails = [...new Map(p.emailIds.split(',').map((e) => e.trim()).filter(Boolean).map((e) => [emailKey(e), e])).values()];
    if (emails.length > MAX_EMAIL_IDS) return connectError(c, 400, 'LIMIT_EXCEEDED', `At most ${MAX_EMAIL_IDS} email addresses per request.`);
    const actor = network.members.find((m) => m.zuid === c.get('zuid') && m.status === 'active');
    if (!actor?.isAdmin) return connectError(c, 403, 'PERMISSION_DENIED', 'Only network admins can invite users to this network.');
    const failed: string[] = [];
    let sent = 0;
    for (const email of emails) {
      const outcome = inviteToNetwork(state, network, email);
      if (outcome) sent += 1;
      else failed.push(email);
    }
    return c.json({ inviteUsersToNetwork: { successUserCount: String(sent), result: 'success', ...(failed.length ? { failedUserIds: failed } : {}) } });
  });
  return app;

  function network_(scopeID: string | undefined): ConnectNetwork | undefined {
    return state.data.connect.networks.find((n) => n.scopeID === scopeID);
  }
}

/**
 * One address: true when an invitation went out. Refused (nothing sent): malformed, already an
 * active member, an internal network and an address outside the company's domains or a person of
 * another org ("already a member of another org", NOTES.md §4), or no external seat left.
 */
function inviteToNetwork(state: SandboxState, network: ConnectNetwork, email: string): boolean {
  if (!isWellFormedEmail(email)) return false;
  const key = emailKey(email);
  const existing = network.members.find((m) => emailKey(m.emailId) === key);
  if (existing?.status === 'active') return false;
  const person = state.data.connect.people.find((p) => emailKey(p.email) === key);
  const external = network.type === 'external' && !inDomains(email, network.companyDomains);
  if (network.type === 'internal') {
    if (!inDomains(email, network.companyDomains)) return false;
    if (person?.internalNetworkId && person.internalNetworkId !== network.scopeID) return false;
  }
  const at = state.iso();
  const target = `zoho_connect.network:${network.scopeID}`;
  if (existing) {
    existing.invitedTime = at;
    state.counters.invitation({ at, target, email, kind: 'reinvite' });
    return true;
  }
  if (external) {
    const seats = network.memberLicenses * EXTERNAL_USERS_PER_LICENSE;
    if (network.members.filter((m) => m.isExternal).length >= seats) return false;
  }
  const member: ConnectMember = {
    zuid: `6003${String(network.members.length + 1).padStart(4, '0')}${network.scopeID.slice(-3)}`,
    emailId: email,
    name: email.split('@')[0] ?? email,
    status: 'invited',
    isAdmin: false,
    isExternal: external,
    invitedTime: at,
  };
  network.members.push(member);
  state.counters.invitation({ at, target, email, kind: 'invite' });
  return true;
}
