import { expect, inject } from 'vitest';
import { gateFailure } from './browser-gate';
import { BrowserMissingError } from './install-browser';

// vitest setupFiles: runs in each test file's worker before the file. A browser-driven file with no
// browser fails here, before it builds the extension or starts a sandbox it could not use.
const failure = gateFailure(expect.getState().testPath ?? '', { chromium: inject('portierBrowserMissing'), firefox: inject('portierFirefoxMissing') });
if (failure) {
  const error = new BrowserMissingError(failure);
  // The message is the whole story: no code frame of this file under it.
  error.stack = `${error.name}: ${error.message}`;
  throw error;
}
