import { describe, expect, it } from 'vitest';
import { memoryTokenStore, OAuthSession, requestTokens } from '../../../core/vendors/oauth';
import { TransientError } from '../../../core/vendors/http';

const URL_ = 'https://accounts.zoho.eu/oauth/v2/token';
const answering = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
const THROTTLED = { error: 'Access Denied', error_description: 'You have made too many requests continuously. Please try again after some time.' };

describe("a token endpoint's answer", () => {
  it.each([400, 200, 429])("takes Zoho's 'too many requests' for a wait, not a dead grant (HTTP %i)", async (status) => {
    const outcome = requestTokens({ vendor: 'zoho_crm', url: URL_, params: { grant_type: 'refresh_token' }, fetch: answering(status, THROTTLED) });
    await expect(outcome).rejects.toBeInstanceOf(TransientError);
    await expect(outcome).rejects.toThrow(/too many requests/);
  });

  it('keeps a refusal of the grant a refusal', async () => {
    const outcome = await requestTokens({ vendor: 'zoho_crm', url: URL_, params: { grant_type: 'refresh_token' }, fetch: answering(200, { error: 'invalid_code' }) });
    expect(outcome).toEqual({ ok: false, error: 'invalid_code' });
  });

  it('offers the same refresh token again after a throttled refresh, never after a refused one', async () => {
    const answers = [answering(400, THROTTLED), answering(200, { access_token: 'fresh', expires_in_sec: 3600 })];
    const calls: string[] = [];
    const session = new OAuthSession({
      store: memoryTokenStore({ accessToken: 'old', refreshToken: 'r1' }),
      scheme: 'Zoho-oauthtoken',
      refresh: (token) => {
        calls.push(token);
        return requestTokens({ vendor: 'zoho_crm', url: URL_, params: { refresh_token: token }, fetch: answers.shift()! });
      },
    });
    await expect(session.renew()).rejects.toBeInstanceOf(TransientError);
    expect(await session.renew()).toBe(true);
    expect(calls).toEqual(['r1', 'r1']);
    expect(await session.headers()).toEqual({ authorization: 'Zoho-oauthtoken fresh' });
  });
});
