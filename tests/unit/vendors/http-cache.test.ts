import { describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../../core/background/sandbox-hosts';
import { VendorClient } from '../../../core/vendors/http';
import { ZendeskSessionAuth } from '../../../core/vendors/zendesk/auth';

/**
 * Issue #12: the session sign-in hung behind Chromium's HTTP cache lock (a GET waits for another of
 * the same URL still in flight, the agent's own tab asking Zendesk who they are). Vendor reads never
 * use the browser's cache, in the shipped client and through the sandbox flavour's detour alike.
 */
describe('vendor reads bypass the browser’s HTTP cache', () => {
  it('VendorClient asks fetch for no-store', async () => {
    const seen: RequestCache[] = [];
    const fetchFake: typeof fetch = async (input) => {
      seen.push((input as Request).cache);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = new VendorClient('zendesk', {
      endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: 'https://acme.zendesk.com' },
      auth: { headers: async () => ({}), renew: async () => false },
      fetch: fetchFake,
    }, () => ({ message: 'x' }));
    await client.request({ method: 'GET', path: 'api/v2/users/me', endpoint: 'GET /api/v2/users/me' });
    expect(seen).toEqual(['no-store']);
  });

  it('the session’s CSRF read asks for no-store too', async () => {
    const seen: (RequestCache | undefined)[] = [];
    const auth = new ZendeskSessionAuth({
      apiBase: 'https://acme.zendesk.com',
      fetch: async (_input, init) => {
        seen.push(init?.cache);
        return new Response(JSON.stringify({ user: { id: 1, authenticity_token: 't' } }), { status: 200 });
      },
    });
    await auth.renew();
    expect(seen).toEqual(['no-store']);
  });

  it('the sandbox flavour’s detour keeps what the client asked of the cache', async () => {
    const seen: RequestCache[] = [];
    const detour = sandboxFetch(async (input) => {
      seen.push((input as Request).cache);
      return new Response('{}');
    }, 8787);
    await detour(new Request('https://acme.zendesk.com/api/v2/users/me.json', { cache: 'no-store' }));
    expect(seen).toEqual(['no-store']);
  });
});
