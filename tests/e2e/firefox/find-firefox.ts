import { posix, win32 } from 'node:path';
import { BrowserMissingError, commandLine, type InstallContext, type InstallPlan } from '../install-browser';

/**
 * Where a Firefox that can run Portier is, and how to get one: the Firefox twin of find-browser.ts
 * and install-browser.ts. Pure: the machine is given (local-firefox.ts reads the real one).
 *
 * Firefox is driven over WebDriver BiDi (puppeteer-core), which every Firefox since 129 speaks;
 * Portier's manifest asks for 140 (wxt.config.ts). Debian ships its ESR as `firefox-esr`.
 */
export interface FirefoxSearchInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  exists(path: string): boolean;
}

export type FirefoxSource = 'FIREFOX_PATH' | 'system Firefox';

export type FirefoxSearch =
  | { found: true; path: string; source: FirefoxSource }
  | { found: false; /** FIREFOX_PATH, when it names a file that does not exist. */ badEnvPath?: string };

export function findFirefox(input: FirefoxSearchInput): FirefoxSearch {
  const fromEnv = input.env.FIREFOX_PATH?.trim();
  if (fromEnv) return input.exists(fromEnv) ? { found: true, path: fromEnv, source: 'FIREFOX_PATH' } : { found: false, badEnvPath: fromEnv };
  const path = systemFirefox(input).find((candidate) => input.exists(candidate));
  return path ? { found: true, path, source: 'system Firefox' } : { found: false };
}

function systemFirefox({ platform, env, home }: FirefoxSearchInput): string[] {
  if (platform === 'darwin') {
    return ['/Applications/Firefox.app/Contents/MacOS/firefox', posix.join(home, 'Applications/Firefox.app/Contents/MacOS/firefox')];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? env.ProgramFiles, env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.map((root) => win32.join(root, 'Mozilla Firefox', 'firefox.exe'));
  }
  // Debian's ESR first (what CI installs), then a distribution's or Mozilla's own `firefox`.
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/opt/firefox/firefox'];
}

const MOZILLA = 'Firefox 140 or later from https://www.mozilla.org/firefox/ and set FIREFOX_PATH to it';

function osReleaseIds(osRelease: string | undefined): string[] {
  const field = (name: string) => osRelease?.match(new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm'))?.[1] ?? '';
  return `${field('ID')} ${field('ID_LIKE')}`.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Debian's `firefox-esr` where that is ordinary (Debian, as root); otherwise the command to run. */
export function planFirefoxInstall(context: InstallContext): InstallPlan {
  if (context.platform === 'darwin') return { kind: 'tell', command: context.hasBrew ? 'brew install --cask firefox' : `install ${MOZILLA}` };
  if (context.platform !== 'linux') return { kind: 'tell', command: `install ${MOZILLA}` };
  const ids = osReleaseIds(context.osRelease);
  // Ubuntu's firefox package is a snap, which a container cannot run and which BiDi drives poorly.
  if (ids.includes('ubuntu') || !ids.includes('debian') || !context.hasAptGet) return { kind: 'tell', command: `install ${MOZILLA}` };
  if (!context.isRoot) return { kind: 'tell', command: 'sudo apt-get update && sudo apt-get install -y firefox-esr' };
  return { kind: 'run', commands: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'firefox-esr']] };
}

export function missingFirefoxMessage(search: Extract<FirefoxSearch, { found: false }>, plan: InstallPlan): string {
  if (search.badEnvPath) {
    return `FIREFOX_PATH points at ${search.badEnvPath}, which does not exist. Point it at a Firefox 140 or later, or unset it so that Portier finds (or installs) Firefox itself.`;
  }
  const install = plan.kind === 'tell' ? plan.command : plan.commands.map(commandLine).join(' && ');
  return [
    'No Firefox was found for the Firefox end-to-end tests (FIREFOX_PATH, /usr/bin/firefox-esr, /usr/bin/firefox…).',
    `Install it with: ${install}`,
    'or set FIREFOX_PATH to a Firefox 140 or later.',
  ].join('\n');
}

export interface EnsureFirefoxDeps {
  search(): FirefoxSearch;
  context: InstallContext;
  run(command: string[]): Promise<void>;
  log(line: string): void;
}

/** A Firefox for Portier: found, or installed with each command printed; BrowserMissingError otherwise. */
export async function ensureFirefox(deps: EnsureFirefoxDeps): Promise<Extract<FirefoxSearch, { found: true }>> {
  const search = deps.search();
  if (search.found) return search;
  const plan = planFirefoxInstall(deps.context);
  if (search.badEnvPath || plan.kind === 'tell') throw new BrowserMissingError(missingFirefoxMessage(search, plan));
  deps.log('No Firefox here: installing Debian’s firefox-esr package.');
  for (const command of plan.commands) {
    deps.log(`$ ${commandLine(command)}`);
    try {
      await deps.run(command);
    } catch (error) {
      throw new BrowserMissingError(`${commandLine(command)} failed: ${(error as Error).message}\n${missingFirefoxMessage(search, plan)}`);
    }
  }
  const after = deps.search();
  if (!after.found) throw new BrowserMissingError(`firefox-esr was installed but is not where Portier looks.\n${missingFirefoxMessage(after, plan)}`);
  deps.log(`Firefox installed: ${after.path}`);
  return after;
}
