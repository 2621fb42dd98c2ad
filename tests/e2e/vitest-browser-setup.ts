import type { TestProject } from 'vitest/node';
import { browsersNeeded, missingBrowserNotice, type DrivenBrowser } from './browser-gate';
import { ensureFirefoxHere } from './firefox/local-firefox';
import { BrowserMissingError } from './install-browser';
import { ensureBrowserHere } from './local-browser';
import { ensureXvfbHere, needsXvfb } from './xvfb';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why no Chromium can run Portier; empty when one can (or the run has no Chromium-driven file). */
    portierBrowserMissing: string;
    /** The same for Firefox and the files under tests/e2e/firefox/. */
    portierFirefoxMissing: string;
  }
}

const ENSURE: Record<DrivenBrowser, { key: 'portierBrowserMissing' | 'portierFirefoxMissing'; label: string; ensure: typeof ensureBrowserHere | typeof ensureFirefoxHere }> = {
  chromium: { key: 'portierBrowserMissing', label: 'Browser for the end-to-end tests', ensure: ensureBrowserHere },
  firefox: { key: 'portierFirefoxMissing', label: 'Firefox for the Firefox end-to-end tests', ensure: ensureFirefoxHere },
};

/**
 * vitest globalSetup: once per run, before any file, finds (or on Debian as root installs) the
 * browsers the e2e files need, and xvfb-run for the headed demo test, and hands any missing
 * browser to vitest-browser-gate.ts in every worker.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('portierBrowserMissing', '');
  project.provide('portierFirefoxMissing', '');
  // The CLI's file filters: vitest keeps them on its instance without a public getter.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  for (const browser of browsersNeeded(testFiles)) {
    const { key, label, ensure } = ENSURE[browser];
    try {
      const found = await ensure((line) => console.log(line));
      console.log(`${label}: ${found.path} (${found.source})`);
      if ('warning' in found && found.warning) console.warn(found.warning);
    } catch (error) {
      if (!(error instanceof BrowserMissingError)) throw error;
      console.log(missingBrowserNotice(error.message, browser));
      project.provide(key, error.message);
    }
  }
  // The headed demo test says what is missing itself: this only spares a fresh Debian machine the step.
  if (needsXvfb(testFiles)) {
    try {
      console.log(`xvfb-run for the headed demo test: ${await ensureXvfbHere((line) => console.log(line))}`);
    } catch (error) {
      if (!(error instanceof BrowserMissingError)) throw error;
      console.log(`\n${error.message}\ntests/e2e/demo-headed.test.ts fails with this message; every other test still runs.\n`);
    }
  }
}
