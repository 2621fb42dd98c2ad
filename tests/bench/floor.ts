/**
 * The browser's own floor, measured beside Portier in the same run and the same Chromium: a blank
 * extension whose page holds one heading and whose content script is empty, on the same pages as
 * Portier's. What the browser spends on any extension page and any content script (process start,
 * document, injection) is then taken out of Portier's figures:
 *
 * - `panel_first_render_over_floor_ms`: the panel's first render (timePanel: navigation start to
 *   the frame showing every verdict) minus the blank page's (navigation start to the frame showing
 *   its heading), each load of the panel paired with a load of the blank page right after it, the
 *   median of the differences.
 * - `content_script_over_floor_ms`: Portier's content script's main-thread ms minus the empty
 *   script's, read from the same trace of the same list-view load, the median of the differences.
 *
 * The blank extension has a fixed public key in its manifest, so its id is known before Chromium
 * starts (an unpacked extension's id is the key's hash), and no background, so that Portier's
 * service worker stays the only one the harness finds.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { SANDBOX_MATCHES } from '../../core/vendors/hosts';
import { armShownAt, shownAt } from './shown-at';
import { median } from './stats';

export const FLOOR_PAGE = 'floor.html';
export const FLOOR_SCRIPT = 'floor-content.js';

export interface FloorExtension {
  dir: string;
  id: string;
  /** `chrome-extension://<id>/<path>`. */
  url(path: string): string;
  remove(): void;
}

/** Chrome's extension id for a public key: the first 128 bits of its SHA-256, in the letters a–p. */
export function extensionIdOf(publicKeyDer: Buffer): string {
  return [...createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Writes the blank extension into a temporary folder. */
export function writeFloorExtension(): FloorExtension {
  const dir = mkdtempSync(join(tmpdir(), 'portier-bench-floor-'));
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const manifest = {
    manifest_version: 3,
    name: 'Floor',
    version: '1.0.0',
    key: der.toString('base64'),
    content_scripts: [{ matches: [...SANDBOX_MATCHES], js: [FLOOR_SCRIPT], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, FLOOR_SCRIPT), '');
  writeFileSync(join(dir, FLOOR_PAGE), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body><h1>Floor</h1></body></html>');
  const id = extensionIdOf(der);
  return { dir, id, url: (path) => `chrome-extension://${id}/${path}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A page of the blank extension kept open while its page is timed. Portier's service worker keeps
 * Portier's extension process alive, so the panel's page never waits for a process to start; the
 * blank extension has no worker, and without this each of its loads would start one (and be the
 * slower of the two). Closes it.
 */
export async function keepFloorProcess(context: BrowserContext, floor: FloorExtension): Promise<() => Promise<void>> {
  const keeper = await context.newPage();
  await keeper.goto(floor.url(FLOOR_PAGE));
  return () => keeper.close();
}

/**
 * The blank page's navigation start to the first frame showing its heading, read inside the page as
 * timePanel reads the panel (shown-at.ts), and as Playwright's poller reads it (`polledMs`).
 */
export async function timeFloorPage(context: BrowserContext, floor: FloorExtension): Promise<{ ms: number; polledMs: number }> {
  const page = await context.newPage();
  try {
    await armShownAt(page, () => Boolean(document.querySelector('h1')?.textContent));
    await page.goto(floor.url(FLOOR_PAGE), { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (document.querySelector('h1')?.textContent ? performance.now() : false), undefined, { polling: 'raf', timeout: 20_000 });
    const polledMs = (await handle.jsonValue()) as number;
    return { ms: await shownAt(page), polledMs };
  } finally {
    await page.close();
  }
}

/**
 * The least pages that ask Portier's background, written into Portier's own build folder (the
 * bench's copy: an unpacked extension's files are read when asked for). Each is one classic script
 * that sends one message and writes the answer into a heading:
 * - `ping`: a message the background refuses at once (no such type: BAD_MESSAGE, no database read).
 *   Over the blank floor, what the browser charges for one script and one round trip to the
 *   service worker, which no panel showing the background's verdicts avoids.
 * - `verdict`: `getPageContext` for the tab, as the panel's first look asks it, showing the first
 *   destination's verdict. Over `ping`, the background's own work for the answer; `sidepanel.html`
 *   over it, the panel's own code.
 */
export type Probe = 'ping' | 'verdict';

const PROBE_MESSAGE: Record<Probe, string> = {
  ping: `{ type: 'portier-bench-ping' }`,
  verdict: `{ type: 'getPageContext', tabId: Number(new URLSearchParams(location.search).get('tab')) }`,
};
/** What each probe's heading says when the background answered as expected. */
const PROBE_SHOWS: Record<Probe, string> = {
  ping: `answer?.error?.code === 'BAD_MESSAGE' ? 'refused' : ''`,
  verdict: `answer?.result?.lastCard?.destinations?.[0]?.verdict?.action ?? ''`,
};

export const probePage = (probe: Probe) => `bench-probe-${probe}.html`;

export function writeBackgroundProbes(extensionDir: string): void {
  for (const probe of ['ping', 'verdict'] as const) {
    const script = `bench-probe-${probe}.js`;
    writeFileSync(join(extensionDir, probePage(probe)), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title><script async src="${script}"></script></head><body></body></html>`);
    writeFileSync(
      join(extensionDir, script),
      `(globalThis.browser ?? chrome).runtime.sendMessage(${PROBE_MESSAGE[probe]}).then((answer) => {
  const shown = ${PROBE_SHOWS[probe]};
  document.body.append(Object.assign(document.createElement('h1'), { textContent: shown || 'unexpected: ' + JSON.stringify(answer) }));
});
`,
    );
  }
}

/** A probe page's navigation start to the first frame showing its heading, read in the page. */
export async function timeProbePage(context: BrowserContext, extensionId: string, probe: Probe, tabId: number): Promise<number> {
  const page = await context.newPage();
  try {
    await armShownAt(page, () => Boolean(document.querySelector('h1')?.textContent));
    await page.goto(`chrome-extension://${extensionId}/${probePage(probe)}?tab=${tabId}`, { waitUntil: 'commit' });
    const ms = await shownAt(page);
    const text = await page.locator('h1').textContent();
    if (text?.startsWith('unexpected')) throw new Error(`The background probe "${probe}" showed ${text}`);
    return ms;
  } finally {
    await page.close();
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The median of the paired differences, Portier's reading minus the floor's, each pair from one moment. */
export function overFloor(portier: readonly number[], floor: readonly number[]): number {
  if (portier.length !== floor.length || portier.length === 0) throw new Error(`Paired readings needed: ${portier.length} vs ${floor.length}`);
  return round2(median(portier.map((ms, i) => ms - floor[i]!)));
}
