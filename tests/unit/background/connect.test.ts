import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { obtainCredentials } from '../../../core/background/connect';
import { VENDORS } from '../../../core/vendors';
import { AuthRequiredError } from '../../../core/vendors/http';
import { fakeZohoSignIn } from './fake-zoho-sign-in';
import { ask, idleAll, refusal, refusalIn, world } from './helpers';

/**
 * Issue #12, item 3: a connection works or says why within seconds, for every method; accounts
 * are named after the product and what the vendor calls them; a Zoho account is picked from what
 * the sign-in reaches, never typed.
 */
afterEach(idleAll);

const STEP_MS = 60;
const SESSION = { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: 'globex', auth: { kind: 'session' } } } as const;

describe('a Zendesk connection', () => {
  it('names the product: "Zendesk Support · globex"', async () => {
    const w = await world({ connectStepMs: STEP_MS });
    const { account } = await ask(w, SESSION);
    expect(account.label).toBe('Zendesk Support · globex');
  });

  it('that does not answer says so within the step’s bound, and keeps nothing', async () => {
    const w = await world({ connectStepMs: STEP_MS, extra: { actor: () => new Promise(() => undefined) } });
    const started = Date.now();
    const error = await refusal(w, SESSION);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toEqual({
      code: 'VENDOR_ERROR',
      message: `Zendesk Support · globex did not answer within 0 s when Portier checked who you are there. Check that globex.zendesk.com opens in this browser, and that you are signed in there, then connect again.`,
    });
    expect(await w.db.accounts.get('globex')).toBeUndefined();
  });

  it('with a session that is signed out says to sign in, not to check credentials', async () => {
    const w = await world({ extra: { actor: async () => Promise.reject(new AuthRequiredError('zendesk', 'GET /api/v2/users/me', 'Zendesk answered as an anonymous user')) } });
    expect(await refusal(w, SESSION)).toEqual({
      code: 'AUTH_FAILED',
      message: 'You are not signed in to globex.zendesk.com in this browser (Zendesk answered as an anonymous visitor). Sign in there in a tab of this browser, then connect again.',
    });
  });

  it('gives up a sign-in window left open, with words', async () => {
    const never = { clients: { zendesk: { clientId: 'z' } }, redirectUri: 'https://x.chromiumapp.org/', authorize: () => new Promise<string>(() => undefined) };
    const deps = { registry: VENDORS, oauth: never, newId: () => 's1', now: () => new Date(), authorizeMs: STEP_MS };
    await expect(obtainCredentials({ vendor: 'zendesk', subdomain: 'acme', auth: { kind: 'oauth' } }, deps)).rejects.toThrow(/sign-in window stayed open 0 minutes without finishing/);
  });
});

describe('a Zoho connection', () => {
  it('signs in first, lists what the sign-in reaches, default first, then connects the one picked with the same sign-in', async () => {
    const zoho = fakeZohoSignIn();
    const w = await world({ vendor: 'zoho_connect', oauth: zoho.oauth, fetch: zoho.fetch, connectStepMs: 2_000 });
    const { signInId, choices } = await ask(w, { type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' });
    expect(choices).toEqual([
      { orgId: '9001', name: 'Acme Intranet', pageName: 'acmeintranet', isDefault: true },
      { orgId: '9002', name: 'Acme Partner Hub', pageName: 'acmepartners' },
    ]);
    const signIns = zoho.calls.filter((c) => c.endsWith('/oauth/v2/token')).length;
    // The options page asks after it while the agent picks (which also keeps the worker up).
    expect(await ask(w, { type: 'zohoSignInAlive', signInId })).toEqual({ alive: true });
    expect(await ask(w, { type: 'zohoSignInAlive', signInId: 'someone-else' })).toEqual({ alive: false });

    const { account } = await ask(w, { type: 'connectAccount', account: { vendor: 'zoho_connect', dataCenter: 'com', orgId: '9002', auth: { kind: 'oauth', signInId } } });
    expect(account).toMatchObject({ id: 'com:9002', label: 'Zoho Connect · Acme Partner Hub (US)', pageNames: ['acmeintranet', 'acmepartners'] });
    // No second sign-in: the pick used the first one's token.
    expect(zoho.calls.filter((c) => c.endsWith('/oauth/v2/token'))).toHaveLength(signIns);

    // A sign-in connects one account.
    expect(await ask(w, { type: 'zohoSignInAlive', signInId })).toEqual({ alive: false });
    expect(await refusal(w, { type: 'connectAccount', account: { vendor: 'zoho_connect', dataCenter: 'com', orgId: '9001', auth: { kind: 'oauth', signInId } } })).toEqual({
      code: 'AUTH_FAILED',
      message: expect.stringMatching(/^This sign-in is over/),
    });
  });

  it('refuses an org the sign-in does not reach', async () => {
    const zoho = fakeZohoSignIn();
    const w = await world({ vendor: 'zoho_connect', oauth: zoho.oauth, fetch: zoho.fetch });
    const { signInId } = await ask(w, { type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' });
    expect(await refusal(w, { type: 'connectAccount', account: { vendor: 'zoho_connect', dataCenter: 'com', orgId: '1234', auth: { kind: 'oauth', signInId } } })).toEqual({
      code: 'BAD_MESSAGE',
      message: 'This sign-in does not reach "1234": pick one of the networks listed.',
    });
  });

  it('names a Desk account after its organization, and keeps the portal name its pages show', async () => {
    const zoho = fakeZohoSignIn();
    const w = await world({ vendor: 'zoho_desk', oauth: zoho.oauth, fetch: zoho.fetch });
    // An id given as before (a reconnect): the names are read after the sign-in all the same.
    const { account } = await ask(w, { type: 'connectAccount', account: { vendor: 'zoho_desk', dataCenter: 'eu', orgId: '701', auth: { kind: 'oauth' } } });
    expect(account).toMatchObject({ label: 'Zoho Desk · Acme Support (EU)', pageNames: ['acme'] });
  });

  it('says in both languages that the agent declined the Zoho sign-in, as it does for Zendesk', async () => {
    const zoho = fakeZohoSignIn();
    const declined = { ...zoho.oauth, authorize: async (url: string) => `https://portier.chromiumapp.org/?error=access_denied&state=${new URL(url).searchParams.get('state')}` };
    const w = await world({ vendor: 'zoho_connect', oauth: declined, fetch: zoho.fetch });
    expect(await refusalIn(w, { type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' })).toEqual({
      code: 'AUTH_FAILED',
      message: 'Zoho refused the authorization (access_denied). Try connecting again.',
      localized: { en: 'Zoho refused the authorization (access_denied). Try connecting again.', fr: "Zoho a refusé l'autorisation (access_denied). Réessayez de vous connecter." },
    });
    expect(zoho.calls).toEqual([]);
  });

  it('says in both languages that Zoho would not list what the sign-in reaches', async () => {
    const zoho = fakeZohoSignIn();
    const refusing: typeof fetch = async (input, init) =>
      new URL(String(input)).pathname === '/pulse/api/allScopes' ? new Response('{}', { status: 503 }) : zoho.fetch(input, init);
    const w = await world({ vendor: 'zoho_connect', oauth: zoho.oauth, fetch: refusing });
    const refused = await refusalIn(w, { type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' });
    expect(refused.code).toBe('VENDOR_ERROR');
    expect(refused.message).toMatch(/^Zoho Connect refused to list what this sign-in reaches \(.*HTTP 503\)\. Sign in again, or connect with the id instead\.$/);
    expect(refused.localized?.fr).toMatch(/^Zoho Connect a refusé de lister ce à quoi cette connexion donne accès \(.*HTTP 503\)\. Connectez-vous à nouveau, ou connectez plutôt le compte avec son identifiant\.$/);
  });

  it('says in French too that the sign-in reaches no network ("aucun réseau", not "aucune")', async () => {
    const zoho = fakeZohoSignIn({ networks: [] });
    const w = await world({ vendor: 'zoho_connect', oauth: zoho.oauth, fetch: zoho.fetch });
    expect(await refusalIn(w, { type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' })).toMatchObject({
      code: 'NOT_FOUND',
      localized: {
        en: 'This Zoho sign-in reaches no Zoho Connect network in this data center: sign in with another Zoho user, or choose the data center your Zoho Connect is in.',
        fr: 'Cette connexion Zoho ne donne accès à aucun réseau Zoho Connect dans ce centre de données : connectez-vous avec un autre utilisateur Zoho, ou choisissez le centre de données où se trouve votre Zoho Connect.',
      },
    });
  });

  it('says so within the bound when the vendor does not list what the sign-in reaches', async () => {
    const zoho = fakeZohoSignIn({ hang: true });
    const w = await world({ vendor: 'zoho_connect', oauth: zoho.oauth, fetch: zoho.fetch, connectStepMs: STEP_MS });
    expect(await refusal(w, { type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' })).toEqual({
      code: 'VENDOR_ERROR',
      message: 'Zoho Connect did not say within 0 s what this sign-in reaches. Check your connection and sign in again.',
    });
  });
});
