import { describe, expect, it } from 'vitest';
import { ensureFirefox, findFirefox, missingFirefoxMessage, planFirefoxInstall, type FirefoxSearch, type FirefoxSearchInput } from '../../e2e/firefox/find-firefox';
import { BrowserMissingError, type InstallContext } from '../../e2e/install-browser';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'ID=fedora\n';
const debianRoot: InstallContext = { platform: 'linux', isRoot: true, osRelease: DEBIAN, hasAptGet: true, hasBrew: false };
const APT = [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'firefox-esr']];

function machine(files: string[], input: Partial<FirefoxSearchInput> = {}): FirefoxSearchInput {
  return { platform: 'linux', env: {}, home: '/home/agent', exists: (path) => files.includes(path), ...input };
}

describe('findFirefox', () => {
  it.each<[string, FirefoxSearchInput, FirefoxSearch]>([
    ["Debian's ESR", machine(['/usr/bin/firefox-esr', '/usr/bin/firefox']), { found: true, path: '/usr/bin/firefox-esr', source: 'system Firefox' }],
    ['a distribution Firefox', machine(['/usr/bin/firefox']), { found: true, path: '/usr/bin/firefox', source: 'system Firefox' }],
    ['FIREFOX_PATH first', machine(['/usr/bin/firefox-esr', '/opt/ff/firefox'], { env: { FIREFOX_PATH: '/opt/ff/firefox' } }), { found: true, path: '/opt/ff/firefox', source: 'FIREFOX_PATH' }],
    ['a FIREFOX_PATH that does not exist is not worked around', machine(['/usr/bin/firefox-esr'], { env: { FIREFOX_PATH: '/nope' } }), { found: false, badEnvPath: '/nope' }],
    ['macOS', machine(['/Applications/Firefox.app/Contents/MacOS/firefox'], { platform: 'darwin' }), { found: true, path: '/Applications/Firefox.app/Contents/MacOS/firefox', source: 'system Firefox' }],
    [
      'Windows',
      machine(['C:\\Program Files\\Mozilla Firefox\\firefox.exe'], { platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files' } }),
      { found: true, path: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe', source: 'system Firefox' },
    ],
    ['none', machine([]), { found: false }],
  ])('%s', (_, input, expected) => {
    expect(findFirefox(input)).toEqual(expected);
  });
});

describe('planFirefoxInstall', () => {
  it.each<[string, Partial<InstallContext>, ReturnType<typeof planFirefoxInstall>]>([
    ['Debian as root: apt-get, run by Portier', {}, { kind: 'run', commands: APT }],
    ['Debian as a user', { isRoot: false }, { kind: 'tell', command: 'sudo apt-get update && sudo apt-get install -y firefox-esr' }],
    ["Ubuntu, whose firefox is a snap: Mozilla's build", { osRelease: UBUNTU }, { kind: 'tell', command: expect.stringContaining('mozilla.org') as unknown as string }],
    ['Fedora', { osRelease: FEDORA, hasAptGet: false }, { kind: 'tell', command: expect.stringContaining('FIREFOX_PATH') as unknown as string }],
    ['macOS with Homebrew', { platform: 'darwin', hasBrew: true }, { kind: 'tell', command: 'brew install --cask firefox' }],
  ])('%s', (_, context, plan) => {
    expect(planFirefoxInstall({ ...debianRoot, ...context })).toEqual(plan);
  });
});

describe('missingFirefoxMessage', () => {
  it('blames a wrong FIREFOX_PATH, not the machine', () => {
    const message = missingFirefoxMessage({ found: false, badEnvPath: '/nope' }, { kind: 'run', commands: APT });
    expect(message).toContain('FIREFOX_PATH points at /nope, which does not exist');
    expect(message).not.toContain('apt-get');
  });

  it('gives the command to run', () => {
    expect(missingFirefoxMessage({ found: false }, { kind: 'tell', command: 'brew install --cask firefox' })).toContain('Install it with: brew install --cask firefox');
  });
});

describe('ensureFirefox', () => {
  function fake(context: InstallContext, installs = true) {
    const ran: string[][] = [];
    let installed = false;
    const deps = {
      context,
      search: (): FirefoxSearch => (installed ? { found: true, path: '/usr/bin/firefox-esr', source: 'system Firefox' } : { found: false }),
      run: async (command: string[]) => {
        ran.push(command);
        if (installs && command.includes('firefox-esr')) installed = true;
      },
      log: () => undefined,
    };
    return { deps, ran };
  }

  it("installs Debian's firefox-esr as root, each command in turn", async () => {
    const { deps, ran } = fake(debianRoot);
    await expect(ensureFirefox(deps)).resolves.toMatchObject({ path: '/usr/bin/firefox-esr' });
    expect(ran).toEqual(APT);
  });

  it('runs nothing and says what to do elsewhere', async () => {
    const { deps, ran } = fake({ ...debianRoot, isRoot: false });
    await expect(ensureFirefox(deps)).rejects.toThrow(BrowserMissingError);
    await expect(ensureFirefox(deps)).rejects.toThrow('sudo apt-get install -y firefox-esr');
    expect(ran).toEqual([]);
  });

  it('says so when the package installed no Firefox where Portier looks', async () => {
    const { deps } = fake(debianRoot, false);
    await expect(ensureFirefox(deps)).rejects.toThrow('firefox-esr was installed but is not where Portier looks');
  });
});
