import { VendorRefusedError, type VendorClient } from '../http';
import { pathSegment, RECORD_ID } from '../path';
import type { OrganizationMembers } from '../types';
import { CrmAccountRecords, CrmRelatedIds } from './schemas';

/**
 * A Zoho CRM Accounts record as a bulk source: its related Contacts (related_records.json, Get
 * Related Records `GET /crm/v8/Accounts/{id}/Contacts`), whose records can be portal users.
 */

/** Get Related Records: per_page ≤ 200, as Get Records. */
const RELATED_PAGE = 200;
/** The module of the records it gives. */
export const ACCOUNT_CONTACTS_MODULE = 'Contacts';

/**
 * The Account's name, then its Contacts page by page up to `limit` and one more (to know whether
 * there are others). CRM answers an id it does not have with 400 INVALID_DATA: no such account.
 */
export async function readAccountContacts(client: VendorClient, accountId: string, limit: number): Promise<OrganizationMembers | undefined> {
  const id = pathSegment(accountId, RECORD_ID, 'a Zoho CRM record id');
  let name: string | null | undefined;
  try {
    const { data } = await client.request({
      method: 'GET', path: `crm/v8/Accounts/${id}`, endpoint: 'GET /crm/v8/{module}/{id}', schema: CrmAccountRecords, searchParams: { fields: 'Account_Name' },
    });
    const record = data?.data[0];
    if (!record) return undefined;
    name = record.Account_Name;
  } catch (error) {
    if (error instanceof VendorRefusedError && error.status === 400 && error.vendorCode === 'INVALID_DATA') return undefined;
    throw error;
  }
  const ids = new Set<string>();
  const pages = Math.ceil((limit + 1) / RELATED_PAGE);
  for (let page = 1; page <= pages && ids.size <= limit; page++) {
    const res = await client.request({
      method: 'GET', path: `crm/v8/Accounts/${id}/${ACCOUNT_CONTACTS_MODULE}`, endpoint: 'GET /crm/v8/{module}/{id}/{related}', schema: CrmRelatedIds,
      accept: [204], searchParams: { page, per_page: RELATED_PAGE, fields: 'Last_Name,Email' },
    });
    if (res.status === 204 || !res.data) break;
    for (const row of res.data.data) ids.add(row.id);
    if (!res.data.info?.more_records) break;
  }
  const contactIds = [...ids];
  return { name: name?.trim() || accountId, contactIds: contactIds.slice(0, limit), capped: contactIds.length > limit, module: ACCOUNT_CONTACTS_MODULE };
}
