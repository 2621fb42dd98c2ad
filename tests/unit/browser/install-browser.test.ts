import { describe, expect, it } from 'vitest';
import type { BrowserSearch } from '../../e2e/find-browser';
import { BrowserMissingError, ensureBrowser, missingBrowserMessage, planInstall, type InstallContext } from '../../e2e/install-browser';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const RASPBIAN = 'ID=raspbian\nID_LIKE=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n';
const MINT = 'ID=linuxmint\nID_LIKE="ubuntu debian"\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

const debianRoot: InstallContext = { platform: 'linux', isRoot: true, osRelease: DEBIAN, hasAptGet: true, hasBrew: false };
const APT = [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'chromium']];

describe('planInstall', () => {
  it.each<[string, Partial<InstallContext>, ReturnType<typeof planInstall>]>([
    ['Debian as root: apt-get, run by Portier', {}, { kind: 'run', commands: APT }],
    ['a Debian derivative as root', { osRelease: RASPBIAN }, { kind: 'run', commands: APT }],
    ['Debian as a user: the sudo command', { isRoot: false }, { kind: 'tell', command: 'sudo apt-get update && sudo apt-get install -y chromium' }],
    ['Ubuntu, whose chromium is a snap', { osRelease: UBUNTU }, { kind: 'tell', command: 'npx playwright-core install --with-deps chromium' }],
    ['an Ubuntu derivative', { osRelease: MINT }, { kind: 'tell', command: 'npx playwright-core install --with-deps chromium' }],
    ['Fedora', { osRelease: FEDORA, hasAptGet: false }, { kind: 'tell', command: 'npx playwright-core install chromium' }],
    ['Linux with no os-release', { osRelease: undefined }, { kind: 'tell', command: 'npx playwright-core install chromium' }],
    ['Debian without apt-get', { hasAptGet: false }, { kind: 'tell', command: 'npx playwright-core install chromium' }],
    ['macOS with Homebrew', { platform: 'darwin', osRelease: undefined, hasAptGet: false, hasBrew: true }, { kind: 'tell', command: 'brew install --cask chromium' }],
    ['macOS without Homebrew', { platform: 'darwin', osRelease: undefined, hasAptGet: false }, { kind: 'tell', command: 'npx playwright-core install chromium' }],
    ['Windows', { platform: 'win32', osRelease: undefined, hasAptGet: false, isRoot: false }, { kind: 'tell', command: 'npx playwright-core install chromium' }],
  ])('%s', (_, context, plan) => {
    expect(planInstall({ ...debianRoot, ...context })).toEqual(plan);
  });
});

describe('missingBrowserMessage', () => {
  it('names the branded browsers it will not use and why, then the command', () => {
    const message = missingBrowserMessage(
      { found: false, branded: [{ name: 'Google Chrome', path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' }] },
      { kind: 'tell', command: 'brew install --cask chromium' },
    );
    expect(message).toContain('Google Chrome is at /Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(message).toContain('ignore --load-extension since Chrome 137');
    expect(message).toContain('Install Chromium with: brew install --cask chromium');
    expect(message).toContain('CHROMIUM_PATH');
  });

  it('blames a wrong CHROMIUM_PATH, not the machine', () => {
    const message = missingBrowserMessage({ found: false, badEnvPath: '/nope', branded: [] }, { kind: 'run', commands: APT });
    expect(message).toContain('CHROMIUM_PATH points at /nope, which does not exist');
    expect(message).not.toContain('apt-get');
  });
});

/** ensureBrowser on a fake machine: `installs` makes Chromium appear once the last command has run. */
function fakeMachine(context: InstallContext, options: { installs?: boolean; before?: BrowserSearch; failOn?: string } = {}) {
  const ran: string[][] = [];
  const logged: string[] = [];
  let installed = false;
  const deps = {
    context,
    search: (): BrowserSearch => (installed ? { found: true, path: '/usr/bin/chromium', source: 'system Chromium' } : (options.before ?? { found: false, branded: [] })),
    run: async (command: string[]) => {
      ran.push(command);
      if (command.includes(options.failOn ?? '\0')) throw new Error('exit code 100');
      if (command.includes('install') && options.installs !== false) installed = true;
    },
    log: (line: string) => logged.push(line),
  };
  return { deps, ran, logged };
}

describe('ensureBrowser', () => {
  it('returns the browser found without running anything', async () => {
    const machine = fakeMachine(debianRoot, { before: { found: true, path: '/usr/bin/chromium', source: 'system Chromium' } });
    await expect(ensureBrowser(machine.deps)).resolves.toMatchObject({ path: '/usr/bin/chromium' });
    expect(machine.ran).toEqual([]);
  });

  it('on Debian as root installs chromium with apt-get, printing each command first', async () => {
    const machine = fakeMachine(debianRoot);
    await expect(ensureBrowser(machine.deps)).resolves.toMatchObject({ found: true, path: '/usr/bin/chromium' });
    expect(machine.ran).toEqual(APT);
    expect(machine.logged).toEqual([
      'No Chromium here: installing Debian’s chromium package.',
      '$ apt-get update -qq',
      '$ apt-get install -y -qq chromium',
      'Chromium installed: /usr/bin/chromium',
    ]);
  });

  it('elsewhere runs nothing and throws the one command for that system', async () => {
    const machine = fakeMachine({ ...debianRoot, platform: 'darwin', osRelease: undefined, hasBrew: true });
    const error = await ensureBrowser(machine.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserMissingError);
    expect((error as Error).message).toContain('Install Chromium with: brew install --cask chromium');
    expect(machine.ran).toEqual([]);
  });

  it('never installs around a wrong CHROMIUM_PATH', async () => {
    const machine = fakeMachine(debianRoot, { before: { found: false, badEnvPath: '/nope', branded: [] } });
    await expect(ensureBrowser(machine.deps)).rejects.toThrow('CHROMIUM_PATH points at /nope');
    expect(machine.ran).toEqual([]);
  });

  it('a failing apt-get stops there and says which command failed', async () => {
    const machine = fakeMachine(debianRoot, { failOn: 'update' });
    await expect(ensureBrowser(machine.deps)).rejects.toThrow(/^apt-get update -qq failed: exit code 100\n/);
    expect(machine.ran).toEqual([APT[0]]);
  });

  it('an install that leaves no Chromium where Portier looks is an error, not a launch of nothing', async () => {
    const machine = fakeMachine(debianRoot, { installs: false });
    await expect(ensureBrowser(machine.deps)).rejects.toThrow('Chromium was installed but is not where Portier looks');
  });
});
