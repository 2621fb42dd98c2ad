import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DANGEROUS_HTML_REFUSED, withoutInnerHtml } from '../../scripts/preact-without-inner-html';

/**
 * Portier renders page and vendor data as text only. Preact's one HTML sink is taken out of the
 * bundles at build time (scripts/preact-without-inner-html.ts; tests/unit/manifest.test.ts reads
 * the built bundles), and Portier's own code never reaches for one.
 */
const root = resolve(__dirname, '../..');
const ASSIGNMENT = /\.(inner|outer)HTML\s*=(?!=)/;

describe('preactWithoutInnerHtml', () => {
  const preact = readFileSync(join(root, 'node_modules/preact/dist/preact.mjs'), 'utf8');

  it("replaces Preact's innerHTML assignment with a refusal, and nothing else", () => {
    expect(preact).toMatch(ASSIGNMENT);
    const patched = withoutInnerHtml(preact);
    expect(patched).not.toMatch(ASSIGNMENT);
    expect(patched).toContain(DANGEROUS_HTML_REFUSED);
    // The rest of the renderer is untouched (the comparison with the current innerHTML stays).
    const refusal = `(()=>{throw new Error(${JSON.stringify(DANGEROUS_HTML_REFUSED)})})()`;
    expect(patched.replace(refusal, '<sink>')).toBe(preact.replace(/\(\w+\.innerHTML=\w+\.__html\)/, '<sink>'));
  });

  it('stops the build when Preact changed and the sink is not where it was', () => {
    expect(() => withoutInnerHtml('export const x = 1;', 'preact.mjs')).toThrow(/found 0.*update scripts\/preact-without-inner-html\.ts/s);
  });
});

describe("Portier's sources", () => {
  const files = ['components', 'entrypoints', 'core'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .map((f) => join(dir, f)),
  );

  it('set no HTML: no dangerouslySetInnerHTML, innerHTML or outerHTML assignment, insertAdjacentHTML or document.write', () => {
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => {
      const code = readFileSync(join(root, file), 'utf8');
      return code.includes('dangerouslySetInnerHTML') || ASSIGNMENT.test(code) || /\binsertAdjacentHTML\b|\bdocument\.write\(/.test(code);
    });
    expect(offenders).toEqual([]);
  });
});
