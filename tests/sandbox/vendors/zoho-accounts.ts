/**
 * Zoho Accounts on `accounts.zoho.localhost`: the OAuth 2.0 server of Desk, CRM and Connect
 * (zoho.com/accounts/protocol/oauth). `GET /oauth/v2/auth` approves at once (as `login_hint`, else
 * the first seeded user) and redirects with `code`, `location` and `accounts-server`;
 * `POST /oauth/v2/token` takes its parameters in the query string or a form body. Access tokens last
 * one hour of sandbox time (shortened by `POST /__sandbox/tokens`); refresh tokens do not expire and
 * are not rotated, and are given only with `access_type=offline`. A mobile-based (public) client has
 * no secret: it must send an S256 `code_challenge` and exchange its code with the `code_verifier`.
 * `POST /oauth/v2/token/revoke?token=…` ends a refresh token with the access tokens made from it.
 */
import { authenticateClient, checkGrant, codeVerifierAccepted, issueGrant, newFamily, pkceRefusal, redirectAllowed, revokeFamily } from '../auth';
import { ZOHO_HOSTS } from '../hosts';
import type { OAuthClient } from '../model';
import type { SandboxState } from '../state';
import { applyLatency, json, newVendorApp, readParams, type VendorFace } from './http';

const face: VendorFace = {
  vendor: 'zoho_accounts',
  tooManyRequests: (_c, seconds) => json({ error: 'Access Denied', error_description: 'You have made too many requests continuously. Please try again after some time.' }, 429, { 'Retry-After': String(seconds) }),
  serverError: (_c, status) => json({ error: 'general_error' }, status),
  notFound: () => json({ error: 'invalid_url' }, 404),
};

/**
 * Token errors answer HTTP 200 with an `error` field, as Zoho's token endpoint is commonly observed
 * to do [3P]; a client must read the body, not only the status. Names from Zoho's pages:
 * invalid_client (bad client id or secret) and invalid_code / invalid_token (bad or expired grant).
 */
const tokenError = (error: string) => json({ error }, 200);

function tokenBody(state: SandboxState, client: OAuthClient, access: string, ttlMs: number, scopes: string[], refresh?: string) {
  const seconds = Math.round(ttlMs / 1000);
  const common = {
    access_token: access,
    ...(refresh ? { refresh_token: refresh } : {}),
    scope: scopes.join(' '),
    api_domain: state.origin(ZOHO_HOSTS.crmApi),
    token_type: 'Bearer',
  };
  // Older Zoho pages show expires_in_sec in seconds with expires_in in milliseconds; current ones
  // (zoho.com/accounts/protocol/oauth) show expires_in in seconds. Each seeded client uses one.
  return client.tokenFormat === 'legacy' ? { ...common, expires_in_sec: seconds, expires_in: seconds * 1000 } : { ...common, expires_in: seconds };
}

export function zohoAccountsRouter(state: SandboxState) {
  const app = newVendorApp(state, face);
  app.use('*', applyLatency);

  app.get('/oauth/serverinfo', (c) =>
    c.json({ result: 'success', locations: { us: state.origin(ZOHO_HOSTS.accounts) } }));

  app.get('/oauth/v2/auth', (c) => {
    const q = c.req.query();
    const client = state.data.zoho.clients.find((cl) => cl.clientId === q.client_id);
    if (!client) return json({ error: 'invalid_client' }, 400);
    if (!q.redirect_uri || !redirectAllowed(client, q.redirect_uri)) return json({ error: 'invalid_redirect_uri' }, 400);
    const back = new URL(q.redirect_uri);
    if (q.state) back.searchParams.set('state', q.state);
    const scopes = (q.scope ?? '').split(/[\s,]+/).filter(Boolean);
    if (q.response_type !== 'code' || scopes.length === 0) {
      back.searchParams.set('error', q.response_type !== 'code' ? 'unsupported_response_type' : 'invalid_scope');
      return c.redirect(back.toString(), 302);
    }
    const noPkce = pkceRefusal(client, q.code_challenge, q.code_challenge_method);
    if (noPkce) {
      back.searchParams.set('error', 'invalid_request');
      return c.redirect(back.toString(), 302);
    }
    const hint = q.login_hint?.toLowerCase();
    const user = state.data.zoho.users.find((u) => u.email === hint) ?? state.data.zoho.users[0];
    if (!user) return json({ error: 'access_denied' }, 400);
    const code = issueGrant(state, {
      kind: 'code', realm: 'zoho', clientId: client.clientId, subject: user.zuid,
      // The offline flag travels with the code: refresh tokens only for access_type=offline.
      scopes: q.access_type === 'offline' ? [...scopes, '__offline'] : scopes,
      redirectUri: q.redirect_uri, ttlMs: 2 * 60 * 1000,
      ...(q.code_challenge ? { codeChallenge: q.code_challenge, codeChallengeMethod: q.code_challenge_method ?? 'plain' } : {}),
    });
    back.searchParams.set('code', code.value);
    back.searchParams.set('location', 'us');
    back.searchParams.set('accounts-server', state.origin(ZOHO_HOSTS.accounts));
    return c.redirect(back.toString(), 302);
  });

  app.post('/oauth/v2/token', async (c) => {
    const p = await readParams(c);
    const client = authenticateClient(state.data.zoho.clients, p);
    if (!client) return tokenError('invalid_client');
    const ttlMs = state.settings.accessTokenTtlMs;
    if (p.grant_type === 'authorization_code') {
      const check = checkGrant(state, p.code, 'code', 'zoho');
      if (!check.ok || check.grant.clientId !== client.clientId || check.grant.redirectUri !== p.redirect_uri ||
          !codeVerifierAccepted(client, check.grant, p.code_verifier)) {
        return tokenError('invalid_code');
      }
      check.grant.revoked = true;
      const offline = check.grant.scopes.includes('__offline');
      const scopes = check.grant.scopes.filter((s) => s !== '__offline');
      const base = { realm: 'zoho', clientId: client.clientId, subject: check.grant.subject, scopes, family: newFamily() };
      const access = issueGrant(state, { ...base, kind: 'access', ttlMs });
      const refresh = offline ? issueGrant(state, { ...base, kind: 'refresh', ttlMs: null }) : undefined;
      return c.json(tokenBody(state, client, access.value, ttlMs, scopes, refresh?.value));
    }
    if (p.grant_type === 'refresh_token') {
      const check = checkGrant(state, p.refresh_token, 'refresh', 'zoho');
      if (!check.ok || check.grant.clientId !== client.clientId) return tokenError('invalid_code');
      const { subject, scopes, family } = check.grant;
      const access = issueGrant(state, { kind: 'access', realm: 'zoho', clientId: client.clientId, subject, scopes, ttlMs, ...(family ? { family } : {}) });
      return c.json(tokenBody(state, client, access.value, ttlMs, scopes));
    }
    return tokenError('unsupported_grant_type');
  });

  app.post('/oauth/v2/token/revoke', async (c) => {
    const p = await readParams(c);
    const grant = state.data.grants.find((g) => g.realm === 'zoho' && g.value === p.token);
    if (grant?.kind === 'refresh' && grant.family === undefined) {
      // Seeded refresh tokens have no family: the user's grants of that client go with them.
      for (const g of state.data.grants) if (g.realm === 'zoho' && g.clientId === grant.clientId && g.subject === grant.subject) g.revoked = true;
    } else if (grant?.kind === 'refresh') {
      revokeFamily(state, grant);
    } else if (grant) {
      grant.revoked = true;
    }
    return c.json({ status: 'success' });
  });
  return app;
}
