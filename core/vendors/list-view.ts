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
   * page, and none drawn means this markup is not the page's. Drawn with no rows, the list is
   * empty (selection []), not unknown.
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

/** Hidden on this very element: the `hidden` attribute (the browser's own style sheet), `display: none`, `opacity: 0`. */
function hidesItself(element: Element, view: Window): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = view.getComputedStyle(element);
  return style.display === 'none' || style.opacity === '0';
}

/**
 * Not hidden by styles, on itself or an ancestor up to `drawnAncestor` (one already known to be
 * drawn, so a hundred rows do not each walk up to the document). `visibility` is inherited, so
 * the element's own value says it. A document without a window draws nothing.
 */
function isDrawn(element: Element, drawnAncestor?: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  const visibility = view.getComputedStyle(element).visibility;
  if (visibility === 'hidden' || visibility === 'collapse') return false;
  for (let at: Element | null = element; at && at !== drawnAncestor; at = at.parentElement) {
    if (hidesItself(at, view)) return false;
  }
  return true;
}

/**
 * A row the agent can see: drawn, with a box of its own that lies within the list's box (a row
 * moved off the list or shrunk to nothing is not seen). Where nothing is laid out (a DOM emulator),
 * the styles alone decide. Row checkboxes themselves may be hidden: vendors draw their own boxes
 * over visually hidden inputs.
 */
function isSeen(row: Element, list: Element | undefined): boolean {
  if (!isDrawn(row, list)) return false;
  const frame = (list ?? row.ownerDocument.documentElement).getBoundingClientRect();
  if (frame.width === 0 && frame.height === 0) return true;
  const box = row.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return false;
  // A list-less markup (rows that only say aria-selected) has no box to be inside of.
  if (!list) return true;
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

/** Where this markup's rows are: inside the first drawn list, or the document for list-less markups. */
function listOf(doc: Document, markup: ListMarkup): { scope: ParentNode; list?: Element } | undefined {
  if (markup.table) {
    // A page script may add a list of its own and hide it: only a drawn one is read.
    const list = [...doc.querySelectorAll(markup.table)].find((table) => isDrawn(table));
    return list ? { scope: list, list } : undefined;
  }
  return doc.querySelector(markup.row) ? { scope: doc } : undefined;
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
  for (const markup of markups) {
    const found = listOf(doc, markup);
    if (!found) continue;
    const selectAll = markup.selectAll ? found.scope.querySelector<HTMLInputElement>(markup.selectAll) : null;
    const all = selectAll?.checked === true && !selectAll.indeterminate;
    const ids = new Set<string>();
    for (const row of found.scope.querySelectorAll(markup.row)) {
      if (ids.size >= limit) break;
      if (!(all || isTicked(row, markup)) || !isSeen(row, found.list)) continue;
      const id = rowId(row, markup, isId);
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }
  return undefined;
}
