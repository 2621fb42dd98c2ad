/**
 * Reading the ticked rows of a vendor's list view, for the four page readers
 * (core/vendors/<vendor>/page.ts). The host page is untrusted: its scripts can add rows, tick boxes
 * and hide both. So only the rows of the vendor's own list are read, only those the agent can see,
 * and never more than MAX_PAGE_SELECTION; the panel then says how many rows it read, so a row the
 * page ticked behind the agent's back shows in the count. Plain functions: the content script
 * bundles this file.
 */
import { MAX_PAGE_SELECTION } from '../model/page-ids';

/**
 * One way a vendor has drawn its list view. `row` matches one element per record; the id is read
 * from the row's `idAttribute`, else from its checkbox's value. A row is ticked when its checkbox
 * is checked, or, for markups without checkboxes, when it is `aria-selected="true"`.
 */
export interface ListMarkup {
  /**
   * The list itself. When given, rows and "select all" are read inside the first one drawn on the
   * page with a box of its own, and none drawn means this markup is not the page's. Drawn with no
   * rows, the list is empty (selection []), not unknown; and so is any list when nothing at all is
   * ticked.
   */
  table?: string;
  /** The header box that ticks every row of the list. */
  selectAll?: string;
  row: string;
  idAttribute?: string;
  /** Stripped from the id attribute's value: Zoho CRM rows are `lvTr_{id}`. */
  idPrefix?: string;
  /** The row's own checkbox, searched inside the row. */
  checkbox?: string;
}

/**
 * What hides an element from the agent, asked of the browser in one call per element:
 * `display: none` (the `hidden` attribute included) on it or an ancestor, `content-visibility:
 * hidden` on an ancestor, `opacity: 0` on it or an ancestor, its own `visibility` (inherited, so an
 * ancestor's `hidden` shows here too). The options' names since Chrome 121 and Firefox 122, and
 * their first names, which Chrome 105–120 (the side panel needs 114) read instead: a browser that
 * ignored them would take a transparent row for a seen one.
 */
const HIDDEN_BY: CheckVisibilityOptions = { opacityProperty: true, visibilityProperty: true, checkOpacity: true, checkVisibilityCSS: true };

/**
 * The `hidden` attribute, on the element or an ancestor up to `drawnAncestor` (one already known
 * to be drawn, so a hundred rows do not each walk up to the document). It hides through the
 * browser's own style sheet, which a DOM emulator may lack and a page may override: refused
 * whatever the styles say.
 */
function hasHiddenAttribute(element: Element, drawnAncestor?: Element): boolean {
  for (let at: Element | null = element; at && at !== drawnAncestor; at = at.parentElement) {
    if (at.hasAttribute('hidden')) return true;
  }
  return false;
}

/**
 * The same question, answered from computed styles, for a DOM without `checkVisibility`: a style
 * read per element, walked up to `drawnAncestor`. `content-visibility: hidden` hides what is inside
 * an element, not the element.
 */
function isDrawnByStyles(element: Element, view: Window, drawnAncestor?: Element): boolean {
  const visibility = view.getComputedStyle(element).visibility;
  if (visibility === 'hidden' || visibility === 'collapse') return false;
  for (let at: Element | null = element; at && at !== drawnAncestor; at = at.parentElement) {
    const style = view.getComputedStyle(at);
    if (style.display === 'none' || style.opacity === '0') return false;
    if (at !== element && style.contentVisibility === 'hidden') return false;
  }
  return true;
}

/** Not hidden by styles, on itself or an ancestor. A document without a window draws nothing. */
function isDrawn(element: Element, drawnAncestor?: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  if (hasHiddenAttribute(element, drawnAncestor)) return false;
  // One native call: the browser updates styles once per read, where a computed-style walk asked
  // it again for every row and ancestor (issue #13).
  if (typeof element.checkVisibility === 'function') return element.checkVisibility(HIDDEN_BY);
  return isDrawnByStyles(element, view, drawnAncestor);
}

/**
 * A row smaller than this is not one the agent reads: vendors draw rows 28 px and more, and a page
 * script's "visually hidden" row (1 px, clipped to nothing) is not shorter by accident.
 */
const MIN_ROW_PX = 8;

/** Nearly transparent is not seen: checkVisibility only refuses an opacity of exactly 0. */
const MIN_OPACITY = 0.1;

/**
 * Drawn, but cut away or faded out of sight by styles checkVisibility does not weigh: a clip-path,
 * a clip (on a positioned element), an opacity just above 0, on the element or an ancestor up to
 * `stop` (excluded). Laid-out documents only: the styles are computed once per read by then.
 */
function isCutAway(element: Element, view: Window, stop?: Element | null): boolean {
  for (let at: Element | null = element; at && at !== stop; at = at.parentElement) {
    const style = view.getComputedStyle(at);
    if (style.clipPath !== '' && style.clipPath !== 'none') return true;
    if (style.clip !== '' && style.clip !== 'auto' && (style.position === 'absolute' || style.position === 'fixed')) return true;
    const opacity = Number.parseFloat(style.opacity);
    if (!Number.isNaN(opacity) && opacity < MIN_OPACITY) return true;
  }
  return false;
}

/** A box as the browser lays it out. */
type Box = Pick<DOMRect, 'left' | 'top' | 'right' | 'bottom' | 'width' | 'height'>;

const hasArea = (box: Box): boolean => box.width > 0 && box.height > 0;

/** A browser gives the root element a box; a DOM emulator lays nothing out, and the styles alone decide there. */
function isLaidOut(doc: Document): boolean {
  const root = doc.documentElement.getBoundingClientRect();
  return root.width > 0 || root.height > 0;
}

/** The list a markup's rows are read in, with its box (read once per read) where the page is laid out. */
interface FoundList {
  scope: ParentNode;
  /** Absent for list-less markups (rows that only say aria-selected): they have no box to be inside of. */
  list?: Element;
  box?: Box;
}

/**
 * A row the agent can see: drawn, with a box of its own that lies within the list's box (a row
 * moved off the list or shrunk to nothing is not seen), or on the page for list-less markups. Row
 * checkboxes themselves may be hidden: vendors draw their own boxes over visually hidden inputs.
 */
function isSeen(row: Element, found: FoundList, laidOut: boolean): boolean {
  if (!isDrawn(row, found.list)) return false;
  if (!laidOut) return true;
  const box = row.getBoundingClientRect();
  if (box.width < MIN_ROW_PX || box.height < MIN_ROW_PX) return false;
  const view = row.ownerDocument.defaultView;
  if (!view || isCutAway(row, view, found.list)) return false;
  const frame = found.box;
  // A list-less markup has no list box to be inside of: the row must at least lie on the page, where
  // scrolling can bring it into view (not `left: -10000px`, a "visually hidden" trick).
  if (!frame) return box.right + view.scrollX > 0 && box.bottom + view.scrollY > 0;
  return box.right > frame.left && box.left < frame.right && box.bottom > frame.top && box.top < frame.bottom;
}

function rowId(row: Element, markup: ListMarkup, isId: (id: string) => boolean): string | undefined {
  let fromRow = markup.idAttribute ? row.getAttribute(markup.idAttribute)?.trim() : undefined;
  if (fromRow !== undefined && markup.idPrefix !== undefined) fromRow = fromRow.startsWith(markup.idPrefix) ? fromRow.slice(markup.idPrefix.length) : undefined;
  if (fromRow !== undefined && isId(fromRow)) return fromRow;
  const box = markup.checkbox ? row.querySelector<HTMLInputElement>(markup.checkbox) : null;
  const fromBox = box?.value.trim();
  return fromBox !== undefined && isId(fromBox) ? fromBox : undefined;
}

function isTicked(row: Element, markup: ListMarkup): boolean {
  if (!markup.checkbox) return row.getAttribute('aria-selected') === 'true';
  return row.querySelector<HTMLInputElement>(markup.checkbox)?.checked === true;
}

/** Some of the box lies in the window: `left: -10000px`, or far below the page's end, does not. */
const inWindow = (box: Box, view: Window): boolean => box.right > 0 && box.bottom > 0 && box.left < view.innerWidth && box.top < view.innerHeight;

/**
 * Where this markup's rows are: inside the first list drawn with a box of its own in the window,
 * or the document for list-less markups. A page script may put a list of its own first and hide
 * it, shrink it to nothing so that its rows spill over what the agent sees, or move it out of the
 * window: only a list the agent sees is read. (The agent has the list in view while ticking it;
 * a list scrolled half away still has some of its box in the window.)
 */
function listOf(doc: Document, markup: ListMarkup, laidOut: boolean): FoundList | undefined {
  if (!markup.table) return doc.querySelector(markup.row) ? { scope: doc } : undefined;
  for (const list of doc.querySelectorAll(markup.table)) {
    if (!isDrawn(list)) continue;
    if (!laidOut) return { scope: list, list };
    const box = list.getBoundingClientRect();
    const view = doc.defaultView;
    if (hasArea(box) && view && inWindow(box, view) && !isCutAway(list, view)) return { scope: list, list, box };
  }
  return undefined;
}

/**
 * True when the list has a "select all" checked (not indeterminate) where the agent can see it: not
 * hidden itself (the `hidden` attribute, `display: none`), in a cell seen as a row would be. The
 * box itself may be transparent: vendors draw their own over a visually hidden input. A page
 * script's hidden copy, checked, would otherwise tick every row while nothing on screen looks
 * ticked. Unchecked boxes cost nothing: no visibility is asked of them.
 */
function allTicked(found: FoundList, selector: string, laidOut: boolean): boolean {
  for (const box of found.scope.querySelectorAll<HTMLInputElement>(selector)) {
    if (!box.checked || box.indeterminate) continue;
    const cell = box.parentElement;
    if (!cell || hasHiddenAttribute(box, cell)) continue;
    if (typeof box.checkVisibility === 'function' && !box.checkVisibility()) continue;
    if (isSeen(cell, found, laidOut)) return true;
  }
  return false;
}

/**
 * Anything of this markup ticked anywhere on the page, in or out of its lists, seen or not: a
 * row's box, a row, a "select all". One selector match, which computes no style.
 */
function anyTicked(doc: Document, markup: ListMarkup): boolean {
  const rows = markup.checkbox ? `:is(${markup.row}) :is(${markup.checkbox}):checked` : `:is(${markup.row})[aria-selected="true"]`;
  return doc.querySelector(markup.selectAll ? `${rows}, :is(${markup.selectAll}):checked` : rows) !== null;
}

/**
 * The ids of the ticked rows the agent can see, in page order and each once, read with the first
 * markup the page has; at most `limit` of them. A checked "select all" of the list (not
 * indeterminate) stands for every row seen. Ids that are not ids (`on`, a name) are skipped.
 */
export function readTickedRows(
  doc: Document,
  markups: readonly ListMarkup[],
  isId: (id: string) => boolean,
  limit = MAX_PAGE_SELECTION,
): string[] | undefined {
  // Nothing ticked, as on every load of a list: nothing to read, so no style or box is asked of
  // the browser, which would have to lay out the page the content script was injected in. Any
  // list of ours on the page, drawn or not, makes that an empty selection.
  if (!markups.some((markup) => anyTicked(doc, markup))) {
    return markups.some((markup) => doc.querySelector(markup.table ?? markup.row) !== null) ? [] : undefined;
  }
  const laidOut = isLaidOut(doc);
  for (const markup of markups) {
    const found = listOf(doc, markup, laidOut);
    if (!found) continue;
    const all = markup.selectAll !== undefined && allTicked(found, markup.selectAll, laidOut);
    const ids = new Set<string>();
    for (const row of found.scope.querySelectorAll(markup.row)) {
      if (ids.size >= limit) break;
      if (!(all || isTicked(row, markup)) || !isSeen(row, found, laidOut)) continue;
      const id = rowId(row, markup, isId);
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }
  return undefined;
}
