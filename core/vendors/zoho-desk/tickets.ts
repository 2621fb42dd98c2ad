import type { Contact } from '../../model';
import { VendorRefusedError, type VendorClient } from '../http';
import { pathSegment, RECORD_ID } from '../path';
import type { OrganizationMembers, TicketPeople } from '../types';
import { DeskAccount, DeskContactList, DeskTicket } from './schemas';

/**
 * What Zoho Desk ticket and account pages name: a ticket's contact and secondary contacts
 * (Ticket.json getTicket), an account's contacts (Contact.json getContactsUnderAccount).
 */

/** getContactsUnderAccount: limit 1–100. */
const ACCOUNT_CONTACTS_PAGE = 100;

/**
 * The first row of a contact list (getContacts, and getContactsUnderAccount below) is
 * `from=1`. Contact.json gives those `from`s no default and no minimum ("Index number, starting from
 * which the contacts must be listed"), so the base is taken from what Desk documents for the same
 * kind of list: Account.json's lists of the same module and scope (getAccounts, and
 * getAccountsByContact, the other side of an account's contacts) default `from` to 1, Helpcenter.json
 * and User.json set `minimum: 1`, and Zoho's Deluge task zoho.desk.getRecords (Contacts, Accounts)
 * says "The default value for this param is 1" (zoho.com/deluge/help/desk/get-records.html).
 * Common.json's 422 example is "The value passed for the 'from' query parameter is invalid.": an
 * index Desk does not take is refused, not read as another. Tickets (Ticket.json, default 0) and
 * search (Search.json, "starts from 0") count from 0; the Deluge page names Tickets too, so the
 * evidence is not unanimous, and the base of contact lists stays [UNCONFIRMED] (NOTES.md is silent).
 * Were it 0, `from=1` would drop each page's first contact: the sandbox refuses `from=0` so that
 * every list here is checked against this one base.
 */
export const DESK_LIST_FIRST = 1;

const notFound = (error: unknown) => error instanceof VendorRefusedError && error.status === 404;

/**
 * The ticket, then its people: the ticket is what names them, so reading it first is one round trip
 * no page can spare; the contacts are then read together. `include=contacts` says at once whether
 * the ticket's contact is still there.
 */
export async function readTicketPeople(
  client: VendorClient, getContacts: (ids: string[]) => Promise<Contact[]>, ticketId: string,
): Promise<TicketPeople | undefined> {
  let ticket;
  try {
    ({ data: ticket } = await client.request({
      method: 'GET', path: `api/v1/tickets/${pathSegment(ticketId, RECORD_ID, 'a Zoho Desk ticket id')}`, endpoint: 'GET /api/v1/tickets/{ticketId}',
      searchParams: { include: 'contacts' }, schema: DeskTicket,
    }));
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
  if (!ticket) return undefined;
  const contactId = ticket.contactId ?? undefined;
  const secondary = [...new Set(ticket.secondaryContacts ?? [])].filter((id) => id !== contactId);
  const found = await getContacts([...(contactId ? [contactId] : []), ...secondary]);
  const byId = new Map(found.map((c) => [c.id, c]));
  const requester = contactId ? byId.get(contactId) : undefined;
  const ccs = secondary.flatMap((id) => {
    const contact = byId.get(id);
    return contact ? [{ role: 'cc' as const, contact }] : [];
  });
  const number = ticket.ticketNumber === null || ticket.ticketNumber === undefined ? '' : String(ticket.ticketNumber).trim();
  return {
    ...(ticket.subject ? { subject: ticket.subject } : {}),
    ...(/^[0-9]{1,30}$/.test(number) ? { number } : {}),
    people: [...(requester ? [{ role: 'requester' as const, contact: requester }] : []), ...ccs],
    requesterMissing: requester === undefined,
    ccsMissing: secondary.length - ccs.length,
    agents: 0,
  };
}

/**
 * The account's name, then its contacts page by page up to `limit` and one more (to know whether
 * there are others). `from` counts from DESK_LIST_FIRST (1), as getContacts does; ids are kept
 * once all the same.
 */
export async function readAccountContacts(client: VendorClient, accountId: string, limit: number): Promise<OrganizationMembers | undefined> {
  const id = pathSegment(accountId, RECORD_ID, 'a Zoho Desk account id');
  let account;
  try {
    ({ data: account } = await client.request({ method: 'GET', path: `api/v1/accounts/${id}`, endpoint: 'GET /api/v1/accounts/{accountId}', schema: DeskAccount }));
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
  if (!account) return undefined;
  const ids = new Set<string>();
  const pages = Math.ceil((limit + 1) / ACCOUNT_CONTACTS_PAGE) + 1;
  for (let page = 0; page < pages && ids.size <= limit; page++) {
    const res = await client.request({
      method: 'GET', path: `api/v1/accounts/${id}/contacts`, endpoint: 'GET /api/v1/accounts/{accountId}/contacts', schema: DeskContactList, accept: [204],
      searchParams: { from: page * ACCOUNT_CONTACTS_PAGE + DESK_LIST_FIRST, limit: ACCOUNT_CONTACTS_PAGE },
    });
    const rows = res.status === 204 ? [] : (res.data?.data ?? []);
    for (const row of rows) if (!row.isDeleted && !row.isTrashed) ids.add(row.id);
    if (rows.length < ACCOUNT_CONTACTS_PAGE) break;
  }
  const contactIds = [...ids];
  return { name: account.accountName?.trim() || accountId, contactIds: contactIds.slice(0, limit), capped: contactIds.length > limit };
}
