import { describe, expect, it } from 'vitest';
import { CRM_RECORD, CRM_RELATED, DESK_ACCOUNT, DESK_CONTACT, DESK_TICKET, ZENDESK_SPEC } from './contract/operations';
import { CRM, DESK, ZENDESK, ZOHO } from './seed';
import { ACME, CRM_HOST, DESK_HOST, call, contract, control, obj, useSandbox, zendeskToken, zohoHeaders, type Reply } from './test-helpers';

/**
 * Tickets, organizations and accounts on the sandbox, each answer checked against the vendor's
 * OpenAPI file: Zendesk tickets, organizations, their users and users by many ids; Zoho Desk tickets,
 * accounts and an account's contacts; Zoho CRM Accounts and their related Contacts.
 */
const sandbox = useSandbox([ZENDESK_SPEC, DESK_TICKET, DESK_ACCOUNT, DESK_CONTACT, CRM_RECORD, CRM_RELATED]);
const zendesk = (path: string) => call(sandbox.current, ACME, path, { headers: { authorization: zendeskToken() } });
const desk = (path: string, headers = zohoHeaders()) => call(sandbox.current, DESK_HOST, path, { headers });
const crm = (path: string) => call(sandbox.current, CRM_HOST, path, { headers: zohoHeaders() });
const checked = async (spec: string, reply: Reply, status: number) => {
  expect(reply.status, reply.text).toBe(status);
  await contract(spec, reply);
  return reply.status === 204 ? {} : obj(reply);
};
const u = ZENDESK.acme.users;
const org = ZENDESK.acme.organizations;

describe('Zendesk tickets', () => {
  it('shows a ticket with its requester, email CCs and collaborators (ShowTicket)', async () => {
    const { ticket } = await checked(ZENDESK_SPEC, await zendesk(`/api/v2/tickets/${ZENDESK.acme.tickets.signIn}`), 200);
    expect(ticket).toMatchObject({
      id: ZENDESK.acme.tickets.signIn, requester_id: u.unverified, email_cc_ids: [u.existingVerified, u.agent],
      collaborator_ids: [u.existingVerified, u.agent, u.phoneOnly], subject: 'Cannot sign in to the help center',
    });
    expect((await checked(ZENDESK_SPEC, await zendesk('/api/v2/tickets/999999'), 404)).error).toBe('RecordNotFound');
  });

  it('keeps a ticket whose requester was deleted: its requester_id names no user', async () => {
    const { ticket } = await checked(ZENDESK_SPEC, await zendesk(`/api/v2/tickets/${ZENDESK.acme.tickets.requesterDeleted}`), 200);
    expect(ticket.requester_id).toBe(u.deleted);
    expect((await zendesk(`/api/v2/users/${u.deleted}`)).status).toBe(404);
  });

  it('lists the tickets, so a client finds the seeded ones (ListTickets)', async () => {
    const body = await checked(ZENDESK_SPEC, await zendesk('/api/v2/tickets?per_page=2'), 200);
    expect(body.tickets.map((t: { id: number }) => t.id)).toEqual([ZENDESK.acme.tickets.signIn, ZENDESK.acme.tickets.requesterDeleted]);
    expect(body.count).toBe(3);
    expect(body.next_page).toContain('page=2');
  });
});

describe('Zendesk users by many ids (ShowManyUsers)', () => {
  it('answers the users it has, leaves out unknown ids, and sideloads their organizations', async () => {
    const ids = [u.unverified, u.deleted, u.phoneOnly, u.agent].join(',');
    const body = await checked(ZENDESK_SPEC, await zendesk(`/api/v2/users/show_many?ids=${ids}&include=organizations`), 200);
    expect(body.users.map((x: { id: number }) => x.id)).toEqual([u.unverified, u.phoneOnly, u.agent]);
    expect(body.users[1]).toMatchObject({ name: 'Noor Haddad', phone: '+33 6 12 34 56 78', role: 'end-user' });
    expect(body.users[1].email).toBeUndefined();
    expect(body.organizations.map((o: { name: string }) => o.name).sort()).toEqual(['Fabrikam', 'Northwind Traders']);
  });

  it('refuses more than 100 ids, as the OAS bounds them', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => 5000 + i).join(',');
    const reply = await zendesk(`/api/v2/users/show_many?ids=${ids}`);
    expect(reply.status).toBe(400);
    await contract(ZENDESK_SPEC, reply);
  });
});

describe('Zendesk organizations', () => {
  it('shows and lists organizations (ShowOrganization, ListOrganizations)', async () => {
    const { organization } = await checked(ZENDESK_SPEC, await zendesk(`/api/v2/organizations/${org.northwind}`), 200);
    expect(organization).toMatchObject({ id: org.northwind, name: 'Northwind Traders', domain_names: ['northwind.com'] });
    const list = await checked(ZENDESK_SPEC, await zendesk('/api/v2/organizations'), 200);
    expect(list.organizations.map((o: { name: string }) => o.name)).toEqual(['Northwind Traders', 'Fabrikam', 'Tailspin Toys']);
    expect((await checked(ZENDESK_SPEC, await zendesk('/api/v2/organizations/1'), 404)).error).toBe('RecordNotFound');
  });

  it('lists an organization’s users page by page, and none for an empty one', async () => {
    await control(sandbox.current, 'POST', '/generate', { vendor: 'zendesk', count: 150, mix: false, seed: 7, organization: String(org.northwind) });
    const first = await checked(ZENDESK_SPEC, await zendesk(`/api/v2/organizations/${org.northwind}/users?role=end-user&per_page=100`), 200);
    expect(first.users).toHaveLength(100);
    expect(first.count).toBe(153);
    const second = await checked(ZENDESK_SPEC, await zendesk(`/api/v2/organizations/${org.northwind}/users?role=end-user&per_page=100&page=2`), 200);
    expect(second.users).toHaveLength(53);
    expect(second.next_page).toBeNull();
    const ids = [...first.users, ...second.users].map((x: { id: number }) => x.id);
    expect(new Set(ids).size).toBe(153);
    const empty = await checked(ZENDESK_SPEC, await zendesk(`/api/v2/organizations/${org.empty}/users`), 200);
    expect(empty).toMatchObject({ users: [], count: 0 });
    expect((await checked(ZENDESK_SPEC, await zendesk('/api/v2/organizations/1/users'), 404)).error).toBe('RecordNotFound');
  });

  it('refuses to generate people into an organization that does not exist', async () => {
    await expect(control(sandbox.current, 'POST', '/generate', { vendor: 'zendesk', count: 2, organization: '1' })).rejects.toThrow(/no zendesk organization 1/);
    await expect(control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_connect', count: 2, organization: '1' })).rejects.toThrow(/no organizations/);
  });
});

describe('Zoho Desk tickets', () => {
  it('shows a ticket with its contact and secondary contacts (getTicket, include=contacts)', async () => {
    const body = await checked(DESK_TICKET, await desk(`/api/v1/tickets/${DESK.tickets.withPeople}?include=contacts`), 200);
    expect(body).toMatchObject({ id: DESK.tickets.withPeople, contactId: DESK.contacts.eligible, secondaryContacts: [DESK.contacts.unverified, DESK.contacts.endUserActive] });
    expect(body.contact).toMatchObject({ id: DESK.contacts.eligible, lastName: 'Green', account: { accountName: 'Contoso' } });
    expect((await checked(DESK_TICKET, await desk('/api/v1/tickets/4799999999999999999'), 404)).errorCode).toBe('URL_NOT_FOUND');
  });

  it('keeps a ticket whose contact was deleted: the contact answers 404', async () => {
    const body = await checked(DESK_TICKET, await desk(`/api/v1/tickets/${DESK.tickets.contactDeleted}?include=contacts`), 200);
    expect(body.contactId).toBe(DESK.deletedContact);
    expect(body.contact).toBeUndefined();
    expect((await desk(`/api/v1/contacts/${DESK.deletedContact}`)).status).toBe(404);
  });

  it('lists tickets (getTickets) and needs Desk.tickets.READ', async () => {
    const body = await checked(DESK_TICKET, await desk('/api/v1/tickets?from=0&limit=10&include=contacts'), 200);
    expect(body.data.map((t: { id: string }) => t.id)).toEqual([DESK.tickets.withPeople, DESK.tickets.contactDeleted]);
    await checked(DESK_TICKET, await desk('/api/v1/tickets?from=5'), 204);
    await checked(DESK_TICKET, await desk('/api/v1/tickets?limit=101'), 422);
    const readOnly = await desk(`/api/v1/tickets/${DESK.tickets.withPeople}`, zohoHeaders(ZOHO.tokens.readOnlyAccess));
    expect(obj(readOnly).errorCode).toBe('SCOPE_MISMATCH');
  });
});

describe('Zoho Desk accounts', () => {
  it('shows and lists accounts (getAccount, getAccounts)', async () => {
    const body = await checked(DESK_ACCOUNT, await desk(`/api/v1/accounts/${DESK.accounts.northwind}`), 200);
    expect(body).toMatchObject({ id: DESK.accounts.northwind, accountName: 'Northwind Traders' });
    const list = await checked(DESK_ACCOUNT, await desk('/api/v1/accounts?from=1&limit=100'), 200);
    expect(list.data.map((a: { accountName: string }) => a.accountName)).toEqual(['Northwind Traders', 'Contoso', 'Litware']);
    expect((await checked(DESK_ACCOUNT, await desk('/api/v1/accounts/4899999999999999999'), 404)).errorCode).toBe('URL_NOT_FOUND');
  });

  it('lists an account’s contacts page by page, 204 for an account without any (getContactsUnderAccount)', async () => {
    await control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_desk', count: 120, mix: false, seed: 7, organization: DESK.accounts.northwind });
    const first = await checked(DESK_CONTACT, await desk(`/api/v1/accounts/${DESK.accounts.northwind}/contacts?from=1&limit=100`), 200);
    const second = await checked(DESK_CONTACT, await desk(`/api/v1/accounts/${DESK.accounts.northwind}/contacts?from=101&limit=100`), 200);
    expect(first.data).toHaveLength(100);
    expect(second.data).toHaveLength(22);
    expect(first.data[0]).toMatchObject({ id: DESK.contacts.endUserActive, mappingInfo: { mappingType: 'PRIMARY' } });
    await checked(DESK_CONTACT, await desk(`/api/v1/accounts/${DESK.accounts.empty}/contacts`), 204);
  });
});

describe('Zoho CRM Accounts and their related Contacts', () => {
  it('shows an Accounts record by its Account_Name, and a Contact’s Account_Name lookup', async () => {
    const account = await checked(CRM_RECORD, await crm(`/crm/v8/Accounts/${CRM.accounts.northwind}`), 200);
    expect(account.data[0]).toMatchObject({ id: CRM.accounts.northwind, Account_Name: 'Northwind Traders' });
    const contact = await checked(CRM_RECORD, await crm(`/crm/v8/Contacts/${CRM.records.eligible}`), 200);
    expect(contact.data[0].Account_Name).toEqual({ name: 'Northwind Traders', id: CRM.accounts.northwind });
  });

  it('lists an account’s Contacts page by page (Get Related Records), 204 for none', async () => {
    await control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_crm', count: 250, mix: false, seed: 7, organization: CRM.accounts.northwind });
    const path = `/crm/v8/Accounts/${CRM.accounts.northwind}/Contacts`;
    const first = await checked(CRM_RELATED, await crm(`${path}?page=1&per_page=200&fields=First_Name,Last_Name,Email`), 200);
    expect(first.data).toHaveLength(200);
    expect(first.info).toMatchObject({ more_records: true, page: 1 });
    expect(Object.keys(first.data[0]).sort()).toEqual(['Email', 'First_Name', 'Last_Name', 'id']);
    const second = await checked(CRM_RELATED, await crm(`${path}?page=2&per_page=200`), 200);
    expect(second.data).toHaveLength(54);
    expect(second.info.more_records).toBe(false);
    await checked(CRM_RELATED, await crm(`/crm/v8/Accounts/${CRM.accounts.empty}/Contacts`), 204);
  });

  it('refuses an unknown record or relation in CRM’s envelope', async () => {
    expect((await checked(CRM_RELATED, await crm('/crm/v8/Accounts/1/Contacts'), 400)).message).toBe('the related id given seems to be invalid');
    expect((await checked(CRM_RELATED, await crm(`/crm/v8/Accounts/${CRM.accounts.northwind}/Deals`), 400)).message).toBe('The relation name given seems to be invalid');
  });
});
