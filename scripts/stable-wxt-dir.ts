import type { WxtDirEntry } from 'wxt';

/**
 * `wxt build` writes `.wxt/tsconfig.json` before it builds, with the build's output folder in its
 * "exclude", and rewrites the file whenever that differs from what is there. The tests and the
 * bench build into several temporary folders at once (PORTIER_OUT_DIR), so one build could read
 * the file while another was rewriting it, and stop: "parsing .wxt/tsconfig.json failed:
 * SyntaxError: Unterminated string in JSON" (seen in `npm run bench`). Portier's own tsconfig.json
 * names what it includes, and no output folder is in it, so every build now writes the same
 * "exclude" (the default `.output`), the file is written once, and concurrent builds only read it.
 */
export const STABLE_EXCLUDE = '"exclude": ["../.output"]';

const EXCLUDE = /"exclude": \[[^\]]*\]/;

/** WXT's `prepare:types` hook: the tsconfig entry's "exclude" made the same for every output folder. */
export function stableTsconfig(entries: WxtDirEntry[]): void {
  const tsconfig = entries.find((entry): entry is Extract<WxtDirEntry, { path: string }> => 'path' in entry && entry.path === 'tsconfig.json');
  if (!tsconfig) throw new Error('WXT generated no .wxt/tsconfig.json entry: update scripts/stable-wxt-dir.ts for this WXT version.');
  if (!EXCLUDE.test(tsconfig.text)) throw new Error('.wxt/tsconfig.json has no "exclude" list any more: update scripts/stable-wxt-dir.ts for this WXT version.');
  tsconfig.text = tsconfig.text.replace(EXCLUDE, STABLE_EXCLUDE);
}
