import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSandboxExtension } from './build';

/**
 * One sandbox build per test run, shared by every e2e file. Vitest runs each file in its own
 * worker process (the default `forks` pool), all children of the one vitest process: its pid names
 * the run. The first file to ask builds into `<tmp>/portier-e2e-run-<pid>-<start>/` behind an atomic
 * `mkdir` lock, the others wait for its `build.json`. Folders of runs whose process is gone are
 * removed on the way, so nothing of a run outlives the next one.
 *
 * The build is made for the port of the first file's sandbox; another file's sandbox listens on
 * another port, and its Chromium sends that build port to it (`--host-resolver-rules`, harness.ts).
 */
export interface SharedBuild {
  /** The Chrome MV3 folder. */
  dir: string;
  /** The sandbox port the build's background calls (WXT_SANDBOX_PORT). */
  port: number;
}

const PREFIX = 'portier-e2e-run-';
/** A bound for a hung build, not a speed check: one build took 53 s on a 2-core machine at load 10. */
const WAIT_MS = 600_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `<pid>-<start time>`: the start time (Linux /proc, in clock ticks since boot) keeps a later run
 * that is given the same pid from taking an old build.
 */
function runKey(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return `${pid}-${fields[19] ?? '0'}`;
  } catch {
    return `${pid}-0`;
  }
}

async function removeDeadRuns(current: string): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX)) continue;
    const key = name.slice(PREFIX.length);
    const pid = Number(key.split('-')[0]);
    if (key === current || !Number.isInteger(pid)) continue;
    if (!alive(pid) || runKey(pid) !== key) await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

let mine: Promise<SharedBuild> | undefined;

/** The run's sandbox build; `port` is used only if this call is the one that builds. */
export function sharedSandboxBuild(port: number): Promise<SharedBuild> {
  mine ??= obtain(port);
  return mine;
}

async function obtain(port: number): Promise<SharedBuild> {
  const key = runKey(process.ppid);
  await removeDeadRuns(key);
  const runDir = join(tmpdir(), `${PREFIX}${key}`);
  const lock = join(runDir, 'lock');
  const manifest = join(runDir, 'build.json');
  await mkdir(runDir, { recursive: true });
  let builder = false;
  try {
    await mkdir(lock);
    builder = true;
  } catch {
    // Another file of this run is building, or has built.
  }
  if (builder) {
    try {
      const dir = await buildSandboxExtension(join(runDir, 'out'), { port });
      const built: SharedBuild = { dir, port };
      await writeFile(manifest, JSON.stringify(built));
      return built;
    } catch (error) {
      await writeFile(manifest, JSON.stringify({ error: (error as Error).message }));
      throw error;
    }
  }
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (existsSync(manifest)) {
      const read = JSON.parse(await readFile(manifest, 'utf8')) as SharedBuild | { error: string };
      if ('error' in read) throw new Error(`The shared sandbox build failed in another test file:\n${read.error}`);
      return read;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No sandbox build appeared in ${runDir} within ${WAIT_MS / 1000} s`);
}
