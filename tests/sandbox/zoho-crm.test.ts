import { describe, expect, it } from 'vitest';
import {
  CRM_MODULE_SEARCH, CRM_PORTALS, CRM_PORTAL_INVITE, CRM_PORTAL_USERS, CRM_RECORD, CRM_USER_TYPES, CRM_USER_TYPE_USERS,
} from './contract/operations';
import { CRM, ZOHO } from './seed';
import { CRM_FAILURE_REASONS } from './vendors/zoho-crm-codes';
import { CRM_HOST, call, contract, control, jsonInit, obj, useSandbox, zohoHeaders, type Reply } from './test-helpers';

const sandbox = useSandbox([CRM_PORTAL_USERS, CRM_RECORD, CRM_PORTALS, CRM_USER_TYPES, CRM_USER_TYPE_USERS, CRM_MODULE_SEARCH, CRM_PORTAL_INVITE]);
const crm = (path: string, init: RequestInit = {}, headers = zohoHeaders()) =>
  call(sandbox.current, CRM_HOST, path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
const checked = async (reply: Reply, status: number, ...specs: string[]) => {
  expect(reply.status, reply.text).toBe(status);
  for (const spec of specs) await contract(spec, reply);
  return reply.status === 204 ? {} : obj(reply);
};
const { records: R, userTypes: UT } = CRM;
const usersPath = (ut: string = UT.customers) => `/crm/v8/settings/portals/${CRM.portal}/user_type/${ut}/users`;
const invite = (record: string, type = 'invite', ut: string = UT.customers, headers = zohoHeaders()) =>
  crm(`/crm/v8/Contacts/${record}/actions/portal_invite?user_type_id=${ut}&type=${type}`, { method: 'POST' }, headers);
const target = `zoho_crm.portal:${UT.customers}`;

describe('Zoho CRM portals, user types and users', () => {
  it('lists portals and user types', async () => {
    const portals = await checked(await crm('/crm/v8/settings/portals'), 200, CRM_PORTALS);
    expect(portals.portals[0].name).toBe(CRM.portal);
    const types = await checked(await crm(`/crm/v8/settings/portals/${CRM.portal}/user_type`), 200, CRM_USER_TYPES);
    expect(types.user_type.map((t: { id: string }) => t.id)).toEqual([UT.customers, UT.partnersFull, UT.suppliers]);
    await checked(await crm('/crm/v8/settings/portals/NoSuchPortal/user_type'), 400, CRM_USER_TYPES);
  });

  it('lists the users of a user type, filtered by type, 204 when none', async () => {
    const all = await checked(await crm(usersPath()), 200, CRM_PORTAL_USERS, CRM_USER_TYPE_USERS);
    expect(all.info.total_count).toBe(4);
    const pending = await checked(await crm(`${usersPath()}?type=NotConfirmedUsers`), 200, CRM_PORTAL_USERS);
    expect(pending.users.map((u: { personality_id: string }) => u.personality_id).sort()).toEqual([R.invited3Days, R.invited8Days]);
    await checked(await crm(`${usersPath(UT.suppliers)}?type=AllUsers`), 204, CRM_PORTAL_USERS);
    expect((await checked(await crm(`${usersPath()}?type=Everyone`), 400, CRM_PORTAL_USERS)).code).toBe('PATTERN_NOT_MATCHED');
    await checked(await crm(usersPath('5843104000000411999')), 400, CRM_USER_TYPE_USERS);
  });

  it('activates a deactivated portal user (change_status), refuses what the docs refuse', async () => {
    const path = (id: string, active: boolean) => `${usersPath()}/${id}/actions/change_status?active=${active}`;
    const done = await checked(await crm(path(R.portalUserDeactivated, true), { method: 'PUT' }), 200, CRM_PORTAL_USERS, CRM_USER_TYPE_USERS);
    expect(done.change_status[0].details.personality_id).toBe(R.portalUserDeactivated);
    expect((await checked(await crm(path(R.portalUserActive, true), { method: 'PUT' }), 400, CRM_PORTAL_USERS)).code).toBe('ALREADY_ACTIVATED');
    expect((await checked(await crm(path(R.invited3Days, false), { method: 'PUT' }), 400, CRM_PORTAL_USERS)).code).toBe('NOT_ALLOWED');
  });

  it('transfers and deletes portal users', async () => {
    const moved = await crm(`${usersPath()}/action/transfer?personality_ids=${R.portalUserActive}&transfer_To=${UT.partnersFull}`, { method: 'POST' });
    await checked(moved, 200, CRM_PORTAL_USERS, CRM_USER_TYPE_USERS);
    const missing = await crm(`${usersPath()}/action/transfer?personality_ids=${R.portalUserActive}`, { method: 'POST' });
    expect((await checked(missing, 400, CRM_PORTAL_USERS)).details.param).toBe('transfer_To');
    await checked(await crm(`${usersPath(UT.partnersFull)}?personality_ids=${R.portalUserActive}`, { method: 'DELETE' }), 200, CRM_PORTAL_USERS, CRM_USER_TYPE_USERS);
    await checked(await crm(`${usersPath()}?personality_ids=${R.eligible}`, { method: 'DELETE' }), 400, CRM_PORTAL_USERS);
  });
});

describe('Zoho CRM records', () => {
  it('gets a record with $approval_state and consent details', async () => {
    const body = await checked(await crm(`/crm/v8/Contacts/${R.pendingApproval}`), 200, CRM_RECORD);
    expect(body.data[0]).toMatchObject({ id: R.pendingApproval, $approval_state: 'approval_process_pending' });
    const consent = await checked(await crm(`/crm/v8/Contacts/${R.consentMissing}`), 200, CRM_RECORD);
    expect(consent.data[0].Data_Processing_Basis_Details.Data_Processing_Basis).toBe('Consent - Not Responded');
  });

  it('answers 400 INVALID_DATA for unknown, deleted and recycle-bin ids, INVALID_MODULE for a bad module', async () => {
    for (const id of ['5843104000000599999', R.deleted, R.recycleBin]) {
      expect((await checked(await crm(`/crm/v8/Contacts/${id}`), 400, CRM_RECORD)).code).toBe('INVALID_DATA');
    }
    expect((await checked(await crm(`/crm/v8/Widgets/${R.eligible}`), 400, CRM_RECORD)).code).toBe('INVALID_MODULE');
  });

  it('lists a module’s records page by page (Get Records), trimmed to `fields`, 204 past the end', async () => {
    await control(sandbox.current, 'POST', '/generate', { vendor: 'zoho_crm', count: 90, mix: false });
    const first = await checked(await crm('/crm/v8/Contacts?cvid=5843104000000087529&page=1&per_page=100&fields=Email,Full_Name'), 200, CRM_RECORD);
    expect(first.data).toHaveLength(100);
    expect(first.info).toEqual({ per_page: 100, count: 100, page: 1, more_records: true });
    expect(Object.keys(first.data[0]).sort()).toEqual(['Email', 'Full_Name', 'id']);
    // Active records only: the deleted and recycle-bin seeds are not listed.
    const ids = first.data.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(R.deleted);
    const second = await checked(await crm('/crm/v8/Contacts?page=2&per_page=100'), 200, CRM_RECORD);
    expect(second.info.more_records).toBe(false);
    await checked(await crm('/crm/v8/Contacts?page=9'), 204);
    expect((await checked(await crm('/crm/v8/Widgets'), 400, CRM_RECORD)).code).toBe('INVALID_MODULE');
    expect((await checked(await crm('/crm/v8/Vendors'), 200, CRM_RECORD)).data.map((r: { id: string }) => r.id)).toEqual([R.vendor]);
  });

  it('searches by email without case, 204 when nothing matches', async () => {
    const found = await checked(await crm('/crm/v8/Contacts/search?email=liam.carter@NORTHWIND.com'), 200, CRM_MODULE_SEARCH, CRM_RECORD);
    expect(found.data.map((r: { id: string }) => r.id).sort()).toEqual([R.eligible, R.duplicateOfEligible]);
    await checked(await crm('/crm/v8/Contacts/search?email=nobody@northwind.com'), 204, CRM_MODULE_SEARCH);
    await checked(await crm('/crm/v8/Contacts/search'), 400, CRM_MODULE_SEARCH);
  });
});

describe('Zoho CRM portal invitations', () => {
  it('invites a record: SUCCESS, a new unconfirmed portal user, counted once', async () => {
    const body = await checked(await invite(R.eligible), 200, CRM_PORTAL_USERS, CRM_PORTAL_INVITE);
    expect(body.portal_invite[0]).toMatchObject({ code: 'SUCCESS', details: { record_id: R.eligible }, status: 'success' });
    expect(sandbox.current.state.counters.sent(target, 'liam.carter@northwind.com')).toBe(1);
    const again = await checked(await invite(R.duplicateOfEligible), 400, CRM_PORTAL_USERS);
    expect(again.code).toBe('DUPLICATE_DATA');
    expect(sandbox.current.state.counters.sent(target, 'liam.carter@northwind.com')).toBe(1);
  });

  it.each([
    ['NOT_APPROVED', R.pendingApproval],
    ['NOT_REVIEWED', R.underReview],
    ['DUPLICATE_DATA', R.portalUserActive],
    ['DUPLICATE_DATA', R.portalUserDeactivated],
    ['DUPLICATE_DATA', R.invited3Days],
    ['INVALID_DATA', R.noEmail],
    [CRM_FAILURE_REASONS.companyDomain.code, R.companyDomain],
    [CRM_FAILURE_REASONS.companyDomain.code, R.companySubdomain],
    [CRM_FAILURE_REASONS.consentMissing.code, R.consentMissing],
    [CRM_FAILURE_REASONS.unsupportedCharacters.code, R.unsupportedCharacters],
    [CRM_FAILURE_REASONS.disposable.code, R.disposable],
    [CRM_FAILURE_REASONS.deleted.code, R.deleted],
    [CRM_FAILURE_REASONS.recycleBin.code, R.recycleBin],
  ])('answers 400 %s for record %s, in the documented envelope', async (code, record) => {
    const body = await checked(await invite(record), 400, CRM_PORTAL_USERS);
    expect(body).toMatchObject({ code, status: 'error' });
    expect(sandbox.current.state.counters.snapshot().totals.invite).toBe(0);
  });

  it('answers LICENSE_LIMIT_EXCEEDED on a full user type', async () => {
    expect((await checked(await invite(R.partnerBeyondSeats, 'invite', UT.partnersFull), 400, CRM_PORTAL_USERS)).code).toBe('LICENSE_LIMIT_EXCEEDED');
  });

  it('reinvites an unconfirmed user (counted apart), CANNOT_PROCESS otherwise', async () => {
    await checked(await invite(R.invited8Days, 'reinvite'), 200, CRM_PORTAL_USERS);
    expect(sandbox.current.state.counters.sent(target, 'omar.haddad@tailspin.com', 'reinvite')).toBe(1);
    expect(sandbox.current.state.counters.sent(target, 'omar.haddad@tailspin.com', 'invite')).toBe(0);
    expect((await checked(await invite(R.eligible, 'reinvite'), 400, CRM_PORTAL_USERS)).code).toBe('CANNOT_PROCESS');
    expect((await checked(await invite(R.portalUserActive, 'reinvite'), 400, CRM_PORTAL_USERS)).code).toBe('CANNOT_PROCESS');
  });

  it('answers 403 NO_PERMISSION to an agent without the portal permission', async () => {
    const body = await checked(await invite(R.eligible, 'invite', UT.customers, zohoHeaders(ZOHO.tokens.agentAccess)), 403, CRM_PORTAL_USERS);
    expect(body.details.permissions).toEqual(['Crm_Implied_Manage_ClientPortal_Users']);
  });

  it('checks its query parameters', async () => {
    const noType = await crm(`/crm/v8/Contacts/${R.eligible}/actions/portal_invite?user_type_id=${UT.customers}`, { method: 'POST' });
    expect((await checked(noType, 400, CRM_PORTAL_USERS)).code).toBe('REQUIRED_PARAM_MISSING');
    expect((await checked(await invite(R.eligible, 'resend'), 400, CRM_PORTAL_USERS)).code).toBe('INVALID_DATA');
    expect((await checked(await invite('5843104000000599999'), 400, CRM_PORTAL_USERS)).code).toBe('INVALID_DATA');
    expect((await checked(await invite(R.eligible, 'invite', UT.suppliers), 400, CRM_PORTAL_USERS)).details.param_name).toBe('user_type_id');
  });
});

describe('Zoho CRM bulk invitations', () => {
  const bulk = (data: unknown[]) => crm('/crm/v8/Contacts/actions/portal_invite', jsonInit('POST', { portal_invite: [{ data }] }));
  const item = (id: string, type = 'invite') => ({ id, user_type_id: UT.customers, type, language: 'fr_FR' });

  it('schedules a job; scheduled → in_progress → completed with per-record codes', async () => {
    // Minutes per step: the sandbox clock also runs in real time (1×), so steps of a second would let
    // a slow machine move the job on between two calls. Scheduled 1 min, then one item a minute.
    await control(sandbox.current, 'PATCH', '/settings', { crmJob: { scheduledMs: 60_000, perItemMs: 60_000 } });
    const created = await checked(await bulk([item(R.accents), item(R.pendingApproval), item(R.companyDomain), item(R.invited8Days, 'reinvite')]), 200, CRM_PORTAL_USERS, CRM_PORTAL_INVITE);
    expect(created.portal_invite[0].code).toBe('SCHEDULED');
    const jobId = created.portal_invite[0].details.job_id;
    const status = () => crm(`/crm/v8/Contacts/actions/portal_invite?job_id=${jobId}`);
    expect((await checked(await status(), 200, CRM_PORTAL_USERS)).portal_invite[0]).toMatchObject({ status: 'scheduled', data: null });
    // 2.5 min: started, and the last of the four items is not done before 5 min.
    await control(sandbox.current, 'POST', '/time', { advanceSec: 150 });
    expect((await checked(await status(), 200, CRM_PORTAL_USERS)).portal_invite[0]).toMatchObject({ status: 'in_progress', data: null });
    await control(sandbox.current, 'POST', '/time', { advanceSec: 600 });
    const done = (await checked(await status(), 200, CRM_PORTAL_USERS)).portal_invite[0];
    expect(done.status).toBe('completed');
    expect(done.data.map((d: { code: string }) => d.code)).toEqual(['SUCCESS', 'NOT_APPROVED', CRM_FAILURE_REASONS.companyDomain.code, 'SUCCESS']);
    const all = await checked(await crm('/crm/v8/Contacts/actions/portal_invite'), 200, CRM_PORTAL_USERS);
    expect(all.portal_invite).toHaveLength(1);
    await checked(await crm('/crm/v8/Contacts/actions/portal_invite?job_id=123'), 204, CRM_PORTAL_USERS);
  });

  it('refuses 101 invitations, missing fields and malformed JSON', async () => {
    const many = Array.from({ length: 101 }, (_, i) => item(String(5843104000000700000n + BigInt(i))));
    expect((await checked(await bulk(many), 400, CRM_PORTAL_USERS)).portal_invite[0].details.maximum_length).toBe(100);
    const missing = await checked(await bulk([{ id: R.eligible, type: 'invite' }]), 400, CRM_PORTAL_USERS);
    expect(missing.portal_invite[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'user_type_id', json_path: '$.portal_invite[0].data[0].user_type_id' } });
    const malformed = await crm('/crm/v8/Contacts/actions/portal_invite', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"portal_invite": [' });
    expect((await checked(malformed, 400, CRM_PORTAL_USERS)).portal_invite[0].code).toBe('INVALID_DATA');
    const wrongType = await crm('/crm/v8/Contacts/actions/portal_invite', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect((await checked(wrongType, 400, CRM_PORTAL_USERS)).portal_invite[0].details).toEqual({ expected_content_type: 'application/json' });
    expect((await checked(await crm('/crm/v8/Contacts/actions/portal_invite', jsonInit('POST', {})), 400, CRM_PORTAL_USERS)).portal_invite[0].code).toBe('MANDATORY_NOT_FOUND');
  });
});
