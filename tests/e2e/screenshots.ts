import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './build';

/**
 * One folder of screenshots per test run, `e2e-screenshots/<time>/` (git-ignored), shared by the
 * e2e files that vitest runs in parallel worker processes: the time is when the parent vitest
 * process started (Linux /proc), the same for every worker of the run and different for the next.
 */
function runStart(): Date {
  try {
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    // Clock ticks since boot; 100 per second on every Linux this runs on (USER_HZ).
    if (Number.isFinite(btime) && Number.isFinite(ticks)) return new Date((btime + ticks / 100) * 1000);
  } catch {
    // Not Linux: the folder is this process's own.
  }
  return new Date();
}

let folder: string | undefined;

/** The run's screenshot folder, made on first use. */
export function screenshotFolder(base = join(ROOT, 'e2e-screenshots')): string {
  if (!folder) {
    folder = join(base, runStart().toISOString().slice(0, 19).replace(/:/g, '-'));
    mkdirSync(folder, { recursive: true });
  }
  return folder;
}

/** Saves the page as `<name>.png` in the run's folder; answers the file's path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(screenshotFolder(), `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
