import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, basename } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser, type BrowserSearch, type SearchInput } from './find-browser';
import { ensureBrowser, type InstallContext } from './install-browser';

/** find-browser.ts and install-browser.ts on this machine: its files, its platform, its Playwright. */

/** The folder holding `chromium-<revision>/`, from the path playwright-core expects its Chromium at. */
function playwrightHere(): SearchInput['playwright'] {
  let expected: string;
  try {
    expected = chromium.executablePath();
  } catch {
    return undefined; // A platform Playwright has no build for: the default cache is still searched.
  }
  for (let dir = dirname(expected); dir !== dirname(dir); dir = dirname(dir)) {
    if (/^chromium-\d+$/.test(basename(dir))) return { registry: dirname(dir), chromium: expected };
  }
  return { chromium: expected };
}

export function searchHere(): BrowserSearch {
  return findBrowser({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    fs: {
      exists: existsSync,
      list: (dir) => {
        try {
          return readdirSync(dir);
        } catch {
          return [];
        }
      },
    },
    playwright: playwrightHere(),
  });
}

export function installContextHere(): InstallContext {
  let osRelease: string | undefined;
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    osRelease = undefined;
  }
  return {
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    osRelease,
    hasAptGet: existsSync('/usr/bin/apt-get'),
    hasBrew: existsSync('/opt/homebrew/bin/brew') || existsSync('/usr/local/bin/brew'),
  };
}

/** One command with no terminal to ask questions on (CI, `npm test`): apt must not prompt. */
export function runCommand([file, ...args]: string[]): Promise<void> {
  return new Promise((done, fail) => {
    if (!file) return fail(new Error('no command'));
    const child = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.on('error', fail);
    child.on('exit', (code, signal) => (code === 0 ? done() : fail(new Error(signal ? `stopped by ${signal}` : `exit code ${code}`))));
  });
}

/** A browser for Portier on this machine, installing Debian's Chromium where that is ordinary. */
export function ensureBrowserHere(log: (line: string) => void = console.log) {
  return ensureBrowser({ search: searchHere, context: installContextHere(), run: runCommand, log });
}
