/**
 * Zoho CRM objects as the v8 API shows them (record.json Record, portals.json, portal_user_type.json,
 * portal_users.yaml getPortalUsers) and its error envelope `{code, details, message, status}`.
 */
import type { CrmOrg, CrmPortalUser, CrmRecord, CrmUser, CrmUserType } from '../model';
import { json } from './http';
import type { ZohoAuthVars } from './zoho-auth';

export type CrmVars = ZohoAuthVars & { user: CrmUser };

export function crmError(status: number, code: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return json({ code, details, message, status: 'error' }, status, headers);
}

/** Messages from record.json API_Exception's enum. */
export const INVALID_ID = (id: string) => crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', { id });
export const INVALID_MODULE = () => crmError(400, 'INVALID_MODULE', 'The module name given seems to be invalid', { resource_path_index: 0 });
export const NO_PERMISSION = () =>
  crmError(403, 'NO_PERMISSION', 'NO_PERMISSION', { permissions: ['Crm_Implied_Manage_ClientPortal_Users'] });
/** NOTES.md §3.1 generic code; message [UNCONFIRMED]. */
export const SCOPE_MISMATCH = () => crmError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');

/** Modules whose records can be portal users ("personality" modules) or searched here. */
export const CRM_MODULES = ['Contacts', 'Leads', 'Vendors', 'Accounts'] as const;

export function findModule(name: string): string | undefined {
  return CRM_MODULES.find((m) => m.toLowerCase() === name.toLowerCase());
}

export function owner(org: CrmOrg, id: string) {
  const user = org.users.find((u) => u.id === id);
  return { name: user?.name ?? 'Unknown', id, email: user?.email ?? '' };
}

/**
 * GDPR details as Data_Processing_Basis_Details (record.json `Consent` fields); the picklist values
 * are [UNCONFIRMED]. Absent when the org has no GDPR consent.
 */
function consentDetails(org: CrmOrg, record: CrmRecord) {
  if (!org.consentRequired || record.consent === 'not_required') return undefined;
  return {
    id: `${record.id}9`,
    Data_Processing_Basis: record.consent === 'given' ? 'Consent - Obtained' : 'Consent - Not Responded',
    Contact_Through_Email: record.consent === 'given',
    ...(record.consent === 'given' ? { Consent_Through: 'Email', Consent_Date: record.createdTime.slice(0, 10) } : {}),
  };
}

export function serializeRecord(org: CrmOrg, record: CrmRecord) {
  const by = owner(org, record.ownerId);
  const name = [record.First_Name, record.Last_Name].filter(Boolean).join(' ');
  if (record.module === 'Accounts') {
    return { id: record.id, Account_Name: name, Owner: by, Created_By: by, Modified_By: by, Created_Time: record.createdTime, Modified_Time: record.modifiedTime, Tag: [] };
  }
  const account = record.accountId ? org.records.find((r) => r.id === record.accountId && r.module === 'Accounts') : undefined;
  return {
    id: record.id,
    First_Name: record.First_Name,
    Last_Name: record.Last_Name,
    Full_Name: name,
    // Vendors are named by Vendor_Name in Zoho CRM (a mandatory field of the module).
    ...(record.module === 'Vendors' ? { Vendor_Name: name } : {}),
    // The Account_Name lookup of a Contact: `{name, id}` of its Accounts record.
    ...(account ? { Account_Name: { name: account.Last_Name, id: account.id } } : {}),
    Email: record.Email,
    Owner: by,
    Created_By: by,
    Modified_By: by,
    Created_Time: record.createdTime,
    Modified_Time: record.modifiedTime,
    $approval_state: record.approvalState,
    Tag: [],
    ...(org.consentRequired ? { Data_Processing_Basis_Details: consentDetails(org, record) ?? null } : {}),
  };
}

export function serializePortalUser(user: CrmPortalUser) {
  return {
    personality_id: user.personalityId,
    confirm: user.confirm,
    status_reason__s: user.statusReason,
    created_time: user.createdTime,
    // user_type_users.json; portal_users.yaml lists created_time only (contract/patches.ts).
    invited_time: user.invitedTime,
    module: user.module,
    name: user.name,
    active: user.active,
    email: user.email,
    Source__s: 'Portal',
  };
}

/** Seats taken: confirmed or pending users; deactivated users do not count (RULES.md LICENSE_LIMIT). */
export function seatsUsed(org: CrmOrg, userType: CrmUserType): number {
  return org.portalUsers.filter((u) => u.userTypeId === userType.id && u.active).length;
}

export function serializeUserType(org: CrmOrg, ut: CrmUserType) {
  const admin = owner(org, org.users[0]?.id ?? '');
  const moduleId = `5843104000000002${ut.module === 'Vendors' ? '183' : '179'}`;
  return {
    id: ut.id,
    name: ut.name,
    active: ut.active,
    default: ut.default,
    no_of_users: org.portalUsers.filter((u) => u.userTypeId === ut.id).length,
    personality_module: { api_name: ut.module, id: moduleId, plural_label: ut.module },
    modules: [{
      id: moduleId,
      plural_label: ut.module,
      shared_type: 'private',
      api_name: ut.module,
      filters: [],
      fields: [],
      layouts: [],
      views: { display_label: `All ${ut.module}`, name: 'all', id: `${moduleId}1`, type: 'all' },
      permissions: { view: true, edit: true, edit_shared_records: false, create: false, delete: false, delete_attachment: false, create_attachment: true },
    }],
    created_time: ut.createdTime,
    modified_time: ut.createdTime,
    created_by: { name: admin.name, id: admin.id },
    modified_by: { name: admin.name, id: admin.id },
  };
}
