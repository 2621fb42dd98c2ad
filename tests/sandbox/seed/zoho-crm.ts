/**
 * One Zoho CRM organisation (Enterprise: 50,000 + 1,000 credits per user per rolling 24 h,
 * NOTES.md §3.5) with GDPR consent enabled, one client portal and three user types: the first
 * portal's 10,000 free seats, a full "Partners" type, and one on the Vendors module.
 */
import { DAY } from '../clock';
import type { CrmOrg, CrmPortalUser, CrmRecord } from '../model';
import { CRM, ZOHO } from './ids';

const ago = (now: number, days: number) => new Date(now - days * DAY).toISOString();

type RecordSpec = Pick<CrmRecord, 'id' | 'First_Name' | 'Last_Name' | 'Email'> & Partial<CrmRecord>;

function record(now: number, spec: RecordSpec): CrmRecord {
  const created = ago(now, 90);
  return {
    module: 'Contacts',
    approvalState: 'approved',
    consent: 'given',
    state: 'active',
    ownerId: CRM.users.admin,
    createdTime: created,
    modifiedTime: created,
    ...spec,
  };
}

function portalUser(now: number, r: CrmRecord, userTypeId: string, spec: Partial<CrmPortalUser> & { days: number }): CrmPortalUser {
  return {
    personalityId: r.id,
    userTypeId,
    module: r.module,
    name: [r.First_Name, r.Last_Name].filter(Boolean).join(' '),
    email: r.Email ?? '',
    confirm: true,
    active: true,
    statusReason: 'Active',
    createdTime: ago(now, spec.days),
    invitedTime: ago(now, spec.days),
    ...spec,
  };
}

export function seedCrm(now: number): CrmOrg {
  const id = CRM.records;
  const records: CrmRecord[] = [
    // Eligible on the Customers user type.
    record(now, { id: id.eligible, First_Name: 'Liam', Last_Name: 'Carter', Email: 'liam.carter@northwind.com', accountId: CRM.accounts.northwind }),
    // RECORD_PENDING_APPROVAL → NOT_APPROVED.
    record(now, { id: id.pendingApproval, First_Name: 'Olivia', Last_Name: 'Brooks', Email: 'olivia.brooks@contoso.com', approvalState: 'approval_process_pending', accountId: CRM.accounts.northwind }),
    // RECORD_UNDER_REVIEW → NOT_REVIEWED.
    record(now, { id: id.underReview, First_Name: 'Noah', Last_Name: 'Patel', Email: 'noah.patel@fabrikam.com', approvalState: 'review_process_pending' }),
    // CONSENT_MISSING → CONSENT_NOT_GIVEN (invented code).
    record(now, { id: id.consentMissing, First_Name: 'Emma', Last_Name: 'Schulz', Email: 'emma.schulz@woodgrove.com', consent: 'missing' }),
    // COMPANY_DOMAIN → SUPER_ADMIN_DOMAIN (invented code).
    record(now, { id: id.companyDomain, First_Name: 'Jane', Last_Name: 'Doe', Email: 'jane.doe@acme.co' }),
    // COMPANY_DOMAIN on a subdomain of the company's domain.
    record(now, { id: id.companySubdomain, First_Name: 'Eric', Last_Name: 'Lund', Email: 'eric.lund@eu.acme.co' }),
    // EMAIL_UNSUPPORTED_CHARACTERS (an IDN domain) → INVALID_EMAIL_CHARACTERS (invented code).
    record(now, { id: id.unsupportedCharacters, First_Name: 'Anna', Last_Name: 'Bücher', Email: 'anna@bücher.de' }),
    // EMAIL_DISPOSABLE → ANONYMOUS_EMAIL (invented code).
    record(now, { id: id.disposable, First_Name: 'Temp', Last_Name: 'User', Email: 'temp.user@mailinator.com' }),
    // RECORD_DELETED → RECORD_DELETED (invented code).
    record(now, { id: id.deleted, First_Name: 'Gone', Last_Name: 'Person', Email: 'gone.person@northwind.com', state: 'deleted' }),
    // RECORD_IN_RECYCLE_BIN → RECORD_IN_RECYCLE_BIN (invented code).
    record(now, { id: id.recycleBin, First_Name: 'Binned', Last_Name: 'Person', Email: 'binned.person@northwind.com', state: 'recycle_bin' }),
    // EMAIL_MISSING → INVALID_DATA.
    record(now, { id: id.noEmail, First_Name: 'Sam', Last_Name: 'Noemail', Email: null }),
    // ALREADY_MEMBER: a confirmed, active portal user → DUPLICATE_DATA.
    record(now, { id: id.portalUserActive, First_Name: 'Mia', Last_Name: 'Active', Email: 'mia.active@contoso.com', accountId: CRM.accounts.northwind }),
    // PORTAL_USER_DEACTIVATED: activate (change_status), do not invite.
    record(now, { id: id.portalUserDeactivated, First_Name: 'Leo', Last_Name: 'Inactive', Email: 'leo.inactive@contoso.com' }),
    // INVITATION_PENDING: invited 3 days ago, unconfirmed.
    record(now, { id: id.invited3Days, First_Name: 'Ivy', Last_Name: 'Chen', Email: 'ivy.chen@tailspin.com' }),
    // INVITATION_EXPIRED: invited 8 days ago, unconfirmed → type=reinvite.
    record(now, { id: id.invited8Days, First_Name: 'Omar', Last_Name: 'Haddad', Email: 'omar.haddad@tailspin.com' }),
    // Eligible, accents in the name.
    record(now, { id: id.accents, First_Name: 'Hélène', Last_Name: 'Côté', Email: 'helene.cote@woodgrove.com', accountId: CRM.accounts.northwind }),
    // Eligible, HTML in the name.
    record(now, { id: id.htmlName, First_Name: '<b>Bold</b>', Last_Name: '<img src=x onerror=alert(1)>', Email: 'html.crm@contoso.com' }),
    // DUPLICATE_IN_SELECTION: the eligible record's address in capitals.
    record(now, { id: id.duplicateOfEligible, First_Name: 'Liam', Last_Name: 'Carter (duplicate)', Email: 'LIAM.CARTER@northwind.com' }),
    // LICENSE_LIMIT: eligible, but the Partners user type has no seat left.
    record(now, { id: id.partnerBeyondSeats, First_Name: 'Pia', Last_Name: 'Partner', Email: 'pia.partner@northwind.com' }),
    record(now, { id: id.partner1, First_Name: 'Paolo', Last_Name: 'Rossi', Email: 'paolo.rossi@fabrikam.com' }),
    record(now, { id: id.partner2, First_Name: 'Priya', Last_Name: 'Nair', Email: 'priya.nair@fabrikam.com' }),
    record(now, { id: id.partner3, First_Name: 'Pedro', Last_Name: 'Alves', Email: 'pedro.alves@fabrikam.com' }),
    // A record of the Vendors module, for the Suppliers user type.
    record(now, { id: id.vendor, module: 'Vendors', First_Name: null, Last_Name: 'Fabrikam Supplies', Email: 'orders@fabrikam.com' }),
    // Accounts records (the name in Last_Name, served as Account_Name). Northwind's related Contacts are
    // Liam, Olivia, Mia and Hélène above; `POST /__sandbox/generate` with `organization` adds dozens more.
    record(now, { id: CRM.accounts.northwind, module: 'Accounts', First_Name: null, Last_Name: 'Northwind Traders', Email: null }),
    // No related Contacts at all.
    record(now, { id: CRM.accounts.empty, module: 'Accounts', First_Name: null, Last_Name: 'Litware', Email: null }),
  ];
  const byId = new Map(records.map((r) => [r.id, r]));
  const get = (recordId: string) => {
    const r = byId.get(recordId);
    if (!r) throw new Error(`seed: no CRM record ${recordId}`);
    return r;
  };
  const ut = CRM.userTypes;
  return {
    orgId: CRM.orgId,
    name: 'Acme Corp',
    companyDomains: ['acme.co'],
    consentRequired: true,
    creditsPerDay: 50_000 + 1_000 * 2,
    users: [
      { id: CRM.users.admin, zuid: ZOHO.users.admin.zuid, name: ZOHO.users.admin.name, email: ZOHO.users.admin.email, portalPermission: true },
      // NO_PORTAL_PERMISSION: invites answer 403 NO_PERMISSION.
      { id: CRM.users.agentWithoutPortalPermission, zuid: ZOHO.users.agent.zuid, name: ZOHO.users.agent.name, email: ZOHO.users.agent.email, portalPermission: false },
    ],
    portals: [{ name: CRM.portal, zaid: '900000001', active: true, createdTime: ago(now, 700) }],
    userTypes: [
      { id: ut.customers, portal: CRM.portal, name: 'Customers', module: 'Contacts', active: true, default: true, seats: 10_000, createdTime: ago(now, 700) },
      { id: ut.partnersFull, portal: CRM.portal, name: 'Partners', module: 'Contacts', active: true, default: false, seats: 3, createdTime: ago(now, 500) },
      { id: ut.suppliers, portal: CRM.portal, name: 'Suppliers', module: 'Vendors', active: true, default: false, seats: 10_000, createdTime: ago(now, 400) },
    ],
    portalUsers: [
      portalUser(now, get(id.portalUserActive), ut.customers, { days: 40 }),
      portalUser(now, get(id.portalUserDeactivated), ut.customers, { days: 200, active: false, statusReason: 'Deactivated' }),
      portalUser(now, get(id.invited3Days), ut.customers, { days: 3, confirm: false, statusReason: 'Invited' }),
      portalUser(now, get(id.invited8Days), ut.customers, { days: 8, confirm: false, statusReason: 'Invited' }),
      portalUser(now, get(id.partner1), ut.partnersFull, { days: 100 }),
      portalUser(now, get(id.partner2), ut.partnersFull, { days: 90 }),
      portalUser(now, get(id.partner3), ut.partnersFull, { days: 80 }),
    ],
    records,
    jobs: [],
    nextId: 600001,
  };
}
