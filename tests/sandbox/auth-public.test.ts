import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ZENDESK_SPEC } from './contract/operations';
import { ZENDESK, ZOHO } from './seed';
import { ACCOUNTS_HOST, ACME, DESK_HOST, call, contract, control, jsonInit, obj, useSandbox, zendeskToken, zohoHeaders } from './test-helpers';

/**
 * The public OAuth clients the extension uses (Zendesk kind "public", Zoho mobile-based): no
 * secret, an S256 code_challenge on the authorize page, the code_verifier on the exchange; and the
 * vendors' revocation endpoints, after which a token no longer authenticates.
 */
const sandbox = useSandbox([ZENDESK_SPEC]);
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/cb';
const VERIFIER = 'public-client-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const acme = (path: string, init: RequestInit = {}) => call(sandbox.current, ACME, path, init);
const accounts = (path: string, init: RequestInit = {}) => call(sandbox.current, ACCOUNTS_HOST, path, init);
const redirectOf = (reply: { headers: Headers }) => new URL(reply.headers.get('location') ?? '');

async function zendeskCode(query: string): Promise<URL> {
  const reply = await acme(`/oauth/authorizations/new?response_type=code&client_id=${ZENDESK.publicClient.id}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=read%20write&state=p1${query}`);
  expect(reply.status).toBe(302);
  return redirectOf(reply);
}

async function zendeskTokens(): Promise<Record<string, any>> {
  const code = (await zendeskCode(`&code_challenge=${CHALLENGE}&code_challenge_method=S256`)).searchParams.get('code') ?? '';
  return obj(await acme('/oauth/tokens', jsonInit('POST', {
    grant_type: 'authorization_code', code, client_id: ZENDESK.publicClient.id, redirect_uri: REDIRECT, code_verifier: VERIFIER,
  })));
}

async function zohoCode(query: string): Promise<URL> {
  const reply = await accounts(`/oauth/v2/auth?response_type=code&client_id=${ZOHO.publicClient.id}&scope=Desk.basic.READ&redirect_uri=${encodeURIComponent(REDIRECT)}&access_type=offline&state=z1${query}`);
  expect(reply.status).toBe(302);
  return redirectOf(reply);
}

const zohoToken = (fields: Record<string, string>) => accounts(`/oauth/v2/token?${new URLSearchParams({ client_id: ZOHO.publicClient.id, ...fields })}`, { method: 'POST' });

describe('Zendesk public client (kind "public", PKCE)', () => {
  it('refuses an authorize request without an S256 challenge', async () => {
    expect((await zendeskCode('')).searchParams.get('error')).toBe('invalid_request');
    expect((await zendeskCode(`&code_challenge=${VERIFIER}&code_challenge_method=plain`)).searchParams.get('error')).toBe('invalid_request');
  });

  it('exchanges the code with its verifier and no secret, once; a wrong or missing verifier gets invalid_grant', async () => {
    const code = (await zendeskCode(`&code_challenge=${CHALLENGE}&code_challenge_method=S256`)).searchParams.get('code') ?? '';
    const exchange = (extra: Record<string, string>) =>
      acme('/oauth/tokens', jsonInit('POST', { grant_type: 'authorization_code', code, client_id: ZENDESK.publicClient.id, redirect_uri: REDIRECT, ...extra }));
    expect(obj(await exchange({})).error).toBe('invalid_grant');
    expect(obj(await exchange({ code_verifier: 'not-the-verifier' })).error).toBe('invalid_grant');
    const tokens = obj(await exchange({ code_verifier: VERIFIER }));
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read write' });
    expect((await acme('/api/v2/brands', { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(200);
    // Refreshing needs no secret either.
    const refreshed = obj(await acme('/oauth/tokens', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: ZENDESK.publicClient.id })));
    expect(refreshed.access_token).toEqual(expect.any(String));
  });

  it('still asks the confidential client for its secret', async () => {
    const reply = await acme('/oauth/tokens', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: ZENDESK.acme.oauth.refresh, client_id: ZENDESK.client.id }));
    expect(reply.status).toBe(401);
    expect(obj(reply).error).toBe('invalid_client');
  });

  it('revokes the calling token and its refresh token (RevokeOAuthToken, id "current")', async () => {
    const tokens = await zendeskTokens();
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const revoked = await acme('/api/v2/oauth/tokens/current.json', { method: 'DELETE', headers: bearer });
    expect(revoked.status).toBe(204);
    await contract(ZENDESK_SPEC, revoked);
    expect((await acme('/api/v2/brands', { headers: bearer })).status).toBe(401);
    const refresh = await acme('/oauth/tokens', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: ZENDESK.publicClient.id }));
    expect(obj(refresh).error).toBe('invalid_grant');
    const { requests } = await control(sandbox.current, 'GET', '/counters');
    expect(requests['zendesk DELETE /api/v2/oauth/tokens/{oauth_token_id}']).toBe(1);
    // Other grants of the same user live on (another browser's sign-in, the seeded token).
    expect((await acme('/api/v2/brands', { headers: { authorization: `Bearer ${ZENDESK.acme.oauth.access}` } })).status).toBe(200);
  });

  it('has no token record to revoke for an API token', async () => {
    const reply = await acme('/api/v2/oauth/tokens/current', { method: 'DELETE', headers: { authorization: zendeskToken() } });
    expect(reply.status).toBe(404);
  });
});

describe('Zoho mobile-based client (public, PKCE)', () => {
  it('refuses an authorize request without an S256 challenge', async () => {
    expect((await zohoCode('')).searchParams.get('error')).toBe('invalid_request');
  });

  it('exchanges the code with its verifier and no secret; the wrong verifier gets invalid_code', async () => {
    const code = (await zohoCode(`&code_challenge=${CHALLENGE}&code_challenge_method=S256`)).searchParams.get('code') ?? '';
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    expect(obj(await zohoToken({ ...fields, code_verifier: 'not-the-verifier' }))).toEqual({ error: 'invalid_code' });
    const tokens = obj(await zohoToken({ ...fields, code_verifier: VERIFIER }));
    expect(tokens.refresh_token).toMatch(/^1000\./);
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders(tokens.access_token) })).status).toBe(200);
    expect(obj(await zohoToken({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).access_token).toEqual(expect.any(String));
  });

  it('revokes a refresh token with the access tokens made from it, and nothing else', async () => {
    const code = (await zohoCode(`&code_challenge=${CHALLENGE}&code_challenge_method=S256`)).searchParams.get('code') ?? '';
    const tokens = obj(await zohoToken({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER }));
    const refreshed = obj(await zohoToken({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }));
    expect(obj(await accounts(`/oauth/v2/token/revoke?token=${tokens.refresh_token}`, { method: 'POST' }))).toEqual({ status: 'success' });
    for (const access of [tokens.access_token, refreshed.access_token]) {
      expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders(access) })).status).toBe(401);
    }
    expect(obj(await zohoToken({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }))).toEqual({ error: 'invalid_code' });
    // The seeded sign-in of the same user is another grant: it still works.
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders() })).status).toBe(200);
  });
});
