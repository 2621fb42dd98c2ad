/**
 * The browsers the tests drive, on this machine, for CI (.ci/run) and anyone setting up by hand:
 * a Chromium that can load Portier and a Firefox for tests/e2e/firefox (on Debian as root, Debian's
 * chromium and firefox-esr are installed when missing), and on Linux `xvfb-run` for the headed demo
 * test (tests/e2e/demo-headed.test.ts). Prints what it found or installed; otherwise the command
 * for this system, and exits 1. The same steps `npm run demo` and `npm test` take by themselves.
 */
import { ensureFirefoxHere } from '../tests/e2e/firefox/local-firefox';
import { BrowserMissingError } from '../tests/e2e/install-browser';
import { ensureBrowserHere } from '../tests/e2e/local-browser';
import { ensureXvfbHere } from '../tests/e2e/xvfb';

let missing = false;

try {
  const found = await ensureBrowserHere();
  console.log(`Browser for Portier: ${found.path} (${found.source})`);
  if (found.warning) console.warn(found.warning);
} catch (error) {
  if (!(error instanceof BrowserMissingError)) throw error;
  console.error(error.message);
  missing = true;
}

try {
  const found = await ensureFirefoxHere();
  console.log(`Firefox for Portier: ${found.path} (${found.source})`);
} catch (error) {
  if (!(error instanceof BrowserMissingError)) throw error;
  console.error(error.message);
  missing = true;
}

try {
  // Linux only: elsewhere the headed demo test is not one to run, and no display is installed.
  if (process.platform === 'linux') console.log(`xvfb-run for the headed demo test: ${await ensureXvfbHere()}`);
} catch (error) {
  if (!(error instanceof BrowserMissingError)) throw error;
  console.error(error.message);
  missing = true;
}

if (missing) process.exit(1);
