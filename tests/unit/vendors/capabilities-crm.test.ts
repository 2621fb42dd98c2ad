import { describe, expect, it } from 'vitest';
import type { Target } from '../../../core/model';
import { AuthRequiredError, VendorResponseError } from '../../../core/vendors/http';
import type { AuthSession } from '../../../core/vendors/types';
import { ZohoCrmConnector, type ZohoCrmSettings } from '../../../core/vendors/zoho-crm/api';
import { sandboxFetch } from '../../sandbox/fetch';
import { CRM, ZOHO } from '../../sandbox/seed/ids';
import { useSandbox } from './sandbox-helpers';

/** The optional capabilities of the Zoho CRM connector (types.ts): record lists and portal users, against the sandbox. */

const sandbox = useSandbox();
const R = CRM.records;
const UT = CRM.userTypes;

function staticToken(token: string): AuthSession {
  return { headers: async () => ({ authorization: `Zoho-oauthtoken ${token}` }), renew: async () => false };
}

function crm(token: string = ZOHO.tokens.adminAccess, settings?: ZohoCrmSettings, fetch: typeof globalThis.fetch = sandboxFetch) {
  return new ZohoCrmConnector({
    endpoint: { vendor: 'zoho_crm', accountId: `localhost:${CRM.orgId}`, apiBase: sandbox.current.vendorUrl('www.zohoapis.localhost'), orgId: CRM.orgId },
    auth: staticToken(token), fetch, ...(settings ? { crm: settings } : {}),
  });
}

async function userType(c: ZohoCrmConnector, id: string): Promise<Target> {
  const found = (await c.listTargets()).find((t) => t.id === id);
  if (!found) throw new Error(`no user type ${id}`);
  return found;
}

/** The seeded portal users of a user type, as the sandbox holds them now. */
const held = (userTypeId: string) =>
  sandbox.current.state.data.crm.portalUsers.filter((u) => u.userTypeId === userTypeId).map((u) => ({ id: u.personalityId, active: u.active }));

describe('Zoho CRM: listing records (listContacts)', () => {
  it('pages through a module’s records with the fields a contact needs, more_records saying when to stop', async () => {
    const urls: URL[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(new URL(input instanceof Request ? input.url : String(input)));
      return sandboxFetch(input, init);
    };
    const c = crm(ZOHO.tokens.adminAccess, { consentRequired: true }, spy);
    const expected = sandbox.current.state.data.crm.records.filter((r) => r.module === 'Contacts' && r.state === 'active').map((r) => r.id);
    const seen: string[] = [];
    let pages = 0;
    for (let page = 1, more = true; more; page++, pages++) {
      const answer = await c.listContacts({ page, perPage: 6 });
      seen.push(...answer.contacts.map((x) => x.id));
      more = answer.hasMore;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 6));
    expect(urls[0]?.pathname).toBe('/crm/v8/Contacts');
    expect(urls[0]?.searchParams.get('fields')?.split(',')).toEqual(expect.arrayContaining(['First_Name', 'Last_Name', 'Email', 'Data_Processing_Basis_Details']));
    const first = (await c.listContacts({ page: 1, perPage: 200 })).contacts;
    expect(first.find((x) => x.id === R.eligible)).toMatchObject({ key: `zoho_crm:localhost:${CRM.orgId}:${R.eligible}`, module: 'Contacts', name: 'Liam Carter', email: 'liam.carter@northwind.com' });
    // GDPR on: consent read from the list, so a missing one shows before any call to invite.
    expect(first.find((x) => x.id === R.consentMissing)?.consent).toBe('missing');
  });

  it('asks for no GDPR field when the org has none, and no more than 200 a page', async () => {
    const urls: URL[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(new URL(input instanceof Request ? input.url : String(input)));
      return sandboxFetch(input, init);
    };
    await crm(ZOHO.tokens.adminAccess, undefined, spy).listContacts({ page: 1, perPage: 5000 });
    expect(urls[0]?.searchParams.get('fields')).not.toContain('Data_Processing_Basis_Details');
    expect(urls[0]?.searchParams.get('per_page')).toBe('200');
  });

  it('other modules: Vendors named by Vendor_Name; an empty page (204) is no contacts', async () => {
    const vendors = await crm().listContacts({ module: 'Vendors', page: 1, perPage: 50 });
    expect(vendors).toEqual({ contacts: [expect.objectContaining({ id: R.vendor, module: 'Vendors', name: 'Fabrikam Supplies', email: 'orders@fabrikam.com' })], hasMore: false });
    expect(await crm().listContacts({ module: 'Contacts', page: 99, perPage: 50 })).toEqual({ contacts: [], hasMore: false });
  });

  it('a broken answer is a VendorResponseError naming the endpoint; a revoked token: reconnect', async () => {
    const broken: typeof fetch = async () => new Response(JSON.stringify({ data: [{ Email: 'no id' }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(crm(ZOHO.tokens.adminAccess, undefined, broken).listContacts({ page: 1, perPage: 10 })).rejects.toThrow(VendorResponseError);
    await expect(crm('revoked').listContacts({ page: 1, perPage: 10 })).rejects.toBeInstanceOf(AuthRequiredError);
  });
});

describe('Zoho CRM: portal users by status (portalUsers)', () => {
  it('reads the four lists Zoho keeps, each user with its most telling state', async () => {
    const c = crm();
    const customers = await userType(c, UT.customers);
    const list = async (status: 'active' | 'confirmed' | 'unconfirmed' | 'deactivated') =>
      (await c.portalUsers(customers, status)).map((u) => [u.personalityId, u.status]);
    expect(await list('active')).toEqual([[R.portalUserActive, 'active'], [R.invited3Days, 'unconfirmed'], [R.invited8Days, 'unconfirmed']]);
    expect(await list('confirmed')).toEqual([[R.portalUserActive, 'confirmed'], [R.portalUserDeactivated, 'deactivated']]);
    expect(await list('unconfirmed')).toEqual([[R.invited3Days, 'unconfirmed'], [R.invited8Days, 'unconfirmed']]);
    expect(await list('deactivated')).toEqual([[R.portalUserDeactivated, 'deactivated']]);
    const [ivy] = await c.portalUsers(customers, 'unconfirmed');
    expect(ivy).toEqual({ personalityId: R.invited3Days, contactId: R.invited3Days, module: 'Contacts', email: 'ivy.chen@tailspin.com', name: 'Ivy Chen', status: 'unconfirmed', invitedAt: expect.any(String) });
    const age = Date.now() - Date.parse(ivy?.invitedAt ?? '');
    expect(Math.round(age / 86_400_000)).toBe(3);
  });

  it('an empty list (Zoho’s 204) is no users', async () => {
    const c = crm();
    expect(await c.portalUsers(await userType(c, UT.partnersFull), 'deactivated')).toEqual([]);
  });

  it('a user type the org does not have is Zoho’s refusal, not an empty list', async () => {
    const c = crm();
    const customers = await userType(c, UT.customers);
    await expect(c.portalUsers({ ...customers, id: '5843104000000499999' }, 'active')).rejects.toMatchObject({ status: 400, vendorCode: 'INVALID_DATA' });
  });
});

describe('Zoho CRM: actions on portal users (portalUserAction)', () => {
  it('deactivate and activate: one result per id, in order, with Zoho’s words on refusal', async () => {
    const c = crm();
    const customers = await userType(c, UT.customers);
    const off = await c.portalUserAction(customers, 'deactivate', [R.portalUserActive, R.invited3Days, 'not-an-id']);
    expect(off).toEqual([
      { personalityId: R.portalUserActive, ok: true },
      { personalityId: R.invited3Days, ok: false, message: 'Deactivating unconfirmed user is not allowed' },
      { personalityId: 'not-an-id', ok: false, message: expect.stringContaining('not a Zoho CRM record id') },
    ]);
    expect(held(UT.customers)).toContainEqual({ id: R.portalUserActive, active: false });
    const on = await c.portalUserAction(customers, 'activate', [R.portalUserDeactivated, R.portalUserActive, R.invited8Days]);
    expect(on).toEqual([
      { personalityId: R.portalUserDeactivated, ok: true },
      { personalityId: R.portalUserActive, ok: true },
      { personalityId: R.invited8Days, ok: false, message: 'Already in active state only.' },
    ]);
    expect((await c.portalUsers(customers, 'deactivated')).map((u) => u.personalityId)).toEqual([]);
  });

  it('delete: a refused id does not hide the others’ fate, and a second try deletes what remains', async () => {
    const c = crm();
    const customers = await userType(c, UT.customers);
    const unknown = '5843104000000599999';
    const first = await c.portalUserAction(customers, 'delete', [R.invited8Days, unknown]);
    expect(first).toEqual([
      { personalityId: R.invited8Days, ok: false, message: expect.stringContaining('not processed') },
      { personalityId: unknown, ok: false, message: expect.stringContaining('Delete of user failed') },
    ]);
    expect(held(UT.customers).map((u) => u.id)).toContain(R.invited8Days);
    expect(await c.portalUserAction(customers, 'delete', [R.invited8Days])).toEqual([{ personalityId: R.invited8Days, ok: true }]);
    expect(held(UT.customers).map((u) => u.id)).not.toContain(R.invited8Days);
  });

  it('transfer: to another user type of the same portal and module; Zoho refuses another module', async () => {
    const c = crm();
    const targets = await c.listTargets();
    const [customers, partners, suppliers] = [UT.customers, UT.partnersFull, UT.suppliers].map((id) => targets.find((t) => t.id === id) as Target);
    expect(await c.portalUserAction(customers as Target, 'transfer', [R.portalUserActive], partners)).toEqual([{ personalityId: R.portalUserActive, ok: true }]);
    expect(held(UT.partnersFull).map((u) => u.id)).toContain(R.portalUserActive);
    const refused = await c.portalUserAction(customers as Target, 'transfer', [R.invited3Days], suppliers);
    expect(refused).toEqual([{ personalityId: R.invited3Days, ok: false, message: 'invalid data' }]);
    expect(held(UT.customers).map((u) => u.id)).toContain(R.invited3Days);
  });

  it('transfer needs a user type of the same portal, other than the source: refused before any call', async () => {
    const c = crm();
    const customers = await userType(c, UT.customers);
    await expect(c.portalUserAction(customers, 'transfer', [R.portalUserActive])).rejects.toThrow(/needs the user type/);
    await expect(c.portalUserAction(customers, 'transfer', [R.portalUserActive], customers)).rejects.toThrow(/another user type/);
    await expect(c.portalUserAction(customers, 'transfer', [R.portalUserActive], { ...customers, id: UT.partnersFull, portalName: 'OtherPortal' })).rejects.toThrow(/another user type/);
    const requests = (await sandbox.control('GET', '/counters')).requests as Record<string, number>;
    expect(Object.keys(requests).some((k) => k.includes('transfer'))).toBe(false);
  });

  it('an agent without the portal permission: each id refused with NO_PERMISSION’s words, nothing changed', async () => {
    const c = crm(ZOHO.tokens.agentAccess);
    const customers = await userType(crm(), UT.customers);
    const before = held(UT.customers);
    const results = await c.portalUserAction(customers, 'delete', [R.portalUserActive, R.invited3Days]);
    expect(results.map((r) => [r.personalityId, r.ok])).toEqual([[R.portalUserActive, false], [R.invited3Days, false]]);
    expect(results.every((r) => (r.message ?? '').length > 0)).toBe(true);
    expect(await c.portalUserAction(customers, 'activate', [R.portalUserDeactivated])).toEqual([{ personalityId: R.portalUserDeactivated, ok: false, message: expect.any(String) }]);
    expect(held(UT.customers)).toEqual(before);
  });
});
