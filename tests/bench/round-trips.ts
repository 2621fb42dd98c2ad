/**
 * `panel_vendor_round_trips_first` and `panel_vendor_round_trips_revisit` (issue #14), per vendor:
 * how many vendor round trips the panel waits for before it shows a contact's verdicts. Each is
 * measured, not counted: the panel is timed until every destination shows a verdict (timePanel),
 * then timed again with the sandbox's `latency` fault adding LATENCY_MS to every call of that
 * vendor's API, and the extra time divided by LATENCY_MS (the median of RUNS each way), to the
 * nearest whole trip.
 *
 * - first: a contact with no last card (the `lastVerdicts` store emptied before each load), the
 *   account's destinations and rights already in its cache (one warm-up load of the contact first,
 *   as an agent's earlier contacts would leave them). Goal ≤ 1.
 * - revisit: the same contact again, its last card kept. Goal 0: the last verdicts show at once
 *   while the vendor is asked again.
 */
import type { Page } from 'playwright-core';
import type { Vendor } from '../../core/model';
import { control, type Harness } from '../e2e/harness';
import { openVendorPage, panelPages, tabIdOf } from '../e2e/panel-driver';
import { median } from './stats';

export const LATENCY_MS = 1_000;
const RUNS = 5;

/** Every API path of each vendor in the sandbox (tests/sandbox/README.md, Hosts); agent pages are elsewhere. */
const API_PATHS: Record<Vendor, string> = {
  zendesk: '/api/v2/**',
  zoho_desk: '/api/v1/**',
  zoho_crm: '/crm/v8/**',
  zoho_connect: '/pulse/api/**',
};

export type PerVendor = Record<Vendor, number>;

export interface RoundTrips {
  first: PerVendor;
  revisit: PerVendor;
  /** Each vendor's medians in ms: first and revisit, without and with the latency. */
  readings: Record<Vendor, { first: [number, number]; revisit: [number, number] }>;
}

type TimePanel = (h: Harness, tabId: number) => Promise<{ ms: number }>;

/** Empties the last cards (core/db.ts v6 `lastVerdicts`) from an extension page, as a first view finds them. */
async function forgetLastCards(h: Harness): Promise<void> {
  const page = await h.browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${h.browser.extensionId}/sidepanel.html?tab=-1`);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          // No version: the background's schema as it is, never upgraded from here.
          const open = indexedDB.open('portier');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('lastVerdicts', 'readwrite');
            tx.objectStore('lastVerdicts').clear();
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => (db.close(), reject(tx.error));
          };
        }),
    );
  } finally {
    await page.close();
  }
}

async function medianOf(runs: number, once: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await once());
  return Math.round(median(values) * 10) / 10;
}

/** Needs every account connected (connectAllAccounts) and the agent signed in on the pages. */
export async function benchRoundTrips(h: Harness, timePanel: TimePanel): Promise<RoundTrips> {
  const out: RoundTrips = { first: {} as PerVendor, revisit: {} as PerVendor, readings: {} as RoundTrips['readings'] };
  for (const pages of panelPages(h.sandbox.port)) {
    const { vendor } = pages;
    const page: Page = await h.browser.context.newPage();
    try {
      await openVendorPage(page, pages.contact.eligible ?? pages.contact.blocked);
      const tabId = await tabIdOf(h, page);
      await timePanel(h, tabId); // warm-up: the account's destinations and rights, the worker, the code
      const first = async () => {
        await forgetLastCards(h);
        return (await timePanel(h, tabId)).ms;
      };
      const revisit = async () => (await timePanel(h, tabId)).ms;
      const plain = { first: await medianOf(RUNS, first), revisit: await medianOf(RUNS, revisit) };
      await control(h.sandbox, 'POST', '/faults', { path: API_PATHS[vendor], kind: 'latency', latencyMs: LATENCY_MS, count: 10_000 });
      let slow: { first: number; revisit: number };
      try {
        slow = { first: await medianOf(RUNS, first), revisit: await medianOf(RUNS, revisit) };
        // The revisits' own checks are still waiting for the slow vendor: let them end before the next vendor.
        await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 3));
      } finally {
        await control(h.sandbox, 'DELETE', '/faults');
      }
      // Whole trips: a trip is LATENCY_MS of waiting, and a busy machine's noise between the two
      // medians (100–170 ms under load) is not a tenth of a trip. The medians behind it are kept.
      const trips = (slowMs: number, plainMs: number) => Math.max(0, Math.round((slowMs - plainMs) / LATENCY_MS));
      out.first[vendor] = trips(slow.first, plain.first);
      out.revisit[vendor] = trips(slow.revisit, plain.revisit);
      out.readings[vendor] = { first: [plain.first, slow.first], revisit: [plain.revisit, slow.revisit] };
    } finally {
      await page.close();
    }
  }
  return out;
}
