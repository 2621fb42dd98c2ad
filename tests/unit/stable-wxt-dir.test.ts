import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WxtDirEntry } from 'wxt';
import { STABLE_EXCLUDE, stableTsconfig } from '../../scripts/stable-wxt-dir';

const ROOT = join(__dirname, '../..');

/** .wxt/tsconfig.json as WXT 0.21 writes it, excluding `outDir`. */
const tsconfigFor = (outDir: string) => `{
  "compilerOptions": { "strict": true },
  "include": ["../**/*", "./wxt.d.ts"],
  "exclude": ["${outDir}"]
}`;

describe('one .wxt/tsconfig.json for every output folder (scripts/stable-wxt-dir.ts)', () => {
  it('gives builds into different folders the same file, so none rewrites it under another', () => {
    const texts = ['../../../tmp/portier-manifest-a', '../.output/sandbox', '../.output'].map((outDir) => {
      const entries: WxtDirEntry[] = [{ module: 'wxt/vite-builder-env' }, { path: 'tsconfig.json', text: tsconfigFor(outDir) }];
      stableTsconfig(entries);
      return (entries[1] as { text: string }).text;
    });
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain(STABLE_EXCLUDE);
    expect(texts[0]).toContain('"include": ["../**/*", "./wxt.d.ts"]');
  });

  it('stops the build, saying what to update, when WXT writes the file differently', () => {
    expect(() => stableTsconfig([{ path: 'wxt.d.ts', text: '' }])).toThrow(/no \.wxt\/tsconfig\.json entry/);
    expect(() => stableTsconfig([{ path: 'tsconfig.json', text: '{ "include": [] }' }])).toThrow(/no "exclude" list/);
  });

  it('is what WXT wrote for this checkout (wxt.config.ts runs it at every prepare and build)', () => {
    expect(readFileSync(join(ROOT, '.wxt/tsconfig.json'), 'utf8')).toContain(STABLE_EXCLUDE);
  });
});
