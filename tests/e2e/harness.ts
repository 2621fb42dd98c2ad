/**
 * The e2e harness: the sandbox in this process on a free port, the run's one sandbox build of
 * Portier (shared-build.ts), Debian's Chromium with it, and what the tests do through it: messages
 * from an extension page (as the panel sends them), sign-in on the sandbox's agent pages, the MV3
 * service worker stopped through the DevTools protocol, the outbox read back from IndexedDB, and
 * the sandbox's counters.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { ConnectAccount, MessageResponse, Request } from '../../core/messages';
import type { Job } from '../../core/model';
import { CONNECT, CRM, DESK, ZENDESK, ZOHO } from '../sandbox/seed';
import { startSandbox, type RunningSandbox } from '../sandbox/server';
import { launchWithExtension, type LaunchedExtension } from './chromium';
import { openSignedIn, seedLists, vendorTours } from './sandbox-tour';
import { sharedSandboxBuild, type SharedBuild } from './shared-build';

export interface Harness {
  sandbox: RunningSandbox;
  browser: LaunchedExtension;
  build: SharedBuild;
  /** `chrome-extension://<id>/<path>` in a new tab (the side panel's page by default). */
  extensionPage(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** 60 generated people in every vendor's list view (sandbox-tour.ts seedLists). */
  lists?: boolean;
  headless?: boolean;
  /** Other unpacked extensions to load beside Portier (launchWithExtension's `alsoLoad`). */
  alsoLoad?: string[];
}

/**
 * For a test file's `beforeAll(startHarness)`: the run's one sandbox build may be another file's,
 * which this one waits for (shared-build.ts), then Chromium starts. A bound for a hang, not a speed
 * check: at load 16 on two cores a build alone took minutes.
 */
export const HARNESS_START_TIMEOUT_MS = 720_000;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0 });
  let browser: LaunchedExtension | undefined;
  try {
    const build = await sharedSandboxBuild(sandbox.port);
    if (options.lists) await seedLists(sandbox.url);
    browser = await launchWithExtension(build.dir, { headless: options.headless ?? true, sandboxPortMap: { from: build.port, to: sandbox.port }, ...(options.alsoLoad ? { alsoLoad: options.alsoLoad } : {}) });
    const launched = browser;
    return {
      sandbox,
      browser: launched,
      build,
      extensionPage: async (path = 'sidepanel.html') => {
        const page = await launched.context.newPage();
        await page.goto(`chrome-extension://${launched.extensionId}/${path}`);
        return page;
      },
      close: async () => {
        await launched.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await sandbox.close();
    throw error;
  }
}

/** A message to the background from an extension page, as the panel sends it, and its answer. */
export async function send(page: Page, message: Request | Record<string, unknown>): Promise<MessageResponse> {
  return page.evaluate((m) => {
    // The extension page's own `chrome` (the page has no WXT polyfill of its own to reach).
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    return runtime.sendMessage(m) as Promise<MessageResponse>;
  }, message);
}

/** `send`, for answers that must be `ok`: the result, or an error carrying the background's words. */
export async function ask<T = Record<string, any>>(page: Page, message: Request): Promise<T> {
  const answer = await send(page, message);
  if (!answer.ok) throw new Error(`${message.type}: ${answer.error.code} ${answer.error.message}`);
  return answer.result as T;
}

/**
 * The four seeded accounts: Zendesk `acme` with Ava's API token; Zoho Desk, CRM and Connect with
 * OAuth (launchWebAuthFlow against the sandbox's accounts server, which approves at once as Ava).
 */
export const SANDBOX_ACCOUNTS = {
  zendesk: { vendor: 'zendesk', subdomain: ZENDESK.acme.subdomain, auth: { kind: 'api_token', email: ZOHO.users.admin.email, token: ZENDESK.acme.apiToken } },
  zoho_desk: { vendor: 'zoho_desk', dataCenter: 'com', orgId: DESK.orgId, auth: { kind: 'oauth' } },
  zoho_crm: { vendor: 'zoho_crm', dataCenter: 'com', orgId: CRM.orgId, auth: { kind: 'oauth' } },
  zoho_connect: { vendor: 'zoho_connect', dataCenter: 'com', orgId: CONNECT.networks.community, auth: { kind: 'oauth' } },
} as const satisfies Record<string, ConnectAccount>;

/** Account ids as the background makes them (core/background/connect.ts accountIdOf). */
export const ACCOUNT_IDS = {
  zendesk: ZENDESK.acme.subdomain,
  zoho_desk: `com:${DESK.orgId}`,
  zoho_crm: `com:${CRM.orgId}`,
  zoho_connect: `com:${CONNECT.networks.community}`,
} as const;

/** Signs the agent in on the sandbox's agent pages (Zendesk `acme`, and once for the Zoho apps). */
export async function signInOnPages(context: BrowserContext, port: number, email = ZOHO.users.admin.email): Promise<void> {
  const page = await context.newPage();
  try {
    for (const vendor of ['zendesk', 'zoho_desk'] as const) {
      const tour = vendorTours(port).find((t) => t.vendor === vendor);
      if (tour) await openSignedIn(page, tour.list.url, email);
    }
  } finally {
    await page.close();
  }
}

interface TargetInfo {
  type: string;
  url: string;
}

/** The extension's MV3 service workers Chromium runs now (DevTools protocol, Target.getTargets). */
export async function runningServiceWorkers(context: BrowserContext, page: Page, extensionId: string): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`)).map((t) => t.url);
  } finally {
    await cdp.detach();
  }
}

/**
 * Stops the extension's service worker as Chromium does when it is idle or killed (DevTools:
 * ServiceWorker.stopAllWorkers), and waits until no worker of the extension runs.
 */
export async function stopServiceWorker(context: BrowserContext, page: Page, extensionId: string, timeoutMs = 10_000): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
  const deadline = Date.now() + timeoutMs;
  while ((await runningServiceWorkers(context, page, extensionId)).length > 0) {
    if (Date.now() > deadline) throw new Error('The service worker was still running after ServiceWorker.stopAllWorkers');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A job row as the background wrote it to IndexedDB (`portier` database, `jobs` store). */
export async function readJob(page: Page, jobId: string): Promise<Job | undefined> {
  return page.evaluate(
    (id) =>
      new Promise<Job | undefined>((resolve, reject) => {
        // No version: open whatever schema the background made, never upgrade it from here.
        const open = indexedDB.open('portier');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('jobs', 'readonly').objectStore('jobs').get(id);
          get.onsuccess = () => {
            db.close();
            resolve(get.result as Job | undefined);
          };
          get.onerror = () => {
            db.close();
            reject(get.error);
          };
        };
      }),
    jobId,
  );
}

/**
 * A stopped worker leaves its job leased for the engine's lease time (90 s), after which any
 * wake-up takes it over. Rather than wait that long, the lease's end is moved into the past, as if
 * the time had passed; nothing else of the row changes. Call it only with the worker stopped.
 */
export async function letLeaseRunOut(page: Page, jobId: string): Promise<void> {
  await page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('portier');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('jobs', 'readwrite');
          const store = tx.objectStore('jobs');
          const get = store.get(id);
          get.onsuccess = () => {
            const job = get.result as (Job & { lease?: { owner: string; until: string } }) | undefined;
            if (job?.lease) {
              const past = new Date(Date.now() - 1000).toISOString();
              store.put({ ...job, lease: { ...job.lease, until: past }, nextAttemptAt: past });
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => {
            db.close();
            reject(tx.error);
          };
        };
      }),
    jobId,
  );
}

/** Polls the job row until `done` says so; returns the last row read. */
export async function waitForJob(page: Page, jobId: string, done: (job: Job) => boolean, timeoutMs = 30_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  let last: Job | undefined;
  while (Date.now() < deadline) {
    last = await readJob(page, jobId);
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Job ${jobId} did not get there within ${timeoutMs / 1000} s; last seen: ${JSON.stringify(last)}`);
}

export interface SandboxCounters {
  requests: Record<string, number>;
  invitations: Record<string, Record<string, { invite?: number; reinvite?: number; verification?: number }>>;
  totals: { invite: number; reinvite: number; verification: number };
  duplicateInvitations: number;
}

/** The sandbox's counters (control API `GET /__sandbox/counters`, tests/sandbox/counters.ts). */
export async function readCounters(sandbox: RunningSandbox): Promise<SandboxCounters> {
  return control<SandboxCounters>(sandbox, 'GET', '/counters');
}

export async function control<T = Record<string, any>>(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}
