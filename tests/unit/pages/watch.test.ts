// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readPage, SELECTION_DEBOUNCE_MS } from '../../../core/vendors/page-watch';
import { SANDBOX_PAGE_HOSTS } from '../../../core/vendors/sandbox-pages';
import { agentChange, CONTACT, HELP_CENTER, LIST, load, setUp, setUpWatched } from './watch-harness';

/**
 * What the content script does (entrypoints/content-script.ts only wires this to the extension APIs): one
 * context on start, one per URL change, one per change of the ticked rows, never the same twice in a row.
 */
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watchPage', () => {
  it('tells the page once on start and marks the document', () => {
    const t = setUp(CONTACT, load('zendesk-contact'));
    expect(t.start()).toBe(true);
    expect(t.sent).toEqual([{ vendor: 'zendesk', account: 'acme', pageKind: 'contact', recordIds: ['2004'], url: CONTACT }]);
    expect(t.document.documentElement.dataset.portier).toBe('ready');
  });

  it('never runs twice on one document', () => {
    const t = setUp(CONTACT, load('zendesk-contact'));
    expect(t.start()).toBe(true);
    const second = setUp(CONTACT, t.document);
    expect(second.start()).toBe(false);
    expect(second.sent).toEqual([]);
    expect(second.urlListeners).toEqual([]);
  });

  it('does nothing on a page that is not an agent page: no message, no marker, no listener', () => {
    const t = setUp(HELP_CENTER);
    expect(t.start()).toBe(false);
    expect(t.urlListeners).toEqual([]);
    t.tick(0);
    vi.runAllTimers();
    expect(t.sent).toEqual([]);
    expect(t.document.documentElement.dataset.portier).toBeUndefined();
  });

  it('follows single-page navigation, once per new page', () => {
    const t = setUp(CONTACT, load('zendesk-contact'));
    t.start();
    t.navigate('https://acme.zendesk.com/agent/tickets/4821');
    expect(t.sent).toHaveLength(1); // the app announces the URL before it is committed: wait
    vi.advanceTimersByTime(SELECTION_DEBOUNCE_MS);
    expect(t.sent.at(-1)).toMatchObject({ pageKind: 'ticket', recordIds: ['4821'] });
    t.navigate('https://acme.zendesk.com/agent/tickets/4821');
    vi.runAllTimers();
    expect(t.sent).toHaveLength(2);
  });

  it('tells a page again after the agent left the agent pages and came back', () => {
    const t = setUp(CONTACT, load('zendesk-contact'));
    t.start();
    t.navigate(HELP_CENTER);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
    t.navigate(CONTACT);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]).toEqual(t.sent[0]);
  });

  it('sends the ticked rows of a list view, once per burst of changes', () => {
    const t = setUp(LIST);
    t.start();
    expect(t.sent).toEqual([{ vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], selection: [], url: LIST }]);
    t.tick(2);
    t.tick(0);
    vi.advanceTimersByTime(SELECTION_DEBOUNCE_MS - 1);
    expect(t.sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]!.selection).toEqual(['2001', '2003']);
  });

  it('sends nothing when the selection ends where it was', () => {
    const t = setUp(LIST);
    t.start();
    t.tick(1);
    t.tick(1, false);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
  });

  it('ignores changes of anything but a checkbox', () => {
    const t = setUp(LIST);
    t.start();
    const box = t.document.querySelector<HTMLInputElement>('[data-test-id="customer-list-row-checkbox"]')!;
    box.checked = true; // ticked without its change event: only a later checkbox change shows it
    const search = t.document.createElement('input');
    search.type = 'search';
    t.document.body.append(search);
    search.dispatchEvent(agentChange());
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
    t.tick(3);
    vi.runAllTimers();
    expect(t.sent.at(-1)!.selection).toEqual(['2001', '2004']);
  });

  it('ignores the change events a page script dispatches, whatever it ticked', () => {
    const t = setUp(LIST);
    t.start();
    const boxes = t.document.querySelectorAll<HTMLInputElement>('[data-test-id="customer-list-row-checkbox"]');
    boxes[1]!.checked = true;
    boxes[1]!.dispatchEvent(new Event('change', { bubbles: true }));
    const forged = new Event('change', { bubbles: true });
    Object.defineProperty(forged, 'isTrusted', { value: false });
    boxes[2]!.checked = true;
    boxes[2]!.dispatchEvent(forged);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
    // The agent's own tick reads the list again, and the panel shows the count of what was read.
    t.tick(0);
    vi.runAllTimers();
    expect(t.sent.at(-1)!.selection).toEqual(['2001', '2002', '2003']);
  });

  it('reads nothing again when a URL change is announced but the URL is the same', () => {
    const t = setUp(LIST);
    t.start();
    t.document.querySelectorAll<HTMLInputElement>('[data-test-id="customer-list-row-checkbox"]')[1]!.checked = true;
    // Anyone can fire the announcement on the page's window.
    t.navigate(LIST);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
    t.navigate(`${LIST}?page=2`);
    vi.runAllTimers();
    // The new address is read (its rows); the query itself is not kept (core/vendors/page-url.ts).
    expect(t.sent.at(-1)).toMatchObject({ url: LIST, selection: ['2002'] });
  });

  it('knows the sandbox hosts only when given them (the sandbox flavour)', () => {
    const sandboxList = 'http://acme.zendesk.localhost:8787/agent/user_filters/360000000001';
    expect(setUp(sandboxList).start()).toBe(false);
    const t = setUp(sandboxList);
    t.options.hosts = SANDBOX_PAGE_HOSTS;
    expect(t.start()).toBe(true);
    expect(t.sent).toEqual([{ vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], selection: [], url: sandboxList }]);
  });

  it('hears row changes even when the page stops their propagation', () => {
    const t = setUp(LIST);
    t.start();
    t.document.querySelector('table')!.addEventListener('change', (event) => event.stopPropagation());
    t.tick(0);
    vi.runAllTimers();
    expect(t.sent.at(-1)!.selection).toEqual(['2001']);
  });

  it('stops everything, marker included, when its signal aborts', () => {
    const t = setUp(LIST);
    t.start();
    t.tick(0);
    t.controller.abort();
    vi.runAllTimers(); // the pending check was cancelled too
    t.tick(1);
    t.navigate(CONTACT);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
    expect(t.document.documentElement.dataset.portier).toBeUndefined();
  });

  it('lets a later copy take over once the first has stopped', () => {
    const t = setUp(CONTACT, load('zendesk-contact'));
    t.start();
    t.controller.abort();
    expect(setUp(CONTACT, t.document).start()).toBe(true);
  });

  it('stops hearing URL changes when it stops', async () => {
    let urlSignal: AbortSignal | undefined;
    const t = setUp(CONTACT, load('zendesk-contact'), () => Promise.reject(new Error('Extension context invalidated.')));
    t.options.onUrlChange = (_listener, signal) => void (urlSignal = signal);
    t.start();
    expect(urlSignal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(urlSignal?.aborted).toBe(true);
  });

  it('stops quietly when the extension is gone (the message is rejected)', async () => {
    const t = setUp(LIST, load('zendesk-list'), () => Promise.reject(new Error('Extension context invalidated.')));
    t.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.onStop).toHaveBeenCalledOnce();
    t.tick(0);
    t.navigate(CONTACT);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
    expect(t.document.documentElement.dataset.portier).toBeUndefined();
  });

  it('stops quietly when sending throws at once', () => {
    const t = setUp(LIST, load('zendesk-list'), () => {
      throw new Error('Extension context invalidated.');
    });
    expect(() => t.start()).not.toThrow();
    expect(t.onStop).toHaveBeenCalledOnce();
    t.tick(0);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
  });

  it('does not start on an aborted signal', () => {
    const t = setUp(CONTACT, load('zendesk-contact'));
    t.controller.abort();
    expect(t.start()).toBe(false);
    expect(t.sent).toEqual([]);
  });
});

describe('watchPage with panels that come and go (onPanel)', () => {
  it('reads no tick while no panel watches, says so, and reads them as soon as one comes', () => {
    const t = setUpWatched(LIST);
    t.start();
    expect(t.sent).toEqual([{ vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], selectionUnread: true, url: LIST }]);
    t.tick(0);
    t.tick(2);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);

    // Read at once, not after the debounce: the panel is waiting for it.
    t.panel();
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]).toEqual({ vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], selection: ['2001', '2003'], url: LIST });
    t.tick(1);
    vi.runAllTimers();
    expect(t.sent.at(-1)!.selection).toEqual(['2001', '2002', '2003']);
  });

  it('says the ticks go unread once the last panel is gone, and reads nothing more until one comes', () => {
    const t = setUpWatched(LIST);
    t.start();
    const closeFirst = t.panel();
    const closeSecond = t.panel();
    expect(t.sent.map((c) => c.selection)).toEqual([undefined, []]); // the second panel: the same context, not sent twice
    closeFirst();
    closeFirst(); // a second report of the same end changes nothing
    t.tick(0);
    vi.runAllTimers();
    expect(t.sent.at(-1)!.selection).toEqual(['2001']);
    closeSecond();
    expect(t.sent.at(-1)).toMatchObject({ selectionUnread: true });
    expect(t.sent.at(-1)!.selection).toBeUndefined();
    const told = t.sent.length;
    t.tick(1);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(told);
  });

  it('hands the background one context at a time, in order, and only the newest of those that waited', async () => {
    const answers: (() => void)[] = [];
    const t = setUpWatched(LIST, undefined, () => new Promise<void>((resolve) => answers.push(resolve)));
    t.start();
    const close = t.panel(); // read while the first report is on its way: it waits
    close(); // unread again: replaces the read one that waited
    t.panel();
    expect(t.sent.map((c) => c.selectionUnread ?? c.selection)).toEqual([true]);
    answers.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(t.sent.map((c) => c.selectionUnread ?? c.selection)).toEqual([true, []]);
  });

  it('lets a check due after a URL change read the ticks for a panel that comes meanwhile, rather than read the page too early', () => {
    const t = setUpWatched(CONTACT, load('zendesk-list'));
    t.start();
    t.navigate(LIST); // announced: the rows may not be drawn yet
    t.tick(0);
    t.panel();
    expect(t.sent.map((c) => c.pageKind)).toEqual(['contact']);
    vi.advanceTimersByTime(SELECTION_DEBOUNCE_MS);
    expect(t.sent.at(-1)).toMatchObject({ pageKind: 'list', selection: ['2001'] });
  });

  it('lets its panels go when the page goes into the back-forward cache, and reports itself when it comes back', () => {
    const t = setUpWatched(LIST);
    const listeners = new Map<string, (event: { persisted: boolean }) => void>();
    t.options.window = { location: t.options.window.location, addEventListener: (type, listener) => void listeners.set(type, listener) };
    t.start();
    const panel = t.panel();
    expect(t.sent).toHaveLength(2);

    listeners.get('pagehide')!({ persisted: true });
    expect(panel.closedByPage()).toBe(true);
    expect(t.sent).toHaveLength(2); // the tab shows another page now: nothing is told
    t.tick(0);
    vi.runAllTimers();
    expect(t.sent).toHaveLength(2);

    listeners.get('pageshow')!({ persisted: true });
    expect(t.sent.at(-1)).toMatchObject({ pageKind: 'list', selectionUnread: true });
    // A panel's port closing late from its side changes nothing more.
    panel();
    expect(t.sent).toHaveLength(3);
  });

  it('hears no panel when its first report failed at once', () => {
    const t = setUpWatched(LIST, undefined, () => {
      throw new Error('Extension context invalidated.');
    });
    let asked = false;
    t.options.onPanel = () => void (asked = true);
    expect(t.start()).toBe(true);
    expect(asked).toBe(false);
    expect(t.onStop).toHaveBeenCalledOnce();
  });

  it('still tells each new page without a panel: only ticks wait for one', () => {
    const t = setUpWatched(CONTACT, load('zendesk-contact'));
    t.start();
    t.navigate('https://acme.zendesk.com/agent/tickets/4821');
    vi.runAllTimers();
    expect(t.sent.map((c) => c.pageKind)).toEqual(['contact', 'ticket']);
  });

  it('hears no panel once stopped', () => {
    const t = setUpWatched(LIST);
    t.start();
    expect(t.panelSignal()?.aborted).toBe(false);
    t.controller.abort();
    expect(t.panelSignal()?.aborted).toBe(true);
    t.tick(0);
    t.panel();
    vi.runAllTimers();
    expect(t.sent).toHaveLength(1);
  });
});

describe('readPage', () => {
  it('reads no checkbox of a list when told not to read ticks, and says they went unread', () => {
    const doc = load('zendesk-list');
    const query = vi.spyOn(doc, 'querySelector');
    const queryAll = vi.spyOn(doc, 'querySelectorAll');
    expect(readPage({ href: LIST }, doc, undefined, { ticks: false })).toEqual({ vendor: 'zendesk', account: 'acme', pageKind: 'list', recordIds: [], selectionUnread: true, url: LIST });
    expect(query).not.toHaveBeenCalled();
    expect(queryAll).not.toHaveBeenCalled();
  });

  it('leaves the selection out on a list whose markup it cannot read', () => {
    const page = readPage({ href: LIST }, load('zoho-crm-list'));
    expect(page).toMatchObject({ vendor: 'zendesk', pageKind: 'list' });
    expect(page).not.toHaveProperty('selection');
  });

  it('reads no checkbox outside list views', () => {
    const document = load('zendesk-list');
    const spy = vi.spyOn(document, 'querySelectorAll');
    expect(readPage({ href: CONTACT }, document)).toMatchObject({ pageKind: 'contact' });
    expect(spy).not.toHaveBeenCalled();
  });

  it('reads a 100-row list view asking about its ticked rows only, one call each', () => {
    const document = load('zendesk-list');
    const tbody = document.querySelector('tbody')!;
    const template = tbody.querySelector('tr')!;
    tbody.replaceChildren();
    for (let i = 0; i < 100; i++) {
      const row = template.cloneNode(true) as HTMLElement;
      row.dataset.userId = String(900000 + i);
      const box = row.querySelector('input')!;
      box.value = String(900000 + i);
      box.checked = i % 3 === 0;
      tbody.append(row);
    }
    // The time itself is the bench's (content_script_main_thread_ms, in Chromium): counted here.
    const asked = vi.spyOn(Element.prototype, 'checkVisibility');
    expect(readPage({ href: LIST }, document)?.selection).toHaveLength(34);
    // The 34 ticked rows, and the list itself.
    expect(asked).toHaveBeenCalledTimes(34 + 1);
    asked.mockRestore();
  });
});
