import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RollupOutput } from 'rollup';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { findChromium } from './chromium';

/**
 * Code of core/ run on a vendor's page in Chromium, without the extension: the module bundled as
 * an IIFE that names its exports on `window[globalName]`, added to a page served at the vendor's
 * own address (answered by the test: no network), as the content script bundles it. Registers the
 * file's beforeAll (bundle, launch) and afterAll (close); `entry` is a path from the project root.
 */
export function coreInPage(entry: string, globalName: string): { open(url: string, html: string, options?: { clock?: boolean }): Promise<Page> } {
  let browser: Browser | undefined;
  let bundle = '';
  beforeAll(async () => {
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      publicDir: false,
      build: { write: false, minify: false, lib: { entry: resolve(__dirname, '../..', entry), formats: ['iife'], name: globalName, fileName: globalName } },
    })) as RollupOutput | RollupOutput[];
    bundle = (Array.isArray(output) ? output[0]! : output).output[0].code;
    browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--disable-background-networking', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    /** `clock`: Playwright's fake clock, installed before the page loads. */
    async open(url, html, options = {}) {
      const page = await browser!.newPage();
      await page.route(`${new URL(url).origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
      if (options.clock) await page.clock.install();
      await page.goto(url);
      await page.addScriptTag({ content: bundle });
      return page;
    },
  };
}
