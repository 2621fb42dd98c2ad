import type { OAuthConfig } from '../../../core/background';

/**
 * A Zoho sign-in without a network: launchWebAuthFlow answered at once with a code, the token
 * endpoint and the discovery calls (core/vendors/zoho/discover.ts) answered from `answers`.
 * `hang` makes the discovery call never answer (a vendor that does not say).
 */
export interface FakeZoho {
  oauth: OAuthConfig;
  fetch: typeof fetch;
  calls: string[];
}

export function fakeZohoSignIn(options: { hang?: boolean; networks?: { id: string; name: string; url?: string; isDefault?: string }[] } = {}): FakeZoho {
  const calls: string[] = [];
  const networks = options.networks ?? [
    { id: '9001', name: 'Acme Intranet', url: 'https://connect.zoho.com/portal/acmeintranet', isDefault: 'true' },
    { id: '9002', name: 'Acme Partner Hub', url: 'https://connect.zoho.com/portal/acmepartners' },
  ];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.host}${url.pathname}`);
    if (url.pathname === '/oauth/v2/token') return json({ access_token: 'zoho-access', refresh_token: 'zoho-refresh', expires_in: 3600, api_domain: 'https://www.zohoapis.com' });
    if (url.pathname === '/pulse/api/allScopes') {
      if (options.hang) return new Promise<Response>(() => undefined);
      return json({ allScopes: { scopes: networks } });
    }
    if (url.pathname === '/api/v1/organizations') return json({ data: [{ id: '701', companyName: 'Acme Support', portalName: 'acme', isDefault: true }] });
    if (url.pathname === '/crm/v8/org') return json({ org: [{ id: '5000', zgid: '800000001', company_name: 'Acme Corp' }] });
    return new Response('{}', { status: 404 });
  };
  const oauth: OAuthConfig = {
    clients: { zoho: { clientId: 'zoho-public' } },
    redirectUri: 'https://portier.chromiumapp.org/',
    authorize: async (url) => {
      const state = new URL(url).searchParams.get('state') ?? '';
      return `https://portier.chromiumapp.org/?code=zoho-code&state=${encodeURIComponent(state)}`;
    },
  };
  return { oauth, fetch: fakeFetch, calls };
}
