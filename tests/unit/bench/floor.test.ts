import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extensionIdOf, FLOOR_PAGE, FLOOR_SCRIPT, overFloor, probePage, writeBackgroundProbes, writeFloorExtension, type Probe } from '../../bench/floor';

describe('the blank floor extension (tests/bench/floor.ts)', () => {
  const floor = writeFloorExtension();
  afterAll(() => floor.remove());
  const manifest = JSON.parse(readFileSync(join(floor.dir, 'manifest.json'), 'utf8')) as Record<string, any>;

  it('has an empty content script on the sandbox pages, one heading on its page, and no background', () => {
    expect(manifest.content_scripts).toEqual([{ matches: ['http://*.localhost/*'], js: [FLOOR_SCRIPT], run_at: 'document_idle' }]);
    expect(readFileSync(join(floor.dir, FLOOR_SCRIPT), 'utf8')).toBe('');
    const page = readFileSync(join(floor.dir, FLOOR_PAGE), 'utf8');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).not.toContain('<script');
    expect(manifest.background).toBeUndefined();
  });

  it('is named by its key: the id Chromium derives from it, known before launch', () => {
    const der = createPublicKey({ key: Buffer.from(manifest.key as string, 'base64'), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' });
    expect(floor.id).toBe(extensionIdOf(der));
    expect(floor.id).toMatch(/^[a-p]{32}$/);
    expect(floor.url(FLOOR_PAGE)).toBe(`chrome-extension://${floor.id}/floor.html`);
  });
});

describe('overFloor', () => {
  it('is the median of the paired differences', () => {
    expect(overFloor([130, 150, 120], [100, 100, 110])).toBe(30);
    // One slow moment slows both readings of the pair: it does not move the figure.
    expect(overFloor([130, 400, 131, 129, 130], [100, 370, 100, 100, 100])).toBe(30);
  });

  it('refuses readings that are not paired', () => {
    expect(() => overFloor([1, 2], [1])).toThrow('Paired readings needed');
    expect(() => overFloor([], [])).toThrow('Paired readings needed');
  });
});

describe('the background probes (writeBackgroundProbes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portier-probe-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeBackgroundProbes(dir);

  /** Runs a probe's script with a background that answers `answer`: what it sent, and the heading it wrote. */
  async function run(probe: Probe, answer: unknown): Promise<{ sent: unknown; heading: string }> {
    const script = readFileSync(join(dir, probePage(probe)), 'utf8').match(/<script async src="([^"]+)"><\/script>/)![1]!;
    let sent: unknown;
    const headings: string[] = [];
    const sandbox = {
      chrome: { runtime: { sendMessage: async (message: unknown) => ((sent = message), answer) } },
      location: { search: '?tab=42' },
      URLSearchParams,
      JSON,
      document: { createElement: () => ({}), body: { append: (h1: { textContent: string }) => headings.push(h1.textContent) } },
    };
    runInNewContext(readFileSync(join(dir, script), 'utf8'), sandbox);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { sent, heading: headings[0] ?? '' };
  }

  it('ping sends a message no handler knows, and shows the refusal', async () => {
    const refused = await run('ping', { ok: false, error: { code: 'BAD_MESSAGE', message: 'x' } });
    expect(refused.heading).toBe('refused');
    expect((refused.sent as { type: string }).type).not.toMatch(/^(getPageContext|listAccounts)$/);
    expect((await run('ping', { ok: true, result: {} })).heading).toMatch(/^unexpected: /);
  });

  it('verdict asks getPageContext for the tab in its address, and shows the first verdict', async () => {
    const shown = await run('verdict', { ok: true, result: { lastCard: { destinations: [{ verdict: { action: 'invite' } }] } } });
    expect(shown.sent).toEqual({ type: 'getPageContext', tabId: 42 });
    expect(shown.heading).toBe('invite');
    expect((await run('verdict', { ok: true, result: { lastCard: null } })).heading).toMatch(/^unexpected: /);
  });
});
