import { describe, expect, it } from 'vitest';
import { PathSegmentError } from '../../../core/vendors/path';
import { zendeskApiTokenAuth } from '../../../core/vendors/zendesk/auth';
import { ZendeskConnector } from '../../../core/vendors/zendesk/api';
import { SHOW_MANY_MAX } from '../../../core/vendors/zendesk/tickets';
import { ZohoCrmConnector } from '../../../core/vendors/zoho-crm/api';
import { ZohoDeskConnector } from '../../../core/vendors/zoho-desk/api';
import type { AuthSession } from '../../../core/vendors/types';
import { sandboxFetch } from '../../sandbox/fetch';
import { CRM, DESK, ZENDESK, ZOHO } from '../../sandbox/seed/ids';
import { useSandbox } from './sandbox-helpers';

/** Ticket people and organization members (Connector.ticketPeople, organizationMembers), against the sandbox. */

const sandbox = useSandbox();
const A = ZENDESK.acme;
const zoho: AuthSession = { headers: async () => ({ Authorization: `Zoho-oauthtoken ${ZOHO.tokens.adminAccess}` }), renew: async () => false };

/** The connector, and the API requests it made (by endpoint) once `run` is done. */
function zendesk() {
  const requests: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(url.pathname);
    return sandboxFetch(input, init);
  };
  const connector = new ZendeskConnector({
    endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: sandbox.current.vendorUrl('acme.zendesk.localhost') },
    auth: zendeskApiTokenAuth('ava.admin@acme.co', A.apiToken), fetch,
  });
  return { connector, requests };
}
const desk = () => new ZohoDeskConnector({
  endpoint: { vendor: 'zoho_desk', accountId: `com:${DESK.orgId}`, apiBase: sandbox.current.vendorUrl('desk.zoho.localhost'), orgId: DESK.orgId },
  auth: zoho, fetch: sandboxFetch,
});
const crm = () => new ZohoCrmConnector({
  endpoint: { vendor: 'zoho_crm', accountId: `com:${CRM.orgId}`, apiBase: sandbox.current.vendorUrl('crm.zoho.localhost'), orgId: CRM.orgId },
  auth: zoho, fetch: sandboxFetch,
});
const names = (people: { role: string; contact: { name?: string } }[]) => people.map((p) => `${p.role}:${p.contact.name ?? ''}`);

describe('Zendesk users by id', () => {
  it('reads several users with ShowManyUsers, 100 ids a request, with their organization', async () => {
    const generated: { ids: string[] } = await sandbox.control('POST', '/generate', { vendor: 'zendesk', count: 150, mix: false, seed: 9 });
    const { connector, requests } = zendesk();
    const contacts = await connector.getContacts([...generated.ids, String(A.users.existingVerified), '999999', 'not-an-id']);
    expect(contacts).toHaveLength(151);
    expect(contacts.find((c) => c.id === String(A.users.existingVerified))).toMatchObject({ name: 'Chloé Durand', organization: 'Northwind Traders' });
    expect(requests.filter((p) => p === '/api/v2/users/show_many')).toHaveLength(Math.ceil(152 / SHOW_MANY_MAX));
    expect(requests.some((p) => /^\/api\/v2\/users\/\d+$/.test(p))).toBe(false);
  });

  it('reads one user with ShowUser, and nothing for an id Zendesk does not know', async () => {
    const { connector, requests } = zendesk();
    expect(await connector.getContacts([String(A.users.unverified)])).toMatchObject([{ name: 'Marc Lefèvre', organization: 'Fabrikam', emailVerified: false }]);
    expect(await connector.getContacts(['999999'])).toEqual([]);
    expect(requests).toEqual([`/api/v2/users/${A.users.unverified}`, '/api/v2/users/999999']);
  });
});

describe('Zendesk ticket people', () => {
  it('reads the ticket, then its requester and CCs in one request; agents are left out', async () => {
    const { connector, requests } = zendesk();
    const ticket = await connector.ticketPeople(String(A.tickets.signIn));
    expect(ticket).toMatchObject({ subject: 'Cannot sign in to the help center', requesterMissing: false, ccsMissing: 0, agents: 1 });
    // A Zendesk ticket's id is its number.
    expect(ticket).not.toHaveProperty('number');
    expect(names(ticket?.people ?? [])).toEqual(['requester:Marc Lefèvre', 'cc:Chloé Durand', 'cc:Noor Haddad']);
    // Noor has a phone and no email: the eligibility core will say EMAIL_MISSING.
    expect(ticket?.people[2]?.contact).toMatchObject({ phone: '+33 6 12 34 56 78' });
    expect(ticket?.people[2]?.contact.email).toBeUndefined();
    expect(requests).toEqual([`/api/v2/tickets/${A.tickets.signIn}`, '/api/v2/users/show_many']);
  });

  it('says when the requester was deleted, and keeps the CCs', async () => {
    const ticket = await zendesk().connector.ticketPeople(String(A.tickets.requesterDeleted));
    expect(ticket).toMatchObject({ requesterMissing: true, ccsMissing: 0, agents: 0 });
    expect(names(ticket?.people ?? [])).toEqual(['cc:Eve Enduser']);
  });

  it('answers undefined for a ticket Zendesk does not have, and refuses an id that is no id before any request', async () => {
    const { connector, requests } = zendesk();
    expect(await connector.ticketPeople('999999')).toBeUndefined();
    await expect(connector.ticketPeople('../users/me')).rejects.toBeInstanceOf(PathSegmentError);
    expect(requests).toEqual(['/api/v2/tickets/999999']);
  });
});

describe('Zendesk organization members', () => {
  it('pages through the organization’s end users, each once, up to the limit', async () => {
    await sandbox.control('POST', '/generate', { vendor: 'zendesk', count: 250, mix: false, seed: 9, organization: String(A.organizations.northwind) });
    const { connector, requests } = zendesk();
    const all = await connector.organizationMembers(String(A.organizations.northwind), 500);
    expect(all).toMatchObject({ name: 'Northwind Traders', capped: false });
    expect(all?.contactIds).toHaveLength(253);
    expect(new Set(all?.contactIds).size).toBe(253);
    expect(all?.contactIds.slice(0, 3)).toEqual([String(A.users.endUserSignedIn), String(A.users.existingVerified), String(A.users.phoneOnly)]);
    expect(requests.filter((p) => p.endsWith('/users'))).toHaveLength(3);
    const capped = await connector.organizationMembers(String(A.organizations.northwind), 120);
    expect(capped?.contactIds).toHaveLength(120);
    expect(capped?.capped).toBe(true);
  });

  it('gives an empty organization no members, and an unknown one undefined', async () => {
    const c = zendesk().connector;
    expect(await c.organizationMembers(String(A.organizations.empty), 500)).toEqual({ name: 'Tailspin Toys', contactIds: [], capped: false });
    expect(await c.organizationMembers('1', 500)).toBeUndefined();
  });
});

describe('Zoho Desk', () => {
  it('reads a ticket’s contact and secondary contacts', async () => {
    const ticket = await desk().ticketPeople(DESK.tickets.withPeople);
    // Its number, as agents know it: the id is an internal 19 digits.
    expect(ticket).toMatchObject({ subject: 'Where do I download my invoices?', number: '101', requesterMissing: false, ccsMissing: 0, agents: 0 });
    expect(names(ticket?.people ?? [])).toEqual(['requester:Nora Green', 'cc:Marc Lefèvre', 'cc:Chloé Durand']);
  });

  it('says when the ticket’s contact was deleted, and answers undefined for an unknown ticket', async () => {
    expect(await desk().ticketPeople(DESK.tickets.contactDeleted)).toMatchObject({ people: [], requesterMissing: true });
    expect(await desk().ticketPeople('4799999999999999999')).toBeUndefined();
  });

  it('pages through an account’s contacts; none for an empty account; undefined for an unknown one', async () => {
    await sandbox.control('POST', '/generate', { vendor: 'zoho_desk', count: 130, mix: false, seed: 9, organization: DESK.accounts.northwind });
    const members = await desk().organizationMembers(DESK.accounts.northwind, 500);
    expect(members).toMatchObject({ name: 'Northwind Traders', capped: false });
    expect(members?.contactIds).toHaveLength(132);
    expect(members?.contactIds.slice(0, 2)).toEqual([DESK.contacts.endUserActive, DESK.contacts.endUserDisabled]);
    expect((await desk().organizationMembers(DESK.accounts.northwind, 100))?.capped).toBe(true);
    expect(await desk().organizationMembers(DESK.accounts.empty, 500)).toEqual({ name: 'Litware', contactIds: [], capped: false });
    expect(await desk().organizationMembers('4899999999999999999', 500)).toBeUndefined();
  });
});

describe('Zoho CRM Accounts', () => {
  it('pages through an Account’s related Contacts, in the Contacts module', async () => {
    await sandbox.control('POST', '/generate', { vendor: 'zoho_crm', count: 230, mix: false, seed: 9, organization: CRM.accounts.northwind });
    const members = await crm().organizationMembers(CRM.accounts.northwind, 500);
    expect(members).toMatchObject({ name: 'Northwind Traders', capped: false, module: 'Contacts' });
    expect(members?.contactIds).toHaveLength(234);
    expect(members?.contactIds.slice(0, 2)).toEqual([CRM.records.eligible, CRM.records.pendingApproval]);
  });

  it('gives an Account without Contacts no members, and an unknown record undefined', async () => {
    expect(await crm().organizationMembers(CRM.accounts.empty, 500)).toEqual({ name: 'Litware', contactIds: [], capped: false, module: 'Contacts' });
    expect(await crm().organizationMembers('5843104000000899999', 500)).toBeUndefined();
  });
});
