import { BRANDED_WHY, type BrowserSearch } from './find-browser';

/**
 * What to do when no browser can load Portier: install Debian's Chromium where that is ordinary
 * (Debian, as root, as in a container or CI), or say the one command for this system. Pure but for
 * `ensureBrowser`, whose commands go through a given `run`, so tests never run apt.
 */
export interface InstallContext {
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** /etc/os-release, when there is one. */
  osRelease?: string;
  hasAptGet: boolean;
  hasBrew: boolean;
}

export type InstallPlan =
  /** Commands Portier runs itself, each printed first. */
  | { kind: 'run'; commands: string[][] }
  /** The command the agent runs. */
  | { kind: 'tell'; command: string };

/** `npx playwright-core`, the copy in node_modules: it installs the Chromium build this version drives. */
const PLAYWRIGHT_INSTALL = 'npx playwright-core install chromium';

function osReleaseIds(osRelease: string | undefined): string[] {
  const field = (name: string) => osRelease?.match(new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm'))?.[1] ?? '';
  return `${field('ID')} ${field('ID_LIKE')}`.toLowerCase().split(/\s+/).filter(Boolean);
}

export function planInstall(context: InstallContext): InstallPlan {
  if (context.platform === 'darwin') return { kind: 'tell', command: context.hasBrew ? 'brew install --cask chromium' : PLAYWRIGHT_INSTALL };
  if (context.platform !== 'linux') return { kind: 'tell', command: PLAYWRIGHT_INSTALL };
  const ids = osReleaseIds(context.osRelease);
  // Ubuntu's chromium packages only install the snap, which does not run in a container: Playwright's build does.
  if (ids.includes('ubuntu')) return { kind: 'tell', command: 'npx playwright-core install --with-deps chromium' };
  if (!ids.includes('debian') || !context.hasAptGet) return { kind: 'tell', command: PLAYWRIGHT_INSTALL };
  if (!context.isRoot) return { kind: 'tell', command: 'sudo apt-get update && sudo apt-get install -y chromium' };
  // A fresh image has no package lists yet: update first.
  return { kind: 'run', commands: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'chromium']] };
}

export function commandLine(command: string[]): string {
  return command.join(' ');
}

/** Why no browser was found and what to do, as one message for the demo and the tests alike. */
export function missingBrowserMessage(search: Extract<BrowserSearch, { found: false }>, plan: InstallPlan): string {
  if (search.badEnvPath) {
    return `CHROMIUM_PATH points at ${search.badEnvPath}, which does not exist. Point it at a Chromium or Chrome for Testing binary, or unset it so that Portier finds (or installs) Chromium itself.`;
  }
  const lines = ['No browser that can load an unpacked extension was found (CHROMIUM_PATH, the system’s Chromium, Playwright’s Chromium).'];
  for (const branded of search.branded) lines.push(`${branded.name} is at ${branded.path}, but ${BRANDED_WHY}.`);
  const install = plan.kind === 'tell' ? plan.command : plan.commands.map(commandLine).join(' && ');
  lines.push(`Install Chromium with: ${install}`, 'or set CHROMIUM_PATH to a Chromium or Chrome for Testing binary.');
  return lines.join('\n');
}

export class BrowserMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserMissingError';
  }
}

export interface EnsureDeps {
  search(): BrowserSearch;
  context: InstallContext;
  /** Runs one command to its end; rejects when it fails. */
  run(command: string[]): Promise<void>;
  log(line: string): void;
}

/**
 * A browser that can load Portier: found, or installed with the commands printed as they run.
 * Throws BrowserMissingError with the message to show otherwise. A wrong CHROMIUM_PATH is never
 * installed around: the agent asked for that browser.
 */
export async function ensureBrowser(deps: EnsureDeps): Promise<Extract<BrowserSearch, { found: true }>> {
  const search = deps.search();
  if (search.found) return search;
  const plan = planInstall(deps.context);
  if (search.badEnvPath || plan.kind === 'tell') throw new BrowserMissingError(missingBrowserMessage(search, plan));
  deps.log('No Chromium here: installing Debian’s chromium package.');
  for (const command of plan.commands) {
    deps.log(`$ ${commandLine(command)}`);
    try {
      await deps.run(command);
    } catch (error) {
      throw new BrowserMissingError(`${commandLine(command)} failed: ${(error as Error).message}\n${missingBrowserMessage(search, plan)}`);
    }
  }
  const after = deps.search();
  if (!after.found) throw new BrowserMissingError(`Chromium was installed but is not where Portier looks.\n${missingBrowserMessage(after, plan)}`);
  deps.log(`Chromium installed: ${after.path}`);
  return after;
}
