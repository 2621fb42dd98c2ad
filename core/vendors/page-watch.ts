/**
 * The content script's work, apart from the extension APIs so it runs under happy-dom: tell the
 * background which vendor page the tab shows when the script starts, when the single-page app
 * changes the URL, and when the agent ticks rows of a list view; the same context never twice in a
 * row. It reads the URL and, on list views only, the checkboxes: nothing else of the host page.
 * The page's own scripts share the DOM: the `change` events they dispatch are not the agent's and
 * are ignored, and an announced URL change that changed nothing reads nothing again.
 */
import type { PageContext } from '../model/page-context';
import { detectPage, readSelection, type PageHosts } from './pages';

/** `<html data-portier="ready">`: a copy of the script already watches this document (e2e tests read it too). */
export const READY_MARKER = 'ready';

/** Ticking rows one by one, or "select all" ticking a hundred, gives one message. */
export const SELECTION_DEBOUNCE_MS = 100;

export interface PageWatchOptions {
  /** The tab's window: its location is read afresh at every check. */
  window: { readonly location: { readonly href: string } };
  document: Document;
  /** Hands a context to the background. A rejection or a throw means the extension is gone. */
  send(context: PageContext): unknown;
  /** Aborting it removes everything the watch attached (the content script context's signal). */
  signal: AbortSignal;
  /** Subscribes to the URL changes of the single-page app (WXT's `wxt:locationchange`). */
  onUrlChange(listener: () => void): void;
  /** Told once when sending failed and the watch stopped on its own. */
  onStop?(): void;
  debounceMs?: number;
  /** The vendors' own hosts unless given: the sandbox flavour gives the sandbox's too. */
  hosts?: PageHosts;
}

/** The page as the background should see it now, or null when this is no vendor agent page. */
export function readPage(location: { readonly href: string }, doc: Document, hosts?: PageHosts): PageContext | null {
  const page = detectPage(location, hosts);
  if (!page) return null;
  if (page.pageKind !== 'list') return page;
  const selection = readSelection(doc, page.vendor);
  return selection === undefined ? page : { ...page, selection };
}

/**
 * Starts watching; false when nothing was started: not a vendor page (nothing is attached then),
 * another copy of the script already watching, or a signal already aborted.
 */
export function watchPage(options: PageWatchOptions): boolean {
  // The tab's own window and document, given by the caller: core/ reads no global.
  const { window: view, document: doc, signal, hosts } = options;
  const root = doc.documentElement;
  if (signal.aborted || root.dataset.portier === READY_MARKER) return false;
  if (!detectPage(view.location, hosts)) return false;
  root.dataset.portier = READY_MARKER;

  // Our own stop (a failed send) and the caller's signal both end the watch.
  const stopped = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastKey: string | undefined;
  let lastHref: string | undefined;
  /** The agent ticked a box since the last read. */
  let ticked = false;
  const stop = () => {
    if (stopped.signal.aborted) return;
    stopped.abort();
    clearTimeout(timer);
    // A copy injected after this one died (the extension reloaded) may take over the document.
    if (root.dataset.portier === READY_MARKER) delete root.dataset.portier;
  };
  signal.addEventListener('abort', stop, { once: true });

  const check = () => {
    if (stopped.signal.aborted) return;
    const href = view.location.href;
    // Anyone can announce a URL change (it is an event on the page's window): only a new URL, or
    // the agent's own ticks, are worth reading the page again.
    if (!ticked && href === lastHref) return;
    ticked = false;
    lastHref = href;
    const context = readPage({ href }, doc, hosts);
    if (!context) {
      // Left the agent pages: coming back must be told again.
      lastKey = undefined;
      return;
    }
    const key = JSON.stringify(context);
    if (key === lastKey) return;
    lastKey = key;
    try {
      Promise.resolve(options.send(context)).catch(failed);
    } catch {
      failed();
    }
  };
  const failed = () => {
    stop();
    options.onStop?.();
  };
  const soon = () => {
    if (stopped.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(check, options.debounceMs ?? SELECTION_DEBOUNCE_MS);
  };

  check();
  // The new URL may not be committed when the app announces it, and its rows not drawn yet: wait a little.
  options.onUrlChange(soon);
  doc.addEventListener(
    'change',
    (event) => {
      // A page script can tick boxes and dispatch `change` itself: only the agent's own clicks and
      // keys (trusted events) read the rows again.
      if (event.isTrusted !== true) return;
      // Only checkboxes tick rows; typing in a search box is none of our business.
      if ((event.target as Partial<HTMLInputElement> | null)?.type !== 'checkbox') return;
      ticked = true;
      soon();
    },
    { capture: true, signal: stopped.signal },
  );
  return true;
}
