import 'fake-indexeddb/auto'; // before Dexie loads: the entrypoint opens the real db name on it
import { beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { SWEEP_ALARM } from '../../core/background';

/** entrypoints/background.ts itself, on WXT's fake browser: it wires listeners and nothing more. */

beforeEach(() => {
  fakeBrowser.reset();
});

function send(message: unknown, sender: object): Promise<unknown> {
  return new Promise((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger(message, sender, resolve);
  });
}

it('answers the panel through the service, refuses the page, and survives a startup wake-up', async () => {
  background.main();
  const panel = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
  expect(await send({ type: 'listAccounts' }, panel)).toEqual({ ok: true, result: { accounts: [] } });
  expect(await send({ type: 'listAccounts' }, { id: fakeBrowser.runtime.id, tab: { id: 1 } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  expect(await send({ type: 'nope' }, panel)).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });

  await fakeBrowser.runtime.onStartup.trigger();
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Nothing is due: no engine alarm is left armed; the daily data-expiry sweep is.
  expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([SWEEP_ALARM]);
  // Credentials are never written by reading: storage stays empty.
  expect(await fakeBrowser.storage.local.get(null)).toEqual({});
});
