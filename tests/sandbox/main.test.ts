import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Starts `tsx tests/sandbox/main.ts` on a random port and resolves once it prints its URL. */
function startMain(): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(tsx, ['tests/sandbox/main.ts'], { cwd: root, env: { ...process.env, PORT: '0' } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main.ts did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`main.ts exited early (${code}):\n${output}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('npm run sandbox (main.ts)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints its URLs and credentials, serves, and stops cleanly on %s', async (signal) => {
    const { child, url, output } = await startMain();
    const exited = exitOf(child);
    try {
      expect(output()).toContain('acme.zendesk.localhost');
      expect(output()).toContain('/token:acme-api-token-0001');
      expect(output()).toContain('Zoho-oauthtoken');
      const accounts = (await (await fetch(`${url}/__sandbox/accounts`)).json()) as { zendesk: unknown[] };
      expect(accounts.zendesk).toHaveLength(2);
    } finally {
      child.kill(signal);
    }
    expect(await exited).toBe(0);
    expect(output()).toContain('Sandbox stopped.');
    await expect(fetch(`${url}/__sandbox`)).rejects.toThrow();
  }, 30_000);
});
