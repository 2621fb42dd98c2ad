import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONNECT_SPEC } from './contract';
import { CRM_PORTALS, DESK_CONTACT, DESK_HELPCENTER, ZENDESK_SPEC } from './contract/operations';
import { DESK, ZENDESK, ZOHO } from './seed';
import {
  ACCOUNTS_HOST, ACME, CONNECT_HOST, CRM_HOST, DESK_HOST, call, contract, control, jsonInit, obj, useSandbox, zendeskToken, zohoHeaders,
} from './test-helpers';

const sandbox = useSandbox([ZENDESK_SPEC, DESK_CONTACT, DESK_HELPCENTER, CRM_PORTALS]);
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/cb';
const acme = (path: string, init: RequestInit = {}) => call(sandbox.current, ACME, path, init);

describe('Zendesk authentication', () => {
  it.each([
    ['no credentials', {}],
    ['a wrong API token', { authorization: zendeskToken('ava.admin@acme.co', 'nope') }],
    ['a password instead of a token', { authorization: `Basic ${Buffer.from('ava.admin@acme.co:secret').toString('base64')}` }],
    ['an unknown session', { cookie: '_zendesk_session=nope' }],
  ])('answers 401 "Couldn\'t authenticate you" to %s', async (_label, headers) => {
    const reply = await acme('/api/v2/users/search?query=email:x@y.com', { headers });
    expect(reply.status).toBe(401);
    expect(obj(reply)).toEqual({ error: "Couldn't authenticate you" });
    await contract(ZENDESK_SPEC, reply);
  });

  it('shows an anonymous caller as the anonymous user (ShowCurrentUser is allowed for anonymous users)', async () => {
    const reply = await acme('/api/v2/users/me');
    expect(obj(reply).user).toMatchObject({ name: 'Anonymous user', role: 'end-user' });
    await contract(ZENDESK_SPEC, reply);
  });

  it('answers an unknown bearer token with invalid_token and WWW-Authenticate', async () => {
    const reply = await acme('/api/v2/brands', { headers: { authorization: 'Bearer nope' } });
    expect(reply.status).toBe(401);
    expect(obj(reply).error).toBe('invalid_token');
    expect(reply.headers.get('www-authenticate')).toContain('invalid_token');
    await contract(ZENDESK_SPEC, reply);
  });

  it('takes the agent’s session cookie, with X-CSRF-Token on writes', async () => {
    const { cookie, csrf } = ZENDESK.acme.sessions.agent;
    const session = { cookie: `_zendesk_session=${cookie}` };
    const me = await acme('/api/v2/users/me', { headers: session });
    expect(obj(me).user).toMatchObject({ id: ZENDESK.acme.users.agent, authenticity_token: csrf });
    const body = { user: { name: 'Via Session', email: 'via.session@contoso.com' } };
    const refused = await acme('/api/v2/users', jsonInit('POST', body, session));
    expect(refused.status).toBe(403);
    await contract(ZENDESK_SPEC, refused);
    expect((await acme('/api/v2/users', jsonInit('POST', body, { ...session, 'x-csrf-token': csrf }))).status).toBe(201);
  });

  it('refuses an end user’s session everything but /users/me (NOT_AN_AGENT)', async () => {
    const { cookie, csrf } = ZENDESK.acme.sessions.endUser;
    const headers = { cookie: `_zendesk_session=${cookie}`, 'x-csrf-token': csrf };
    expect((await acme('/api/v2/users/me', { headers })).status).toBe(200);
    const reply = await acme('/api/v2/users', jsonInit('POST', { user: { name: 'X', email: 'x@contoso.com' } }, headers));
    expect(reply.status).toBe(403);
    await contract(ZENDESK_SPEC, reply);
  });

  it('runs the OAuth code flow with PKCE, scopes, refresh rotation and expiry', async () => {
    const verifier = 'sandbox-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = await acme(`/oauth/authorizations/new?response_type=code&client_id=${ZENDESK.client.id}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=read&state=s1&code_challenge=${challenge}&code_challenge_method=S256`);
    expect(authorize.status).toBe(302);
    const back = new URL(authorize.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('s1');
    const code = back.searchParams.get('code') ?? '';
    const exchange = (extra: Record<string, string>) => acme('/oauth/tokens', jsonInit('POST', {
      grant_type: 'authorization_code', code, client_id: ZENDESK.client.id, client_secret: ZENDESK.client.secret, redirect_uri: REDIRECT, ...extra,
    }));
    expect(obj(await exchange({ code_verifier: 'wrong' })).error).toBe('invalid_grant');
    const tokens = obj(await exchange({ code_verifier: verifier }));
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read', expires_in: 3600 });
    expect(obj(await exchange({ code_verifier: verifier })).error).toBe('invalid_grant');

    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    expect((await acme('/api/v2/brands', { headers: bearer })).status).toBe(200);
    const write = await acme('/api/v2/users', jsonInit('POST', { user: { name: 'X', email: 'x@contoso.com' } }, bearer));
    expect(obj(write).description).toBe('You are missing the following required scopes: write');

    const refreshed = obj(await acme('/oauth/tokens', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: ZENDESK.client.id, client_secret: ZENDESK.client.secret })));
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await acme('/api/v2/brands', { headers: bearer })).status).toBe(401);
    const reused = await acme('/oauth/tokens', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: ZENDESK.client.id, client_secret: ZENDESK.client.secret }));
    expect(obj(reused).error).toBe('invalid_grant');

    await control(sandbox.current, 'POST', '/time', { advanceSec: 3601 });
    expect((await acme('/api/v2/brands', { headers: { authorization: `Bearer ${refreshed.access_token}` } })).status).toBe(401);
  });

  it('refuses an unknown client', async () => {
    const reply = await acme('/oauth/tokens', jsonInit('POST', { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'nope', client_secret: 'nope' }));
    expect(reply.status).toBe(401);
    expect(obj(reply).error).toBe('invalid_client');
  });
});

describe('Zoho authentication', () => {
  it('answers each product’s own 401 to a missing or invalid token', async () => {
    const desk = await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: { orgId: DESK.orgId } });
    expect(obj(desk)).toMatchObject({ errorCode: 'INVALID_OAUTH' });
    await contract(DESK_HELPCENTER, desk);
    const bearer = await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: { orgId: DESK.orgId, authorization: `Bearer ${ZOHO.tokens.adminAccess}` } });
    expect(bearer.status).toBe(401);
    const crm = await call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals', { headers: zohoHeaders('1000.nope.nope') });
    expect(obj(crm)).toMatchObject({ code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' });
    await contract(CRM_PORTALS, crm);
    const missing = await call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals');
    expect(obj(missing).code).toBe('AUTHENTICATION_FAILURE');
    const connect = await call(sandbox.current, CONNECT_HOST, '/pulse/api/allScopes', { headers: zohoHeaders('1000.nope.nope') });
    expect(connect.status).toBe(401);
    await contract(CONNECT_SPEC, connect);
  });

  it('answers a missing scope with SCOPE_MISMATCH / OAUTH_SCOPE_MISMATCH', async () => {
    const readOnly = zohoHeaders(ZOHO.tokens.readOnlyAccess);
    const desk = await call(sandbox.current, DESK_HOST, `/api/v1/contacts/${DESK.contacts.eligible}/inviteAsEndUser`, jsonInit('POST', { helpCenterId: DESK.helpCenters.main }, readOnly));
    expect(obj(desk).errorCode).toBe('SCOPE_MISMATCH');
    await contract(DESK_CONTACT, desk);
    const crm = await call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals', { headers: readOnly });
    expect(obj(crm).code).toBe('OAUTH_SCOPE_MISMATCH');
  });

  it('answers OAUTH_ORG_MISMATCH for an organisation the user is not in', async () => {
    const reply = await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders(undefined, { orgId: '999' }) });
    expect(obj(reply).errorCode).toBe('OAUTH_ORG_MISMATCH');
    await contract(DESK_HELPCENTER, reply);
  });

  it('runs the accounts flow: code with location, tokens, refresh, one-hour expiry', async () => {
    const authorize = await call(sandbox.current, ACCOUNTS_HOST, `/oauth/v2/auth?response_type=code&client_id=${ZOHO.client.id}&scope=Desk.contacts.READ,Desk.basic.READ&redirect_uri=${encodeURIComponent(REDIRECT)}&access_type=offline&state=z1&login_hint=${ZOHO.users.agent.email}`);
    const back = new URL(authorize.headers.get('location') ?? '');
    expect(back.searchParams.get('location')).toBe('us');
    expect(back.searchParams.get('accounts-server')).toBe(sandbox.current.vendorUrl(ACCOUNTS_HOST));
    const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const tokens = obj(await call(sandbox.current, ACCOUNTS_HOST, '/oauth/v2/token', form({
      grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', client_id: ZOHO.client.id, client_secret: ZOHO.client.secret, redirect_uri: REDIRECT,
    })));
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, api_domain: sandbox.current.vendorUrl('www.zohoapis.localhost') });
    expect(tokens.refresh_token).toMatch(/^1000\./);
    const hcs = await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders(tokens.access_token) });
    expect(hcs.status).toBe(200);

    await control(sandbox.current, 'POST', '/tokens', { ttlSec: 60 });
    const refreshed = obj(await call(sandbox.current, ACCOUNTS_HOST, `/oauth/v2/token?grant_type=refresh_token&client_id=${ZOHO.client.id}&client_secret=${ZOHO.client.secret}&refresh_token=${tokens.refresh_token}`, { method: 'POST' }));
    expect(refreshed).toMatchObject({ expires_in: 60 });
    expect(refreshed.refresh_token).toBeUndefined();
    await control(sandbox.current, 'POST', '/time', { advanceSec: 61 });
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders(refreshed.access_token) })).status).toBe(401);
    // The first token keeps the hour it was issued with.
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders(tokens.access_token) })).status).toBe(200);
    await control(sandbox.current, 'POST', '/time', { advanceSec: 3600 });
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders(tokens.access_token) })).status).toBe(401);
  });

  it('answers token errors in the body, and the legacy client with expires_in_sec', async () => {
    const token = (q: string) => call(sandbox.current, ACCOUNTS_HOST, `/oauth/v2/token?${q}`, { method: 'POST' });
    expect(obj(await token(`grant_type=authorization_code&code=nope&client_id=${ZOHO.client.id}&client_secret=${ZOHO.client.secret}&redirect_uri=${REDIRECT}`))).toEqual({ error: 'invalid_code' });
    expect(obj(await token('grant_type=refresh_token&refresh_token=x&client_id=nope&client_secret=nope'))).toEqual({ error: 'invalid_client' });
    const legacy = obj(await token(`grant_type=refresh_token&client_id=${ZOHO.legacyClient.id}&client_secret=${ZOHO.legacyClient.secret}&refresh_token=${await legacyRefresh()}`));
    expect(legacy).toMatchObject({ expires_in_sec: 3600, expires_in: 3_600_000 });
  });
});

describe('Zoho web session (the agent pages’ own calls) [SANDBOX]', () => {
  const { cookie, csrf } = ZOHO.sessions.admin;
  const session = { cookie: `_iamadt=${cookie}; crmcsr=${csrf}` };

  it('reads every Zoho app with the session cookie, and refuses an unknown session', async () => {
    const desk = await call(sandbox.current, DESK_HOST, `/api/v1/contacts/${DESK.contacts.htmlName}`, { headers: { ...session, orgId: DESK.orgId } });
    expect(desk.status).toBe(200);
    await contract(DESK_CONTACT, desk);
    expect((await call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals', { headers: session })).status).toBe(200);
    expect((await call(sandbox.current, CONNECT_HOST, '/pulse/api/allScopes', { headers: session })).status).toBe(200);
    const unknown = await call(sandbox.current, CRM_HOST, '/crm/v8/settings/portals', { headers: { cookie: '_iamadt=nope' } });
    expect(obj(unknown).code).toBe('INVALID_TOKEN');
  });

  it('needs X-ZCSRF-TOKEN: crmcsrfparam=<crmcsr> on writes', async () => {
    const path = `/api/v1/contacts/${DESK.contacts.eligible}/inviteAsEndUser`;
    const body = { helpCenterId: DESK.helpCenters.main };
    const refused = await call(sandbox.current, DESK_HOST, path, jsonInit('POST', body, { ...session, orgId: DESK.orgId }));
    expect(refused.status).toBe(401);
    expect(obj(refused).errorCode).toBe('UNAUTHORIZED');
    await contract(DESK_CONTACT, refused);
    const wrong = await call(sandbox.current, DESK_HOST, path, jsonInit('POST', body, { ...session, orgId: DESK.orgId, 'x-zcsrf-token': 'crmcsrfparam=nope' }));
    expect(wrong.status).toBe(401);
    const sent = await call(sandbox.current, DESK_HOST, path, jsonInit('POST', body, { ...session, orgId: DESK.orgId, 'x-zcsrf-token': `crmcsrfparam=${csrf}` }));
    expect(sent.status).toBe(204);
  });

  it('does not spend Desk API credits (NOTES.md §2.7), where a token does', async () => {
    await control(sandbox.current, 'POST', '/limits', { key: `zoho_desk:${DESK.orgId}`, limit: 1 });
    const headers = { ...session, orgId: DESK.orgId };
    for (let i = 0; i < 3; i++) expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers })).status).toBe(200);
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders() })).status).toBe(200);
    expect((await call(sandbox.current, DESK_HOST, '/api/v1/helpCenters', { headers: zohoHeaders() })).status).toBe(429);
  });
});

/** A refresh token of the legacy client, through the authorize → token flow. */
async function legacyRefresh(): Promise<string> {
  const authorize = await call(sandbox.current, ACCOUNTS_HOST, `/oauth/v2/auth?response_type=code&client_id=${ZOHO.legacyClient.id}&scope=Desk.basic.READ&redirect_uri=${encodeURIComponent(REDIRECT)}&access_type=offline`);
  const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = obj(await call(sandbox.current, ACCOUNTS_HOST, `/oauth/v2/token?grant_type=authorization_code&code=${code}&client_id=${ZOHO.legacyClient.id}&client_secret=${ZOHO.legacyClient.secret}&redirect_uri=${encodeURIComponent(REDIRECT)}`, { method: 'POST' }));
  return String(tokens.refresh_token);
}
