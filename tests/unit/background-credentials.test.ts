import 'fake-indexeddb/auto'; // before Dexie loads: the entrypoint opens its databases on it
import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

/**
 * entrypoints/background.ts restricts `storage.local` to the extension's own pages at every start,
 * before anything reads or writes it (Chrome's setAccessLevel; WXT's fake browser has none, so it
 * is given one here, as Chrome has).
 */

beforeEach(() => {
  fakeBrowser.reset();
});

it('asks for TRUSTED_CONTEXTS in its first turn, before any storage call', () => {
  const calls: string[] = [];
  const local = fakeBrowser.storage.local as unknown as Record<string, unknown>;
  local.setAccessLevel = vi.fn(async (options: { accessLevel: string }) => void calls.push(`setAccessLevel:${options.accessLevel}`));
  for (const method of ['get', 'set', 'remove'] as const) {
    const original = fakeBrowser.storage.local[method].bind(fakeBrowser.storage.local) as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(fakeBrowser.storage.local, method).mockImplementation(((...args: unknown[]) => {
      calls.push(method);
      return original(...args);
    }) as never);
  }
  try {
    background.main();
    // Synchronously, in the worker's first turn: nothing else ran before it.
    expect(calls).toEqual(['setAccessLevel:TRUSTED_CONTEXTS']);
  } finally {
    delete local.setAccessLevel;
    vi.restoreAllMocks();
  }
});
