import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { PageContext } from '../../../core/model/page-context';
import { watchPage, type PageWatchOptions, type WatchingPanel } from '../../../core/vendors/page-watch';

/** One page watch on a fixture document, driven as the content script and the agent would (watch.test.ts, takeover.test.ts). */
export const FIXTURES = join(__dirname, '../../fixtures/pages');
export const load = (name: string): Document => new DOMParser().parseFromString(readFileSync(join(FIXTURES, `${name}.html`), 'utf8'), 'text/html');

/**
 * A `change` as the browser fires it for the agent's click. happy-dom has no `isTrusted`; a real
 * browser sets it, and no page script can (tests/e2e/page-trust.test.ts checks that in Chromium).
 */
export function agentChange(): Event {
  const event = new Event('change', { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

export const CONTACT = 'https://acme.zendesk.com/agent/users/2004';
export const LIST = 'https://acme.zendesk.com/agent/user_filters/360000000001';
export const HELP_CENTER = 'https://acme.zendesk.com/hc/en-us';

/** `send`: the background's side; by default it takes each context at once (no promise to wait for). */
export function setUp(href: string, document: Document = load('zendesk-list'), send: PageWatchOptions['send'] = () => undefined) {
  const location = { href };
  const sent: PageContext[] = [];
  const urlListeners: (() => void)[] = [];
  const controller = new AbortController();
  const onStop = vi.fn();
  const options: PageWatchOptions = {
    window: { location },
    document,
    send: (context) => {
      sent.push(context);
      return send(context);
    },
    signal: controller.signal,
    onUrlChange: (listener) => urlListeners.push(listener),
    onStop,
  };
  const navigate = (to: string) => {
    location.href = to;
    for (const listener of urlListeners) listener();
  };
  const tick = (index: number, checked = true) => {
    const box = document.querySelectorAll<HTMLInputElement>('[data-test-id="customer-list-row-checkbox"]')[index]!;
    box.checked = checked;
    box.dispatchEvent(agentChange());
  };
  return { options, sent, controller, onStop, navigate, tick, document, urlListeners, start: () => watchPage(options) };
}

/**
 * The same, with panels that come and go as the content script hears them (`onPanel`):
 * `panel()` opens one and returns its close.
 */
export function setUpWatched(href: string, document?: Document, send?: PageWatchOptions['send']) {
  const t = setUp(href, document, send);
  const arrivals: ((panel: WatchingPanel) => void)[] = [];
  let signal: AbortSignal | undefined;
  t.options.onPanel = (listener, until) => {
    arrivals.push(listener);
    signal = until;
  };
  const panel = () => {
    const gone: (() => void)[] = [];
    const state = { closed: false };
    for (const arrive of arrivals) arrive({ onGone: (listener) => void gone.push(listener), close: () => void (state.closed = true) });
    return Object.assign(() => gone.forEach((listener) => listener()), { closedByPage: () => state.closed });
  };
  return { ...t, panel, panelSignal: () => signal };
}
