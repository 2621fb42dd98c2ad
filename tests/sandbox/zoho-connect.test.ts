import { describe, expect, it } from 'vitest';
import { CONNECT_SPEC } from './contract';
import { CONNECT, ZOHO } from './seed';
import { CONNECT_HOST, call, contract, obj, useSandbox, zohoHeaders, type Reply } from './test-helpers';

const sandbox = useSandbox();
const connect = (path: string, init: RequestInit = {}, headers = zohoHeaders()) =>
  call(sandbox.current, CONNECT_HOST, path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
const checked = async (reply: Reply, status: number) => {
  expect(reply.status, reply.text).toBe(status);
  const result = await contract(CONNECT_SPEC, reply);
  expect(result.note).toContain('NOTES.md §4');
  return obj(reply);
};
const invite = (scopeID: string, emails: string[], headers = zohoHeaders()) =>
  connect(`/pulse/api/inviteUsersToNetwork?scopeID=${scopeID}&emailIds=${encodeURIComponent(emails.join(','))}&partitionIds=`, { method: 'POST' }, headers);
const { networks: N } = CONNECT;
const counted = (scopeID: string, email: string, kind: 'invite' | 'reinvite' = 'invite') =>
  sandbox.current.state.counters.sent(`zoho_connect.network:${scopeID}`, email, kind);

describe('Zoho Connect', () => {
  it('lists the caller’s networks (allScopes)', async () => {
    const body = await checked(await connect('/pulse/api/allScopes'), 200);
    expect(body.allScopes.scopes.map((s: { id: string }) => s.id)).toEqual([N.intranet, N.community, N.partnersFull]);
    expect(body.allScopes.scopes[0].isDefault).toBe('true');
  });

  it('lists a network’s members with their status', async () => {
    const body = await checked(await connect(`/pulse/api/orgMembers?scopeID=${N.community}`), 200);
    const rita = body.orgMembers.members.find((m: { emailId: string }) => m.emailId === 'rita.olsen@tailspin.com');
    expect(rita).toMatchObject({ status: 'invited', isExternal: true });
    await checked(await connect('/pulse/api/orgMembers'), 400);
  });

  it('invites to the external community; members and refusals are not sent', async () => {
    const emails = ['new.customer@woodgrove.com', 'chloe.durand@northwind.com', 'rita.olsen@tailspin.com', 'not-an-address'];
    const body = await checked(await invite(N.community, emails, zohoHeaders()), 200);
    expect(body.inviteUsersToNetwork).toEqual({ successUserCount: '2', result: 'success', failedUserIds: ['chloe.durand@northwind.com', 'not-an-address'] });
    expect(counted(N.community, 'new.customer@woodgrove.com')).toBe(1);
    expect(counted(N.community, 'rita.olsen@tailspin.com', 'reinvite')).toBe(1);
  });

  it('keeps the internal network to company addresses, one internal network per person', async () => {
    const body = await checked(await invite(N.intranet, ['zara.new@acme.co', 'carol.white@contoso.com', 'dana.contractor@acme.co']), 200);
    expect(body.inviteUsersToNetwork).toMatchObject({ successUserCount: '1', failedUserIds: ['carol.white@contoso.com', 'dana.contractor@acme.co'] });
  });

  it('refuses external users beyond 5 per member license', async () => {
    const body = await checked(await invite(N.partnersFull, ['one.more@northwind.com']), 200);
    expect(body.inviteUsersToNetwork).toMatchObject({ successUserCount: '0', failedUserIds: ['one.more@northwind.com'] });
  });

  it('answers 403 to a member who is not a network admin', async () => {
    const body = await checked(await invite(N.community, ['x@northwind.com'], zohoHeaders(ZOHO.tokens.agentAccess)), 403);
    expect(body.inviteUsersToNetwork.errorCode).toBe('PERMISSION_DENIED');
  });

  it('refuses more than 1000 addresses and missing parameters', async () => {
    const emails = Array.from({ length: 1001 }, (_, i) => `p${i}@northwind.com`);
    const many = await connect('/pulse/api/inviteUsersToNetwork', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ scopeID: N.community, emailIds: emails.join(','), partitionIds: '' }).toString(),
    });
    expect((await checked(many, 400)).inviteUsersToNetwork.errorCode).toBe('LIMIT_EXCEEDED');
    expect(sandbox.current.state.counters.snapshot().totals.invite).toBe(0);
    await checked(await connect(`/pulse/api/inviteUsersToNetwork?scopeID=${N.community}&partitionIds=`, { method: 'POST' }), 400);
    await checked(await connect(`/pulse/api/inviteUsersToNetwork?scopeID=${N.community}&emailIds=a@b.com`, { method: 'POST' }), 400);
    await checked(await invite('123', ['a@northwind.com']), 404);
  });
});
