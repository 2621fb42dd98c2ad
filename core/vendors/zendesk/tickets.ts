import type { VendorRequest, VendorResponse } from '../http';
import { pathSegment, RECORD_ID } from '../path';
import type { OrganizationMembers, TicketPeople } from '../types';
import { OrganizationAnswer, TicketAnswer, UsersAnswer, type ZendeskUser } from './schemas';
import { organizationNames, userToContact, ZENDESK_ID } from './users';

/**
 * What Zendesk ticket and organization pages name: the ticket's requester and CCs, an
 * organization's end users. Users are read in batches of 100 by id (ShowManyUsers), the cheapest
 * read Zendesk documents for several users.
 */

type Call = <T>(req: VendorRequest<T>) => Promise<VendorResponse<T>>;

/** ShowManyUsers: "a comma-separated list of up to 100 user ids". */
export const SHOW_MANY_MAX = 100;
/** ListUsers pages: at most 100 records. */
const USERS_PAGE = 100;

/** Users by id, 100 at a time, with their organizations' names; unknown ids are left out. */
export async function showManyUsers(call: Call, ids: readonly string[]): Promise<{ users: ZendeskUser[]; organizations: Map<number, string> }> {
  const wanted = [...new Set(ids.filter((id) => ZENDESK_ID.test(id)))];
  const users: ZendeskUser[] = [];
  const organizations = new Map<number, string>();
  for (let i = 0; i < wanted.length; i += SHOW_MANY_MAX) {
    const { data } = await call({
      method: 'GET', path: 'api/v2/users/show_many', endpoint: 'GET /api/v2/users/show_many', schema: UsersAnswer,
      searchParams: { ids: wanted.slice(i, i + SHOW_MANY_MAX).join(','), include: 'organizations' },
    });
    users.push(...(data?.users ?? []));
    for (const [id, name] of organizationNames(data?.organizations)) organizations.set(id, name);
  }
  return { users, organizations };
}

/**
 * The ticket, then its people: the ticket is what names them, so reading it first is one round
 * trip no page can spare; the requester and every CC then come in one ShowManyUsers. Agents are
 * counted and left out; a requester or CC Zendesk no longer has (deleted: absent, or inactive) is
 * counted as missing.
 */
export async function readTicketPeople(call: Call, accountId: string, ticketId: string): Promise<TicketPeople | undefined> {
  const res = await call({
    method: 'GET', path: `api/v2/tickets/${pathSegment(ticketId, RECORD_ID, 'a Zendesk ticket id')}`, endpoint: 'GET /api/v2/tickets/{id}',
    schema: TicketAnswer, accept: [404],
  });
  const ticket = res.data?.ticket;
  if (!ticket) return undefined;
  const requesterId = ticket.requester_id == null ? undefined : String(ticket.requester_id);
  const ccIds = [...new Set([...(ticket.email_cc_ids ?? []), ...(ticket.collaborator_ids ?? [])].map(String))].filter((id) => id !== requesterId);
  const { users, organizations } = await showManyUsers(call, [...(requesterId ? [requesterId] : []), ...ccIds]);
  const byId = new Map(users.filter((u) => u.active !== false).map((u) => [String(u.id), u]));
  const fetchedAt = new Date().toISOString();
  const out: TicketPeople = { people: [], requesterMissing: false, ccsMissing: 0, agents: 0, ...(ticket.subject ? { subject: ticket.subject } : {}) };
  const add = (id: string, role: 'requester' | 'cc') => {
    const user = byId.get(id);
    if (!user) {
      if (role === 'requester') out.requesterMissing = true;
      else out.ccsMissing += 1;
    } else if (user.role !== 'end-user') {
      out.agents += 1;
    } else {
      out.people.push({ role, contact: userToContact(user, accountId, organizations, fetchedAt) });
    }
  };
  if (requesterId) add(requesterId, 'requester');
  else out.requesterMissing = true;
  for (const id of ccIds) add(id, 'cc');
  return out;
}

/**
 * The organization's name, then its end users page by page (`/api/v2/organizations/{id}/users`,
 * developer.zendesk.com List Users), up to `limit` and one more to know whether there are others.
 */
export async function readOrganizationMembers(call: Call, organizationId: string, limit: number): Promise<OrganizationMembers | undefined> {
  const id = pathSegment(organizationId, RECORD_ID, 'a Zendesk organization id');
  const shown = await call({ method: 'GET', path: `api/v2/organizations/${id}`, endpoint: 'GET /api/v2/organizations/{id}', schema: OrganizationAnswer, accept: [404] });
  const organization = shown.data?.organization;
  if (!organization) return undefined;
  const ids: string[] = [];
  const seen = new Set<string>();
  const pages = Math.ceil((limit + 1) / USERS_PAGE);
  for (let page = 1; page <= pages && ids.length <= limit; page++) {
    const { data } = await call({
      method: 'GET', path: `api/v2/organizations/${id}/users`, endpoint: 'GET /api/v2/organizations/{id}/users', schema: UsersAnswer,
      searchParams: { role: 'end-user', page, per_page: USERS_PAGE },
    });
    for (const user of data?.users ?? []) {
      const userId = String(user.id);
      // A user who joined between two pages shifts the next one: the same user twice is one member.
      if (user.role === 'end-user' && !seen.has(userId)) {
        seen.add(userId);
        ids.push(userId);
      }
    }
    if (!data?.next_page) break;
  }
  return { name: organization.name, contactIds: ids.slice(0, limit), capped: ids.length > limit };
}
