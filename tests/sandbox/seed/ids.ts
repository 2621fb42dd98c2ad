/**
 * Readable names for the seeded ids and credentials, so tests say `DESK.contacts.invited8Days`
 * rather than a number. The ids themselves have the vendors' shapes (Zendesk integers, Zoho
 * 19-digit strings) because clients parse them.
 */

/** The company behind every seeded account; its domains are the "company domains" of RULES.md. */
export const COMPANY_DOMAINS = ['acme.co'];

export const ZENDESK = {
  acme: {
    subdomain: 'acme',
    apiToken: 'acme-api-token-0001',
    users: {
      admin: 1001,
      agent: 1002,
      endUserSignedIn: 2001,
      existingVerified: 2002,
      unverified: 2003,
      htmlName: 2004,
      /** A WhatsApp customer: a phone number and no email address (EMAIL_MISSING), CC'd on a ticket. */
      phoneOnly: 2005,
      /** The requester of a ticket, deleted since: no user has this id any more. */
      deleted: 2999,
    },
    organizations: { northwind: 361000000001, fabrikam: 361000000002, empty: 361000000003 },
    tickets: {
      /** Requester Marc (unverified), CCs Chloé (a member), Noor (no email) and Ben (an agent, not a candidate). */
      signIn: 4821,
      /** Its requester was deleted; Eve is CC'd. */
      requesterDeleted: 4822,
      /** Requester: the user whose name is HTML. */
      invoice: 4823,
    },
    identities: { unverified: 6003 },
    brands: { main: 360001, labs: 360002 },
    sessions: {
      agent: { cookie: 'acme-session-ben', csrf: 'acme-csrf-ben' },
      endUser: { cookie: 'acme-session-eve', csrf: 'acme-csrf-eve' },
    },
    oauth: { access: 'zendesk-acme-ava-access-0001', refresh: 'zendesk-acme-ava-refresh-0001' },
  },
  globex: {
    subdomain: 'globex',
    apiToken: 'globex-api-token-0001',
    users: { admin: 1101, endUser: 2101 },
    oauth: { access: 'zendesk-globex-gina-access-0001', refresh: 'zendesk-globex-gina-refresh-0001' },
  },
  /** The global OAuth client (NOTES.md §1.7: apps used by several accounts need one). */
  client: { id: 'portier_sandbox', secret: 'portier-zendesk-secret' },
  /** The client the extension uses: kind "public", PKCE, no secret (README "OAuth clients and credentials"). */
  publicClient: { id: 'portier_public_sandbox' },
} as const;

export const ZOHO = {
  users: {
    admin: { zuid: '60010001', email: 'ava.admin@acme.co', name: 'Ava Admin' },
    agent: { zuid: '60010002', email: 'ben.agent@acme.co', name: 'Ben Agent' },
  },
  client: { id: '1000.PORTIERSANDBOX00000000000001', secret: 'portier-zoho-secret' },
  /** A client whose token answers use the older `expires_in_sec` + milliseconds `expires_in` format. */
  legacyClient: { id: '1000.PORTIERLEGACY000000000000002', secret: 'portier-zoho-legacy-secret' },
  /** The client the extension uses: a mobile-based (public) client, PKCE, no secret. */
  publicClient: { id: '1000.PORTIERPUBLIC000000000000003' },
  tokens: {
    adminAccess: '1000.seed0admin0access.0000000000000000000000000001',
    adminRefresh: '1000.seed0admin0refresh.000000000000000000000000001',
    agentAccess: '1000.seed0agent0access.0000000000000000000000000002',
    agentRefresh: '1000.seed0agent0refresh.000000000000000000000000002',
    /** Desk.contacts.READ only: for scope-mismatch tests. */
    readOnlyAccess: '1000.seed0readonly0access.00000000000000000000003',
  },
  /** Signed-in web sessions of the agent apps (the `_iamadt` cookie and the `crmcsr` CSRF cookie). */
  sessions: {
    admin: { cookie: 'zoho-session-ava', csrf: 'zoho-csrf-ava' },
    agent: { cookie: 'zoho-session-ben', csrf: 'zoho-csrf-ben' },
  },
} as const;

export const DESK = {
  orgId: '701234567',
  /** The portal name in agent URLs: desk.zoho.com/agent/{portal}/{department}/… */
  portalName: 'acme',
  departments: { support: '4400000000000000001', partners: '4400000000000000002' },
  helpCenters: { main: '4100000000000000001', partners: '4100000000000000002' },
  /** Tickets: `withPeople` has Nora (eligible), Marc (unverified) and Chloé (an end user); `contactDeleted` a contact gone since. */
  tickets: { withPeople: '4700000000000000001', contactDeleted: '4700000000000000002' },
  /** The contact of DESK.tickets.contactDeleted: Desk has no such contact any more. */
  deletedContact: '4200000000000000098',
  /** Accounts: Northwind (Chloé, Dora), Contoso (Nora, the HTML name), Litware (no contacts). */
  accounts: { northwind: '4800000000000000001', contoso: '4800000000000000002', empty: '4800000000000000003' },
  contacts: {
    eligible: '4200000000000000001',
    endUserActive: '4200000000000000002',
    invited3Days: '4200000000000000003',
    invited8Days: '4200000000000000004',
    unverified: '4200000000000000005',
    noEmail: '4200000000000000006',
    disposable: '4200000000000000008',
    reservedDomain: '4200000000000000009',
    htmlName: '4200000000000000010',
    duplicateOfEligible: '4200000000000000011',
    endUserDisabled: '4200000000000000012',
    accents: '4200000000000000013',
  },
} as const;

export const CRM = {
  orgId: '800000001',
  users: { admin: '5843104000000100001', agentWithoutPortalPermission: '5843104000000100002' },
  portal: 'AcmeCustomerPortal',
  userTypes: {
    customers: '5843104000000411001',
    partnersFull: '5843104000000411002',
    suppliers: '5843104000000411003',
  },
  records: {
    eligible: '5843104000000500001',
    pendingApproval: '5843104000000500002',
    underReview: '5843104000000500003',
    consentMissing: '5843104000000500004',
    companyDomain: '5843104000000500005',
    companySubdomain: '5843104000000500006',
    unsupportedCharacters: '5843104000000500007',
    disposable: '5843104000000500008',
    deleted: '5843104000000500009',
    recycleBin: '5843104000000500010',
    noEmail: '5843104000000500011',
    portalUserActive: '5843104000000500012',
    portalUserDeactivated: '5843104000000500013',
    invited3Days: '5843104000000500014',
    invited8Days: '5843104000000500015',
    accents: '5843104000000500016',
    htmlName: '5843104000000500017',
    duplicateOfEligible: '5843104000000500018',
    partnerBeyondSeats: '5843104000000500019',
    partner1: '5843104000000500020',
    partner2: '5843104000000500021',
    partner3: '5843104000000500022',
    vendor: '5843104000000500023',
  },
  /** Accounts records: Northwind Traders (related Contacts: the eligible one, Zoë, the HTML name), Litware (none). */
  accounts: { northwind: '5843104000000800001', empty: '5843104000000800002' },
} as const;

export const CONNECT = {
  networks: {
    intranet: '929000000015001',
    community: '929000000016001',
    partnersFull: '929000000017001',
    /** Another organisation's internal network, where one of Acme's people already is. */
    otherOrgIntranet: '555000000001001',
  },
} as const;
