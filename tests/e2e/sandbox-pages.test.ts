import type { Dialog } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARNESS_START_TIMEOUT_MS, startHarness, type Harness } from './harness';
import { contentScriptMarker, isSignInPage, openSignedIn, renderedName, signIn, tickAll, vendorTours } from './sandbox-tour';

/**
 * The sandbox's agent pages in Debian's Chromium with the sandbox build of Portier: for every
 * vendor, signing in, the contact page (a seeded HTML name shows as text, the content script ran)
 * and the list view ("select all" ticks 50+ rows). The run's one build, one sandbox, one browser.
 */
let harness: Harness | undefined;

beforeAll(async () => {
  harness = await startHarness({ lists: true });
}, HARNESS_START_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
});

function running() {
  if (!harness) throw new Error('beforeAll did not finish');
  return harness;
}

describe.each(vendorTours(0).map((tour) => [tour.label, tour.vendor] as const))('%s agent pages', (_label, vendor) => {
  const tour = () => {
    const found = vendorTours(running().sandbox.port).find((t) => t.vendor === vendor);
    if (!found) throw new Error(vendor);
    return found;
  };

  it('send a signed-out visitor to sign-in, then show the contact’s name as text with the content script running', async () => {
    const { context } = running().browser;
    await context.clearCookies();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      const { contact, email } = tour();
      await page.goto(contact.url);
      expect(isSignInPage(page.url()), page.url()).toBe(true);
      await signIn(page, email);
      expect(page.url()).toBe(contact.url);

      expect(await renderedName(page, contact.nameSelector)).toBe(contact.name);
      // The markup in the name stayed text: no element was made from it, no script ran.
      expect(await page.locator('main img, main b, main script').count()).toBe(0);
      expect(await contentScriptMarker(page)).toBe('ready');
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('tick 50+ rows of the list view with "select all"', async () => {
    const { context } = running().browser;
    const page = await context.newPage();
    try {
      const { list, email } = tour();
      await openSignedIn(page, list.url, email);
      const ticked = await tickAll(page, list);
      expect(ticked).toBeGreaterThanOrEqual(50);
      expect(ticked).toBe(await page.locator(list.rowCheckbox).count());
      expect(await page.locator(list.selection).getAttribute('data-selected-count')).toBe(String(ticked));
      // Unticking one row leaves "select all" indeterminate.
      await page.locator(list.rowCheckbox).first().uncheck();
      expect(await page.locator(list.selectAll).evaluate((box: HTMLInputElement) => [box.checked, box.indeterminate])).toEqual([false, true]);
      expect(await contentScriptMarker(page)).toBe('ready');
    } finally {
      await page.close();
    }
  });
});

describe('the extension', () => {
  it('opens its panel page (the side panel, in a tab: Playwright cannot open the real one)', async () => {
    const { context, extensionId } = running().browser;
    const page = await context.newPage();
    try {
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Portier');
    } finally {
      await page.close();
    }
  });
});
