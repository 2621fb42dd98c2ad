import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armShownAt, shownAt } from '../bench/shown-at';
import { findChromium } from './chromium';

/**
 * The bench's reading of "shown" (tests/bench/shown-at.ts) in Chromium: taken inside the page at
 * the first frame where the thing is there, whenever Playwright gets to the page. Only orderings
 * are asserted, which a busy machine cannot change: callbacks of one frame run in the order they
 * were asked for, and the bench's watcher asks before any script of the page.
 */
const PAGE = 'https://bench.example/page.html';

/**
 * Adds the heading 150 ms after load and keeps when it did (`addedAt`), then keeps the time of the
 * first frame its own watcher saw it in (`pageSawAt`).
 */
const HTML = `<!doctype html><html><head><title>t</title></head><body><script>
  setTimeout(() => {
    document.body.append(Object.assign(document.createElement('h1'), { textContent: 'Here' }));
    window.addedAt = performance.now();
    requestAnimationFrame(() => {
      window.pageSawAt = performance.now();
    });
  }, 150);
</script></body></html>`;

describe('shownAt: the first frame showing something, read inside the page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  }, 60_000);
  afterAll(() => browser?.close());

  it('is the frame after the page added it: not before, not after the page saw it itself', async () => {
    const page = await browser.newPage();
    await page.route(PAGE, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: HTML }));
    await armShownAt(page, () => Boolean(document.querySelector('h1')?.textContent));
    await page.goto(PAGE, { waitUntil: 'commit' });
    const reading = await shownAt(page);
    const { addedAt, pageSawAt } = await page.evaluate(() => ({ addedAt: (window as any).addedAt as number, pageSawAt: (window as any).pageSawAt as number }));
    expect(reading).toBeGreaterThanOrEqual(addedAt);
    expect(reading).toBeLessThanOrEqual(pageSawAt);
    await page.close();
  });

  it('waits for a page that never shows it no longer than asked, and says so', async () => {
    const page = await browser.newPage();
    await page.route(PAGE, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>t</title><p>nothing</p>' }));
    await armShownAt(page, () => Boolean(document.querySelector('h1')));
    await page.goto(PAGE, { waitUntil: 'commit' });
    await expect(shownAt(page, 500)).rejects.toThrow(/Timeout 500ms/);
    await page.close();
  });
});
