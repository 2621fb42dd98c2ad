import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SELECTION_DEBOUNCE_MS } from '../../core/vendors/page-watch';
import { send, type Harness } from './harness';
import { connectedHarness } from './connected-harness';
import { openVendorPage, tabIdOf, tickRows } from './panel-driver';
import { vendorTours, type VendorTour } from './sandbox-tour';

/**
 * The content script reads the agent's ticks for a panel that watches the tab, and only then
 * (core/vendors/page-watch.ts, components/shared/tab-watch.ts), in real Chromium: with no panel
 * open, a list's ticks cost the host page nothing; a panel opened on the tab gets them at once,
 * those made before it opened included; closed, the ticks after it are left alone again.
 */
let h: Harness;
connectedHarness('Panel screenshots (page watch)', (started) => (h = started), { lists: true });

/**
 * The ticked rows the background has for the tab, or 'unread' when the page said it read none,
 * asked from an extension page that follows no tab.
 */
async function selectionOf(probe: Page, tabId: number): Promise<string[] | 'unread' | undefined> {
  const answer = await send(probe, { type: 'getPageContext', tabId });
  if (!answer.ok) throw new Error(`getPageContext refused: ${JSON.stringify(answer)}`);
  const context = (answer.result as { context?: { selection?: string[]; selectionUnread?: true } | null }).context;
  return context?.selectionUnread ? 'unread' : context?.selection;
}
const countOf = (selection: string[] | 'unread' | undefined) => (Array.isArray(selection) ? selection.length : selection);

/** The Zendesk list in a tab of its own, its tab id, and an extension page to ask the background from; closed after `run`. */
async function onList(run: (list: VendorTour['list'], page: Page, tabId: number, probe: Page) => Promise<void>): Promise<void> {
  const list = vendorTours(h.sandbox.port).find((t) => t.vendor === 'zendesk')!.list;
  const page = await h.browser.context.newPage();
  const probe = await h.extensionPage('sidepanel.html?tab=-1');
  try {
    await openVendorPage(page, list.url);
    await run(list, page, await tabIdOf(h, page), probe);
  } finally {
    await probe.close();
    await page.close();
  }
}

describe('the ticks of a list view, read while a panel watches the tab', () => {
  it('are read when a panel opens on the tab and while it stays, and not after it closed', () =>
    onList(async (list, page, tabId, probe) => {
      await expect.poll(() => selectionOf(probe, tabId)).toBe('unread');

      // No panel: the two ticks are not read (well past the debounce, the background still has none).
      expect(await tickRows(page, list, 2)).toBe(2);
      await page.waitForTimeout(SELECTION_DEBOUNCE_MS * 10);
      expect(await selectionOf(probe, tabId)).toBe('unread');

      // A panel opens on the tab: the ticks made before it are read at once, and those after it.
      const panel = await h.browser.context.newPage();
      const sheets: string[] = [];
      panel.on('request', (request) => void (request.url().endsWith('.css') && sheets.push(request.url())));
      await panel.goto(`chrome-extension://${h.browser.extensionId}/sidepanel.html?tab=${tabId}`);
      await expect.poll(() => selectionOf(probe, tabId).then(countOf), { timeout: 15_000 }).toBe(2);
      // The bulk view, loaded lazily, fetches none of the sheets written into the page (scripts/inline-panel-css.ts).
      await panel.getByRole('radio', { name: '2 selected on the page' }).waitFor();
      const inlined = await panel.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][disabled]')].map((link) => link.href));
      expect(sheets.filter((url) => inlined.includes(url) || /\/assets\/(sidepanel|browser-platform)-[^/]+\.css$/.test(url))).toEqual([]);
      expect(await tickRows(page, list, 3)).toBe(3);
      await expect.poll(() => selectionOf(probe, tabId).then(countOf), { timeout: 15_000 }).toBe(3);

      // Closed: the page says its ticks go unread, and the next tick is left alone until a panel comes again.
      await panel.close();
      await expect.poll(() => selectionOf(probe, tabId), { timeout: 15_000 }).toBe('unread');
      await page.locator(list.rowCheckbox).nth(3).check();
      await page.waitForTimeout(SELECTION_DEBOUNCE_MS * 10);
      expect(await selectionOf(probe, tabId)).toBe('unread');
      const again = await h.extensionPage(`sidepanel.html?tab=${tabId}`);
      await expect.poll(() => selectionOf(probe, tabId).then(countOf), { timeout: 15_000 }).toBe(4);
      await again.close();
    }));

  it('are read again by the new page after a full load, for the panel that stayed open', () =>
    onList(async (list, page, tabId, probe) => {
      const panel = await h.extensionPage(`sidepanel.html?tab=${tabId}`);
      expect(await tickRows(page, list, 1)).toBe(1);
      await expect.poll(() => selectionOf(probe, tabId).then(countOf), { timeout: 15_000 }).toBe(1);

      // A reload ends the port with the old page; the panel opens one to the new page once it reports.
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.portier === 'ready');
      // Ticked after the new copy's first read: only a panel watching the new page has them read.
      expect(await tickRows(page, list, 2)).toBe(2);
      await expect.poll(() => selectionOf(probe, tabId).then(countOf), { timeout: 15_000 }).toBe(2);
      await panel.close();
    }));
});
