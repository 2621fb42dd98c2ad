import { describe, expect, it } from 'vitest';
import { tabWatch, type WatchPort } from '../../../components/shared/tab-watch';

/** Ports as the browser gives them: `end()` is the other side going (a page load, a closed tab). */
function fakeConnect() {
  const ports: { tabId: number; disconnected: boolean; end(): void }[] = [];
  const connect = (tabId: number): WatchPort => {
    const listeners: (() => void)[] = [];
    const entry = { tabId, disconnected: false, end: () => listeners.forEach((listener) => listener()) };
    ports.push(entry);
    return {
      onDisconnect: { addListener: (listener) => void listeners.push(listener) },
      disconnect: () => {
        entry.disconnected = true;
      },
    };
  };
  return { ports, connect };
}

describe('the panel watching the page of its tab', () => {
  it('keeps one port per tab while it is open, however often it is asked', () => {
    const { ports, connect } = fakeConnect();
    const watch = tabWatch(connect);
    watch.watch(4);
    watch.watch(4);
    expect(ports.map((p) => p.tabId)).toEqual([4]);
  });

  it('opens it again once the page ended it (a full load)', () => {
    const { ports, connect } = fakeConnect();
    const watch = tabWatch(connect);
    watch.watch(4);
    ports[0]!.end();
    watch.watch(4);
    expect(ports.map((p) => p.tabId)).toEqual([4, 4]);
    // Ended from the page's side: the panel has nothing to close.
    expect(ports[0]!.disconnected).toBe(false);
  });

  it('closes the port of the tab it leaves, and every port when told undefined', () => {
    const { ports, connect } = fakeConnect();
    const watch = tabWatch(connect);
    watch.watch(4);
    watch.watch(5);
    expect(ports.map((p) => [p.tabId, p.disconnected])).toEqual([
      [4, true],
      [5, false],
    ]);
    watch.watch(undefined);
    expect(ports[1]!.disconnected).toBe(true);
    watch.watch(undefined);
    expect(ports).toHaveLength(2);
  });

  it('takes a refused connection (the extension reloaded, the tab gone) as nothing to watch, and tries again later', () => {
    let refuse = true;
    const { ports, connect } = fakeConnect();
    const watch = tabWatch((tabId) => {
      if (refuse) throw new Error('No tab with id: 4.');
      return connect(tabId);
    });
    expect(() => watch.watch(4)).not.toThrow();
    refuse = false;
    watch.watch(4);
    expect(ports.map((p) => p.tabId)).toEqual([4]);
  });
});
