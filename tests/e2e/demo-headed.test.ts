import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from './build';
import { planXvfb, XVFB_RUN } from './xvfb';
import { installContextHere } from './local-browser';

/**
 * `npm run demo` with a display, as an agent runs it: under `xvfb-run` (Debian's xvfb), it must
 * open Chromium on the Zendesk contact page with Portier's content script running there and stay;
 * Ctrl+C (SIGINT to the whole foreground process group, as a terminal sends it) must close
 * Chromium and the sandbox and leave no process behind. Every process the demo starts inherits
 * PORTIER_DEMO_RUN, which is how the leftovers are looked for.
 */
const RUN_MARK = `PORTIER_DEMO_RUN=demo-headed-${process.pid}-${Date.now()}`;
const outDir = mkdtempSync(join(tmpdir(), 'portier-demo-headed-'));
let demo: ChildProcess | undefined;

afterAll(() => {
  // Only if the test failed half-way: each process this test's demo started, by its pid.
  for (const pid of demo ? processesOfTheRun() : []) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  rmSync(outDir, { recursive: true, force: true });
});

/** Pids of the processes that still carry this run's mark (Xvfb, Chromium and its helpers, node). */
function processesOfTheRun(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(RUN_MARK);
      } catch {
        return false; // gone meanwhile, or not ours
      }
    })
    .map(Number);
}

async function until<T>(what: string, read: () => T | undefined, timeoutMs: number, output: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s. The demo printed:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('opens Chromium on the Zendesk contact under xvfb-run, stays until Ctrl+C, then closes Chromium and the sandbox', async () => {
  if (!existsSync(XVFB_RUN)) {
    const plan = planXvfb(installContextHere());
    throw new Error(plan.kind === 'tell' ? plan.message : `${XVFB_RUN} is missing, and installing it before the run failed (see the run's start). Install it with: apt-get install -y xvfb`);
  }
  const [markName, markValue] = RUN_MARK.split('=') as [string, string];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PORTIER_OUT_DIR: outDir, [markName]: markValue, NO_COLOR: '1' };
  delete env.WAYLAND_DISPLAY;
  // Its own process group, as a terminal gives a command: the signal below reaches all of it.
  const child = spawn(XVFB_RUN, ['-a', join(ROOT, 'node_modules/.bin/tsx'), 'scripts/demo.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  demo = child;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const shown = () => output;

  await until('The demo did not say it is ready', () => (/Press Ctrl\+C/.test(output) ? true : child.exitCode !== null ? false : undefined), 400_000, shown)
    .then((ready) => expect(ready, output).toBe(true));
  expect(output).toContain('Launching Chromium (headed) with Portier');
  expect(output).toMatch(/✓ Zendesk Support contact page, name shown as text: .+ — Portier content script: ready/);
  expect(output).toMatch(/Chromium stays open on the Zendesk contact page \(http:\/\/acme\.zendesk\.localhost:\d+\/agent\/users\/\d+\)/);
  const sandboxUrl = output.match(/Sandbox helpdesk on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
  expect(sandboxUrl, output).toBeDefined();
  expect((await fetch(`${sandboxUrl}/__sandbox/counters`)).ok).toBe(true);
  // Still there a moment later: it waits for the agent, not for a timer.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(child.exitCode).toBeNull();
  expect(processesOfTheRun().length).toBeGreaterThan(2);

  process.kill(-child.pid!, 'SIGINT');
  // xvfb-run is a shell script: Ctrl+C ends it at once, as in a terminal, while the demo closes up.
  const wrapper = await exited;
  expect([0, 'SIGINT']).toContain(wrapper.code ?? wrapper.signal);
  // The demo stops a browser that takes more than 15 s to close (scripts/demo.ts BROWSER_CLOSE_MS).
  await until('The demo did not say it stopped', () => (/Stopped: /.test(output) ? true : undefined), 60_000, shown);
  expect(output).toContain('Stopping: closing Chromium and the sandbox…');
  expect(output).toContain('Stopped: Chromium and the sandbox are closed (exit code 0).');
  expect(output).not.toContain('npm run demo failed');
  await expect(fetch(`${sandboxUrl}/__sandbox/counters`)).rejects.toThrow();
  await until('Processes of the demo were left running', () => (processesOfTheRun().length === 0 ? true : undefined), 10_000, () => `${output}\nstill running: ${processesOfTheRun().join(', ')}`);
  // Bounds for a hang, not speed checks: the demo builds, starts a sandbox and a browser, on a busy machine too.
}, 480_000);
