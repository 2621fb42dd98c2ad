import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PortalUser, PortalUserAction, PortalUserStatus } from '../../../core/messages';
import { recordKey, type Target } from '../../../core/model';
import { ACCOUNT, ask, destination, idleAll, refusal, world } from './helpers';

/** Zoho CRM portal users: listed by status, acted on, and each acted-on CRM record's history. */

afterEach(idleAll);

const USERS: PortalUser[] = [
  { personalityId: 'p1', contactId: 'c1', module: 'Contacts', email: 'one@woodgrove.com', status: 'active' },
  { personalityId: 'p2', contactId: 'c2', module: 'Contacts', email: 'two@woodgrove.com', status: 'deactivated' },
  // A portal user whose CRM record Zoho does not name: acted on, but no history line can say whose.
  { personalityId: 'p3', email: 'three@woodgrove.com', status: 'unconfirmed' },
];

async function crm() {
  const acted: { target: string; action: PortalUserAction; ids: readonly string[]; to?: string }[] = [];
  const listed: string[] = [];
  const w = await world({
    vendor: 'zoho_crm',
    targets: [
      destination('ut-a', { portalName: 'acme', name: 'Customers' }, 'zoho_crm'),
      destination('ut-b', { portalName: 'acme', name: 'Partners' }, 'zoho_crm'),
      destination('ut-x', { portalName: 'other', name: 'Elsewhere' }, 'zoho_crm'),
    ],
    extra: {
      portalUsers: async (target: Target, status: PortalUserStatus) => {
        listed.push(`${target.key}:${status}`);
        return USERS.filter((u) => u.status === status);
      },
      portalUserAction: async (target, action, ids, to) => {
        acted.push({ target: target.key, action, ids, ...(to ? { to: to.key } : {}) });
        return ids.map((id) => (id === 'p2' ? { personalityId: id, ok: false, message: 'The user is not active' } : { personalityId: id, ok: true }));
      },
    },
  });
  return { w, acted, listed };
}

const key = (contactId: string) => recordKey('zoho_crm', ACCOUNT, contactId);

describe('listPortalUsers', () => {
  it('lists the user type’s portal users of one status', async () => {
    const { w, listed } = await crm();
    expect(await ask(w, { type: 'listPortalUsers', accountId: ACCOUNT, targetKey: 'ut-a', status: 'deactivated' })).toEqual({ users: [USERS[1]] });
    expect(listed).toEqual(['ut-a:deactivated']);
  });

  it('is refused for a destination that is gone and for a vendor without portals', async () => {
    const { w } = await crm();
    expect(await refusal(w, { type: 'listPortalUsers', accountId: ACCOUNT, targetKey: 'ut-gone', status: 'active' })).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/"ut-gone" is not in Acme any more/) });
    const desk = await world({ vendor: 'zoho_desk' });
    expect(await refusal(desk, { type: 'listPortalUsers', accountId: ACCOUNT, targetKey: 'zendesk:acme:end_users', status: 'active' })).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/only in Zoho CRM portals/) });
  });
});

describe('portalUserAction', () => {
  it.each([
    ['deactivate', 'deactivated'],
    ['activate', 'activated'],
    ['delete', 'removed'],
  ] as const)('%s: one result per user, one history line per CRM record (%s, or failed with the vendor’s words)', async (action, type) => {
    const { w, acted } = await crm();
    const result = await ask(w, { type: 'portalUserAction', accountId: ACCOUNT, targetKey: 'ut-a', action, personalityIds: ['p1', 'p2', 'p3', 'p1'] });
    expect(result.results).toEqual([
      { personalityId: 'p1', ok: true },
      { personalityId: 'p2', ok: false, message: 'The user is not active' },
      { personalityId: 'p3', ok: true },
    ]);
    expect(acted).toEqual([{ target: 'ut-a', action, ids: ['p1', 'p2', 'p3'] }]);
    const events = await w.db.events.toArray();
    expect(events.map(({ contactKey, type: t, targetKey, detail }) => ({ contactKey, type: t, targetKey, detail }))).toEqual([
      // The action as a code, worded in the agent's language where the history shows it (core/reasons.ts).
      { contactKey: key('c1'), type, targetKey: 'ut-a', detail: action.toUpperCase() },
      { contactKey: key('c2'), type: 'failed', targetKey: 'ut-a', detail: `${action.toUpperCase()}: The user is not active` },
    ]);
  });

  it('transfer moves users to another user type of the same portal', async () => {
    const { w, acted } = await crm();
    await ask(w, { type: 'portalUserAction', accountId: ACCOUNT, targetKey: 'ut-a', action: 'transfer', personalityIds: ['p1'], toTargetKey: 'ut-b' });
    expect(acted).toEqual([{ target: 'ut-a', action: 'transfer', ids: ['p1'], to: 'ut-b' }]);
    expect(await w.db.events.toArray()).toEqual([expect.objectContaining({ contactKey: key('c1'), type: 'removed', targetKey: 'ut-a', detail: 'TRANSFER_TO: Partners' })]);
  });

  it.each([
    ['no user type to move to', undefined, /Choose the user type to move these portal users to/],
    ['the same user type', 'ut-a', /already in "Customers"/],
    ['a user type of another portal', 'ut-x', /"Elsewhere" is not a user type of the portal "acme"/],
  ])('transfer to %s is refused and nothing is done', async (_name, toTargetKey, message) => {
    const { w, acted } = await crm();
    const error = await refusal(w, { type: 'portalUserAction', accountId: ACCOUNT, targetKey: 'ut-a', action: 'transfer', personalityIds: ['p1'], ...(toTargetKey ? { toTargetKey } : {}) });
    expect(error).toEqual({ code: 'BAD_MESSAGE', message: expect.stringMatching(message) });
    expect(acted).toEqual([]);
    expect(await w.db.events.count()).toBe(0);
  });
});
