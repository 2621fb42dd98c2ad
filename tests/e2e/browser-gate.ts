/**
 * `npm test` on a machine with no browser for Portier: the run says so once, at its start, every
 * browser-driven file fails at once with that message (no silent skip, no build or sandbox started
 * for nothing), and every other test still runs. The decisions, apart from vitest's hooks
 * (vitest-browser-setup.ts, vitest-browser-gate.ts).
 */

/** The files that drive a browser: the end-to-end tests. */
export function isBrowserDriven(file: string): boolean {
  return /(^|[\\/])tests[\\/]e2e[\\/].+\.test\.tsx?$/.test(file);
}

/** Whether the run needs a browser at all: a run of unit tests only never looks for one, nor installs one. */
export function runNeedsBrowser(files: readonly string[]): boolean {
  return files.some(isBrowserDriven);
}

/** Printed once before any test, when the run has browser-driven files and no browser. */
export function missingBrowserNotice(message: string): string {
  return [
    '',
    '━━ No browser for the end-to-end tests (tests/e2e) ━━',
    message,
    'Each browser-driven test file fails with this message; every other test still runs.',
    '',
  ].join('\n');
}

/** The error a test file fails with before its first test, if any. */
export function gateFailure(file: string, missingBrowser: string | undefined): string | undefined {
  return missingBrowser && isBrowserDriven(file) ? missingBrowser : undefined;
}
