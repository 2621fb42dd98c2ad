import { emailKey } from '../../email';
import { recordKey, type Contact } from '../../model';
import type { VendorClient } from '../http';
import { CrmRecords, type CrmRecord } from './schemas';
import { CRM_MODULE, pathSegment } from '../path';

/** CRM records (Contacts, Leads, Vendors, custom modules) as Portier contacts. */

/** `$approval_state`: only the states RULES.md names are read; any other is "not known". */
function recordStateOf(state: string | null | undefined): Contact['recordState'] {
  if (state === 'approved') return 'active';
  if (state === 'approval_process_pending') return 'pending_approval';
  if (state === 'review_process_pending') return 'under_review';
  return undefined;
}

/**
 * GDPR consent from Data_Processing_Basis_Details: absent = the org has no GDPR (not known here),
 * null = the record needs none, "Consent - Obtained" = given, any other "Consent - …" = missing,
 * another legal basis (contract, legitimate interests…) = not required. Picklist values [UNCONFIRMED].
 */
function consentOf(raw: CrmRecord): Contact['consent'] {
  const details = raw.Data_Processing_Basis_Details;
  if (details === undefined) return undefined;
  if (details === null) return 'not_required';
  const basis = details.Data_Processing_Basis?.trim() ?? '';
  if (/^consent\s*-\s*obtained$/i.test(basis)) return 'given';
  if (/^consent\b/i.test(basis)) return 'missing';
  return basis ? 'not_required' : undefined;
}

/** A record as the rules see it; `module` is the module it was read from. */
export function crmContact(raw: CrmRecord, accountId: string, module: string, fetchedAt: string): Contact {
  const name = raw.Full_Name?.trim() || [raw.First_Name, raw.Last_Name].filter((p) => p && p.trim() !== '').join(' ') || raw.Vendor_Name || raw.Name || '';
  const key = emailKey(raw.Email);
  const organization = raw.Account_Name?.name ?? raw.Company ?? undefined;
  const phone = raw.Phone ?? raw.Mobile ?? undefined;
  const recordState = recordStateOf(raw.$approval_state);
  const consent = consentOf(raw);
  return {
    id: raw.id, key: recordKey('zoho_crm', accountId, raw.id), vendor: 'zoho_crm', accountId, module,
    ...(name ? { name } : {}),
    ...(raw.Email ? { email: raw.Email } : {}),
    ...(key ? { emailKey: key } : {}),
    ...(organization ? { organization } : {}),
    ...(phone ? { phone } : {}),
    ...(recordState ? { recordState } : {}),
    ...(consent ? { consent } : {}),
    fetchedAt,
  };
}

/**
 * The fields a contact is made of, per module: Get Records in v8 names the fields it answers with,
 * and a field the module lacks (First_Name on Vendors) is not asked for. Custom modules name their
 * records `Name`. GDPR details only when the org has GDPR on (the field exists only then).
 */
const LIST_FIELDS: Record<string, readonly string[]> = {
  Contacts: ['First_Name', 'Last_Name', 'Full_Name', 'Email', 'Phone', 'Mobile', 'Account_Name'],
  Leads: ['First_Name', 'Last_Name', 'Full_Name', 'Email', 'Phone', 'Mobile', 'Company'],
  Vendors: ['Vendor_Name', 'Email', 'Phone'],
};
const CUSTOM_FIELDS = ['Name', 'Email'];
/** Get Records: per_page ≤ 200 (record.json, the sandbox). */
const MAX_PER_PAGE = 200;

/** `GET /crm/v8/{module}?page=&per_page=&fields=`: 204 when the page is empty, `info.more_records` otherwise. */
export async function listRecords(
  client: VendorClient, accountId: string, query: { module?: string; page: number; perPage: number }, consent: boolean,
): Promise<{ contacts: Contact[]; hasMore: boolean }> {
  const module = query.module ?? 'Contacts';
  const fields = [...(LIST_FIELDS[module] ?? CUSTOM_FIELDS), ...(consent ? ['Data_Processing_Basis_Details'] : [])];
  const res = await client.request({
    method: 'GET', path: `crm/v8/${pathSegment(module, CRM_MODULE, 'a Zoho CRM module name')}`, endpoint: 'GET /crm/v8/{module}', schema: CrmRecords, accept: [204],
    searchParams: {
      page: Math.max(1, Math.floor(query.page)),
      per_page: Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage))),
      fields: fields.join(','),
    },
  });
  if (res.status === 204 || !res.data) return { contacts: [], hasMore: false };
  const fetchedAt = new Date().toISOString();
  return {
    contacts: res.data.data.map((raw) => crmContact(raw, accountId, module, fetchedAt)),
    hasMore: res.data.info?.more_records === true,
  };
}
