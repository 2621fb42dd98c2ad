import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/eligibility';
import type { Account, Contact, Target } from '../../../core/model';
import { VENDORS } from '../../../core/vendors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorResponseError } from '../../../core/vendors/http';
import type { AuthSession, ItemOutcome, Submission } from '../../../core/vendors/types';
import { ZohoCrmConnector, zohoCrmApiBase, type ZohoCrmSettings } from '../../../core/vendors/zoho-crm/api';
import { CRM_ERROR_CODES, crmItemResult, isCrmThrottle } from '../../../core/vendors/zoho-crm/errors';
import { parseJobRef } from '../../../core/vendors/zoho-crm/invites';
import { idLists, lastInvitedAt, portalMembership } from '../../../core/vendors/zoho-crm/portal-users';
import { CrmPortalUsers } from '../../../core/vendors/zoho-crm/schemas';
import { memoryTokenStore } from '../../../core/vendors/oauth';
import { zohoOAuthSession } from '../../../core/vendors/zoho/auth';
import { sandboxFetch } from '../../sandbox/fetch';
import { CRM, ZOHO } from '../../sandbox/seed';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';

const HOST = 'www.zohoapis.localhost';
const ACCOUNT = `localhost:${CRM.orgId}`;
const R = CRM.records;
const UT = CRM.userTypes;
const CUSTOMERS = `zoho_crm.portal:${UT.customers}`;
const DAY = 86_400_000;

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

interface Make { token?: string; fetch?: typeof fetch; crm?: ZohoCrmSettings }
function crm({ token = ZOHO.tokens.adminAccess, fetch = sandboxFetch, crm: settings }: Make = {}): ZohoCrmConnector {
  return new ZohoCrmConnector({
    endpoint: { vendor: 'zoho_crm', accountId: ACCOUNT, apiBase: sandbox.vendorUrl(HOST), orgId: CRM.orgId },
    auth: staticToken(token), fetch, ...(settings ? { crm: settings } : {}),
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

async function target(connector: ZohoCrmConnector, id: string = UT.customers): Promise<Target> {
  const found = (await connector.listTargets()).find((t) => t.id === id);
  if (!found) throw new Error(`no user type ${id}`);
  return found;
}

async function records(connector: ZohoCrmConnector, ids: string[], module = 'Contacts'): Promise<Contact[]> {
  const found = await connector.getContacts(ids, module);
  expect(found.map((c) => c.id)).toEqual(ids);
  return found;
}

/** Follows a job to its end, moving the sandbox clock instead of waiting. */
async function finish(connector: ZohoCrmConnector, t: Target, submission: Submission, contacts: Contact[]): Promise<ItemOutcome[]> {
  if (submission.kind === 'done') return submission.outcomes;
  for (let round = 0; round < 20; round++) {
    const polled = await connector.poll(t, submission.vendorJobId, contacts);
    if (polled.kind === 'done') return polled.outcomes;
    expect(polled.pollAfterMs).toBeGreaterThan(0);
    await control('POST', '/time', { advanceMs: 2_000 });
  }
  throw new Error('the job did not complete');
}

const results = (outcomes: ItemOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.contactId, o.result]));

describe('Zoho CRM: targets and actor', () => {
  it('lists one target per portal user type, each with the portal’s shared seats when a limit is known', async () => {
    const connector = crm({ crm: { companyDomains: ['acme.co'], consentRequired: true, portalSeatLimit: 1_000 } });
    const targets = await connector.listTargets();
    // One pool for the portal: 3 active Customers (the deactivated 4th takes no seat) + 3 Partners + 0 Suppliers.
    const pool = { used: 6, limit: 1_000 };
    expect(targets.map((t) => [t.id, t.name, t.portalName, t.status, t.seats])).toEqual([
      [UT.customers, 'Customers', CRM.portal, 'active', pool],
      [UT.partnersFull, 'Partners', CRM.portal, 'active', pool],
      [UT.suppliers, 'Suppliers', CRM.portal, 'active', pool],
    ]);
    expect(targets[0]).toMatchObject({ kind: 'zoho_crm.portal', key: `zoho_crm:${ACCOUNT}:${UT.customers}`, companyDomains: ['acme.co'], consentRequired: true });
    const bare = await crm().listTargets();
    expect(bare.every((t) => t.seats === undefined && t.companyDomains === undefined && t.consentRequired === undefined)).toBe(true);
  });

  it('two user types of one portal share its seats: 3 active in one and 2 in another fill a limit of 5 for both', async () => {
    // Partners keeps 2 of its 3 users; Customers has 3 active and 1 deactivated, which takes no seat.
    const crmData = sandbox.state.data.crm;
    crmData.portalUsers = crmData.portalUsers.filter((u) => u.personalityId !== R.partner3);
    const connector = crm({ crm: { portalSeatLimit: 5 } });
    const targets = await connector.listTargets();
    expect(targets.map((t) => [t.id, t.seats])).toEqual([
      [UT.customers, { used: 5, limit: 5 }],
      [UT.partnersFull, { used: 5, limit: 5 }],
      [UT.suppliers, { used: 5, limit: 5 }],
    ]);
    const [newcomer] = await records(connector, [R.eligible]);
    const now = new Date(sandbox.state.now());
    for (const t of targets) {
      expect(evaluate({ contact: newcomer!, target: t, actor: { role: 'admin' } }, now).reasons.map((r) => r.code)).toEqual(['LICENSE_LIMIT']);
    }
    // One seat more and every user type has room again.
    const roomy = await crm({ crm: { portalSeatLimit: 6 } }).listTargets();
    expect(roomy.map((t) => t.seats)).toEqual([{ used: 5, limit: 6 }, { used: 5, limit: 6 }, { used: 5, limit: 6 }]);
    expect(evaluate({ contact: newcomer!, target: roomy[0]!, actor: { role: 'admin' } }, now).eligible).toBe(true);
  });

  it('the registry gives the connector the account’s portal seats (options page), and none when unset', async () => {
    const account: Account = {
      id: ACCOUNT, vendor: 'zoho_crm', label: 'Acme CRM', dataCenter: 'localhost', orgId: CRM.orgId, authKind: 'oauth', status: 'connected',
      companyDomains: ['acme.co'], connectedAt: new Date(0).toISOString(),
    };
    const options = { endpoint: { vendor: 'zoho_crm' as const, accountId: ACCOUNT, apiBase: sandbox.vendorUrl(HOST), orgId: CRM.orgId }, auth: staticToken(ZOHO.tokens.adminAccess), fetch: sandboxFetch };
    const limited = await VENDORS.zoho_crm.connector(options, { ...account, portalSeatLimit: 6 }).listTargets();
    expect(limited.map((t) => t.seats)).toEqual([{ used: 6, limit: 6 }, { used: 6, limit: 6 }, { used: 6, limit: 6 }]);
    expect(limited[0]?.companyDomains).toEqual(['acme.co']);
    const unknown = await VENDORS.zoho_crm.connector(options, account).listTargets();
    expect(unknown.every((t) => t.seats === undefined)).toBe(true);
  });

  it('counts portal users only when a limit is set: each user type costs a request', async () => {
    const userListings = async () => Object.entries((await counters()).requests as Record<string, number>)
      .filter(([route]) => route.includes('user_type') && route.endsWith('/users'))
      .reduce((sum, [, n]) => sum + n, 0);
    await crm({ crm: { companyDomains: ['acme.co'] } }).listTargets();
    expect(await userListings()).toBe(0);
    await crm({ crm: { portalSeatLimit: 1_000 } }).listTargets();
    expect(await userListings()).toBe(3);
  });

  it('probes the portal permission without inviting anyone', async () => {
    expect(await crm().actor()).toEqual({ role: 'agent' });
    expect(await crm({ token: ZOHO.tokens.agentAccess }).actor()).toEqual({ role: 'agent', permissions: [] });
    expect((await counters()).totals).toEqual({ invite: 0, reinvite: 0, verification: 0 });
  });
});

describe('Zoho CRM: records', () => {
  it('reads records with approval state and consent; deleted and recycle-bin ids are left out', async () => {
    const found = await crm().getContacts([R.eligible, R.pendingApproval, R.underReview, R.consentMissing, R.deleted, R.recycleBin, R.noEmail, R.htmlName]);
    const byId = Object.fromEntries(found.map((c) => [c.id, c]));
    expect(Object.keys(byId)).toEqual([R.eligible, R.pendingApproval, R.underReview, R.consentMissing, R.noEmail, R.htmlName]);
    expect(byId[R.eligible]).toMatchObject({
      name: 'Liam Carter', email: 'liam.carter@northwind.com', emailKey: 'liam.carter@northwind.com', module: 'Contacts',
      recordState: 'active', consent: 'given', vendor: 'zoho_crm', key: `zoho_crm:${ACCOUNT}:${R.eligible}`,
    });
    expect(byId[R.pendingApproval]?.recordState).toBe('pending_approval');
    expect(byId[R.underReview]?.recordState).toBe('under_review');
    expect(byId[R.consentMissing]?.consent).toBe('missing');
    expect(byId[R.noEmail]?.email).toBeUndefined();
    expect(byId[R.htmlName]?.name).toBe('<b>Bold</b> <img src=x onerror=alert(1)>');
  });

  it('reads records of another module', async () => {
    const [vendor] = await crm().getContacts([R.vendor], 'Vendors');
    expect(vendor).toMatchObject({ id: R.vendor, module: 'Vendors', email: 'orders@fabrikam.com' });
  });

  it('finds records by email without case', async () => {
    const found = await crm().findByEmail('LIAM.carter@Northwind.com');
    expect(found.map((c) => c.id).sort()).toEqual([R.eligible, R.duplicateOfEligible]);
    expect(await crm().findByEmail('nobody@northwind.com')).toEqual([]);
  });
});

describe('Zoho CRM: memberships', () => {
  it('reads portal users: active, deactivated, invited 3 and 8 days ago with their dates, none', async () => {
    const connector = crm();
    const list = await records(connector, [R.portalUserActive, R.portalUserDeactivated, R.invited3Days, R.invited8Days, R.eligible]);
    const states = await connector.memberships(await target(connector), list);
    expect([...states.keys()].sort()).toEqual([R.portalUserActive, R.portalUserDeactivated, R.invited3Days, R.invited8Days].sort());
    expect(states.get(R.portalUserActive)?.status).toBe('active');
    expect(states.get(R.portalUserDeactivated)?.status).toBe('deactivated');
    const now = sandbox.state.now();
    const age = (id: string) => (now - Date.parse(states.get(id)?.invitedAt ?? '')) / DAY;
    expect(states.get(R.invited3Days)?.status).toBe('invited');
    expect(age(R.invited3Days)).toBeCloseTo(3, 1);
    expect(age(R.invited8Days)).toBeCloseTo(8, 1);
  });

  it('a portal user of another user type of the portal is a member here too: Zoho refuses to invite them', async () => {
    const connector = crm();
    const customers = await target(connector);
    const list = await records(connector, [R.partner1, R.portalUserActive, R.eligible]);
    // What the engine reads before it sends: the user type's own users (Zoho's refusal says the rest).
    expect((await connector.memberships(customers, list)).has(R.partner1)).toBe(false);
    const states = await connector.memberships(customers, list, { exhaustive: true });
    expect(states.get(R.partner1)).toEqual({ status: 'active' });
    expect(states.get(R.portalUserActive)?.status).toBe('active');
    expect(states.has(R.eligible)).toBe(false);
    const actor = await connector.actor();
    const [partner] = list as [Contact];
    expect(evaluate({ contact: { ...partner, membership: states.get(R.partner1)! }, target: customers, actor }, new Date(sandbox.state.now())).action).toBe('none');
    // What Zoho answers when asked anyway.
    const submission = await connector.send(customers, 'invite', [partner]);
    expect(submission.kind === 'done' ? submission.outcomes[0]?.result : submission).toMatchObject({ status: 'already_member' });

    // The contact card reads every user type at once: the same answer, with no read more.
    const card = await connector.inspect(R.partner1, await connector.listTargets());
    expect(card.memberships.get(customers.key)).toEqual({ status: 'active' });
  });

  it('dates an invitation by invited_time (user_type_users.json), else by created_time', () => {
    const [reinvited, firstOnly, unreadable, undated] = CrmPortalUsers.parse({
      users: [
        { personality_id: '1', confirm: false, active: true, created_time: '2030-01-01T10:00:00+05:30', invited_time: '2030-01-31T09:00:00Z' },
        { personality_id: '2', confirm: false, active: true, created_time: '2030-01-01T10:00:00+05:30' },
        { personality_id: '3', confirm: false, active: true, created_time: '2030-01-01T10:00:00Z', invited_time: 'soon' },
        { personality_id: '4', confirm: false, active: true },
      ],
    }).users;
    expect(reinvited?.invited_time).toBe('2030-01-31T09:00:00Z');
    expect(portalMembership(reinvited!)).toEqual({ status: 'invited', invitedAt: '2030-01-31T09:00:00.000Z' });
    expect(portalMembership(firstOnly!)).toEqual({ status: 'invited', invitedAt: '2030-01-01T04:30:00.000Z' });
    expect(portalMembership(unreadable!)).toEqual({ status: 'invited', invitedAt: '2030-01-01T10:00:00.000Z' });
    expect(portalMembership(undated!)).toEqual({ status: 'invited' });
    // No invitation precedes the user: the later of the two.
    expect(lastInvitedAt({ created_time: '2030-01-05T00:00:00Z', invited_time: '2030-01-01T00:00:00Z' })).toBe('2030-01-05T00:00:00.000Z');
  });

  it('a user created a month ago and re-invited yesterday is pending, not expired', () => {
    const now = new Date('2030-02-01T00:00:00Z');
    const user = { personality_id: '1', confirm: false, active: true, created_time: '2030-01-01T00:00:00Z', invited_time: '2030-01-31T00:00:00Z' };
    const contact = { id: '1', email: 'ava@northwind.com', membership: portalMembership(user) };
    const t = { kind: 'zoho_crm.portal', id: UT.customers } as const;
    expect(evaluate({ contact, target: t, actor: { role: 'admin' } }, now).reasons.map((r) => r.code)).toEqual(['INVITATION_PENDING']);
    const { invited_time: _i, ...createdOnly } = user;
    expect(evaluate({ contact: { ...contact, membership: portalMembership(createdOnly) }, target: t, actor: { role: 'admin' } }, now).reasons.map((r) => r.code))
      .toEqual(['INVITATION_EXPIRED']);
  });

  it('a re-invite moves the invitation date memberships read, not the user’s creation', async () => {
    const connector = crm();
    const t = await target(connector);
    const list = await records(connector, [R.invited8Days]);
    await connector.send(t, 'reinvite', list);
    const now = sandbox.state.now();
    const invitedAt = (await connector.memberships(t, list)).get(R.invited8Days)?.invitedAt;
    expect(now - Date.parse(invitedAt ?? '')).toBeLessThan(60_000);
    const user = sandbox.state.data.crm.portalUsers.find((u) => u.personalityId === R.invited8Days)!;
    expect((now - Date.parse(user.createdTime)) / DAY).toBeCloseTo(8, 1);
  });

  it('feeds the eligibility rules what they need', async () => {
    const connector = crm({ crm: { companyDomains: ['acme.co'], consentRequired: true, portalSeatLimit: 1_000 } });
    const customers = await target(connector);
    // The portal's 6 seats are all taken (3 Customers, 3 Partners): no user type has one left.
    const partners = await target(crm({ crm: { portalSeatLimit: 6 } }), UT.partnersFull);
    const actor = await connector.actor();
    const list = await records(connector, [R.invited3Days, R.invited8Days, R.pendingApproval, R.companySubdomain, R.consentMissing, R.portalUserDeactivated, R.partnerBeyondSeats]);
    const states = await connector.memberships(customers, list);
    const now = new Date(sandbox.state.now());
    const codes = (c: Contact, t: Target, a = actor) => {
      const membership = states.get(c.id);
      return evaluate({ contact: { ...c, ...(membership && t === customers ? { membership } : {}) }, target: t, actor: a }, now).reasons.map((r) => r.code);
    };
    const [pending, expired, approval, company, consent, deactivated, beyond] = list as [Contact, Contact, Contact, Contact, Contact, Contact, Contact];
    expect(codes(pending, customers)).toEqual(['INVITATION_PENDING']);
    expect(codes(expired, customers)).toEqual(['INVITATION_EXPIRED']);
    expect(codes(approval, customers)).toContain('RECORD_PENDING_APPROVAL');
    expect(codes(company, customers)).toContain('COMPANY_DOMAIN');
    expect(codes(consent, customers)).toContain('CONSENT_MISSING');
    expect(codes(deactivated, customers)).toEqual(['PORTAL_USER_DEACTIVATED']);
    expect(codes(beyond, partners)).toEqual(['LICENSE_LIMIT']);
    expect(codes(beyond, customers, await crm({ token: ZOHO.tokens.agentAccess }).actor())).toContain('NO_PORTAL_PERMISSION');
  });
});

describe('Zoho CRM: invitations', () => {
  it('invites one record at once, counted once', async () => {
    const connector = crm();
    const list = await records(connector, [R.eligible]);
    expect(await connector.send(await target(connector), 'invite', list)).toEqual({ kind: 'done', outcomes: [{ contactId: R.eligible, result: { status: 'invited' } }] });
    expect((await connector.memberships(await target(connector), list)).get(R.eligible)?.status).toBe('invited');
    expect((await counters()).invitations[CUSTOMERS]).toEqual({ 'liam.carter@northwind.com': { invite: 1 } });
  });

  it('reinvites an expired invitation with type=reinvite', async () => {
    const connector = crm();
    const list = await records(connector, [R.invited8Days]);
    const submission = await connector.send(await target(connector), 'reinvite', list);
    expect(submission).toEqual({ kind: 'done', outcomes: [{ contactId: R.invited8Days, result: { status: 'invited' } }] });
    expect((await counters()).invitations[CUSTOMERS]).toEqual({ 'omar.haddad@tailspin.com': { reinvite: 1 } });
  });

  it.each([
    ['NOT_APPROVED', R.pendingApproval, 'RECORD_PENDING_APPROVAL'],
    ['NOT_REVIEWED', R.underReview, 'RECORD_UNDER_REVIEW'],
    ['INVALID_DATA', R.noEmail, 'EMAIL_MISSING'],
    ['SUPER_ADMIN_DOMAIN', R.companyDomain, 'COMPANY_DOMAIN'],
    ['SUPER_ADMIN_DOMAIN', R.companySubdomain, 'COMPANY_DOMAIN'],
    ['CONSENT_NOT_GIVEN', R.consentMissing, 'CONSENT_MISSING'],
    ['INVALID_EMAIL_CHARACTERS', R.unsupportedCharacters, 'EMAIL_UNSUPPORTED_CHARACTERS'],
    ['ANONYMOUS_EMAIL', R.disposable, 'EMAIL_DISPOSABLE'],
    ['RECORD_DELETED', R.deleted, 'RECORD_DELETED'],
    ['RECORD_IN_RECYCLE_BIN', R.recycleBin, 'RECORD_IN_RECYCLE_BIN'],
  ])('maps %s (record %s) to %s, keeping Zoho’s words', async (vendorCode, id, code) => {
    const connector = crm();
    // Deleted and recycle-bin records cannot be read: the engine still has their ids.
    const contact = { id, key: id, vendor: 'zoho_crm', accountId: ACCOUNT, module: 'Contacts', fetchedAt: new Date().toISOString() } as const;
    const { outcomes } = (await connector.send(await target(connector), 'invite', [contact])) as { outcomes: ItemOutcome[] };
    expect(outcomes[0]?.result).toMatchObject({ status: 'failed', code, vendorCode, message: expect.any(String) });
    expect((outcomes[0]?.result as { message: string }).message).not.toBe(vendorCode);
    expect((await counters()).totals.invite).toBe(0);
  });

  it('maps DUPLICATE_DATA to already_member, LICENSE_LIMIT_EXCEEDED, NO_PERMISSION and CANNOT_PROCESS', async () => {
    const connector = crm();
    const [active, eligible, beyond] = await records(connector, [R.portalUserActive, R.eligible, R.partnerBeyondSeats]);
    const one = async (c: ZohoCrmConnector, t: Target, action: 'invite' | 'reinvite', contact: Contact) =>
      ((await c.send(t, action, [contact])) as { outcomes: ItemOutcome[] }).outcomes[0]?.result;
    expect(await one(connector, await target(connector), 'invite', active!)).toEqual({ status: 'already_member' });
    expect(await one(connector, await target(connector, UT.partnersFull), 'invite', beyond!)).toMatchObject({ status: 'failed', code: 'LICENSE_LIMIT', vendorCode: 'LICENSE_LIMIT_EXCEEDED' });
    const ben = crm({ token: ZOHO.tokens.agentAccess });
    expect(await one(ben, await target(ben), 'invite', eligible!)).toEqual({ status: 'failed', code: 'NO_PORTAL_PERMISSION', vendorCode: 'NO_PERMISSION', message: 'NO_PERMISSION' });
    expect(await one(connector, await target(connector), 'reinvite', eligible!)).toEqual({ status: 'failed', code: 'VENDOR_ERROR', vendorCode: 'CANNOT_PROCESS', message: 'Invalid type for the portal invite' });
  });

  it('bulk invites as a job with per-record codes', async () => {
    const connector = crm();
    const t = await target(connector);
    const list = await records(connector, [R.accents, R.pendingApproval, R.companyDomain, R.portalUserActive, R.htmlName]);
    const submission = await connector.send(t, 'invite', list);
    expect(submission).toMatchObject({ kind: 'job', pollAfterMs: 2_000 });
    const outcomes = await finish(connector, t, submission, list);
    expect(results(outcomes)).toEqual({
      [R.accents]: { status: 'invited' },
      [R.pendingApproval]: { status: 'failed', code: 'RECORD_PENDING_APPROVAL', vendorCode: 'NOT_APPROVED', message: 'Entity has not approved to invite yet.' },
      [R.companyDomain]: { status: 'failed', code: 'COMPANY_DOMAIN', vendorCode: 'SUPER_ADMIN_DOMAIN', message: "The email domain matches the super administrator's domain." },
      [R.portalUserActive]: { status: 'already_member' },
      [R.htmlName]: { status: 'invited' },
    });
  });

  it('sends one module per call: a record of another module is answered, not sent', async () => {
    const connector = crm();
    const t = await target(connector);
    const contacts = [...await records(connector, [R.eligible, R.accents]), ...await records(connector, [R.vendor], 'Vendors')];
    const submission = await connector.send(t, 'invite', contacts);
    expect(submission.kind === 'job' && parseJobRef(submission.vendorJobId).module).toBe('Contacts');
    const outcomes = await finish(connector, t, submission, contacts);
    expect(results(outcomes)[R.vendor]).toEqual({ status: 'failed', code: 'VENDOR_ERROR', message: 'A record of Vendors cannot join a portal user type of Contacts records' });
    expect(outcomes.filter((o) => o.result.status === 'invited')).toHaveLength(2);
    const suppliers = await target(connector, UT.suppliers);
    expect(await connector.send(suppliers, 'invite', contacts.slice(2))).toEqual({ kind: 'done', outcomes: [{ contactId: R.vendor, result: { status: 'invited' } }] });
  });

  it('bulk invites 150 generated records: two jobs polled to completion, each address once', async () => {
    const { ids } = await control('POST', '/generate', { vendor: 'zoho_crm', count: 150, mix: false, seed: 11 });
    const connector = crm();
    const t = await target(connector);
    const all = await records(connector, ids);
    const size = connector.batchSize('invite');
    const batches = [all.slice(0, size), all.slice(size)];
    const submissions = await Promise.all(batches.map((batch) => connector.send(t, 'invite', batch)));
    expect(submissions.map((s) => s.kind)).toEqual(['job', 'job']);
    const first = submissions[0]!;
    expect(first.kind === 'job' && (await connector.poll(t, first.vendorJobId, batches[0]!)).kind).toBe('running');
    const outcomes = (await Promise.all(submissions.map((s, i) => finish(connector, t, s, batches[i]!)))).flat();
    expect(outcomes).toHaveLength(150);
    expect(outcomes.every((o) => o.result.status === 'invited')).toBe(true);
    const { invitations, requests, duplicateInvitations } = await counters();
    const sent = Object.values(invitations[CUSTOMERS] as Record<string, { invite: number }>);
    expect(sent).toHaveLength(150);
    expect(sent.every((kinds) => kinds.invite === 1)).toBe(true);
    expect(duplicateInvitations).toBe(0);
    expect(requests['zoho_crm POST /crm/v8/{module}/actions/portal_invite']).toBe(2);
  }, 20_000);
});

describe('Zoho CRM: portal-user actions', () => {
  it('deactivates, then activates through send(activate); a second activation is already done', async () => {
    const connector = crm();
    const t = await target(connector);
    const list = await records(connector, [R.portalUserActive]);
    expect(await connector.deactivate(t, R.portalUserActive)).toEqual({ personalityId: R.portalUserActive, ok: true, message: 'Status of the user changed successfully.' });
    expect((await connector.memberships(t, list)).get(R.portalUserActive)?.status).toBe('deactivated');
    expect(connector.batchSize('activate')).toBe(1);
    expect(await connector.send(t, 'activate', list)).toEqual({ kind: 'done', outcomes: [{ contactId: R.portalUserActive, result: { status: 'invited' } }] });
    expect((await connector.memberships(t, list)).get(R.portalUserActive)?.status).toBe('active');
    expect(await connector.send(t, 'activate', list)).toEqual({ kind: 'done', outcomes: [{ contactId: R.portalUserActive, result: { status: 'already_member' } }] });
  });

  it('keeps the refusals: unconfirmed users cannot be deactivated, agents without permission cannot act', async () => {
    const connector = crm();
    const t = await target(connector);
    expect(await connector.deactivate(t, R.invited3Days)).toEqual({
      personalityId: R.invited3Days, ok: false, code: 'VENDOR_ERROR', vendorCode: 'NOT_ALLOWED', message: 'Deactivating unconfirmed user is not allowed',
    });
    expect(await crm({ token: ZOHO.tokens.agentAccess }).activate(t, R.portalUserDeactivated)).toMatchObject({ ok: false, code: 'NO_PORTAL_PERMISSION' });
  });

  it('transfers to another user type; activation beyond its seats is LICENSE_LIMIT', async () => {
    const connector = crm();
    const customers = await target(connector);
    const partners = await target(connector, UT.partnersFull);
    expect(await connector.transfer(customers, [R.portalUserDeactivated], partners)).toEqual([
      { personalityId: R.portalUserDeactivated, ok: true, message: 'User has been transferred successfully' },
    ]);
    const list = await records(connector, [R.portalUserDeactivated]);
    expect((await connector.memberships(partners, list)).get(R.portalUserDeactivated)?.status).toBe('deactivated');
    // Gone from Customers as its own user, but a portal user of the portal still: not to invite there.
    expect((await connector.memberships(customers, list, { exhaustive: true })).get(R.portalUserDeactivated)).toEqual({ status: 'active' });
    const { outcomes } = (await connector.send(partners, 'activate', list)) as { outcomes: ItemOutcome[] };
    expect(outcomes[0]?.result).toEqual({ status: 'failed', code: 'LICENSE_LIMIT', vendorCode: 'LIMIT_EXCEEDED', message: 'License Limit has been exceeded.' });
  });

  it('deletes portal users; an id that is not one is refused and the rest of its call is not processed', async () => {
    const connector = crm();
    const t = await target(connector);
    const mixed = await connector.deletePortalUsers(t, [R.portalUserActive, R.eligible]);
    expect(mixed.map((r) => [r.personalityId, r.ok, r.ok ? '' : r.code])).toEqual([[R.portalUserActive, false, 'VENDOR_ERROR'], [R.eligible, false, 'VENDOR_ERROR']]);
    expect(mixed[0]?.message).toMatch(/^not processed/);
    expect(await connector.deletePortalUsers(t, [R.portalUserActive, R.invited8Days])).toEqual([
      { personalityId: R.portalUserActive, ok: true, message: 'User deleted successfully' },
      { personalityId: R.invited8Days, ok: true, message: 'User deleted successfully' },
    ]);
    expect((await connector.memberships(t, await records(connector, [R.portalUserActive, R.invited8Days]))).size).toBe(0);
  });

  it('changes statuses in bulk as a job (not served by the sandbox: answered as portal_users.yaml shows)', async () => {
    let sent: unknown;
    const stub: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method !== 'PUT' || !request.url.endsWith('/users/actions/change_status')) return sandboxFetch(input, init);
      sent = await request.json();
      return Response.json({ change_status: [{ code: 'SCHEDULED', details: { job_id: '5020928000000606073' }, message: 'Portal bulk user status change scheduled successfully', status: 'success' }] });
    };
    const connector = crm({ fetch: stub });
    const job = await connector.changeStatusBulk(await target(connector), [{ personalityId: R.portalUserActive, active: false }, { personalityId: R.portalUserDeactivated, active: true }]);
    expect(job).toEqual({ jobId: '5020928000000606073' });
    expect(sent).toEqual({ change_status: [{ users: [{ personality_id: R.portalUserActive, active: false }, { personality_id: R.portalUserDeactivated, active: true }] }] });
  });

  it('cuts personality_ids into lists of at most 255 characters', () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(5843104000000500000n + BigInt(i)));
    const lists = idLists(ids);
    expect(lists).toHaveLength(3);
    expect(lists.every((l) => l.length <= 255)).toBe(true);
    expect(lists.join(',').split(',')).toEqual(ids);
  });
});

describe('Zoho CRM: errors', () => {
  it('turns a 429 TOO_MANY_REQUESTS into RateLimitedError with the wait', async () => {
    await control('POST', '/faults', { path: '/crm/v8/settings/portals', kind: '429', retryAfter: 12 });
    const error = await crm().listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(12_000);
  });

  it('turns a 500 on the bulk call into TransientError, and an unknown job into VendorResponseError', async () => {
    const connector = crm();
    const t = await target(connector);
    const list = await records(connector, [R.eligible, R.accents]);
    await control('POST', '/faults', { path: '/crm/v8/Contacts/actions/portal_invite', method: 'POST', kind: '500' });
    const error = await connector.send(t, 'invite', list).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    await expect(connector.poll(t, 'Contacts:5843104000000999999', list)).rejects.toBeInstanceOf(VendorResponseError);
  });

  it('turns a body without the documented shape into VendorResponseError', async () => {
    const broken: typeof fetch = async (input, init) => {
      const res = await sandboxFetch(input, init);
      if (!new Request(input, init).url.endsWith('/user_type')) return res;
      return Response.json({ user_type: [{ id: UT.customers }] });
    };
    const error = await crm({ fetch: broken }).listTargets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorResponseError);
    expect((error as Error).message).toMatch(/^zoho_crm GET \/crm\/v8\/settings\/portals\/\{portal\}\/user_type: .*user_type\.0\.name/);
  });

  it('asks to reconnect when the token has expired and cannot be renewed', async () => {
    await control('POST', '/faults', { path: '/crm/v8/settings/portals', kind: 'expired_token' });
    await expect(crm().listTargets()).rejects.toBeInstanceOf(AuthRequiredError);
  });

  it('maps every documented code; unknown codes are VENDOR_ERROR with Zoho’s words', () => {
    const documented = ['SUCCESS', 'CANNOT_PROCESS', 'INVALID_DATA', 'REQUIRED_PARAM_MISSING', 'LICENSE_LIMIT_EXCEEDED', 'NOT_REVIEWED', 'NOT_APPROVED',
      'DUPLICATE_DATA', 'API_NOT_SUPPORTED', 'NO_PERMISSION', 'MANDATORY_NOT_FOUND', 'ALREADY_ACTIVATED', 'LIMIT_EXCEEDED', 'NOT_ALLOWED',
      'PATTERN_NOT_MATCHED', 'INVALID_MODULE', 'INVALID_TOKEN', 'OAUTH_SCOPE_MISMATCH', 'AUTHENTICATION_FAILURE', 'TOO_MANY_REQUESTS'];
    for (const code of documented.filter((c) => c !== 'SUCCESS')) expect(CRM_ERROR_CODES[code], code).toBeDefined();
    expect(crmItemResult({ code: 'BRAND_NEW_CODE', message: 'Something new happened' })).toEqual({ status: 'failed', code: 'VENDOR_ERROR', vendorCode: 'BRAND_NEW_CODE', message: 'Something new happened' });
    expect(crmItemResult({ code: 'INVALID_DATA', message: 'invalid data', details: { param_name: 'user_type_id' } })).toMatchObject({ code: 'VENDOR_ERROR' });
    expect(crmItemResult({ code: 'INVALID_DATA', message: 'the id given seems to be invalid', details: { id: '1' } })).toMatchObject({ code: 'RECORD_DELETED' });
    // A bulk job's item carries its record's id whatever it was refused for: that alone says nothing of a deletion.
    expect(crmItemResult({ code: 'INVALID_DATA', message: 'invalid data', details: { id: '5843104000000624013' } })).toMatchObject({ code: 'VENDOR_ERROR', vendorCode: 'INVALID_DATA' });
    expect(isCrmThrottle(400, 'TOO_MANY_REQUESTS')).toBe(true);
    expect(isCrmThrottle(400, 'LIMIT_EXCEEDED')).toBe(false);
  });

  it('takes the shared Zoho OAuth session: an expired token is refreshed once, then the call succeeds', async () => {
    const store = memoryTokenStore({ accessToken: ZOHO.tokens.adminAccess, refreshToken: ZOHO.tokens.adminRefresh });
    const auth = zohoOAuthSession({ accountsServer: sandbox.vendorUrl('accounts.zoho.localhost'), client: { clientId: ZOHO.client.id, clientSecret: ZOHO.client.secret }, store, vendor: 'zoho_crm', fetch: sandboxFetch });
    await control('POST', '/faults', { path: '/crm/v8/settings/portals', kind: 'expired_token' });
    const connector = new ZohoCrmConnector({ endpoint: { vendor: 'zoho_crm', accountId: ACCOUNT, apiBase: sandbox.vendorUrl(HOST), orgId: CRM.orgId }, auth, fetch: sandboxFetch });
    expect(await connector.listTargets()).toHaveLength(3);
    expect(store.current?.accessToken).not.toBe(ZOHO.tokens.adminAccess);
  });

  it('builds the API origin of each data center', () => {
    expect(zohoCrmApiBase('com')).toBe('https://www.zohoapis.com');
    expect(zohoCrmApiBase('ca')).toBe('https://www.zohoapis.ca');
  });
});
