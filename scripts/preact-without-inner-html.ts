import type { Plugin } from 'vite';

/**
 * Preact's renderer holds the one `innerHTML` assignment of Portier's bundles: the sink behind its
 * `dangerouslySetInnerHTML` prop (`t.innerHTML = h.__html`). Portier never uses that prop: every
 * name and address a helpdesk page or a vendor gives is rendered as text (DESIGN.md, "Boundaries").
 * So the sink is taken out of the build rather than justified: the prop now throws, a store
 * reviewer and Mozilla's linter (`web-ext lint`, UNSAFE_VAR_ASSIGNMENT) find no HTML sink, and a
 * future use of the prop fails in the built extension instead of reaching the page
 * (tests/unit/no-inner-html.test.ts also refuses it in the sources).
 *
 * The replacement is made on Preact's built file; when an update of Preact changes that code, the
 * build stops and says so, rather than ship the sink again unnoticed.
 */
const PREACT_BUILD = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;

/** `(t.innerHTML=h.__html)` in preact 11's minified diff; the names are the minifier's. */
const SINK = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;

export const DANGEROUS_HTML_REFUSED = 'dangerouslySetInnerHTML is refused in Portier: render page and vendor data as text.';

/** Preact's code with its innerHTML assignment replaced by a throw; fails when there is not exactly one. */
export function withoutInnerHtml(code: string, file = 'preact.mjs'): string {
  const found = code.match(SINK)?.length ?? 0;
  if (found !== 1) {
    throw new Error(
      `${file}: expected Preact's one "innerHTML=…__html" assignment, found ${found}. Preact's renderer changed: ` +
        'update scripts/preact-without-inner-html.ts so that no innerHTML sink reaches the bundles (web-ext lint must stay clean).',
    );
  }
  return code.replace(SINK, () => `(()=>{throw new Error(${JSON.stringify(DANGEROUS_HTML_REFUSED)})})()`);
}

export function preactWithoutInnerHtml(): Plugin {
  return {
    name: 'portier:preact-without-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT_BUILD.test(id.split('?')[0] ?? id)) return null;
      return { code: withoutInnerHtml(code, id), map: null };
    },
  };
}
