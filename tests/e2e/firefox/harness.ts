/**
 * The Firefox e2e harness: the sandbox in this process on a free port, a sandbox build of Portier
 * for Firefox made for that port, and Firefox with it (launch.ts). Unlike Chromium, Firefox has no
 * host-resolver rules to send one build's port to another sandbox, so each harness builds its own
 * (about 10 s): keep the Firefox tests in few files.
 *
 * The outbox and counter helpers of the Chromium harness (../harness.ts) are reused as they are:
 * they only call `page.evaluate(fn, arg)`, which a Puppeteer page has too (`asEvaluator`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import type { MessageResponse, Request } from '../../../core/messages';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { buildSandboxExtension } from '../build';
import { SANDBOX_ACCOUNTS } from '../harness';
import { seedLists } from '../sandbox-tour';
import { launchFirefoxWithExtension, type LaunchedFirefox } from './launch';

export interface FirefoxHarness {
  sandbox: RunningSandbox;
  firefox: LaunchedFirefox;
  /** The built firefox-mv3 folder. */
  dir: string;
  close(): Promise<void>;
}

export async function startFirefoxHarness(options: { lists?: boolean; headless?: boolean } = {}): Promise<FirefoxHarness> {
  const sandbox = await startSandbox({ port: 0 });
  const out = mkdtempSync(join(tmpdir(), 'portier-e2e-firefox-'));
  let firefox: LaunchedFirefox | undefined;
  const cleanUp = async () => {
    await firefox?.close().catch(() => undefined);
    await sandbox.close();
    rmSync(out, { recursive: true, force: true });
  };
  try {
    const dir = await buildSandboxExtension(out, { port: sandbox.port, browser: 'firefox' });
    if (options.lists) await seedLists(sandbox.url);
    // Zendesk's sign-in page: a plain sandbox page, on a host the panel is web-accessible to.
    const launcherUrl = `http://acme.zendesk.localhost:${sandbox.port}/access/login`;
    firefox = await launchFirefoxWithExtension(dir, { headless: options.headless ?? true, launcherUrl });
    return { sandbox, firefox, dir, close: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** A Puppeteer page as the Chromium harness's helpers (readJob, waitForJob, letLeaseRunOut) take it. */
export function asEvaluator(page: Page): PlaywrightPage {
  return { evaluate: (fn: never, arg: unknown) => page.evaluate(fn, arg) } as unknown as PlaywrightPage;
}

/** A message to the background from an extension page, as the panel sends it, and its answer. */
export function send(page: Page, message: Request | Record<string, unknown>): Promise<MessageResponse> {
  return page.evaluate((m) => {
    const runtime = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime;
    return runtime.sendMessage(m) as Promise<MessageResponse>;
  }, message as Record<string, unknown>);
}

/** Connects the four seeded accounts through the background (Zendesk by API token, Zoho by OAuth in Firefox's own sign-in window). */
export async function connectAllAccounts(h: FirefoxHarness): Promise<void> {
  const page = await h.firefox.extensionPage('sidepanel.html?tab=-1');
  try {
    for (const account of Object.values(SANDBOX_ACCOUNTS)) {
      const answer = await send(page, { type: 'connectAccount', account });
      if (!answer.ok) throw new Error(`Could not connect ${account.vendor}: ${answer.error.code} ${answer.error.message}`);
    }
  } finally {
    await page.close();
  }
}
