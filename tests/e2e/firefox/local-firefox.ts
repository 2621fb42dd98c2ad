import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { installContextHere, runCommand } from '../local-browser';
import { ensureFirefox, findFirefox, type FirefoxSearch } from './find-firefox';

/** find-firefox.ts on this machine. */
export function searchFirefoxHere(): FirefoxSearch {
  return findFirefox({ platform: process.platform, env: process.env, home: homedir(), exists: existsSync });
}

/** A Firefox for Portier on this machine, installing Debian's firefox-esr where that is ordinary. */
export function ensureFirefoxHere(log: (line: string) => void = console.log) {
  return ensureFirefox({ search: searchFirefoxHere, context: installContextHere(), run: runCommand, log });
}
