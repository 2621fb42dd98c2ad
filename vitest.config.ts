import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/sandbox/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    environment: 'node',
    // The sandbox and e2e tests start servers on loopback ports; keep runs within the 2-core budget.
    maxWorkers: 2,
    // Vitest's 5 s is short for a test that drives Chromium on a loaded machine and names no bound
    // of its own; a test that hangs still fails, 15 s later.
    testTimeout: 20_000,
    // Finds or installs the browser the e2e files need, once; without one they fail with the reason.
    globalSetup: ['tests/e2e/vitest-browser-setup.ts'],
    setupFiles: ['tests/e2e/vitest-browser-gate.ts'],
  },
});
