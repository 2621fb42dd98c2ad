/**
 * `npm test` on a machine with no browser for Portier: the run says so once, at its start, every
 * browser-driven file fails at once with that message (no silent skip, no build or sandbox started
 * for nothing), and every other test still runs. The decisions, apart from vitest's hooks
 * (vitest-browser-setup.ts, vitest-browser-gate.ts). Files under tests/e2e/firefox/ drive Firefox,
 * every other e2e file Chromium: each kind needs only its own browser.
 */

export type DrivenBrowser = 'chromium' | 'firefox';

/** The files that drive a browser: the end-to-end tests. */
export function isBrowserDriven(file: string): boolean {
  return /(^|[\\/])tests[\\/]e2e[\\/].+\.test\.tsx?$/.test(file);
}

/** The browser an end-to-end file drives; none for any other file. */
export function browserOf(file: string): DrivenBrowser | undefined {
  if (!isBrowserDriven(file)) return undefined;
  return /(^|[\\/])tests[\\/]e2e[\\/]firefox[\\/]/.test(file) ? 'firefox' : 'chromium';
}

/** The browsers a run needs: a run of unit tests only never looks for one, nor installs one. */
export function browsersNeeded(files: readonly string[]): DrivenBrowser[] {
  const needed = new Set(files.map(browserOf).filter((b): b is DrivenBrowser => b !== undefined));
  return (['chromium', 'firefox'] as const).filter((b) => needed.has(b));
}

/** Whether the run needs a browser at all. */
export function runNeedsBrowser(files: readonly string[]): boolean {
  return browsersNeeded(files).length > 0;
}

/** Printed once before any test, when the run has files driving `browser` and no such browser. */
export function missingBrowserNotice(message: string, browser: DrivenBrowser = 'chromium'): string {
  const title = browser === 'firefox' ? 'No Firefox for the Firefox end-to-end tests (tests/e2e/firefox)' : 'No browser for the end-to-end tests (tests/e2e)';
  return ['', `━━ ${title} ━━`, message, `Each ${browser === 'firefox' ? 'Firefox-driven' : 'browser-driven'} test file fails with this message; every other test still runs.`, ''].join('\n');
}

/** Why each browser is missing (empty or absent: it is there). */
export type MissingBrowsers = Partial<Record<DrivenBrowser, string>>;

/** The error a test file fails with before its first test, if any. */
export function gateFailure(file: string, missing: MissingBrowsers): string | undefined {
  const browser = browserOf(file);
  return (browser && missing[browser]) || undefined;
}
