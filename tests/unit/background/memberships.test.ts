import { afterEach, describe, expect, it } from 'vitest';
import { MEMBERSHIP_REUSE_MS } from '../../../core/jobs/bounds';
import { ACCOUNT, ask, idleAll, world } from './helpers';

const TARGET = 'zendesk:acme:end_users';
afterEach(idleAll);

/** Issue #9: the background's membership look-ups, shared by the check, the plan and the job. */
describe('membership look-ups of the background', () => {
  it('a check and the job that follows it read each person’s membership once', async () => {
    const w = await world();
    const ids = w.people.map((p) => p.id);
    await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, contactIds: ids });
    await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, contactIds: ids });
    await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ids });
    await w.service.idle();
    expect(w.calls.filter((c) => c.startsWith('memberships:'))).toEqual([`memberships:${TARGET}`]);
    expect(w.vendor.count('memberships')).toBe(1);
    expect(w.vendor.count('send')).toBe(1);
    expect(w.vendor.invites.size).toBe(2);
  });

  it('an answer older than MEMBERSHIP_REUSE_MS is read again; someone invited meanwhile is seen', async () => {
    const w = await world();
    const ids = w.people.map((p) => p.id);
    await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, contactIds: ids });
    w.vendor.inviteByOtherAgent(w.people[0]!.email!);
    w.clock.advance(MEMBERSHIP_REUSE_MS + 1);
    const again = await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, contactIds: ids });
    expect(w.vendor.count('memberships')).toBe(2);
    expect(again.items[0]!.verdict.action).toBe('none');
    expect(again.items[1]!.verdict.action).toBe('invite');
  });
});
