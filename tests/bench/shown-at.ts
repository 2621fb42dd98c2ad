/**
 * When a page first showed something, read inside the page from its very start: a script Playwright
 * adds before the page's own (`addInitScript`) checks on every animation frame, from the first, and
 * keeps `performance.now()` (ms from the page's navigation start) of the first frame where it is
 * there.
 *
 * Why not `page.waitForFunction(…, { polling: 'raf' })` alone, as the bench did until session 10:
 * that poller starts only once Playwright has injected its own script into the page, a round trip
 * from Node that waits for the page's main thread. On a busy machine it started 100–150 ms after
 * the panel's verdicts were in (marks in the panel page: verdicts at 148 ms, the poller's reading
 * 277 ms), and after the blank floor page's heading too, so both readings measured Playwright more
 * than the pages (issue #13). The poller is still how the bench waits; it no longer times.
 */
import type { Page } from 'playwright-core';

const KEY = '__portierShownAt';

/**
 * Arms the reading for the page's next navigation. `shown`: a function's source, run in the page on
 * every frame, true once the thing to time is shown (self-contained: it is sent as text).
 */
export async function armShownAt(page: Page, shown: () => boolean): Promise<void> {
  await page.addInitScript(`(() => {
    const shown = ${shown.toString()};
    const tick = () => {
      if (shown()) globalThis.${KEY} = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`);
}

/** The armed reading once the page has it, in ms from its navigation start. */
export async function shownAt(page: Page, timeoutMs = 20_000): Promise<number> {
  const handle = await page.waitForFunction((key) => (globalThis as Record<string, unknown>)[key] as number | undefined, KEY, { polling: 'raf', timeout: timeoutMs });
  return (await handle.jsonValue()) as number;
}
