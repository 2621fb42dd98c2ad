import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { ZENDESK, ZOHO } from '../sandbox/seed/ids';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize, readZip } from './zip-reader';

/**
 * Builds the extension for real (Chrome MV3, Firefox, and the sandbox flavour) and reads the
 * manifests back: the permissions a store reviewer and an admin see must be exactly these.
 * The lists are written out by hand on purpose, so that a change to core/vendors/hosts.ts shows here.
 * Chrome and Firefox are built as `npm run build` does (`wxt zip`): the store packages are read
 * back too, and Mozilla's linter runs on the Firefox build.
 */
const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const wxt = join(root, 'node_modules/.bin/wxt');

const ZOHO_TLDS = ['com', 'eu', 'in', 'com.au', 'jp', 'com.cn', 'sa'];
/**
 * Only the hosts Portier calls or runs on, per data center: Desk, CRM and Connect, the accounts
 * server, and the CRM API. Never `*.zoho.<tld>`, which would reach Mail and every other Zoho app.
 */
const zohoHosts = (web: string, api: string) => [
  `https://desk.${web}/*`,
  `https://crm.${web}/*`,
  `https://connect.${web}/*`,
  `https://accounts.${web}/*`,
  `https://www.${api}/*`,
];
const HOSTS = [
  'https://*.zendesk.com/*',
  ...ZOHO_TLDS.flatMap((tld) => zohoHosts(`zoho.${tld}`, `zohoapis.${tld}`)),
  ...zohoHosts('zohocloud.ca', 'zohoapis.ca'),
];
/** The agent apps' pages only: not Desk's help centers (`/portal/…`) nor anything else on those hosts. */
const MATCHES = [
  'https://*.zendesk.com/agent/*',
  ...[...ZOHO_TLDS.map((tld) => `zoho.${tld}`), 'zohocloud.ca'].flatMap((web) => [
    `https://desk.${web}/agent/*`,
    `https://crm.${web}/crm/*`,
    `https://connect.${web}/portal/*`,
  ]),
];
const SANDBOX = 'http://*.localhost/*';
/** A plain script (entrypoints/content-script.ts) that wxt.config.ts lists, not a WXT content script. */
const CONTENT_SCRIPT = 'content-script.js';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  content_scripts?: { matches: string[]; js: string[]; run_at?: string }[];
  side_panel?: { default_path: string };
  sidebar_action?: { default_panel: string };
  background?: { service_worker?: string; scripts?: string[]; persistent?: boolean };
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[]; optional?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
}

let dir = '';
const manifests: Record<'chrome' | 'firefox' | 'sandbox', Manifest> = {} as never;

async function build(name: keyof typeof manifests, command: 'build' | 'zip', args: string[], env: Record<string, string> = {}) {
  const outDir = join(dir, name);
  await run(wxt, [command, ...args], { cwd: root, env: { ...process.env, ...env, PORTIER_OUT_DIR: outDir } });
  const folder = args.includes('firefox') ? 'firefox-mv3' : 'chrome-mv3';
  manifests[name] = JSON.parse(await readFile(join(outDir, folder, 'manifest.json'), 'utf8')) as Manifest;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portier-manifest-'));
  // One build at a time: two Vite builds at once on two cores only slow each other down.
  await build('chrome', 'zip', []);
  await build('firefox', 'zip', ['-b', 'firefox']);
  await build('sandbox', 'build', [], { PORTIER_SANDBOX: '1' });
  // A bound for a hung build, not a speed check: three builds and two zips take minutes on a busy 2-core machine.
}, 900_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();

describe('Chrome MV3 manifest', () => {
  it('asks only for storage, alarms, identity, and the side panel WXT adds', () => {
    expect(manifests.chrome.manifest_version).toBe(3);
    expect(sorted(manifests.chrome.permissions)).toEqual(['alarms', 'identity', 'sidePanel', 'storage']);
  });

  it('reaches only the vendors, on every Zoho data center', () => {
    expect(sorted(manifests.chrome.host_permissions)).toEqual(sorted(HOSTS));
  });

  it('runs its content script on the agent apps only, once their pages are loaded', () => {
    expect(manifests.chrome.content_scripts).toHaveLength(1);
    expect(sorted(manifests.chrome.content_scripts?.[0]?.matches)).toEqual(sorted(MATCHES));
    expect(manifests.chrome.content_scripts?.[0]).toMatchObject({ js: [CONTENT_SCRIPT], run_at: 'document_idle' });
  });

  it('opens in the side panel, with a service worker', () => {
    expect(manifests.chrome.side_panel?.default_path).toBe('sidepanel.html');
    expect(manifests.chrome.sidebar_action).toBeUndefined();
    expect(manifests.chrome.background?.service_worker).toBe('background.js');
  });
});

describe('Firefox manifest', () => {
  it('uses a sidebar and asks for no side-panel permission', () => {
    expect(manifests.firefox.sidebar_action?.default_panel).toBe('sidepanel.html');
    expect(manifests.firefox.side_panel).toBeUndefined();
    expect(manifests.firefox.permissions).not.toContain('sidePanel');
  });

  it('asks for storage, alarms, identity and the same vendor hosts', () => {
    expect(sorted(manifests.firefox.permissions)).toEqual(['alarms', 'identity', 'storage']);
    expect(sorted(manifests.firefox.host_permissions)).toEqual(sorted(HOSTS));
  });

  it('is Manifest V3 with an event page: the background may stop and start again, as on Chrome (README, "Firefox")', () => {
    expect(manifests.firefox.manifest_version).toBe(3);
    expect(manifests.firefox.background).toEqual({ scripts: ['background.js'] });
  });

  it('has a stable add-on id, the Firefox versions its keys need, and declares the data it sends', () => {
    expect(manifests.firefox.browser_specific_settings).toEqual({
      // The id keeps an agent's data across updates and names the OAuth redirect URL.
      gecko: {
        id: 'portier@portier.app',
        // data_collection_permissions: Firefox 140 (desktop) and 142 (Android).
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['personallyIdentifyingInfo', 'authenticationInfo'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    });
    expect(manifests.chrome.browser_specific_settings).toBeUndefined();
  });

  it('runs its content script on the same agent apps', () => {
    expect(manifests.firefox.content_scripts).toHaveLength(1);
    expect(sorted(manifests.firefox.content_scripts?.[0]?.matches)).toEqual(sorted(MATCHES));
    expect(manifests.firefox.content_scripts?.[0]).toMatchObject({ js: [CONTENT_SCRIPT], run_at: 'document_idle' });
  });
});

describe('sandbox flavour', () => {
  it('adds the *.localhost sandbox hosts to permissions and content-script matches', () => {
    expect(sorted(manifests.sandbox.host_permissions)).toEqual(sorted([...HOSTS, SANDBOX]));
    expect(manifests.sandbox.content_scripts).toHaveLength(1);
    expect(sorted(manifests.sandbox.content_scripts?.[0]?.matches)).toEqual(sorted([...MATCHES, SANDBOX]));
    expect(manifests.sandbox.content_scripts?.[0]).toMatchObject({ js: [CONTENT_SCRIPT], run_at: 'document_idle' });
  });

  it('is the only flavour that does', () => {
    const production = JSON.stringify([manifests.chrome, manifests.firefox]);
    expect(production).not.toContain('localhost');
  });

  it('makes no page web-accessible in production (the Firefox sandbox build opens its panel by link: tests/e2e/firefox)', () => {
    expect(manifests.chrome.web_accessible_resources).toBeUndefined();
    expect(manifests.firefox.web_accessible_resources).toBeUndefined();
  });

  it('reaches no Zoho host by wildcard', () => {
    for (const host of manifests.chrome.host_permissions ?? []) expect(host).not.toMatch(/^https:\/\/\*\.zoho/);
    expect(HOSTS).toHaveLength(1 + 8 * 5);
  });

  it('is the only flavour whose content script and background know the sandbox pages', async () => {
    const script = (name: 'chrome' | 'firefox' | 'sandbox', file: string) =>
      readFile(join(dir, name, name === 'firefox' ? 'firefox-mv3' : 'chrome-mv3', file), 'utf8');
    // The page detectors' sandbox domains (core/vendors/sandbox-pages.ts): any `<name>.localhost`.
    const sandboxHost = /[a-z0-9]\.localhost/;
    for (const name of ['chrome', 'firefox'] as const) {
      const content = await script(name, CONTENT_SCRIPT);
      expect(content, `${name} content script`).toContain('zendesk.com');
      expect(content, `${name} content script`).not.toMatch(sandboxHost);
      expect(await script(name, 'background.js'), `${name} background`).not.toMatch(sandboxHost);
    }
    const sandbox = await script('sandbox', CONTENT_SCRIPT);
    expect(sandbox).toContain('zendesk.localhost');
    expect(sandbox).toContain('zoho.localhost');
  });

  it('is the only flavour whose background reaches the sandbox or knows its OAuth clients', async () => {
    const background = (name: 'chrome' | 'sandbox') => readFile(join(dir, name, 'chrome-mv3', 'background.js'), 'utf8');
    // The detour to *.localhost hosts and the sandbox's public clients (tests/sandbox/seed/ids.ts).
    const sandboxOnly = [ZENDESK.publicClient.id, ZOHO.publicClient.id, 'zohoapis.localhost'];
    const production = await background('chrome');
    for (const text of sandboxOnly) expect(production, text).not.toContain(text);
    const sandbox = await background('sandbox');
    for (const text of sandboxOnly) expect(sandbox, text).toContain(text);
    // Public clients: not even the sandbox flavour carries a secret (tests/unit/bundle-secrets.test.ts).
    for (const secret of [ZENDESK.client.secret, ZOHO.client.secret]) expect(sandbox, secret).not.toContain(secret);
  });
});

const VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const zipOf = (name: 'chrome' | 'firefox', file = `portier-${VERSION}-${name}.zip`) => readZip(join(dir, name, file));
const json = (files: Map<string, Buffer>, path: string) => JSON.parse(files.get(path)?.toString('utf8') ?? 'null') as Record<string, any>;

describe('store packages (npm run build)', () => {
  it('are one zip per browser, named and versioned from package.json, with the sources Mozilla reviews', async () => {
    expect((await readdir(join(dir, 'chrome'))).filter((f) => f.endsWith('.zip'))).toEqual([`portier-${VERSION}-chrome.zip`]);
    expect((await readdir(join(dir, 'firefox'))).filter((f) => f.endsWith('.zip')).sort()).toEqual([`portier-${VERSION}-firefox.zip`, `portier-${VERSION}-sources.zip`]);
    // What a reviewer needs to rebuild it, and no test run's screenshots.
    const sources = [...zipOf('firefox', `portier-${VERSION}-sources.zip`).keys()];
    for (const file of ['package.json', 'package-lock.json', 'wxt.config.ts', 'scripts/preact-without-inner-html.ts', 'entrypoints/background.ts']) expect(sources).toContain(file);
    expect(sources.filter((f) => /screenshots\/|node_modules\/|\.test\.tsx?$/.test(f))).toEqual([]);
  });

  it.each(['chrome', 'firefox'] as const)('%s: the version, the icons at 16/32/48/128 and the name and description in English and French', async (name) => {
    const files = zipOf(name);
    const folder = join(dir, name, `${name}-mv3`);
    // The zip is the folder that was tested, file for file.
    const built = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join('/'));
    expect([...files.keys()].sort()).toEqual(built.sort());
    const manifest = json(files, 'manifest.json');
    expect(manifest.version).toBe(VERSION);
    expect(manifest.default_locale).toBe('en');
    for (const size of [16, 32, 48, 128]) {
      const icon = files.get(manifest.icons?.[size] as string);
      expect(icon, `icon ${size}`).toBeDefined();
      expect(pngSize(icon!)).toEqual({ width: size, height: size });
    }
    const messages = { en: json(files, '_locales/en/messages.json'), fr: json(files, '_locales/fr/messages.json') };
    const used = [manifest.name, manifest.description, manifest.action?.default_title].map((v: string) => /^__MSG_(\w+)__$/.exec(v)?.[1]);
    expect(used).toEqual(['extName', 'extDescription', 'actionTitle']);
    for (const [lang, texts] of Object.entries(messages)) {
      for (const key of used) expect(texts?.[key!]?.message, `${lang} ${key}`).toBeTruthy();
      // The stores' limits: a name of 45 characters (Chrome), a description of 132.
      expect((texts!.extName.message as string).length).toBeLessThanOrEqual(45);
      expect((texts!.extDescription.message as string).length, lang).toBeLessThanOrEqual(132);
    }
    expect(messages.fr!.extDescription.message).not.toBe(messages.en!.extDescription.message);
  });

  it('leave webextension-polyfill and WXT\'s content-script context out of the content script (issue #13)', () => {
    for (const name of ['chrome', 'firefox'] as const) {
      const content = zipOf(name).get(CONTENT_SCRIPT)?.toString('utf8');
      expect(content, `${name} ${CONTENT_SCRIPT}`).toBeDefined();
      // The polyfill's start-up check, and the event WXT's context sends older copies of a script.
      expect(content).not.toContain('This script should only be loaded in a browser extension');
      expect(content).not.toContain('wxt:content-script-started');
      // The background keeps the polyfill: the check above would see it.
      expect(zipOf(name).get('background.js')?.toString('utf8')).toContain('This script should only be loaded in a browser extension');
    }
  });

  it('carry the side panel\'s styles in its page, not in sheets it would wait for (scripts/inline-panel-css.ts)', () => {
    for (const name of ['chrome', 'firefox'] as const) {
      const html = zipOf(name).get('sidepanel.html')?.toString('utf8') ?? '';
      const links = html.match(/<link[^>]+stylesheet[^>]*>/g) ?? [];
      // Each sheet is kept as a disabled link only: never fetched, and Vite's preload helper finds it.
      expect(links.length, `${name} sidepanel.html`).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(/ disabled>$/);
      // The panel's own rules (components/shared/panel.css) are there.
      expect(html).toMatch(/<style>[^<]*--pt-accent:/);
      // Each inlined sheet has its mark, which Vite's preload helper looks for before a lazy view fetches it.
      expect(html.match(/<style>/g)?.length).toBe(links.length);
    }
  });

  it('hold no innerHTML assignment in any bundle (scripts/preact-without-inner-html.ts)', () => {
    for (const name of ['chrome', 'firefox'] as const) {
      for (const [file, content] of zipOf(name)) {
        if (file.endsWith('.js')) expect(content.toString('utf8'), `${name} ${file}`).not.toMatch(/\.(inner|outer)HTML\s*=(?!=)/);
      }
    }
  });
});

describe("Mozilla's linter (web-ext lint)", () => {
  it('finds no error, no warning and no notice in the Firefox build', async () => {
    const { stdout } = await run(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(dir, 'firefox', 'firefox-mv3'), '--output', 'json', '--no-config-discovery'], {
      cwd: root,
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { summary: Record<string, number>; errors: unknown[]; warnings: unknown[]; notices: unknown[] };
    expect(report.summary, JSON.stringify([...report.errors, ...report.warnings, ...report.notices], null, 2)).toEqual({ errors: 0, notices: 0, warnings: 0 });
  }, 180_000);
});
