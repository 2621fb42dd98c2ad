import { describe, expect, it } from 'vitest';
import { drain, expectInvitedOnce, scene, tally, useSandbox, type VendorName } from './harness';

const sb = useSandbox();

/**
 * The single and the bulk path of each vendor, end to end: contacts read by a connector, planned by
 * the eligibility core, written by createJob, worked by JobEngine against the sandbox.
 */
describe.each<[VendorName, number]>([
  ['zendesk', 150], // create_many jobs of 100, polled
  ['zoho_desk', 150], // bulk inviteAsEndUser of 100, answered at once
  ['zoho_crm', 150], // bulk portal_invite jobs of 100, polled
  ['zoho_connect', 40], // one inviteUsersToNetwork call (the community has 47 free external seats)
])('the engine against the sandbox: %s', (vendor, bulk) => {
  it('a single contact: one invitation, job completed', { timeout: 60_000 }, async () => {
    const s = await scene(sb, vendor, 1, 101);
    const result = await drain(sb, s.engine());
    expect(result.nextWakeAt).toBeUndefined();
    const t = await tally(s);
    expect(t.by).toEqual({ invited: 1 });
    expect(t.job).toMatchObject({ status: 'completed', attempts: 1 });
    await expectInvitedOnce(sb, s);
  });

  it(`a bulk selection of ${bulk}: vendor-sized batches, every row final, each address invited once`, { timeout: 60_000 }, async () => {
    const s = await scene(sb, vendor, bulk, 202);
    await drain(sb, s.engine());
    const t = await tally(s);
    expect(t.by).toEqual({ invited: bulk });
    const batches = Math.ceil(bulk / s.kit.make(undefined).batchSize('invite'));
    expect(t.job).toMatchObject({ status: 'completed', attempts: batches, cursor: bulk });
    expect(t.job.lease).toBeUndefined();
    expect(t.rows.every((r) => r.attempts === 1)).toBe(true);
    await expectInvitedOnce(sb, s);
  });
});
