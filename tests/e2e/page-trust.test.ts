import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { coreInPage } from './core-in-page';
import type { PageContext } from '../../core/model/page-context';

/**
 * The host page does not choose who is invited (issue #10), checked where happy-dom cannot: real
 * layout and real `isTrusted`. The content script's page watch (core/vendors/page-watch.ts), bundled
 * as it is, runs in Chromium on a Zendesk customer list that a page script has tampered with: rows
 * ticked but hidden in every way CSS allows, moved off the list, in a hidden copy of the list or one
 * moved out of the window, in another table; a hidden "select all", checked; and `change` events
 * the page fires itself. Only what the agent sees and ticks is read.
 */
const LIST = 'https://acme.zendesk.com/agent/user_filters/360000000001';

const row = (id: string, attributes = '', checked = false, boxClass = '') =>
  `<tr data-test-id="customer-list-row" data-user-id="${id}" ${attributes}><td><input type="checkbox" data-test-id="customer-list-row-checkbox" value="${id}" class="${boxClass}" aria-label="Select ${id}" ${checked ? 'checked' : ''}></td><td>Person ${id}</td></tr>`;

const HTML = `<!DOCTYPE html><html><head><title>Customers</title><style>
  table { border-collapse: collapse; width: 600px; margin: 8px; }
  td, th { height: 28px; padding: 0 8px; }
  .gone { display: none; }
  .ghost { visibility: hidden; }
  .clear { opacity: 0; }
  .off { position: absolute; left: -9999px; top: 0; }
  .flat { display: block; height: 0; overflow: hidden; }
  /* How vendors draw their own boxes: the real input is there, visually hidden. */
  .drawn-box { position: absolute; opacity: 0; width: 1px; height: 1px; }
</style></head><body>
  <table data-test-id="customer-list-table" style="display: none"><tbody>${row('9007', '', true)}</tbody></table>
  <table data-test-id="customer-list-table" style="position: absolute; left: -10000px; top: 0"><tbody>${row('9009', '', true)}</tbody></table>
  <table data-test-id="customer-list-table">
    <thead><tr><th><input type="checkbox" data-test-id="customer-list-select-all" hidden checked><input type="checkbox" data-test-id="customer-list-select-all" aria-label="Select all"></th><th>Name</th></tr></thead>
    <tbody>
      ${row('2001', '', true)}${row('2002')}${row('2003')}${row('2004', '', false, 'drawn-box')}
      ${row('9001', 'hidden', true)}${row('9002', 'class="gone"', true)}${row('9003', 'class="ghost"', true)}
      ${row('9004', 'class="clear"', true)}${row('9005', 'class="off"', true)}${row('9006', 'class="flat"', true)}
    </tbody>
  </table>
  <table class="elsewhere"><tbody>${row('9008', '', true)}</tbody></table>
</body></html>`;

// The page watch and the readers it bundles, as one script that names them on `window.PortierPage`.
const vendorPage = coreInPage('core/vendors/page-watch.ts', 'PortierPage');

/** The list at the vendor's address (answered here: no network), watched as the content script does, on a fake clock. */
async function openList(): Promise<Page> {
  const page = await vendorPage.open(LIST, HTML, { clock: true });
  await page.evaluate(() => {
    const w = window as unknown as { sent: unknown[]; PortierPage: typeof import('../../core/vendors/page-watch') };
    w.sent = [];
    w.PortierPage.watchPage({
      window,
      document,
      send: (context) => void w.sent.push(context),
      signal: new AbortController().signal,
      onUrlChange: () => undefined,
    });
  });
  return page;
}

const sent = (page: Page) => page.evaluate(() => (window as unknown as { sent: PageContext[] }).sent);
/** Well past the watch's debounce, on the page's fake clock. */
const settle = (page: Page) => page.clock.runFor(1_000);

describe('the content script on a list a page script tampered with, in Chromium', () => {
  it('reads only the ticked rows the agent can see in the list', async () => {
    const page = await openList();
    try {
      expect(await sent(page)).toEqual([{ vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], selection: ['2001'], url: LIST }]);
    } finally {
      await page.close();
    }
  });

  it('reads nothing again for a change event the page fires, and everything seen at the agent’s next tick', async () => {
    const page = await openList();
    try {
      await page.evaluate(() => {
        const box = document.querySelector<HTMLInputElement>('input[value="2002"]')!;
        box.checked = true;
        box.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await settle(page);
      expect(await sent(page)).toHaveLength(1);

      // The agent's click is a trusted event: the list is read again, the page's tick with it (the
      // panel's "N rows selected on the page" is there for the agent to notice it).
      await page.getByLabel('Select 2003').check();
      await settle(page);
      expect((await sent(page)).map((c) => c.selection)).toEqual([['2001'], ['2001', '2002', '2003']]);
    } finally {
      await page.close();
    }
  });

  it('reads a ticked row whose own checkbox is visually hidden, as vendors draw them', async () => {
    const page = await openList();
    try {
      await page.getByLabel('Select 2004').focus();
      await page.keyboard.press('Space');
      await settle(page);
      expect((await sent(page)).at(-1)?.selection).toEqual(['2001', '2004']);
    } finally {
      await page.close();
    }
  });

  it('takes "select all" for every row the agent sees, and none of the hidden ones', async () => {
    const page = await openList();
    try {
      await page.getByLabel('Select all').check();
      await settle(page);
      expect((await sent(page)).at(-1)?.selection).toEqual(['2001', '2002', '2003', '2004']);
    } finally {
      await page.close();
    }
  });
});
