import type { Vendor } from '../../model';
import { TransientError } from '../http';
import { clientParams, exchangeAuthorizationCode, OAuthSession, requestTokens, type OAuthClient, type OAuthTokens, REVOKE_TIMEOUT_MS, type RevokeAnswer, type TokenOutcome, type TokenStore } from '../oauth';

/**
 * Zoho OAuth for Desk, CRM and Connect: `Authorization: Zoho-oauthtoken <access token>`, refreshed
 * at the accounts server of the account's data center (NOTES.md §2.5, §2.6). Zoho's refresh tokens
 * do not expire and are not rotated; its token endpoint answers errors as HTTP 200 with `{error}`,
 * and older answers give `expires_in_sec` (with `expires_in` in milliseconds): oauth.ts reads both.
 */

/**
 * Accounts servers by data center, keyed as Account.dataCenter is (NOTES.md §2.6). The UK server
 * (`accounts.zoho.uk`) is left out: its page was truncated and core/vendors/hosts.ts does not ask
 * for its host permission either.
 */
export const ZOHO_ACCOUNTS_SERVERS = {
  com: 'https://accounts.zoho.com',
  eu: 'https://accounts.zoho.eu',
  in: 'https://accounts.zoho.in',
  'com.au': 'https://accounts.zoho.com.au',
  jp: 'https://accounts.zoho.jp',
  'com.cn': 'https://accounts.zoho.com.cn',
  sa: 'https://accounts.zoho.sa',
  ca: 'https://accounts.zohocloud.ca',
} as const;

export type ZohoDataCenter = keyof typeof ZOHO_ACCOUNTS_SERVERS;

/** The accounts server of a data center; `zohocloud.ca` is accepted for `ca`. */
export function zohoAccountsServer(dataCenter: string): string {
  const key = dataCenter === 'zohocloud.ca' ? 'ca' : dataCenter;
  const server = (ZOHO_ACCOUNTS_SERVERS as Record<string, string>)[key];
  if (!server) throw new Error(`Unknown Zoho data center "${dataCenter}"`);
  return server;
}

/**
 * Portier's Zoho client is a "mobile-based" (public) client: PKCE and no secret, with an http(s)
 * redirect URI (the browser's extension redirect). A server-based client needs its secret, which
 * never goes in the extension: README "OAuth clients and credentials" names the alternative.
 */
export type ZohoClient = OAuthClient;

export interface ZohoOAuthOptions {
  /** `https://accounts.zoho.eu` (zohoAccountsServer), or the sandbox's `http://accounts.zoho.localhost:PORT`. */
  accountsServer: string;
  client: ZohoClient;
  store: TokenStore;
  /** Named in errors; a session shared by several Zoho connectors names the one it was made for. */
  vendor: Extract<Vendor, 'zoho_desk' | 'zoho_crm' | 'zoho_connect'>;
  fetch?: typeof fetch;
  now?: () => number;
  earlyMs?: number;
}

function tokenUrl(accountsServer: string): string {
  return `${accountsServer.replace(/\/+$/, '')}/oauth/v2/token`;
}

/** The grant_type=refresh_token call; the refresh token is kept, as Zoho does not send a new one. */
export function refreshZohoToken(options: Omit<ZohoOAuthOptions, 'store' | 'earlyMs'>, refreshToken: string): Promise<TokenOutcome> {
  return requestTokens({
    vendor: options.vendor,
    url: tokenUrl(options.accountsServer),
    params: {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientParams(options.client),
    },
    keepRefreshToken: refreshToken,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/** One Zoho account's session; give the same one to the Desk, CRM and Connect connectors. */
export function zohoOAuthSession(options: ZohoOAuthOptions): OAuthSession {
  return new OAuthSession({
    store: options.store,
    scheme: 'Zoho-oauthtoken',
    refresh: (refreshToken) => refreshZohoToken(options, refreshToken),
    ...(options.now ? { now: options.now } : {}),
    ...(options.earlyMs === undefined ? {} : { earlyMs: options.earlyMs }),
  });
}

export interface ZohoAuthorizeRequest {
  accountsServer: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  /** PKCE S256 challenge, when the client uses one. */
  codeChallenge?: string;
  loginHint?: string;
}

/**
 * The page launchWebAuthFlow opens. `access_type=offline` is what makes Zoho hand out a refresh
 * token; `prompt=consent` makes it hand one out again on a reconnect.
 */
export function zohoAuthorizeUrl(req: ZohoAuthorizeRequest): string {
  const url = new URL(`${req.accountsServer.replace(/\/+$/, '')}/oauth/v2/auth`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', req.clientId);
  url.searchParams.set('redirect_uri', req.redirectUri);
  url.searchParams.set('scope', req.scopes.join(','));
  url.searchParams.set('access_type', 'offline');
  url.searchParams.set('prompt', 'consent');
  url.searchParams.set('state', req.state);
  if (req.codeChallenge) {
    url.searchParams.set('code_challenge', req.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  if (req.loginHint) url.searchParams.set('login_hint', req.loginHint);
  return url.toString();
}

/**
 * The redirect Zoho sends back names the data center the user's account lives in
 * (`accounts-server`, `location`): the code must be exchanged there, not where the flow started.
 */
export function readZohoRedirect(
  redirectUrl: string,
  expectedState: string,
  /** Origins a code may be exchanged at; the code and its verifier go there, so never an unknown host. */
  allowedServers: readonly string[] = Object.values(ZOHO_ACCOUNTS_SERVERS),
): { code: string; accountsServer?: string; location?: string } {
  const url = new URL(redirectUrl);
  const error = url.searchParams.get('error');
  if (error) throw new Error(`Zoho refused the authorization: ${error}`);
  if (url.searchParams.get('state') !== expectedState) throw new Error('Zoho authorization: state does not match');
  const code = url.searchParams.get('code');
  if (!code) throw new Error('Zoho authorization: no code in the redirect');
  const server = url.searchParams.get('accounts-server');
  const accountsServer = server ? new URL(server).origin : undefined;
  if (accountsServer && !allowedServers.some((s) => new URL(s).origin === accountsServer)) {
    throw new Error(`Zoho authorization: unknown accounts server ${accountsServer}`);
  }
  const location = url.searchParams.get('location') ?? undefined;
  return { code, ...(accountsServer ? { accountsServer } : {}), ...(location ? { location } : {}) };
}

export function exchangeZohoCode(
  options: Omit<ZohoOAuthOptions, 'store' | 'earlyMs'> & { code: string; redirectUri: string; codeVerifier?: string },
): Promise<TokenOutcome> {
  return exchangeAuthorizationCode({ ...options, vendor: options.vendor, url: tokenUrl(options.accountsServer) });
}

/**
 * Revokes a Zoho grant: `POST {accounts server}/oauth/v2/token/revoke?token=…`. Given the refresh
 * token, Zoho also ends the access tokens made from it; without one, the access token is revoked.
 * No answer, 429 or a 5xx throw a TransientError; an answer whose body names an error means the
 * token was not alive (unknown, already revoked).
 */
export async function revokeZohoToken(options: {
  accountsServer: string;
  tokens: OAuthTokens;
  vendor: ZohoOAuthOptions['vendor'];
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<RevokeAnswer> {
  const endpoint = 'POST /oauth/v2/token/revoke';
  const url = new URL(`${options.accountsServer.replace(/\/+$/, '')}/oauth/v2/token/revoke`);
  url.searchParams.set('token', options.tokens.refreshToken ?? options.tokens.accessToken);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url.toString(), {
      method: 'POST',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? REVOKE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new TransientError(options.vendor, endpoint, undefined, `no answer (${error instanceof Error ? error.message : String(error)})`);
  }
  if (response.status >= 500 || response.status === 429) throw new TransientError(options.vendor, endpoint, response.status, `HTTP ${response.status}`);
  const body = (await response.json().catch(() => undefined)) as { error?: unknown; status?: unknown } | undefined;
  if (!response.ok) throw new Error(`Zoho refused to revoke the token (${endpoint}: HTTP ${response.status})`);
  return body?.error || body?.status === 'failure' ? 'already_invalid' : 'revoked';
}

export type { OAuthTokens, TokenStore };
