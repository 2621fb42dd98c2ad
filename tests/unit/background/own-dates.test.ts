import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { invitationId } from '../../../core/model';
import type { Membership } from '../../../core/vendors/types';
import { ACCOUNT, ask, destination, idleAll, person, world } from './helpers';

/**
 * Zoho Desk shows a pending invitation with no date, which RULES.md reads as expired: a person
 * Portier invited a minute ago was offered a second invitation. Portier's own row dates it.
 */
afterEach(idleAll);

const HELP = 'zoho_desk:acme:hc';
const undated: Membership = { status: 'invited' };

async function desk() {
  const nora = person('7', 'nora@woodgrove.com', {}, 'zoho_desk');
  const w = await world({
    vendor: 'zoho_desk',
    people: [nora],
    targets: [destination(HELP, { kind: 'zoho_desk.help_center' }, 'zoho_desk')],
    extra: { memberships: async (_t, contacts) => new Map(contacts.map((c) => [c.id, undated])) },
  });
  const row = (invitedAt: string) =>
    w.db.invitations.put({ id: invitationId(nora.key, HELP), contactKey: nora.key, targetKey: HELP, email: nora.email!, status: 'invited', invitedAt, updatedAt: invitedAt });
  return { w, nora, row };
}

const codes = (d: { verdict: { reasons: { code: string }[] } } | undefined) => d?.verdict.reasons.map((r) => r.code);

describe('an invitation the vendor does not date', () => {
  it('is dated by Portier’s own row when Portier sent it: pending, not expired, and no re-invite offered', async () => {
    const { w, row } = await desk();
    await row(new Date(w.clock.now() - 60_000).toISOString());
    const { destinations } = await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '7' });
    expect(codes(destinations[0])).toEqual(['INVITATION_PENDING']);
    expect(destinations[0]!.verdict.action).toBe('none');
    // The bulk check says the same, so the preview offers no second invitation either.
    const checked = await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: HELP, contactIds: ['7'] });
    expect(codes(checked.items[0])).toEqual(['INVITATION_PENDING']);
  });

  it('stays of unknown age, hence expired (RULES.md), when Portier never sent it, or sent it over 7 days ago', async () => {
    const { w, row } = await desk();
    expect(codes((await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '7' })).destinations[0])).toEqual(['INVITATION_EXPIRED']);
    await row(new Date(w.clock.now() - 8 * 24 * 3_600_000).toISOString());
    const checked = await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: HELP, contactIds: ['7'] });
    expect(codes(checked.items[0])).toEqual(['INVITATION_EXPIRED']);
    expect(checked.items[0]!.verdict.action).toBe('reinvite');
  });
});
