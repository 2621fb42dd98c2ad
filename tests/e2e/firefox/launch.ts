import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { BrowserMissingError } from '../install-browser';
import { installContextHere } from '../local-browser';
import { missingFirefoxMessage, planFirefoxInstall } from './find-firefox';
import { searchFirefoxHere } from './local-firefox';

/**
 * Firefox with the built extension installed as a temporary add-on, driven over WebDriver BiDi by
 * puppeteer-core (no geckodriver: Debian has none, and npm's downloads one).
 *
 * Two things BiDi does not give, and how they are had here:
 * - The add-on's origin, `moz-extension://<uuid>`, is random per profile: the uuid is chosen
 *   before the install with the pref `extensions.webextensions.uuids`.
 * - BiDi refuses to navigate to `moz-extension://` pages. A link clicked on a web page opens one
 *   when the page is web-accessible to that site, which only the sandbox flavour's manifest makes
 *   `sidepanel.html` for its `*.localhost` hosts (wxt.config.ts). Every extension page is opened
 *   that way, from `launcherUrl`, and then driven like any page (script evaluation works there).
 */
export interface LaunchedFirefox {
  browser: Browser;
  /** browser_specific_settings.gecko.id of the build. */
  geckoId: string;
  /** `moz-extension://<uuid>`, the origin of Portier's pages and its IndexedDB. */
  origin: string;
  /** `<origin>/<path>` (the panel's page by default) in a new tab, once its document is there. */
  extensionPage(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  headless: boolean;
  /** A sandbox page (any `http://<name>.localhost:<port>/…`) to click the links to extension pages from. */
  launcherUrl: string;
}

export function findFirefoxHere(): string {
  const search = searchFirefoxHere();
  if (!search.found) throw new BrowserMissingError(missingFirefoxMessage(search, planFirefoxInstall(installContextHere())));
  return search.path;
}

interface BuiltManifest {
  browser_specific_settings?: { gecko?: { id?: string } };
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
}

function readManifest(dir: string): { geckoId: string } {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`No built extension in ${dir} (manifest.json is missing): build it first (wxt build -b firefox).`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BuiltManifest;
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${file} has no browser_specific_settings.gecko.id: is it the Firefox build (wxt build -b firefox)?`);
  const panelReachable = manifest.web_accessible_resources?.some((w) => w.resources.includes('sidepanel.html'));
  if (!panelReachable) throw new Error(`${file} does not make sidepanel.html web-accessible: only the sandbox flavour (PORTIER_SANDBOX=1) can be driven in Firefox.`);
  return { geckoId };
}

/** Waits until `page` shows `url` (puppeteer's own url() does not follow a link into an extension page). */
export async function waitForDocument(page: Page, url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    // Between documents the evaluation may fail: that is the navigation still going on.
    seen = await page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
    if (seen === url) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The tab did not open ${url} within ${timeoutMs / 1000} s (it shows ${seen || 'nothing yet'})`);
}

export async function launchFirefoxWithExtension(extensionDir: string, options: FirefoxLaunchOptions): Promise<LaunchedFirefox> {
  const { geckoId } = readManifest(extensionDir);
  const origin = `moz-extension://${randomUUID()}`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefoxHere(),
    headless: options.headless,
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: origin.slice('moz-extension://'.length) }) },
  });
  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== geckoId) throw new Error(`Firefox installed the add-on as ${installed}, not ${geckoId}`);
  } catch (error) {
    await browser.close();
    throw new Error(`Firefox (${findFirefoxHere()}) did not install ${extensionDir}: ${(error as Error).message}. Portier needs Firefox 140 or later.`, { cause: error });
  }
  return {
    browser,
    geckoId,
    origin,
    extensionPage: async (path = 'sidepanel.html') => {
      const url = `${origin}/${path}`;
      const page = await browser.newPage();
      await page.goto(options.launcherUrl);
      await page.evaluate((href) => {
        const link = document.createElement('a');
        link.href = href;
        link.id = 'portier-e2e-open';
        link.textContent = 'Open Portier';
        document.body.prepend(link);
      }, url);
      await page.click('#portier-e2e-open');
      await waitForDocument(page, url);
      return page;
    },
    close: () => browser.close(),
  };
}
