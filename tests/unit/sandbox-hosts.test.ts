import { describe, expect, it } from 'vitest';
import { redirectFromSandbox, sandboxFetch, sandboxHostOf, toSandboxUrl } from '../../core/background/sandbox-hosts';
import type { Account } from '../../core/model';
import { VENDORS } from '../../core/vendors';
import { ZOHO_ACCOUNTS_SERVERS } from '../../core/vendors/zoho/auth';
import { resolveSite } from '../sandbox/hosts';

/**
 * The sandbox flavour's detour (core/background/sandbox-hosts.ts): every production origin the
 * connectors and the OAuth code call lands on the sandbox host of the same product, path and query
 * kept; nothing else moves.
 */
const PORT = 8787;

describe('toSandboxUrl', () => {
  it.each([
    ['https://acme.zendesk.com/api/v2/users/create_many.json?x=1', 'http://acme.zendesk.localhost:8787/api/v2/users/create_many.json?x=1'],
    ['https://globex.zendesk.com/oauth/tokens', 'http://globex.zendesk.localhost:8787/oauth/tokens'],
    ['https://desk.zoho.com/api/v1/contacts/42/inviteAsEndUser', 'http://desk.zoho.localhost:8787/api/v1/contacts/42/inviteAsEndUser'],
    ['https://desk.zoho.eu/api/v1/helpCenters?orgId=7', 'http://desk.zoho.localhost:8787/api/v1/helpCenters?orgId=7'],
    ['https://desk.zohocloud.ca/api/v1/helpCenters', 'http://desk.zoho.localhost:8787/api/v1/helpCenters'],
    ['https://www.zohoapis.com/crm/v8/Contacts/actions/portal_invite?job_id=9', 'http://www.zohoapis.localhost:8787/crm/v8/Contacts/actions/portal_invite?job_id=9'],
    ['https://www.zohoapis.com.au/crm/v8/settings/portals', 'http://www.zohoapis.localhost:8787/crm/v8/settings/portals'],
    ['https://www.zohoapis.ca/crm/v8/settings/portals', 'http://www.zohoapis.localhost:8787/crm/v8/settings/portals'],
    ['https://crm.zoho.in/crm/org1/tab/Contacts', 'http://crm.zoho.localhost:8787/crm/org1/tab/Contacts'],
    ['https://connect.zoho.com/pulse/api/allScopes', 'http://connect.zoho.localhost:8787/pulse/api/allScopes'],
    ['https://connect.zoho.jp/pulse/api/inviteUsersToNetwork?scopeID=1', 'http://connect.zoho.localhost:8787/pulse/api/inviteUsersToNetwork?scopeID=1'],
    ['https://accounts.zoho.com/oauth/v2/auth?client_id=a&scope=x,y', 'http://accounts.zoho.localhost:8787/oauth/v2/auth?client_id=a&scope=x,y'],
    ['https://accounts.zoho.com.cn/oauth/v2/token', 'http://accounts.zoho.localhost:8787/oauth/v2/token'],
    ['https://accounts.zohocloud.ca/oauth/v2/token', 'http://accounts.zoho.localhost:8787/oauth/v2/token'],
  ])('%s → %s', (from, to) => {
    expect(toSandboxUrl(from, PORT)).toBe(to);
  });

  it.each([
    // Already the sandbox, plain http, or not a vendor host: as given.
    'http://acme.zendesk.localhost:8787/api/v2/users',
    'http://acme.zendesk.com/api/v2/users',
    'https://example.com/zendesk.com',
    'https://acme.zendesk.com.evil.test/api',
    'https://help.acme.zendesk.example/api',
    'https://mail.zoho.com/api',
    'https://desk.zoho.co.uk/api/v1/contacts',
    'https://zendesk.com/api/v2/users',
    'not a url',
  ])('leaves %s alone', (url) => {
    expect(toSandboxUrl(url, PORT)).toBe(url);
  });

  it('sends every registry origin and accounts server to a host the sandbox answers for', () => {
    const account: Account = { id: 'x', vendor: 'zendesk', label: 'x', subdomain: 'acme', orgId: '1', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: '2026-01-01T00:00:00Z' };
    const credentials = { kind: 'api_token', email: 'a@b.co', token: 't' } as const;
    const origins: string[] = [...Object.values(ZOHO_ACCOUNTS_SERVERS)];
    for (const dataCenter of ['com', 'eu', 'in', 'com.au', 'jp', 'com.cn', 'sa', 'ca']) {
      for (const entry of Object.values(VENDORS)) origins.push(entry.endpoint({ ...account, dataCenter }, credentials).apiBase);
    }
    for (const origin of origins) {
      const host = new URL(toSandboxUrl(`${origin}/x`, PORT)).host;
      expect(host, origin).toMatch(/\.localhost:8787$/);
      expect(resolveSite(host, undefined).kind, origin).not.toBe('unknown');
    }
  });
});

describe('sandboxHostOf', () => {
  it('keeps the Zendesk subdomain and ignores case', () => {
    expect(sandboxHostOf('Globex.Zendesk.com')).toBe('globex.zendesk.localhost');
    expect(sandboxHostOf('a.b.zendesk.com')).toBeUndefined();
  });
});

describe('sandboxFetch', () => {
  function recorder() {
    const calls: { url: string; method: string; body: string; header: string | null }[] = [];
    const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      calls.push({ url: request.url, method: request.method, body: await request.text(), header: request.headers.get('authorization') });
      return new Response('{}');
    }) as typeof fetch;
    return { calls, base };
  }

  it('rewrites a string, a URL and a Request, keeping method, headers and body', async () => {
    const { calls, base } = recorder();
    const fetchVia = sandboxFetch(base, 4321);
    await fetchVia('https://acme.zendesk.com/api/v2/users/me', { headers: { authorization: 'Basic x' } });
    await fetchVia(new URL('https://accounts.zoho.eu/oauth/v2/token?a=1'), { method: 'POST', body: 'grant_type=x' });
    await fetchVia(new Request('https://www.zohoapis.com/crm/v8/Contacts/actions/portal_invite', {
      method: 'POST', headers: { authorization: 'Zoho-oauthtoken t' }, body: '{"portal_invite":[]}',
    }));
    expect(calls).toEqual([
      { url: 'http://acme.zendesk.localhost:4321/api/v2/users/me', method: 'GET', body: '', header: 'Basic x' },
      { url: 'http://accounts.zoho.localhost:4321/oauth/v2/token?a=1', method: 'POST', body: 'grant_type=x', header: null },
      { url: 'http://www.zohoapis.localhost:4321/crm/v8/Contacts/actions/portal_invite', method: 'POST', body: '{"portal_invite":[]}', header: 'Zoho-oauthtoken t' },
    ]);
  });

  it('passes other requests through untouched', async () => {
    const { calls, base } = recorder();
    const request = new Request('http://www.zohoapis.localhost:4321/crm/v8/Contacts/1');
    let given: unknown;
    await sandboxFetch((async (input: RequestInfo | URL, init?: RequestInit) => {
      given = input;
      return base(input, init);
    }) as typeof fetch, 4321)(request);
    expect(given).toBe(request);
    expect(calls[0]?.url).toBe('http://www.zohoapis.localhost:4321/crm/v8/Contacts/1');
  });
});

describe('redirectFromSandbox', () => {
  const back = 'https://abc.chromiumapp.org/?state=s&code=c&location=us';

  it('names the production accounts server the flow started at instead of the sandbox', () => {
    const redirect = `${back}&accounts-server=${encodeURIComponent('http://accounts.zoho.localhost:40123')}`;
    const url = new URL(redirectFromSandbox(redirect, 'https://accounts.zoho.eu'));
    expect(url.searchParams.get('accounts-server')).toBe('https://accounts.zoho.eu');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ state: 's', code: 'c', location: 'us' });
    expect(new URL(redirectFromSandbox(redirect)).searchParams.get('accounts-server')).toBe('https://accounts.zoho.com');
  });

  it.each([
    [back],
    [`${back}&accounts-server=${encodeURIComponent('https://accounts.zoho.eu')}`],
    [`${back}&accounts-server=${encodeURIComponent('https://evil.test')}`],
    ['https://abc.chromiumapp.org/?error=access_denied'],
    ['not a url'],
  ])('leaves %s as it is', (redirect) => {
    expect(redirectFromSandbox(redirect)).toBe(redirect);
  });
});
