/**
 * Zendesk OAuth on the account host (NOTES.md §1.7; developer.zendesk.com "OAuth Tokens for Grant
 * Types"): `GET /oauth/authorizations/new` redirects back with a code (the sandbox approves at once,
 * as the signed-in agent, or the account's first admin), `POST /oauth/tokens` exchanges it, and the
 * refresh_token grant returns a new access and refresh token "while invalidating the previous" ones.
 * A client of kind "public" (OAuthClientObject.kind) has no secret: it must send an S256
 * `code_challenge`, and its code is exchanged with the `code_verifier` (the OAS sample of
 * CreateTokenForGrantType sends one). RevokeOAuthToken (`DELETE /api/v2/oauth/tokens/current`)
 * ends the calling token and the refresh token of its record.
 */
import type { Hono } from 'hono';
import {
  authenticateClient, checkGrant, codeVerifierAccepted, issueGrant, newFamily, parseAuthorization, parseCookies, pkceRefusal, redirectAllowed,
  revokeFamily, ZENDESK_SESSION_COOKIE,
} from '../auth';
import { DAY } from '../clock';
import type { SandboxState } from '../state';
import { json, readParams, type SandboxEnv } from './http';
import { zendeskError, type ZendeskVars } from './zendesk-model';

const REFRESH_TTL_MS = 30 * DAY;
/** KB 4408831387930: the error of a bad, expired or revoked grant. */
const INVALID_GRANT = {
  error: 'invalid_grant',
  error_description:
    'The provided access grant is invalid, expired, or revoked (e.g. invalid assertion, expired authorization token, bad end-user password credentials, or mismatching authorization code and redirection URI).',
};
const INVALID_CLIENT = {
  error: 'invalid_client',
  error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
};

export function registerZendeskOAuth(app: Hono<SandboxEnv<ZendeskVars>>, state: SandboxState): void {
  app.get('/oauth/authorizations/new', (c) => {
    const account = c.get('account');
    const q = c.req.query();
    const client = state.data.zendeskClients.find((cl) => cl.clientId === q.client_id);
    if (!client) return json(INVALID_CLIENT, 401);
    if (!q.redirect_uri || !redirectAllowed(client, q.redirect_uri)) {
      return json({ error: 'invalid_redirect_uri', error_description: 'The redirect uri included is not valid.' }, 400);
    }
    const back = new URL(q.redirect_uri);
    if (q.state) back.searchParams.set('state', q.state);
    if (q.response_type !== 'code') {
      back.searchParams.set('error', 'unsupported_response_type');
      return c.redirect(back.toString(), 302);
    }
    const noPkce = pkceRefusal(client, q.code_challenge, q.code_challenge_method);
    if (noPkce) {
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', noPkce);
      return c.redirect(back.toString(), 302);
    }
    const session = account.sessions.find((s) => s.id === parseCookies(c.req.header('cookie'))[ZENDESK_SESSION_COOKIE]);
    const user = account.users.find((u) => u.id === session?.userId) ?? account.users.find((u) => u.role === 'admin');
    if (!user) return json({ error: 'access_denied' }, 403);
    const scopes = (q.scope ?? 'read').split(/[\s,]+/).filter(Boolean);
    const code = issueGrant(state, {
      kind: 'code', realm: `zendesk:${account.subdomain}`, clientId: client.clientId, subject: String(user.id), scopes,
      redirectUri: q.redirect_uri, ttlMs: 10 * 60 * 1000,
      ...(q.code_challenge ? { codeChallenge: q.code_challenge, codeChallengeMethod: q.code_challenge_method ?? 'plain' } : {}),
    });
    back.searchParams.set('code', code.value);
    return c.redirect(back.toString(), 302);
  });

  app.post('/oauth/tokens', async (c) => {
    const account = c.get('account');
    const realm = `zendesk:${account.subdomain}`;
    const p = await readParams(c);
    const client = authenticateClient(state.data.zendeskClients, p);
    if (!client) return json(INVALID_CLIENT, 401);
    const requested = Number(p.expires_in);
    const ttlMs = Number.isFinite(requested) && requested > 0 ? Math.min(requested * 1000, state.settings.accessTokenTtlMs) : state.settings.accessTokenTtlMs;
    let subject: string;
    let scopes: string[];
    if (p.grant_type === 'authorization_code') {
      const check = checkGrant(state, p.code, 'code', realm);
      if (!check.ok || check.grant.clientId !== client.clientId || check.grant.redirectUri !== p.redirect_uri ||
          !codeVerifierAccepted(client, check.grant, p.code_verifier)) {
        return json(INVALID_GRANT, 400);
      }
      check.grant.revoked = true;
      ({ subject, scopes } = check.grant);
    } else if (p.grant_type === 'refresh_token') {
      const check = checkGrant(state, p.refresh_token, 'refresh', realm);
      if (!check.ok || check.grant.clientId !== client.clientId) return json(INVALID_GRANT, 400);
      ({ subject, scopes } = check.grant);
      for (const g of state.data.grants) {
        if (g.realm === realm && g.clientId === client.clientId && g.subject === subject && g.kind !== 'code') g.revoked = true;
      }
    } else {
      return json({ error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server.' }, 400);
    }
    // One token record: the access token and its refresh token, revoked together.
    const family = newFamily();
    const access = issueGrant(state, { kind: 'access', realm, clientId: client.clientId, subject, scopes, ttlMs, family });
    const refresh = issueGrant(state, { kind: 'refresh', realm, clientId: client.clientId, subject, scopes, ttlMs: REFRESH_TTL_MS, family });
    return json({
      access_token: access.value,
      token_type: 'bearer',
      scope: scopes.join(' '),
      refresh_token: refresh.value,
      expires_in: Math.round(ttlMs / 1000),
      refresh_token_expires_in: REFRESH_TTL_MS / 1000,
    }, 200, { 'Cache-Control': 'no-store' });
  });

  // RevokeOAuthToken. `current` names the token of the call (ShowToken's second form); other ids
  // are token records Portier never lists, so the sandbox knows none [SANDBOX].
  app.delete('/api/v2/oauth/tokens/:oauth_token_id', (c) => {
    if (c.req.param('oauth_token_id') !== 'current') return zendeskError(404, 'RecordNotFound', 'Not found');
    const auth = parseAuthorization(c.req.header('authorization'));
    const account = c.get('account');
    const check = auth?.scheme === 'bearer' ? checkGrant(state, auth.value, 'access', `zendesk:${account.subdomain}`) : undefined;
    // An API token or a session has no token record to revoke.
    if (!check?.ok) return zendeskError(404, 'RecordNotFound', 'Not found');
    revokeFamily(state, check.grant);
    return c.body(null, 204);
  });
}
