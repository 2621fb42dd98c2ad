import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The content script runs on every vendor page load and must stay small (< 10 kB gzip): nothing it
 * imports at run time may pull zod, Dexie or ky. Type-only imports vanish at build time and are
 * allowed. This follows the run-time imports from entrypoints/content-script.ts. What WXT imports
 * by itself (auto-imports: `browser` would pull webextension-polyfill) is checked on the built
 * bundle by tests/unit/manifest.test.ts.
 */
const ROOT = resolve(__dirname, '../../..');

/** Run-time specifiers of a module: `import type` and `export type … from` are left out. */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)) {
    if (!match[2]) found.push(match[3]!);
  }
  for (const match of source.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1]!);
  return found;
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const file = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`${specifier} from ${relative(ROOT, from)} does not resolve`);
  return file;
}

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(resolveLocal(file, specifier));
      else packages.add(specifier);
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

describe('the content script', () => {
  const { files, packages } = graph('entrypoints/content-script.ts');

  it('imports no package at run time (WXT gives defineUnlistedScript; the extension API is the browser’s own)', () => {
    expect([...packages]).toEqual([]);
  });

  it('bundles the four page readers and only what they share', () => {
    // sandbox-pages.ts is imported, and left out of production bundles (tests/unit/manifest.test.ts).
    expect([...files].map((f) => relative(ROOT, f)).sort()).toEqual([
      'core/model/page-ids.ts',
      'core/vendors/hosts.ts',
      'core/vendors/list-view.ts',
      'core/vendors/page-url.ts',
      'core/vendors/page-watch.ts',
      'core/vendors/pages.ts',
      'core/vendors/sandbox-pages.ts',
      'core/vendors/url-watch.ts',
      'core/vendors/zendesk/page.ts',
      'core/vendors/zoho-connect/page.ts',
      'core/vendors/zoho-crm/page.ts',
      'core/vendors/zoho-desk/page.ts',
      'entrypoints/content-script.ts',
    ]);
  });

  it('is told apart from a type import by this check', () => {
    expect(runtimeImports("import type { A } from 'zod';\nimport { b, type C } from 'ky';\nexport type { D } from 'dexie';")).toEqual(['ky']);
  });
});
