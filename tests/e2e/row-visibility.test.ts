import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { coreInPage } from './core-in-page';

/**
 * Which ticked rows the agent sees, decided by Chromium itself (`checkVisibility`, one call per
 * row: issue #13), and by the computed-style walk that stands in where a browser has no such
 * call: both must refuse the same rows. page-trust.test.ts hides rows one by one; here whole parts
 * of the list, and copies of the list put before it, are hidden as a page script could.
 * (`content-visibility` does not apply to table parts: a tbody cannot hide its rows with it.)
 */
const LIST = 'https://acme.zendesk.com/agent/user_filters/360000000001';

const row = (id: string) =>
  `<tr data-test-id="customer-list-row" data-user-id="${id}"><td><input type="checkbox" data-test-id="customer-list-row-checkbox" value="${id}" checked></td><td>Person ${id}</td></tr>`;

/** A part of the list (a tbody) per way of hiding it, one ticked row in each; 2001 and 2002 are seen. */
const HIDDEN_PARTS: Record<string, string> = {
  9001: 'hidden',
  9002: 'style="display: none"',
  9003: 'style="visibility: hidden"',
  9004: 'style="visibility: collapse"',
  9005: 'style="opacity: 0"',
  9006: 'style="transform: scale(0)"',
  // Drawn, but cut away or faded past seeing, which checkVisibility does not weigh.
  9007: 'style="clip-path: inset(50%)"',
  9008: 'style="opacity: 0.01"',
  9009: 'style="position: absolute; clip: rect(0 0 0 0)"',
  // Shrunk to a pixel: the visually-hidden pattern.
  9010: 'style="display: block; position: absolute; transform: scale(0.02); transform-origin: 0 0"',
};

/** Copies of the list a page script put before the real one, drawn in no way the agent can see, every row ticked. */
const DECOYS = [
  `<div style="opacity: 0"><table data-test-id="customer-list-table"><tbody>${row('9101')}</tbody></table></div>`,
  `<div style="content-visibility: hidden"><table data-test-id="customer-list-table"><tbody>${row('9102')}</tbody></table></div>`,
  `<div style="opacity: 0.05"><table data-test-id="customer-list-table"><tbody>${row('9104')}</tbody></table></div>`,
  `<div style="clip-path: inset(50%)"><table data-test-id="customer-list-table"><tbody>${row('9105')}</tbody></table></div>`,
  // No box: its rows spill over nothing the agent sees.
  `<table data-test-id="customer-list-table" style="display: block; width: 0; height: 0; overflow: hidden"><tbody>${row('9103')}</tbody></table>`,
];

const HTML = `<!DOCTYPE html><html><head><title>Customers</title><style>
  table { border-collapse: collapse; width: 600px; margin: 8px; }
  td { height: 28px; padding: 0 8px; }
</style></head><body>
  ${DECOYS.join('')}
  <table data-test-id="customer-list-table">
    <thead><tr><th><input type="checkbox" data-test-id="customer-list-select-all" aria-label="Select all"></th><th>Name</th></tr></thead>
    <tbody>${row('2001')}${row('2002')}</tbody>
    ${Object.entries(HIDDEN_PARTS)
      .map(([id, how]) => `<tbody ${how}>${row(id)}</tbody>`)
      .join('')}
  </table>
</body></html>`;

// The page readers as the content script bundles them, named on `window.PortierPages`.
const vendorPage = coreInPage('core/vendors/pages.ts', 'PortierPages');

const openList = (): Promise<Page> => vendorPage.open(LIST, HTML);

/** The selection read on the page, with Chromium's checkVisibility or, when `withoutCheckVisibility`, the computed-style walk. */
function readSelection(page: Page, withoutCheckVisibility: boolean): Promise<string[] | undefined> {
  return page.evaluate((remove) => {
    if (remove) Reflect.deleteProperty(Element.prototype, 'checkVisibility');
    const pages = (window as unknown as { PortierPages: typeof import('../../core/vendors/pages') }).PortierPages;
    return pages.readSelection(document, 'zendesk');
  }, withoutCheckVisibility);
}

describe('ticked rows inside hidden parts of the list, in Chromium', () => {
  it.each([
    ['checkVisibility', false],
    ['the computed-style walk', true],
  ] as const)('are refused by %s, the seen ones read', async (_how, withoutCheckVisibility) => {
    const page = await openList();
    try {
      expect(await page.evaluate(() => typeof Element.prototype.checkVisibility)).toBe('function');
      expect(await readSelection(page, withoutCheckVisibility)).toEqual(['2001', '2002']);
    } finally {
      await page.close();
    }
  });
});
