import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../e2e/build';
import { browserOf, browsersNeeded, gateFailure, isBrowserDriven, missingBrowserNotice, runNeedsBrowser } from '../../e2e/browser-gate';

describe('which files need a browser', () => {
  it.each([
    ['/work/main/tests/e2e/sandbox-pages.test.ts', true],
    ['C:\\portier\\tests\\e2e\\panel-bulk.test.ts', true],
    ['/work/main/tests/e2e/harness.ts', false],
    ['/work/main/tests/unit/email.test.ts', false],
    ['/work/main/tests/sandbox/auth.test.ts', false],
  ])('%s → %s', (file, expected) => {
    expect(isBrowserDriven(file)).toBe(expected);
  });

  it('a run of unit tests only never looks for a browser', () => {
    expect(runNeedsBrowser(['/r/tests/unit/email.test.ts', '/r/tests/sandbox/auth.test.ts'])).toBe(false);
    expect(runNeedsBrowser(['/r/tests/unit/email.test.ts', '/r/tests/e2e/panel-bulk.test.ts'])).toBe(true);
  });

  it.each([
    ['/r/tests/e2e/panel-bulk.test.ts', 'chromium'],
    ['/r/tests/e2e/firefox/firefox.test.ts', 'firefox'],
    ['C:\\portier\\tests\\e2e\\firefox\\firefox.test.ts', 'firefox'],
    ['/r/tests/e2e/firefox/harness.ts', undefined],
    ['/r/tests/unit/firefox/thing.test.ts', undefined],
  ])('%s drives %s', (file, browser) => {
    expect(browserOf(file)).toBe(browser);
  });

  it('a run needs only the browsers its files drive', () => {
    expect(browsersNeeded(['/r/tests/e2e/firefox/firefox.test.ts'])).toEqual(['firefox']);
    expect(browsersNeeded(['/r/tests/e2e/panel-bulk.test.ts', '/r/tests/unit/email.test.ts'])).toEqual(['chromium']);
    expect(browsersNeeded(['/r/tests/e2e/firefox/firefox.test.ts', '/r/tests/e2e/panel-bulk.test.ts'])).toEqual(['chromium', 'firefox']);
    expect(browsersNeeded(['/r/tests/unit/email.test.ts'])).toEqual([]);
  });
});

describe('gateFailure', () => {
  it('fails a browser-driven file with the message when there is no browser', () => {
    expect(gateFailure('/r/tests/e2e/panel-bulk.test.ts', { chromium: 'Install Chromium with: x' })).toBe('Install Chromium with: x');
    expect(gateFailure('/r/tests/e2e/firefox/firefox.test.ts', { firefox: 'Install it with: y' })).toBe('Install it with: y');
  });

  it('lets every other file run, and every file when its browser is there', () => {
    expect(gateFailure('/r/tests/unit/email.test.ts', { chromium: 'Install Chromium with: x', firefox: 'y' })).toBeUndefined();
    expect(gateFailure('/r/tests/e2e/panel-bulk.test.ts', { chromium: '' })).toBeUndefined();
    expect(gateFailure('/r/tests/e2e/panel-bulk.test.ts', {})).toBeUndefined();
    // A missing Firefox stops only the Firefox files, a missing Chromium only the others.
    expect(gateFailure('/r/tests/e2e/panel-bulk.test.ts', { firefox: 'y' })).toBeUndefined();
    expect(gateFailure('/r/tests/e2e/firefox/firefox.test.ts', { chromium: 'x' })).toBeUndefined();
  });

  it('the notice carries the message and says the other tests still run', () => {
    const notice = missingBrowserNotice('Install Chromium with: x');
    expect(notice).toContain('Install Chromium with: x');
    expect(notice).toContain('every other test still runs');
    expect(missingBrowserNotice('Install it with: y', 'firefox')).toContain('No Firefox for the Firefox end-to-end tests');
  });
});

/** vitest itself, as `npm test` runs it, on a machine whose browser is missing. */
function vitestWithoutBrowser(files: string[], missing: Record<string, string> = { CHROMIUM_PATH: '/nonexistent/chromium' }): Promise<{ code: number; stdout: string; output: string }> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...missing, NO_COLOR: '1', FORCE_COLOR: '0' };
    // As from a shell: none of this (outer) run's vitest variables.
    delete env.VITEST;
    delete env.VITEST_WORKER_ID;
    delete env.VITEST_POOL_ID;
    execFile(`${ROOT}node_modules/.bin/vitest`, ['run', ...files], { cwd: ROOT, env, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, output: `${stdout}${stderr}` });
    });
  });
}

describe('vitest with no browser (the config’s globalSetup and setupFiles)', () => {
  it('says so once at the start, fails the browser-driven file before it starts, runs the rest, exits non-zero', async () => {
    const { code, stdout, output } = await vitestWithoutBrowser(['tests/e2e/sandbox-pages.test.ts', 'tests/unit/browser/install-browser.test.ts']);
    expect(code).not.toBe(0);
    const noticeAt = output.indexOf('No browser for the end-to-end tests');
    expect(noticeAt, output).toBeGreaterThanOrEqual(0);
    expect(output.indexOf('No browser for the end-to-end tests', noticeAt + 1)).toBe(-1);
    // Before any file's result.
    expect(stdout.indexOf('No browser for the end-to-end tests'), stdout).toBeLessThan(stdout.indexOf('install-browser.test.ts'));
    expect(output).toMatch(/FAIL\s+tests\/e2e\/sandbox-pages\.test\.ts/);
    expect(output).toContain('BrowserMissingError: CHROMIUM_PATH points at /nonexistent/chromium');
    expect(output).toMatch(/Test Files\s+1 failed \| 1 passed/);
    expect(output).not.toMatch(/skipped/i);
  }, 120_000);

  it('fails a Firefox file alone when Firefox is missing, before it builds or launches anything', async () => {
    const { code, output } = await vitestWithoutBrowser(['tests/e2e/firefox/firefox.test.ts', 'tests/unit/browser/find-firefox.test.ts'], { FIREFOX_PATH: '/nonexistent/firefox' });
    expect(code).not.toBe(0);
    expect(output).toContain('No Firefox for the Firefox end-to-end tests');
    expect(output).not.toContain('No browser for the end-to-end tests');
    expect(output).toMatch(/FAIL\s+tests\/e2e\/firefox\/firefox\.test\.ts/);
    expect(output).toContain('BrowserMissingError: FIREFOX_PATH points at /nonexistent/firefox');
    expect(output).toMatch(/Test Files\s+1 failed \| 1 passed/);
  }, 120_000);
});
