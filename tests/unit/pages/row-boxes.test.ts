// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSelection } from '../../../core/vendors/pages';
import { SELECTORS } from '../../../core/vendors/zendesk/page';

/**
 * Where the rows are drawn, and what one read costs the browser. happy-dom lays nothing out, so
 * the boxes are given here as Chromium would report them (tests/e2e/page-trust.test.ts checks the
 * real layout): a ticked row is read only when its box lies within the list's box. And a read of
 * a list asks the browser one `checkVisibility` per ticked row, reads the list's box once, and
 * computes no style: the content script's time on a hundred ticked rows (issue #13).
 */
const FIXTURE = join(__dirname, '../../fixtures/pages/zendesk-list.html');
const { current } = SELECTORS;

function load(): Document {
  return new DOMParser().parseFromString(readFileSync(FIXTURE, 'utf8'), 'text/html');
}

/** Gives `element` the box Chromium would report. */
function place(element: Element, left: number, top: number, width: number, height: number) {
  const box = { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top };
  return vi.spyOn(element, 'getBoundingClientRect').mockReturnValue({ ...box, toJSON: () => box } as DOMRect);
}

/**
 * The fixture laid out in happy-dom's 1024×768 window, its list at 600×400, its "select all" in the
 * header cell at its top, its rows stacked 30 px apart inside it.
 */
function laidOut(document: Document) {
  place(document.documentElement, 0, 0, 1024, 768);
  const list = document.querySelector(current.table)!;
  const frame = place(list, 0, 100, 600, 400);
  const header = document.querySelector(current.selectAll)!.parentElement!;
  place(header, 0, 100, 30, 30);
  const rows = [...document.querySelectorAll(current.row)];
  rows.forEach((row, i) => place(row, 0, 130 + 30 * i, 600, 30));
  return { list, frame, header, rows };
}

const tickAll = (document: Document) => {
  document.querySelector<HTMLInputElement>(current.selectAll)!.checked = true;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a ticked row is read only where the agent sees it, within the list', () => {
  it('reads every row laid out inside the list', () => {
    const document = load();
    laidOut(document);
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2002', '2003', '2004']);
  });

  it.each([
    ['moved off the screen, outside the list', [-9999, 130, 600, 30]],
    ['moved below the list', [0, 520, 600, 30]],
    ['shrunk to no height', [0, 160, 600, 0]],
    ['shrunk to no width', [0, 160, 0, 30]],
  ] as const)('skips a row %s', (_how, [left, top, width, height]) => {
    const document = load();
    const { rows } = laidOut(document);
    place(rows[1]!, left, top, width, height);
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2003', '2004']);
  });

  it('reads a row that only overlaps the list’s edge (scrolled half out of view)', () => {
    const document = load();
    const { rows } = laidOut(document);
    place(rows[3]!, 0, 490, 600, 30);
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2002', '2003', '2004']);
  });
});

describe('a list the agent cannot see is not read, whatever its styles say', () => {
  /** A copy of the list before the real one, its one row ticked, with `box` for a box. */
  function decoyBefore(document: Document, box: [number, number, number, number]) {
    const real = document.querySelector(current.table)!;
    const decoy = real.cloneNode(true) as Element;
    const decoyRows = [...decoy.querySelectorAll(current.row)];
    decoyRows.slice(1).forEach((row) => row.remove());
    decoyRows[0]!.setAttribute(current.idAttribute, '9001');
    decoy.querySelector<HTMLInputElement>(current.checkbox)!.checked = true;
    decoy.querySelector(current.selectAll)!.remove();
    real.before(decoy);
    place(decoy, ...box);
    // Its row spills over the page where the agent looks.
    place(decoyRows[0]!, 0, 130, 600, 30);
  }

  it('reads the list, not a copy shrunk to nothing put before it', () => {
    const document = load();
    laidOut(document);
    decoyBefore(document, [0, 100, 0, 0]);
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2002', '2003', '2004']);
  });

  it.each([
    ['moved off the window’s left', [-10_000, 100, 600, 400]],
    ['moved below the window', [0, 5_000, 600, 400]],
  ] as const)('reads the list, not a copy %s put before it', (_how, box) => {
    const document = load();
    laidOut(document);
    decoyBefore(document, [...box]);
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2002', '2003', '2004']);
  });

  it('reads a list scrolled half out of the window', () => {
    const document = load();
    const { list, header, rows } = laidOut(document);
    place(list, 0, -200, 600, 400);
    place(header, 0, -200, 30, 30);
    // Ticked rows scrolled out of the window are still the agent's: they are read.
    rows.forEach((row, i) => place(row, 0, -170 + 30 * i, 600, 30));
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2002', '2003', '2004']);
  });

  it('reads no list at all when the only one has no box', () => {
    const document = load();
    const { list } = laidOut(document);
    place(list, 0, 100, 600, 0);
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toBeUndefined();
  });
});

describe('rows that only say aria-selected (no list box) are read only on the page', () => {
  it('skips a ticked row moved off the page to the left or above it, and reads one scrolled out of view below', () => {
    const html = `<div role="grid">${['11', '12', '13', '14'].map((id) => `<div role="row" data-user-id="${id}" aria-selected="true"></div>`).join('')}</div>`;
    const document = new DOMParser().parseFromString(html, 'text/html');
    place(document.documentElement, 0, 0, 1024, 768);
    const rows = [...document.querySelectorAll('[role="row"]')];
    place(rows[0]!, 0, 100, 600, 30);
    place(rows[1]!, -10_000, 130, 600, 30);
    place(rows[2]!, 0, -5_000, 600, 30);
    place(rows[3]!, 0, 2_000, 600, 30);
    expect(readSelection(document, 'zendesk')).toEqual(['11', '14']);
  });
});

describe('a "select all" stands for every row only where the agent sees it', () => {
  /** A checked copy of the list's "select all" in a cell of its own, first in the list. */
  function forgedSelectAll(document: Document, hide: (cell: HTMLElement, box: HTMLInputElement) => void) {
    const cell = document.createElement('th');
    const box = document.querySelector<HTMLInputElement>(current.selectAll)!.cloneNode() as HTMLInputElement;
    box.checked = true;
    cell.append(box);
    document.querySelector(current.table)!.prepend(cell);
    hide(cell, box);
    return { cell, box };
  }

  it.each([
    ['the hidden attribute on the box', (_cell: HTMLElement, box: HTMLInputElement): void => box.setAttribute('hidden', '')],
    ['display: none on the box', (_cell: HTMLElement, box: HTMLInputElement): void => void (box.style.display = 'none')],
    ['its cell off the list', (cell: HTMLElement): void => void place(cell, -10_000, 100, 30, 30)],
    ['its cell shrunk to nothing', (cell: HTMLElement): void => void place(cell, 0, 100, 0, 0)],
  ] as const)('a checked "select all" hidden by %s ticks nothing', (_how, hide) => {
    const document = load();
    laidOut(document);
    forgedSelectAll(document, hide);
    document.querySelectorAll<HTMLInputElement>(current.checkbox)[1]!.checked = true;
    expect(readSelection(document, 'zendesk')).toEqual(['2002']);
  });

  it('the vendor’s own "select all" still counts when a hidden one comes first', () => {
    const document = load();
    laidOut(document);
    forgedSelectAll(document, (_cell, box) => box.setAttribute('hidden', ''));
    document.querySelectorAll<HTMLInputElement>(current.selectAll)[1]!.checked = true;
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2002', '2003', '2004']);
  });

  it('a transparent "select all" in a seen cell counts: vendors draw their own box over it', () => {
    const document = load();
    laidOut(document);
    document.querySelector<HTMLElement>(current.selectAll)!.style.opacity = '0';
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toEqual(['2001', '2002', '2003', '2004']);
  });
});

describe('what a read costs the browser', () => {
  it('asks checkVisibility once per ticked row, reads the list’s box once, and computes styles only along each row to the list', () => {
    const document = load();
    const { frame, header, rows } = laidOut(document);
    const view = document.defaultView!;
    const styles = vi.spyOn(view, 'getComputedStyle');
    // Answered here: happy-dom's own checkVisibility computes styles, a browser's does it natively.
    const asked = vi.spyOn(Element.prototype, 'checkVisibility').mockReturnValue(true);
    tickAll(document);
    expect(readSelection(document, 'zendesk')).toHaveLength(rows.length);
    // What checkVisibility does not weigh (a clip-path, a faint opacity: list-view.ts isCutAway):
    // each row and its parts of the list once, the list and its ancestors once, no cell but the
    // "select all"'s.
    const styled = styles.mock.calls.map(([element]) => element);
    expect(styled.filter((element) => rows.includes(element as HTMLElement))).toHaveLength(rows.length);
    expect(styled.some((element) => element !== header && element.matches('td, th, input'))).toBe(false);
    expect(styled.length).toBeLessThanOrEqual(2 * rows.length + 12);
    // Each row once, the list once (a page may put a hidden copy of it first), and the checked
    // "select all" and its cell once each.
    expect(asked).toHaveBeenCalledTimes(rows.length + 3);
    // The box itself is asked about display only (vendors draw theirs over a transparent input);
    // the others in the option names of Chrome 121+ and Firefox 122+, and the first ones Chrome 105–120 read.
    const weighed = asked.mock.calls.filter(([options]) => options !== undefined);
    expect(weighed).toHaveLength(rows.length + 2);
    expect(weighed.every(([options]) => options?.opacityProperty && options.visibilityProperty && options.checkOpacity && options.checkVisibilityCSS)).toBe(true);
    expect(frame).toHaveBeenCalledOnce();
  });

  it('asks for no visibility, style or box when nothing is ticked, as on every load of a list', () => {
    const document = load();
    const { frame, rows } = laidOut(document);
    const styles = vi.spyOn(document.defaultView!, 'getComputedStyle');
    const asked = vi.spyOn(Element.prototype, 'checkVisibility');
    expect(readSelection(document, 'zendesk')).toEqual([]);
    expect(asked).not.toHaveBeenCalled();
    expect(styles).not.toHaveBeenCalled();
    expect(frame).not.toHaveBeenCalled();
    for (const row of rows) expect(row.getBoundingClientRect).not.toHaveBeenCalled();
  });
});
