/**
 * One Zoho Desk organisation on the Professional edition: daily credits 75,000 + 500 per agent and
 * 15 concurrent calls (NOTES.md §2.7, help.zoho.com "Working with API credits").
 */
import { DAY } from '../clock';
import type { DeskContact, DeskHelpCenterUser, DeskOrg } from '../model';
import { DESK, ZOHO } from './ids';

const ago = (now: number, days: number) => new Date(now - days * DAY).toISOString();

interface ContactSpec {
  id: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  verified?: boolean;
  helpCenters?: DeskHelpCenterUser[];
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
    accountId: null,
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

export function seedDesk(now: number): Record<string, DeskOrg> {
  const c = DESK.contacts;
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
      contact(now, { id: c.eligible, firstName: 'Nora', lastName: 'Green', email: 'nora.green@contoso.com' }),
      // ALREADY_MEMBER: an active end user of the main help center; accents in the name.
      contact(now, { id: c.endUserActive, firstName: 'Chloé', lastName: 'Durand', email: 'chloe.durand@northwind.com', helpCenters: [member('4500000000000000002', 'ACTIVE')] }),
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
      contact(now, { id: c.htmlName, firstName: '<script>alert(1)</script>', lastName: '<b>Bold</b>', email: 'html.desk@contoso.com' }),
      // DUPLICATE_IN_SELECTION: the eligible contact's address in other case.
      contact(now, { id: c.duplicateOfEligible, firstName: 'Nora', lastName: 'Green (duplicate)', email: 'NORA.GREEN@Contoso.com' }),
      // ALREADY_MEMBER: a disabled end user of the main help center.
      contact(now, { id: c.endUserDisabled, firstName: 'Dora', lastName: 'Disabled', email: 'dora.disabled@northwind.com', helpCenters: [member('4500000000000000012', 'DISABLED')] }),
      // Eligible, with accents and a ring.
      contact(now, { id: c.accents, firstName: 'Zoë', lastName: 'Ångström', email: 'zoe.angstrom@woodgrove.com' }),
    ],
    nextId: 100,
  };
  return { [org.orgId]: org };
}
