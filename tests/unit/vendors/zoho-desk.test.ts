import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthRequiredError, RateLimitedError, TransientError, VendorRefusedError, VendorResponseError } from '../../../core/vendors/http';
import type { AuthSession, Connector } from '../../../core/vendors/types';
import { ZohoDeskConnector, zohoDeskApiBase } from '../../../core/vendors/zoho-desk/api';
import { deskMembership } from '../../../core/vendors/zoho-desk/schemas';
import { DESK_ERROR_CODES, deskReason, deskReauth, isDeskThrottle } from '../../../core/vendors/zoho-desk/errors';
import type { Contact, Target } from '../../../core/model';
import { memoryTokenStore } from '../../../core/vendors/oauth';
import { zohoOAuthSession } from '../../../core/vendors/zoho/auth';
import { sandboxFetch } from '../../sandbox/fetch';
import { DESK, ZOHO } from '../../sandbox/seed';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';

const HOST = 'desk.zoho.localhost';
const ACCOUNT = `localhost:${DESK.orgId}`;
const C = DESK.contacts;
const MAIN = `zoho_desk.help_center:${DESK.helpCenters.main}`;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, pages: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.state.reset());

/** Until core/vendors/zoho/auth.ts exists: a fixed Zoho access token, never renewed. */
function staticToken(token: string): AuthSession {
  return { headers: async () => ({ authorization: `Zoho-oauthtoken ${token}` }), renew: async () => false };
}

function desk(token: string = ZOHO.tokens.adminAccess, fetch: typeof globalThis.fetch = sandboxFetch): ZohoDeskConnector {
  return new ZohoDeskConnector({
    endpoint: { vendor: 'zoho_desk', accountId: ACCOUNT, apiBase: sandbox.vendorUrl(HOST), orgId: DESK.orgId },
    auth: staticToken(token),
    fetch,
  });
}

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const counters = () => control('GET', '/counters');

/** A raw Desk call as the admin, outside the connector. */
function deskGet(path: string, token: string = ZOHO.tokens.adminAccess): Promise<Response> {
  return sandboxFetch(`${sandbox.vendorUrl(HOST)}${path}`, { headers: { authorization: `Zoho-oauthtoken ${token}`, orgId: DESK.orgId } });
}

const jsonResponse = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The sandbox, except for the calls `answer` takes over (it may ask the sandbox first). */
function replacing(
  answer: (request: Request, sandboxAnswer: () => Promise<Response>) => Promise<Response | undefined> | Response | undefined,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const own = await answer(request, () => sandboxFetch(input, init));
    return own ?? sandboxFetch(input, init);
  };
}

/** An auth session that counts its renewals. */
function countingAuth(token: string = ZOHO.tokens.adminAccess, renewed = false): { auth: AuthSession; renewals: () => number } {
  let renewals = 0;
  return {
    auth: { headers: async () => ({ authorization: `Zoho-oauthtoken ${token}` }), renew: async () => (renewals++, renewed) },
    renewals: () => renewals,
  };
}

function deskWith(auth: AuthSession, fetch: typeof globalThis.fetch = sandboxFetch): ZohoDeskConnector {
  return new ZohoDeskConnector({
    endpoint: { vendor: 'zoho_desk', accountId: ACCOUNT, apiBase: sandbox.vendorUrl(HOST), orgId: DESK.orgId },
    auth,
    fetch,
  });
}

async function target(connector: Connector, id: string = DESK.helpCenters.main): Promise<Target> {
  const found = (await connector.listTargets()).find((t) => t.id === id);
  if (!found) throw new Error(`no help center ${id}`);
  return found;
}

async function contacts(connector: Connector, ...ids: string[]): Promise<Contact[]> {
  const found = await connector.getContacts(ids);
  return ids.map((id) => {
    const contact = found.find((c) => c.id === id);
    if (!contact) throw new Error(`no contact ${id}`);
    return contact;
  });
}

describe('Zoho Desk: targets, actor, contacts', () => {
  it('lists help centers as targets, active and disabled', async () => {
    const targets = await desk().listTargets();
    expect(targets.map((t) => [t.id, t.name, t.status])).toEqual([
      [DESK.helpCenters.main, 'Acme Help Center', 'active'],
      [DESK.helpCenters.partners, 'Acme Partners', 'disabled'],
    ]);
    expect(targets[0]).toMatchObject({ kind: 'zoho_desk.help_center', vendor: 'zoho_desk', accountId: ACCOUNT, key: `zoho_desk:${ACCOUNT}:${DESK.helpCenters.main}` });
  });

  it('sends orgId as a header on every call', async () => {
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(new Request(input, init).headers.get('orgId') ?? 'none');
      return sandboxFetch(input, init);
    };
    await desk(ZOHO.tokens.adminAccess, spy).getContacts([C.eligible, C.accents]);
    expect(seen).toEqual([DESK.orgId, DESK.orgId]);
  });

  it('gives the actor as an agent whose permissions are not known', async () => {
    expect(await desk().actor()).toEqual({ role: 'agent' });
  });

  it('reads contacts by id, leaves unknown ids out, keeps names as text', async () => {
    const found = await desk().getContacts([C.eligible, C.noEmail, C.htmlName, '4299999999999999999', C.accents]);
    expect(found.map((c) => c.id)).toEqual([C.eligible, C.noEmail, C.htmlName, C.accents]);
    expect(found[0]).toMatchObject({ name: 'Nora Green', email: 'nora.green@contoso.com', emailKey: 'nora.green@contoso.com', recordState: 'active', vendor: 'zoho_desk', key: `zoho_desk:${ACCOUNT}:${C.eligible}` });
    expect(found[0]?.emailVerified).toBeUndefined();
    expect(found[1]?.email).toBeUndefined();
    expect(found[2]?.name).toBe('<script>alert(1)</script> <b>Bold</b>');
    expect(found[3]?.name).toBe('Zoë Ångström');
  });

  it('finds contacts by email without case through Search.json’s contact search (isEndUser a string, as its example)', async () => {
    const found = await desk().findByEmail(' NORA.green@Contoso.com ');
    expect(found.map((c) => c.id).sort()).toEqual([C.eligible, C.duplicateOfEligible]);
    expect(await desk().findByEmail('nobody@contoso.com')).toEqual([]);
    // Chloé has a help-center user: the search answers isEndUser "true", a string.
    expect((await desk().findByEmail('chloe.durand@northwind.com')).map((c) => c.id)).toEqual([C.endUserActive]);
    const raw = await (await deskGet('/api/v1/contacts/search?email=chloe.durand@northwind.com')).json();
    expect(raw).toMatchObject({ count: 1, data: [{ id: C.endUserActive, isEndUser: 'true' }] });
    const { requests } = await counters();
    expect(requests['zoho_desk GET /api/v1/contacts/search']).toBe(4);
    expect(requests['zoho_desk GET /api/v1/contacts']).toBeUndefined();
  });
});

describe('Zoho Desk: memberships', () => {
  it('reads each contact’s help-center user: active, disabled, invited 3 and 8 days ago, none', async () => {
    const connector = desk();
    const list = await contacts(connector, C.endUserActive, C.endUserDisabled, C.invited3Days, C.invited8Days, C.eligible);
    const states = await connector.memberships(await target(connector), list);
    expect(Object.fromEntries(states)).toEqual({
      [C.endUserActive]: { status: 'active' },
      [C.endUserDisabled]: { status: 'deactivated' },
      // Desk gives no invitation date: both read as invitations of unknown age.
      [C.invited3Days]: { status: 'invited' },
      [C.invited8Days]: { status: 'invited' },
    });
    const partners = await connector.memberships(await target(connector, DESK.helpCenters.partners), list);
    expect(partners.size).toBe(0);
  });

  it.each([
    ['ACTIVE', 'active'], ['DISABLED', 'deactivated'], ['INVITED', 'invited'], ['PENDING_APPROVAL', 'invited'],
    ['SOMETHING_NEW', 'confirmed'], [null, 'confirmed'],
  ])('reads userStatus %s as %s', (status, expected) => {
    expect(deskMembership(status)?.status).toBe(expected);
  });

  it('reads userStatus DELETED as no user', () => {
    expect(deskMembership('DELETED')).toBeUndefined();
  });
});

describe('Zoho Desk: invitations', () => {
  it('invites one contact (204) and counts one invitation', async () => {
    const connector = desk();
    const submission = await connector.send(await target(connector), 'invite', await contacts(connector, C.eligible));
    expect(submission).toEqual({ kind: 'done', outcomes: [{ contactId: C.eligible, result: { status: 'invited' } }] });
    const states = await connector.memberships(await target(connector), await contacts(connector, C.eligible));
    expect(states.get(C.eligible)).toEqual({ status: 'invited' });
    expect((await counters()).invitations[MAIN]).toEqual({ 'nora.green@contoso.com': { invite: 1 } });
  });

  it('reinvites a pending invitation with the same call', async () => {
    const connector = desk();
    const submission = await connector.send(await target(connector), 'reinvite', await contacts(connector, C.invited8Days));
    expect(submission).toEqual({ kind: 'done', outcomes: [{ contactId: C.invited8Days, result: { status: 'invited' } }] });
    expect((await counters()).invitations[MAIN]).toEqual({ 'rita.olsen@tailspin.com': { reinvite: 1 } });
  });

  it.each([
    ['an active end user', C.endUserActive, { status: 'already_member' }],
    ['a disabled end user', C.endUserDisabled, { status: 'already_member' }],
    ['an unverified profile', C.unverified, { status: 'failed', code: 'EMAIL_UNVERIFIED', vendorCode: 'UNPROCESSABLE_ENTITY' }],
    ['no email', C.noEmail, { status: 'failed', code: 'EMAIL_MISSING', vendorCode: 'UNPROCESSABLE_ENTITY' }],
  ])('maps the single-invite refusal of %s', async (_label, id, expected) => {
    const connector = desk();
    const { outcomes } = (await connector.send(await target(connector), 'invite', await contacts(connector, id))) as { outcomes: any[] };
    expect(outcomes[0].result).toMatchObject(expected);
    if (expected.status === 'failed') expect(outcomes[0].result.message).toMatch(/cannot be processed.*\/contactId/);
    expect((await counters()).totals.invite).toBe(0);
  });

  it('maps a disabled help center and a second contact with an invited address', async () => {
    const connector = desk();
    const [eligible, duplicate] = await contacts(connector, C.eligible, C.duplicateOfEligible);
    const disabled = await connector.send(await target(connector, DESK.helpCenters.partners), 'invite', [eligible!]);
    expect(disabled).toMatchObject({ outcomes: [{ result: { status: 'failed', code: 'HELP_CENTER_DISABLED', message: expect.stringContaining('disabled') } }] });
    await connector.send(await target(connector), 'invite', [eligible!]);
    const again = await connector.send(await target(connector), 'invite', [duplicate!]);
    expect(again).toMatchObject({ outcomes: [{ contactId: C.duplicateOfEligible, result: { status: 'already_member' } }] });
  });

  it('keeps Desk’s words when the agent may not invite (403 FORBIDDEN)', async () => {
    const ben = desk(ZOHO.tokens.agentAccess);
    const { outcomes } = (await ben.send(await target(ben), 'invite', await contacts(ben, C.eligible, C.accents))) as { outcomes: any[] };
    expect(outcomes.map((o) => o.result)).toEqual([0, 1].map(() => ({
      status: 'failed', code: 'VENDOR_ERROR', vendorCode: 'FORBIDDEN', message: 'You are not authorized to access this resource.',
    })));
  });

  it('bulk invites with per-item results, explaining refusals from the contact and its status', async () => {
    const connector = desk();
    const ids = [C.eligible, C.endUserActive, C.noEmail, C.accents, C.unverified, C.invited8Days];
    const submission = await connector.send(await target(connector), 'invite', await contacts(connector, ...ids));
    expect(submission.kind).toBe('done');
    const results = submission.kind === 'done' ? submission.outcomes.map((o) => [o.contactId, o.result]) : [];
    expect(results).toEqual([
      [C.eligible, { status: 'invited' }],
      [C.endUserActive, { status: 'already_member' }],
      [C.noEmail, { status: 'failed', code: 'EMAIL_MISSING', vendorCode: 'UNPROCESSABLE_ENTITY', message: 'UNPROCESSABLE_ENTITY (HTTP 422)' }],
      [C.accents, { status: 'invited' }],
      // Bulk results carry no reason and contacts no verification flag: Desk's code is all there is.
      [C.unverified, { status: 'failed', code: 'VENDOR_ERROR', vendorCode: 'UNPROCESSABLE_ENTITY', message: 'UNPROCESSABLE_ENTITY (HTTP 422)' }],
      [C.invited8Days, { status: 'invited' }],
    ]);
    const { invitations, duplicateInvitations } = await counters();
    expect(invitations[MAIN]).toEqual({
      'nora.green@contoso.com': { invite: 1 }, 'zoe.angstrom@woodgrove.com': { invite: 1 }, 'rita.olsen@tailspin.com': { reinvite: 1 },
    });
    expect(duplicateInvitations).toBe(0);
  });

  it('a refusal it cannot explain because the read-back was throttled is left to the engine, not failed', async () => {
    const connector = desk();
    const list = await contacts(connector, C.eligible, C.endUserActive);
    await control('POST', '/faults', { path: `/api/v1/contacts/${C.endUserActive}/helpCenters`, kind: '429', retryAfter: 5 });
    const submission = await connector.send(await target(connector), 'invite', list);
    // The eligible contact's answer stands; the other has no outcome, so the engine reconciles it.
    expect(submission).toEqual({ kind: 'done', outcomes: [{ contactId: C.eligible, result: { status: 'invited' } }] });
  });

  it('bulk invites 150 generated contacts in batches of 100, each address once', async () => {
    const { ids } = await control('POST', '/generate', { vendor: 'zoho_desk', count: 150, mix: false, seed: 7 });
    const connector = desk();
    const hc = await target(connector);
    const all = await connector.getContacts(ids);
    expect(all).toHaveLength(150);
    const size = connector.batchSize('invite');
    for (let i = 0; i < all.length; i += size) {
      const submission = await connector.send(hc, 'invite', all.slice(i, i + size));
      expect(submission.kind === 'done' && submission.outcomes.every((o) => o.result.status === 'invited')).toBe(true);
    }
    const { invitations, requests, duplicateInvitations } = await counters();
    const sent = Object.values(invitations[MAIN] as Record<string, { invite: number }>);
    expect(sent).toHaveLength(150);
    expect(sent.every((kinds) => kinds.invite === 1)).toBe(true);
    expect(duplicateInvitations).toBe(0);
    expect(requests['zoho_desk POST /api/v1/contacts/inviteAsEndUser']).toBe(2);
  }, 20_000);

  it('refuses more than 100 contacts and the activate action', async () => {
    const connector = desk();
    const hc = await target(connector);
    const [one] = await contacts(connector, C.eligible);
    await expect(connector.send(hc, 'invite', Array.from({ length: 101 }, () => one!))).rejects.toThrow(RangeError);
    await expect(connector.send(hc, 'activate', [one!])).rejects.toThrow(/no activate/);
    expect(connector.batchSize('invite')).toBe(100);
  });
});

describe('Zoho Desk: errors', () => {
  it('turns a 429 TOO_MANY_REQUESTS into RateLimitedError with the wait', async () => {
    await control('POST', '/faults', { path: '/api/v1/helpCenters', kind: '429', retryAfter: 30 });
    const error = await desk().listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000);
    expect((error as Error).message).toContain('exceeded the rate limit');
  });

  it('turns a 500 into TransientError, and the item is not given a failure', async () => {
    await control('POST', '/faults', { path: '/api/v1/contacts/inviteAsEndUser', kind: '500' });
    const connector = desk();
    const list = await contacts(connector, C.eligible, C.accents);
    const error = await connector.send(await target(connector), 'invite', list).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBe(500);
  });

  it('turns a body without the documented shape into VendorResponseError', async () => {
    const broken: typeof fetch = async (input, init) => {
      const res = await sandboxFetch(input, init);
      if (!new Request(input, init).url.includes('/helpCenters')) return res;
      return new Response(JSON.stringify({ data: [{ name: 'no id' }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const error = await desk(ZOHO.tokens.adminAccess, broken).listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorResponseError);
    expect((error as Error).message).toMatch(/zoho_desk GET \/api\/v1\/helpCenters: .*data\.0\.id/);
  });

  it('treats THRESHOLD_EXCEEDED and TOO_MANY_REQUESTS as throttling whatever the status', () => {
    expect(isDeskThrottle(400, 'THRESHOLD_EXCEEDED')).toBe(true);
    expect(isDeskThrottle(403, 'TOO_MANY_REQUESTS')).toBe(true);
    expect(isDeskThrottle(429, undefined)).toBe(true);
    expect(isDeskThrottle(422, 'UNPROCESSABLE_ENTITY')).toBe(false);
  });

  it('maps every documented errorCode, unknown words to VENDOR_ERROR', () => {
    const codes = ['BAD_REQUEST', 'UNAUTHORIZED', 'INVALID_OAUTH', 'SCOPE_MISMATCH', 'OAUTH_ORG_MISMATCH', 'FORBIDDEN', 'LICENSE_ACCESS_LIMITED',
      'URL_NOT_FOUND', 'METHOD_NOT_ALLOWED', 'RESOURCE_SIZE_EXCEEDED', 'UNSUPPORTED_MEDIA_TYPE', 'INVALID_DATA', 'EMPTY_PAYLOAD',
      'UNPROCESSABLE_ENTITY', 'ONLY_LIVECHAT_USER', 'DUPLICATE_CONTRACT', 'INTEGRATION_ADMIN_ERROR', 'THRESHOLD_EXCEEDED',
      'TOO_MANY_REQUESTS', 'INTERNAL_SERVER_ERROR'];
    expect(Object.keys(DESK_ERROR_CODES).sort()).toEqual([...codes].sort());
    expect(deskReason({ errorCode: 'SOMETHING_NEW', message: 'new words' })).toBe('VENDOR_ERROR');
    expect(deskReason({ errorCode: 'UNPROCESSABLE_ENTITY', errors: [{ fieldName: '/contactId', errorType: 'invalid', errorMessage: "The contact's email address is not valid." }] })).toBe('EMAIL_MALFORMED');
  });

  it('takes the shared Zoho OAuth session: an expired token is refreshed once, then the call succeeds', async () => {
    const store = memoryTokenStore({ accessToken: ZOHO.tokens.adminAccess, refreshToken: ZOHO.tokens.adminRefresh });
    const auth = zohoOAuthSession({ accountsServer: sandbox.vendorUrl('accounts.zoho.localhost'), client: { clientId: ZOHO.client.id, clientSecret: ZOHO.client.secret }, store, vendor: 'zoho_desk', fetch: sandboxFetch });
    await control('POST', '/faults', { path: '/api/v1/helpCenters', kind: 'expired_token' });
    const connector = new ZohoDeskConnector({ endpoint: { vendor: 'zoho_desk', accountId: ACCOUNT, apiBase: sandbox.vendorUrl(HOST), orgId: DESK.orgId }, auth, fetch: sandboxFetch });
    expect(await connector.listTargets()).toHaveLength(2);
    expect(store.current?.accessToken).not.toBe(ZOHO.tokens.adminAccess);
  });

  it('builds the API origin of each data center', () => {
    expect(zohoDeskApiBase('eu')).toBe('https://desk.zoho.eu');
    expect(zohoDeskApiBase('com.au')).toBe('https://desk.zoho.com.au');
    expect(zohoDeskApiBase('ca')).toBe('https://desk.zohocloud.ca');
  });
});

describe('Zoho Desk: answers as the spec files give them', () => {
  it('reads an account’s contacts sent as Contact.json’s example sends them (isEndUser "false", a string)', async () => {
    const stringly = replacing(async (request, sandboxAnswer) => {
      if (!new URL(request.url).pathname.endsWith('/contacts') || !request.url.includes('/accounts/')) return undefined;
      const body = (await (await sandboxAnswer()).json()) as { data: Record<string, unknown>[] };
      return jsonResponse({ data: body.data.map((row) => ({ ...row, isEndUser: String(row.isEndUser) })) });
    });
    const members = await desk(ZOHO.tokens.adminAccess, stringly).organizationMembers(DESK.accounts.northwind, 10);
    expect(members).toEqual({ name: 'Northwind Traders', contactIds: [C.endUserActive, C.endUserDisabled], capped: false });
  });

  it('reads {"data": null} as an empty list: no help centers, no account contacts, no search match', async () => {
    const nulls = replacing((request) => {
      const path = new URL(request.url).pathname;
      if (path.endsWith('/helpCenters') && !path.includes('/contacts/')) return jsonResponse({ data: null });
      if (path.endsWith('/contacts/search')) return jsonResponse({ data: null, count: 0 });
      if (path.includes('/accounts/') && path.endsWith('/contacts')) return jsonResponse({ data: null });
      return undefined;
    });
    const connector = desk(ZOHO.tokens.adminAccess, nulls);
    expect(await connector.listTargets()).toEqual([]);
    expect(await connector.findByEmail('nora.green@contoso.com')).toEqual([]);
    expect(await connector.organizationMembers(DESK.accounts.northwind, 10)).toMatchObject({ contactIds: [], capped: false });
  });

  it('still refuses a list answer without `data` at all', async () => {
    const bare = replacing((request) => (new URL(request.url).pathname.endsWith('/api/v1/helpCenters') ? jsonResponse({}) : undefined));
    await expect(desk(ZOHO.tokens.adminAccess, bare).listTargets()).rejects.toBeInstanceOf(VendorResponseError);
  });
});

describe('Zoho Desk: contact lists count `from` from 1', () => {
  /** The sandbox, recording the `from` of each contact-list call. */
  function recordingFrom(froms: string[], searchGone = false): typeof fetch {
    return replacing((request) => {
      const url = new URL(request.url);
      if (searchGone && url.pathname.endsWith('/contacts/search')) return jsonResponse({ errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' }, 404);
      if (url.pathname.endsWith('/contacts')) froms.push(url.searchParams.get('from') ?? 'none');
      return undefined;
    });
  }

  it('the sandbox refuses from=0 on both contact lists with Common.json’s 422 UNPROCESSABLE_ENTITY', async () => {
    for (const path of ['/api/v1/contacts?from=0&limit=10', `/api/v1/accounts/${DESK.accounts.northwind}/contacts?from=0&limit=10`]) {
      const res = await deskGet(path);
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ errorCode: 'UNPROCESSABLE_ENTITY', message: "The value passed for the 'from' query parameter is invalid." });
    }
    const first = await (await deskGet('/api/v1/contacts?from=1&limit=1')).json();
    expect(first.data[0].id).toBe(C.eligible);
  });

  it('returns row 0 of an account’s contacts (from=1 is the first row)', async () => {
    const froms: string[] = [];
    const members = await desk(ZOHO.tokens.adminAccess, recordingFrom(froms)).organizationMembers(DESK.accounts.northwind, 10);
    // Chloé is the account's first contact in Desk's order.
    expect(members?.contactIds[0]).toBe(C.endUserActive);
    expect(members?.contactIds).toEqual([C.endUserActive, C.endUserDisabled]);
    expect(froms).toEqual(['1']);
  });

  it('reads the whole contact list from 1 when contact search is not there (no 422, no row skipped)', async () => {
    const { ids } = await control('POST', '/generate', { vendor: 'zoho_desk', count: 150, mix: false, seed: 11 });
    const [last] = await desk().getContacts([ids.at(-1)]);
    const froms: string[] = [];
    const connector = desk(ZOHO.tokens.adminAccess, recordingFrom(froms, true));
    // Nora is row 0 of the list; the last generated contact is on the second page.
    expect((await connector.findByEmail('nora.green@contoso.com')).map((c) => c.id).sort()).toEqual([C.eligible, C.duplicateOfEligible]);
    expect((await connector.findByEmail(last!.email!)).map((c) => c.id)).toEqual([last!.id]);
    expect(froms).toEqual(['1', '101', '1', '101']);
  });

  it('pages listContacts from 1 without overlap or gap', async () => {
    const connector = desk();
    const one = await connector.listContacts({ page: 1, perPage: 3 });
    const two = await connector.listContacts({ page: 2, perPage: 3 });
    const all = await connector.listContacts({ page: 1, perPage: 6 });
    expect([...one.contacts, ...two.contacts].map((c) => c.id)).toEqual(all.contacts.map((c) => c.id));
    expect(one.contacts[0]?.id).toBe(C.eligible);
  });
});

describe('Zoho Desk: codes that ask for a new sign-in, whatever the status', () => {
  const refusing = (method: string, pathEnd: string, status: number, errorCode: string) =>
    replacing((request) => (request.method === method && new URL(request.url).pathname.endsWith(pathEnd)
      ? jsonResponse({ errorCode, message: `${errorCode} from Desk` }, status)
      : undefined));

  it('a 403 SCOPE_MISMATCH on a bulk invite pauses for a reconnect (AuthRequiredError), without renewing', async () => {
    const { auth, renewals } = countingAuth();
    const connector = deskWith(auth, refusing('POST', '/api/v1/contacts/inviteAsEndUser', 403, 'SCOPE_MISMATCH'));
    const list = await contacts(connector, C.eligible, C.accents);
    const error = await connector.send(await target(connector), 'invite', list).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as Error).message).toContain('SCOPE_MISMATCH from Desk');
    expect(renewals()).toBe(0);
  });

  it('a 400 OAUTH_ORG_MISMATCH on a single invite is a reconnect too, not the contact’s failure', async () => {
    const { auth, renewals } = countingAuth();
    const connector = deskWith(auth, refusing('POST', `/api/v1/contacts/${C.eligible}/inviteAsEndUser`, 400, 'OAUTH_ORG_MISMATCH'));
    const error = await connector.send(await target(connector), 'invite', await contacts(connector, C.eligible)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect(renewals()).toBe(0);
  });

  it('a 401 SCOPE_MISMATCH (a token without Desk.basic.READ) is not renewed: renewing cannot add a scope', async () => {
    const { auth, renewals } = countingAuth(ZOHO.tokens.readOnlyAccess, true);
    const error = await deskWith(auth).listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect(renewals()).toBe(0);
  });

  it('INVALID_OAUTH at another status than 401 renews once, then the call goes through', async () => {
    let refused = 0;
    const once = replacing((request) => {
      if (!new URL(request.url).pathname.endsWith('/api/v1/helpCenters') || refused > 0) return undefined;
      refused++;
      return jsonResponse({ errorCode: 'INVALID_OAUTH', message: 'The OAuth Token you provided is invalid.' }, 400);
    });
    const { auth, renewals } = countingAuth(ZOHO.tokens.adminAccess, true);
    expect(await deskWith(auth, once).listTargets()).toHaveLength(2);
    expect(renewals()).toBe(1);
  });

  it('INVALID_OAUTH that renewing does not cure is AuthRequiredError', async () => {
    const { auth, renewals } = countingAuth(ZOHO.tokens.adminAccess, true);
    const error = await deskWith(auth, refusing('GET', '/api/v1/helpCenters', 403, 'INVALID_OAUTH')).listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect(renewals()).toBe(1);
  });

  it('other refusals keep their status: FORBIDDEN is the contacts’ answer, UNAUTHORIZED only re-authenticates as a 401', async () => {
    expect(deskReauth(403, 'FORBIDDEN')).toBeUndefined();
    expect(deskReauth(403, 'UNAUTHORIZED')).toBeUndefined();
    expect(deskReauth(422, 'SCOPE_MISMATCH')).toBe('reconnect');
    expect(deskReauth(401, 'INVALID_OAUTH')).toBe('renew');
    const { auth } = countingAuth();
    const error = await deskWith(auth, refusing('GET', '/api/v1/helpCenters', 403, 'UNAUTHORIZED')).listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorRefusedError);
  });
});
