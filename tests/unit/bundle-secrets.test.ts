import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Whatever a bundle holds, every user can read: Portier's OAuth clients are public (PKCE), so a
 * production build is given client ids only, and refuses to build with a secret in its environment.
 * The builds are real `wxt build` runs, made once, before the tests.
 */
const root = resolve(__dirname, '../..');
const wxt = join(root, 'node_modules/.bin/wxt');

const IDS = { WXT_ZENDESK_CLIENT_ID: 'bundle_test_zendesk_public', WXT_ZOHO_CLIENT_ID: '1000.BUNDLETESTPUBLIC0000000000009' };
const SECRETS = { WXT_ZENDESK_CLIENT_SECRET: 'canary-zendesk-secret-5d1f', WXT_ZOHO_CLIENT_SECRET: 'canary-zoho-secret-77ab' };

interface Built {
  ok: boolean;
  output: string;
  outDir: string;
}

let dir = '';
const builds: Record<'production' | 'refused' | 'refusedVite' | 'sandbox', Built> = {} as never;

function build(name: keyof typeof builds, env: Record<string, string>): Promise<void> {
  const outDir = join(dir, name);
  // The test's own environment may not leak variables into these builds.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(WXT|VITE|PORTIER)_/.test(key)));
  return new Promise((done) => {
    execFile(wxt, ['build'], { cwd: root, env: { ...clean, ...env, PORTIER_OUT_DIR: outDir }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      builds[name] = { ok: !error, output: `${stdout}${stderr}`, outDir };
      done();
    });
  });
}

/** Every file a build wrote, as text. */
async function filesOf(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!existsSync(folder)) return files;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, await readFile(path, 'latin1'));
  }
  return files;
}

function expectNoSecret(files: Map<string, string>): void {
  for (const [path, text] of files) {
    for (const secret of Object.values(SECRETS)) expect(text.includes(secret), `${secret} in ${path}`).toBe(false);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portier-bundle-'));
  // One build at a time: two Vite builds at once on two cores only slow each other down.
  await build('production', IDS);
  await build('refused', { ...IDS, ...SECRETS });
  await build('refusedVite', { ...IDS, VITE_ZOHO_CLIENT_SECRET: SECRETS.WXT_ZOHO_CLIENT_SECRET });
  await build('sandbox', { ...SECRETS, PORTIER_SANDBOX: '1' });
  // A bound for a hung build, not a speed check: four Vite builds take minutes on a busy 2-core machine.
}, 900_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a production build', () => {
  it('names its public OAuth clients by id, and holds no secret', async () => {
    expect(builds.production.ok, builds.production.output).toBe(true);
    const files = await filesOf(builds.production.outDir);
    const background = [...files].find(([path]) => path.endsWith(join('chrome-mv3', 'background.js')))?.[1] ?? '';
    expect(background).toContain(IDS.WXT_ZENDESK_CLIENT_ID);
    expect(background).toContain(IDS.WXT_ZOHO_CLIENT_ID);
    expectNoSecret(files);
  });

  it.each(['refused', 'refusedVite'] as const)('fails when a client secret is set (%s), says what to do, and writes no bundle with it', async (name) => {
    const built = builds[name];
    expect(built.ok).toBe(false);
    expect(built.output).toMatch(/Refusing to build Portier with (WXT|VITE)_\w*SECRET/);
    expect(built.output).toMatch(/public OAuth clients with PKCE/);
    expect(built.output).toMatch(/Unset the variable/);
    expectNoSecret(await filesOf(built.outDir));
  });
});

describe('the sandbox flavour', () => {
  it('builds with its public clients and never reads a secret the environment holds', async () => {
    expect(builds.sandbox.ok, builds.sandbox.output).toBe(true);
    expectNoSecret(await filesOf(builds.sandbox.outDir));
  });
});
