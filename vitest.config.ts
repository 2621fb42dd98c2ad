import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/sandbox/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    environment: 'node',
    // The sandbox and e2e tests start servers on loopback ports; keep runs within the 2-core budget.
    maxWorkers: 2,
    // Vitest's 5 s is short for a test that drives Chromium, or an engine against the sandbox, on a
    // loaded machine and names no bound of its own (at load 25 on two cores the sandbox token tests
    // took over 20 s). A bound for a hang, not a speed check: a test that hangs still fails.
    testTimeout: 60_000,
    // Finds or installs the browser the e2e files need, once; without one they fail with the reason.
    globalSetup: ['tests/e2e/vitest-browser-setup.ts'],
    setupFiles: ['tests/e2e/vitest-browser-gate.ts'],
  },
});
