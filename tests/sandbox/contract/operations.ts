/**
 * Every vendor endpoint Portier uses (shared/RULES.md destinations, DESIGN.md authentication), with
 * the spec file that is the authority for it. contract.test.ts fails if one of them is missing from
 * its spec. Where two Zoho CRM files define the same operation, the newer portal_users.yaml is the
 * authority for bodies and portal_invite.json / user_type_users.json are listed as `also`.
 */
import { CONNECT_SPEC } from './connect-schema';

export const ZENDESK_SPEC = 'zendesk/support-oas.yaml';
export const DESK_CONTACT = 'zoho-desk/Contact.json';
export const DESK_HELPCENTER = 'zoho-desk/Helpcenter.json';
export const DESK_TICKET = 'zoho-desk/Ticket.json';
export const DESK_ACCOUNT = 'zoho-desk/Account.json';
export const DESK_SEARCH = 'zoho-desk/Search.json';
export const CRM_PORTAL_USERS = 'zoho-crm/portal_users/portal_users.yaml';
export const CRM_PORTALS = 'zoho-crm/portals.json';
export const CRM_USER_TYPES = 'zoho-crm/portal_user_type.json';
export const CRM_USER_TYPE_USERS = 'zoho-crm/user_type_users.json';
export const CRM_PORTAL_INVITE = 'zoho-crm/portal_invite.json';
export const CRM_RECORD = 'zoho-crm/record.json';
export const CRM_MODULE_SEARCH = 'zoho-crm/module_search.json';
export const CRM_RELATED = 'zoho-crm/related_records.json';

export interface PortierOperation {
  method: string;
  path: string;
  spec: string;
  also?: string[];
}

const crmUsers = '/crm/v8/settings/portals/{portal}/user_type/{user_type_id}/users';

export const PORTIER_OPERATIONS: readonly PortierOperation[] = [
  // listContacts: the panel's own list when a list view's ticked rows cannot be read.
  { method: 'GET', path: '/api/v2/users', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/crm/v8/{module}', spec: CRM_RECORD },
  { method: 'POST', path: '/api/v2/users', spec: ZENDESK_SPEC },
  { method: 'POST', path: '/api/v2/users/create_many', spec: ZENDESK_SPEC },
  { method: 'POST', path: '/api/v2/users/create_or_update_many', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/job_statuses/{job_status_id}', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/job_statuses/show_many', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/users/search', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/users/{user_id}', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/users/{user_id}/identities', spec: ZENDESK_SPEC },
  { method: 'PUT', path: '/api/v2/users/{user_id}/identities/{user_identity_id}/request_verification', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/users/me', spec: ZENDESK_SPEC },
  // OAuth (core/vendors/zendesk/auth.ts): CreateTokenForGrantType (code exchange, refresh), and
  // RevokeOAuthToken on disconnect, where `current` is the documented {oauth_token_id} of the token in use.
  { method: 'POST', path: '/oauth/tokens', spec: ZENDESK_SPEC },
  { method: 'DELETE', path: '/api/v2/oauth/tokens/current', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/brands', spec: ZENDESK_SPEC },
  // Ticket pages: the ticket, then its people at once; organization pages: the organization, then its users.
  { method: 'GET', path: '/api/v2/tickets/{ticket_id}', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/users/show_many', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/organizations/{organization_id}', spec: ZENDESK_SPEC },
  // Not in the stored OAS; documented by Zendesk and added to the contract by contract/patches.ts.
  { method: 'GET', path: '/api/v2/organizations/{organization_id}/users', spec: ZENDESK_SPEC },

  { method: 'GET', path: '/api/v1/helpCenters', spec: DESK_HELPCENTER },
  { method: 'GET', path: '/api/v1/contacts', spec: DESK_CONTACT },
  { method: 'GET', path: '/api/v1/contacts/{contactId}', spec: DESK_CONTACT },
  // findByEmail: every look-up by email (core/vendors/zoho-desk/api.ts search()); Search.json searchContacts.
  { method: 'GET', path: '/api/v1/contacts/search', spec: DESK_SEARCH },
  { method: 'GET', path: '/api/v1/contacts/{contactId}/helpCenters', spec: DESK_CONTACT },
  { method: 'POST', path: '/api/v1/contacts/{contactId}/inviteAsEndUser', spec: DESK_CONTACT },
  { method: 'POST', path: '/api/v1/contacts/inviteAsEndUser', spec: DESK_CONTACT },
  { method: 'GET', path: '/api/v1/tickets/{ticketId}', spec: DESK_TICKET },
  { method: 'GET', path: '/api/v1/accounts/{accountId}', spec: DESK_ACCOUNT },
  { method: 'GET', path: '/api/v1/accounts/{accountId}/contacts', spec: DESK_CONTACT },

  { method: 'GET', path: '/crm/v8/settings/portals', spec: CRM_PORTALS },
  { method: 'GET', path: '/crm/v8/settings/portals/{portal}/user_type', spec: CRM_USER_TYPES },
  { method: 'GET', path: crmUsers, spec: CRM_PORTAL_USERS, also: [CRM_USER_TYPE_USERS] },
  { method: 'DELETE', path: crmUsers, spec: CRM_PORTAL_USERS, also: [CRM_USER_TYPE_USERS] },
  { method: 'POST', path: `${crmUsers}/action/transfer`, spec: CRM_PORTAL_USERS, also: [CRM_USER_TYPE_USERS] },
  { method: 'PUT', path: `${crmUsers}/{user_id}/actions/change_status`, spec: CRM_PORTAL_USERS, also: [CRM_USER_TYPE_USERS] },
  // changeStatusBulk (core/vendors/zoho-crm/portal-users.ts): only portal_users.yaml defines it; the
  // sandbox does not serve it (tests/unit/vendors/zoho-crm.test.ts answers it with a stub).
  { method: 'PUT', path: `${crmUsers}/actions/change_status`, spec: CRM_PORTAL_USERS },
  { method: 'GET', path: '/crm/v8/{module}/{id}', spec: CRM_RECORD },
  { method: 'GET', path: '/crm/v8/{module}/search', spec: CRM_MODULE_SEARCH, also: [CRM_RECORD] },
  { method: 'POST', path: '/crm/v8/{module}/{record}/actions/portal_invite', spec: CRM_PORTAL_USERS, also: [CRM_PORTAL_INVITE] },
  { method: 'POST', path: '/crm/v8/{module}/actions/portal_invite', spec: CRM_PORTAL_USERS, also: [CRM_PORTAL_INVITE] },
  { method: 'GET', path: '/crm/v8/{module}/actions/portal_invite', spec: CRM_PORTAL_USERS, also: [CRM_PORTAL_INVITE] },
  { method: 'GET', path: '/crm/v8/{module}/{id}/{related}', spec: CRM_RELATED },

  { method: 'GET', path: '/pulse/api/allScopes', spec: CONNECT_SPEC },
  { method: 'POST', path: '/pulse/api/inviteUsersToNetwork', spec: CONNECT_SPEC },
  { method: 'GET', path: '/pulse/api/orgMembers', spec: CONNECT_SPEC },
];

/** What the sandbox's agent pages (tests/sandbox/pages) read besides Portier's endpoints, as the real web apps do. */
export const PAGE_OPERATIONS: readonly PortierOperation[] = [
];

/**
 * The list endpoints the sandbox serves so that any client finds the seeded tickets, organizations
 * and accounts the way an integration would, though Portier itself starts from the page's ids.
 */
export const LISTING_OPERATIONS: readonly PortierOperation[] = [
  { method: 'GET', path: '/api/v2/tickets', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v2/organizations', spec: ZENDESK_SPEC },
  { method: 'GET', path: '/api/v1/tickets', spec: DESK_TICKET },
  { method: 'GET', path: '/api/v1/accounts', spec: DESK_ACCOUNT },
];
