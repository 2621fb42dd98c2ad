import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extensionIdOf, FLOOR_PAGE, FLOOR_SCRIPT, overFloor, writeFloorExtension } from '../../bench/floor';

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
