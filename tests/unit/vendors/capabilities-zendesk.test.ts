import { describe, expect, it } from 'vitest';
import type { Contact, Target } from '../../../core/model';
import { AuthRequiredError, VendorResponseError } from '../../../core/vendors/http';
import type { Connector } from '../../../core/vendors/types';
import { zendeskApiTokenAuth, ZendeskSessionAuth } from '../../../core/vendors/zendesk/auth';
import { ZendeskConnector } from '../../../core/vendors/zendesk/api';
import { sandboxFetch } from '../../sandbox/fetch';
import { ZENDESK } from '../../sandbox/seed/ids';
import { outsideContact, sleep, useSandbox } from './sandbox-helpers';

/** The optional capabilities of the Zendesk connector (types.ts), against the sandbox. */

const sandbox = useSandbox();
const A = ZENDESK.acme;
const base = (subdomain = 'acme') => sandbox.current.vendorUrl(`${subdomain}.zendesk.localhost`);

function connector(subdomain = 'acme', token: string = A.apiToken, email = 'ava.admin@acme.co', fetch: typeof globalThis.fetch = sandboxFetch) {
  return new ZendeskConnector({ endpoint: { vendor: 'zendesk', accountId: subdomain, apiBase: base(subdomain) }, auth: zendeskApiTokenAuth(email, token), fetch });
}
const counters = () => sandbox.control('GET', '/counters');
const invitesOf = async (subdomain = 'acme') =>
  ((await counters()).invitations[`zendesk.end_user:${subdomain}`] ?? {}) as Record<string, { invite?: number; verification?: number }>;

async function target(c: ZendeskConnector): Promise<Target> {
  const [t] = await c.listTargets();
  if (!t) throw new Error('no target');
  return t;
}

describe('Zendesk: a contact from an address alone (contactFromEmail)', () => {
  it('names it email:<normalised address>, keyed by the account; a malformed address is no contact', () => {
    const c: Connector = connector();
    const contact = c.contactFromEmail?.('  Nina.NEW@Northwind.COM ');
    expect(contact).toMatchObject({
      id: 'email:nina.new@northwind.com', key: 'zendesk:acme:email:nina.new@northwind.com', vendor: 'zendesk', accountId: 'acme',
      email: 'Nina.NEW@northwind.com', emailKey: 'nina.new@northwind.com',
    });
    expect(Number.isNaN(Date.parse(contact?.fetchedAt ?? ''))).toBe(false);
    expect(c.contactFromEmail?.('two@@signs.com')).toBeUndefined();
    expect(c.contactFromEmail?.('')).toBeUndefined();
    expect(c.contactFromEmail?.('no-at-sign.com')).toBeUndefined();
  });

  it('an address nobody has: not a member, created once, then a member; a second send creates nothing', async () => {
    const c = connector();
    const t = await target(c);
    const csv = c.contactFromEmail('nina.new@northwind.com') as Contact;
    // Although it is "of this account", it is no Zendesk user: memberships() must ask Zendesk.
    expect(await c.memberships(t, [csv])).toEqual(new Map());
    expect(await c.send(t, 'invite', [csv])).toEqual({ kind: 'done', outcomes: [{ contactId: csv.id, result: { status: 'invited' } }] });
    expect(Object.fromEntries(await c.memberships(t, [csv]))).toEqual({ [csv.id]: { status: 'active' } });
    // The created user carries the address, and its name is the local part (Zendesk needs one).
    const [user] = await c.findByEmail('nina.new@northwind.com');
    expect(user).toMatchObject({ name: 'nina.new', emailKey: csv.emailKey });
    // Sent again by a new connector (a restarted worker): Zendesk says the user exists.
    expect(await connector().send(t, 'invite', [csv])).toMatchObject({ outcomes: [{ contactId: csv.id, result: { status: 'already_member' } }] });
    expect((await invitesOf())['nina.new@northwind.com']).toEqual({ invite: 1 });
    expect((await counters()).duplicateInvitations).toBe(0);
  });

  it('an address Zendesk already has is a member before anything is sent', async () => {
    const c = connector();
    const known = c.contactFromEmail('CHLOE.DURAND@northwind.com') as Contact;
    expect(Object.fromEntries(await c.memberships(await target(c), [known]))).toEqual({ [known.id]: { status: 'active' } });
  });

  it('in a create_many job, results come back to the address contacts by email', { timeout: 30_000 }, async () => {
    await sandbox.control('PATCH', '/settings', { zendeskJob: { queuedMs: 30, perItemMs: 1 } });
    const c = connector();
    const t = await target(c);
    const batch = [c.contactFromEmail('first.csv@fabrikam.com'), outsideContact('d1', 'marc.lefevre@fabrikam.com', 'Marc'), c.contactFromEmail('second.csv@fabrikam.com')] as Contact[];
    const submission = await c.send(t, 'invite', batch);
    expect(submission.kind).toBe('job');
    let outcomes;
    // Polled as the engine would, with room for a loaded machine (the job itself takes ~50 ms).
    for (const until = Date.now() + 20_000; !outcomes && Date.now() < until;) {
      const polled = await c.poll(t, submission.kind === 'job' ? submission.vendorJobId : '', batch);
      if (polled.kind === 'done') outcomes = polled.outcomes;
      else await sleep(30);
    }
    expect(outcomes?.map((o) => [o.contactId, o.result.status])).toEqual([
      ['email:first.csv@fabrikam.com', 'invited'], ['d1', 'already_member'], ['email:second.csv@fabrikam.com', 'invited'],
    ]);
    expect(Object.keys(await invitesOf()).sort()).toEqual(['first.csv@fabrikam.com', 'second.csv@fabrikam.com']);
  });

  it('getContacts leaves address ids out: they are no Zendesk ids', async () => {
    expect(await connector().getContacts(['email:chloe.durand@northwind.com'])).toEqual([]);
  });
});

describe('Zendesk: listing end users (listContacts)', () => {
  it('pages through the end users only, in Zendesk’s order, with hasMore from next_page', async () => {
    const c = connector();
    const first = await c.listContacts({ page: 1, perPage: 2 });
    expect(first.contacts.map((x) => x.id)).toEqual([String(A.users.endUserSignedIn), String(A.users.existingVerified)]);
    expect(first.hasMore).toBe(true);
    expect(first.contacts[1]).toMatchObject({ key: 'zendesk:acme:2002', name: 'Chloé Durand', email: 'chloe.durand@northwind.com', emailVerified: true });
    const second = await c.listContacts({ page: 2, perPage: 2 });
    expect(second.contacts.map((x) => x.id)).toEqual([String(A.users.unverified), String(A.users.htmlName)]);
    expect(second.hasMore).toBe(true);
    const third = await c.listContacts({ page: 3, perPage: 2 });
    expect(third.contacts.map((x) => x.id)).toEqual([String(A.users.phoneOnly)]);
    expect(third.hasMore).toBe(false);
    // Neither the admin nor the agent are listed.
    expect([...first.contacts, ...second.contacts, ...third.contacts].some((x) => x.id === String(A.users.admin) || x.id === String(A.users.agent))).toBe(false);
  });

  it('asks for at most 100 a page, and pages through generated end users to the last', async () => {
    await sandbox.control('POST', '/generate', { vendor: 'zendesk', count: 150, seed: 5, mix: false });
    const seen = new Set<string>();
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return sandboxFetch(input, init);
    };
    const c = connector('acme', A.apiToken, 'ava.admin@acme.co', spy);
    let page = 1;
    for (let more = true; more; page++) {
      const answer = await c.listContacts({ page, perPage: 500 });
      for (const contact of answer.contacts) seen.add(contact.id);
      more = answer.hasMore;
    }
    expect(seen.size).toBe(155);
    expect(page - 1).toBe(2);
    expect(new URL(urls[0] as string).searchParams.get('per_page')).toBe('100');
    expect(new URL(urls[0] as string).searchParams.get('role')).toBe('end-user');
  });

  it('a broken answer is a VendorResponseError naming the endpoint; a wrong token pauses', async () => {
    const broken: typeof fetch = async () => new Response(JSON.stringify({ users: [{ id: 'x' }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(connector('acme', A.apiToken, 'ava.admin@acme.co', broken).listContacts({ page: 1, perPage: 10 })).rejects.toThrow(VendorResponseError);
    await expect(connector('acme', A.apiToken, 'ava.admin@acme.co', broken).listContacts({ page: 1, perPage: 10 })).rejects.toThrow(/GET \/api\/v2\/users/);
    await expect(connector('acme', 'wrong').listContacts({ page: 1, perPage: 10 })).rejects.toBeInstanceOf(AuthRequiredError);
  });
});

describe('Zendesk: the verification email (sendVerification)', () => {
  it('for a user of the account: sent once, then refused in words for a verified address', async () => {
    const c = connector();
    const [unverified, verified] = await c.getContacts([String(A.users.unverified), String(A.users.existingVerified)]);
    expect(await c.sendVerification(unverified as Contact)).toEqual({ sent: true });
    expect((await invitesOf())['marc.lefevre@fabrikam.com']).toEqual({ verification: 1 });
    const again = await c.sendVerification(verified as Contact);
    expect(again.sent).toBe(false);
    expect(again.message).toMatch(/already verified/);
    // Portier's own sentence, so in French too (the vendor's refusals stay in its words).
    expect(again.localized?.fr).toMatch(/est déjà vérifiée : Zendesk n'envoie pas d'e-mail de vérification\.$/);
  });

  it('for a contact from elsewhere: through the Zendesk user with its address, or not at all', async () => {
    const c = connector();
    expect(await c.sendVerification(outsideContact('x', 'Marc.Lefevre@fabrikam.com', 'Marc'))).toEqual({ sent: true });
    expect((await invitesOf())['marc.lefevre@fabrikam.com']).toEqual({ verification: 1 });
    const nobody = await c.sendVerification(c.contactFromEmail('nobody.yet@fabrikam.com') as Contact);
    expect(nobody).toEqual({ sent: false, message: expect.stringContaining('No Zendesk user'), localized: { en: nobody.message, fr: expect.stringContaining("Aucun utilisateur Zendesk n'a encore l'adresse") } });
    expect(await c.sendVerification(outsideContact('y', undefined, 'No Email'))).toMatchObject({ sent: false });
  });

  it('an end user’s session is refused with Zendesk’s words', async () => {
    const auth = new ZendeskSessionAuth({ apiBase: base(), fetch: sandboxFetch, cookie: `_zendesk_session=${A.sessions.endUser.cookie}` });
    const c = new ZendeskConnector({ endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: base() }, auth, fetch: sandboxFetch });
    const unverified: Contact = { ...outsideContact(String(A.users.unverified), 'marc.lefevre@fabrikam.com'), vendor: 'zendesk', accountId: 'acme' };
    expect(await c.sendVerification(unverified)).toEqual({ sent: false, message: expect.stringContaining('do not have access') });
    // A contact from elsewhere needs a search first, which is refused the same way.
    expect(await c.sendVerification(outsideContact('x', 'marc.lefevre@fabrikam.com'))).toEqual({ sent: false, message: expect.stringContaining('do not have access') });
    expect(await invitesOf()).toEqual({});
  });
});
