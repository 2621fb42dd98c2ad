import { existsSync } from 'node:fs';
import { BrowserMissingError, commandLine, type InstallContext } from './install-browser';
import { installContextHere, runCommand } from './local-browser';

/**
 * `xvfb-run` for the headed demo test (demo-headed.test.ts), which runs `npm run demo` on a display
 * of its own as an agent would: installed like the browsers, by `npm test` itself on Debian as
 * root (a fresh container, CI), else named in one command. Only a run with that file looks for it.
 */
export const XVFB_RUN = '/usr/bin/xvfb-run';

/** Whether a run's files include the one that needs a virtual display. */
export function needsXvfb(files: readonly string[]): boolean {
  return files.some((file) => /(^|[\\/])tests[\\/]e2e[\\/]demo-headed\.test\.ts$/.test(file));
}

export type XvfbPlan = { kind: 'run'; commands: string[][] } | { kind: 'tell'; message: string };

const isDebian = (context: InstallContext) => /^(ID|ID_LIKE)=["']?[^\n]*\bdebian\b/m.test(context.osRelease ?? '') && context.hasAptGet;

export function planXvfb(context: InstallContext): XvfbPlan {
  const why = `No ${XVFB_RUN}: the headed demo test (tests/e2e/demo-headed.test.ts) runs the demo on a virtual display.`;
  if (context.platform !== 'linux') return { kind: 'tell', message: `${why} It is a Linux test: run it on Linux (Debian: apt-get install -y xvfb).` };
  if (!isDebian(context)) return { kind: 'tell', message: `${why} Install your system’s xvfb package (it provides xvfb-run).` };
  if (!context.isRoot) return { kind: 'tell', message: `${why} Install it with: sudo apt-get install -y xvfb` };
  return { kind: 'run', commands: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'xvfb']] };
}

export interface EnsureXvfbDeps {
  exists(path: string): boolean;
  context: InstallContext;
  run(command: string[]): Promise<void>;
  log(line: string): void;
}

/** xvfb-run's path: found, or installed with each command printed. Throws BrowserMissingError with what to do otherwise. */
export async function ensureXvfb(deps: EnsureXvfbDeps): Promise<string> {
  if (deps.exists(XVFB_RUN)) return XVFB_RUN;
  const plan = planXvfb(deps.context);
  if (plan.kind === 'tell') throw new BrowserMissingError(plan.message);
  deps.log('No xvfb-run here (the headed demo test needs a display): installing Debian’s xvfb package.');
  for (const command of plan.commands) {
    deps.log(`$ ${commandLine(command)}`);
    try {
      await deps.run(command);
    } catch (error) {
      throw new BrowserMissingError(`${commandLine(command)} failed: ${(error as Error).message}. Install it with: apt-get install -y xvfb`);
    }
  }
  if (!deps.exists(XVFB_RUN)) throw new BrowserMissingError(`The xvfb package was installed but ${XVFB_RUN} is not there.`);
  return XVFB_RUN;
}

export function ensureXvfbHere(log: (line: string) => void = console.log): Promise<string> {
  return ensureXvfb({ exists: existsSync, context: installContextHere(), run: runCommand, log });
}
