import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Imports point down the layers (DESIGN.md): credentials sit below both the vendors and the
 * background, so neither core/credentials nor core/vendors reaches up into core/background, and
 * credentials know nothing of the vendors that use them.
 */
const core = resolve(__dirname, '../../core');

async function importsOf(folder: string): Promise<Array<{ file: string; target: string }>> {
  const found: Array<{ file: string; target: string }> = [];
  for (const entry of await readdir(join(core, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = relative(core, resolve(entry.parentPath, match[1] ?? ''));
      found.push({ file: relative(core, path), target });
    }
  }
  return found;
}

describe('layers', () => {
  it.each([
    ['credentials', ['background', 'vendors', 'jobs', 'db']],
    ['vendors', ['background', 'jobs']],
  ])('core/%s imports nothing from %j', async (folder, above) => {
    const upward = (await importsOf(folder)).filter(({ target }) => above.some((layer) => target === layer || target.startsWith(`${layer}/`)));
    expect(upward).toEqual([]);
  });

  it("takes zod's full build only through core/zod.ts, which makes it jitless before any schema", async () => {
    const root = resolve(core, '..');
    const direct: string[] = [];
    for (const folder of ['core', 'components', 'entrypoints']) {
      for (const entry of await readdir(join(root, folder), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
        const path = join(entry.parentPath, entry.name);
        // 'zod', 'zod/v4', 'zod/v4/classic': the full build; 'zod/mini' has no compiled parsers.
        if (/from\s+['"]zod(\/v4(\/classic)?)?['"]/.test(await readFile(path, 'utf8'))) direct.push(relative(root, path));
      }
    }
    expect(direct).toEqual(['core/zod.ts']);
  });

  it('finds the imports it checks (the check is not vacuous)', async () => {
    expect((await importsOf('vendors')).some(({ target }) => target === 'credentials')).toBe(true);
  });
});
