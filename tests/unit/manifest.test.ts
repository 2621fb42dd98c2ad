import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { ZENDESK, ZOHO } from '../sandbox/seed/ids';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Builds the extension for real (Chrome MV3, Firefox, and the sandbox flavour) and reads the
 * manifests back: the permissions a store reviewer and an admin see must be exactly these.
 * The lists are written out by hand on purpose, so that a change to core/vendors/hosts.ts shows here.
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

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  content_scripts?: { matches: string[]; js: string[] }[];
  side_panel?: { default_path: string };
  sidebar_action?: { default_panel: string };
  background?: { service_worker?: string; scripts?: string[] };
}

let dir = '';
const manifests: Record<'chrome' | 'firefox' | 'sandbox', Manifest> = {} as never;

async function build(name: keyof typeof manifests, args: string[], env: Record<string, string> = {}) {
  const outDir = join(dir, name);
  await run(wxt, ['build', ...args], { cwd: root, env: { ...process.env, ...env, PORTIER_OUT_DIR: outDir } });
  const folder = args.includes('firefox') ? 'firefox-mv2' : 'chrome-mv3';
  manifests[name] = JSON.parse(await readFile(join(outDir, folder, 'manifest.json'), 'utf8')) as Manifest;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portier-manifest-'));
  // One build at a time: two Vite builds at once on two cores only slow each other down.
  await build('chrome', []);
  await build('firefox', ['-b', 'firefox']);
  await build('sandbox', [], { PORTIER_SANDBOX: '1' });
}, 120_000);

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

  it('runs its content script on the agent apps only', () => {
    expect(manifests.chrome.content_scripts).toHaveLength(1);
    expect(sorted(manifests.chrome.content_scripts?.[0]?.matches)).toEqual(sorted(MATCHES));
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

  it('asks for storage, alarms, identity and the same vendor hosts (MV2 lists hosts with permissions)', () => {
    const all = [...(manifests.firefox.permissions ?? []), ...(manifests.firefox.host_permissions ?? [])];
    expect(sorted(all)).toEqual(sorted(['storage', 'alarms', 'identity', ...HOSTS]));
  });

  it('runs its content script on the same agent apps', () => {
    expect(sorted(manifests.firefox.content_scripts?.[0]?.matches)).toEqual(sorted(MATCHES));
  });
});

describe('sandbox flavour', () => {
  it('adds the *.localhost sandbox hosts to permissions and content-script matches', () => {
    expect(sorted(manifests.sandbox.host_permissions)).toEqual(sorted([...HOSTS, SANDBOX]));
    expect(sorted(manifests.sandbox.content_scripts?.[0]?.matches)).toEqual(sorted([...MATCHES, SANDBOX]));
  });

  it('is the only flavour that does', () => {
    const production = JSON.stringify([manifests.chrome, manifests.firefox]);
    expect(production).not.toContain('localhost');
  });

  it('reaches no Zoho host by wildcard', () => {
    for (const host of manifests.chrome.host_permissions ?? []) expect(host).not.toMatch(/^https:\/\/\*\.zoho/);
    expect(HOSTS).toHaveLength(1 + 8 * 5);
  });

  it('is the only flavour whose content script and background know the sandbox pages', async () => {
    const script = (name: 'chrome' | 'firefox' | 'sandbox', file: string) =>
      readFile(join(dir, name, name === 'firefox' ? 'firefox-mv2' : 'chrome-mv3', file), 'utf8');
    // The page detectors' sandbox domains (core/vendors/sandbox-pages.ts): any `<name>.localhost`.
    const sandboxHost = /[a-z0-9]\.localhost/;
    for (const name of ['chrome', 'firefox'] as const) {
      const content = await script(name, 'content-scripts/content.js');
      expect(content, `${name} content script`).toContain('zendesk.com');
      expect(content, `${name} content script`).not.toMatch(sandboxHost);
      expect(await script(name, 'background.js'), `${name} background`).not.toMatch(sandboxHost);
    }
    const sandbox = await script('sandbox', 'content-scripts/content.js');
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
