import { z } from '../zod';
import type { OAuthTokens, TokenStore } from '../credentials';
import type { Vendor } from '../model';
import { TransientError } from './http';
import type { AuthSession } from './types';

/**
 * OAuth 2.0 sessions shared by Zendesk and Zoho: an access token sent in a scheme of the vendor's
 * (`Bearer`, `Zoho-oauthtoken`), refreshed through the vendor's token endpoint with a refresh token.
 * Tokens are read from and written to a store the background provides (core/credentials), so they
 * never live in a content script or the panel, and survive a service worker that dies.
 *
 * Portier's clients are public (PKCE, RFC 7636): the extension ships no client secret, so the code
 * exchange proves itself with the `code_verifier` instead. `clientSecret` stays optional for
 * confidential clients used outside the extension (Node tools, the sandbox's seeded clients).
 */

/** A registered OAuth client; a public one (every extension build) has no secret. */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
}

/** `client_id`, and `client_secret` only when the client has one. */
export function clientParams(client: OAuthClient): Record<string, string> {
  return { client_id: client.clientId, ...(client.clientSecret ? { client_secret: client.clientSecret } : {}) };
}

/** Tokens and their store are the credentials module's (core/credentials), below the vendors. */
export type { OAuthTokens, TokenStore };

export function memoryTokenStore(initial?: OAuthTokens): TokenStore & { current: OAuthTokens | undefined } {
  const store = {
    current: initial,
    get: async () => store.current,
    set: async (tokens: OAuthTokens) => {
      store.current = tokens;
    },
  };
  return store;
}

/**
 * What a vendor said to a revocation: the token is revoked, or nothing alive was left to revoke
 * (expired and not refreshable, revoked elsewhere). Either way it no longer works.
 */
export type RevokeAnswer = 'revoked' | 'already_invalid';

/** A disconnect waits this long for a revocation before it goes on without it. */
export const REVOKE_TIMEOUT_MS = 10_000;

/** What a token endpoint said: new tokens, or a refusal that only signing in again can cure. */
export type TokenOutcome = { ok: true; tokens: OAuthTokens } | { ok: false; error: string };

/**
 * A token endpoint answer, in any of the forms the vendors use: RFC 6749 (`expires_in` seconds),
 * Zoho's older `expires_in_sec` (with `expires_in` then in milliseconds), and errors as `{error}`
 * whatever the HTTP status (Zoho answers them with 200).
 */
const TokenAnswer = z.union([
  z.object({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1).optional(),
    expires_in: z.coerce.number().optional(),
    expires_in_sec: z.coerce.number().optional(),
    api_domain: z.string().optional(),
    scope: z.string().optional(),
    token_type: z.string().optional(),
  }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

export interface TokenRequest {
  vendor: Vendor;
  /** Full URL of the token endpoint. */
  url: string;
  params: Record<string, string>;
  fetch?: typeof fetch;
  now?: () => number;
  /** The refresh token to keep when the answer does not rotate it (Zoho never does). */
  keepRefreshToken?: string;
  timeoutMs?: number;
}

/** A token endpoint's answer that says "slow down" rather than "this grant is no good". */
function isTokenThrottle(answer: { error: string; error_description?: string | undefined }): boolean {
  return /too many requests/i.test(answer.error_description ?? '') || /too many requests/i.test(answer.error);
}

/**
 * POSTs a form to a token endpoint. A refusal is an outcome (`ok: false`); no answer, a 5xx or a
 * body of no known shape is a TransientError: the grant may still be good, try again later.
 */
export async function requestTokens(req: TokenRequest): Promise<TokenOutcome> {
  const endpoint = `POST ${new URL(req.url).pathname}`;
  const doFetch = req.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(req.url, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: new URLSearchParams(req.params),
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new TransientError(req.vendor, endpoint, undefined, `no answer (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  if (response.status >= 500 || response.status === 429) {
    throw new TransientError(req.vendor, endpoint, response.status, text.slice(0, 200) || `HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = TokenAnswer.safeParse(body);
  if (!parsed.success) {
    // A 4xx with no error body is a refusal all the same; a 2xx we cannot read is not a token.
    if (response.status >= 400) return { ok: false, error: `HTTP ${response.status}` };
    throw new TransientError(req.vendor, endpoint, response.status, 'the token answer does not have a known shape');
  }
  const answer = parsed.data;
  if ('error' in answer) {
    const words = answer.error_description ? `${answer.error}: ${answer.error_description}` : answer.error;
    // Zoho's token endpoint throttles with `Access Denied` / "too many requests", reported with a
    // 400 as often as a 429: the grant is still good, so it is a wait, not a refusal to remember.
    if (isTokenThrottle(answer)) throw new TransientError(req.vendor, endpoint, response.status, words);
    return { ok: false, error: words };
  }
  const seconds = answer.expires_in_sec ?? answer.expires_in;
  const now = (req.now ?? Date.now)();
  const refreshToken = answer.refresh_token ?? req.keepRefreshToken;
  return {
    ok: true,
    tokens: {
      accessToken: answer.access_token,
      ...(refreshToken ? { refreshToken } : {}),
      ...(seconds !== undefined && Number.isFinite(seconds) ? { expiresAt: now + seconds * 1000 } : {}),
      ...(answer.api_domain ? { apiDomain: answer.api_domain } : {}),
      ...(answer.scope ? { scope: answer.scope } : {}),
    },
  };
}

/** The authorization-code grant of RFC 6749 §4.1.3, the same for Zendesk and Zoho. */
export function exchangeAuthorizationCode(options: {
  vendor: Vendor;
  url: string;
  client: OAuthClient;
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  fetch?: typeof fetch;
  now?: () => number;
}): Promise<TokenOutcome> {
  return requestTokens({
    vendor: options.vendor,
    url: options.url,
    params: {
      grant_type: 'authorization_code',
      code: options.code,
      ...clientParams(options.client),
      redirect_uri: options.redirectUri,
      ...(options.codeVerifier ? { code_verifier: options.codeVerifier } : {}),
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

export interface OAuthSessionOptions {
  store: TokenStore;
  /** `Bearer` (Zendesk) or `Zoho-oauthtoken`. */
  scheme: string;
  /** Exchanges a refresh token for new tokens (the vendor's token endpoint). */
  refresh: (refreshToken: string) => Promise<TokenOutcome>;
  now?: () => number;
  /** Refresh this long before the announced expiry, to spare a 401 round trip. Default 60 s. */
  earlyMs?: number;
}

/**
 * An AuthSession over a token store. `renew()` refreshes once for all the calls that ask at the
 * same time; a refresh token the server refused is not offered again, so a dead session costs one
 * token call, not one per request. `headers()` never throws a permanent error: a call without a
 * good token gets its 401 and `renew()` answers false, which is how the job learns to pause.
 */
export class OAuthSession implements AuthSession {
  readonly credentials: RequestCredentials = 'omit';
  private renewing: Promise<boolean> | undefined;
  private refused: string | undefined;

  constructor(private readonly options: OAuthSessionOptions) {}

  async headers(): Promise<Record<string, string>> {
    let tokens = await this.options.store.get();
    const now = (this.options.now ?? Date.now)();
    if (tokens?.expiresAt !== undefined && tokens.expiresAt - (this.options.earlyMs ?? 60_000) <= now) {
      if (await this.renew()) tokens = await this.options.store.get();
    }
    return tokens ? { authorization: `${this.options.scheme} ${tokens.accessToken}` } : {};
  }

  renew(): Promise<boolean> {
    this.renewing ??= this.refreshOnce().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async refreshOnce(): Promise<boolean> {
    const tokens = await this.options.store.get();
    const refreshToken = tokens?.refreshToken;
    if (!refreshToken || refreshToken === this.refused) return false;
    const outcome = await this.options.refresh(refreshToken);
    if (!outcome.ok) {
      this.refused = refreshToken;
      return false;
    }
    await this.options.store.set(outcome.tokens);
    return true;
  }
}
