import { emailKey } from '../../email';
import { recordKey, type Contact, type EligibilityActor, type Target } from '../../model';
import { VendorClient, VendorRefusedError } from '../http';
import type {
  AuthSession, CardRead, Connector, ConnectorOptions, Membership, OrganizationMembers, PollResult, SendAction,
  Submission, TicketPeople,
} from '../types';
import { deskReauth, isDeskThrottle, readDeskError } from './errors';
import { inviteMany, inviteOne } from './invites';
import {
  DeskContactHelpCenters, DeskContactList, DeskContact as DeskContactSchema, DeskErrorBody, DeskHelpCenterList,
  deskMembership, type DeskContact,
} from './schemas';
import { mapLimit } from '../pool';
import { DESK_LIST_FIRST, readAccountContacts, readTicketPeople } from './tickets';
import { isPathSegment, pathSegment, RECORD_ID } from '../path';

/**
 * Zoho Desk help centers (RULES.md `zoho_desk.help_center`; NOTES.md §2). Every call carries the
 * organisation's `orgId` header ("All Zoho Desk APIs require … `orgId`"; Common.json declares it as a
 * query parameter, the sandbox takes both). Invitations are answered at once, single (204) or bulk
 * (per-item results): there is never a job to poll. A reinvite is the same call made again for a
 * pending invitation, which Desk sends again.
 */

/** RULES.md: the bulk invite has no documented cap; Portier sends at most 100. */
export const DESK_BATCH_SIZE = 100;
/** Concurrent reads per call (Desk allows 5 to 25 concurrent calls per org by edition, NOTES.md §2.7). */
const READ_CONCURRENCY = 4;
/** GET /api/v1/helpCenters: limit 1–50, `from` starts at 1 (Helpcenter.json). */
const HELP_CENTER_PAGE = 50;
/** GET /api/v1/contacts: limit 1–100. */
const CONTACT_PAGE = 100;
/** The contact-list fallback of findByEmail reads at most this many pages (10,000 contacts). */
const MAX_SCAN_PAGES = 100;

const EP = {
  helpCenters: 'GET /api/v1/helpCenters',
  contact: 'GET /api/v1/contacts/{id}',
  contacts: 'GET /api/v1/contacts',
  search: 'GET /api/v1/contacts/search',
  contactHelpCenters: 'GET /api/v1/contacts/{id}/helpCenters',
} as const;

/** The Desk API origin of a Zoho data center (NOTES.md §2.6): desk.zoho.{tld}, Canada desk.zohocloud.ca. */
export function zohoDeskApiBase(dataCenter: string): string {
  return dataCenter === 'ca' ? 'https://desk.zohocloud.ca' : `https://desk.zoho.${dataCenter}`;
}

/** The Zoho session of the account, with the organisation every Desk call names. */
function withOrgId(auth: AuthSession, orgId: string): AuthSession {
  return {
    headers: async (method) => ({ ...(await auth.headers(method)), orgId }),
    renew: () => auth.renew(),
    ...(auth.credentials ? { credentials: auth.credentials } : {}),
  };
}


export class ZohoDeskConnector implements Connector {
  readonly vendor = 'zoho_desk' as const;
  readonly accountId: string;
  private readonly client: VendorClient;
  /** Search.json's contacts search; false once Desk answered 404 for it (the list is read instead). */
  private searchAvailable = true;

  constructor(options: ConnectorOptions) {
    this.accountId = options.endpoint.accountId;
    const orgId = options.endpoint.orgId ?? options.endpoint.accountId.split(':').at(-1);
    if (!orgId) throw new Error('Zoho Desk needs the organisation id (endpoint.orgId)');
    this.client = new VendorClient('zoho_desk', { ...options, auth: withOrgId(options.auth, orgId) }, readDeskError, isDeskThrottle, deskReauth);
  }

  batchSize(action: SendAction): number {
    // Desk has no "activate": a disabled help-center user is a member (RULES.md), never re-sent.
    return action === 'activate' ? 1 : DESK_BATCH_SIZE;
  }

  /**
   * Desk documents no call for the signed-in agent's profile permissions (none in the stored specs,
   * none in the sandbox), so the actor is an agent whose permissions are not known: nothing is
   * blocked locally, and an agent who may not invite gets Desk's 403 FORBIDDEN on each item.
   */
  async actor(): Promise<EligibilityActor> {
    return { role: 'agent' };
  }

  async listTargets(): Promise<Target[]> {
    const fetchedAt = new Date().toISOString();
    const targets: Target[] = [];
    for (let from = 1; ; from += HELP_CENTER_PAGE) {
      const { data } = await this.client.request({
        method: 'GET', path: 'api/v1/helpCenters', endpoint: EP.helpCenters,
        searchParams: { from, limit: HELP_CENTER_PAGE }, schema: DeskHelpCenterList,
      });
      const page = data?.data ?? [];
      // A page with nothing new (an API that ignores `from`) ends the listing rather than looping.
      const fresh = page.filter((hc) => !targets.some((t) => t.id === hc.id));
      for (const hc of fresh) {
        const status = hc.status?.toUpperCase();
        targets.push({
          kind: 'zoho_desk.help_center', id: hc.id, key: recordKey(this.vendor, this.accountId, hc.id),
          vendor: this.vendor, accountId: this.accountId, name: hc.name ?? hc.id, fetchedAt,
          ...(status === 'ACTIVE' ? { status: 'active' as const } : status === 'DISABLED' ? { status: 'disabled' as const } : {}),
        });
      }
      if (page.length < HELP_CENTER_PAGE || fresh.length === 0) return targets;
    }
  }

  /** Ids that are not Desk ids (digits) name no contact: left out, never put in a path. */
  async getContacts(ids: string[]): Promise<Contact[]> {
    const fetchedAt = new Date().toISOString();
    const found = await mapLimit(ids.filter((id) => isPathSegment(id, RECORD_ID)), READ_CONCURRENCY, async (id) => {
      try {
        const { data } = await this.client.request({
          method: 'GET', path: `api/v1/contacts/${pathSegment(id, RECORD_ID, 'a Zoho Desk contact id')}`, endpoint: EP.contact, schema: DeskContactSchema,
        });
        return data ? this.toContact(data, fetchedAt) : undefined;
      } catch (error) {
        // URL_NOT_FOUND: no such contact (or a deleted one): left out, as the contract says.
        if (error instanceof VendorRefusedError && error.status === 404) return undefined;
        throw error;
      }
    });
    return found.filter((c): c is Contact => c !== undefined);
  }

  /**
   * Search.json's `GET /api/v1/contacts/search?email=` first (searchContacts, `{data, count}`, 204
   * for no match). Should Desk answer 404 for it, the documented contact list is read page by page
   * instead and compared by normalised email, up to 10,000 contacts.
   */
  async findByEmail(email: string): Promise<Contact[]> {
    const wanted = emailKey(email) ?? email.trim().toLowerCase();
    const same = (c: DeskContact) => (emailKey(c.email) ?? c.email?.trim().toLowerCase()) === wanted;
    const fetchedAt = new Date().toISOString();
    const searched = this.searchAvailable ? await this.search(email.trim()) : undefined;
    const candidates = searched ?? (await this.scanContacts());
    return candidates.filter(same).map((c) => this.toContact(c, fetchedAt));
  }

  /**
   * `GET /api/v1/contacts?from=&limit=` (limit 1–100), deleted and trashed contacts left out by Desk.
   * `from` counts from DESK_LIST_FIRST (1). No count comes back: one row more than the page tells if
   * another follows.
   */
  async listContacts(query: { page: number; perPage: number }): Promise<{ contacts: Contact[]; hasMore: boolean }> {
    const perPage = Math.min(CONTACT_PAGE, Math.max(1, Math.floor(query.perPage)));
    const from = (Math.max(1, Math.floor(query.page)) - 1) * perPage + DESK_LIST_FIRST;
    const { data } = await this.client.request({
      method: 'GET', path: 'api/v1/contacts', endpoint: EP.contacts,
      searchParams: { from, limit: Math.min(CONTACT_PAGE, perPage + 1) }, schema: DeskContactList, accept: [204],
    });
    const rows = data?.data ?? [];
    const fetchedAt = new Date().toISOString();
    // At 100 a page no extra row fits: a full page says "maybe more", and the next page may be empty.
    const hasMore = rows.length > perPage || (perPage === CONTACT_PAGE && rows.length === CONTACT_PAGE);
    return { contacts: rows.slice(0, perPage).map((c) => this.toContact(c, fetchedAt)), hasMore };
  }

  async memberships(target: Target, contacts: Contact[]): Promise<Map<string, Membership>> {
    const states = await mapLimit(contacts, READ_CONCURRENCY, (c) => this.membershipOf(target, c.id));
    const map = new Map<string, Membership>();
    contacts.forEach((c, i) => {
      const state = states[i];
      if (state) map.set(c.id, state);
    });
    return map;
  }

  /** The contact and its help-center users, at once: one read without `helpCenterId` covers every help center. */
  async inspect(id: string, targets: readonly Target[]): Promise<CardRead> {
    if (!isPathSegment(id, RECORD_ID)) return { contact: undefined, memberships: new Map() };
    const [contacts, users] = await Promise.all([this.getContacts([id]), this.helpCenterUsers(id)]);
    const memberships = new Map<string, Membership>();
    for (const target of targets) {
      const membership = users.get(target.id);
      if (membership) memberships.set(target.key, membership);
    }
    return { contact: contacts[0], memberships };
  }

  async send(target: Target, action: SendAction, contacts: Contact[]): Promise<Submission> {
    if (action === 'activate') throw new Error('Zoho Desk help centers have no activate action: a disabled end user is a member');
    if (contacts.length > DESK_BATCH_SIZE) throw new RangeError(`at most ${DESK_BATCH_SIZE} contacts per Desk invitation`);
    const [only] = contacts;
    if (!only) return { kind: 'done', outcomes: [] };
    if (contacts.length === 1) return { kind: 'done', outcomes: [{ contactId: only.id, result: await inviteOne(this.client, target, only) }] };
    return { kind: 'done', outcomes: await inviteMany(this.client, target, contacts, (contactId) => this.membershipOf(target, contactId)) };
  }

  /** The ticket, then its contact and secondary contacts (tickets.ts). */
  ticketPeople(ticketId: string): Promise<TicketPeople | undefined> {
    return readTicketPeople(this.client, (ids) => this.getContacts(ids), ticketId);
  }

  /** The account's contacts, page by page, up to `limit` (tickets.ts). */
  organizationMembers(accountId: string, limit: number): Promise<OrganizationMembers | undefined> {
    return readAccountContacts(this.client, accountId, limit);
  }

  async poll(): Promise<PollResult> {
    throw new Error('Zoho Desk answers invitations at once: there is no job to poll');
  }

  // ---------------------------------------------------------------- private

  private toContact(raw: DeskContact, fetchedAt: string): Contact {
    const name = [raw.firstName, raw.lastName].filter((part) => part && part.trim() !== '').join(' ');
    const key = emailKey(raw.email);
    const phone = raw.phone ?? raw.mobile;
    return {
      id: raw.id, key: recordKey(this.vendor, this.accountId, raw.id), vendor: this.vendor, accountId: this.accountId,
      ...(name ? { name } : {}),
      ...(raw.email ? { email: raw.email } : {}),
      ...(key ? { emailKey: key } : {}),
      ...(phone ? { phone } : {}),
      // Contacts carry no verification flag in Contact.json (only help-center users do, User.json):
      // emailVerified stays unknown and Desk's own 422 says EMAIL_UNVERIFIED.
      recordState: raw.isDeleted ? 'deleted' : raw.isTrashed ? 'recycle_bin' : 'active',
      fetchedAt,
    };
  }

  private async search(email: string): Promise<DeskContact[] | undefined> {
    try {
      const res = await this.client.request({
        method: 'GET', path: 'api/v1/contacts/search', endpoint: EP.search,
        searchParams: { email, limit: CONTACT_PAGE }, schema: DeskContactList, accept: [204],
      });
      return res.status === 204 ? [] : (res.data?.data ?? []);
    } catch (error) {
      if (error instanceof VendorRefusedError && error.status === 404) {
        this.searchAvailable = false;
        return undefined;
      }
      throw error;
    }
  }

  /** `from` counts from DESK_LIST_FIRST (1), as listContacts does; ids are kept once all the same. */
  private async scanContacts(): Promise<DeskContact[]> {
    const seen = new Map<string, DeskContact>();
    for (let page = 0; page < MAX_SCAN_PAGES; page++) {
      const { data } = await this.client.request({
        method: 'GET', path: 'api/v1/contacts', endpoint: EP.contacts,
        searchParams: { from: page * CONTACT_PAGE + DESK_LIST_FIRST, limit: CONTACT_PAGE }, schema: DeskContactList, accept: [204],
      });
      const rows = data?.data ?? [];
      for (const row of rows) seen.set(row.id, row);
      if (rows.length < CONTACT_PAGE) return [...seen.values()];
    }
    throw new VendorRefusedError(this.vendor, EP.search, 404, 'URL_NOT_FOUND',
      `contacts search is not available and the contact list is longer than ${MAX_SCAN_PAGES * CONTACT_PAGE} contacts`, undefined);
  }

  private async membershipOf(target: Target, contactId: string): Promise<Membership | undefined> {
    return (await this.helpCenterUsers(contactId, target.id)).get(target.id);
  }

  /** The contact's user on each help center by its id (`helpCenterId`: that one only); none for an unknown contact. */
  private async helpCenterUsers(contactId: string, helpCenterId?: string): Promise<Map<string, Membership>> {
    const users = new Map<string, Membership>();
    const res = await this.client.request({
      method: 'GET', path: `api/v1/contacts/${pathSegment(contactId, RECORD_ID, 'a Zoho Desk contact id')}/helpCenters`, endpoint: EP.contactHelpCenters,
      ...(helpCenterId ? { searchParams: { helpCenterId } } : {}), schema: DeskContactHelpCenters, accept: [204, 404, 422],
    });
    if (res.status === 204 || res.status === 404) return users;
    if (res.status === 422) {
      // Desk answers an unknown contact with 422 on /contactId: no user. Any other 422 is a refusal.
      const refusal = DeskErrorBody.safeParse(res.body);
      if (refusal.success && refusal.data.errors?.some((e) => e.fieldName === '/contactId')) return users;
      const { code, message } = readDeskError(res.body, res.status);
      throw new VendorRefusedError(this.vendor, EP.contactHelpCenters, res.status, code, message, res.body);
    }
    for (const entry of res.data?.data ?? []) {
      const membership = entry.helpCenter ? deskMembership(entry.userStatus) : undefined;
      if (entry.helpCenter && membership && !users.has(entry.helpCenter.id)) users.set(entry.helpCenter.id, membership);
    }
    return users;
  }
}
