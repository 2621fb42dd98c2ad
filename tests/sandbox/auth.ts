/**
 * Credentials, the way each vendor takes them (NOTES.md §1.7, §2.5, §3.4, §4):
 * - Zendesk: `Basic base64(email/token:api_token)`, `Bearer <oauth token>`, or the agent UI's
 *   `_zendesk_session` cookie with `X-CSRF-Token` on writes (token from GET /api/v2/users/me).
 * - Zoho (Desk, CRM, Connect): `Authorization: Zoho-oauthtoken <token>` from accounts.zoho, or, for
 *   the agent pages' own calls, the web session cookie (ZOHO_SESSION_COOKIE below).
 * OAuth grants (codes, access and refresh tokens) of both vendors live in `state.data.grants`;
 * access tokens expire after `settings.accessTokenTtlMs` of sandbox time (one hour by default).
 */
import { createHash } from 'node:crypto';
import type { OAuthClient, OAuthGrant, ZendeskAccount, ZendeskUser, ZohoSession } from './model';
import type { SandboxState } from './state';
import { randomHex } from './util';

export type GrantCheck =
  | { ok: true; grant: OAuthGrant }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export function issueGrant(
  state: SandboxState,
  spec: Omit<OAuthGrant, 'value' | 'revoked' | 'expiresAt'> & { value?: string; ttlMs?: number | null },
): OAuthGrant {
  const { ttlMs, value, ...rest } = spec;
  const lifetime = ttlMs === undefined ? state.settings.accessTokenTtlMs : ttlMs;
  const grant: OAuthGrant = {
    ...rest,
    value: value ?? defaultTokenValue(rest.realm),
    expiresAt: lifetime === null ? null : state.now() + lifetime,
    revoked: false,
  };
  state.data.grants.push(grant);
  return grant;
}

/** Zoho tokens look like `1000.<hex>.<hex>`; Zendesk's are 64 hex characters. */
function defaultTokenValue(realm: string): string {
  return realm === 'zoho' ? `1000.${randomHex(16)}.${randomHex(16)}` : randomHex(32);
}

export function checkGrant(state: SandboxState, value: string | undefined, kind: OAuthGrant['kind'], realm: string): GrantCheck {
  if (!value) return { ok: false, reason: 'missing' };
  const grant = state.data.grants.find((g) => g.value === value && g.kind === kind && g.realm === realm);
  if (!grant || grant.revoked) return { ok: false, reason: 'invalid' };
  if (grant.expiresAt !== null && grant.expiresAt <= state.now()) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}

/** Makes every live access token of a realm (or all) expire now: `POST /__sandbox/tokens {expireNow}`. */
export function expireAccessTokens(state: SandboxState, realm?: string): number {
  let count = 0;
  for (const grant of state.data.grants) {
    if (grant.kind !== 'access' || (realm && grant.realm !== realm)) continue;
    if (grant.expiresAt === null || grant.expiresAt > state.now()) {
      grant.expiresAt = state.now();
      count += 1;
    }
  }
  return count;
}

/**
 * Zoho scopes: `Service.resource.OPERATION`, compared without case (Desk's Common.json lists them in
 * lower case, its operations in upper case, NOTES.md D3). `.ALL` grants every operation of its
 * resource, and `ZohoCRM.settings.ALL` / `ZohoCRM.modules.ALL` every resource below them.
 */
export function zohoScopeAllows(granted: readonly string[], required: string): boolean {
  const want = required.toLowerCase().split('.');
  return granted.some((scope) => {
    const have = scope.toLowerCase().split('.');
    if (have.length === 0) return false;
    if (have.join('.') === want.join('.')) return true;
    if (have[have.length - 1] !== 'all') return false;
    const prefix = have.slice(0, -1);
    return prefix.length < want.length && prefix.every((part, i) => part === want[i]);
  });
}

export function parseAuthorization(header: string | undefined): { scheme: string; value: string } | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  return { scheme: header.slice(0, space).toLowerCase(), value: header.slice(space + 1).trim() };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}

export const ZENDESK_SESSION_COOKIE = '_zendesk_session';

export type ZendeskAuth =
  | { ok: true; user: ZendeskUser; via: 'api_token' | 'oauth' | 'session'; scopes: string[] | null; csrfToken?: string }
  | { ok: false; failure: 'missing' | 'invalid' | 'expired' | 'csrf' };

/** Who is calling a Zendesk account, from whichever credential the request carries. */
export function authenticateZendesk(
  state: SandboxState,
  account: ZendeskAccount,
  headers: { authorization?: string; cookie?: string; csrf?: string },
  write: boolean,
): ZendeskAuth {
  const auth = parseAuthorization(headers.authorization);
  const findUser = (id: number) => account.users.find((u) => u.id === id && u.active && !u.suspended);
  if (auth?.scheme === 'bearer') {
    const check = checkGrant(state, auth.value, 'access', `zendesk:${account.subdomain}`);
    if (!check.ok) return { ok: false, failure: check.reason === 'expired' ? 'expired' : 'invalid' };
    const user = findUser(Number(check.grant.subject));
    return user ? { ok: true, user, via: 'oauth', scopes: check.grant.scopes } : { ok: false, failure: 'invalid' };
  }
  if (auth?.scheme === 'basic') {
    const decoded = Buffer.from(auth.value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const login = colon >= 0 ? decoded.slice(0, colon) : '';
    const secret = colon >= 0 ? decoded.slice(colon + 1) : '';
    // Only API tokens: password basic auth is legacy and off in new accounts (NOTES.md §1.7).
    if (!login.endsWith('/token') || !account.apiTokens.includes(secret)) return { ok: false, failure: 'invalid' };
    const email = login.slice(0, -'/token'.length).toLowerCase();
    const user = account.users.find((u) => u.email?.toLowerCase() === email && u.active && !u.suspended);
    return user ? { ok: true, user, via: 'api_token', scopes: null } : { ok: false, failure: 'invalid' };
  }
  if (auth) return { ok: false, failure: 'invalid' };
  const sessionId = parseCookies(headers.cookie)[ZENDESK_SESSION_COOKIE];
  if (!sessionId) return { ok: false, failure: 'missing' };
  const session = account.sessions.find((s) => s.id === sessionId);
  const user = session ? findUser(session.userId) : undefined;
  if (!session || !user) return { ok: false, failure: 'invalid' };
  if (write && headers.csrf !== session.csrfToken) return { ok: false, failure: 'csrf' };
  return { ok: true, user, via: 'session', scopes: null, csrfToken: session.csrfToken };
}

/** `read`/`write`, or the resource-qualified `users:read`/`users:write` (NOTES.md §1.7). */
export function zendeskScopeAllows(granted: readonly string[] | null, resource: string, write: boolean): boolean {
  if (granted === null) return true;
  const access = write ? 'write' : 'read';
  return granted.includes(access) || granted.includes(`${resource}:${access}`) || (!write && granted.includes(`${resource}:write`));
}

export type ZohoAuth = { ok: true; zuid: string; scopes: string[]; token: string } | { ok: false; failure: 'missing' | 'invalid' | 'expired' };

/** `Authorization: Zoho-oauthtoken <access token>` issued by accounts.zoho (realm `zoho`). */
export function authenticateZoho(state: SandboxState, authorization: string | undefined): ZohoAuth {
  const auth = parseAuthorization(authorization);
  if (!auth) return { ok: false, failure: 'missing' };
  if (auth.scheme !== 'zoho-oauthtoken') return { ok: false, failure: 'invalid' };
  const check = checkGrant(state, auth.value, 'access', 'zoho');
  if (!check.ok) return { ok: false, failure: check.reason };
  return { ok: true, zuid: check.grant.subject, scopes: check.grant.scopes, token: auth.value };
}

/**
 * Zoho's web apps: the sandbox's stand-in for the agent UI's cookie auth, which NOTES.md §2.8 leaves
 * unconfirmed [SANDBOX]. Signing in at accounts.zoho.localhost/signin sets, for the whole
 * `zoho.localhost` domain as Zoho's IAM does for `.zoho.com`, an HttpOnly session cookie and a
 * readable CSRF cookie. Pages send the CSRF value back as `X-ZCSRF-TOKEN: crmcsrfparam=<value>` on
 * writes, the header public code shows Zoho's own pages sending [3P].
 */
export const ZOHO_SESSION_COOKIE = '_iamadt';
export const ZOHO_CSRF_COOKIE = 'crmcsr';
export const ZOHO_CSRF_HEADER = 'x-zcsrf-token';
export const ZOHO_CSRF_PARAM = 'crmcsrfparam';

export type ZohoSessionAuth = { ok: true; session: ZohoSession } | { ok: false; failure: 'missing' | 'invalid' | 'csrf' };

export function authenticateZohoSession(state: SandboxState, cookie: string | undefined, csrfHeader: string | undefined, write: boolean): ZohoSessionAuth {
  const id = parseCookies(cookie)[ZOHO_SESSION_COOKIE];
  if (!id) return { ok: false, failure: 'missing' };
  const session = state.data.zoho.sessions.find((s) => s.id === id);
  if (!session || !state.data.zoho.users.some((u) => u.zuid === session.zuid)) return { ok: false, failure: 'invalid' };
  if (write && csrfHeader?.trim() !== `${ZOHO_CSRF_PARAM}=${session.csrfToken}`) return { ok: false, failure: 'csrf' };
  return { ok: true, session };
}

export function newZohoSession(state: SandboxState, zuid: string): ZohoSession {
  const session = { id: randomHex(16), zuid, csrfToken: randomHex(24) };
  state.data.zoho.sessions.push(session);
  return session;
}

/** A signed-in agent-UI session: what `POST /__sandbox/sessions` hands out. */
export function newSession(account: ZendeskAccount, userId: number) {
  const session = { id: randomHex(16), userId, csrfToken: Buffer.from(randomHex(24), 'hex').toString('base64') };
  account.sessions.push(session);
  return session;
}

/** `*` in a registered redirect URI stands for any run of characters (extension ids, ports). */
export function redirectAllowed(client: OAuthClient, uri: string): boolean {
  return client.redirectUris.some((pattern) => {
    const source = pattern.split('*').map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('.*');
    return new RegExp(`^${source}$`).test(uri);
  });
}

/**
 * The client a token request names, if it proves who it is: a confidential client by its secret, a
 * public one (no secret exists) by its id alone, PKCE proving the rest on the code exchange.
 */
export function authenticateClient(clients: readonly OAuthClient[], params: Record<string, string | undefined>): OAuthClient | undefined {
  const client = clients.find((c) => c.clientId === params.client_id);
  if (!client) return undefined;
  if (client.kind === 'public') return client;
  return client.clientSecret !== undefined && client.clientSecret === params.client_secret ? client : undefined;
}

/**
 * Why an authorize request of this client is refused, if it is: a public client must send an S256
 * `code_challenge` (Zendesk "OAuth with PKCE"; Zoho mobile-based clients), as nothing else ties
 * the code to the app that asked for it.
 */
export function pkceRefusal(client: OAuthClient, challenge: string | undefined, method: string | undefined): string | undefined {
  if (client.kind !== 'public') return undefined;
  if (!challenge) return 'code_challenge is required for a public client';
  if ((method ?? 'plain').toUpperCase() !== 'S256') return 'code_challenge_method must be S256';
  return undefined;
}

/** A code is exchanged only with its verifier; a public client's code always has a challenge. */
export function codeVerifierAccepted(client: OAuthClient, grant: OAuthGrant, verifier: string | undefined): boolean {
  if (client.kind === 'public' && !grant.codeChallenge) return false;
  return pkceMatches(grant.codeChallenge, grant.codeChallengeMethod, verifier);
}

/** A new family id: one refresh token and the access tokens issued with or from it. */
export function newFamily(): string {
  return randomHex(8);
}

/** Revokes a grant and, when it has one, its whole family (its refresh token or access tokens). */
export function revokeFamily(state: SandboxState, grant: OAuthGrant): number {
  let count = 0;
  for (const g of state.data.grants) {
    const same = g === grant || (grant.family !== undefined && g.realm === grant.realm && g.family === grant.family);
    if (same && !g.revoked) {
      g.revoked = true;
      count += 1;
    }
  }
  return count;
}

export function pkceMatches(challenge: string | undefined, method: string | undefined, verifier: string | undefined): boolean {
  if (!challenge) return true;
  if (!verifier) return false;
  if ((method ?? 'plain').toUpperCase() === 'PLAIN') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
