import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPlaywrightRegistry, findBrowser, type SearchInput } from '../../e2e/find-browser';

/** A file system holding exactly `files` (and the folders above them). */
function fakeFs(platform: NodeJS.Platform, files: string[]): SearchInput['fs'] {
  const path = platform === 'win32' ? win32 : posix;
  return {
    exists: (p) => files.includes(p),
    list: (dir) => [...new Set(files.filter((f) => f.startsWith(dir + path.sep)).map((f) => f.slice(dir.length + 1).split(path.sep)[0]!))],
  };
}

const LINUX_HOME = '/home/ana';
const MAC_HOME = '/Users/ana';
const WIN_HOME = 'C:\\Users\\ana';
const WIN_ENV = {
  LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
};

function search(platform: NodeJS.Platform, files: string[], extra: Partial<SearchInput> = {}) {
  const home = platform === 'win32' ? WIN_HOME : platform === 'darwin' ? MAC_HOME : LINUX_HOME;
  const env = platform === 'win32' ? WIN_ENV : {};
  return findBrowser({ platform, home, env, fs: fakeFs(platform, files), ...extra });
}

const PW_LINUX = '/home/ana/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const PW_MAC = '/Users/ana/Library/Caches/ms-playwright/chromium-1255/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
const PW_WIN = 'C:\\Users\\ana\\AppData\\Local\\ms-playwright\\chromium-1255\\chrome-win64\\chrome.exe';

describe('findBrowser: Linux', () => {
  it.each([
    ['Debian', '/usr/bin/chromium'],
    ['Fedora', '/usr/bin/chromium-browser'],
    ['Ubuntu snap', '/snap/bin/chromium'],
  ])('finds the system Chromium (%s)', (_, path) => {
    expect(search('linux', [path])).toEqual({ found: true, path, source: 'system Chromium' });
  });

  it('prefers the system Chromium to Playwright’s', () => {
    expect(search('linux', [PW_LINUX, '/usr/bin/chromium'])).toMatchObject({ path: '/usr/bin/chromium' });
  });

  it('finds Playwright’s Chromium in ~/.cache/ms-playwright', () => {
    expect(search('linux', [PW_LINUX])).toEqual({ found: true, path: PW_LINUX, source: 'Playwright Chromium' });
  });

  it('takes the revision playwright-core expects first, then the newest other one', () => {
    const older = '/home/ana/.cache/ms-playwright/chromium-1100/chrome-linux/chrome';
    const newer = '/home/ana/.cache/ms-playwright/chromium-1300/chrome-linux64/chrome';
    expect(search('linux', [older, newer, PW_LINUX], { playwright: { registry: '/home/ana/.cache/ms-playwright', chromium: PW_LINUX } })).toMatchObject({ path: PW_LINUX });
    expect(search('linux', [older, newer])).toMatchObject({ path: newer });
    expect(search('linux', [older])).toMatchObject({ path: older });
  });

  it('looks where PLAYWRIGHT_BROWSERS_PATH says and ignores Playwright’s other browsers', () => {
    const shared = '/opt/pw/chromium-1255/chrome-linux64/chrome';
    const input = { env: { PLAYWRIGHT_BROWSERS_PATH: '/opt/pw' } };
    expect(search('linux', [shared], input)).toMatchObject({ path: shared, source: 'Playwright Chromium' });
    expect(search('linux', ['/opt/pw/chromium_headless_shell-1255/chrome-linux64/chrome', '/opt/pw/firefox-1572/firefox/firefox'], input)).toMatchObject({ found: false });
  });

  it('never picks Google Chrome or Edge, and names them', () => {
    const result = search('linux', ['/usr/bin/google-chrome', '/opt/microsoft/msedge/msedge']);
    expect(result).toEqual({
      found: false,
      branded: [
        { name: 'Google Chrome', path: '/usr/bin/google-chrome' },
        { name: 'Microsoft Edge', path: '/opt/microsoft/msedge/msedge' },
      ],
    });
  });

  it('finds nothing on an empty machine', () => {
    expect(search('linux', [])).toEqual({ found: false, branded: [] });
  });
});

describe('findBrowser: macOS', () => {
  it('finds /Applications/Chromium.app, then ~/Applications', () => {
    const system = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    const mine = '/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(search('darwin', [system, mine])).toEqual({ found: true, path: system, source: 'system Chromium' });
    expect(search('darwin', [mine])).toMatchObject({ path: mine });
  });

  it('finds Playwright’s Chrome for Testing in ~/Library/Caches/ms-playwright (Intel too)', () => {
    expect(search('darwin', [PW_MAC])).toEqual({ found: true, path: PW_MAC, source: 'Playwright Chromium' });
    const intel = PW_MAC.replace('chrome-mac-arm64', 'chrome-mac-x64');
    expect(search('darwin', [intel])).toMatchObject({ path: intel });
  });

  it('with only Google Chrome installed, finds nothing and says Chrome is there', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(search('darwin', [chrome])).toEqual({ found: false, branded: [{ name: 'Google Chrome', path: chrome }] });
  });

  it('ignores Linux paths on macOS', () => {
    expect(search('darwin', ['/usr/bin/chromium'])).toMatchObject({ found: false });
  });
});

describe('findBrowser: Windows', () => {
  it.each([
    ['per-user install', 'C:\\Users\\ana\\AppData\\Local\\Chromium\\Application\\chrome.exe'],
    ['machine install', 'C:\\Program Files\\Chromium\\Application\\chrome.exe'],
    ['32-bit install', 'C:\\Program Files (x86)\\Chromium\\Application\\chrome.exe'],
  ])('finds Chromium (%s)', (_, path) => {
    expect(search('win32', [path])).toEqual({ found: true, path, source: 'system Chromium' });
  });

  it('finds Playwright’s Chromium in %LOCALAPPDATA%\\ms-playwright', () => {
    expect(search('win32', [PW_WIN])).toEqual({ found: true, path: PW_WIN, source: 'Playwright Chromium' });
  });

  it('with only Google Chrome and Edge installed, finds nothing and names both', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(search('win32', [chrome, edge])).toEqual({
      found: false,
      branded: [
        { name: 'Google Chrome', path: chrome },
        { name: 'Microsoft Edge', path: edge },
      ],
    });
  });
});

describe('findBrowser: CHROMIUM_PATH', () => {
  it('comes before everything else', () => {
    const custom = '/opt/chromium/chrome';
    expect(search('linux', [custom, '/usr/bin/chromium'], { env: { CHROMIUM_PATH: custom } })).toEqual({ found: true, path: custom, source: 'CHROMIUM_PATH' });
  });

  it('pointing at nothing is an error, never a fallback to another browser', () => {
    expect(search('linux', ['/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/nonexistent' } })).toEqual({ found: false, badEnvPath: '/nonexistent', branded: [] });
  });

  it.each([
    ['linux', '/usr/bin/google-chrome-stable', 'Google Chrome'],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'Google Chrome'],
    ['win32', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'Microsoft Edge'],
  ] as const)('pointing at a branded browser (%s) is used, with the reason it will not load Portier', (platform, path, brand) => {
    const result = search(platform, [path], { env: { ...(platform === 'win32' ? WIN_ENV : {}), CHROMIUM_PATH: path } });
    expect(result).toMatchObject({ found: true, path, source: 'CHROMIUM_PATH' });
    expect(result.found && result.warning).toContain(brand);
    expect(result.found && result.warning).toContain('Chrome 137');
  });

  it('pointing at Chrome for Testing carries no warning', () => {
    const result = search('darwin', [PW_MAC], { env: { CHROMIUM_PATH: PW_MAC } });
    expect(result).toEqual({ found: true, path: PW_MAC, source: 'CHROMIUM_PATH' });
  });
});

describe('defaultPlaywrightRegistry', () => {
  it.each([
    ['linux', LINUX_HOME, {}, '/home/ana/.cache/ms-playwright'],
    ['linux', LINUX_HOME, { XDG_CACHE_HOME: '/var/cache/ana' }, '/var/cache/ana/ms-playwright'],
    ['darwin', MAC_HOME, {}, '/Users/ana/Library/Caches/ms-playwright'],
    ['win32', WIN_HOME, WIN_ENV, 'C:\\Users\\ana\\AppData\\Local\\ms-playwright'],
    ['linux', LINUX_HOME, { PLAYWRIGHT_BROWSERS_PATH: '/opt/pw' }, '/opt/pw'],
  ] as const)('%s %j → %s', (platform, home, env, expected) => {
    expect(defaultPlaywrightRegistry({ platform, home, env })).toBe(expected);
  });
});
