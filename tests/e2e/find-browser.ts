import { posix, win32 } from 'node:path';

/**
 * Where a browser that can load an unpacked extension from the command line is, on any system.
 * Pure: the machine is given (this-machine.ts reads the real one), so tests describe Linux, macOS
 * and Windows layouts with a fake file system.
 *
 * Branded Google Chrome and Microsoft Edge are never picked on their own: Chrome's stable builds
 * ignore `--load-extension` since Chrome 137 (Edge follows Chromium there), so the browser would
 * start without Portier in it. Chromium and Chrome for Testing (Playwright's own Chromium) keep it.
 */
export interface FileView {
  exists(path: string): boolean;
  /** The names in a folder; none when it does not exist. */
  list(dir: string): string[];
}

export interface SearchInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The user's home folder (macOS `~/Applications`, the default Playwright cache). */
  home: string;
  fs: FileView;
  /**
   * What playwright-core says of its browsers: `registry`, the folder they live in
   * (PLAYWRIGHT_BROWSERS_PATH or the default cache); `chromium`, the path it expects its own
   * Chromium at (`chromium.executablePath()`). Without them, the default cache folder is searched.
   */
  playwright?: { registry?: string; chromium?: string };
}

export type BrowserSource = 'CHROMIUM_PATH' | 'system Chromium' | 'Playwright Chromium';

export type BrowserSearch =
  | { found: true; path: string; source: BrowserSource; /** Why this browser may not load Portier. */ warning?: string }
  | {
      found: false;
      /** CHROMIUM_PATH, when it is set to a path that does not exist. */
      badEnvPath?: string;
      /** Branded browsers that are installed but cannot load Portier. */
      branded: BrandedBrowser[];
    };

export interface BrandedBrowser {
  name: 'Google Chrome' | 'Microsoft Edge';
  path: string;
}

export const BRANDED_WHY =
  'its stable builds ignore --load-extension since Chrome 137, so it would start without Portier in it';

export function findBrowser(input: SearchInput): BrowserSearch {
  const { env, fs } = input;
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (!fs.exists(fromEnv)) return { found: false, badEnvPath: fromEnv, branded: [] };
    const branded = brandOf(fromEnv);
    // The agent asked for this one: use it, but say why Portier may be missing from it.
    return branded
      ? { found: true, path: fromEnv, source: 'CHROMIUM_PATH', warning: `CHROMIUM_PATH is ${branded}: ${BRANDED_WHY}. Point it at Chromium or Chrome for Testing.` }
      : { found: true, path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const system = systemChromium(input).find((path) => fs.exists(path));
  if (system) return { found: true, path: system, source: 'system Chromium' };
  const managed = playwrightChromium(input).find((path) => fs.exists(path));
  if (managed) return { found: true, path: managed, source: 'Playwright Chromium' };
  return { found: false, branded: brandedBrowsers(input).filter((b) => fs.exists(b.path)) };
}

function pathsOf(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

/** Windows install folders, from the environment as Windows sets it (none when unset). */
function windowsRoots(env: SearchInput['env']): string[] {
  return [env.LOCALAPPDATA, env.PROGRAMFILES ?? env.ProgramFiles, env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)']].filter(
    (root): root is string => !!root,
  );
}

function systemChromium({ platform, env, home }: SearchInput): string[] {
  const { join } = pathsOf(platform);
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      join(home, 'Applications/Chromium.app/Contents/MacOS/Chromium'),
      '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    ];
  }
  if (platform === 'win32') return windowsRoots(env).map((root) => join(root, 'Chromium', 'Application', 'chrome.exe'));
  // Debian (chromium), Fedora and old Ubuntu (chromium-browser), Ubuntu's snap.
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];
}

function brandedBrowsers({ platform, env }: SearchInput): BrandedBrowser[] {
  const { join } = pathsOf(platform);
  const chrome = (path: string): BrandedBrowser => ({ name: 'Google Chrome', path });
  const edge = (path: string): BrandedBrowser => ({ name: 'Microsoft Edge', path });
  if (platform === 'darwin') {
    return [chrome('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'), edge('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge')];
  }
  if (platform === 'win32') {
    return windowsRoots(env).flatMap((root) => [
      chrome(join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      edge(join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ]);
  }
  return [
    chrome('/usr/bin/google-chrome'),
    chrome('/usr/bin/google-chrome-stable'),
    chrome('/opt/google/chrome/chrome'),
    edge('/usr/bin/microsoft-edge'),
    edge('/usr/bin/microsoft-edge-stable'),
    edge('/opt/microsoft/msedge/msedge'),
  ];
}

/** The brand of a browser path given by hand, if it is Google Chrome or Edge (Chrome for Testing is not). */
function brandOf(path: string): string | undefined {
  const p = path.replace(/\\/g, '/').toLowerCase();
  if (p.includes('for testing')) return undefined;
  if (/google[ -]chrome|\/google\/chrome\//.test(p)) return `Google Chrome (${path})`;
  if (/msedge|microsoft[ -]edge/.test(p)) return `Microsoft Edge (${path})`;
  return undefined;
}

/** Playwright's browser cache when playwright-core does not say: ~/.cache, ~/Library/Caches, %LOCALAPPDATA%. */
export function defaultPlaywrightRegistry({ platform, env, home }: Pick<SearchInput, 'platform' | 'env' | 'home'>): string {
  const { join } = pathsOf(platform);
  const fromEnv = env.PLAYWRIGHT_BROWSERS_PATH;
  if (fromEnv && fromEnv !== '0') return fromEnv;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'ms-playwright');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'ms-playwright');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'ms-playwright');
}

/**
 * The Chromium builds of Playwright's folder, where each sits inside `chromium-<revision>/`: the
 * one this playwright-core expects first, then any other revision, newest first (one installed by
 * another Playwright version, such as `npx playwright install chromium`, loads Portier as well).
 */
function playwrightChromium(input: SearchInput): string[] {
  const { platform } = input;
  const { join } = pathsOf(platform);
  const registry = input.playwright?.registry ?? defaultPlaywrightRegistry(input);
  const revisions = input.fs
    .list(registry)
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)));
  const inside =
    platform === 'darwin'
      ? [
          'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
          'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
          'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
        ]
      : platform === 'win32'
        ? ['chrome-win64/chrome.exe', 'chrome-win/chrome.exe']
        : ['chrome-linux64/chrome', 'chrome-linux-arm64/chrome', 'chrome-linux/chrome'];
  const found = revisions.flatMap((dir) => inside.map((rest) => join(registry, dir, ...rest.split('/'))));
  const expected = input.playwright?.chromium;
  return expected ? [expected, ...found.filter((path) => path !== expected)] : found;
}
