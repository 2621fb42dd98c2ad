import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { planBulk } from '../../../core/eligibility';
import { createJob } from '../../../core/jobs';
import { ACCOUNT, ask, idleAll, world } from './helpers';

/** A 401 the engine could not cure pauses the job; the account row then says "reconnect" too. */

afterEach(idleAll);

async function pausedByA401() {
  const w = await world();
  const target = w.targets[0]!;
  const now = new Date(w.clock.now());
  const jobId = await createJob(w.db, { target, action: 'invite', contacts: w.people, plan: planBulk(w.people, target, { role: 'admin' }, now), now });
  w.vendor.expireToken({ renewable: false });
  await w.service.start();
  return { w, jobId };
}

describe('needs_reconnect after the engine pauses on a 401', () => {
  it('marks the account; a reconnect clears it and the job goes on', async () => {
    const { w, jobId } = await pausedByA401();
    expect(await w.db.jobs.get(jobId)).toMatchObject({ status: 'paused', pauseReason: 'reconnect', lastError: { kind: 'auth' }, counts: { failed: 0 } });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ status: 'needs_reconnect' });
    expect(await ask(w, { type: 'listAccounts' })).toMatchObject({ accounts: [{ id: ACCOUNT, status: 'needs_reconnect' }] });

    w.vendor.reconnect();
    w.clock.advance(1000);
    await ask(w, { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: ACCOUNT, auth: { kind: 'session' } } });
    await w.service.idle();
    await w.service.start();
    expect(await w.db.jobs.get(jobId)).toMatchObject({ status: 'completed', counts: { invited: 2 } });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ status: 'connected' });
  });

  it('a pause older than the account’s last connection is not held against the new credentials', async () => {
    const { w, jobId } = await pausedByA401();
    const job = (await w.db.jobs.get(jobId))!;
    // As if the agent reconnected after the pause but the job was not resumed (another worker's write).
    await w.db.accounts.update(ACCOUNT, { status: 'connected', connectedAt: new Date(Date.parse(job.lastError!.at) + 1).toISOString() });
    await w.service.start();
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ status: 'connected' });
  });

  it('a job the agent paused does not mark the account', async () => {
    const w = await world();
    const target = w.targets[0]!;
    const now = new Date(w.clock.now());
    const jobId = await createJob(w.db, { target, action: 'invite', contacts: w.people, plan: planBulk(w.people, target, { role: 'admin' }, now), now });
    await w.service.engine.pause(jobId);
    w.vendor.expireToken({ renewable: false }); // would pause it for a reconnect, had it run
    await w.service.start();
    expect(await w.db.jobs.get(jobId)).toMatchObject({ status: 'paused', pauseReason: 'agent' });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ status: 'connected' });
  });
});
