import type { Page } from 'puppeteer-core';
import { HARNESS_START_TIMEOUT_MS } from '../harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../core/model';
import { CRM } from '../../sandbox/seed/ids';
import { ACCOUNT_IDS, letLeaseRunOut, readCounters, readJob, waitForJob } from '../harness';
import { panelPages } from '../panel-driver';
import { vendorTours } from '../sandbox-tour';
import { screenshotFolder } from '../screenshots';
import {
  contentScriptMarker, enabledButton, firstInvitableDestination, openPanelFor, openSignedIn, openVendorPage, resultOf, tickRows, waitForJobCard, waitForVerdicts,
} from './driver';
import { asEvaluator, connectAllAccounts, startFirefoxHarness, type FirefoxHarness } from './harness';

/**
 * Portier in Firefox (Debian's firefox-esr over WebDriver BiDi), the sandbox build installed as a
 * temporary add-on: the content script on every vendor's pages, the panel page in a tab for a
 * vendor tab, a one-click invitation, 50 ticked rows invited to the end, and a bulk that survives
 * its background being restarted mid-job. One harness; the tests build on one another (accounts
 * connected first, each vendor's invitations counted by the sandbox).
 */
let h: FirefoxHarness;

beforeAll(async () => {
  h = await startFirefoxHarness({ lists: true });
  const page = await h.firefox.browser.newPage();
  // One sign-in for Zendesk, one for the Zoho apps.
  for (const tour of vendorTours(h.sandbox.port).filter((t) => t.vendor === 'zendesk' || t.vendor === 'zoho_desk')) await openSignedIn(page, tour.list.url, tour.email);
  await page.close();
  await connectAllAccounts(h);
}, HARNESS_START_TIMEOUT_MS);

afterAll(async () => {
  await h?.close();
  console.log(`Firefox screenshots: ${screenshotFolder()}`);
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotFolder()}/firefox-${name}.png`, fullPage: true }).catch(() => undefined);
}

/** The ids of an account's jobs, read from the outbox through an extension page. */
function jobIdsOf(panel: Page, accountId: string): Promise<string[]> {
  return panel.evaluate(
    (account) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('portier');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('jobs').objectStore('jobs').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as { id: string; accountId: string }[]).filter((j) => j.accountId === account).map((j) => j.id));
          };
        };
      }),
    accountId,
  );
}

/** Ticks 50 rows of a vendor's list view, opens the panel on it, checks them and confirms: the job's id. */
async function startBulkOf50(vendor: 'zoho_desk' | 'zoho_crm'): Promise<{ page: Page; panel: Page; jobId: string }> {
  const pages = panelPages(h.sandbox.port).find((p) => p.vendor === vendor)!;
  const page = await h.firefox.browser.newPage();
  await openVendorPage(page, pages.list);
  expect(await tickRows(page, pages.tour.list, 50)).toBe(50);
  const panel = await openPanelFor(h, page);
  await panel.waitForFunction(() => document.body.textContent?.includes('50 selected on the page'), { timeout: 15_000 });
  await (await enabledButton(panel, /^Check 50 contacts$/)).click();
  // The preview's confirmation: "Invite 44", or "Send 44: 39 invite, 4 re-invite" when actions mix.
  const confirm = await enabledButton(panel, /^(Invite|Send) \d[\d,]*(:|$)/);
  await shot(panel, `${vendor}-bulk-preview`);
  const earlier = await jobIdsOf(panel, ACCOUNT_IDS[vendor]);
  const cards = () => panel.$$eval('article.job', (all) => all.length);
  const cardsBefore = await cards();
  await confirm.click();
  // One confirmation, one job; its card on top of the earlier ones (the one-click invitation's).
  let started: string[] = [];
  await expect.poll(async () => (started = (await jobIdsOf(panel, ACCOUNT_IDS[vendor])).filter((id) => !earlier.includes(id))), { timeout: 15_000 }).toHaveLength(1);
  await expect.poll(cards, { timeout: 15_000 }).toBeGreaterThan(cardsBefore);
  return { page, panel, jobId: started[0]! };
}

describe('the content script', () => {
  it.each(vendorTours(0).map((t) => [t.label, t.vendor] as const))('runs on the %s contact page and list view', async (_label, vendor) => {
    const tour = vendorTours(h.sandbox.port).find((t) => t.vendor === vendor)!;
    const page = await h.firefox.browser.newPage();
    try {
      await openSignedIn(page, tour.contact.url, tour.email);
      expect(await contentScriptMarker(page)).toBe('ready');
      // The page's own script filled the name in as text: nothing of it became markup.
      await page.waitForFunction((sel) => !['', 'Loading…'].includes(document.querySelector(sel)?.textContent ?? ''), {}, tour.contact.nameSelector);
      expect(await page.$eval(tour.contact.nameSelector, (e) => e.textContent)).toBe(tour.contact.name);
      await openSignedIn(page, tour.list.url, tour.email);
      expect(await contentScriptMarker(page)).toBe('ready');
    } finally {
      await page.close();
    }
  }, 40_000);
});

describe('the panel', () => {
  it('opens in a tab for a vendor tab id and shows that tab’s contact, its name as text, with verdicts', async () => {
    const crm = vendorTours(h.sandbox.port).find((t) => t.vendor === 'zoho_crm')!;
    const page = await h.firefox.browser.newPage();
    try {
      await openVendorPage(page, crm.contact.url);
      const panel = await openPanelFor(h, page);
      await waitForVerdicts(panel);
      await shot(panel, 'panel-contact-verdicts');
      expect(await panel.$$eval('section.pt-contact', (s) => s.map((e) => e.textContent ?? '').join(' '))).toContain(crm.contact.name);
      // `<b>Bold</b> <img src=x onerror=alert(1)>` stayed text.
      expect(await panel.$$('section.pt-contact b, section.pt-contact img')).toHaveLength(0);
      expect((await panel.$$('ul.pt-dests > li .pt-verdict')).length).toBeGreaterThan(0);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 40_000);

  it('invites a Zoho Desk contact with one click and shows "Invited" in place, sent once', async () => {
    const desk = panelPages(h.sandbox.port).find((p) => p.vendor === 'zoho_desk')!;
    const page = await h.firefox.browser.newPage();
    try {
      await openVendorPage(page, desk.contact.eligible!);
      const panel = await openPanelFor(h, page);
      await waitForVerdicts(panel);
      const before = await readCounters(h.sandbox);
      const { name, button } = await firstInvitableDestination(panel);
      await button.click();
      await expect.poll(() => resultOf(panel, name), { timeout: 20_000 }).toBe('Invited');
      await shot(panel, 'panel-after-invite');
      const after = await readCounters(h.sandbox);
      expect(after.totals.invite - before.totals.invite, name).toBe(1);
      expect(after.duplicateInvitations).toBe(0);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 40_000);
});

describe('a bulk of 50 ticked rows', () => {
  it('runs to the end in the panel (Zoho Desk), every invitation sent once', async () => {
    const before = await readCounters(h.sandbox);
    const { page, panel, jobId } = await startBulkOf50('zoho_desk');
    try {
      const counts = await waitForJobCard(panel, 'completed', 90_000);
      await shot(panel, 'bulk-completed');
      const job = (await readJob(asEvaluator(panel), jobId))!;
      expect(job.status).toBe('completed');
      expect(counts).toMatch(new RegExp(`^${job.counts.total} of ${job.counts.total} done: ${job.counts.invited} invited`));
      // The list's first rows include seeded contacts with reasons; the generated people can all be invited.
      expect(job.counts.invited).toBeGreaterThan(30);
      const after = await readCounters(h.sandbox);
      const sent = (t: typeof after.totals) => t.invite + t.reinvite;
      expect(sent(after.totals) - sent(before.totals)).toBe(job.counts.invited);
      expect(after.duplicateInvitations).toBe(0);
      await panel.close();
    } finally {
      await page.close();
    }
  }, 150_000);

  it('finishes after the background is restarted mid-job (Zoho CRM), each invitation sent once', async () => {
    const { page, panel, jobId } = await startBulkOf50('zoho_crm');
    // Mid-job: a batch sent, Zoho CRM's bulk invitation being polled.
    await waitForJob(asEvaluator(panel), jobId, (job) => job.batch?.phase === 'polling', 30_000);
    const midJob = (await readJob(asEvaluator(panel), jobId))!;
    expect(midJob.status).toBe('running');
    // The add-on restarts as on an update: its background, and every page of it, are gone.
    await panel.evaluate(() => void (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload());
    await expect.poll(() => panel.evaluate(() => location.href).catch(() => 'gone'), { timeout: 15_000 }).not.toMatch(/^moz-extension:/);
    await panel.close().catch(() => undefined);

    // A background stopped mid-job leaves its lease to run out (90 s): moved into the past instead.
    const outbox = await h.firefox.extensionPage('sidepanel.html?tab=-1');
    await letLeaseRunOut(asEvaluator(outbox), jobId);
    await outbox.close();
    // The reopened panel asks the new background for its page, which takes the job up.
    const reopened = await openPanelFor(h, page);
    try {
      const counts = await waitForJobCard(reopened, 'completed', 90_000);
      await shot(reopened, 'bulk-completed-after-restart');
      const job: Job = (await readJob(asEvaluator(reopened), jobId))!;
      expect(counts).toMatch(new RegExp(`^${job.counts.total} of ${job.counts.total} done: ${job.counts.invited} invited`));
      expect(job.counts.invited).toBeGreaterThan(30);
      const counters = await readCounters(h.sandbox);
      // One confirmation carries invitations, re-invitations of expired ones and activations (which
      // send no invitation): every invitation went out once, and each invited item had one.
      const sentTo = counters.invitations[`zoho_crm.portal:${CRM.userTypes.customers}`] ?? {};
      const sent = Object.values(sentTo).filter((kinds) => kinds.invite !== undefined || kinds.reinvite !== undefined);
      expect(sent.every((kinds) => (kinds.invite ?? 0) + (kinds.reinvite ?? 0) === 1)).toBe(true);
      expect(sent.length).toBeLessThanOrEqual(job.counts.invited);
      expect(sent.length).toBeGreaterThanOrEqual(job.counts.invited - (job.actions?.activate ?? 0));
      expect(counters.duplicateInvitations).toBe(0);
    } finally {
      await reopened.close();
      await page.close();
    }
  }, 180_000);
});
