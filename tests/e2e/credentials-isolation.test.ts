import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vendorUrl, sandboxFetch } from '../sandbox/fetch';
import { ZENDESK } from '../sandbox/seed';
import { HARNESS_START_TIMEOUT_MS, ACCOUNT_IDS, ask, readCounters, SANDBOX_ACCOUNTS, send, signInOnPages, startHarness, type Harness } from './harness';
import { contentScriptMarker, vendorTours } from './sandbox-tour';

/**
 * Credentials stay where no content script reaches them (DESIGN.md): after Portier connects
 * Zendesk with an API token and Zoho Desk with OAuth, code run in the content script's own world on
 * a vendor page (the isolated world Chromium gives Portier there, through the DevTools protocol)
 * reads neither `storage.local` nor the extension's IndexedDB, and finds no secret anywhere it
 * can look. Disconnecting then revokes the Zoho token at the vendor before forgetting it.
 */
let h: Harness;
let extension: Page;

beforeAll(async () => {
  h = await startHarness();
  extension = await h.extensionPage();
  await signInOnPages(h.browser.context, h.sandbox.port);
  for (const account of [SANDBOX_ACCOUNTS.zendesk, SANDBOX_ACCOUNTS.zoho_desk]) {
    expect(await send(extension, { type: 'connectAccount', account }), account.vendor).toMatchObject({ ok: true });
  }
}, HARNESS_START_TIMEOUT_MS);

afterAll(async () => {
  await h?.close();
});

/** Everything `storage.local` holds, read from the extension's own page (a trusted context). */
function trustedStorage(): Promise<Record<string, unknown>> {
  return extension.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null));
}

/** What a content script could see: run in the extension's isolated world of `page`'s main frame. */
async function inContentScriptWorld(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await h.browser.context.newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => contexts.push(event.context));
    // Enabling reports every context that exists already, the content script's world among them.
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(h.browser.extensionId));
    if (!world) throw new Error(`No isolated world of Portier on ${page.url()}: ${JSON.stringify(contexts)}`);
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: unknown;
    };
    if (exceptionDetails) throw new Error(`The content-script world threw: ${JSON.stringify(exceptionDetails)}`);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** What the content script's world can read: storage.local, its IndexedDB databases, the page's localStorage. */
const LOOK_AROUND = `(async () => {
  const out = { isContentScript: typeof chrome !== 'undefined' && typeof chrome.runtime?.sendMessage === 'function' };
  try { out.storageLocal = await chrome.storage.local.get(null); } catch (error) { out.storageLocalRefused = String(error?.message ?? error); }
  try { out.databases = (await indexedDB.databases()).map((d) => d.name); } catch (error) { out.databasesRefused = String(error); }
  out.localStorage = { ...localStorage };
  return out;
})()`;

it('keeps every secret out of the content script’s reach on a vendor page', async () => {
  // The secrets, as the background holds them (Chromium: storage.local, restricted to the extension).
  const stored = await trustedStorage();
  const secrets: string[] = [ZENDESK.acme.apiToken];
  for (const value of Object.values(stored)) {
    const tokens = (value as { tokens?: { accessToken?: string; refreshToken?: string } }).tokens;
    if (tokens?.accessToken) secrets.push(tokens.accessToken);
    if (tokens?.refreshToken) secrets.push(tokens.refreshToken);
  }
  expect(secrets.length, 'the Zoho tokens are stored where the background reads them').toBe(3);

  const page = await h.browser.context.newPage();
  try {
    const zendesk = vendorTours(h.sandbox.port).find((t) => t.vendor === 'zendesk')!;
    await page.goto(zendesk.contact.url);
    expect(await contentScriptMarker(page)).toBe('ready');
    const seen = (await inContentScriptWorld(page, LOOK_AROUND)) as Record<string, unknown>;
    expect(seen.isContentScript).toBe(true);
    // Chromium refuses storage.local to content scripts once the background set TRUSTED_CONTEXTS.
    expect(seen.storageLocal).toBeUndefined();
    expect(seen.storageLocalRefused).toMatch(/not allowed|access/i);
    expect(seen.databases).not.toContain('portier-credentials');
    const everything = JSON.stringify(seen);
    for (const secret of secrets) expect(everything.includes(secret), 'a secret reached the content script').toBe(false);
    // The page's own world has no extension API at all.
    expect(await page.evaluate(() => typeof (globalThis as { chrome?: { storage?: unknown } }).chrome?.storage)).toBe('undefined');
  } finally {
    await page.close();
  }
}, 60_000);

it('revokes the Zoho token at the vendor on disconnect, then forgets it', async () => {
  const before = Object.entries(await trustedStorage()).find(([key]) => key.endsWith(ACCOUNT_IDS.zoho_desk))?.[1] as { tokens: { accessToken: string } };
  const answer = await ask<{ revocation: string }>(extension, { type: 'disconnectAccount', accountId: ACCOUNT_IDS.zoho_desk });
  expect(answer.revocation).toBe('revoked');
  expect((await readCounters(h.sandbox)).requests['zoho_accounts POST /oauth/v2/token/revoke']).toBe(1);
  expect(Object.keys(await trustedStorage()).some((key) => key.endsWith(ACCOUNT_IDS.zoho_desk))).toBe(false);
  const call = await sandboxFetch(`${vendorUrl(h.sandbox, 'desk.zoho.localhost')}/api/v1/helpCenters`, {
    headers: { authorization: `Zoho-oauthtoken ${before.tokens.accessToken}`, orgId: SANDBOX_ACCOUNTS.zoho_desk.orgId },
  });
  expect(call.status).toBe(401);
}, 30_000);
