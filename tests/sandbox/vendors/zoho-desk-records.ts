/**
 * Zoho Desk tickets and accounts on `desk.zoho.localhost`: getTickets and getTicket (Ticket.json,
 * `include=contacts`), getAccounts and getAccount (Account.json), and an account's contacts,
 * getContactsUnderAccount (Contact.json). Lists take `from` and `limit` as the files bound them
 * and answer 204 when a page is empty, as the files declare.
 */
import type { Context, Hono } from 'hono';
import { ZOHO_HOSTS } from '../hosts';
import type { DeskAccount, DeskOrg, DeskTicket } from '../model';
import type { SandboxState } from '../state';
import type { SandboxEnv } from './http';
import { hasScope } from './zoho-auth';
import { paging } from './zoho-desk';
import { departmentSlug, scopeMismatch, serializeContactListItem, URL_NOT_FOUND, type DeskVars } from './zoho-desk-model';

type Env = SandboxEnv<DeskVars>;
type Ctx = Context<Env>;

const LAYOUT = { id: '4600000000000000001', layoutName: 'Standard' };
const happiness = { badPercentage: '0', okPercentage: '0', goodPercentage: '0' };

function agentUrl(state: SandboxState, org: DeskOrg, path: string): string {
  return `${state.origin(ZOHO_HOSTS.desk)}/agent/${org.portalName}/${departmentSlug(org.departments[0]?.name ?? 'all')}/${path}`;
}

const STATUS_TYPES: Record<DeskTicket['status'], 'Open' | 'On Hold' | 'Closed'> = { Open: 'Open', Escalated: 'Open', 'On Hold': 'On Hold', Closed: 'Closed' };

/** What the ticket's list item and its detail share (Ticket.json listviewJson / ticketResponse). */
function ticketCommon(state: SandboxState, org: DeskOrg, t: DeskTicket) {
  return {
    id: t.id,
    ticketNumber: t.ticketNumber,
    subject: t.subject,
    status: t.status,
    statusType: STATUS_TYPES[t.status],
    priority: t.priority,
    channel: t.channel,
    channelCode: null,
    departmentId: t.departmentId,
    contactId: t.contactId,
    accountId: t.accountId,
    assigneeId: t.assigneeId,
    teamId: null,
    email: null,
    phone: null,
    sentiment: null,
    language: 'English',
    category: null,
    subCategory: null,
    dueDate: null,
    responseDueDate: null,
    customerResponseTime: t.modifiedTime,
    onholdTime: null,
    closedTime: null,
    lockedTime: null,
    createdTime: t.createdTime,
    isArchived: false,
    isSpam: false,
    threadCount: '1',
    commentCount: '0',
    source: { appName: null, extId: null, permalink: null, type: 'SYSTEM', appPhotoURL: null },
    layoutId: LAYOUT.id,
    webUrl: agentUrl(state, org, `tickets/details/${t.id}`),
  };
}

/** The contact as `include=contacts` gives it (Ticket.json contact_json); none for a contact gone since. */
function includedContact(org: DeskOrg, contactId: string) {
  const c = org.contacts.find((ct) => ct.id === contactId && !ct.isDeleted);
  if (!c) return undefined;
  const account = c.accountId ? org.accounts.find((a) => a.id === c.accountId) : undefined;
  return {
    id: c.id, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, mobile: c.mobile, type: c.type, isSpam: c.isSpam,
    account: account ? { id: account.id, accountName: account.accountName, website: account.website } : null,
  };
}

export function serializeTicket(state: SandboxState, org: DeskOrg, t: DeskTicket, include: readonly string[]) {
  return {
    ...ticketCommon(state, org, t),
    description: t.description,
    classification: null,
    productId: null,
    cf: {},
    customFields: {},
    secondaryContacts: t.secondaryContacts,
    sharedDepartments: [],
    isDeleted: false,
    isTrashed: false,
    isEscalated: t.status === 'Escalated',
    isOverDue: false,
    isResponseOverdue: false,
    isFollowing: false,
    followerCount: '0',
    tagCount: '0',
    taskCount: '0',
    approvalCount: '0',
    timeEntryCount: '0',
    attachmentCount: '0',
    entitySkills: [],
    channelRelatedInfo: null,
    resolution: null,
    slaId: null,
    createdBy: t.assigneeId,
    modifiedBy: t.assigneeId,
    modifiedTime: t.modifiedTime,
    layoutDetails: LAYOUT,
    ...withContact(org, t, include),
  };
}

/** `contact` when asked for and still there: contact_json is no nullable object. */
function withContact(org: DeskOrg, t: DeskTicket, include: readonly string[]) {
  const contact = include.includes('contacts') ? includedContact(org, t.contactId) : undefined;
  return contact ? { contact } : {};
}

function serializeTicketListItem(state: SandboxState, org: DeskOrg, t: DeskTicket, include: readonly string[]) {
  return {
    ...ticketCommon(state, org, t),
    relationshipType: 'NONE',
    lastThread: null,
    ...withContact(org, t, include),
  };
}

function serializeAccount(state: SandboxState, org: DeskOrg, a: DeskAccount) {
  return {
    id: a.id, accountName: a.accountName, email: a.email, phone: a.phone, website: a.website,
    ownerId: '4300000000000000001', description: null, industry: null, annualrevenue: null, code: null, fax: null,
    street: null, city: null, state: null, country: null, cf: {}, customFields: {},
    associatedSLAIds: [], isDeleted: false, isTrashed: false, isFollowing: false,
    createdTime: a.createdTime, modifiedTime: a.modifiedTime, layoutId: LAYOUT.id, layoutDetails: LAYOUT,
    zohoCRMAccount: null, webUrl: agentUrl(state, org, `accounts/details/${a.id}`),
  };
}

function serializeAccountListItem(state: SandboxState, org: DeskOrg, a: DeskAccount) {
  return {
    id: a.id, accountName: a.accountName, email: a.email, phone: a.phone, website: a.website, createdTime: a.createdTime,
    zohoCRMAccount: null, customerHappiness: happiness, webUrl: agentUrl(state, org, `accounts/details/${a.id}`),
  };
}

const includes = (c: Ctx) => (c.req.query('include') ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function registerDeskRecords(app: Hono<Env>, state: SandboxState): void {
  // getTickets: `from` 0-based, limit 1–100 (default 25); the tickets the token's scope may read.
  app.get('/api/v1/tickets', (c) => {
    if (!hasScope(c, 'Desk.tickets.READ')) return scopeMismatch();
    const page = paging(c, { from: 0, limit: 25, max: 100, min: 0 });
    if (!page.ok) return page.response;
    const org = c.get('org');
    const slice = org.tickets.slice(page.from, page.from + page.limit);
    if (slice.length === 0) return c.body(null, 204);
    return c.json({ data: slice.map((t) => serializeTicketListItem(state, org, t, includes(c))) });
  });

  // getTicket
  app.get('/api/v1/tickets/:ticketId{[0-9]+}', (c) => {
    if (!hasScope(c, 'Desk.tickets.READ')) return scopeMismatch();
    const org = c.get('org');
    const ticket = org.tickets.find((t) => t.id === c.req.param('ticketId'));
    return ticket ? c.json(serializeTicket(state, org, ticket, includes(c))) : URL_NOT_FOUND();
  });

  // getAccounts: `from` 1-based, limit 1–100.
  app.get('/api/v1/accounts', (c) => {
    if (!hasScope(c, 'Desk.contacts.READ')) return scopeMismatch();
    const page = paging(c, { from: 1, limit: 10, max: 100, min: 1 });
    if (!page.ok) return page.response;
    const org = c.get('org');
    const slice = org.accounts.slice(page.from - 1, page.from - 1 + page.limit);
    if (slice.length === 0) return c.body(null, 204);
    return c.json({ data: slice.map((a) => serializeAccountListItem(state, org, a)) });
  });

  // getAccount
  app.get('/api/v1/accounts/:accountId{[0-9]+}', (c) => {
    if (!hasScope(c, 'Desk.contacts.READ')) return scopeMismatch();
    const org = c.get('org');
    const account = org.accounts.find((a) => a.id === c.req.param('accountId'));
    return account ? c.json(serializeAccount(state, org, account)) : URL_NOT_FOUND();
  });

  // getContactsUnderAccount: `from` counts from 1 like getContacts (from=0 is refused: 422
  // UNPROCESSABLE_ENTITY), limit 1–100; 204 for none.
  app.get('/api/v1/accounts/:accountId{[0-9]+}/contacts', (c) => {
    if (!hasScope(c, 'Desk.contacts.READ')) return scopeMismatch();
    const org = c.get('org');
    const account = org.accounts.find((a) => a.id === c.req.param('accountId'));
    if (!account) return URL_NOT_FOUND();
    const page = paging(c, { from: 1, limit: 10, max: 100, min: 1 });
    if (!page.ok) return page.response;
    const members = org.contacts.filter((ct) => ct.accountId === account.id && !ct.isDeleted && !ct.isTrashed);
    const start = page.from - 1;
    const slice = members.slice(start, start + page.limit);
    if (slice.length === 0) return c.body(null, 204);
    return c.json({
      data: slice.map((ct) => ({
        ...serializeContactListItem(state, org, ct),
        mappingInfo: { mappingId: `49${ct.id.slice(2)}`, mappingType: 'PRIMARY', isAccountTicketsViewable: true },
      })),
    });
  });
}
