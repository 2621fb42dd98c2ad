import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { BrowserMissingError, missingBrowserMessage, planInstall } from './install-browser';
import { installContextHere, searchHere } from './local-browser';

/**
 * A Chromium with the built extension loaded, for the e2e tests and `npm run demo`: the one
 * find-browser.ts finds (CHROMIUM_PATH, the system's Chromium, Playwright's Chromium), driven by
 * playwright-core. Installing one is `ensureBrowserHere` (local-browser.ts), before this runs.
 */
export function findChromium(): string {
  const search = searchHere();
  if (!search.found) throw new BrowserMissingError(missingBrowserMessage(search, planInstall(installContextHere())));
  if (search.warning) console.warn(search.warning);
  return search.path;
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless: boolean;
  viewport?: { width: number; height: number };
  /**
   * The sandbox build calls the port it was built for; when the sandbox listens on another one,
   * Chromium's resolver sends `*.localhost:<from>` to `127.0.0.1:<to>` (the Host header, and so
   * the vendor the sandbox answers as, stays the same).
   */
  sandboxPortMap?: { from: number; to: number };
  /**
   * The caller closes the browser on Ctrl+C and SIGTERM itself (`npm run demo`). Playwright's own
   * handlers would otherwise close it and exit the process (130) before the caller's cleanup ends.
   */
  ownSignals?: boolean;
  /** Other unpacked extensions to load beside it, without a service worker (the bench's blank floor extension). */
  alsoLoad?: string[];
}

/**
 * Chromium with the unpacked extension in `extensionDir` (a folder with manifest.json, such as
 * `.output/sandbox/chrome-mv3`), in a fresh temporary profile. The extension id comes from its
 * service worker's URL. If the extension does not start, the browser is closed before throwing.
 */
export async function launchWithExtension(extensionDir: string, options: LaunchOptions): Promise<LaunchedExtension> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir} (manifest.json is missing): build it first.`);
  }
  const map = options.sandboxPortMap;
  const extensions = [extensionDir, ...(options.alsoLoad ?? [])].join(',');
  const context = await chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: options.headless,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.ownSignals ? { handleSIGINT: false, handleSIGTERM: false } : {}),
    args: [
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      // The network is closed here: keep Chromium from trying to reach Google at every start.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(map && map.from !== map.to ? [`--host-resolver-rules=MAP *.localhost:${map.from} 127.0.0.1:${map.to}`] : []),
      // Root in a container has no user namespace for Chromium's sandbox.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    return { context, extensionId, close: () => context.close() };
  } catch (error) {
    await context.close();
    const search = searchHere();
    const why = search.found && search.warning ? `\n${search.warning}` : '';
    throw new Error(`The extension in ${extensionDir} did not start its service worker: ${(error as Error).message}${why}`);
  }
}
