import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { URL_POLL_MS, watchUrl, type UrlWatchWindow } from '../../../core/vendors/url-watch';

/**
 * How the content script hears a single-page app change its address: the Navigation API's
 * `navigate` where the browser has it, else `popstate`, `hashchange` and a poll of the address.
 * The windows here are plain event targets, as the browser's are.
 */
function tab(href: string, withNavigation: boolean) {
  const location = { href };
  const navigation = new EventTarget();
  const window = Object.assign(new EventTarget(), { location, ...(withNavigation ? { navigation } : {}) }) as EventTarget & UrlWatchWindow;
  const listener = vi.fn();
  const controller = new AbortController();
  return {
    window,
    listener,
    controller,
    navigation,
    start: () => watchUrl(window, listener, controller.signal),
    /** `history.pushState`: the address changes and the window fires nothing. */
    pushState: (to: string) => void (location.href = to),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watchUrl with the Navigation API', () => {
  it('tells of every navigate event, and polls nothing', () => {
    const t = tab('https://acme.zendesk.com/agent/users/1', true);
    t.start();
    expect(vi.getTimerCount()).toBe(0);
    t.navigation.dispatchEvent(new Event('navigate'));
    expect(t.listener).toHaveBeenCalledOnce();
    // popstate is a navigate event too there: heard once, not twice.
    t.window.dispatchEvent(new Event('popstate'));
    expect(t.listener).toHaveBeenCalledOnce();
  });

  it('stops when its signal aborts', () => {
    const t = tab('https://acme.zendesk.com/agent/users/1', true);
    t.start();
    t.controller.abort();
    t.navigation.dispatchEvent(new Event('navigate'));
    expect(t.listener).not.toHaveBeenCalled();
  });
});

describe('watchUrl without the Navigation API', () => {
  it('tells of back, forward and a new hash at once', () => {
    const t = tab('https://acme.zendesk.com/agent/users/1', false);
    t.start();
    t.window.dispatchEvent(new Event('popstate'));
    t.window.dispatchEvent(new Event('hashchange'));
    expect(t.listener).toHaveBeenCalledTimes(2);
  });

  it(`sees a pushState within ${URL_POLL_MS} ms, once, and nothing while the address stays`, () => {
    const t = tab('https://acme.zendesk.com/agent/users/1', false);
    t.start();
    vi.advanceTimersByTime(URL_POLL_MS * 4);
    expect(t.listener).not.toHaveBeenCalled();
    t.pushState('https://acme.zendesk.com/agent/tickets/7');
    vi.advanceTimersByTime(URL_POLL_MS);
    expect(t.listener).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(URL_POLL_MS * 4);
    expect(t.listener).toHaveBeenCalledOnce();
  });

  it('stops polling and listening when its signal aborts', () => {
    const t = tab('https://acme.zendesk.com/agent/users/1', false);
    t.start();
    t.controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    t.pushState('https://acme.zendesk.com/agent/tickets/7');
    t.window.dispatchEvent(new Event('popstate'));
    vi.advanceTimersByTime(URL_POLL_MS * 2);
    expect(t.listener).not.toHaveBeenCalled();
  });

  it('attaches nothing on a signal already aborted', () => {
    const t = tab('https://acme.zendesk.com/agent/users/1', false);
    t.controller.abort();
    t.start();
    expect(vi.getTimerCount()).toBe(0);
  });
});
