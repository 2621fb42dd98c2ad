// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SELECTION } from '../../../core/model/page-ids';
import type { Vendor } from '../../../core/model/vendor';
import { readSelection } from '../../../core/vendors/pages';
import { SELECTORS as ZENDESK } from '../../../core/vendors/zendesk/page';
import { SELECTORS as CONNECT } from '../../../core/vendors/zoho-connect/page';
import { SELECTORS as CRM } from '../../../core/vendors/zoho-crm/page';
import { SELECTORS as DESK } from '../../../core/vendors/zoho-desk/page';

/**
 * The ticked rows of each vendor's list view, read from fixture HTML: the current markup (copied
 * from what the sandbox draws), the legacy fallback, and a contact page that has no list.
 */
const FIXTURES = join(__dirname, '../../fixtures/pages');
const FILES: Record<Vendor, string> = { zendesk: 'zendesk', zoho_desk: 'zoho-desk', zoho_crm: 'zoho-crm', zoho_connect: 'zoho-connect' };

function load(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(FIXTURES, `${name}.html`), 'utf8'), 'text/html');
}

/** Every row id of the list, in page order, as the fixture's own markup says it. */
const ROWS: Record<string, string[]> = {
  'zendesk-list': ['2001', '2002', '2003', '2004'],
  'zoho-desk-list': ['4200000000000000001', '4200000000000000002', '4200000000000000003', '4200000000000000004', '4200000000000000005'],
  'zoho-crm-list': ['5843104000000500001', '5843104000000500002', '5843104000000500003', '5843104000000500004', '5843104000000500005'],
  'zoho-connect-list': ['60010001', '60010002', '60020006', '60020007', '60020008'],
  'zendesk-list-legacy': ['381001', '381002', '381003', '381004'],
  'zoho-desk-list-legacy': ['352352000000231001', '352352000000231002', '352352000000231003', '352352000000231004'],
  'zoho-crm-list-legacy': ['955332000000441501', '955332000000441502', '955332000000441503', '955332000000441504'],
  'zoho-connect-list-legacy': ['64231801', '64231802', '64231803', '64231804'],
};

type Markup = 'current' | 'legacy';
const CASES = (Object.keys(FILES) as Vendor[]).flatMap((vendor) =>
  (['current', 'legacy'] as Markup[]).map((markup) => [vendor, markup, `${FILES[vendor]}-list${markup === 'legacy' ? '-legacy' : ''}`] as const),
);

const SELECTORS = { zendesk: ZENDESK, zoho_desk: DESK, zoho_crm: CRM, zoho_connect: CONNECT } as const;

/** The test ticks boxes through the vendor's own selectors, so a selector typo fails here too. */
const markupOf = (vendor: Vendor, markup: Markup) => SELECTORS[vendor][markup];

/** Ticks the row checkboxes at `positions` (0-based, counting every row, forged ones too). */
function tick(document: Document, vendor: Vendor, markup: Markup, positions: number[]) {
  const { row, checkbox } = markupOf(vendor, markup);
  const rows = [...document.querySelectorAll(row)];
  for (const i of positions) rows[i]!.querySelector<HTMLInputElement>(checkbox)!.checked = true;
}

describe.each(CASES)('%s list view, %s markup', (vendor, markup, file) => {
  const ids = ROWS[file]!;

  it('reads nothing ticked as an empty selection', () => {
    expect(readSelection(load(file), vendor)).toEqual([]);
  });

  it('reads the ticked rows, in page order', () => {
    const document = load(file);
    tick(document, vendor, markup, [3, 0, 2]);
    expect(readSelection(document, vendor)).toEqual([ids[0], ids[2], ids[3]]);
  });

  it('reads a checked "select all" as every row of the page, skipping rows whose id is no id', () => {
    const document = load(file);
    document.querySelector<HTMLInputElement>(markupOf(vendor, markup).selectAll)!.checked = true;
    expect(readSelection(document, vendor)).toEqual(ids);
  });

  it('does not read an indeterminate "select all" as every row', () => {
    const document = load(file);
    const selectAll = document.querySelector<HTMLInputElement>(markupOf(vendor, markup).selectAll)!;
    selectAll.checked = true;
    selectAll.indeterminate = true;
    tick(document, vendor, markup, [1]);
    expect(readSelection(document, vendor)).toEqual([ids[1]]);
  });
});

describe.each(CASES.filter(([, markup]) => markup === 'legacy'))('%s legacy list', (vendor, _markup, file) => {
  it('skips a ticked row whose id is not an id (the host page is untrusted)', () => {
    const document = load(file);
    const rows = document.querySelectorAll(markupOf(vendor, 'legacy').row);
    tick(document, vendor, 'legacy', [rows.length - 1, 1]);
    expect(readSelection(document, vendor)).toEqual([ROWS[file]![1]]);
  });
});

describe.each(Object.keys(FILES) as Vendor[])('%s pages without a list', (vendor) => {
  it('cannot read a selection on the contact page', () => {
    expect(readSelection(load(`${FILES[vendor]}-contact`), vendor)).toBeUndefined();
  });

  it("cannot read another vendor's list view", () => {
    const other = (Object.keys(FILES) as Vendor[]).find((v) => v !== vendor)!;
    // The sandbox draws every list as a table, so only the legacy fallbacks could overlap: not these.
    expect(readSelection(load(`${FILES[other]}-list`), vendor)).toBeUndefined();
  });

  it('reads an empty list as an empty selection, not an unknown one', () => {
    const document = load(`${FILES[vendor]}-list`);
    for (const row of document.querySelectorAll(SELECTORS[vendor].current.row)) row.remove();
    expect(readSelection(document, vendor)).toEqual([]);
  });
});

describe('rows that only say aria-selected (the last fallback)', () => {
  const ATTRIBUTE: Record<Vendor, string> = { zendesk: 'data-user-id', zoho_desk: 'data-contact-id', zoho_crm: 'data-record-id', zoho_connect: 'data-zuid' };

  it.each(Object.keys(FILES) as Vendor[])('%s', (vendor) => {
    const a = ATTRIBUTE[vendor];
    const html = `<div role="grid">
      <div role="row" ${a}="11" aria-selected="true"></div>
      <div role="row" ${a}="12" aria-selected="false"></div>
      <div role="row" ${a}="13"></div>
      <div role="row" ${a}="14" aria-selected="true"></div>
      <div role="row" ${a}="not-an-id" aria-selected="true"></div>
    </div>`;
    const document = new DOMParser().parseFromString(html, 'text/html');
    expect(readSelection(document, vendor)).toEqual(['11', '14']);
  });
});

/**
 * Whether a row is drawn is asked of the browser (`checkVisibility`), or read from computed styles
 * where a DOM has no such call: every case below runs both ways.
 */
/** The ways a page can hide an element from the agent, each applied to a row or to a part of the list. */
const HIDING: [string, (element: HTMLElement) => void][] = [
  ['the hidden attribute', (element) => element.setAttribute('hidden', '')],
  ['display: none', (element) => (element.style.display = 'none')],
  ['visibility: hidden', (element) => (element.style.visibility = 'hidden')],
  ['opacity: 0', (element) => (element.style.opacity = '0')],
];

const nativeCheckVisibility = Element.prototype.checkVisibility;
const VISIBILITY = [
  ['checkVisibility', () => undefined],
  [
    'computed styles (no checkVisibility)',
    () => {
      // Deleted from the prototype for this block, put back after it.
      Reflect.deleteProperty(Element.prototype, 'checkVisibility');
      return () => void (Element.prototype.checkVisibility = nativeCheckVisibility);
    },
  ],
] as const;

/**
 * The host page does not choose who is invited (issue #10): a page script that adds ticked rows
 * the agent cannot see, or ticks rows outside the vendor's list, gets none of them read. The
 * styles are what happy-dom computes; tests/e2e/page-trust.test.ts checks layout in Chromium.
 */
describe.each(VISIBILITY)('visibility by %s', (how, setUp) => {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    restore = setUp();
  });
  afterAll(() => restore?.());

  it('is asked the way this block says', () => {
    expect(typeof document.createElement('tr').checkVisibility === 'function').toBe(how === 'checkVisibility');
  });

  describe.each(Object.keys(FILES) as Vendor[])('%s list view, rows a page script forged', (vendor) => {
    const file = `${FILES[vendor]}-list`;
    const markup = SELECTORS[vendor].current;
    const ids = ROWS[file]!;

    /** A copy of the list's first row for record `id`, ticked. */
    function forgedRow(document: Document, id: string): HTMLElement {
      const row = document.querySelector(markup.row)!.cloneNode(true) as HTMLElement;
      row.setAttribute(markup.idAttribute, id);
      const box = row.querySelector<HTMLInputElement>(markup.checkbox)!;
      box.value = id;
      box.checked = true;
      return row;
    }

    it.each(HIDING)('skips ticked rows hidden by %s', (_how, hide) => {
      const document = load(file);
      const body = document.querySelector(markup.row)!.parentElement!;
      for (const id of ['9001', '9002']) {
        const row = forgedRow(document, id);
        hide(row);
        body.append(row);
      }
      tick(document, vendor, 'current', [0]);
      expect(readSelection(document, vendor)).toEqual([ids[0]]);
    });

    it.each(HIDING)('skips ticked rows inside a part of the list hidden by %s', (_how, hide) => {
      const document = load(file);
      const hiddenBody = document.createElement('tbody');
      hide(hiddenBody);
      hiddenBody.append(forgedRow(document, '9001'));
      document.querySelector(markup.table)!.append(hiddenBody);
      tick(document, vendor, 'current', [0]);
      expect(readSelection(document, vendor)).toEqual([ids[0]]);
    });

    it('skips ticked rows outside the list, and a "select all" outside it', () => {
      const document = load(file);
      const elsewhere = document.createElement('table');
      const body = document.createElement('tbody');
      body.append(forgedRow(document, '9001'), forgedRow(document, '9002'));
      elsewhere.append(body);
      document.body.append(elsewhere);
      const selectAll = document.querySelector<HTMLInputElement>(markup.selectAll)!.cloneNode() as HTMLInputElement;
      selectAll.checked = true;
      document.body.append(selectAll);
      expect(readSelection(document, vendor)).toEqual([]);
    });

    it('reads the drawn list when the page put a hidden copy of it first', () => {
      const document = load(file);
      tick(document, vendor, 'current', [1]);
      const list = document.querySelector(markup.table)!;
      const decoy = list.cloneNode(true) as HTMLElement;
      decoy.style.display = 'none';
      for (const box of decoy.querySelectorAll<HTMLInputElement>(markup.checkbox)) box.checked = true;
      list.before(decoy);
      expect(readSelection(document, vendor)).toEqual([ids[1]]);
    });

    it('reads no list at all when the only one is hidden', () => {
      const document = load(file);
      document.querySelector<HTMLElement>(markup.table)!.style.visibility = 'hidden';
      tick(document, vendor, 'current', [0, 1]);
      expect(readSelection(document, vendor)).toBeUndefined();
    });

    it('reads an empty selection, not an unknown one, from a hidden list with nothing ticked anywhere', () => {
      const document = load(file);
      document.querySelector<HTMLElement>(markup.table)!.style.display = 'none';
      expect(readSelection(document, vendor)).toEqual([]);
    });

    it('reads no list at all when the only one is inside a transparent part of the page', () => {
      const document = load(file);
      const wrapper = document.createElement('div');
      wrapper.style.opacity = '0';
      const list = document.querySelector(markup.table)!;
      list.before(wrapper);
      wrapper.append(list);
      tick(document, vendor, 'current', [0, 1]);
      expect(readSelection(document, vendor)).toBeUndefined();
    });
  });
});

describe('the size of a selection', () => {
  it(`reads at most ${MAX_PAGE_SELECTION} rows, the first ones`, () => {
    const document = load('zendesk-list');
    const body = document.querySelector(ZENDESK.current.row)!.parentElement!;
    const template = body.querySelector(ZENDESK.current.row)!;
    body.replaceChildren();
    for (let i = 0; i < MAX_PAGE_SELECTION + 20; i++) {
      const row = template.cloneNode(true) as HTMLElement;
      row.setAttribute(ZENDESK.current.idAttribute, String(100000 + i));
      body.append(row);
    }
    document.querySelector<HTMLInputElement>(ZENDESK.current.selectAll)!.checked = true;
    const read = readSelection(document, 'zendesk')!;
    expect(read).toHaveLength(MAX_PAGE_SELECTION);
    expect(read.at(-1)).toBe(String(100000 + MAX_PAGE_SELECTION - 1));
  });
});
