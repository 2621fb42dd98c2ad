/**
 * A browser that can load Portier on this machine, for CI (.ci/run) and anyone setting up by hand:
 * prints the one found, installs Debian's chromium on Debian as root, or prints the command for
 * this system and exits 1. The same step `npm run demo` and `npm test` take by themselves.
 */
import { BrowserMissingError } from '../tests/e2e/install-browser';
import { ensureBrowserHere } from '../tests/e2e/local-browser';

try {
  const found = await ensureBrowserHere();
  console.log(`Browser for Portier: ${found.path} (${found.source})`);
  if (found.warning) console.warn(found.warning);
} catch (error) {
  if (!(error instanceof BrowserMissingError)) throw error;
  console.error(error.message);
  process.exit(1);
}
