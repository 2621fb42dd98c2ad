// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askFirstLook, awaitFirstLook, firstLookTaker, pinnedTab, type FirstLook, type FirstLookApi } from '../../../components/shared/first-look';
import { AFTER_PAINT_MAX_MS, afterPaint, FIRST_SCREEN_WAIT_MS, firstScreenGate } from '../../../components/shared/first-screen';

// The database module, counted: the side panel must not open it before its first screen is shown.
const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../core/db', () => ({
  openDb: () => {
    opened.count += 1;
    return { name: 'fake' };
  },
}));
const { browserPlatform } = await import('../../../components/shared/browser-platform');

const NOW = '2026-05-01T10:00:00.000Z';
const PAGE_ANSWER = {
  ok: true,
  result: {
    context: { vendor: 'zendesk', account: 'acme', pageKind: 'contact', recordIds: ['42'], url: 'https://acme.zendesk.com/agent/users/42' },
    record: {
      tabId: 7,
      context: { vendor: 'zendesk', account: 'acme', pageKind: 'contact', recordIds: ['42'], url: 'https://acme.zendesk.com/agent/users/42' },
      accountId: 'acme',
      connected: true,
      at: NOW,
    },
    account: { id: 'acme', vendor: 'zendesk', label: 'Acme', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: NOW },
    lastCard: null,
  },
};

/** `activeTab` null: no tab is active. */
function api(activeTab: number | null = 7): FirstLookApi & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    sent,
    tabs: { query: async () => (activeTab === null ? [] : [{ id: activeTab }]) },
    runtime: {
      sendMessage: async (message: unknown) => {
        sent.push(message);
        return PAGE_ANSWER;
      },
    },
  };
}

describe('the panel’s first question, asked while its page is parsed', () => {
  it('follows the tab the address pins, else the active one', async () => {
    expect(pinnedTab('?tab=12')).toBe(12);
    for (const search of ['', '?tab=0', '?tab=-3', '?tab=1.5', '?tab=abc']) expect(pinnedTab(search)).toBeUndefined();
    const pinned = api(3);
    expect((await askFirstLook(pinned, '?tab=12')).tabId).toBe(12);
    expect(pinned.sent).toEqual([{ type: 'getPageContext', tabId: 12 }]);
    const active = api(3);
    await askFirstLook(active, '');
    expect(active.sent).toEqual([{ type: 'getPageContext', tabId: 3 }]);
  });

  it('asks nothing when no tab is active', async () => {
    const none = api(null);
    expect(await askFirstLook(none, '')).toEqual({ tabId: undefined, answer: undefined });
    expect(none.sent).toEqual([]);
  });

  it('serves the panel’s first question for that very tab, once', async () => {
    const take = firstLookTaker(askFirstLook(api(7), ''));
    expect(await take(7)).toEqual({ raw: PAGE_ANSWER });
    // Later questions go to the background: the page may have changed.
    expect(await take(7)).toBeUndefined();
    const other = firstLookTaker(askFirstLook(api(7), ''));
    expect(await other(8)).toBeUndefined();
    expect(await other(7)).toBeUndefined();
  });

  it('a look that failed leaves the question to the background', async () => {
    const take = firstLookTaker(Promise.reject(new Error('no tabs permission')));
    expect(await take(7)).toBeUndefined();
    const refused: FirstLook = { tabId: 7, answer: Promise.reject(new Error('Could not establish connection')) };
    refused.answer!.catch(() => undefined);
    await expect(firstLookTaker(Promise.resolve(refused))(7)).rejects.toThrow('Could not establish connection');
  });
});

describe('the side panel’s platform', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    opened.count = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('takes the first look’s answer for getPageContext, parsed like any answer, and asks the runtime after that', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(PAGE_ANSWER);
    const platform = browserPlatform({ firstLook: askFirstLook(api(7), '') });
    const first = await platform.ask({ type: 'getPageContext', tabId: 7 });
    expect(first.record?.context.recordIds).toEqual(['42']);
    expect(first.lastCard).toBeNull();
    expect(send).not.toHaveBeenCalled();
    await platform.ask({ type: 'getPageContext', tabId: 7 });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a first look with a broken answer fails like a broken answer from the runtime', async () => {
    const broken: FirstLookApi = { ...api(7), runtime: { sendMessage: async () => ({ ok: true, result: { record: 'nope' } }) } };
    const platform = browserPlatform({ firstLook: askFirstLook(broken, '') });
    await expect(platform.ask({ type: 'getPageContext', tabId: 7 })).rejects.toThrow();
  });

  it('opens the database once the first screen is shown, not before, where the options page opens it at once', async () => {
    const panel = browserPlatform({ afterFirstScreen: true });
    let ready = false;
    const db = panel.database().then((value) => {
      ready = true;
      return value;
    });
    // The options page's platform waits for the same idle moment and import, without the gate.
    expect(await browserPlatform().database()).toEqual({ name: 'fake' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ready).toBe(false);
    expect(opened.count).toBe(1);
    panel.firstScreenShown?.();
    expect(await db).toEqual({ name: 'fake' });
    expect(opened.count).toBe(2);
  });
});

describe('the first screen gate', () => {
  it('opens when the screen is shown, or after FIRST_SCREEN_WAIT_MS whatever happens', async () => {
    vi.useFakeTimers();
    const shown = firstScreenGate();
    let passed = false;
    void shown.passed.then(() => (passed = true));
    await vi.advanceTimersByTimeAsync(FIRST_SCREEN_WAIT_MS - 1);
    expect(passed).toBe(false);
    shown.shown();
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toBe(true);

    const forgotten = firstScreenGate();
    let late = false;
    void forgotten.passed.then(() => (late = true));
    await vi.advanceTimersByTimeAsync(FIRST_SCREEN_WAIT_MS);
    expect(late).toBe(true);
    vi.useRealTimers();
  });
});

describe('after the paint', () => {
  it('resolves in the task after the animation frame, or after AFTER_PAINT_MAX_MS when no frame comes', async () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    try {
      let painted = false;
      void afterPaint().then(() => (painted = true));
      await vi.advanceTimersByTimeAsync(AFTER_PAINT_MAX_MS / 2);
      expect(painted).toBe(false);
      frames.shift()!(0);
      // Not in the frame's own callback: just after the paint that follows it.
      expect(painted).toBe(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(painted).toBe(true);

      // A hidden page runs no frame: the work is not held for ever.
      let hidden = false;
      void afterPaint().then(() => (hidden = true));
      await vi.advanceTimersByTimeAsync(AFTER_PAINT_MAX_MS - 1);
      expect(hidden).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(hidden).toBe(true);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});

describe('the first render waits for the first look, briefly', () => {
  it('until its answer, or its failure, or the wait is over, whichever comes first', async () => {
    vi.useFakeTimers();
    let answered = false;
    let give!: (value: unknown) => void;
    const answer = new Promise((resolve) => (give = resolve));
    void awaitFirstLook(Promise.resolve({ tabId: 1, answer }), 50).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(answered).toBe(false);
    give({ ok: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(true);

    let gaveUp = false;
    void awaitFirstLook(Promise.resolve({ tabId: 1, answer: new Promise(() => undefined) }), 50).then(() => (gaveUp = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(gaveUp).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(gaveUp).toBe(true);

    const failed = Promise.reject(new Error('no tab'));
    await expect(awaitFirstLook(failed as Promise<FirstLook>, 50)).resolves.toBeUndefined();
    await expect(awaitFirstLook(undefined, 50)).resolves.toBeUndefined();
    vi.useRealTimers();
  });
});

describe('what the panel says when the background fails it', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('passes a refusal on with its sentence in both languages', async () => {
    const localized = { en: 'Connect it first.', fr: "Connectez-le d'abord." };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: { code: 'NOT_CONNECTED', message: localized.en, localized } });
    await expect(browserPlatform().ask({ type: 'listTargets', accountId: 'acme' })).rejects.toMatchObject({ code: 'NOT_CONNECTED', message: localized.en, localized });
  });

  it("quotes the browser's own words when it could not deliver the message", async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(browserPlatform().ask({ type: 'listTargets', accountId: 'acme' })).rejects.toMatchObject({
      code: 'INTERNAL',
      localized: { fr: "L'arrière-plan de Portier n'a pas répondu (Could not establish connection. Receiving end does not exist.). Rechargez l'extension et réessayez." },
    });
  });

  it('says in French too that no answer came in time', async () => {
    vi.useFakeTimers();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockReturnValue(new Promise(() => undefined));
    const asked = browserPlatform().ask({ type: 'listTargets', accountId: 'acme' });
    const failed = expect(asked).rejects.toMatchObject({
      code: 'INTERNAL',
      message: "Portier's background did not answer (no answer after 180 s). Reload the extension and try again.",
      localized: { fr: "L'arrière-plan de Portier n'a pas répondu (aucune réponse après 180 s). Rechargez l'extension et réessayez." },
    });
    await vi.advanceTimersByTimeAsync(180_000);
    await failed;
  });
});
