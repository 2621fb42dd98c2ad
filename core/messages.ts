import * as z from 'zod/mini';
import { Account, Contact, JobAction, JobStatus, MembershipStatus, PageContext, PageRecord, Target, Vendor, Verdict } from './model';
import { RetentionDays } from './model/retention';
import { ZOHO_URL_NAME } from './model/page-ids';

/**
 * The typed protocol between the content script, the panel (and options page) and the background.
 * Every message is parsed here by the receiver, never trusted because of its sender: the host page
 * can reach the content script, and a forged message must not make Portier invite anyone.
 * Only messages the background handles are listed; a new one is added here and in its handler.
 */

const Id = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
/**
 * A CRM module or Desk department, as the page's URL named it. It may become a path segment, so it
 * is a name, never `..` or a path (core/model/page-ids.ts); each connector checks its own pattern again.
 */
const Module = z.string().check(z.trim(), z.regex(ZOHO_URL_NAME, 'a module is a name such as Contacts or Leads'));
/** A bulk selection is a list view's page or a CSV; 1,000 is more than any vendor batch. */
const ContactIds = z.array(Id).check(z.minLength(1, 'select at least one contact'), z.maxLength(1000, 'at most 1,000 contacts per request'));

/** A sentence in every language the pages speak (core/i18n.ts LOCALES), which show the agent's. */
const LocalizedText = z.object({ en: z.string(), fr: z.string() });

/** Who sent a message, as the background learns it from the runtime (never from the message itself). */
export const SenderKind = z.enum(['panel', 'content']);
export type SenderKind = z.infer<typeof SenderKind>;
export const Sender = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('panel') }),
  z.object({ kind: z.literal('content'), tabId: z.int().check(z.nonnegative()) }),
]);
export type Sender = z.infer<typeof Sender>;

/**
 * The side panel's port (runtime.connect, name PANEL_PORT): open while the panel is, it says which
 * tab the panel follows, so the background may read the contact that tab reports before the panel
 * asks, and never a page nobody looks at. Parsed at the receiver like every message.
 */
export const PANEL_PORT = 'portier-panel';
export const PanelFollows = z.object({ type: z.literal('follows'), tabId: z.nullable(z.int().check(z.nonnegative())) });
export type PanelFollows = z.infer<typeof PanelFollows>;

/** Addresses of a CSV import (the Zoho Connect way): checked by the eligibility core, never trusted. */
const Emails = z
  .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(320)))
  .check(z.minLength(1, 'give at least one address'), z.maxLength(1000, 'at most 1,000 addresses per request'));

/**
 * The name typed or imported with an address (the invite form, a CSV's name column): given to the
 * person the vendor creates from that address, never to a record the vendor already has.
 */
const Names = z
  .array(z.object({ email: z.string().check(z.trim(), z.minLength(1), z.maxLength(320)), name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)) }))
  .check(z.maxLength(1000, 'at most 1,000 names per request'));

/**
 * Which contacts on which destination: the contacts are read again from the vendor, by id, or
 * looked up by address (a CSV). At least one of `contactIds` and `emails` is given (the service
 * refuses neither). Where the vendor creates people from an address (Zendesk end users, Zoho
 * Connect invitations), an address nobody has yet becomes a new contact, named from `names`;
 * elsewhere it is `missing`.
 */
const Selection = z.object({
  accountId: Id,
  targetKey: Id,
  contactIds: z.optional(ContactIds),
  emails: z.optional(Emails),
  names: z.optional(Names),
  /** CRM module (Contacts, Leads…) the ids belong to. */
  module: z.optional(Module),
});

/** A Zendesk subdomain as in `acme.zendesk.com`: letters, digits and dashes only. */
const Subdomain = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'a Zendesk subdomain is the "acme" of acme.zendesk.com'));
export const ZohoDataCenter = z.enum(['com', 'eu', 'in', 'com.au', 'jp', 'com.cn', 'sa', 'ca']);

export const ConnectAccount = z.discriminatedUnion('vendor', [
  z.object({
    vendor: z.literal('zendesk'),
    subdomain: Subdomain,
    label: z.optional(z.string().check(z.maxLength(200))),
    auth: z.discriminatedUnion('kind', [
      /** The agent's signed-in session in this browser: no secret leaves the cookie jar. */
      z.object({ kind: z.literal('session') }),
      z.object({ kind: z.literal('oauth') }),
      /** Given once by the options page, kept by the background, never given back. */
      z.object({ kind: z.literal('api_token'), email: z.email(), token: z.string().check(z.minLength(1), z.maxLength(500)) }),
    ]),
  }),
  z.object({
    vendor: z.enum(['zoho_desk', 'zoho_crm', 'zoho_connect']),
    dataCenter: ZohoDataCenter,
    /** Desk organisation id, CRM org id, Connect network (scopeID) of the account. */
    orgId: Id,
    label: z.optional(z.string().check(z.maxLength(200))),
    /** `signInId`: connect with the sign-in zohoSignIn made (the org picked from its list), without a second sign-in. */
    auth: z.object({ kind: z.literal('oauth'), signInId: z.optional(Id) }),
  }),
]);
export type ConnectAccount = z.infer<typeof ConnectAccount>;

/** Portal user statuses as Zoho CRM lists them on a user type. */
export const PortalUserStatus = z.enum(['active', 'confirmed', 'unconfirmed', 'deactivated']);
export type PortalUserStatus = z.infer<typeof PortalUserStatus>;
export const PortalUserAction = z.enum(['activate', 'deactivate', 'delete', 'transfer']);
export type PortalUserAction = z.infer<typeof PortalUserAction>;

/** How often the options page asks whether a Zoho sign-in is still there: under the worker's 30 s idle stop. */
export const ZOHO_SIGN_IN_KEEPALIVE_MS = 20_000;

/**
 * Built at its first use, not at import, as ResultOf's schemas are: zod builds each schema, check
 * by check, and the side panel's first screen parses a single answer (issue #13).
 */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** Every request a receiver accepts (parseRequest). */
export const requestSchema = once(() => z.discriminatedUnion('type', [
  /** Connected accounts, without credentials. */
  z.object({ type: z.literal('listAccounts') }),
  z.object({ type: z.literal('connectAccount'), account: ConnectAccount }),
  /** Options page: a Zoho sign-in, answered with what it reaches (Desk orgs, the CRM org, Connect networks) to pick from. */
  z.object({ type: z.literal('zohoSignIn'), vendor: z.enum(['zoho_desk', 'zoho_crm', 'zoho_connect']), dataCenter: ZohoDataCenter }),
  /**
   * Options page, while the agent picks from a sign-in's list: whether it is still there. Asked
   * every ZOHO_SIGN_IN_KEEPALIVE_MS, which also keeps the worker (and the sign-in in its memory)
   * from being stopped after 30 s without events.
   */
  z.object({ type: z.literal('zohoSignInAlive'), signInId: Id }),
  z.object({ type: z.literal('disconnectAccount'), accountId: Id }),
  /** Help centers, portal user types, networks of the account, read from the vendor. */
  z.object({ type: z.literal('listTargets'), accountId: Id }),
  /** Verdicts for the contacts on the target, as the vendor has them now. */
  z.object({ type: z.literal('evaluate'), ...Selection.shape }),
  /** Writes the job(s) to the outbox and answers at once; the engine sends in the background. */
  z.object({ type: z.literal('startJob'), ...Selection.shape }),
  z.object({ type: z.literal('pauseJob'), jobId: Id }),
  z.object({ type: z.literal('resumeJob'), jobId: Id }),
  z.object({ type: z.literal('cancelJob'), jobId: Id }),
  /** From the content script: what the host page shows (ids only). */
  z.object({ type: z.literal('pageContext'), context: PageContext }),
  /** From the panel: the last page context the content script of that tab reported. */
  z.object({ type: z.literal('getPageContext'), tabId: z.int().check(z.nonnegative()) }),
  /** The contact card: the record as the vendor has it now, and its verdict on every destination. */
  z.object({ type: z.literal('inspectContact'), accountId: Id, contactId: Id, module: z.optional(Module) }),
  /** A ticket page: who the ticket names (requester first, then CCs) and each one's verdict on every destination. */
  z.object({ type: z.literal('inspectTicket'), accountId: Id, ticketId: Id }),
  /** An organization page (Zendesk organization, Desk account, CRM Account): its members' record ids, for the bulk flow. */
  z.object({ type: z.literal('organizationMembers'), accountId: Id, organizationId: Id }),
  /** The contact card as last checked (IndexedDB, no vendor call): shown while inspectContact asks again. */
  z.object({ type: z.literal('lastVerdicts'), accountId: Id, contactId: Id }),
  /** A page of the account's contacts, for list views whose ticked rows cannot be read. */
  z.object({
    type: z.literal('listRecords'),
    accountId: Id,
    module: z.optional(Module),
    page: z.int().check(z.gte(1), z.lte(10_000)),
    perPage: z.int().check(z.gte(1), z.lte(100)),
  }),
  /** Zendesk: send the email-verification message to the contact's primary address. */
  z.object({ type: z.literal('sendVerification'), accountId: Id, contactId: Id }),
  /** CRM: the portal users of a user type with one status. */
  z.object({ type: z.literal('listPortalUsers'), accountId: Id, targetKey: Id, status: PortalUserStatus }),
  /** CRM: activate, deactivate, delete or move portal users (re-invites go through startJob). */
  z.object({
    type: z.literal('portalUserAction'),
    accountId: Id,
    targetKey: Id,
    action: PortalUserAction,
    personalityIds: z.array(Id).check(z.minLength(1, 'select at least one portal user'), z.maxLength(100, 'at most 100 portal users per request')),
    /** `transfer` only: the user type they move to. */
    toTargetKey: z.optional(Id),
  }),
  /** A new job for the failed items of a job, planned again from the vendor's records. */
  z.object({ type: z.literal('retryFailed'), jobId: Id }),
  /** Options page: the account's company domains and default destination. */
  z.object({
    type: z.literal('saveAccountSettings'),
    accountId: Id,
    companyDomains: z.array(z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(253))).check(z.maxLength(100)),
    /** null clears it. */
    defaultTargetKey: z.nullable(Id),
    /** Names the vendor's URLs use for this account (Desk or Connect portal name), for page matching. */
    pageNames: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(z.maxLength(20))),
    /**
     * Zoho CRM: the portal's seats, shared by its user types. null clears it (unknown); absent keeps
     * it. A whole number from 1 up is checked by the background, which says what is wrong in words.
     */
    portalSeatLimit: z.optional(z.nullable(z.number())),
  }),
  /** Options page: the retention and what Portier keeps on this computer (PRIVACY.md). */
  z.object({ type: z.literal('getPrivacySettings') }),
  /** Options page: how many days cached contacts and finished jobs are kept (1–3650); a sweep follows. */
  z.object({ type: z.literal('savePrivacySettings'), retentionDays: RetentionDays }),
  /** Options page, after the agent confirmed: disconnects every account and deletes every row. */
  z.object({ type: z.literal('clearAllData') }),
]));
export type Request = z.infer<ReturnType<typeof requestSchema>>;
export type RequestType = Request['type'];

/** The content script is the host page's neighbour: it may only report what it reads. */
export const ALLOWED_SENDERS: Record<RequestType, readonly SenderKind[]> = {
  listAccounts: ['panel'],
  connectAccount: ['panel'],
  zohoSignIn: ['panel'],
  zohoSignInAlive: ['panel'],
  disconnectAccount: ['panel'],
  listTargets: ['panel'],
  evaluate: ['panel'],
  startJob: ['panel'],
  pauseJob: ['panel'],
  resumeJob: ['panel'],
  cancelJob: ['panel'],
  pageContext: ['content'],
  getPageContext: ['panel'],
  inspectContact: ['panel'],
  inspectTicket: ['panel'],
  organizationMembers: ['panel'],
  lastVerdicts: ['panel'],
  listRecords: ['panel'],
  sendVerification: ['panel'],
  listPortalUsers: ['panel'],
  portalUserAction: ['panel'],
  retryFailed: ['panel'],
  saveAccountSettings: ['panel'],
  getPrivacySettings: ['panel'],
  savePrivacySettings: ['panel'],
  clearAllData: ['panel'],
};

export const EvaluateResult = z.object({
  target: Target,
  items: z.array(z.object({ contactId: z.string(), name: z.optional(z.string()), email: z.optional(z.string()), verdict: Verdict })),
  /** Ids the vendor does not know (deleted, or never existed). */
  missing: z.array(z.string()),
});

/** One destination on the contact card: the verdict, and the vendor's membership when there is one. */
export const Destination = z.object({
  target: Target,
  verdict: Verdict,
  membership: z.optional(z.object({ status: MembershipStatus, invitedAt: z.optional(z.string()) })),
});
export type Destination = z.infer<typeof Destination>;

/**
 * A ticket as the panel shows it: each person it names with their verdicts, requester first. What
 * the vendor no longer has is counted, so the panel can say so: a requester deleted, CCs gone, and
 * the agents named on the ticket, who are never candidates.
 */
export const TicketCard = z.object({
  /** `number`: what agents call the ticket where it is not its id (Zoho Desk's ticketNumber). */
  ticket: z.object({ id: z.string(), subject: z.optional(z.string()), number: z.optional(z.string()) }),
  people: z.array(z.object({ role: z.enum(['requester', 'cc']), contact: Contact, destinations: z.array(Destination) })),
  requesterMissing: z.boolean(),
  ccsMissing: z.int().check(z.nonnegative()),
  agents: z.int().check(z.nonnegative()),
});
export type TicketCard = z.infer<typeof TicketCard>;

/** A CRM portal user as the panel lists it. `contactId` is the CRM record behind it, when known. */
export const PortalUser = z.object({
  personalityId: z.string(),
  contactId: z.optional(z.string()),
  module: z.optional(z.string()),
  email: z.string(),
  name: z.optional(z.string()),
  status: PortalUserStatus,
  invitedAt: z.optional(z.string()),
});
export type PortalUser = z.infer<typeof PortalUser>;

const JobState = z.object({ jobId: z.string(), status: JobStatus });

/** A contact card as last checked (IndexedDB), with when the vendor answered it. */
const LastCard = z.object({ contact: Contact, destinations: z.array(Destination), checkedAt: z.string() });
export type LastCard = z.infer<typeof LastCard>;

const Count = z.int().check(z.nonnegative());
export const PrivacySettings = z.object({
  retentionDays: z.int(),
  stored: z.object({ contacts: Count, invitations: Count, jobs: Count, events: Count }),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

const resultBuilders = {
  listAccounts: () => z.object({ accounts: z.array(Account) }),
  connectAccount: () => z.object({ account: Account }),
  /** `signInId` connects one of `choices` (connectAccount's auth.signInId), for 10 minutes; the default one first. */
  zohoSignIn: () => z.object({
    signInId: z.string(),
    choices: z.array(z.object({ orgId: z.string(), name: z.string(), pageName: z.optional(z.string()), isDefault: z.optional(z.boolean()) })),
  }),
  zohoSignInAlive: () => z.object({ alive: z.boolean() }),
  /**
   * `revocation`: what happened at the vendor (core/vendors Revocation, or `failed`: the vendor did
   * not answer; the credentials were deleted here all the same). `message` says what is left to do.
   */
  disconnectAccount: () => z.object({
    accountId: z.string(),
    revocation: z.enum(['revoked', 'already_invalid', 'nothing_stored', 'kept_at_vendor', 'failed']),
    message: z.optional(z.string()),
    localized: z.optional(LocalizedText),
  }),
  listTargets: () => z.object({ targets: z.array(Target) }),
  evaluate: () => EvaluateResult,
  startJob: () => z.object({ jobs: z.array(z.object({ jobId: z.string(), action: JobAction })) }),
  pauseJob: () => JobState,
  resumeJob: () => JobState,
  cancelJob: () => JobState,
  pageContext: () => z.object({ vendor: Vendor, accountId: z.string(), connected: z.boolean() }),
  /**
   * `record` and `account` let the panel show its first screen before it opens the database;
   * `lastCard`, on a contact page of a connected account, the verdicts as last checked, so that a
   * revisit shows them after this one round trip (the fresh check is already under way).
   */
  getPageContext: () => z.object({ context: z.nullable(PageContext), record: z.nullable(PageRecord), account: z.nullable(Account), lastCard: z.optional(z.nullable(LastCard)) }),
  inspectContact: () => z.object({ contact: Contact, destinations: z.array(Destination) }),
  inspectTicket: () => TicketCard,
  /** `limit`: the most members read (the page selection's cap); `capped`: the organization has more. */
  organizationMembers: () => z.object({
    name: z.string(),
    contactIds: z.array(z.string()),
    capped: z.boolean(),
    limit: z.int(),
    module: z.optional(z.string()),
  }),
  /** null: never checked on this account (or kept no longer). `checkedAt`: when the vendor answered. */
  lastVerdicts: () => z.object({ card: z.nullable(LastCard) }),
  listRecords: () => z.object({ contacts: z.array(Contact), hasMore: z.boolean() }),
  sendVerification: () => z.object({ contactId: z.string(), sent: z.boolean(), message: z.optional(z.string()), localized: z.optional(LocalizedText) }),
  listPortalUsers: () => z.object({ users: z.array(PortalUser) }),
  portalUserAction: () => z.object({
    /** A refusal's reason code (RULES.md, or VENDOR_ERROR with the vendor's code), for words in the agent's language. */
    results: z.array(z.object({ personalityId: z.string(), ok: z.boolean(), message: z.optional(z.string()), code: z.optional(z.string()), vendorCode: z.optional(z.string()) })),
  }),
  retryFailed: () => z.object({ jobs: z.array(z.object({ jobId: z.string(), action: JobAction })) }),
  saveAccountSettings: () => z.object({ account: Account }),
  getPrivacySettings: () => PrivacySettings,
  savePrivacySettings: () => PrivacySettings,
  /** How many accounts were disconnected, and what is left to do at a vendor (disconnectAccount's messages). */
  clearAllData: () => z.object({ accounts: Count, messages: z.array(z.string()), localized: z.optional(z.array(LocalizedText)) }),
} satisfies Record<RequestType, () => z.ZodMiniType>;

/** A record whose every value is built at its first read, once. */
function builtOnRead<T extends Record<string, () => unknown>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const record = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(builders) as (keyof T & string)[]) Object.defineProperty(record, key, { enumerable: true, get: once(builders[key]!) });
  return record;
}

/** What each request answers with when it succeeds. */
export const ResultOf = builtOnRead(resultBuilders);

export type ResultFor<T extends RequestType> = z.infer<(typeof ResultOf)[T]>;

export const ErrorCode = z.enum([
  'BAD_MESSAGE',
  'FORBIDDEN_SENDER',
  'NOT_CONNECTED',
  'NEEDS_RECONNECT',
  'NOT_FOUND',
  'NOT_CONFIGURED',
  'AUTH_FAILED',
  'VENDOR_ERROR',
  /** Not now: something in progress must end first (a batch being checked with the vendor); try again shortly. */
  'BUSY',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * `message`: the English sentence (logs, tests, an older page); `localized`: the same in every
 * language the pages speak, which they show in the agent's (core/i18n.ts).
 */
export const ErrorBody = z.object({ code: ErrorCode, message: z.string(), localized: z.optional(LocalizedText) });
export type ErrorBody = z.infer<typeof ErrorBody>;

export type MessageResponse<T extends RequestType = RequestType> = { ok: true; result: ResultFor<T> } | { ok: false; error: ErrorBody };

/** The receiving side's parse: a readable list of what is wrong, never the raw zod dump. */
export function parseRequest(raw: unknown): { ok: true; request: Request } | { ok: false; error: ErrorBody } {
  const parsed = requestSchema().safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data };
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type) : undefined;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  const named = { en: type ? `"${type}" ` : '', fr: type ? `« ${type} » ` : '' };
  const localized = {
    en: `Portier could not read the ${named.en}message (${problems}). Reload the page and the panel, and try again.`,
    fr: `Portier n'a pas pu lire le message ${named.fr}(${problems}). Rechargez la page et le panneau, puis réessayez.`,
  };
  return { ok: false, error: { code: 'BAD_MESSAGE', message: localized.en, localized } };
}

const refusalSchema = once(() => z.object({ ok: z.literal(false), error: ErrorBody }));
const answerSchemas = new Map<RequestType, z.ZodMiniType>();
/** A success answer to `type`, built once per type: the panel parses one with every request. */
function answerSchema(type: RequestType): z.ZodMiniType {
  let schema = answerSchemas.get(type);
  if (!schema) answerSchemas.set(type, (schema = z.object({ ok: z.literal(true), result: ResultOf[type] })));
  return schema;
}

/** What a panel gets back: parsed too, so a background from another version cannot confuse it. */
export function parseResponse<T extends RequestType>(type: T, raw: unknown): MessageResponse<T> {
  const error = refusalSchema().safeParse(raw);
  if (error.success) return error.data;
  const ok = answerSchema(type).safeParse(raw);
  if (ok.success) return ok.data as MessageResponse<T>;
  const localized = {
    en: `The background's answer to "${type}" could not be read. Reload the extension.`,
    fr: `La réponse de l'arrière-plan à « ${type} » est illisible. Rechargez l'extension.`,
  };
  return { ok: false, error: { code: 'INTERNAL', message: localized.en, localized } };
}
