/**
 * One Zoho Desk organisation on the Professional edition: daily credits 75,000 + 500 per agent and
 * 15 concurrent calls (NOTES.md §2.7, help.zoho.com "Working with API credits").
 */
import { DAY } from '../clock';
import type { DeskAccount, DeskContact, DeskHelpCenterUser, DeskOrg, DeskTicket } from '../model';
import { DESK, ZOHO } from './ids';

const ago = (now: number, days: number) => new Date(now - days * DAY).toISOString();

interface ContactSpec {
  id: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  verified?: boolean;
  helpCenters?: DeskHelpCenterUser[];
  accountId?: string;
}

function contact(now: number, spec: ContactSpec): DeskContact {
  const created = ago(now, 120);
  return {
    id: spec.id,
    firstName: spec.firstName,
    lastName: spec.lastName,
    email: spec.email,
    secondaryEmail: null,
    phone: null,
    mobile: null,
    accountId: spec.accountId ?? null,
    ownerId: '4300000000000000001',
    type: null,
    createdTime: created,
    modifiedTime: created,
    isSpam: false,
    isAnonymous: false,
    isDeleted: false,
    isTrashed: false,
    emailVerified: spec.verified ?? true,
    helpCenters: spec.helpCenters ?? [],
  };
}

function account(now: number, id: string, accountName: string, website: string): DeskAccount {
  const created = ago(now, 300);
  return { id, accountName, email: null, phone: null, website, createdTime: created, modifiedTime: created };
}

type TicketSpec = Pick<DeskTicket, 'id' | 'ticketNumber' | 'subject' | 'description' | 'contactId' | 'secondaryContacts' | 'accountId'> &
  Partial<Pick<DeskTicket, 'status' | 'priority' | 'channel'>> & { daysAgo: number };

function ticket(now: number, spec: TicketSpec): DeskTicket {
  const { daysAgo, ...fields } = spec;
  const created = ago(now, daysAgo);
  return {
    status: 'Open', priority: 'Medium', channel: 'Email', departmentId: DESK.departments.support, assigneeId: '4300000000000000001',
    createdTime: created, modifiedTime: created, ...fields,
  };
}

export function seedDesk(now: number): Record<string, DeskOrg> {
  const c = DESK.contacts;
  const a = DESK.accounts;
  const main = DESK.helpCenters.main;
  const member = (userId: string, userStatus: DeskHelpCenterUser['userStatus'], days = 60): DeskHelpCenterUser => ({
    helpCenterId: main, userId, userStatus, invitedAt: ago(now, days),
  });
  const org: DeskOrg = {
    orgId: DESK.orgId,
    name: 'Acme Support',
    portalName: DESK.portalName,
    departments: [{ id: DESK.departments.support, name: 'Support' }, { id: DESK.departments.partners, name: 'Partners' }],
    edition: 'PROFESSIONAL',
    creditsPerDay: 75_000 + 500 * 2,
    concurrency: 15,
    agents: [
      { zuid: ZOHO.users.admin.zuid, canInvite: true },
      // Profile without the right to invite end users: the invite answers 403 FORBIDDEN.
      { zuid: ZOHO.users.agent.zuid, canInvite: false },
    ],
    helpCenters: [
      { id: main, name: 'Acme Help Center', url: '/portal/acme', status: 'ACTIVE', isDefault: true, primaryLocale: 'en', locales: ['en', 'fr'], departmentIds: [DESK.departments.support] },
      // HELP_CENTER_DISABLED
      { id: DESK.helpCenters.partners, name: 'Acme Partners', url: '/portal/acmepartners', status: 'DISABLED', isDefault: false, primaryLocale: 'en', locales: ['en'], departmentIds: [DESK.departments.partners] },
    ],
    contacts: [
      // Eligible: verified, no help-center user yet.
      contact(now, { id: c.eligible, firstName: 'Nora', lastName: 'Green', email: 'nora.green@contoso.com', accountId: a.contoso }),
      // ALREADY_MEMBER: an active end user of the main help center; accents in the name.
      contact(now, { id: c.endUserActive, firstName: 'Chloé', lastName: 'Durand', email: 'chloe.durand@northwind.com', helpCenters: [member('4500000000000000002', 'ACTIVE')], accountId: a.northwind }),
      // INVITATION_PENDING: invited 3 days ago, not accepted.
      contact(now, { id: c.invited3Days, firstName: 'Paul', lastName: 'Martin', email: 'paul.martin@fabrikam.com', helpCenters: [member('4500000000000000003', 'INVITED', 3)] }),
      // INVITATION_EXPIRED: invited 8 days ago, not accepted.
      contact(now, { id: c.invited8Days, firstName: 'Rita', lastName: 'Olsen', email: 'rita.olsen@tailspin.com', helpCenters: [member('4500000000000000004', 'INVITED', 8)] }),
      // EMAIL_UNVERIFIED: "Add as End User" is disabled for unverified profiles; the invite answers 422.
      contact(now, { id: c.unverified, firstName: 'Marc', lastName: 'Lefèvre', email: 'marc.lefevre@fabrikam.com', verified: false }),
      // EMAIL_MISSING: the invite answers 422.
      contact(now, { id: c.noEmail, firstName: 'Sam', lastName: 'Noemail', email: null }),
      // EMAIL_DISPOSABLE (a warning outside CRM): Desk invites it.
      contact(now, { id: c.disposable, firstName: 'Temp', lastName: 'Mail', email: 'temp.user@mailinator.com' }),
      // EMAIL_DOMAIN_RESERVED: the placeholder that never receives mail; Desk invites it.
      contact(now, { id: c.reservedDomain, firstName: 'No', lastName: 'Reply', email: 'noreply@example.invalid' }),
      // A name with HTML in it.
      contact(now, { id: c.htmlName, firstName: '<script>alert(1)</script>', lastName: '<b>Bold</b>', email: 'html.desk@contoso.com', accountId: a.contoso }),
      // DUPLICATE_IN_SELECTION: the eligible contact's address in other case.
      contact(now, { id: c.duplicateOfEligible, firstName: 'Nora', lastName: 'Green (duplicate)', email: 'NORA.GREEN@Contoso.com' }),
      // ALREADY_MEMBER: a disabled end user of the main help center.
      contact(now, { id: c.endUserDisabled, firstName: 'Dora', lastName: 'Disabled', email: 'dora.disabled@northwind.com', helpCenters: [member('4500000000000000012', 'DISABLED')], accountId: a.northwind }),
      // Eligible, with accents and a ring.
      contact(now, { id: c.accents, firstName: 'Zoë', lastName: 'Ångström', email: 'zoe.angstrom@woodgrove.com' }),
    ],
    // Northwind's contacts are the ones above; `POST /__sandbox/generate` with `organization` adds dozens more.
    accounts: [
      account(now, a.northwind, 'Northwind Traders', 'https://northwind.com'),
      account(now, a.contoso, 'Contoso', 'https://contoso.com'),
      // No contact at all: the panel says so instead of offering to invite nobody.
      account(now, a.empty, 'Litware', 'https://litware.com'),
    ],
    tickets: [
      // The contact can be invited; Marc's profile is unverified (blocked); Chloé is already an end user.
      ticket(now, {
        id: DESK.tickets.withPeople, ticketNumber: '101', subject: 'Where do I download my invoices?', description: 'I cannot find the invoices section.',
        contactId: c.eligible, secondaryContacts: [c.unverified, c.endUserActive], accountId: a.contoso, daysAgo: 1,
      }),
      // Its contact was deleted since: Desk answers 404 for it.
      ticket(now, {
        id: DESK.tickets.contactDeleted, ticketNumber: '102', subject: 'Cancel my subscription', description: 'Please cancel it at the end of the month.',
        contactId: DESK.deletedContact, secondaryContacts: [], accountId: null, status: 'On Hold', priority: 'Low', channel: 'Web', daysAgo: 30,
      }),
    ],
    nextId: 100,
  };
  return { [org.orgId]: org };
}
