import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureSweepAlarm, SWEEP_ALARM, SWEEP_PERIOD_MINUTES, wireBackground, type BackgroundBrowser } from '../../../core/background';
import { readRetentionDays } from '../../../core/retention';
import type { Account, Job } from '../../../core/model';
import { ACCOUNT, ask, idleAll, refusal, world, type World } from './helpers';

/**
 * Disconnect and "Clear Portier's data" delete what Portier keeps, after stopping the jobs they
 * would cut short; the retention is saved and applied; the daily alarm sweeps.
 */

beforeEach(() => fakeBrowser.reset());
afterEach(idleAll);

const TARGET = 'zendesk:acme:end_users';
const DAY = 24 * 60 * 60_000;

/** Every row Portier keeps that names the account. */
async function rowsOf(w: World) {
  const { db } = w;
  return {
    contacts: await db.contacts.filter((c) => c.accountId === ACCOUNT).count(),
    targets: await db.targets.filter((t) => t.accountId === ACCOUNT).count(),
    jobs: await db.jobs.where('accountId').equals(ACCOUNT).count(),
    invitations: await db.invitations.count(),
    events: await db.events.count(),
  };
}

/** A finished job over the two people, as the panel would start it. */
async function finishedJob(w: World): Promise<string> {
  const { jobs } = await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1', '2'] });
  await w.service.idle();
  const jobId = jobs[0]!.jobId;
  expect(await w.db.jobs.get(jobId)).toMatchObject({ status: 'completed' });
  return jobId;
}

/**
 * A job whose batch may have reached the vendor and waits for a vendor job's next poll in an hour:
 * the state a worker leaves between two polls. Cancelling it cannot end it until the batch is settled.
 */
async function batchInFlight(w: World): Promise<string> {
  const { jobs } = await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1', '2'] });
  const jobId = jobs[0]!.jobId;
  await w.service.idle();
  const later = new Date(w.clock.now() + 60 * 60_000).toISOString();
  const job = (await w.db.jobs.get(jobId))!;
  const polling: Job = {
    ...job,
    status: 'queued',
    cursor: 2,
    batch: { id: 'b1', from: 0, to: 2, phase: 'polling', sends: 1, failures: 0, vendorJobId: 'vj-1', sentAt: new Date(w.clock.now()).toISOString() },
    nextAttemptAt: later,
  };
  await w.db.jobs.put(polling);
  await w.db.invitations.where('jobId').equals(jobId).modify({ status: 'sending' });
  return jobId;
}

describe('disconnectAccount', () => {
  it('deletes the account’s contacts, destinations, jobs, invitations and history with its credentials', async () => {
    const w = await world();
    await finishedJob(w);
    await ask(w, { type: 'pageContext', context: { vendor: 'zendesk', account: ACCOUNT, pageKind: 'contact', recordIds: ['1'], url: 'https://acme.zendesk.com/agent/users/1' } }, { kind: 'content', tabId: 4 });
    expect(await rowsOf(w)).toMatchObject({ contacts: 2, jobs: 1, invitations: 2 });

    await ask(w, { type: 'disconnectAccount', accountId: ACCOUNT });
    expect(await rowsOf(w)).toEqual({ contacts: 0, targets: 0, jobs: 0, invitations: 0, events: 0 });
    expect(await w.db.accounts.count()).toBe(0);
    // The tab still shows the page; the panel now offers to connect its account.
    expect(await w.db.pages.get(4)).toMatchObject({ connected: false });
    expect(await refusal(w, { type: 'listTargets', accountId: ACCOUNT })).toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('cancels a job in progress first; one checking a batch with the vendor makes it wait, with nothing deleted', async () => {
    const w = await world();
    const jobId = await batchInFlight(w);
    const answer = await refusal(w, { type: 'disconnectAccount', accountId: ACCOUNT });
    expect(answer).toEqual({ code: 'BUSY', message: expect.stringMatching(/one job is still checking with Zendesk a batch already sent\. Nothing was deleted yet: try again in a minute\./) });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ status: 'connected' });
    expect(await w.db.jobs.get(jobId)).toMatchObject({ cancelRequested: true });

    // The engine settles the batch from the vendor's memberships and ends the job; then it goes through.
    await w.service.idle();
    expect(await w.db.jobs.get(jobId)).toMatchObject({ status: 'cancelled' });
    await ask(w, { type: 'disconnectAccount', accountId: ACCOUNT });
    expect(await rowsOf(w)).toMatchObject({ jobs: 0, contacts: 0, invitations: 0 });
  });

  it('does not wait for a batch an account needing a reconnect can never settle', async () => {
    const w = await world();
    await batchInFlight(w);
    await w.db.accounts.update(ACCOUNT, { status: 'needs_reconnect' });
    await ask(w, { type: 'disconnectAccount', accountId: ACCOUNT });
    await w.service.idle();
    expect(await rowsOf(w)).toMatchObject({ jobs: 0, contacts: 0, invitations: 0 });
  });
});

describe('clearAllData', () => {
  it('disconnects every account and deletes every row; the retention stays', async () => {
    const w = await world();
    const other: Account = { id: 'eu:9', vendor: 'zoho_desk', label: 'Desk', dataCenter: 'eu', orgId: '9', authKind: 'oauth', status: 'needs_reconnect', companyDomains: [], connectedAt: new Date(w.clock.now()).toISOString() };
    await w.db.accounts.put(other);
    await finishedJob(w);
    await ask(w, { type: 'savePrivacySettings', retentionDays: 400 });

    expect(await ask(w, { type: 'clearAllData' })).toEqual({ accounts: 2, messages: [], localized: [] });
    const tables = [w.db.accounts, w.db.contacts, w.db.targets, w.db.jobs, w.db.invitations, w.db.events, w.db.pages];
    expect(await Promise.all(tables.map((t) => t.count()))).toEqual(tables.map(() => 0));
    expect(await refusal(w, { type: 'listTargets', accountId: ACCOUNT })).toMatchObject({ code: 'NOT_CONNECTED' });
    expect(await readRetentionDays(w.db)).toBe(400);
    expect(await ask(w, { type: 'getPrivacySettings' })).toEqual({ retentionDays: 400, stored: { contacts: 0, invitations: 0, jobs: 0, events: 0 } });
  });

  it('refuses while a batch is being checked, before disconnecting anything', async () => {
    const w = await world();
    await batchInFlight(w);
    expect(await refusal(w, { type: 'clearAllData' })).toMatchObject({ code: 'BUSY' });
    expect(await w.db.accounts.count()).toBe(1);
    expect(await w.db.contacts.count()).toBe(2);
    await w.service.idle();
    expect(await ask(w, { type: 'clearAllData' })).toMatchObject({ accounts: 1 });
    expect(await w.db.jobs.count()).toBe(0);
  });

  it('comes only from Portier’s own pages', async () => {
    const w = await world();
    expect(await refusal(w, { type: 'clearAllData' }, { kind: 'content', tabId: 3 })).toMatchObject({ code: 'FORBIDDEN_SENDER' });
    expect(await w.db.accounts.count()).toBe(1);
  });
});

describe('retention', () => {
  it('answers what is stored; a new retention is checked, saved and applied at once', async () => {
    const w = await world();
    await finishedJob(w);
    expect(await ask(w, { type: 'getPrivacySettings' })).toEqual({ retentionDays: 90, stored: { contacts: 2, invitations: 2, jobs: 1, events: 4 } });

    for (const retentionDays of [0, 3651, 2.5]) {
      expect(await refusal(w, { type: 'savePrivacySettings', retentionDays })).toMatchObject({ code: 'BAD_MESSAGE', message: expect.stringMatching(/retentionDays: /) });
    }
    expect(await readRetentionDays(w.db)).toBe(90);

    // Ten days later the agent keeps a week: the finished job and what it held go now.
    w.clock.advance(10 * DAY);
    expect(await ask(w, { type: 'savePrivacySettings', retentionDays: 7 })).toEqual({ retentionDays: 7, stored: { contacts: 0, invitations: 0, jobs: 0, events: 0 } });
  });
});

describe('the daily sweep alarm (wiring.ts)', () => {
  // fakeBrowser has no runtime.onConnect (the panel's port): a listener that is never called stands in.
  const api = () => {
    const runtime = Object.assign(Object.create(fakeBrowser.runtime) as object, { onConnect: { addListener: () => undefined } });
    return { ...fakeBrowser, runtime } as unknown as BackgroundBrowser;
  };

  it('is created once a day when missing, and never moved when it is there', async () => {
    await ensureSweepAlarm(api());
    const first = await fakeBrowser.alarms.get(SWEEP_ALARM);
    expect(first).toMatchObject({ name: SWEEP_ALARM, periodInMinutes: SWEEP_PERIOD_MINUTES });
    await fakeBrowser.alarms.create(SWEEP_ALARM, { when: 42, periodInMinutes: SWEEP_PERIOD_MINUTES });
    await ensureSweepAlarm(api());
    expect(await fakeBrowser.alarms.get(SWEEP_ALARM)).toMatchObject({ scheduledTime: 42 });
  });

  it('wiring arms it, and when it fires what is past the retention is deleted', async () => {
    const w = await world();
    await finishedJob(w);
    const sweeps: Promise<unknown>[] = [];
    const sweep = w.service.sweep.bind(w.service);
    w.service.sweep = () => {
      const run = sweep();
      sweeps.push(run);
      return run;
    };
    wireBackground(api(), w.service);
    await expect.poll(() => fakeBrowser.alarms.get(SWEEP_ALARM), { timeout: 4000 }).toBeDefined();
    expect(sweeps).toHaveLength(0);

    w.clock.advance(91 * DAY);
    await fakeBrowser.alarms.onAlarm.trigger({ name: SWEEP_ALARM, scheduledTime: w.clock.now() });
    expect(sweeps).toHaveLength(1);
    await sweeps[0];
    expect(await rowsOf(w)).toMatchObject({ jobs: 0, contacts: 0, invitations: 0, events: 0 });
  });
});
