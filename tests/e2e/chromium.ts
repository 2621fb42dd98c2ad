import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium with the built extension loaded, for the e2e tests and `npm run demo`.
 * Playwright cannot download its own browsers here, so it drives the system one.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export class ChromiumMissingError extends Error {
  constructor(path?: string) {
    super(
      (path ? `CHROMIUM_PATH points at ${path}, which does not exist. ` : 'Chromium was not found. ') +
        'Install it with `apt-get install -y chromium` (Debian/Ubuntu, as root or with sudo; run `apt-get update` first ' +
        'on a fresh machine), or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    );
    this.name = 'ChromiumMissingError';
  }
}

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ChromiumMissingError(fromEnv);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new ChromiumMissingError();
  return found;
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
  const context = await chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: options.headless,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
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
    throw new Error(`The extension in ${extensionDir} did not start its service worker: ${(error as Error).message}`);
  }
}
