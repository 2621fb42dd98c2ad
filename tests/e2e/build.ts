import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where wxt.config.ts lives. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The port `npm run sandbox` listens on, and the sandbox build's default. */
export const DEFAULT_SANDBOX_PORT = 8787;

export interface SandboxBuildOptions {
  /**
   * The sandbox port the build's background sends vendor calls to (WXT_SANDBOX_PORT); 8787 by
   * default, as `npm run sandbox`.
   */
  port?: number;
  /** More build-time variables (WXT_ZOHO_CLIENT_ID…); wxt.config.ts gives the sandbox's own otherwise. */
  env?: Record<string, string>;
  /** `chrome` (the default: the chrome-mv3 folder) or `firefox` (firefox-mv3). */
  browser?: 'chrome' | 'firefox';
}

/**
 * Builds the sandbox flavour of the extension (`PORTIER_SANDBOX=1 wxt build`: the production build
 * plus the sandbox's `*.localhost` hosts, its port and its fake OAuth clients) and returns its
 * MV3 folder, Chrome's unless `browser` says Firefox. `outDir` defaults to PORTIER_OUT_DIR, then
 * `.output/sandbox` as `npm run build:sandbox`; tests give a temporary folder. The build's output
 * is kept and shown only if it fails.
 */
export function buildSandboxExtension(outDir?: string, options: SandboxBuildOptions = {}): Promise<string> {
  const env = {
    ...process.env,
    ...options.env,
    PORTIER_SANDBOX: '1',
    WXT_SANDBOX_PORT: String(options.port ?? DEFAULT_SANDBOX_PORT),
    ...(outDir ? { PORTIER_OUT_DIR: outDir } : {}),
  };
  const browser = options.browser ?? 'chrome';
  const args = browser === 'firefox' ? ['build', '-b', 'firefox'] : ['build'];
  return new Promise((done, fail) => {
    execFile(join(ROOT, 'node_modules/.bin/wxt'), args, { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`The sandbox build failed (wxt ${args.join(' ')}):\n${stdout}${stderr}`));
      // PORTIER_OUT_DIR from the environment moves the build (wxt.config.ts): the folder is there then.
      else done(join(outDir ?? process.env.PORTIER_OUT_DIR ?? join(ROOT, '.output/sandbox'), `${browser}-mv3`));
    });
  });
}
