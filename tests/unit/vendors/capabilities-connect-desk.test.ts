import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/eligibility';
import type { Contact, Target } from '../../../core/model';
import { AuthRequiredError, VendorRefusedError, VendorResponseError } from '../../../core/vendors/http';
import type { AuthSession, Connector } from '../../../core/vendors/types';
import { ZohoConnectConnector } from '../../../core/vendors/zoho-connect/api';
import { ZohoDeskConnector } from '../../../core/vendors/zoho-desk/api';
import { sandboxFetch } from '../../sandbox/fetch';
import { CONNECT, DESK, ZOHO } from '../../sandbox/seed/ids';
import { useSandbox } from './sandbox-helpers';

/** The optional capabilities of the Zoho Connect and Zoho Desk connectors (types.ts), against the sandbox. */

const sandbox = useSandbox();
const N = CONNECT.networks;

/** A fixed Zoho access token: renewal is tested with the connectors themselves. */
function staticToken(token: string): AuthSession {
  return { headers: async () => ({ authorization: `Zoho-oauthtoken ${token}` }), renew: async () => false };
}

function connect(orgId: string | undefined = N.intranet, token: string = ZOHO.tokens.adminAccess, fetch: typeof globalThis.fetch = sandboxFetch) {
  return new ZohoConnectConnector({
    endpoint: { vendor: 'zoho_connect', accountId: 'com:acme', apiBase: sandbox.current.vendorUrl('connect.zoho.localhost'), ...(orgId ? { orgId } : {}) },
    auth: staticToken(token), fetch, companyDomains: ['acme.co'],
  });
}

function desk(token: string = ZOHO.tokens.adminAccess, fetch: typeof globalThis.fetch = sandboxFetch) {
  return new ZohoDeskConnector({
    endpoint: { vendor: 'zoho_desk', accountId: `localhost:${DESK.orgId}`, apiBase: sandbox.current.vendorUrl('desk.zoho.localhost'), orgId: DESK.orgId },
    auth: staticToken(token), fetch,
  });
}

async function network(c: ZohoConnectConnector, id: string): Promise<Target> {
  const found = (await c.listTargets()).find((t) => t.id === id);
  if (!found) throw new Error(`no network ${id}`);
  return found;
}
const counters = () => sandbox.control('GET', '/counters');

/** Every page, in order, until hasMore says no (at most 50 pages). */
async function allPages(c: Connector, perPage: number, module?: string): Promise<{ pages: number; contacts: Contact[] }> {
  const contacts: Contact[] = [];
  for (let page = 1; page <= 50; page++) {
    const answer = await (c.listContacts as NonNullable<Connector['listContacts']>)({ page, perPage, ...(module ? { module } : {}) });
    contacts.push(...answer.contacts);
    if (!answer.hasMore) return { pages: page, contacts };
  }
  throw new Error('never ended');
}

describe('Zoho Connect: a contact from an address alone (contactFromEmail)', () => {
  it('names it email:<normalised address>; a malformed address is no contact', () => {
    const c: Connector = connect();
    expect(c.contactFromEmail?.('Nina.New@NORTHWIND.com')).toMatchObject({
      id: 'email:nina.new@northwind.com', key: 'zoho_connect:com:acme:email:nina.new@northwind.com', vendor: 'zoho_connect', accountId: 'com:acme',
      email: 'Nina.New@northwind.com', emailKey: 'nina.new@northwind.com',
    });
    expect(c.contactFromEmail?.('nina@@northwind.com')).toBeUndefined();
    expect(c.contactFromEmail?.('nina')).toBeUndefined();
  });

  it('an address nobody has: invited by address, then pending, so the engine sends nothing twice', async () => {
    const c = connect();
    const community = await network(c, N.community);
    const csv = c.contactFromEmail('nina.new@northwind.com') as Contact;
    expect(await c.memberships(community, [csv])).toEqual(new Map());
    expect(await c.send(community, 'invite', [csv])).toEqual({ kind: 'done', outcomes: [{ contactId: csv.id, result: { status: 'invited' } }] });
    const after = await c.memberships(community, [csv]);
    expect(after.get(csv.id)).toMatchObject({ status: 'invited', invitedAt: expect.any(String) });
    // What the engine decides from it: a pending invitation, nothing to send.
    const membership = after.get(csv.id);
    const verdict = evaluate({ contact: { ...csv, ...(membership ? { membership } : {}) }, target: community, actor: { role: 'admin' } });
    expect(verdict.reasons.map((r) => r.code)).toContain('INVITATION_PENDING');
    expect(verdict.action).toBe('none');
    expect((await counters()).invitations[`zoho_connect.network:${N.community}`]).toEqual({ 'nina.new@northwind.com': { invite: 1 } });
    expect((await counters()).duplicateInvitations).toBe(0);
  });

  it('an address of an active member is a member before anything is sent', async () => {
    const c = connect();
    const known = c.contactFromEmail('CHLOE.DURAND@northwind.com') as Contact;
    expect(Object.fromEntries(await c.memberships(await network(c, N.community), [known]))).toEqual({ [known.id]: { status: 'active' } });
  });
});

describe('Zoho Connect: listing members (listContacts)', () => {
  it('the default network, cut into pages here (orgMembers has no paging), with what the rules need', async () => {
    const c = connect();
    const first = await c.listContacts({ page: 1, perPage: 2 });
    expect(first.hasMore).toBe(true);
    expect(first.contacts.map((x) => [x.id, x.email, x.hasZohoAccount, x.internalNetworkId])).toEqual([
      [ZOHO.users.admin.zuid, ZOHO.users.admin.email, true, N.intranet],
      [ZOHO.users.agent.zuid, ZOHO.users.agent.email, true, N.intranet],
    ]);
    const second = await c.listContacts({ page: 2, perPage: 2 });
    expect(second.hasMore).toBe(false);
    expect(second.contacts).toHaveLength(1);
    // A pending invitee has no Zoho account yet and belongs to no internal network.
    expect(second.contacts[0]).toMatchObject({ email: 'ivan.new@acme.co', key: `zoho_connect:com:acme:${second.contacts[0]?.id}` });
    expect(second.contacts[0]?.hasZohoAccount).toBeUndefined();
    expect(second.contacts[0]?.internalNetworkId).toBeUndefined();
    expect(await c.listContacts({ page: 3, perPage: 2 })).toEqual({ contacts: [], hasMore: false });
  });

  it('another network by its scopeID (`module`); without orgId, the network Connect marks default', async () => {
    await sandbox.control('POST', '/generate', { vendor: 'zoho_connect', count: 30, seed: 3, mix: false });
    const community = await allPages(connect(), 7, N.community);
    expect(community.contacts).toHaveLength(35);
    expect(community.pages).toBe(5);
    expect(new Set(community.contacts.map((x) => x.id)).size).toBe(35);
    // External network: nobody is put in an internal network by being listed there.
    expect(community.contacts.every((x) => x.internalNetworkId === undefined)).toBe(true);
    const byDefault = await connect(undefined).listContacts({ page: 1, perPage: 10 });
    expect(byDefault.contacts.map((x) => x.email)).toEqual([ZOHO.users.admin.email, ZOHO.users.agent.email, 'ivan.new@acme.co']);
  });

  it('a network the agent is not in: Connect’s refusal; a revoked token: reconnect', async () => {
    await expect(connect().listContacts({ module: N.otherOrgIntranet, page: 1, perPage: 10 })).rejects.toBeInstanceOf(VendorRefusedError);
    await expect(connect(N.intranet, 'revoked').listContacts({ page: 1, perPage: 10 })).rejects.toBeInstanceOf(AuthRequiredError);
  });
});

describe('Zoho Desk: listing contacts (listContacts)', () => {
  it('pages through the contacts in Desk’s order, 1-based `from`, without losing or repeating one', async () => {
    const expected = sandbox.current.state.data.desk[DESK.orgId]?.contacts.filter((x) => !x.isDeleted && !x.isTrashed).map((x) => x.id) ?? [];
    expect(expected.length).toBeGreaterThan(5);
    const listed = await allPages(desk(), 5);
    expect(listed.contacts.map((x) => x.id)).toEqual(expected);
    expect(listed.pages).toBe(Math.ceil(expected.length / 5));
    expect(listed.contacts[0]).toMatchObject({ id: DESK.contacts.eligible, key: `zoho_desk:localhost:${DESK.orgId}:${DESK.contacts.eligible}`, name: 'Nora Green', email: 'nora.green@contoso.com', recordState: 'active' });
  });

  it('100 a page at most; a full last page says "maybe more" and the next one is empty', async () => {
    const visible = () => sandbox.current.state.data.desk[DESK.orgId]?.contacts.filter((x) => !x.isDeleted && !x.isTrashed).length ?? 0;
    await sandbox.control('POST', '/generate', { vendor: 'zoho_desk', count: 200 - visible(), seed: 9, mix: false });
    expect(visible()).toBe(200);
    const limits: string[] = [];
    const spy: typeof fetch = (input, init) => {
      limits.push(new URL(input instanceof Request ? input.url : String(input)).searchParams.get('limit') ?? '');
      return sandboxFetch(input, init);
    };
    const listed = await allPages(desk(ZOHO.tokens.adminAccess, spy), 1000);
    expect(listed.contacts).toHaveLength(200);
    expect(new Set(listed.contacts.map((x) => x.id)).size).toBe(200);
    expect(listed.pages).toBe(3);
    expect(limits).toEqual(['100', '100', '100']);
  });

  it('a broken answer is a VendorResponseError naming the endpoint', async () => {
    const broken: typeof fetch = async () => new Response(JSON.stringify({ data: [{ firstName: 'no id' }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(desk(ZOHO.tokens.adminAccess, broken).listContacts({ page: 1, perPage: 10 })).rejects.toThrow(/GET \/api\/v1\/contacts/);
    await expect(desk(ZOHO.tokens.adminAccess, broken).listContacts({ page: 1, perPage: 10 })).rejects.toBeInstanceOf(VendorResponseError);
  });
});
