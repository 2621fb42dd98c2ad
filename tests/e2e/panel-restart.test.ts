import { expect, it } from 'vitest';
import { CRM } from '../sandbox/seed';
import { letLeaseRunOut, readCounters, readJob, stopServiceWorker, waitForJob, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { checkSelection, confirmButton, inviteJob, openPanelFor, openVendorPage, panelPages, tickRows, waitForJobCard } from './panel-driver';
import { screenshot } from './screenshots';

/**
 * A bulk of 50 started from the panel survives its service worker: stopped mid-job, the panel
 * closed and opened again, the job finishes in the panel and the sandbox counts each invitation
 * once. Zoho CRM, whose bulk invitation is a vendor job the engine polls (the "mid-job" moment).
 */
let h: Harness;
connectedHarness('Panel screenshots (worker restart)', (started) => (h = started), { lists: true });

it('finishes a bulk of 50 across a stopped service worker and a reopened panel, sending each once', async () => {
  const crm = panelPages(h.sandbox.port).find((p) => p.vendor === 'zoho_crm')!;
  const page = await h.browser.context.newPage();
  await openVendorPage(page, crm.list);
  await tickRows(page, crm.tour.list, 50);
  let panel = await openPanelFor(h, page);
  await checkSelection(panel, 50);
  // The vendor job stays scheduled until the worker is stopped and its lease has run out: with the
  // sandbox's 2 s, a slow stop could find the job already finished. Its items run once it is back.
  const { crmJob } = h.sandbox.state.settings;
  const scheduledMs = crmJob.scheduledMs;
  crmJob.scheduledMs = 10 * 60_000;
  await confirmButton(panel).click();
  await inviteJob(panel).waitFor();
  // The job's id, from the outbox (one confirmation, one job, whatever actions it mixes).
  const jobId = await panel.evaluate(() =>
    new Promise<string>((resolve) => {
      const open = indexedDB.open('portier');
      open.onsuccess = () => {
        const all = open.result.transaction('jobs').objectStore('jobs').getAll();
        all.onsuccess = () => resolve((all.result as { id: string; action: string }[]).find((j) => j.action === 'invite')!.id);
      };
    }));
  await waitForJob(panel, jobId, (job) => job.batch?.phase === 'polling', 20_000);
  await stopServiceWorker(h.browser.context, panel, h.browser.extensionId);
  await screenshot(panel, 'restart-1-worker-stopped');
  await letLeaseRunOut(panel, jobId);
  expect((await readJob(panel, jobId))?.status).toBe('running');
  crmJob.scheduledMs = scheduledMs;
  await panel.close();

  // The reopened panel asks the background for its page, which starts a new worker: it takes the job up.
  panel = await openPanelFor(h, page);
  const counts = await waitForJobCard(panel, 'completed', 45_000);
  const job = (await readJob(panel, jobId))!;
  const { total, invited: sentOnce } = job.counts;
  expect(counts).toMatch(new RegExp(`^${total} of ${total} done: ${sentOnce} invited`));
  expect(sentOnce).toBeGreaterThan(30);
  await screenshot(panel, 'restart-2-completed-after-worker-restart');

  const counters = await readCounters(h.sandbox);
  const sent = counters.invitations[`zoho_crm.portal:${CRM.userTypes.customers}`] ?? {};
  const invited = Object.values(sent).filter((kinds) => kinds.invite !== undefined);
  // The job's "invited" counts its re-invitations and activations too; the sandbox counts invitations here.
  expect(invited).toHaveLength(sentOnce - (job.actions?.reinvite ?? 0) - (job.actions?.activate ?? 0));
  expect(invited.every((kinds) => kinds.invite === 1)).toBe(true);
  expect(counters.duplicateInvitations).toBe(0);
  await panel.close();
  await page.close();
}, 90_000);
