/**
 * The content script's work, apart from the extension APIs so it runs under happy-dom: tell the
 * background which vendor page the tab shows when the script starts, when the single-page app
 * changes the URL, and when the agent ticks rows of a list view while a panel watches the tab; the
 * same context never twice in a row. It reads the URL and, on list views only, the checkboxes:
 * nothing else of the host page. The page's own scripts share the DOM: the `change` events they
 * dispatch are not the agent's and are ignored, and an announced URL change that changed nothing
 * reads nothing again.
 */
import type { PageContext } from '../model/page-context';
import { detectPage, readSelection, type PageHosts } from './pages';

/** `<html data-portier="ready">`: a copy of the script watches this document (e2e tests wait for it). */
export const READY_MARKER = 'ready';
// An attribute rather than `dataset`: one DOM object fewer to make at every page load.
const MARKER_ATTRIBUTE = 'data-portier';

/**
 * Fired (cancelable) on a marked document by a copy of the script that starts: a copy already
 * watching cancels it, and the new one bows out, unless the extension that injected the old copy
 * was reloaded or removed; the old copy then stops and the new one takes over. A copy Firefox
 * unloaded with its extension does not answer at all, and is taken over too, as is a marker a page
 * script set. A page script can answer as well and so keep Portier off its page, as it could by
 * hiding its list: no answer makes Portier read or send anything more.
 */
export const WATCHING_EVENT = 'portier:watching';

/** Ticking rows one by one, or "select all" ticking a hundred, gives one message. */
export const SELECTION_DEBOUNCE_MS = 100;

/**
 * The name of the port a panel opens to the content script of the tab it follows
 * (components/shared/tab-watch.ts): while one is open, the agent's ticks are read.
 */
export const PAGE_WATCH_PORT = 'portier:page-watch';

/** A panel following the tab, as the content script hears of it (`onPanel`). */
export interface WatchingPanel {
  /** Called once when the panel closes, follows another tab, or the extension goes. */
  onGone(listener: () => void): void;
  /** Ends it from the page's side (the page goes into the back-forward cache): `onGone` is not called. */
  close(): void;
}

export interface PageWatchOptions {
  /**
   * The tab's window: its location is read afresh at every check. With `addEventListener`, a page
   * put into the back-forward cache lets its panels go, and one restored from it reports itself.
   */
  window: {
    readonly location: { readonly href: string };
    addEventListener?(type: 'pagehide' | 'pageshow', listener: (event: { readonly persisted: boolean }) => void, options: AddEventListenerOptions): void;
  };
  document: Document;
  /**
   * Hands a context to the background. A rejection or a throw means the extension is gone. A
   * promise is waited for before the next context is handed over, so contexts arrive in order.
   */
  send(context: PageContext): unknown;
  /** Aborting it removes everything the watch attached. */
  signal?: AbortSignal;
  /** Subscribes to the URL changes of the single-page app until `signal` aborts (./url-watch.ts). */
  onUrlChange(listener: () => void, signal: AbortSignal): void;
  /**
   * True once the extension that injected this copy was reloaded or removed: Chrome leaves such
   * an orphaned copy running, cut off from the extension, and it yields to a newer copy.
   */
  isOrphaned?(): boolean;
  /**
   * Subscribes to the panels that come to follow this tab, until `signal` aborts. Given, the
   * agent's ticks are read only while a panel watches, and read at once when one comes: a list
   * view's "select all" costs the host page nothing while no panel shows it (reading a hundred
   * rows with the visibility checks is most of the script's time; issue #13). Not given, every
   * tick is read, as for a panel that is always there.
   */
  onPanel?(listener: (panel: WatchingPanel) => void, signal: AbortSignal): void;
  /** Told once when the watch stopped on its own: sending failed, or a newer copy took over. */
  onStop?(): void;
  debounceMs?: number;
  /** The vendors' own hosts unless given: the sandbox flavour gives the sandbox's too. */
  hosts?: PageHosts;
}

/**
 * The page as the background should see it now, or null when this is no vendor agent page.
 * `ticks: false`: a list view's ticked rows are not read (no panel watches), and the context says
 * so (`selectionUnread`) rather than giving a selection that may be out of date.
 */
export function readPage(location: { readonly href: string }, doc: Document, hosts?: PageHosts, options: { ticks?: boolean } = {}): PageContext | null {
  const page = detectPage(location, hosts);
  if (!page) return null;
  if (page.pageKind !== 'list') return page;
  if (options.ticks === false) return { ...page, selectionUnread: true };
  const selection = readSelection(doc, page.vendor);
  return selection === undefined ? page : { ...page, selection };
}

/**
 * Starts watching; false when nothing was started: not a vendor page (nothing is attached then),
 * another live copy of the script already watching, or a signal already aborted.
 */
export function watchPage(options: PageWatchOptions): boolean {
  // The tab's own window and document, given by the caller: core/ reads no global.
  const { window: view, document: doc, signal, hosts } = options;
  const root = doc.documentElement;
  if (signal?.aborted) return false;
  if (!detectPage(view.location, hosts)) return false;
  // A watching copy unmarks the document only as it stops: unmarked, there is no one to ask. (A
  // page that removes the marker gets two copies telling the background the same page.)
  const marked = root.getAttribute(MARKER_ATTRIBUTE) === READY_MARKER;
  if (marked && !doc.dispatchEvent(new Event(WATCHING_EVENT, { cancelable: true }))) return false;
  root.setAttribute(MARKER_ATTRIBUTE, READY_MARKER);

  // Our own stop (a failed send, a newer copy) and the caller's signal both end the watch.
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
    if (root.getAttribute(MARKER_ATTRIBUTE) === READY_MARKER) root.removeAttribute(MARKER_ATTRIBUTE);
  };
  signal?.addEventListener('abort', stop, { once: true });

  /** Panels watching now; without `onPanel`, one that never leaves. */
  let panels = options.onPanel ? 0 : 1;
  /** `again`: read even if neither the URL nor the ticks changed (a panel came or went). */
  const check = (again = false) => {
    if (stopped.signal.aborted) return;
    const href = view.location.href;
    // Anyone can announce a URL change (it is an event on the page's window): only a new URL, or
    // the agent's own ticks, are worth reading the page again.
    if (!again && !ticked && href === lastHref) return;
    ticked = false;
    lastHref = href;
    const context = readPage({ href }, doc, hosts, { ticks: panels > 0 });
    if (!context) {
      // Left the agent pages: coming back must be told again.
      lastKey = undefined;
      return;
    }
    const key = JSON.stringify(context);
    if (key === lastKey) return;
    lastKey = key;
    deliver(context);
  };
  /**
   * One context on its way at a time: two in flight may be stored out of order (the background
   * stores each before it answers), and a panel would then see an older page, or ticks unread
   * while it watches. Only the newest context waiting is sent.
   */
  let sending = false;
  let waiting: PageContext | undefined;
  const deliver = (context: PageContext) => {
    if (sending) {
      waiting = context;
      return;
    }
    let answer: unknown;
    try {
      answer = options.send(context);
    } catch {
      quit();
      return;
    }
    if (typeof (answer as PromiseLike<unknown> | undefined)?.then !== 'function') return;
    sending = true;
    Promise.resolve(answer).then(() => {
      sending = false;
      const next = waiting;
      waiting = undefined;
      if (next && !stopped.signal.aborted) deliver(next);
    }, quit);
  };
  // Sending failed, or a newer copy took over: this copy has no one to talk to.
  const quit = () => {
    stop();
    options.onStop?.();
  };
  /** A check is due once the debounce is over. */
  let due = false;
  const soon = () => {
    if (stopped.signal.aborted) return;
    clearTimeout(timer);
    due = true;
    timer = setTimeout(() => {
      due = false;
      check();
    }, options.debounceMs ?? SELECTION_DEBOUNCE_MS);
  };

  doc.addEventListener(
    WATCHING_EVENT,
    (event) => {
      if (options.isOrphaned?.()) quit();
      else event.preventDefault();
    },
    { signal: stopped.signal },
  );
  check();
  // The new URL may not be committed when the app announces it, and its rows not drawn yet: wait a little.
  options.onUrlChange(soon, stopped.signal);

  let hearingTicks = false;
  const hearTicks = () => {
    if (hearingTicks) return;
    hearingTicks = true;
    doc.addEventListener(
      'change',
      (event) => {
        // A page script can tick boxes and dispatch `change` itself: only the agent's own clicks
        // and keys (trusted events) read the rows again.
        if (event.isTrusted !== true || panels === 0) return;
        // Only checkboxes tick rows; typing in a search box is none of our business.
        if ((event.target as Partial<HTMLInputElement> | null)?.type !== 'checkbox') return;
        ticked = true;
        soon();
      },
      { capture: true, signal: stopped.signal },
    );
  };
  if (panels > 0) hearTicks();
  /** The panels watching, each until it is gone or let go. */
  const watching = new Set<WatchingPanel>();
  const onPanel = options.onPanel;
  // A first report that failed at once has stopped the watch already: no panel is heard then.
  if (onPanel && !stopped.signal.aborted) {
    onPanel((panel) => {
      if (stopped.signal.aborted) return;
      watching.add(panel);
      panels++;
      panel.onGone(() => {
        if (!watching.delete(panel)) return;
        panels--;
        // The ticks from now on go unread: the background is told, so that the next panel does
        // not show the last ones read as if they were the page's.
        if (panels === 0) check(true);
      });
      hearTicks();
      // Nothing was read while no panel watched: read the ticks now, for the panel waiting,
      // unless a check is due (the app has just changed the URL and may not have drawn its rows).
      if (due) ticked = true;
      else check(true);
    }, stopped.signal);
  }
  // Into the back-forward cache, the page's ports may stay open (Firefox) or close unheard
  // (Chrome): its panels are let go here, and told nothing (the tab shows another page now). Out
  // of it, the page reports itself again, and the panel watching the tab comes back to it.
  view.addEventListener?.(
    'pagehide',
    (event) => {
      if (!event.persisted || !onPanel) return;
      for (const panel of watching) panel.close();
      watching.clear();
      panels = 0;
    },
    { signal: stopped.signal },
  );
  view.addEventListener?.(
    'pageshow',
    (event) => {
      if (event.persisted) check(true);
    },
    { signal: stopped.signal },
  );
  return true;
}
