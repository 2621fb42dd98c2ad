// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WATCHING_EVENT } from '../../../core/vendors/page-watch';
import { HELP_CENTER, LIST, load, setUp } from './watch-harness';

/**
 * One copy of the content script watches a document. A copy that starts asks (WATCHING_EVENT):
 * a live copy keeps the document, one whose extension was reloaded or removed hands it over, and
 * one that no longer answers (Firefox unloads it with its extension) is taken over. The extension's
 * own reload in a browser: tests/e2e/firefox.
 */
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('copies of the content script on one document', () => {
  it('hands the document to a copy injected after the extension was reloaded: the orphaned copy stops', () => {
    const first = setUp(LIST);
    let orphaned = false;
    first.options.isOrphaned = () => orphaned;
    first.start();
    // Reloaded: Chrome leaves this copy running, and a newer one starts on the same document.
    orphaned = true;
    const second = setUp(LIST, first.document);
    expect(second.start()).toBe(true);
    expect(first.onStop).toHaveBeenCalledOnce();
    expect(second.sent).toHaveLength(1);
    expect(first.document.documentElement.dataset.portier).toBe('ready');
    // Only the new copy reads the agent's ticks from now on.
    second.tick(0);
    vi.runAllTimers();
    expect(first.sent).toHaveLength(1);
    expect(second.sent.at(-1)!.selection).toEqual(['2001']);
  });

  it('takes over a document marked by a copy that no longer answers (Firefox unloads it with its extension)', () => {
    const document = load('zendesk-list');
    document.documentElement.dataset.portier = 'ready';
    const t = setUp(LIST, document);
    expect(t.start()).toBe(true);
    expect(t.sent).toHaveLength(1);
  });

  it('keeps watching when a page script asks whether a copy is watching', () => {
    const t = setUp(LIST);
    t.start();
    const asked = new Event(WATCHING_EVENT, { cancelable: true });
    expect(t.document.dispatchEvent(asked)).toBe(false);
    expect(t.onStop).not.toHaveBeenCalled();
    t.tick(1);
    vi.runAllTimers();
    expect(t.sent.at(-1)!.selection).toEqual(['2002']);
  });

  it('asks nothing on a document no copy marked, as on every page load', () => {
    const t = setUp(LIST);
    const asked = vi.fn();
    t.document.addEventListener(WATCHING_EVENT, asked);
    expect(t.start()).toBe(true);
    expect(asked).not.toHaveBeenCalled();
  });

  it('asks no copy anything on a page that is not an agent page', () => {
    const t = setUp(HELP_CENTER);
    const asked = vi.fn();
    t.document.addEventListener(WATCHING_EVENT, asked);
    t.start();
    expect(asked).not.toHaveBeenCalled();
  });
});
