/**
 * What the sandbox stores for Zoho Desk, Zoho CRM and Zoho Connect (see model.ts for the conventions).
 */

// ---------------------------------------------------------------- Zoho Desk

export interface DeskHelpCenter {
  id: string;
  name: string;
  url: string;
  status: 'ACTIVE' | 'DISABLED';
  isDefault: boolean;
  primaryLocale: string;
  locales: string[];
  departmentIds: string[];
}

export interface DeskHelpCenterUser {
  helpCenterId: string;
  userId: string;
  /** Help-centre user status; `INVITED` is the sandbox's name for a sent, unaccepted invitation [UNCONFIRMED]. */
  userStatus: 'ACTIVE' | 'DISABLED' | 'INVITED';
  invitedAt?: string;
}

export interface DeskContact {
  id: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  secondaryEmail: string | null;
  phone: string | null;
  mobile: string | null;
  accountId: string | null;
  ownerId: string | null;
  type: string | null;
  createdTime: string;
  modifiedTime: string;
  isSpam: boolean;
  isAnonymous: boolean;
  isDeleted: boolean;
  isTrashed: boolean;
  /** Sandbox fact: "Add as End User" is disabled for unverified profiles (NOTES.md §2.1). */
  emailVerified: boolean;
  helpCenters: DeskHelpCenterUser[];
}

/** A ticket (Ticket.json ticketResponse): its contact and secondary contacts are the people it names. */
export interface DeskTicket {
  id: string;
  ticketNumber: string;
  subject: string;
  description: string;
  status: 'Open' | 'On Hold' | 'Escalated' | 'Closed';
  priority: 'High' | 'Medium' | 'Low' | null;
  channel: 'Email' | 'Web' | 'Phone' | 'Chat';
  departmentId: string;
  /** A contact id; one no contact has any more is a contact deleted since. */
  contactId: string;
  secondaryContacts: string[];
  accountId: string | null;
  assigneeId: string | null;
  createdTime: string;
  modifiedTime: string;
}

/** An account (Account.json): its contacts are those whose `accountId` is its id. */
export interface DeskAccount {
  id: string;
  accountName: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  createdTime: string;
  modifiedTime: string;
}

export interface DeskAgent {
  zuid: string;
  /** Sandbox fact: the agent's profile allows inviting contacts to the help center. */
  canInvite: boolean;
}

export interface DeskOrg {
  orgId: string;
  name: string;
  /** The portal name of agent URLs (`/agent/{portalName}/{department}/…`, NOTES.md §2.6 hosts). */
  portalName: string;
  /** Departments; agent URLs name them by their lower-cased, dashed name. */
  departments: { id: string; name: string }[];
  edition: 'FREE' | 'EXPRESS' | 'STANDARD' | 'PROFESSIONAL' | 'ENTERPRISE';
  /** NOTES.md §2.7: daily credits = base by edition + per agent; concurrency by edition. */
  creditsPerDay: number;
  concurrency: number;
  agents: DeskAgent[];
  helpCenters: DeskHelpCenter[];
  contacts: DeskContact[];
  tickets: DeskTicket[];
  accounts: DeskAccount[];
  nextId: number;
}

// ---------------------------------------------------------------- Zoho CRM

export interface CrmRecord {
  id: string;
  module: string;
  First_Name: string | null;
  Last_Name: string;
  Email: string | null;
  /** `$approval_state` as the record API shows it (module_search.json approval_state enum). */
  approvalState: 'approved' | 'approval_process_pending' | 'review_process_pending';
  /** Sandbox fact behind Data_Processing_Basis_Details (GDPR consent). */
  consent: 'given' | 'missing' | 'not_required';
  state: 'active' | 'recycle_bin' | 'deleted';
  ownerId: string;
  createdTime: string;
  modifiedTime: string;
  /** Contacts: the Accounts record of their Account_Name lookup. An Accounts record keeps its name in Last_Name. */
  accountId?: string;
}

export interface CrmPortal {
  name: string;
  zaid: string;
  active: boolean;
  createdTime: string;
}

export interface CrmUserType {
  id: string;
  portal: string;
  name: string;
  module: string;
  active: boolean;
  default: boolean;
  /** Sandbox fact: seats of this user type (RULES LICENSE_LIMIT); deactivated users do not count. */
  seats: number;
  createdTime: string;
}

export interface CrmPortalUser {
  personalityId: string;
  userTypeId: string;
  module: string;
  name: string;
  email: string;
  confirm: boolean;
  active: boolean;
  statusReason: string;
  /** When the portal user was created (the first invitation): a re-invite does not change it. */
  createdTime: string;
  /** When the last invitation was sent (user_type_users.json `invited_time`): a re-invite sets it. */
  invitedTime: string;
}

export interface CrmUser {
  id: string;
  zuid: string;
  name: string;
  email: string;
  /** Sandbox fact: the "Client Portal User" permission (Crm_Implied_Manage_ClientPortal_Users). */
  portalPermission: boolean;
}

export interface CrmJobItem {
  id: string;
  userTypeId: string;
  type: 'invite' | 'reinvite';
  language?: string;
}

export interface CrmJobResult {
  details: { id: string };
  code: string;
  message: string;
  status: 'success' | 'error';
}

export interface CrmJob {
  id: string;
  module: string;
  createdAt: number;
  items: CrmJobItem[];
  results: CrmJobResult[];
  /** Created while settings.crmJob.stuck was on: applies this many items, then never completes. */
  stuckAfter?: number;
}

export interface CrmOrg {
  orgId: string;
  name: string;
  /** The super administrator's email domains (CRM failure reason 1). */
  companyDomains: string[];
  /** GDPR consent enabled for the org (CRM failure reason 4). */
  consentRequired: boolean;
  /** NOTES.md §3.5: API credits per rolling 24 h. */
  creditsPerDay: number;
  users: CrmUser[];
  portals: CrmPortal[];
  userTypes: CrmUserType[];
  portalUsers: CrmPortalUser[];
  records: CrmRecord[];
  jobs: CrmJob[];
  nextId: number;
}

// ---------------------------------------------------------------- Zoho Connect

export interface ConnectMember {
  zuid: string;
  emailId: string;
  name: string;
  status: 'active' | 'invited';
  isAdmin: boolean;
  isExternal: boolean;
  invitedTime?: string;
}

export interface ConnectNetwork {
  scopeID: string;
  name: string;
  soid: string;
  url: string;
  isDefault: boolean;
  /** Sandbox fact: internal networks take only the company's domains; external ones anyone. */
  type: 'internal' | 'external';
  companyDomains: string[];
  /** Member licenses of the network: 5 external users each (RULES LICENSE_LIMIT). */
  memberLicenses: number;
  members: ConnectMember[];
}

/** Sandbox fact: who has a Zoho account, and the internal network of the org they belong to. */
export interface ZohoPerson {
  email: string;
  hasZohoAccount: boolean;
  internalNetworkId?: string;
}

export interface ConnectOrg {
  networks: ConnectNetwork[];
  people: ZohoPerson[];
  /** Connect documents no rate limit; a per-minute limit the control API can set, off by default. */
  rateLimitPerMinute: number | null;
}
