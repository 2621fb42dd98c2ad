import { HARNESS_START_TIMEOUT_MS } from '../harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCHING_EVENT } from '../../../core/vendors/page-watch';
import { vendorTours } from '../sandbox-tour';
import { openVendorPage, tabIdOf, tickRows } from './driver';
import { send, startFirefoxHarness, type FirefoxHarness } from './harness';

/**
 * The add-on reloaded (an update, or the agent's own reload) with a vendor list open: Firefox
 * unloads the old content script and injects the new one into the open tab, on a document the old
 * copy marked `data-portier="ready"`. The new copy must take the page over (core/vendors/page-watch.ts),
 * or the panel would stay deaf to that tab's ticks until the agent reloads it. Its own harness: the
 * reload would cut the other Firefox tests' panel pages and jobs short.
 */
let h: FirefoxHarness;

beforeAll(async () => {
  h = await startFirefoxHarness({ lists: true });
}, HARNESS_START_TIMEOUT_MS);

afterAll(async () => {
  await h?.close();
});

describe('Portier in Firefox, reloaded with a list view open', () => {
  it('reads the ticks of the open tab again through the copy Firefox injects', async () => {
    const list = vendorTours(h.sandbox.port).find((t) => t.vendor === 'zendesk')!.list;
    const page = await h.firefox.browser.newPage();
    try {
      await openVendorPage(page, list.url);
      const tabId = await tabIdOf(h, page);
      const panel = await h.firefox.extensionPage('sidepanel.html?tab=-1');
      // The page goes away with the add-on: the evaluation may end in an error. Gone, the old
      // copy and background can record nothing more.
      await panel.evaluate(() => void (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload()).catch(() => undefined);
      await expect.poll(() => panel.evaluate(() => location.href).catch(() => 'gone'), { timeout: 15_000 }).not.toMatch(/^moz-extension:/);
      await panel.close().catch(() => undefined);

      // The agent ticks two rows, before or after the new copy starts, then opens the panel on the
      // tab: either way they reach the new background (a copy reads the ticked rows as it starts,
      // and when a panel comes to watch the tab).
      expect(await tickRows(page, list, 2)).toBe(2);
      const helper = await h.firefox.extensionPage(`sidepanel.html?tab=${tabId}`);
      try {
        await expect
          .poll(
            async () => {
              const answer = await send(helper, { type: 'getPageContext', tabId });
              return answer.ok ? (answer.result as { context?: { selection?: string[] } | null }).context?.selection?.length : undefined;
            },
            { timeout: 15_000 },
          )
          .toBe(2);
        // The one watching is the new copy, marked and answering a newer one's question.
        expect(await page.evaluate(() => document.documentElement.dataset.portier)).toBe('ready');
        expect(await page.evaluate((type) => !document.dispatchEvent(new Event(type, { cancelable: true })), WATCHING_EVENT)).toBe(true);
      } finally {
        await helper.close();
      }
    } finally {
      await page.close();
    }
  }, 90_000);
});
