import { describe, expect, it } from 'vitest';
import type { Contact, Target } from '../../../core/model';
import { AuthRequiredError, RateLimitedError, TransientError, VendorRefusedError } from '../../../core/vendors/http';
import { memoryTokenStore, type OAuthTokens } from '../../../core/vendors/oauth';
import type { AuthSession, ItemOutcome, Submission } from '../../../core/vendors/types';
import { ZendeskConnector } from '../../../core/vendors/zendesk/api';
import {
  exchangeZendeskCode, zendeskApiTokenAuth, zendeskAuthorizeUrl, zendeskOAuthSession, ZendeskSessionAuth,
} from '../../../core/vendors/zendesk/auth';
import { createProblem, isFailedJobResult, jobProblem, readZendeskError, refusalReason } from '../../../core/vendors/zendesk/errors';
import { mapLimit } from '../../../core/vendors/pool';
import { sandboxFetch } from '../../sandbox/fetch';
import { generatePeople } from '../../sandbox/generate';
import { ZENDESK } from '../../sandbox/seed/ids';
import { outsideContact, sleep, useSandbox } from './sandbox-helpers';

const sandbox = useSandbox();
const A = ZENDESK.acme;
const CLIENT = { clientId: ZENDESK.client.id, clientSecret: ZENDESK.client.secret };
const base = (subdomain = 'acme') => sandbox.current.vendorUrl(`${subdomain}.zendesk.localhost`);

function connector(auth: AuthSession = zendeskApiTokenAuth('ava.admin@acme.co', A.apiToken), subdomain = 'acme') {
  return new ZendeskConnector({ endpoint: { vendor: 'zendesk', accountId: subdomain, apiBase: base(subdomain) }, auth, fetch: sandboxFetch });
}
const globex = () => connector(zendeskApiTokenAuth('gina.admin@globex.com', ZENDESK.globex.apiToken), 'globex');
const session = (cookie: string) => new ZendeskSessionAuth({ apiBase: base(), fetch: sandboxFetch, cookie: `_zendesk_session=${cookie}` });

async function target(c: ZendeskConnector): Promise<Target> {
  const [t] = await c.listTargets();
  if (!t) throw new Error('no target');
  return t;
}

/** What the job engine does with a submission: poll until done (sandbox jobs are made quick below). */
async function settle(c: ZendeskConnector, t: Target, contacts: Contact[], submission: Submission): Promise<ItemOutcome[]> {
  let polls = 0;
  if (submission.kind === 'done') return submission.outcomes;
  for (;;) {
    const polled = await c.poll(t, submission.vendorJobId, contacts);
    if (polled.kind === 'done') return polled.outcomes;
    expect(polled.pollAfterMs).toBeGreaterThan(0);
    if (++polls > 200) throw new Error('job never finished');
    await sleep(50);
  }
}

const counters = () => sandbox.control('GET', '/counters');
const requests = async (key: string) => ((await counters()).requests[key] ?? 0) as number;
const invitesOf = async (subdomain: string) => ((await counters()).invitations[`zendesk.end_user:${subdomain}`] ?? {}) as Record<string, { invite?: number; verification?: number }>;
const people = (n: number, seed: number) =>
  generatePeople(n, { seed, mix: false }).map((p, i) => outsideContact(`csv-${seed}-${i}`, p.email ?? undefined, p.name));

describe('Zendesk: reads', () => {
  it('lists one target per account, with its brands for display', async () => {
    const c = connector();
    expect(await c.listTargets()).toEqual([expect.objectContaining({ kind: 'zendesk.end_user', id: 'acme', name: 'Acme', status: 'active', key: 'zendesk:acme:acme' })]);
    const brands = await c.brands();
    expect(brands.map((b) => [b.name, b.default, b.hasHelpCenter, b.helpCenterState])).toEqual([
      ['Acme', true, true, 'enabled'],
      ['Acme Labs', false, true, 'disabled'],
    ]);
  });

  it('reads the actor’s role from /users/me', async () => {
    expect(await connector().actor()).toEqual({ role: 'admin' });
    expect(await connector(session(A.sessions.agent.cookie)).actor()).toEqual({ role: 'agent' });
    expect(await connector(session(A.sessions.endUser.cookie)).actor()).toEqual({ role: 'end_user' });
  });

  it('looks users up by id, leaving out unknown and non-numeric ids', async () => {
    const contacts = await connector().getContacts([String(A.users.existingVerified), String(A.users.unverified), '999999', '../me', String(A.users.htmlName)]);
    expect(contacts.map((c) => [c.id, c.name, c.email, c.emailVerified])).toEqual([
      ['2002', 'Chloé Durand', 'chloe.durand@northwind.com', true],
      ['2003', 'Marc Lefèvre', 'marc.lefevre@fabrikam.com', false],
      ['2004', '<img src=x onerror=alert(1)>', 'html.name@contoso.com', true],
    ]);
    expect(contacts[0]).toMatchObject({ key: 'zendesk:acme:2002', vendor: 'zendesk', accountId: 'acme', emailKey: 'chloe.durand@northwind.com' });
  });

  it('finds users by email, compared without case', async () => {
    expect((await connector().findByEmail(' Chloe.Durand@NORTHWIND.com ')).map((c) => c.id)).toEqual(['2002']);
    expect(await connector().findByEmail('nobody@northwind.com')).toEqual([]);
    expect(await connector().findByEmail('not an address')).toEqual([]);
  });

  it('reads membership: a user with the address exists, or not', async () => {
    const c = connector();
    const t = await target(c);
    const [own] = await c.getContacts([String(A.users.unverified)]);
    const csv = [
      outsideContact('a', 'CHLOE.DURAND@northwind.com', 'Chloé (CSV)'),
      outsideContact('b', 'brand.new@northwind.com', 'Brand New'),
      outsideContact('c', undefined, 'No Email'),
    ];
    const before = await requests('zendesk GET /api/v2/users/search');
    const map = await c.memberships(t, [own as Contact, ...csv]);
    expect(Object.fromEntries(map)).toEqual({ '2003': { status: 'active' }, a: { status: 'active' } });
    // The account's own user needs no search; each address is searched once.
    expect((await requests('zendesk GET /api/v2/users/search')) - before).toBe(2);
  });
});

describe('Zendesk: creating end users', () => {
  it('creates one end user from a contact of another source', async () => {
    const c = connector();
    const t = await target(c);
    const contact = outsideContact('x1', 'new.person@northwind.com', 'New Person');
    const submission = await c.send(t, 'invite', [contact]);
    expect(submission).toEqual({ kind: 'done', outcomes: [{ contactId: 'x1', result: { status: 'invited' } }] });
    expect((await invitesOf('acme'))['new.person@northwind.com']).toEqual({ invite: 1 });
    expect((await c.findByEmail('new.person@northwind.com'))[0]?.name).toBe('New Person');
  });

  it('maps refusals per contact: existing address, malformed and missing ones are never created', async () => {
    await sandbox.control('PATCH', '/settings', { zendeskJob: { queuedMs: 50, perItemMs: 1 } });
    const c = connector();
    const t = await target(c);
    const contacts = [
      outsideContact('dup', 'chloe.durand@northwind.com', 'Chloé again'),
      outsideContact('bad', 'two@@signs.com', 'Bad'),
      outsideContact('none', undefined, 'Nobody'),
      outsideContact('noname', 'no.name@northwind.com'),
      // NFD (a combining accent, as macOS writes it): RULES.md's check takes it, Zendesk's does not.
      outsideContact('nfd', 'e\u0301mile@northwind.com', 'Émile'),
    ];
    const outcomes = await settle(c, t, contacts, await c.send(t, 'invite', contacts));
    expect(outcomes).toEqual([
      { contactId: 'dup', result: { status: 'already_member' } },
      { contactId: 'bad', result: expect.objectContaining({ status: 'failed', code: 'EMAIL_MALFORMED' }) },
      { contactId: 'none', result: expect.objectContaining({ status: 'failed', code: 'EMAIL_MISSING' }) },
      { contactId: 'noname', result: { status: 'invited' } },
      { contactId: 'nfd', result: { status: 'failed', code: 'EMAIL_MALFORMED', vendorCode: 'UserCreateError', message: expect.stringContaining('is not properly formatted') } },
    ]);
    // The same refusal of a single create (422 RecordInvalid, InvalidValue).
    const single = await c.send(t, 'invite', [contacts[4] as Contact]);
    expect(single).toEqual({ kind: 'done', outcomes: [{ contactId: 'nfd', result: { status: 'failed', code: 'EMAIL_MALFORMED', vendorCode: 'InvalidValue', message: expect.stringContaining('is not properly formatted') } }] });
    // Zendesk needs a name: the address's local part stands in.
    expect((await c.findByEmail('no.name@northwind.com'))[0]?.name).toBe('no.name');
    const sent = await invitesOf('acme');
    expect(Object.keys(sent)).toEqual(['no.name@northwind.com']);
  });

  it('bulk: 150 contacts in two create_many jobs, polled to completion, each invited exactly once', async () => {
    await sandbox.control('PATCH', '/settings', { zendeskJob: { queuedMs: 100, perItemMs: 2 } });
    const c = connector();
    const t = await target(c);
    const contacts = people(150, 7);
    expect(c.batchSize('invite')).toBe(100);
    const batches = [contacts.slice(0, 100), contacts.slice(100)];
    const submissions = await Promise.all(batches.map((b) => c.send(t, 'invite', b)));
    expect(submissions.map((s) => s.kind)).toEqual(['job', 'job']);
    const outcomes = (await Promise.all(batches.map((b, i) => settle(c, t, b, submissions[i] as Submission)))).flat();
    expect(outcomes.map((o) => o.contactId)).toEqual(contacts.map((x) => x.id));
    expect(outcomes.every((o) => o.result.status === 'invited')).toBe(true);
    const snapshot = await counters();
    expect(snapshot.requests['zendesk POST /api/v2/users/create_many']).toBe(2);
    expect(snapshot.requests['zendesk POST /api/v2/users'] ?? 0).toBe(0);
    expect(snapshot.duplicateInvitations).toBe(0);
    const sent = snapshot.invitations['zendesk.end_user:acme'] as Record<string, { invite: number }>;
    expect(Object.keys(sent)).toHaveLength(150);
    for (const contact of contacts) expect(sent[contact.emailKey as string]).toEqual({ invite: 1 });
  });

  it('bulk job results keep request order and read refusals (duplicates, lost results)', async () => {
    await sandbox.control('PATCH', '/settings', { zendeskJob: { queuedMs: 50, perItemMs: 1 } });
    const c = connector();
    const t = await target(c);
    const contacts = [outsideContact('n1', 'first.new@fabrikam.com', 'First'), outsideContact('d1', 'marc.lefevre@fabrikam.com', 'Marc'), outsideContact('n2', 'second.new@fabrikam.com', 'Second')];
    const outcomes = await settle(c, t, contacts, await c.send(t, 'invite', contacts));
    expect(outcomes.map((o) => [o.contactId, o.result.status])).toEqual([['n1', 'invited'], ['d1', 'already_member'], ['n2', 'invited']]);
  });

  it('poll() given the whole batch answers for the contacts sent (and those refused before), not for members left out', async () => {
    await sandbox.control('PATCH', '/settings', { zendeskJob: { queuedMs: 50, perItemMs: 1 } });
    const c = connector();
    const t = await target(c);
    const member = outsideContact('member', 'chloe.durand@northwind.com', 'Chloé');
    const [a, b] = people(2, 12);
    const none = outsideContact('none', undefined, 'Nobody');
    // The engine sends only the non-members, then polls with the batch it holds.
    const submission = await c.send(t, 'invite', [a as Contact, none, b as Contact]);
    expect(submission.kind).toBe('job');
    const result = await settle(c, t, [member, a as Contact, none, b as Contact], submission);
    expect(result.map((o) => [o.contactId, o.result.status])).toEqual([[a?.id, 'invited'], ['none', 'failed'], [b?.id, 'invited']]);
  });

  it('the job limit (429 on create_many) is a RateLimitedError: nothing was started', async () => {
    const c = connector();
    const t = await target(c);
    await sandbox.control('POST', '/faults', { path: '/api/v2/users/create_many', kind: '429', retryAfter: 2 });
    const error = (await c.send(t, 'invite', people(2, 13)).catch((e: unknown) => e)) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(2000);
    expect((await counters()).totals.invite).toBe(0);
  });

  it('a job Zendesk no longer knows (404) gives no outcome: its items are the engine’s to reconcile, and a resend is ours', async () => {
    const t = await target(connector());
    const [made] = people(1, 11);
    // Made by the job, as far as anyone can tell; its status is gone.
    await connector().send(t, 'invite', [made as Contact]);
    const c = connector();
    const gone = outsideContact('gone', 'never.made@fabrikam.com', 'Gone');
    expect(await settle(c, t, [made as Contact, gone], { kind: 'job', vendorJobId: 'deadbeef', pollAfterMs: 1 })).toEqual([]);
    // Sent again (the engine found no member yet): Zendesk's DuplicateValue is this job's own user.
    const again = await settle(c, t, [made as Contact, gone], await c.send(t, 'invite', [made as Contact, gone]));
    expect(again.map((o) => [o.contactId, o.result.status])).toEqual([[made?.id, 'invited'], ['gone', 'invited']]);
  });

  it('bulk import off (globex): falls back to single creates, and remembers it', async () => {
    const c = globex();
    const t = await target(c);
    const first = people(3, 21);
    const outcomes = await settle(c, t, first, await c.send(t, 'invite', first));
    expect(outcomes.map((o) => o.result.status)).toEqual(['invited', 'invited', 'invited']);
    await c.send(t, 'invite', people(2, 22));
    const snapshot = await counters();
    expect(snapshot.requests['zendesk POST /api/v2/users/create_many']).toBe(1);
    expect(snapshot.requests['zendesk POST /api/v2/users']).toBe(5);
    expect(Object.values(snapshot.invitations['zendesk.end_user:globex'] ?? {})).toHaveLength(5);
  });

  it('an agent who is not an admin creates one by one, never trying create_many', async () => {
    const c = connector(session(A.sessions.agent.cookie));
    const t = await target(c);
    const contacts = people(3, 31);
    const outcomes = await settle(c, t, contacts, await c.send(t, 'invite', contacts));
    expect(outcomes.every((o) => o.result.status === 'invited')).toBe(true);
    expect(await requests('zendesk POST /api/v2/users/create_many')).toBe(0);
    expect(await requests('zendesk POST /api/v2/users')).toBe(3);
  });

  it('an end user’s session is NOT_AN_AGENT for every contact, after one refused call', async () => {
    const c = connector(session(A.sessions.endUser.cookie));
    const t: Target = { key: 'zendesk:acme:acme', vendor: 'zendesk', accountId: 'acme', kind: 'zendesk.end_user', id: 'acme', name: 'Acme', fetchedAt: new Date().toISOString() };
    const contacts = people(3, 41);
    const submission = await c.send(t, 'invite', contacts);
    expect(submission.kind).toBe('done');
    const outcomes = submission.kind === 'done' ? submission.outcomes : [];
    expect(outcomes.map((o) => o.result)).toEqual(Array(3).fill(expect.objectContaining({ status: 'failed', code: 'NOT_AN_AGENT', vendorCode: 'Forbidden', message: expect.stringContaining('do not have access') })));
    expect(await requests('zendesk POST /api/v2/users')).toBe(1);
    await expect(c.findByEmail('chloe.durand@northwind.com')).rejects.toMatchObject({ status: 403 });
  });

  it('sending a batch again (the engine lost the answer) sends nothing twice and still says invited', async () => {
    const c = globex();
    const t = await target(c);
    const contacts = people(2, 51);
    await c.send(t, 'invite', contacts);
    const again = await c.send(t, 'invite', contacts);
    expect(again).toMatchObject({ kind: 'done', outcomes: [{ result: { status: 'invited' } }, { result: { status: 'invited' } }] });
    expect((await counters()).duplicateInvitations).toBe(0);
    // A new connector (a new service worker) knows nothing of it: the vendor says they exist.
    const fresh = await globex().send(t, 'invite', contacts);
    expect(fresh).toMatchObject({ outcomes: [{ result: { status: 'already_member' } }, { result: { status: 'already_member' } }] });
  });

  it('a dropped create is a TransientError; sent again, the contact is created once', async () => {
    const c = globex();
    const t = await target(c);
    const [contact] = people(1, 61);
    await sandbox.control('POST', '/faults', { path: '/api/v2/users', method: 'POST', kind: 'drop' });
    await expect(c.send(t, 'invite', [contact as Contact])).rejects.toBeInstanceOf(TransientError);
    expect(await c.send(t, 'invite', [contact as Contact])).toMatchObject({ outcomes: [{ result: { status: 'invited' } }] });
    expect((await invitesOf('globex'))[contact?.emailKey as string]).toEqual({ invite: 1 });
  });

  it('refuses actions Zendesk has no such thing for, and foreign targets', async () => {
    const c = connector();
    const t = await target(c);
    await expect(c.send(t, 'reinvite', [])).rejects.toThrow(/no "reinvite"/);
    await expect(c.send({ ...t, id: 'globex' }, 'invite', [])).rejects.toThrow(/not Zendesk account acme/);
    await expect(c.poll(t, '../../users', [])).rejects.toThrow(/Not a Zendesk job id/);
  });
});

describe('Zendesk: verification email', () => {
  it('sends it for an unverified primary email, once, and not for a verified one', async () => {
    const c = connector();
    expect(await c.requestVerification(String(A.users.unverified))).toEqual({ status: 'sent', email: 'marc.lefevre@fabrikam.com', identityId: String(A.identities.unverified) });
    expect((await invitesOf('acme'))['marc.lefevre@fabrikam.com']).toEqual({ verification: 1 });
    expect(await c.requestVerification(String(A.users.existingVerified))).toEqual({ status: 'already_verified', email: 'chloe.durand@northwind.com' });
    expect(await c.requestVerification('999999')).toMatchObject({ status: 'failed', code: 'VENDOR_ERROR' });
    await expect(c.requestVerification('1 OR 1')).rejects.toThrow(/Not a Zendesk user id/);
  });

  it('an end user may not ask for it: NOT_AN_AGENT', async () => {
    expect(await connector(session(A.sessions.endUser.cookie)).requestVerification(String(A.users.unverified))).toMatchObject({ status: 'failed', code: 'NOT_AN_AGENT' });
  });
});

describe('Zendesk: error mapping (errors.ts)', () => {
  const duplicate = {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: { email: [{ description: 'Email: x@y.com is already being used by another user', error: 'DuplicateValue' }] },
  };
  // NOTES.md §1.1: the text follows the account's language; the code does not.
  const spanish = {
    error: 'RecordInvalid',
    description: 'Errores de validación de registro',
    details: { email: [{ description: 'Correo electrónico: x@y.com ya está siendo usado por otro usuario', error: 'DuplicateValue' }] },
  };
  const malformed = { error: 'RecordInvalid', description: 'Record validation errors', details: { email: [{ description: 'Email: x@@y is not properly formatted', error: 'InvalidValue' }] } };

  it('reads the envelope: code and the vendor’s own words', () => {
    expect(readZendeskError(duplicate, 422)).toEqual({ code: 'RecordInvalid', message: 'Record validation errors — Email: x@y.com is already being used by another user' });
    expect(readZendeskError({ error: 'invalid_token', error_description: 'The access token provided is expired' }, 401)).toEqual({ code: 'invalid_token', message: 'The access token provided is expired' });
    expect(readZendeskError({ errors: [{ code: 'TooManyJobs', title: 'Too many jobs', detail: 'Wait' }] }, 429)).toEqual({ code: 'TooManyJobs', message: 'Wait' });
    expect(readZendeskError('Rate limit for ticket updates exceeded', 429)).toEqual({ message: 'Rate limit for ticket updates exceeded' });
    expect(readZendeskError(undefined, 500)).toEqual({ message: 'HTTP 500' });
  });

  it('maps 422 DuplicateValue to ALREADY_MEMBER by code, in any language, and "not properly formatted" to EMAIL_MALFORMED', () => {
    expect(createProblem(duplicate)).toEqual({ problem: 'duplicate', vendorCode: 'DuplicateValue' });
    expect(createProblem(spanish)).toEqual({ problem: 'duplicate', vendorCode: 'DuplicateValue' });
    expect(createProblem(malformed)).toEqual({ problem: 'malformed', vendorCode: 'InvalidValue' });
    const refused = (status: number, body: unknown) => new VendorRefusedError('zendesk', 'POST /api/v2/users', status, readZendeskError(body, status).code, readZendeskError(body, status).message, body);
    expect(refusalReason(refused(422, duplicate))).toBe('ALREADY_MEMBER');
    expect(refusalReason(refused(422, malformed))).toBe('EMAIL_MALFORMED');
    expect(refusalReason(refused(403, { error: 'Forbidden', description: 'You do not have access to this page.' }))).toBe('NOT_AN_AGENT');
    expect(refusalReason(refused(403, { error: 'Forbidden', description: 'You are missing the following required scopes: write' }))).toBe('VENDOR_ERROR');
    expect(refusalReason(refused(400, { error: 'InvalidValue', description: 'users must contain at least one user' }))).toBe('VENDOR_ERROR');
  });

  it('reads job results as the KB sample shows them', () => {
    const failedItem = { id: 2, error: 'UserUpdateError', details: 'Name: Email: x@@y is not properly formatted', status: 'Failed' };
    expect(isFailedJobResult(failedItem)).toBe(true);
    expect(jobProblem(failedItem)).toBe('malformed');
    expect(jobProblem({ id: 0, action: 'create', success: false, error: 'UserCreateError', details: 'Email: a@b.co is already being used by another user' })).toBe('duplicate');
    expect(isFailedJobResult({ id: 3001, index: 0, status: 'Created' })).toBe(false);
  });
});

describe('Zendesk: accounts and authentication', () => {
  it('API token: email/token basic auth; a wrong token is AuthRequiredError', async () => {
    expect(await connector().actor()).toEqual({ role: 'admin' });
    await expect(connector(zendeskApiTokenAuth('ava.admin@acme.co', 'wrong')).actor()).rejects.toBeInstanceOf(AuthRequiredError);
  });

  it('OAuth: an expired access token is refreshed once, and the rotated pair stored', async () => {
    const store = memoryTokenStore({ accessToken: A.oauth.access, refreshToken: A.oauth.refresh });
    const auth = zendeskOAuthSession({ apiBase: base(), client: CLIENT, store, fetch: sandboxFetch });
    await sandbox.control('POST', '/tokens', { expireNow: true, realm: 'zendesk:acme' });
    const c = connector(auth);
    const [me, brands] = await Promise.all([c.actor(), c.brands()]);
    expect(me).toEqual({ role: 'admin' });
    expect(brands).toHaveLength(2);
    expect(store.current?.accessToken).not.toBe(A.oauth.access);
    expect(store.current?.refreshToken).not.toBe(A.oauth.refresh);
    expect(store.current?.expiresAt).toBeGreaterThan(Date.now());
    expect(await requests('zendesk_oauth POST /oauth/tokens') + await requests('zendesk POST /oauth/tokens')).toBe(1);
  });

  it('OAuth: a token past its expiry is refreshed before the call (control API shortens token life)', async () => {
    await sandbox.control('POST', '/tokens', { ttlSec: 1 });
    const store = memoryTokenStore({ accessToken: A.oauth.access, refreshToken: A.oauth.refresh, expiresAt: Date.now() - 1 });
    const c = connector(zendeskOAuthSession({ apiBase: base(), client: CLIENT, store, fetch: sandboxFetch, earlyMs: 0 }));
    expect(await c.actor()).toEqual({ role: 'admin' });
    const issued = store.current as OAuthTokens;
    expect(issued.expiresAt).toBeLessThanOrEqual(Date.now() + 1000);
    await sleep(1100);
    await c.brands(); // the 1-second token has expired again: refreshed before the call
    expect(store.current?.accessToken).not.toBe(issued.accessToken);
    expect(await requests('zendesk GET /api/v2/brands')).toBe(1); // no 401 round trip
  });

  it('OAuth: a refresh the server refuses is AuthRequiredError, and is not tried again', async () => {
    const store = memoryTokenStore({ accessToken: 'expired-or-revoked', refreshToken: 'revoked-refresh' });
    const c = connector(zendeskOAuthSession({ apiBase: base(), client: CLIENT, store, fetch: sandboxFetch }));
    await expect(c.actor()).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(c.brands()).rejects.toBeInstanceOf(AuthRequiredError);
    const snapshot = await counters();
    const tokenCalls = Object.entries(snapshot.requests).filter(([k]) => k.endsWith('POST /oauth/tokens')).reduce((n, [, v]) => n + (v as number), 0);
    expect(tokenCalls).toBe(1);
  });

  it('OAuth: the code flow, and a token without the write scope pauses the job rather than failing it', async () => {
    const redirectUri = 'https://portier.chromiumapp.org/zendesk';
    const url = zendeskAuthorizeUrl({ apiBase: base(), clientId: ZENDESK.client.id, redirectUri, scopes: ['read'], state: 's1' });
    const redirect = await sandboxFetch(url, { redirect: 'manual' });
    const back = new URL(redirect.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('s1');
    const outcome = await exchangeZendeskCode({ apiBase: base(), client: CLIENT, code: back.searchParams.get('code') ?? '', redirectUri, fetch: sandboxFetch });
    if (!outcome.ok) throw new Error(outcome.error);
    const c = connector(zendeskOAuthSession({ apiBase: base(), client: CLIENT, store: memoryTokenStore(outcome.tokens), fetch: sandboxFetch }));
    expect(await c.actor()).toEqual({ role: 'admin' });
    const t = await target(c);
    await expect(c.send(t, 'invite', people(1, 71))).rejects.toBeInstanceOf(AuthRequiredError);
  });

  it('session: the cookie reads, writes carry the CSRF token read from /users/me', async () => {
    const made = await sandbox.control('POST', '/sessions', { subdomain: 'acme', email: 'ben.agent@acme.co' });
    const auth = new ZendeskSessionAuth({ apiBase: base(), fetch: sandboxFetch, cookie: made.cookie });
    expect(await auth.headers('POST')).toMatchObject({ 'x-csrf-token': made.csrfToken });
    expect(auth.credentials).toBe('include');
    const c = connector(auth);
    expect(await c.send(await target(c), 'invite', people(1, 81))).toMatchObject({ outcomes: [{ result: { status: 'invited' } }] });
  });

  it('session: a stale CSRF token is read again once and the write retried', async () => {
    const auth = session(A.sessions.agent.cookie);
    (auth as unknown as { csrf: string }).csrf = 'stale-token';
    const c = connector(auth);
    expect(await c.send(await target(c), 'invite', people(1, 91))).toMatchObject({ outcomes: [{ result: { status: 'invited' } }] });
    expect(await requests('zendesk POST /api/v2/users')).toBe(2);
  });

  it('session: a signed-out cookie is AuthRequiredError', async () => {
    await expect(connector(session('signed-out')).actor()).rejects.toBeInstanceOf(AuthRequiredError);
    const auth = session('signed-out');
    expect(await auth.renew()).toBe(false);
  });
});

describe('Zendesk: concurrent reads', () => {
  it('mapLimit keeps the order, and starts nothing after the first failure (a 429 must not be followed by a burst)', async () => {
    expect(await mapLimit([3, 1, 2], 2, async (n) => (await sleep(n), n * 10))).toEqual([30, 10, 20]);
    const started: number[] = [];
    const run = mapLimit([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      await sleep(n === 1 ? 1 : 5);
      if (n === 1) throw new RateLimitedError('zendesk', 'GET /api/v2/users/search', 30_000, 'slow down');
      return n;
    });
    await expect(run).rejects.toBeInstanceOf(RateLimitedError);
    await sleep(30);
    // The three first were in flight; none was started once the 429 came back.
    expect(started).toEqual([0, 1, 2]);
  });

  it('memberships stop asking after a 429 on a search', async () => {
    await sandbox.control('POST', '/faults', { path: '/api/v2/users/search', kind: '429', count: 1, retryAfter: 30 });
    const c = connector();
    const list = people(40, 77);
    await expect(c.memberships(await target(c), list)).rejects.toBeInstanceOf(RateLimitedError);
    await sleep(50);
    // The 429 and at most the other calls already in flight (4 at a time), not the 40.
    expect(await requests('zendesk GET /api/v2/users/search')).toBeLessThanOrEqual(4);
  });
});
