import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../core/eligibility';
import { createJob } from '../../../core/jobs';
import { afterUncertainSend, ENGINE_REASONS } from '../../../core/jobs/outcomes';
import type { Membership } from '../../../core/vendors/types';
import type { FakeVendorOptions } from './fake-vendor';
import { contacts, DESK_TARGET_KEY, drain, job, rows, target, world } from './helpers';

const DAY = 86_400_000;

/**
 * A re-invitation whose answer is unknown. A vendor that dates re-invites shows whether it went out;
 * one that does not (Zoho Desk: no date; Zoho CRM: created_time, the first invitation) shows the
 * same pending invitation either way, and sending again could e-mail the person twice.
 */
async function reinviteJob(n: number, vendor: Omit<FakeVendorOptions, 'clock'>, invitedAt: (now: number) => string | undefined) {
  const w = await world(0, { batchLimit: 10, vendor: 'zoho_desk', ...vendor });
  const people = contacts(n, w.clock.now(), 1, 'zoho_desk');
  const at = invitedAt(w.clock.now());
  const membership: Membership = at === undefined ? { status: 'invited' } : { status: 'invited', invitedAt: at };
  for (const c of people) w.vendor.members.set(c.email!.toLowerCase(), { ...membership });
  const t = target(w.clock.now(), true);
  const plan = planBulk(people.map((c) => ({ ...c, membership })), t, { role: 'admin' }, new Date(w.clock.now()));
  const id = await createJob(w.db, { target: t, action: 'reinvite', contacts: people, plan, now: new Date(w.clock.now()) });
  return { ...w, people, id };
}

describe('a re-invite whose answer is lost is not sent blind a second time', { timeout: 20_000 }, () => {
  it('Zoho Desk (no invitation date): sent once, then "may have been sent"', async () => {
    const w = await reinviteJob(3, { reinviteRestamps: false }, () => undefined);
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine(), w.clock);
    expect([...w.vendor.reinvites.values()]).toEqual([1, 1, 1]);
    expect(w.vendor.sends).toHaveLength(1);
    const all = await rows(w.db, w.people, DESK_TARGET_KEY);
    expect(all.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    for (const r of all) {
      expect(r.reason?.code).toBe(ENGINE_REASONS.maybeSent);
      expect(r.reason?.message).toMatch(/^may have been sent: Zoho Desk /);
    }
    expect((await job(w.db, w.id)).status).toBe('completed');
  });

  it('Zoho CRM without invited_time (created_time a month ago, unmoved): sent once', async () => {
    const w = await reinviteJob(2, { reinviteRestamps: false }, (now) => new Date(now - 30 * DAY).toISOString());
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine(), w.clock);
    expect([...w.vendor.reinvites.values()]).toEqual([1, 1]);
    expect((await rows(w.db, w.people, DESK_TARGET_KEY)).map((r) => r.reason?.code)).toEqual([ENGINE_REASONS.maybeSent, ENGINE_REASONS.maybeSent]);
  });

  it('an unreadable 2xx, and a dead worker whose send went out: sent once', async () => {
    for (const fault of [{ kind: 'unreadable' }, { kind: 'hang', apply: true }] as const) {
      const w = await reinviteJob(2, { reinviteRestamps: false }, () => undefined);
      w.vendor.inject('send', fault);
      if (fault.kind === 'hang') {
        void w.engine().start();
        await w.vendor.hung;
        w.clock.advance(60_001); // the dead worker's lease runs out
      }
      await drain(w.engine(), w.clock);
      expect([...w.vendor.reinvites.values()], fault.kind).toEqual([1, 1]);
      expect((await rows(w.db, w.people, DESK_TARGET_KEY)).map((r) => r.status), fault.kind).toEqual(['failed', 'failed']);
    }
  });

  it('a vendor job of re-invitations stuck past its deadline: never sent again, "may have been sent"', async () => {
    const w = await reinviteJob(2, { mode: 'job', jobDurationMs: 10 * DAY }, (now) => new Date(now - 8 * DAY).toISOString());
    await drain(w.engine({ vendorJobDeadlineMs: 30 * 60_000 }), w.clock, 1_000);
    // The vendor may still run the first job: a second would e-mail each person twice.
    expect(w.vendor.count('send')).toBe(1);
    const all = await rows(w.db, w.people, DESK_TARGET_KEY);
    expect(all.map((r) => [r.status, r.reason?.code])).toEqual([['failed', ENGINE_REASONS.maybeSent], ['failed', ENGINE_REASONS.maybeSent]]);
    expect((await job(w.db, w.id)).status).toBe('completed');
  });

  it('a vendor that dates re-invites: the lost answer is found applied, reported re-invited, sent once', async () => {
    const w = await reinviteJob(2, {}, (now) => new Date(now - 8 * DAY).toISOString());
    w.vendor.inject('send', { kind: 'drop' });
    await drain(w.engine(), w.clock);
    expect([...w.vendor.reinvites.values()]).toEqual([1, 1]);
    expect((await rows(w.db, w.people, DESK_TARGET_KEY)).map((r) => r.status)).toEqual(['invited', 'invited']);
  });
});

describe('afterUncertainSend', () => {
  const now = Date.parse('2030-01-10T00:00:00Z');
  const since = now - 60_000;
  const at = (ms: number): Membership => ({ status: 'invited', invitedAt: new Date(ms).toISOString() });

  it('a re-invite: done when dated since the send or still valid; maybe when undated or older; not done without a pending invitation', () => {
    expect(afterUncertainSend('reinvite', at(since + 1), since, now)).toBe('done');
    expect(afterUncertainSend('reinvite', { status: 'active' }, since, now)).toBe('done');
    // Dated before the send by a vendor clock further behind than the skew allowed: still ours.
    expect(afterUncertainSend('reinvite', at(since - 10 * 60_000), since, now)).toBe('done');
    expect(afterUncertainSend('reinvite', { status: 'invited' }, since, now)).toBe('maybe');
    expect(afterUncertainSend('reinvite', at(now - 8 * DAY), since, now)).toBe('maybe');
    expect(afterUncertainSend('reinvite', undefined, since, now)).toBe('not_done');
    expect(afterUncertainSend('reinvite', { status: 'deactivated' }, since, now)).toBe('not_done');
  });

  it('an invite or an activation is never "maybe": the vendor shows it or not', () => {
    expect(afterUncertainSend('invite', { status: 'invited' }, since, now)).toBe('done');
    expect(afterUncertainSend('invite', undefined, since, now)).toBe('not_done');
    expect(afterUncertainSend('activate', { status: 'deactivated' }, since, now)).toBe('not_done');
    expect(afterUncertainSend('activate', { status: 'active' }, since, now)).toBe('done');
  });
});
