import { emailKey } from '../../email';
import { recordKey, type Contact } from '../../model';
import type { CrmRecord } from './schemas';

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
  const name = raw.Full_Name?.trim() || [raw.First_Name, raw.Last_Name].filter((p) => p && p.trim() !== '').join(' ') || raw.Vendor_Name || '';
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
