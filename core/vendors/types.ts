import type { Localized } from '../i18n';
import type { PortalUser, PortalUserAction, PortalUserStatus } from '../messages';
import type { Action, Contact, EligibilityActor, EligibilityContact, ReasonCode, Target, Vendor } from '../model';

/**
 * Whether a verification email went out, and why not: `message` in the vendor's words or in
 * English, `localized` when the sentence is Portier's own, in every language the pages speak.
 */
export interface VerificationAnswer {
  sent: boolean;
  message?: string;
  localized?: Localized;
}

/**
 * The seam between the job engine (core/jobs) and the vendors. One connector per connected account;
 * only the background builds them, and only connectors talk to vendor APIs. The vendor stays the
 * system of record: membership is always read back from it before a batch is sent.
 */

/** Where one account's API lives. Secrets are not here: they stay in the AuthSession. */
export interface AccountEndpoint {
  vendor: Vendor;
  /** Account id as in core/model/account.ts (Zendesk subdomain, `${dataCenter}:${orgId}` for Zoho). */
  accountId: string;
  /**
   * API origin: `https://acme.zendesk.com`, `https://desk.zoho.eu`, `https://www.zohoapis.com`
   * (CRM; the `api_domain` Zoho's token answer names), `https://connect.zoho.com`.
   */
  apiBase: string;
  /** Zoho Desk `orgId`, Zoho CRM org, Zoho Connect `scopeID` of the default network. */
  orgId?: string;
}

/**
 * Credentials of one account, renewed on demand. A session that cannot be renewed makes the
 * connector throw AuthRequiredError, which pauses the job until the agent reconnects.
 */
export interface AuthSession {
  /** Headers that authenticate a request (Authorization; X-CSRF-Token on writes with a session). */
  headers(method: string): Promise<Record<string, string>>;
  /** Called once after a 401: refresh the token or re-read the CSRF token. false: reconnect needed. */
  renew(): Promise<boolean>;
  /** `include` when the agent's signed-in session cookie authenticates (Zendesk session auth). */
  credentials?: RequestCredentials;
}

/** What the vendor told of its rate limit on the last answer, for the engine's token bucket. */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Real milliseconds until the window resets, when the vendor says. */
  resetMs?: number;
  /**
   * The HTTP status of the answer the headers came on: only a 2xx ends a run of 429s (a per-user
   * 429 can carry the account's headers with calls left, core/jobs/rate-limit.ts).
   */
  status?: number;
}

export interface ConnectorOptions {
  endpoint: AccountEndpoint;
  auth: AuthSession;
  /** Injected in tests (sandboxFetch) and nowhere else. */
  fetch?: typeof fetch;
  /** Called for every 2xx, and for any answer that carries rate-limit headers. */
  onRateLimit?: (info: RateLimitInfo) => void;
  /**
   * A 429 (or the vendor's throttling code): the account's limiter closes for the vendor's
   * Retry-After (`announcedMs`), or for a wait of its own when the vendor named none, and says how
   * long that is. Without it, the announced wait (or a few seconds) is used.
   */
  onThrottled?: (announcedMs: number | undefined) => number;
  /**
   * The vendor revealed a setting of the account no read says (Zendesk: bulk import off, from a 403
   * on create_many): the background keeps it on the account (core/background/lessons.ts).
   */
  onLearned?: (lesson: { kind: 'bulk_import_off' }) => void;
  /** Waits between tries of a read (core/vendors/http.ts READ_BACKOFF); injected by tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * Awaited before every HTTP request the connector sends (VendorClient.request, the retry after a
   * 401 renew included): one call of a connector can be many requests (a look-up per address), and
   * the vendor counts requests, so the job engine meters them here against the account's bucket.
   * It may wait, or throw (RateLimitedError) when the wait would be too long to hold the caller.
   * Never awaited inside a Dexie transaction: vendor calls are made outside them. `repeat`: the
   * same request sent again after a renewal cured its 401 (the first one was refused, not applied).
   */
  throttle?: (endpoint: string, repeat?: boolean) => Promise<void>;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** A contact's state on one target, read from the vendor (feeds EligibilityContact.membership). */
export type Membership = NonNullable<EligibilityContact['membership']>;

/** How one item of a batch ended on the vendor's side. */
export type ItemResult =
  | { status: 'invited' }
  | { status: 'already_member' }
  /** `code` is a RULES.md reason when the vendor's refusal maps to one; the vendor's words are kept. */
  | { status: 'failed'; code: ReasonCode | 'VENDOR_ERROR'; vendorCode?: string; message: string };

export interface ItemOutcome {
  contactId: string;
  result: ItemResult;
}

/** A batch handed to the vendor is answered at once, or becomes a vendor job to poll. */
export type Submission =
  /**
   * `notSent`: contact ids the connector never sent because the caller's throttle stopped the send
   * before their request left (a cancel, StoppedBeforeSendError): nothing of them reached the vendor.
   */
  | { kind: 'done'; outcomes: ItemOutcome[]; notSent?: string[] }
  | { kind: 'job'; vendorJobId: string; pollAfterMs: number };

export type PollResult = { kind: 'running'; pollAfterMs: number } | { kind: 'done'; outcomes: ItemOutcome[] };

export type SendAction = Exclude<Action, 'none'>;

/** The contact card's read (Connector.inspect): the record, and its state on each target by target key. */
export interface CardRead {
  /** Undefined: the vendor has no such record (deleted, merged, not visible to the agent). */
  contact: Contact | undefined;
  /** Target key → membership; absent: not a member, never invited. */
  memberships: Map<string, Membership>;
}

/** Who a ticket names, as the vendor has them now (Connector.ticketPeople). */
export interface TicketPeople {
  /** The ticket's subject, when the vendor gives one. */
  subject?: string;
  /** The number agents know it by, where it is not its id (Zoho Desk's ticketNumber). */
  number?: string;
  /** The requester (Desk: the contact) first, then the CCs (Desk: secondary contacts), each once; agents left out. */
  people: { role: 'requester' | 'cc'; contact: Contact }[];
  /** The ticket names a requester the vendor no longer has: deleted, or merged into another. */
  requesterMissing: boolean;
  /** CCs the vendor no longer has. */
  ccsMissing: number;
  /** Agents and admins the ticket names (Zendesk): never candidates for an end-user destination. */
  agents: number;
}

/** The members of an organization (Connector.organizationMembers): a bulk source of record ids. */
export interface OrganizationMembers {
  name: string;
  /** Record ids of its members (end users, contacts), in the vendor's order, at most the limit asked for. */
  contactIds: string[];
  /** The organization has more members than the limit: the others were not read. */
  capped: boolean;
  /** The module of the ids, where the vendor has modules (CRM: Contacts). */
  module?: string;
}

export interface Connector {
  readonly vendor: Vendor;
  readonly accountId: string;
  /** The most contacts one call may carry for this action (RULES.md, "Destinations"). */
  batchSize(action: SendAction): number;
  /**
   * The signed-in agent as the rules see them (role, permissions). Rights that differ per target
   * (a Connect network's admins) are read when `target` is given; without it they are unknown.
   */
  actor(target?: Target): Promise<EligibilityActor>;
  /** Help centers, brands, portal user types (with seats) or networks (with their type). */
  listTargets(): Promise<Target[]>;
  /** Records by id, as the vendor has them now; unknown ids are left out. */
  getContacts(ids: string[], module?: string): Promise<Contact[]>;
  /** Records with this email (normalised comparison), for CSV imports and duplicate checks. */
  findByEmail(email: string, module?: string): Promise<Contact[]>;
  /**
   * Each contact's state on the target, keyed by contact id; absent = not a member, never invited.
   * `exhaustive`: also what makes them a member through another destination, at the cost of more
   * reads (Zoho CRM: a portal user of another user type of the same portal, whom Zoho refuses to
   * invite here). For what the agent is shown (previews, cards); the engine does without, since
   * the vendor's own refusal ("already exists") tells it the same when it sends.
   */
  memberships(target: Target, contacts: Contact[], options?: { exhaustive?: boolean }): Promise<Map<string, Membership>>;
  /** Sends one batch (≤ batchSize) of one action. Never retries by itself: the engine decides. */
  send(target: Target, action: SendAction, contacts: Contact[]): Promise<Submission>;
  /** Follows a vendor job started by send(). */
  poll(target: Target, vendorJobId: string, contacts: Contact[]): Promise<PollResult>;

  /**
   * The contact card's one round trip: the record and its state on each of `targets` (the
   * account's cached destinations), asked together, since every vendor here can read a membership
   * by the record's id or from a list that needs nothing of the record. Absent: getContacts, then
   * memberships(), two round trips one after the other (core/background/records.ts).
   */
  inspect?(id: string, targets: readonly Target[], module?: string): Promise<CardRead>;

  // What only some vendors can do. Absent: the panel does not offer it.

  /** The people of a ticket, by the ticket's id; undefined when the vendor has no such ticket. */
  ticketPeople?(ticketId: string): Promise<TicketPeople | undefined>;
  /**
   * The members of an organization (Zendesk organization, Desk account, CRM Accounts record), read
   * page by page up to `limit`; undefined when the vendor has no such organization.
   */
  organizationMembers?(id: string, limit: number): Promise<OrganizationMembers | undefined>;

  /**
   * A person the vendor would create from an address alone (Zendesk creates the end user, Zoho
   * Connect invites the address), for CSV lines nobody has yet. Absent: such lines are `missing`.
   * The contact's id is `email:<normalised address>`; send() and memberships() accept it.
   */
  contactFromEmail?(email: string): Contact | undefined;
  /** A page of the account's contacts (end users, contacts, module records, members), in the vendor's order. */
  listContacts?(query: { module?: string; page: number; perPage: number }): Promise<{ contacts: Contact[]; hasMore: boolean }>;
  /** Zendesk: sends the verification email of the contact's primary address. */
  sendVerification?(contact: Contact): Promise<VerificationAnswer>;
  /** CRM: the portal users of a user type with one status. */
  portalUsers?(target: Target, status: PortalUserStatus): Promise<PortalUser[]>;
  /** CRM: one action on portal users, one result per personality id, in order. */
  portalUserAction?(
    target: Target,
    action: PortalUserAction,
    personalityIds: readonly string[],
    to?: Target,
  ): Promise<{ personalityId: string; ok: boolean; message?: string; code?: ReasonCode | 'VENDOR_ERROR'; vendorCode?: string }[]>;
}
