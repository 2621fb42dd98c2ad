import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../../core/model';
import { CRM } from '../sandbox/seed';
import {
  ACCOUNT_IDS, ask, control, HARNESS_START_TIMEOUT_MS, letLeaseRunOut, readCounters, runningServiceWorkers, SANDBOX_ACCOUNTS, send,
  signInOnPages, startHarness, stopServiceWorker, waitForJob, type Harness,
} from './harness';
import { isSignInPage, vendorTours } from './sandbox-tour';

/**
 * The built sandbox flavour in real Chromium, driven by messages from its own page as the panel
 * sends them (the panel UI is not used): its background reaches the sandbox instead of the
 * vendors, connects the four accounts (Zoho through launchWebAuthFlow, headless), lists their
 * destinations, and finishes a 50-contact job across a service worker stopped mid-job, sending
 * each invitation once. The tests run in order and build on one another.
 */
let harness: Harness;
let page: Page;
const CUSTOMERS = `zoho_crm:${ACCOUNT_IDS.zoho_crm}:${CRM.userTypes.customers}`;

beforeAll(async () => {
  harness = await startHarness();
  page = await harness.extensionPage();
}, HARNESS_START_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
});

/** Sandbox requests counted on routes containing `fragment`, all methods and vendors together. */
async function requestsTo(fragment: string): Promise<number> {
  const { requests } = await readCounters(harness.sandbox);
  return Object.entries(requests).filter(([key]) => key.includes(fragment)).reduce((sum, [, n]) => sum + n, 0);
}

describe('the sandbox build in Chromium', () => {
  it('connects Zendesk with an API token and Zoho Desk, CRM and Connect through launchWebAuthFlow', async () => {
    for (const account of Object.values(SANDBOX_ACCOUNTS)) {
      const answer = await send(page, { type: 'connectAccount', account });
      expect(answer, account.vendor).toMatchObject({ ok: true, result: { account: { vendor: account.vendor, status: 'connected' } } });
    }
    // Three Zoho sign-ins went through the sandbox's authorize page and token endpoint, one each.
    expect(await requestsTo('GET /oauth/v2/auth')).toBe(3);
    expect(await requestsTo('POST /oauth/v2/token')).toBe(3);
    const { accounts } = await ask<{ accounts: { id: string }[] }>(page, { type: 'listAccounts' });
    expect(accounts.map((a) => a.id).sort()).toEqual(Object.values(ACCOUNT_IDS).sort());
  }, 20_000);

  it('lists each account’s destinations from the sandbox', async () => {
    const kinds: Record<string, string[]> = {};
    for (const [vendor, accountId] of Object.entries(ACCOUNT_IDS)) {
      const { targets } = await ask<{ targets: Target[] }>(page, { type: 'listTargets', accountId });
      kinds[vendor] = [...new Set(targets.map((t) => t.kind))];
      expect(targets.every((t) => t.accountId === accountId), vendor).toBe(true);
    }
    expect(kinds).toEqual({
      zendesk: ['zendesk.end_user'],
      zoho_desk: ['zoho_desk.help_center'],
      zoho_crm: ['zoho_crm.portal'],
      zoho_connect: ['zoho_connect.network'],
    });
  }, 20_000);

  it('invites 50 CRM contacts once each, across a service worker stopped mid-job', async () => {
    const generated = await control<{ ids: string[]; people: { email: string }[] }>(harness.sandbox, 'POST', '/generate', {
      vendor: 'zoho_crm', count: 50, mix: false, seed: 7, returnPeople: true,
    });
    const selection = { accountId: ACCOUNT_IDS.zoho_crm, targetKey: CUSTOMERS, contactIds: generated.ids, module: 'Contacts' };

    const verdicts = await ask<{ items: { verdict: { eligible: boolean; action: string } }[] }>(page, { type: 'evaluate', ...selection });
    expect(verdicts.items).toHaveLength(50);
    expect(verdicts.items.filter((i) => i.verdict.eligible && i.verdict.action === 'invite')).toHaveLength(50);

    const invitePosts = await requestsTo('POST /crm/v8/{module}/actions/portal_invite'); // the connector's permission probe
    const { jobs } = await ask<{ jobs: { jobId: string; action: string }[] }>(page, { type: 'startJob', ...selection });
    expect(jobs).toEqual([{ jobId: expect.any(String), action: 'invite' }]);
    const jobId = jobs[0]!.jobId;

    // Mid-job: the batch went to the CRM, whose bulk job is being polled.
    const running = await waitForJob(page, jobId, (job) => job.batch?.phase === 'polling', 20_000);
    expect(running.status).toBe('running');
    await stopServiceWorker(harness.browser.context, page, harness.browser.extensionId);
    expect(await runningServiceWorkers(harness.browser.context, page, harness.browser.extensionId)).toEqual([]);

    await letLeaseRunOut(page, jobId);
    // Any message starts a new worker, which takes the job up from the outbox.
    expect(await send(page, { type: 'listAccounts' })).toMatchObject({ ok: true });
    expect(await runningServiceWorkers(harness.browser.context, page, harness.browser.extensionId)).toHaveLength(1);

    const done = await waitForJob(page, jobId, (job) => job.status === 'completed', 30_000);
    expect(done.counts).toEqual({ total: 50, invited: 50, already_member: 0, failed: 0, skipped: 0 });

    const counters = await readCounters(harness.sandbox);
    const sent = counters.invitations[`zoho_crm.portal:${CRM.userTypes.customers}`] ?? {};
    const emails = generated.people.map((p) => p.email.toLowerCase()).sort();
    expect(Object.keys(sent).sort()).toEqual(emails);
    expect(Object.values(sent).every((kinds) => kinds.invite === 1 && !kinds.reinvite)).toBe(true);
    expect(counters.duplicateInvitations).toBe(0);
    // One bulk invitation for the 50: the new worker polled the CRM job, it did not send again.
    expect(await requestsTo('POST /crm/v8/{module}/actions/portal_invite')).toBe(invitePosts + 1);
    expect(await requestsTo('GET /crm/v8/{module}/actions/portal_invite')).toBeGreaterThan(0);
  }, 60_000);

  it('signs the agent in on the sandbox’s agent pages', async () => {
    const { context } = harness.browser;
    await signInOnPages(context, harness.sandbox.port);
    const check = await context.newPage();
    try {
      for (const tour of vendorTours(harness.sandbox.port)) {
        await check.goto(tour.list.url);
        expect(isSignInPage(check.url()), tour.label).toBe(false);
        expect(check.url()).toBe(tour.list.url);
      }
    } finally {
      await check.close();
    }
  }, 30_000);
});
