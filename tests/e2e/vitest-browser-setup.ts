import type { TestProject } from 'vitest/node';
import { missingBrowserNotice, runNeedsBrowser } from './browser-gate';
import { BrowserMissingError } from './install-browser';
import { ensureBrowserHere } from './local-browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why no browser can run Portier; empty when one can (or the run has no browser-driven file). */
    portierBrowserMissing: string;
  }
}

/**
 * vitest globalSetup: once per run, before any file, finds (or on Debian as root installs) the
 * browser the e2e files need, and hands any failure to vitest-browser-gate.ts in every worker.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('portierBrowserMissing', '');
  // The CLI's file filters: vitest keeps them on its instance without a public getter.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  if (!runNeedsBrowser(testFiles)) return;
  try {
    const found = await ensureBrowserHere((line) => console.log(line));
    console.log(`Browser for the end-to-end tests: ${found.path} (${found.source})`);
    if (found.warning) console.warn(found.warning);
  } catch (error) {
    if (!(error instanceof BrowserMissingError)) throw error;
    console.log(missingBrowserNotice(error.message));
    project.provide('portierBrowserMissing', error.message);
  }
}
