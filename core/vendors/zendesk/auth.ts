import { TransientError } from '../http';
import { clientParams, exchangeAuthorizationCode, OAuthSession, requestTokens, type OAuthClient, REVOKE_TIMEOUT_MS, type RevokeAnswer, type TokenOutcome, type TokenStore } from '../oauth';
import type { AuthSession } from '../types';
import { MeAnswer } from './schemas';

/**
 * The three ways into a Zendesk account (NOTES.md §1.7; DESIGN.md "Authentication"), each an
 * AuthSession the connector takes without knowing which it got. Secrets are parameters: the
 * background reads them from its own storage and hands them here; nothing in core/ keeps them.
 */

/** `email/token:TOKEN` in Basic auth, UTF-8 before base64 (btoa alone takes Latin-1 only). */
function basic(login: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${login}:${secret}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** An API token: nothing to renew, a 401 means the token was revoked or API access turned off. */
export function zendeskApiTokenAuth(email: string, token: string): AuthSession {
  const authorization = basic(`${email}/token`, token);
  return {
    credentials: 'omit',
    headers: async () => ({ authorization }),
    renew: async () => false,
  };
}

/** A global OAuth client; Portier's is of kind "public" (PKCE, no secret in the extension). */
export type ZendeskOAuthClient = OAuthClient;

function tokenUrl(apiBase: string): string {
  return `${apiBase.replace(/\/+$/, '')}/oauth/tokens`;
}

/**
 * OAuth bearer tokens of the global OAuth client, refreshed at `{subdomain}.zendesk.com/oauth/tokens`.
 * Zendesk rotates refresh tokens ("invalidating the previous"), so the new pair is stored at once.
 */
export function zendeskOAuthSession(options: {
  apiBase: string;
  client: ZendeskOAuthClient;
  store: TokenStore;
  fetch?: typeof fetch;
  now?: () => number;
  earlyMs?: number;
}): OAuthSession {
  return new OAuthSession({
    store: options.store,
    scheme: 'Bearer',
    refresh: (refreshToken) =>
      requestTokens({
        vendor: 'zendesk',
        url: tokenUrl(options.apiBase),
        params: {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          ...clientParams(options.client),
        },
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.now ? { now: options.now } : {}),
      }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.earlyMs === undefined ? {} : { earlyMs: options.earlyMs }),
  });
}

/** The page launchWebAuthFlow opens on the account's host. */
export function zendeskAuthorizeUrl(req: {
  apiBase: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge?: string;
}): string {
  const url = new URL(`${req.apiBase.replace(/\/+$/, '')}/oauth/authorizations/new`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', req.clientId);
  url.searchParams.set('redirect_uri', req.redirectUri);
  url.searchParams.set('scope', req.scopes.join(' '));
  url.searchParams.set('state', req.state);
  if (req.codeChallenge) {
    url.searchParams.set('code_challenge', req.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.toString();
}

export function exchangeZendeskCode(options: {
  apiBase: string;
  client: ZendeskOAuthClient;
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  fetch?: typeof fetch;
  now?: () => number;
}): Promise<TokenOutcome> {
  return exchangeAuthorizationCode({ ...options, vendor: 'zendesk', url: tokenUrl(options.apiBase) });
}

/**
 * Revokes the account's OAuth token: `DELETE /api/v2/oauth/tokens/current` with the token itself
 * (RevokeOAuthToken; `current` is how ShowToken names the token that authenticates the call). The
 * token record carries its refresh token, so both stop working. An access token that has expired
 * is refreshed first (with a client to refresh with), as the refresh token is still alive.
 * No answer, 429 or a 5xx throw a TransientError: the caller decides what a failed revocation means.
 */
export async function revokeZendeskToken(options: {
  apiBase: string;
  store: TokenStore;
  client?: ZendeskOAuthClient | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<RevokeAnswer> {
  const endpoint = 'DELETE /api/v2/oauth/tokens/current';
  const doFetch = options.fetch ?? fetch;
  const session = options.client
    ? zendeskOAuthSession({ apiBase: options.apiBase, client: options.client, store: options.store, ...(options.fetch ? { fetch: options.fetch } : {}) })
    : new OAuthSession({ store: options.store, scheme: 'Bearer', refresh: async () => ({ ok: false, error: 'no OAuth client in this build' }) });
  const send = async (): Promise<Response | undefined> => {
    const headers = await session.headers();
    if (!headers.authorization) return undefined;
    try {
      return await doFetch(`${options.apiBase.replace(/\/+$/, '')}/api/v2/oauth/tokens/current.json`, {
        method: 'DELETE',
        headers: { accept: 'application/json', ...headers },
        credentials: 'omit',
        signal: AbortSignal.timeout(options.timeoutMs ?? REVOKE_TIMEOUT_MS),
      });
    } catch (error) {
      throw new TransientError('zendesk', endpoint, undefined, `no answer (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  let response = await send();
  if (response?.status === 401 && (await session.renew())) response = await send();
  if (!response || response.status === 401) return 'already_invalid';
  if (response.ok || response.status === 404) return 'revoked';
  if (response.status >= 500 || response.status === 429) throw new TransientError('zendesk', endpoint, response.status, `HTTP ${response.status}`);
  throw new Error(`Zendesk refused to revoke the token (${endpoint}: HTTP ${response.status})`);
}

export interface ZendeskSessionOptions {
  apiBase: string;
  fetch?: typeof fetch;
  /**
   * A `Cookie` header value, for runtimes without the browser's cookie jar (Node tests). The
   * background leaves it out: `credentials: 'include'` sends the agent's own session cookie.
   */
  cookie?: string;
  timeoutMs?: number;
}

/**
 * The agent's signed-in session: the `_zendesk_session` cookie on every call, and on writes the
 * `X-CSRF-Token` that `GET /api/v2/users/me` answers as `authenticity_token` (documented for help
 * center pages; the same from the agent UI's origin is [UNCONFIRMED], NOTES.md §1.7). `renew()`
 * reads the token again, and answers false when the session is gone (the caller is anonymous).
 */
export class ZendeskSessionAuth implements AuthSession {
  readonly credentials: RequestCredentials = 'include';
  private csrf: string | undefined;
  private reading: Promise<boolean> | undefined;

  constructor(private readonly options: ZendeskSessionOptions) {}

  async headers(method: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = this.options.cookie ? { cookie: this.options.cookie } : {};
    if (method === 'GET' || method === 'HEAD') return headers;
    // A token that cannot be read leaves the header out; the write's refusal then ends in renew().
    if (this.csrf === undefined) await this.renew().catch(() => false);
    return this.csrf ? { ...headers, 'x-csrf-token': this.csrf } : headers;
  }

  renew(): Promise<boolean> {
    this.reading ??= this.readToken().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readToken(): Promise<boolean> {
    const endpoint = 'GET /api/v2/users/me';
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${this.options.apiBase.replace(/\/+$/, '')}/api/v2/users/me.json`, {
        credentials: 'include',
        // Never behind the agent's own tab asking the same URL (Chromium's cache lock): see core/vendors/http.ts.
        cache: 'no-store',
        headers: { accept: 'application/json', ...(this.options.cookie ? { cookie: this.options.cookie } : {}) },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new TransientError('zendesk', endpoint, undefined, `no answer (${error instanceof Error ? error.message : String(error)})`);
    }
    if (response.status >= 500) throw new TransientError('zendesk', endpoint, response.status, `HTTP ${response.status}`);
    this.csrf = undefined;
    if (response.status !== 200) return false;
    const parsed = MeAnswer.safeParse(await response.json().catch(() => undefined));
    // Anonymous: the cookie is gone or expired, and only signing in again helps.
    if (!parsed.success || parsed.data.user.id == null || !parsed.data.user.authenticity_token) return false;
    this.csrf = parsed.data.user.authenticity_token;
    return true;
  }
}
