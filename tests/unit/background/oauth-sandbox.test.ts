import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundService, memoryCredentialStore, type OAuthConfig } from '../../../core/background';
import { redirectFromSandbox, sandboxFetch as detourToSandbox, toSandboxUrl } from '../../../core/background/sandbox-hosts';
import type { Credentials } from '../../../core/credentials';
import type { PortierDb } from '../../../core/db';
import type { ConnectAccount, MessageResponse } from '../../../core/messages';
import { sandboxFetch } from '../../sandbox/fetch';
import { DESK, ZENDESK, ZOHO } from '../../sandbox/seed';
import { call, control, useSandbox, zohoHeaders } from '../../sandbox/test-helpers';
import { freshDb } from '../jobs/helpers';

/**
 * The background's OAuth against the sandbox, as the extension does it: public clients (no secret),
 * a fresh PKCE verifier per sign-in, and on disconnect the token revoked at the vendor before it is
 * deleted here; a vendor that does not answer never keeps the credentials here.
 */
const sb = useSandbox();
const PANEL = { kind: 'panel' } as const;
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const ZENDESK_ACCOUNT = { vendor: 'zendesk', subdomain: ZENDESK.acme.subdomain, auth: { kind: 'oauth' } } as const satisfies ConnectAccount;
const DESK_ACCOUNT = { vendor: 'zoho_desk', dataCenter: 'com', orgId: DESK.orgId, auth: { kind: 'oauth' } } as const satisfies ConnectAccount;
const DESK_ID = `com:${DESK.orgId}`;

interface Sent {
  url: string;
  method: string;
  body: string;
}

let open: { service: BackgroundService; db: PortierDb } | undefined;

afterEach(async () => {
  await open?.service.idle();
  open?.db.close();
  open = undefined;
});

/** The service with the sandbox flavour's detour, and launchWebAuthFlow played by following the authorize page's redirect. */
function setup(clients: OAuthConfig['clients'] = { zendesk: { clientId: ZENDESK.publicClient.id }, zoho: { clientId: ZOHO.publicClient.id } }) {
  const port = sb.current.port;
  const sent: Sent[] = [];
  const authorizeUrls: string[] = [];
  const viaSandbox = detourToSandbox(sandboxFetch, port);
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, method: request.method, body: request.method === 'GET' ? '' : await request.clone().text() });
    return viaSandbox(request);
  };
  const oauth: OAuthConfig = {
    clients,
    redirectUri: REDIRECT,
    authorize: async (url) => {
      authorizeUrls.push(url);
      const answer = await sandboxFetch(toSandboxUrl(url, port), { redirect: 'manual' });
      return redirectFromSandbox(answer.headers.get('location') ?? '', new URL(url).origin);
    },
  };
  const credentials = memoryCredentialStore();
  const db = freshDb();
  const service = new BackgroundService({ db, credentials, oauth, fetch: recording });
  open = { service, db };
  const ask = (message: Record<string, unknown>) => service.handle(message, PANEL) as Promise<MessageResponse>;
  return { sent, authorizeUrls, credentials, db, service, ask };
}

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return Buffer.from(digest).toString('base64url');
}

const tokenCalls = (sent: Sent[]) => sent.filter((s) => s.method === 'POST' && /\/oauth\/(tokens|v2\/token)$/.test(new URL(s.url).pathname));
const requests = async () => (await control(sb.current, 'GET', '/counters')).requests as Record<string, number>;
const oauthTokens = (c: Credentials | undefined) => (c?.kind === 'oauth' ? c.tokens : undefined);

describe('connecting with OAuth as a public client', () => {
  it('sends an S256 challenge, exchanges with its verifier and no secret, and a new verifier each sign-in', async () => {
    const s = setup();
    for (const account of [ZENDESK_ACCOUNT, DESK_ACCOUNT, DESK_ACCOUNT]) {
      expect(await s.ask({ type: 'connectAccount', account }), account.vendor).toMatchObject({ ok: true, result: { account: { status: 'connected' } } });
    }
    const exchanges = tokenCalls(s.sent).map((c) => new URLSearchParams(c.body));
    expect(exchanges).toHaveLength(3);
    const challenges = s.authorizeUrls.map((u) => new URL(u).searchParams);
    for (const [i, params] of exchanges.entries()) {
      expect(params.get('grant_type')).toBe('authorization_code');
      expect(params.has('client_secret')).toBe(false);
      const verifier = params.get('code_verifier') ?? '';
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(challenges[i]?.get('code_challenge_method')).toBe('S256');
      expect(challenges[i]?.get('code_challenge')).toBe(await s256(verifier));
    }
    expect(new Set(exchanges.map((p) => p.get('code_verifier'))).size).toBe(3);
    expect(new URL(s.authorizeUrls[0] ?? '').origin).toBe('https://acme.zendesk.com');
    expect(new URL(s.authorizeUrls[1] ?? '').origin).toBe('https://accounts.zoho.com');
  });

  it('says what to do when the client named is a confidential one, which wants a secret', async () => {
    const s = setup({ zendesk: { clientId: ZENDESK.client.id } });
    const answer = await s.ask({ type: 'connectAccount', account: ZENDESK_ACCOUNT });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', message: expect.stringMatching(/invalid_client.*public one with PKCE.*token exchange/) } });
    expect(s.credentials.entries.size).toBe(0);
  });
});

describe('disconnecting', () => {
  it('revokes the Zendesk and Zoho tokens at the vendor, then forgets them; they no longer authenticate', async () => {
    const s = setup();
    await s.ask({ type: 'connectAccount', account: ZENDESK_ACCOUNT });
    await s.ask({ type: 'connectAccount', account: DESK_ACCOUNT });
    const zendesk = oauthTokens(await s.credentials.get('acme'))!;
    const desk = oauthTokens(await s.credentials.get(DESK_ID))!;

    expect(await s.ask({ type: 'disconnectAccount', accountId: 'acme' })).toEqual({ ok: true, result: { accountId: 'acme', revocation: 'revoked' } });
    expect(await s.ask({ type: 'disconnectAccount', accountId: DESK_ID })).toEqual({ ok: true, result: { accountId: DESK_ID, revocation: 'revoked' } });
    expect(s.credentials.entries.size).toBe(0);
    expect(await s.db.accounts.count()).toBe(0);

    const counted = await requests();
    expect(counted['zendesk DELETE /api/v2/oauth/tokens/{oauth_token_id}']).toBe(1);
    expect(counted['zoho_accounts POST /oauth/v2/token/revoke']).toBe(1);
    expect((await call(sb.current, 'acme.zendesk.localhost', '/api/v2/users/me', { headers: { authorization: `Bearer ${zendesk.accessToken}` } })).status).toBe(401);
    expect((await call(sb.current, 'desk.zoho.localhost', '/api/v1/helpCenters', { headers: zohoHeaders(desk.accessToken) })).status).toBe(401);
    const refresh = await call(sb.current, 'accounts.zoho.localhost', `/oauth/v2/token?grant_type=refresh_token&client_id=${ZOHO.publicClient.id}&refresh_token=${desk.refreshToken}`, { method: 'POST' });
    expect(refresh.body).toEqual({ error: 'invalid_code' });
  });

  it('refreshes an expired Zendesk token first, so the refresh token is revoked too', async () => {
    const s = setup();
    await s.ask({ type: 'connectAccount', account: ZENDESK_ACCOUNT });
    await control(sb.current, 'POST', '/tokens', { expireNow: true, realm: 'zendesk:acme' });
    expect(await s.ask({ type: 'disconnectAccount', accountId: 'acme' })).toMatchObject({ ok: true, result: { revocation: 'revoked' } });
    const calls = s.sent.map((c) => `${c.method} ${new URL(c.url).pathname}`);
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual(['DELETE /api/v2/oauth/tokens/current.json', 'DELETE /api/v2/oauth/tokens/current.json']);
    expect(tokenCalls(s.sent).map((c) => new URLSearchParams(c.body).get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
    const live = sb.current.state.data.grants.filter((g) => g.realm === 'zendesk:acme' && g.clientId === ZENDESK.publicClient.id && !g.revoked);
    expect(live).toEqual([]);
  });

  it('goes on when the vendor does not answer: the credentials are deleted here and the answer says what is left to do', async () => {
    const s = setup();
    await s.ask({ type: 'connectAccount', account: DESK_ACCOUNT });
    const desk = oauthTokens(await s.credentials.get(DESK_ID))!;
    await control(sb.current, 'POST', '/faults', { path: '/oauth/v2/token/revoke', method: 'POST', kind: '503', count: 5 });
    const answer = await s.ask({ type: 'disconnectAccount', accountId: DESK_ID });
    expect(answer).toMatchObject({ ok: true, result: { accountId: DESK_ID, revocation: 'failed', message: expect.stringMatching(/deleted the credentials from this computer anyway.*Connected Apps/) } });
    expect(s.credentials.entries.size).toBe(0);
    expect(await s.db.accounts.count()).toBe(0);
    // Not revoked: the token still works at the vendor, which is what the message warns of.
    expect((await call(sb.current, 'desk.zoho.localhost', '/api/v1/helpCenters', { headers: zohoHeaders(desk.accessToken) })).status).toBe(200);
  });

  it('says an API token stays valid at Zendesk, and revokes nothing for it', async () => {
    const s = setup();
    const account = { vendor: 'zendesk', subdomain: 'acme', auth: { kind: 'api_token', email: 'ava.admin@acme.co', token: ZENDESK.acme.apiToken } } as const;
    await s.ask({ type: 'connectAccount', account });
    const answer = await s.ask({ type: 'disconnectAccount', accountId: 'acme' });
    expect(answer).toMatchObject({
      ok: true,
      result: {
        revocation: 'kept_at_vendor',
        message: expect.stringMatching(/still works at Zendesk.*Admin Center/),
        localized: { fr: expect.stringMatching(/fonctionne encore chez Zendesk.*Centre d'administration/) },
      },
    });
    expect(s.credentials.entries.size).toBe(0);
    expect((await requests())['zendesk DELETE /api/v2/oauth/tokens/{oauth_token_id}']).toBeUndefined();
  });
});
