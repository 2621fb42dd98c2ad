import { describe, expect, it } from 'vitest';
import { validateResponse } from './contract';
import { DESK_CONTACT, DESK_HELPCENTER, DESK_SEARCH } from './contract/operations';
import { DESK, ZOHO } from './seed';
import { DESK_HOST, call, contract, jsonInit, obj, useSandbox, zohoHeaders, type Reply } from './test-helpers';

const sandbox = useSandbox([DESK_CONTACT, DESK_HELPCENTER, DESK_SEARCH]);
const desk = (path: string, init: RequestInit = {}, headers = zohoHeaders()) =>
  call(sandbox.current, DESK_HOST, path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
const checked = async (spec: string, reply: Reply, status: number) => {
  expect(reply.status, reply.text).toBe(status);
  await contract(spec, reply);
  return reply.status === 204 ? {} : obj(reply);
};
const invite = (contactId: string, helpCenterId: string = DESK.helpCenters.main, headers = zohoHeaders()) =>
  desk(`/api/v1/contacts/${contactId}/inviteAsEndUser`, jsonInit('POST', { helpCenterId }), headers);
const target = `zoho_desk.help_center:${DESK.helpCenters.main}`;

describe('Zoho Desk help centers and contacts', () => {
  it('lists help centers, one of them disabled', async () => {
    const body = await checked(DESK_HELPCENTER, await desk('/api/v1/helpCenters'), 200);
    expect(body.data.map((h: { status: string }) => h.status)).toEqual(['ACTIVE', 'DISABLED']);
  });

  it('takes orgId as a query parameter as well as a header', async () => {
    const { orgId: _orgId, ...noOrg } = zohoHeaders();
    await checked(DESK_HELPCENTER, await desk(`/api/v1/helpCenters?orgId=${DESK.orgId}`, {}, noOrg), 200);
    const missing = await checked(DESK_HELPCENTER, await desk('/api/v1/helpCenters', {}, noOrg), 422);
    expect(missing.errors[0].fieldName).toBe('/orgId');
  });

  it('refuses limit above 50 for help centers with 422 INVALID_DATA', async () => {
    await checked(DESK_HELPCENTER, await desk('/api/v1/helpCenters?limit=51'), 422);
  });

  it('lists contacts with paging, and shows one with isEndUser', async () => {
    const list = await checked(DESK_CONTACT, await desk('/api/v1/contacts?from=1&limit=3'), 200);
    expect(list.data).toHaveLength(3);
    const active = await checked(DESK_CONTACT, await desk(`/api/v1/contacts/${DESK.contacts.endUserActive}`), 200);
    expect(active).toMatchObject({ firstName: 'Chloé', isEndUser: true });
    const html = await checked(DESK_CONTACT, await desk(`/api/v1/contacts/${DESK.contacts.htmlName}`), 200);
    expect(html.firstName).toBe('<script>alert(1)</script>');
    await checked(DESK_CONTACT, await desk('/api/v1/contacts?limit=101'), 422);
  });

  it('answers 404 URL_NOT_FOUND for an unknown contact', async () => {
    expect((await checked(DESK_CONTACT, await desk('/api/v1/contacts/4299999999999999999'), 404)).errorCode).toBe('URL_NOT_FOUND');
  });

  it('gives a contact’s status in each help center', async () => {
    const pending = await checked(DESK_CONTACT, await desk(`/api/v1/contacts/${DESK.contacts.invited3Days}/helpCenters`), 200);
    expect(pending.data[0]).toMatchObject({ userStatus: 'INVITED', helpCenter: { id: DESK.helpCenters.main, status: 'ACTIVE' } });
    const none = await checked(DESK_CONTACT, await desk(`/api/v1/contacts/${DESK.contacts.eligible}/helpCenters`), 200);
    expect(none.data).toEqual([]);
  });
});

describe('Zoho Desk contact search (Search.json searchContacts, every look-up by email)', () => {
  const search = (query: string) => desk(`/api/v1/contacts/search?${query}`);

  it('answers a found contact as the spec’s schema says, with its account or without one', async () => {
    const found = await checked(DESK_SEARCH, await search('email=nora.green@contoso.com'), 200);
    // Matched whole and without case: the seeded duplicate in other case is found too.
    expect(found.count).toBe(2);
    expect(found.data.map((c: { id: string }) => c.id).sort()).toEqual([DESK.contacts.eligible, DESK.contacts.duplicateOfEligible].sort());
    const nora = found.data.find((c: { id: string }) => c.id === DESK.contacts.eligible);
    expect(nora).toMatchObject({ customFields: {}, layoutId: expect.stringMatching(/^[0-9]+$/), account: { id: DESK.accounts.contoso } });
    expect(nora.owner).toMatchObject({ id: nora.ownerId, emailId: ZOHO.users.admin.email, zuid: ZOHO.users.admin.zuid });

    // No account: `account` is still there (required), null.
    const paul = await checked(DESK_SEARCH, await search('email=paul.martin@fabrikam.com'), 200);
    expect(paul.data[0]).toMatchObject({ id: DESK.contacts.invited3Days, account: null, isEndUser: 'false' });

    // An end user: isEndUser "true", a string as the spec's example sends it (patches.ts accepts both forms).
    const chloe = await checked(DESK_SEARCH, await search('email=chloe.durand@northwind.com'), 200);
    expect(chloe.data[0]).toMatchObject({ id: DESK.contacts.endUserActive, isEndUser: 'true' });

    // Several addresses at once, and a wildcard.
    await checked(DESK_SEARCH, await search('email=rita.olsen@tailspin.com&email=zoe.angstrom@woodgrove.com'), 200);
    await checked(DESK_SEARCH, await search('email=*@northwind.com'), 200);
  });

  it('answers 204 without a body when nothing matches, and 422 without an email', async () => {
    const none = await search('email=nobody@contoso.com');
    await checked(DESK_SEARCH, none, 204);
    expect(none.text).toBe('');
    await checked(DESK_SEARCH, await search('limit=5'), 422);
  });

  it('checks isEndUser as a boolean or the strings "true"/"false", and nothing else', async () => {
    const body = obj(await search('email=paul.martin@fabrikam.com'));
    const item = body.data[0];
    for (const isEndUser of [false, true, 'false', 'true', null]) {
      await validateResponse(DESK_SEARCH, 'GET', '/api/v1/contacts/search', 200, { ...body, data: [{ ...item, isEndUser }] });
    }
    await expect(validateResponse(DESK_SEARCH, 'GET', '/api/v1/contacts/search', 200, { ...body, data: [{ ...item, isEndUser: 'yes' }] }))
      .rejects.toThrow(/body outside the schema/);
    const { owner: _owner, ...noOwner } = item;
    await expect(validateResponse(DESK_SEARCH, 'GET', '/api/v1/contacts/search', 200, { ...body, data: [noOwner] }))
      .rejects.toThrow(/owner/);
  });
});

describe('Zoho Desk invitations', () => {
  it('invites a contact: 204, then the contact is INVITED, counted once', async () => {
    await checked(DESK_CONTACT, await invite(DESK.contacts.eligible), 204);
    const status = await checked(DESK_CONTACT, await desk(`/api/v1/contacts/${DESK.contacts.eligible}/helpCenters?helpCenterId=${DESK.helpCenters.main}`), 200);
    expect(status.data[0].userStatus).toBe('INVITED');
    expect(sandbox.current.state.counters.sent(target, 'nora.green@contoso.com')).toBe(1);
  });

  it.each([
    ['already an end user', DESK.contacts.endUserActive, 'duplicate'],
    ['a disabled end user', DESK.contacts.endUserDisabled, 'duplicate'],
    ['an unverified profile', DESK.contacts.unverified, 'invalid'],
    ['no email', DESK.contacts.noEmail, 'invalid'],
  ])('answers 422 for %s', async (_label, contactId, errorType) => {
    const body = await checked(DESK_CONTACT, await invite(contactId), 422);
    expect(body.errors[0]).toMatchObject({ fieldName: '/contactId', errorType });
  });

  it('refuses a second contact with the same address once the first is invited', async () => {
    await checked(DESK_CONTACT, await invite(DESK.contacts.eligible), 204);
    const body = await checked(DESK_CONTACT, await invite(DESK.contacts.duplicateOfEligible), 422);
    expect(body.errors[0].errorType).toBe('duplicate');
    expect(sandbox.current.state.counters.snapshot().duplicateInvitations).toBe(0);
  });

  it('re-sends a pending invitation as a reinvite', async () => {
    await checked(DESK_CONTACT, await invite(DESK.contacts.invited8Days), 204);
    expect(sandbox.current.state.counters.sent(target, 'rita.olsen@tailspin.com', 'reinvite')).toBe(1);
    expect(sandbox.current.state.counters.sent(target, 'rita.olsen@tailspin.com', 'invite')).toBe(0);
  });

  it('refuses a disabled help center, an unknown one and a missing helpCenterId', async () => {
    expect((await checked(DESK_CONTACT, await invite(DESK.contacts.eligible, DESK.helpCenters.partners), 422)).errors[0].fieldName).toBe('/helpCenterId');
    await checked(DESK_CONTACT, await invite(DESK.contacts.eligible, '4100000000000000099'), 422);
    const missing = await desk(`/api/v1/contacts/${DESK.contacts.eligible}/inviteAsEndUser`, jsonInit('POST', {}));
    expect((await checked(DESK_CONTACT, missing, 422)).errors[0].errorType).toBe('missing');
  });

  it('answers 403 FORBIDDEN for an agent whose profile may not invite', async () => {
    const body = await checked(DESK_CONTACT, await invite(DESK.contacts.eligible, DESK.helpCenters.main, zohoHeaders(ZOHO.tokens.agentAccess)), 403);
    expect(body.errorCode).toBe('FORBIDDEN');
  });

  it('answers malformed JSON with 422 INVALID_DATA and a wrong content type with 415', async () => {
    const path = `/api/v1/contacts/${DESK.contacts.eligible}/inviteAsEndUser`;
    await checked(DESK_CONTACT, await desk(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"helpCenterId":' }), 422);
    const media = await checked(DESK_CONTACT, await desk(path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415);
    expect(media.errorCode).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('bulk invite: per-item results in order, nothing sent for refused items', async () => {
    const contactIds = [DESK.contacts.eligible, DESK.contacts.endUserActive, DESK.contacts.noEmail, '4299999999999999999', DESK.contacts.accents];
    const body = await checked(DESK_CONTACT, await desk('/api/v1/contacts/inviteAsEndUser', jsonInit('POST', { helpCenterId: DESK.helpCenters.main, contactIds })), 200);
    expect(body.results.map((r: { success: boolean }) => r.success)).toEqual([true, false, false, false, true]);
    expect(body.results[1].errors).toEqual({ errorCode: 'UNPROCESSABLE_ENTITY', httpCode: '422' });
    expect(sandbox.current.state.counters.snapshot().totals.invite).toBe(2);
  });

  it('bulk invite refuses a missing contactIds list', async () => {
    await checked(DESK_CONTACT, await desk('/api/v1/contacts/inviteAsEndUser', jsonInit('POST', { helpCenterId: DESK.helpCenters.main })), 422);
  });
});
