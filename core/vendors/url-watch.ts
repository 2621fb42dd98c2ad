/**
 * The vendors' agent apps are single-page apps: the agent goes from a list to a contact without a
 * page load, so the content script runs once and must hear the address change. Given the tab's
 * window (core/ reads no global), so it runs under a DOM emulator; the content script bundles it.
 */

/** How often the address is compared where the browser announces no same-page navigation. */
export const URL_POLL_MS = 500;

/** What of the tab's window the watch reads. */
export interface UrlWatchWindow {
  readonly location: { readonly href: string };
  /** The Navigation API (Chrome 102+, Firefox 147+), absent from older browsers and DOM emulators. */
  readonly navigation?: Pick<EventTarget, 'addEventListener'> | null;
  addEventListener(type: 'popstate' | 'hashchange', listener: () => void, options: AddEventListenerOptions): void;
}

/**
 * Calls `listener` when the tab's address may have changed, until `signal` aborts. With the
 * Navigation API, on every `navigate` event: it fires for `history.pushState`, links, back and
 * forward, before the new address is committed (the listener waits a little before reading it).
 * Without it, on `popstate` and `hashchange`, and when a poll of `location.href` every
 * URL_POLL_MS sees a new address, since `pushState` fires no event at all. The listener may be
 * called for an address that did not change: it compares for itself.
 */
export function watchUrl(view: UrlWatchWindow, listener: () => void, signal: AbortSignal, pollMs = URL_POLL_MS): void {
  if (signal.aborted) return;
  const navigation = view.navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('navigate', () => listener(), { signal });
    return;
  }
  view.addEventListener('popstate', listener, { signal });
  view.addEventListener('hashchange', listener, { signal });
  let last = view.location.href;
  const poll = setInterval(() => {
    const href = view.location.href;
    if (href === last) return;
    last = href;
    listener();
  }, pollMs);
  signal.addEventListener('abort', () => clearInterval(poll), { once: true });
}
