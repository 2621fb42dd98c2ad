import { describe, expect, it } from 'vitest';
import { BrowserMissingError, type InstallContext } from '../../e2e/install-browser';
import { ensureXvfb, needsXvfb, planXvfb, XVFB_RUN } from '../../e2e/xvfb';

const DEBIAN = 'NAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const debianRoot: InstallContext = { platform: 'linux', isRoot: true, osRelease: DEBIAN, hasAptGet: true, hasBrew: false };
const APT = [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'xvfb']];

/** A machine whose xvfb-run appears once `apt-get install … xvfb` has run (unless `installFails`). */
function machine(context: Partial<InstallContext> = {}, options: { present?: boolean; installFails?: boolean } = {}) {
  let present = options.present ?? false;
  const ran: string[][] = [];
  const log: string[] = [];
  return {
    ran,
    log,
    deps: {
      exists: (path: string) => path === XVFB_RUN && present,
      context: { ...debianRoot, ...context },
      run: async (command: string[]) => {
        ran.push(command);
        if (options.installFails && command.includes('install')) throw new Error('exit code 100');
        if (command.includes('xvfb')) present = true;
      },
      log: (line: string) => void log.push(line),
    },
  };
}

describe('needsXvfb', () => {
  it('only a run with the headed demo test looks for a display', () => {
    expect(needsXvfb(['/r/tests/e2e/panel-bulk.test.ts', '/r/tests/e2e/demo-headed.test.ts'])).toBe(true);
    expect(needsXvfb(['C:\\r\\tests\\e2e\\demo-headed.test.ts'])).toBe(true);
    expect(needsXvfb(['/r/tests/e2e/panel-bulk.test.ts', '/r/tests/unit/browser/xvfb.test.ts'])).toBe(false);
    expect(needsXvfb([])).toBe(false);
  });
});

describe('planXvfb', () => {
  it('installs Debian’s xvfb as root, and names the command otherwise', () => {
    expect(planXvfb(debianRoot)).toEqual({ kind: 'run', commands: APT });
    expect(planXvfb({ ...debianRoot, osRelease: 'ID=raspbian\nID_LIKE=debian\n' })).toEqual({ kind: 'run', commands: APT });
    expect(planXvfb({ ...debianRoot, isRoot: false })).toMatchObject({ kind: 'tell', message: expect.stringContaining('sudo apt-get install -y xvfb') });
    expect(planXvfb({ ...debianRoot, osRelease: 'ID=fedora\n', hasAptGet: false })).toMatchObject({ kind: 'tell', message: expect.stringContaining('xvfb package') });
    expect(planXvfb({ ...debianRoot, platform: 'darwin', osRelease: undefined })).toMatchObject({ kind: 'tell', message: expect.stringContaining('Linux test') });
  });
});

describe('ensureXvfb', () => {
  it('uses the one there, running nothing', async () => {
    const m = machine({}, { present: true });
    await expect(ensureXvfb(m.deps)).resolves.toBe(XVFB_RUN);
    expect(m.ran).toEqual([]);
  });

  it('installs it on a fresh Debian machine as root, printing each command', async () => {
    const m = machine();
    await expect(ensureXvfb(m.deps)).resolves.toBe(XVFB_RUN);
    expect(m.ran).toEqual(APT);
    expect(m.log).toContain('$ apt-get install -y -qq xvfb');
  });

  it('says what to do when it cannot install it, and when the install failed', async () => {
    const user = machine({ isRoot: false });
    const refused = await ensureXvfb(user.deps).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BrowserMissingError);
    expect((refused as Error).message).toContain('sudo apt-get install -y xvfb');
    expect(user.ran).toEqual([]);

    const broken = machine({}, { installFails: true });
    const failed = await ensureXvfb(broken.deps).catch((e: unknown) => e);
    expect((failed as Error).message).toMatch(/apt-get install -y -qq xvfb failed: exit code 100/);
  });
});
