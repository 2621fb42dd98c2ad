/**
 * Zendesk Support accounts. `acme` is an Enterprise account (700 requests/minute, NOTES.md §1.8)
 * with bulk import enabled; `globex` is a Team account (200/minute) with bulk import still off, as
 * new accounts are (NOTES.md §1.3), for multi-account and 403 tests.
 */
import { DAY } from '../clock';
import type { ZendeskAccount, ZendeskIdentity, ZendeskUser } from '../model';
import { ZENDESK } from './ids';

const ago = (now: number, days: number) => new Date(now - days * DAY).toISOString();

interface UserSpec {
  id: number;
  name: string;
  email: string | null;
  role?: ZendeskUser['role'];
  verified?: boolean;
  createdDaysAgo?: number;
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
    organization_id: null,
    locale: 'en-US',
    time_zone: 'Europe/Paris',
    tags: [],
    created_at: created,
    updated_at: created,
  };
}

export function seedZendesk(now: number): Record<string, ZendeskAccount> {
  const a = ZENDESK.acme.users;
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
      user(now, { id: a.endUserSignedIn, name: 'Eve Enduser', email: 'eve.enduser@northwind.com' }),
      // ALREADY_MEMBER (a create answers 422 DuplicateValue); a name with accents.
      user(now, { id: a.existingVerified, name: 'Chloé Durand', email: 'chloe.durand@northwind.com' }),
      // EMAIL_UNVERIFIED: identity not verified, request_verification sends the email.
      user(now, { id: a.unverified, name: 'Marc Lefèvre', email: 'marc.lefevre@fabrikam.com', verified: false, createdDaysAgo: 3 }),
      // A name with HTML in it, which must render as text.
      user(now, { id: a.htmlName, name: '<img src=x onerror=alert(1)>', email: 'html.name@contoso.com' }),
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
    apiTokens: [ZENDESK.globex.apiToken],
    sessions: [],
    jobs: [],
    nextId: 3101,
  };
  return { acme, globex };
}
