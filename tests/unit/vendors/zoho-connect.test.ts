import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/eligibility';
import type { Target } from '../../../core/model';
import { AuthRequiredError, RateLimitedError, READ_ATTEMPTS, TransientError, VendorRefusedError, VendorResponseError } from '../../../core/vendors/http';
import { memoryTokenStore, type TokenStore } from '../../../core/vendors/oauth';
import type { ItemOutcome, Submission } from '../../../core/vendors/types';
import { exchangeZohoCode, readZohoRedirect, zohoAccountsServer, zohoAuthorizeUrl, zohoOAuthSession, type ZohoClient } from '../../../core/vendors/zoho/auth';
import { ZohoConnectConnector, type ZohoConnectOptions } from '../../../core/vendors/zoho-connect/api';
import { readConnectError, refusalReason, refusedAddress } from '../../../core/vendors/zoho-connect/errors';
import { sandboxFetch } from '../../sandbox/fetch';
import { generatePeople } from '../../sandbox/generate';
import { CONNECT, ZOHO } from '../../sandbox/seed/ids';
import { outsideContact, useSandbox } from './sandbox-helpers';

const sandbox = useSandbox();
const N = CONNECT.networks;
const T = ZOHO.tokens;
const CLIENT: ZohoClient = { clientId: ZOHO.client.id, clientSecret: ZOHO.client.secret };
const LEGACY: ZohoClient = { clientId: ZOHO.legacyClient.id, clientSecret: ZOHO.legacyClient.secret };
const accounts = () => sandbox.current.vendorUrl('accounts.zoho.localhost');

function auth(store: TokenStore, client = CLIENT, fetch: typeof globalThis.fetch = sandboxFetch) {
  return zohoOAuthSession({ accountsServer: accounts(), client, store, vendor: 'zoho_connect', fetch });
}
const adminStore = () => memoryTokenStore({ accessToken: T.adminAccess, refreshToken: T.adminRefresh });
const agentStore = () => memoryTokenStore({ accessToken: T.agentAccess, refreshToken: T.agentRefresh });

function connector(store: TokenStore = adminStore(), extra: Partial<ZohoConnectOptions> = {}, fetch: typeof globalThis.fetch = sandboxFetch) {
  return new ZohoConnectConnector({
    endpoint: { vendor: 'zoho_connect', accountId: 'com:acme', apiBase: sandbox.current.vendorUrl('connect.zoho.localhost'), orgId: N.intranet },
    auth: auth(store),
    fetch,
    companyDomains: ['acme.co'],
    self: { zuid: ZOHO.users.admin.zuid },
    ...extra,
  });
}

async function network(c: ZohoConnectConnector, id: string): Promise<Target> {
  const found = (await c.listTargets()).find((t) => t.id === id);
  if (!found) throw new Error(`no network ${id}`);
  return found;
}
const outcomes = (s: Submission): ItemOutcome[] => (s.kind === 'done' ? s.outcomes : []);
/** Without reading a Request's body, which sandboxFetch still has to send. */
const urlOf = (input: RequestInfo | URL) => (input instanceof Request ? input.url : String(input));
const counters = () => sandbox.control('GET', '/counters');
const sentTo = async (scopeID: string) => ((await counters()).invitations[`zoho_connect.network:${scopeID}`] ?? {}) as Record<string, { invite?: number; reinvite?: number }>;
const tokenCalls = async () => ((await counters()).requests['zoho_accounts POST /oauth/v2/token'] ?? 0) as number;

describe('Zoho Connect: reads', () => {
  it('lists the networks with their type: the default one internal, the others external', async () => {
    const targets = await connector().listTargets();
    expect(targets.map((t) => [t.id, t.name, t.networkType])).toEqual([
      [N.intranet, 'Acme Intranet', 'internal'],
      [N.community, 'Acme Customer Community', 'external'],
      [N.partnersFull, 'Acme Partner Hub', 'external'],
    ]);
    expect(targets[0]).toMatchObject({ kind: 'zoho_connect.network', key: `zoho_connect:com:acme:${N.intranet}`, companyDomains: ['acme.co'], status: 'active' });
    const configured = await connector(adminStore(), { networkTypes: { [N.partnersFull]: 'internal' } }).listTargets();
    expect(configured.map((t) => t.networkType)).toEqual(['internal', 'external', 'internal']);
  });

  it('reads network-admin rights per network when the signed-in user is known', async () => {
    const admin = connector();
    const community = await network(admin, N.community);
    expect(await admin.actor()).toEqual({ role: 'agent' });
    expect(await admin.actor(community)).toEqual({ role: 'admin', permissions: ['network.admin'] });
    const ben = connector(agentStore(), { self: { email: ZOHO.users.agent.email } });
    const actor = await ben.actor(community);
    expect(actor).toEqual({ role: 'agent', permissions: [] });
    // The eligibility core then refuses before any call.
    const verdict = evaluate({ contact: { id: 'x', email: 'new.customer@woodgrove.com' }, target: community, actor });
    expect(verdict.reasons.map((r) => r.code)).toContain('NOT_NETWORK_ADMIN');
  });

  it('looks members up by zuid and by email across networks', async () => {
    const c = connector();
    const [chloe] = await c.findByEmail(' CHLOE.Durand@northwind.com');
    expect(chloe).toMatchObject({ name: 'Chloé Durand', email: 'chloe.durand@northwind.com', vendor: 'zoho_connect', hasZohoAccount: true });
    expect(chloe?.internalNetworkId).toBeUndefined();
    const found = await c.getContacts([ZOHO.users.admin.zuid, chloe?.id as string, 'not-an-id', '123']);
    expect(found.map((x) => [x.id, x.email, x.internalNetworkId])).toEqual([
      [ZOHO.users.admin.zuid, 'ava.admin@acme.co', N.intranet],
      [chloe?.id, 'chloe.durand@northwind.com', undefined],
    ]);
    expect(await c.findByEmail('nobody@northwind.com')).toEqual([]);
  });

  it('reads memberships: members, and invitations with their age', async () => {
    const c = connector();
    const community = await network(c, N.community);
    const contacts = [
      outsideContact('chloe', 'Chloe.Durand@northwind.com'),
      outsideContact('paul', 'paul.martin@fabrikam.com'),
      outsideContact('rita', 'rita.olsen@tailspin.com'),
      outsideContact('new', 'new.customer@woodgrove.com'),
      outsideContact('none', undefined),
    ];
    const map = await c.memberships(community, contacts);
    expect([...map.keys()]).toEqual(['chloe', 'paul', 'rita']);
    expect(map.get('chloe')).toEqual({ status: 'active' });
    const codes = contacts.map((contact) => evaluate({ contact: { ...contact, ...(map.get(contact.id) ? { membership: map.get(contact.id) } : {}) }, target: community, actor: { role: 'admin' } }).reasons.map((r) => r.code));
    expect(codes.slice(0, 4)).toEqual([['ALREADY_MEMBER'], ['INVITATION_PENDING'], ['INVITATION_EXPIRED'], []]);
  });
});

describe('Zoho Connect: inviting', () => {
  it('invites one address', async () => {
    const c = connector();
    const s = await c.send(await network(c, N.community), 'invite', [outsideContact('n', 'new.customer@woodgrove.com', 'New')]);
    expect(s).toEqual({ kind: 'done', outcomes: [{ contactId: 'n', result: { status: 'invited' } }] });
    expect((await sentTo(N.community))['new.customer@woodgrove.com']).toEqual({ invite: 1 });
  });

  it('maps each address of a batch: members, re-invitations, malformed and missing ones', async () => {
    const c = connector();
    const contacts = [
      outsideContact('a', 'ana.new@northwind.com'),
      outsideContact('chloe', 'chloe.durand@northwind.com'),
      outsideContact('rita', 'rita.olsen@tailspin.com'),
      outsideContact('comma', 'bad,address@northwind.com'),
      outsideContact('none', undefined),
    ];
    const result = outcomes(await c.send(await network(c, N.community), 'reinvite', contacts));
    expect(result.map((o) => [o.contactId, o.result.status, o.result.status === 'failed' ? o.result.code : null])).toEqual([
      ['a', 'invited', null],
      ['chloe', 'already_member', null],
      ['rita', 'invited', null],
      ['comma', 'failed', 'EMAIL_MALFORMED'],
      ['none', 'failed', 'EMAIL_MISSING'],
    ]);
    expect(await sentTo(N.community)).toEqual({ 'ana.new@northwind.com': { invite: 1 }, 'rita.olsen@tailspin.com': { reinvite: 1 } });
    expect((await counters()).requests['zoho_connect POST /pulse/api/inviteUsersToNetwork']).toBe(1);
  });

  it('internal network: other domains are INTERNAL_DOMAIN_MISMATCH, another org’s people IN_OTHER_INTERNAL_NETWORK', async () => {
    const c = connector();
    const result = outcomes(await c.send(await network(c, N.intranet), 'invite', [
      outsideContact('zara', 'zara.new@acme.co'),
      outsideContact('carol', 'carol.white@contoso.com'),
      outsideContact('dana', 'dana.contractor@acme.co'),
    ]));
    expect(result.map((o) => (o.result.status === 'failed' ? o.result.code : o.result.status))).toEqual(['invited', 'INTERNAL_DOMAIN_MISMATCH', 'IN_OTHER_INTERNAL_NETWORK']);
    expect(result[1]?.result).toMatchObject({ vendorCode: 'failedUserIds', message: expect.stringContaining('carol.white@contoso.com') });
  });

  it('external network without a seat left: LICENSE_LIMIT', async () => {
    const c = connector();
    const [one] = outcomes(await c.send(await network(c, N.partnersFull), 'invite', [outsideContact('p', 'one.more@northwind.com')]));
    expect(one?.result).toMatchObject({ status: 'failed', code: 'LICENSE_LIMIT' });
  });

  it('bulk: 1000 addresses in one call; seats run out in order (50 external seats, 3 taken)', async () => {
    const c = connector();
    const community = await network(c, N.community);
    const contacts = generatePeople(1000, { seed: 5, mix: false }).map((p, i) => outsideContact(`g${i}`, p.email ?? undefined, p.name));
    expect(c.batchSize('invite')).toBe(1000);
    const result = outcomes(await c.send(community, 'invite', contacts));
    expect(result.map((o) => o.contactId)).toEqual(contacts.map((x) => x.id));
    const invited = result.filter((o) => o.result.status === 'invited');
    expect(invited.map((o) => o.contactId)).toEqual(contacts.slice(0, 47).map((x) => x.id));
    expect(result.slice(47).every((o) => o.result.status === 'failed' && o.result.code === 'LICENSE_LIMIT')).toBe(true);
    const snapshot = await counters();
    expect(snapshot.requests['zoho_connect POST /pulse/api/inviteUsersToNetwork']).toBe(1);
    expect(snapshot.duplicateInvitations).toBe(0);
    expect(Object.values(snapshot.invitations[`zoho_connect.network:${N.community}`] ?? {})).toEqual(Array(47).fill({ invite: 1 }));
    await expect(c.send(community, 'invite', [...contacts, outsideContact('one-too-many', 'x@northwind.com')])).rejects.toThrow(/1001 > 1000/);
  });

  it('a member who is not a network admin: NOT_NETWORK_ADMIN for every address, nothing sent', async () => {
    const c = connector(agentStore());
    const result = outcomes(await c.send(await network(c, N.community), 'invite', [outsideContact('a', 'a.person@northwind.com'), outsideContact('b', 'b.person@northwind.com')]));
    expect(result.map((o) => o.result)).toEqual(Array(2).fill({ status: 'failed', code: 'NOT_NETWORK_ADMIN', vendorCode: 'PERMISSION_DENIED', message: 'Only network admins can invite users to this network.' }));
    expect((await counters()).totals.invite).toBe(0);
  });

  it('an answer without failedUserIds is explained from the members list', async () => {
    // A Connect that answers only the documented sample's fields.
    const documentedOnly: typeof fetch = async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (!urlOf(input).includes('inviteUsersToNetwork')) return response;
      const body = (await response.json()) as { inviteUsersToNetwork: Record<string, unknown> };
      delete body.inviteUsersToNetwork.failedUserIds;
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const c = connector(adminStore(), {}, documentedOnly);
    const result = outcomes(await c.send(await network(c, N.intranet), 'invite', [outsideContact('zara', 'zara.new@acme.co'), outsideContact('carol', 'carol.white@contoso.com'), outsideContact('ava', 'ava.admin@acme.co')]));
    expect(result.map((o) => (o.result.status === 'failed' ? o.result.code : o.result.status))).toEqual(['invited', 'INTERNAL_DOMAIN_MISMATCH', 'already_member']);
  });

  it('without failedUserIds and with the members list unreadable, who was left out is unknown: no outcome, never "failed"', async () => {
    const documentedOnly: typeof fetch = async (input, init) => {
      const url = urlOf(input);
      if (url.includes('orgMembers')) return new Response('upstream down', { status: 503, headers: { 'content-type': 'text/plain' } });
      const response = await sandboxFetch(input, init);
      if (!url.includes('inviteUsersToNetwork')) return response;
      const body = (await response.json()) as { inviteUsersToNetwork: Record<string, unknown> };
      delete body.inviteUsersToNetwork.failedUserIds;
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const c = connector(adminStore(), {}, documentedOnly);
    const intranet = await network(c, N.intranet);
    const submission = await c.send(intranet, 'invite', [outsideContact('zara', 'zara.new@acme.co'), outsideContact('carol', 'carol.white@contoso.com')]);
    expect(submission).toEqual({ kind: 'done', outcomes: [] });
  });

  it('refuses what Connect has no such thing for', async () => {
    const c = connector();
    await expect(c.send(await network(c, N.community), 'activate', [])).rejects.toThrow(/no "activate"/);
    await expect(c.poll()).rejects.toThrow(/no job/);
  });
});

describe('Zoho Connect: errors', () => {
  it('reads the [SANDBOX] envelope and maps whole-call refusals', () => {
    const body = { inviteUsersToNetwork: { result: 'failure', errorCode: 'PERMISSION_DENIED', message: 'Only network admins can invite users to this network.' } };
    expect(readConnectError(body, 403)).toEqual({ code: 'PERMISSION_DENIED', message: 'Only network admins can invite users to this network.' });
    expect(readConnectError('<html>Bad gateway</html>', 502)).toEqual({ message: '<html>Bad gateway</html>' });
    expect(readConnectError(undefined, 500)).toEqual({ message: 'HTTP 500' });
    const refused = (status: number, code: string, message: string) => new VendorRefusedError('zoho_connect', 'POST /pulse/api/inviteUsersToNetwork', status, code, message, {});
    expect(refusalReason(refused(403, 'PERMISSION_DENIED', 'Only network admins…'))).toBe('NOT_NETWORK_ADMIN');
    expect(refusalReason(refused(400, 'LICENSE_LIMIT_EXCEEDED', 'No license left'))).toBe('LICENSE_LIMIT');
    expect(refusalReason(refused(404, 'INVALID_SCOPEID', 'scopeID is not a network.'))).toBe('VENDOR_ERROR');
  });

  it('infers a refused address’s reason only where the facts allow', () => {
    expect(refusedAddress({ email: 'x@@y', networkType: 'external' })).toMatchObject({ code: 'EMAIL_MALFORMED' });
    expect(refusedAddress({ email: 'a@northwind.com', networkType: 'external', member: { status: 'active' } })).toEqual({ status: 'already_member' });
    expect(refusedAddress({ email: 'a@northwind.com', networkType: 'internal', companyDomains: ['Acme.co'] })).toMatchObject({ code: 'INTERNAL_DOMAIN_MISMATCH' });
    expect(refusedAddress({ email: 'a@eu.acme.co', networkType: 'internal', companyDomains: ['acme.co'] })).toMatchObject({ code: 'IN_OTHER_INTERNAL_NETWORK' });
    expect(refusedAddress({ email: 'a@acme.co', networkType: 'internal' })).toMatchObject({ code: 'VENDOR_ERROR' });
    expect(refusedAddress({ email: 'a@acme.co', networkType: 'external', companyDomains: ['acme.co'] })).toMatchObject({ code: 'VENDOR_ERROR' });
    expect(refusedAddress({ email: 'a@northwind.com', networkType: 'external' })).toMatchObject({ code: 'LICENSE_LIMIT' });
  });

  it('a 200 with result "failure" is a refusal, not a success', async () => {
    const failing: typeof fetch = async (input, init) =>
      urlOf(input).includes('inviteUsersToNetwork')
        ? new Response(JSON.stringify({ inviteUsersToNetwork: { result: 'failure', errorCode: 'PERMISSION_DENIED', message: 'No.' } }), { status: 200, headers: { 'content-type': 'application/json' } })
        : sandboxFetch(input, init);
    const c = connector(adminStore(), {}, failing);
    const [one] = outcomes(await c.send(await network(c, N.community), 'invite', [outsideContact('a', 'a@northwind.com')]));
    expect(one?.result).toEqual({ status: 'failed', code: 'NOT_NETWORK_ADMIN', vendorCode: 'PERMISSION_DENIED', message: 'No.' });
  });

  it('an answer of another shape is a VendorResponseError naming the endpoint', async () => {
    const odd: typeof fetch = async () => new Response(JSON.stringify({ scopes: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    const error = await connector(adminStore(), {}, odd).listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorResponseError);
    expect((error as Error).message).toContain('zoho_connect GET /pulse/api/allScopes');
  });

  it('rate limits and server errors', async () => {
    await sandbox.control('POST', '/limits', { key: 'zoho_connect:acme', limit: 1, windowSec: 60 });
    const c = connector();
    await c.networks();
    const limited = (await c.networks().catch((e: unknown) => e)) as RateLimitedError;
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    await sandbox.control('POST', '/limits', { key: 'zoho_connect:acme', reset: true });
    // A read is tried again on its own (READ_ATTEMPTS in all) before the 5xx reaches the caller.
    await sandbox.control('POST', '/faults', { path: '/pulse/api/allScopes', kind: '500', count: READ_ATTEMPTS });
    await expect(c.networks()).rejects.toBeInstanceOf(TransientError);
    await sandbox.control('POST', '/faults', { path: '/pulse/api/allScopes', kind: '500', count: 1 });
    expect(await c.networks()).toHaveLength(3);
  });
});

describe('Zoho OAuth (core/vendors/zoho/auth.ts)', () => {
  it('knows each data center’s accounts server', () => {
    expect(zohoAccountsServer('com')).toBe('https://accounts.zoho.com');
    expect(zohoAccountsServer('eu')).toBe('https://accounts.zoho.eu');
    expect(zohoAccountsServer('com.au')).toBe('https://accounts.zoho.com.au');
    expect(zohoAccountsServer('ca')).toBe('https://accounts.zohocloud.ca');
    expect(zohoAccountsServer('zohocloud.ca')).toBe('https://accounts.zohocloud.ca');
    expect(() => zohoAccountsServer('mars')).toThrow(/Unknown Zoho data center/);
  });

  it('refreshes an expired access token once (control API expires it) and keeps the refresh token', async () => {
    const store = adminStore();
    await sandbox.control('POST', '/tokens', { expireNow: true, realm: 'zoho' });
    const c = connector(store);
    const [targets, members] = await Promise.all([c.listTargets(), c.members(N.community)]);
    expect(targets).toHaveLength(3);
    expect(members.length).toBeGreaterThan(0);
    expect(store.current?.accessToken).not.toBe(T.adminAccess);
    expect(store.current?.refreshToken).toBe(T.adminRefresh);
    expect(store.current?.apiDomain).toContain('www.zohoapis.localhost');
    expect(await tokenCalls()).toBe(1);
  });

  it('reads the older expires_in_sec answer (legacy client), through the whole code flow', async () => {
    const redirectUri = 'https://portier.chromiumapp.org/zoho';
    const url = zohoAuthorizeUrl({ accountsServer: accounts(), clientId: LEGACY.clientId, redirectUri, scopes: ['zohopulse.networklist.READ', 'zohopulse.networkAdmin.CREATE'], state: 'st', loginHint: 'ava.admin@acme.co' });
    const redirect = await sandboxFetch(url, { redirect: 'manual' });
    const location = redirect.headers.get('location') ?? '';
    expect(() => readZohoRedirect(location, 'st')).toThrow(/unknown accounts server/);
    const { code, accountsServer } = readZohoRedirect(location, 'st', [accounts()]);
    expect(() => readZohoRedirect(location, 'other', [accounts()])).toThrow(/state/);
    const outcome = await exchangeZohoCode({ accountsServer: accountsServer ?? '', client: LEGACY, vendor: 'zoho_connect', code, redirectUri, fetch: sandboxFetch });
    if (!outcome.ok) throw new Error(outcome.error);
    // expires_in_sec: 3600 (seconds) beside expires_in: 3600000 (milliseconds): an hour, not 41 days.
    expect(outcome.tokens.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    expect(outcome.tokens.expiresAt).toBeLessThan(Date.now() + 3_700_000);
    const store = memoryTokenStore(outcome.tokens);
    await sandbox.control('POST', '/tokens', { expireNow: true, realm: 'zoho' });
    const c = new ZohoConnectConnector({
      endpoint: { vendor: 'zoho_connect', accountId: 'com:acme', apiBase: sandbox.current.vendorUrl('connect.zoho.localhost') },
      auth: auth(store, LEGACY),
      fetch: sandboxFetch,
    });
    expect(await c.networks()).toHaveLength(3);
    expect(store.current?.accessToken).not.toBe(outcome.tokens.accessToken);
  });

  it('a refresh answered {error} with HTTP 200 is AuthRequiredError, asked once', async () => {
    const c = connector(memoryTokenStore({ accessToken: 'expired', refreshToken: '1000.revoked.refresh' }));
    await expect(c.listTargets()).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(c.members(N.community)).rejects.toBeInstanceOf(AuthRequiredError);
    expect(await tokenCalls()).toBe(1);
  });

  it('a wrong client secret is AuthRequiredError too; an accounts server that does not answer is TransientError', async () => {
    const wrong = new ZohoConnectConnector({
      endpoint: { vendor: 'zoho_connect', accountId: 'com:acme', apiBase: sandbox.current.vendorUrl('connect.zoho.localhost') },
      auth: auth(memoryTokenStore({ accessToken: 'expired', refreshToken: T.adminRefresh }), { clientId: CLIENT.clientId, clientSecret: 'nope' }),
      fetch: sandboxFetch,
    });
    await expect(wrong.networks()).rejects.toBeInstanceOf(AuthRequiredError);
    await sandbox.control('POST', '/faults', { path: '/oauth/v2/token', kind: 'drop', count: READ_ATTEMPTS });
    const c = connector(memoryTokenStore({ accessToken: 'expired', refreshToken: T.adminRefresh }));
    await expect(c.networks()).rejects.toBeInstanceOf(TransientError);
    // The grant was not refused: the next attempt refreshes and goes through.
    expect(await c.networks()).toHaveLength(3);
  });

  it('refreshes ahead of the expiry it was told, sparing the 401', async () => {
    const store = memoryTokenStore({ accessToken: T.adminAccess, refreshToken: T.adminRefresh, expiresAt: Date.now() + 30_000 });
    await connector(store).networks();
    expect(store.current?.accessToken).not.toBe(T.adminAccess);
    expect((await counters()).requests['zoho_connect GET /pulse/api/allScopes']).toBe(1);
  });
});

