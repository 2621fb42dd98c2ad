/**
 * What the sandbox stores, per vendor, in the vendors' own words. Fields named like the vendor's API
 * (snake_case for Zendesk and CRM, camelCase for Desk and Connect) are served as they are; the
 * others are the facts behind behaviour the APIs do not expose (marked "sandbox fact").
 */

// ---------------------------------------------------------------- Zendesk Support

export interface ZendeskIdentity {
  id: number;
  type: 'email';
  value: string;
  verified: boolean;
  primary: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZendeskUser {
  id: number;
  name: string;
  role: 'end-user' | 'agent' | 'admin';
  /** The primary email identity's value. */
  email: string | null;
  identities: ZendeskIdentity[];
  active: boolean;
  suspended: boolean;
  external_id: string | null;
  organization_id: number | null;
  locale: string;
  time_zone: string;
  tags: string[];
  created_at: string;
  updated_at: string;
  /** Sandbox fact: verification emails sent (request_verification). */
  verificationEmails?: number;
  /** A phone number (a messaging customer's only identity); served as `phone`. */
  phone?: string | null;
}

export interface ZendeskBrand {
  id: number;
  name: string;
  subdomain: string;
  has_help_center: boolean;
  help_center_state: 'enabled' | 'disabled' | 'restricted';
  default: boolean;
  active: boolean;
  created_at: string;
}

export type ZendeskJobResult =
  | { id: number; index: number; status: 'Created'; email?: string }
  | { id: number; action: 'update'; success: true; status: 'Updated' }
  | { id: number; action: 'create' | 'create_or_update'; success: false; error: string; details: string };

export interface ZendeskJob {
  id: string;
  jobType: 'Create Many Users' | 'Create Or Update Many Users';
  upsert: boolean;
  createdAt: number;
  /** The user objects as sent; each is validated when the job reaches it. */
  items: unknown[];
  results: ZendeskJobResult[];
  /** Created while settings.zendeskJob.stuck was on: queued for ever. */
  stuck?: boolean;
}

/** An organization (support-oas.yaml OrganizationObject); its members are users with its `organization_id`. */
export interface ZendeskOrganization {
  id: number;
  name: string;
  domain_names: string[];
  details: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A ticket (support-oas.yaml TicketObject), with the people it names: the requester, the email CCs
 * and the collaborators (legacy CCs and followers). A `requester_id` no user has is a deleted requester.
 */
export interface ZendeskTicket {
  id: number;
  subject: string;
  description: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  priority: 'urgent' | 'high' | 'normal' | 'low' | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  email_cc_ids: number[];
  collaborator_ids: number[];
  follower_ids: number[];
  via: 'email' | 'web' | 'whatsapp';
  created_at: string;
  updated_at: string;
}

export interface ZendeskAccount {
  subdomain: string;
  name: string;
  plan: string;
  /** NOTES.md §1.8: requests per minute by plan (Enterprise 700, Team 200, …). */
  rateLimitPerMinute: number;
  /** NOTES.md §1.3: bulk user import is off until the account owner asks Zendesk. */
  bulkImportEnabled: boolean;
  companyDomains: string[];
  brands: ZendeskBrand[];
  users: ZendeskUser[];
  organizations: ZendeskOrganization[];
  tickets: ZendeskTicket[];
  /** Account API tokens, used as `{agent email}/token:{token}`. */
  apiTokens: string[];
  /** Signed-in browser sessions: the `_zendesk_session` cookie and its CSRF token. */
  sessions: { id: string; userId: number; csrfToken: string }[];
  jobs: ZendeskJob[];
  nextId: number;
}

// ---------------------------------------------------------------- Zoho accounts (shared by Desk, CRM, Connect)

export interface ZohoUser {
  zuid: string;
  email: string;
  name: string;
}

/**
 * A signed-in Zoho web session (sandbox sign-in at accounts.zoho.localhost/signin): the IAM cookie
 * the agent apps read, and the CSRF token their pages echo in X-ZCSRF-TOKEN on writes. Zoho's real
 * web-UI cookie auth is unconfirmed (NOTES.md §2.8): this is the sandbox's stand-in [SANDBOX].
 */
export interface ZohoSession {
  id: string;
  zuid: string;
  csrfToken: string;
}

export interface OAuthClient {
  clientId: string;
  /**
   * `confidential` (the default) authenticates with its secret; `public` (Zendesk kind "public",
   * Zoho's mobile-based clients) has none and must use PKCE with S256 instead.
   */
  kind?: 'confidential' | 'public';
  clientSecret?: string;
  name: string;
  redirectUris: string[];
  /** Zoho only: `legacy` answers expires_in_sec with expires_in in milliseconds, as older Zoho docs show. */
  tokenFormat?: 'current' | 'legacy';
}

export interface OAuthGrant {
  value: string;
  kind: 'code' | 'access' | 'refresh';
  /** `zendesk:<subdomain>` or `zoho`. */
  realm: string;
  clientId: string;
  /** Zendesk user id or Zoho zuid. */
  subject: string;
  scopes: string[];
  expiresAt: number | null;
  redirectUri?: string;
  /** PKCE, on authorization codes. */
  codeChallenge?: string;
  codeChallengeMethod?: string;
  /** Shared by a refresh token and the access tokens issued with or from it: what one revocation ends. */
  family?: string;
  revoked: boolean;
}

export * from './model-zoho';
import type { ConnectOrg, CrmOrg, DeskOrg } from './model-zoho';

// ---------------------------------------------------------------- everything

export interface SandboxData {
  zendesk: Record<string, ZendeskAccount>;
  zendeskClients: OAuthClient[];
  zoho: { users: ZohoUser[]; clients: OAuthClient[]; sessions: ZohoSession[] };
  desk: Record<string, DeskOrg>;
  crm: CrmOrg;
  connect: ConnectOrg;
  grants: OAuthGrant[];
}
