/**
 * Zendesk Support accounts. `acme` is an Enterprise account (700 requests/minute, NOTES.md §1.8)
 * with bulk import enabled; `globex` is a Team account (200/minute) with bulk import still off, as
 * new accounts are (NOTES.md §1.3), for multi-account and 403 tests.
 */
import { DAY } from '../clock';
import type { ZendeskAccount, ZendeskIdentity, ZendeskOrganization, ZendeskTicket, ZendeskUser } from '../model';
import { ZENDESK } from './ids';

const ago = (now: number, days: number) => new Date(now - days * DAY).toISOString();

interface UserSpec {
  id: number;
  name: string;
  email: string | null;
  role?: ZendeskUser['role'];
  verified?: boolean;
  createdDaysAgo?: number;
  organizationId?: number;
  phone?: string;
}

function user(now: number, spec: UserSpec): ZendeskUser {
  const created = ago(now, spec.createdDaysAgo ?? 400);
  const identities: ZendeskIdentity[] = spec.email
    ? [{
        id: spec.id + 4000,
        type: 'email',
        value: spec.email,
        verified: spec.verified ?? true,
        primary: true,
        created_at: created,
        updated_at: created,
      }]
    : [];
  return {
    id: spec.id,
    name: spec.name,
    role: spec.role ?? 'end-user',
    email: spec.email,
    identities,
    active: true,
    suspended: false,
    external_id: null,
    organization_id: spec.organizationId ?? null,
    ...(spec.phone ? { phone: spec.phone } : {}),
    locale: 'en-US',
    time_zone: 'Europe/Paris',
    tags: [],
    created_at: created,
    updated_at: created,
  };
}

function organization(now: number, id: number, name: string, domains: string[]): ZendeskOrganization {
  const created = ago(now, 500);
  return { id, name, domain_names: domains, details: null, created_at: created, updated_at: created };
}

type TicketSpec = Pick<ZendeskTicket, 'id' | 'subject' | 'description' | 'requester_id' | 'organization_id' | 'email_cc_ids' | 'collaborator_ids' | 'follower_ids' | 'via'> &
  Partial<Pick<ZendeskTicket, 'status' | 'priority'>> & { daysAgo: number };

function ticket(now: number, assignee: number, spec: TicketSpec): ZendeskTicket {
  const { daysAgo, ...fields } = spec;
  const created = ago(now, daysAgo);
  return { status: 'open', priority: 'normal', submitter_id: spec.requester_id, assignee_id: assignee, created_at: created, updated_at: created, ...fields };
}

export function seedZendesk(now: number): Record<string, ZendeskAccount> {
  const a = ZENDESK.acme.users;
  const o = ZENDESK.acme.organizations;
  const t = ZENDESK.acme.tickets;
  const acme: ZendeskAccount = {
    subdomain: 'acme',
    name: 'Acme',
    plan: 'Enterprise',
    rateLimitPerMinute: 700,
    bulkImportEnabled: true,
    companyDomains: ['acme.co'],
    brands: [
      { id: ZENDESK.acme.brands.main, name: 'Acme', subdomain: 'acme', has_help_center: true, help_center_state: 'enabled', default: true, active: true, created_at: ago(now, 900) },
      { id: ZENDESK.acme.brands.labs, name: 'Acme Labs', subdomain: 'acmelabs', has_help_center: true, help_center_state: 'disabled', default: false, active: true, created_at: ago(now, 300) },
    ],
    users: [
      // The account owner: API token and OAuth examples act as her.
      user(now, { id: a.admin, name: 'Ava Admin', email: 'ava.admin@acme.co', role: 'admin' }),
      // An agent signed in to the agent UI: session cookie + X-CSRF-Token.
      user(now, { id: a.agent, name: 'Ben Agent', email: 'ben.agent@acme.co', role: 'agent' }),
      // NOT_AN_AGENT: an end user's own session may not create users.
      user(now, { id: a.endUserSignedIn, name: 'Eve Enduser', email: 'eve.enduser@northwind.com', organizationId: o.northwind }),
      // ALREADY_MEMBER (a create answers 422 DuplicateValue); a name with accents.
      user(now, { id: a.existingVerified, name: 'Chloé Durand', email: 'chloe.durand@northwind.com', organizationId: o.northwind }),
      // EMAIL_UNVERIFIED: identity not verified, request_verification sends the email.
      user(now, { id: a.unverified, name: 'Marc Lefèvre', email: 'marc.lefevre@fabrikam.com', verified: false, createdDaysAgo: 3, organizationId: o.fabrikam }),
      // A name with HTML in it, which must render as text.
      user(now, { id: a.htmlName, name: '<img src=x onerror=alert(1)>', email: 'html.name@contoso.com' }),
      // EMAIL_MISSING: a WhatsApp customer, a phone number and no email; CC'd on a ticket.
      user(now, { id: a.phoneOnly, name: 'Noor Haddad', email: null, phone: '+33 6 12 34 56 78', organizationId: o.northwind }),
    ],
    // Northwind's members are the users above; `POST /__sandbox/generate` with `organization` adds dozens more.
    organizations: [
      organization(now, o.northwind, 'Northwind Traders', ['northwind.com']),
      organization(now, o.fabrikam, 'Fabrikam', ['fabrikam.com']),
      // No member at all: the panel says so instead of offering to invite nobody.
      organization(now, o.empty, 'Tailspin Toys', ['tailspin.com']),
    ],
    tickets: [
      ticket(now, a.agent, {
        id: t.signIn, subject: 'Cannot sign in to the help center', description: 'I never received the email to set my password.',
        requester_id: a.unverified, organization_id: o.fabrikam, via: 'email', daysAgo: 2,
        // Ben, an agent, is CC'd and follows: agents are never candidates.
        email_cc_ids: [a.existingVerified, a.agent], collaborator_ids: [a.existingVerified, a.agent, a.phoneOnly], follower_ids: [a.agent],
      }),
      ticket(now, a.agent, {
        id: t.requesterDeleted, subject: 'Refund for order #1182', description: 'Please refund my last order.', status: 'pending',
        requester_id: a.deleted, organization_id: null, via: 'web', daysAgo: 20, email_cc_ids: [a.endUserSignedIn], collaborator_ids: [a.endUserSignedIn], follower_ids: [],
      }),
      ticket(now, a.agent, {
        id: t.invoice, subject: 'Invoice address', description: 'Our invoice shows the old address.', priority: 'low',
        requester_id: a.htmlName, organization_id: null, via: 'email', daysAgo: 6, email_cc_ids: [], collaborator_ids: [], follower_ids: [],
      }),
    ],
    apiTokens: [ZENDESK.acme.apiToken],
    sessions: [
      { id: ZENDESK.acme.sessions.agent.cookie, userId: a.agent, csrfToken: ZENDESK.acme.sessions.agent.csrf },
      { id: ZENDESK.acme.sessions.endUser.cookie, userId: a.endUserSignedIn, csrfToken: ZENDESK.acme.sessions.endUser.csrf },
    ],
    jobs: [],
    nextId: 3001,
  };
  const g = ZENDESK.globex.users;
  const globex: ZendeskAccount = {
    subdomain: 'globex',
    name: 'Globex',
    plan: 'Team',
    rateLimitPerMinute: 200,
    bulkImportEnabled: false,
    companyDomains: ['globex.com'],
    brands: [
      { id: 460001, name: 'Globex', subdomain: 'globex', has_help_center: false, help_center_state: 'disabled', default: true, active: true, created_at: ago(now, 200) },
    ],
    users: [
      user(now, { id: g.admin, name: 'Gina Admin', email: 'gina.admin@globex.com', role: 'admin' }),
      user(now, { id: g.endUser, name: 'Hank Hill', email: 'hank.hill@northwind.com' }),
    ],
    organizations: [],
    tickets: [],
    apiTokens: [ZENDESK.globex.apiToken],
    sessions: [],
    jobs: [],
    nextId: 3101,
  };
  return { acme, globex };
}
