/**
 * The browsers the tests drive, on this machine, for CI (.ci/run) and anyone setting up by hand:
 * a Chromium that can load Portier and a Firefox for tests/e2e/firefox (on Debian as root, Debian's
 * chromium and firefox-esr are installed when missing), and on Linux `xvfb-run` for the headed demo
 * test (tests/e2e/demo-headed.test.ts). Prints what it found or installed; otherwise the command
 * for this system, and exits 1. The same steps `npm run demo` and `npm test` take by themselves.
 */
import { existsSync } from 'node:fs';
import { ensureFirefoxHere } from '../tests/e2e/firefox/local-firefox';
import { BrowserMissingError } from '../tests/e2e/install-browser';
import { ensureBrowserHere, installContextHere, runCommand } from '../tests/e2e/local-browser';

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

const XVFB_RUN = '/usr/bin/xvfb-run';
if (process.platform === 'linux' && !existsSync(XVFB_RUN)) {
  const context = installContextHere();
  const debian = /^(ID|ID_LIKE)=.*debian/m.test(context.osRelease ?? '') && context.hasAptGet;
  if (debian && context.isRoot) {
    console.log('No xvfb-run here (the headed demo test needs a display): installing Debian’s xvfb package.');
    try {
      for (const command of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'xvfb']]) {
        console.log(`$ ${command.join(' ')}`);
        await runCommand(command);
      }
    } catch (error) {
      console.error(`Installing xvfb failed: ${(error as Error).message}`);
      missing = true;
    }
  } else {
    console.error(`No ${XVFB_RUN}: the headed demo test needs it. Install it with: ${debian ? 'sudo apt-get install -y xvfb' : 'your system’s xvfb package'}`);
    missing = true;
  }
}

if (missing) process.exit(1);
