import { afterAll, beforeAll } from 'vitest';
import { HARNESS_START_TIMEOUT_MS, signInOnPages, startHarness, type Harness, type HarnessOptions } from './harness';
import { connectAllAccounts } from './panel-driver';
import { screenshotFolder } from './screenshots';

/**
 * The harness of a panel e2e file: started before its tests, signed in on the sandbox's pages with
 * every account connected (`prepare` first, to seed the sandbox), handed to `use`, and closed after
 * the tests with the folder of their screenshots printed under `label`.
 */
export function connectedHarness(label: string, use: (h: Harness) => void, options: HarnessOptions & { prepare?(h: Harness): Promise<void> } = {}): void {
  let started: Harness | undefined;
  beforeAll(async () => {
    const { prepare, ...harness } = options;
    started = await startHarness(harness);
    use(started);
    await prepare?.(started);
    await signInOnPages(started.browser.context, started.sandbox.port);
    await connectAllAccounts(started);
  }, HARNESS_START_TIMEOUT_MS);
  afterAll(async () => {
    await started?.close();
    console.log(`${label}: ${screenshotFolder()}`);
  });
}
