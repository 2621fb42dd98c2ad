import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundService, memoryCredentialStore, wireBackground, type BackgroundBrowser } from '../../../core/background';
import { PREFETCH_REUSE_MS } from '../../../core/background/cards';
import { LAST_VERDICTS_KEPT } from '../../../core/background/last-verdicts';
import type { RuntimePort } from '../../../core/background/wiring';
import { ACCOUNT_CACHE_FRESH_MS, ACCOUNT_CACHE_STALE_MS } from '../../../core/background/read-cache';
import type { PortierDb } from '../../../core/db';
import { PANEL_PORT, ResultOf, type RequestType, type ResultFor } from '../../../core/messages';
import type { Account, PageContext } from '../../../core/model';
import { VENDORS, type VendorEntry } from '../../../core/vendors';
import type { Connector, Membership } from '../../../core/vendors/types';
import { FakeClock, FakeVendor } from '../jobs/fake-vendor';
import { freshDb } from '../jobs/helpers';
import { ACCOUNT, destination, PANEL, person } from './helpers';

/**
 * The contact card at the speed of the page (issue #14): one vendor round trip on a first view
 * (the destinations from the account's cache, then the record, its memberships and the rights asked
 * together), the last card kept for the revisit, and reads made before the panel asks only for a
 * tab an open panel follows. Every vendor call of the fake connector waits until the test releases
 * it: a "round trip" is one release of everything waiting, so the counts do not depend on timing.
 */

const PEOPLE = [person('7', 'eve@woodgrove.com', {}, 'zoho_crm'), person('8', 'sam@partner.com', {}, 'zoho_crm')];
const TARGETS = [destination('ut-a', { portalName: 'acme' }, 'zoho_crm'), destination('ut-b', { portalName: 'acme' }, 'zoho_crm')];

const QUIET_TURNS = 200;

/** Vendor calls held until released, a wave at a time. */
class Waves {
  private held: (() => void)[] = [];
  readonly calls: string[] = [];

  call<T>(name: string, answer: () => T): Promise<T> {
    this.calls.push(name);
    return new Promise((resolve, reject) =>
      this.held.push(() => {
        try {
          resolve(answer());
        } catch (error) {
          reject(error);
        }
      }),
    );
  }

  /**
   * Lets the service's own work (Dexie, promises) run until it is still: QUIET_TURNS macrotasks with
   * no new vendor call. A vendor answer takes far longer than that work, so what is asked before
   * the service is still goes out in the same round trip.
   */
  async settle(): Promise<void> {
    let seen = -1;
    for (let still = 0; still < QUIET_TURNS; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.calls.length !== seen) {
        seen = this.calls.length;
        still = 0;
      } else still += 1;
    }
  }

  /** Releases what waits, wave after wave, until `run` settles; answers how many waves it took. */
  async count<T>(run: Promise<T>): Promise<{ waves: number; value: T }> {
    let settled: { value: T } | { error: unknown } | undefined;
    run.then((value) => (settled = { value }), (error: unknown) => (settled = { error }));
    for (let waves = 0; waves < 20; waves++) {
      await this.settle();
      if (settled) {
        if ('error' in settled) throw settled.error;
        return { waves, value: settled.value };
      }
      if (this.held.length === 0) throw new Error('nothing settles and no vendor call waits');
      for (const release of this.held.splice(0)) release();
    }
    throw new Error('more than 20 round trips');
  }

  /** Answers every call waiting now. */
  release(): void {
    for (const release of this.held.splice(0)) release();
  }

  /** Lets every call through as it comes (what a test that counts nothing wants). */
  async drain<T>(run: Promise<T>): Promise<T> {
    return (await this.count(run)).value;
  }
}

interface Setup {
  db: PortierDb;
  clock: FakeClock;
  waves: Waves;
  vendor: FakeVendor;
  /** Contact id → membership per target key, as inspect() answers it. */
  members: Map<string, Map<string, Membership>>;
  inspect: boolean;
}

function setup(options: { inspect?: boolean; db?: PortierDb; clock?: FakeClock } = {}): Setup {
  const clock = options.clock ?? new FakeClock();
  return {
    db: options.db ?? freshDb(),
    clock,
    waves: new Waves(),
    vendor: new FakeVendor({ clock, vendor: 'zoho_crm', accountId: ACCOUNT }),
    members: new Map(),
    inspect: options.inspect ?? true,
  };
}

const services: { service: BackgroundService; db: PortierDb }[] = [];
afterEach(async () => {
  for (const { service, db } of services.splice(0)) {
    await service.idle();
    db.close();
  }
});

async function start(s: Setup): Promise<BackgroundService> {
  const { waves } = s;
  const connector = (hooks: Parameters<FakeVendor['connector']>[0]): Connector => {
    const base = s.vendor.connector(hooks);
    const fake: Connector = {
      ...base,
      actor: (target) => waves.call(`actor:${target?.key ?? ''}`, () => ({ role: 'admin' as const })),
      listTargets: () => waves.call('listTargets', () => TARGETS.map((t) => ({ ...t }))),
      getContacts: (ids) => waves.call('getContacts', () => PEOPLE.filter((p) => ids.includes(p.id))),
      memberships: (target, contacts) => waves.call(`memberships:${target.key}`, () => new Map(contacts.flatMap((c) => {
        const m = s.members.get(c.id)?.get(target.key);
        return m ? [[c.id, m] as const] : [];
      }))),
    };
    if (s.inspect) {
      fake.inspect = (id, targets) => waves.call('inspect', () => ({
        contact: PEOPLE.find((p) => p.id === id),
        memberships: new Map([...(s.members.get(id) ?? new Map<string, Membership>())].filter(([key]) => targets.some((t) => t.key === key))),
      }));
    }
    return fake;
  };
  const entry: VendorEntry = {
    ...VENDORS.zoho_crm,
    endpoint: () => ({ vendor: 'zoho_crm', accountId: ACCOUNT, apiBase: 'https://vendor.invalid' }),
    auth: () => ({ headers: async () => ({}), renew: async () => false }),
    connector: (opts) => connector({ ...(opts.throttle ? { throttle: opts.throttle } : {}) }),
  };
  const credentials = memoryCredentialStore();
  await credentials.set(ACCOUNT, { kind: 'session' });
  const account: Account = {
    id: ACCOUNT, vendor: 'zoho_crm', label: 'Acme', dataCenter: 'eu', orgId: '20001', authKind: 'oauth', status: 'connected',
    companyDomains: [], connectedAt: new Date(s.clock.now() - 60_000).toISOString(),
  };
  await s.db.accounts.put(account);
  const service = new BackgroundService({
    db: s.db, credentials, registry: { zoho_crm: entry },
    engine: { now: s.clock.now, sleep: s.clock.sleep, random: () => 0.5, leaseMs: 60_000 },
  });
  services.push({ service, db: s.db });
  return service;
}

async function answer<T extends RequestType>(service: BackgroundService, request: { type: T } & Record<string, unknown>, sender: object = PANEL): Promise<ResultFor<T>> {
  const reply = await service.handle(request, sender);
  if (!reply.ok) throw new Error(`${request.type} refused: ${reply.error.message}`);
  expect(ResultOf[request.type].safeParse(reply.result).success).toBe(true);
  return reply.result as ResultFor<T>;
}

const inspect = (service: BackgroundService, contactId: string, module?: string) =>
  answer(service, { type: 'inspectContact', accountId: ACCOUNT, contactId, ...(module ? { module } : {}) });
const contactPage = (id: string): PageContext => ({ vendor: 'zoho_crm', account: '20001', pageKind: 'contact', module: 'Contacts', recordIds: [id], url: `https://crm.zoho.eu/crm/org20001/tab/Contacts/${id}` });

describe('the first view of a contact', () => {
  it('waits for one round trip once the destinations are known: the record, its memberships and the rights asked at once', async () => {
    const s = setup();
    s.members.set('8', new Map([['ut-b', { status: 'invited', invitedAt: '2029-12-30T00:00:00.000Z' }]]));
    const service = await start(s);
    // The account's first card lists its destinations first: their own round trip.
    const first = await s.waves.count(inspect(service, '7'));
    expect(first.waves).toBe(2);
    expect(s.waves.calls.splice(0).sort()).toEqual(['actor:ut-a', 'actor:ut-b', 'inspect', 'listTargets']);

    const second = await s.waves.count(inspect(service, '8'));
    expect(second.waves).toBe(1);
    expect(s.waves.calls.splice(0)).toEqual(['inspect']);
    const [a, b] = second.value.destinations;
    expect(a).toMatchObject({ target: { key: 'ut-a' }, verdict: { eligible: true, action: 'invite' } });
    expect(a).not.toHaveProperty('membership');
    expect(b).toMatchObject({ target: { key: 'ut-b' }, membership: { status: 'invited' } });
    expect(b!.verdict.reasons.map((r) => r.code)).toContain('INVITATION_PENDING');
  });

  it('a connector that cannot answer by id takes two: the memberships need the record', async () => {
    const s = setup({ inspect: false });
    const service = await start(s);
    await s.waves.drain(inspect(service, '7'));
    s.waves.calls.splice(0);
    const { waves } = await s.waves.count(inspect(service, '8'));
    expect(waves).toBe(2);
    expect(s.waves.calls.sort()).toEqual(['getContacts', 'memberships:ut-a', 'memberships:ut-b']);
  });

  it('a worker that starts again finds the destinations and rights in IndexedDB: fresh, then stale while read again, then too old', async () => {
    const s = setup();
    await s.waves.drain(inspect(await start(s), '7'));
    // The MV3 worker stopped: a new service, the same database.
    const again = setup({ db: s.db, clock: s.clock });
    const next = await start(again);
    expect((await again.waves.count(inspect(next, '8'))).waves).toBe(1);
    expect(again.waves.calls.splice(0)).toEqual(['inspect']);

    // Stale: the card waits for its own read only; the listing is read again beside it.
    again.clock.advance(ACCOUNT_CACHE_FRESH_MS + 1);
    const later = setup({ db: s.db, clock: s.clock });
    const laterService = await start(later);
    expect((await later.waves.count(inspect(laterService, '8'))).waves).toBe(1);
    await later.waves.settle();
    expect(later.waves.calls).toContain('listTargets');

    later.clock.advance(ACCOUNT_CACHE_FRESH_MS + ACCOUNT_CACHE_STALE_MS);
    const cold = setup({ db: s.db, clock: s.clock });
    expect((await cold.waves.count(inspect(await start(cold), '8'))).waves).toBe(2);
    expect(cold.waves.calls).toContain('listTargets');
  });

  it('after anything that may change seats or rights, reads the destinations again; at once while a panel is open', async () => {
    const s = setup();
    const service = await start(s);
    await s.waves.drain(inspect(service, '7'));
    s.waves.calls.splice(0);
    await answer(service, { type: 'saveAccountSettings', accountId: ACCOUNT, companyDomains: [], defaultTargetKey: null });
    await s.waves.settle();
    // No panel open: nothing is read until a card asks.
    expect(s.waves.calls.splice(0)).toEqual([]);
    expect((await s.waves.count(inspect(service, '8'))).waves).toBe(2);
    s.waves.calls.splice(0);

    const panel = service.panelOpened();
    panel.follows(3);
    await answer(service, { type: 'saveAccountSettings', accountId: ACCOUNT, companyDomains: [], defaultTargetKey: null });
    await s.waves.settle();
    expect(s.waves.calls.splice(0)).toEqual(['listTargets']);
    s.waves.release();
    expect((await s.waves.count(inspect(service, '7'))).waves).toBe(1);
    panel.close();
  });

  it('a refused record is NOT_FOUND, said so, and leaves no card behind', async () => {
    const s = setup();
    const service = await start(s);
    const reply = s.waves.drain(service.handle({ type: 'inspectContact', accountId: ACCOUNT, contactId: '404' }, PANEL));
    expect(await reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/no record "404".*refresh the page/) } });
    expect(await answer(service, { type: 'lastVerdicts', accountId: ACCOUNT, contactId: '404' })).toEqual({ card: null });
  });
});

describe('the revisit', () => {
  it('lastVerdicts answers the last card from IndexedDB, with when it was checked, without any vendor call', async () => {
    const s = setup();
    const service = await start(s);
    expect(await answer(service, { type: 'lastVerdicts', accountId: ACCOUNT, contactId: '7' })).toEqual({ card: null });
    const card = await s.waves.drain(inspect(service, '7'));
    s.waves.calls.splice(0);
    s.clock.advance(3 * 60_000);
    const last = await answer(service, { type: 'lastVerdicts', accountId: ACCOUNT, contactId: '7' });
    expect(last.card).toEqual({ ...card, checkedAt: '2030-01-01T00:00:00.000Z' });
    expect(s.waves.calls).toEqual([]);
    // Another account's card of the same id is another row.
    expect(await answer(service, { type: 'lastVerdicts', accountId: 'other', contactId: '7' }).catch((e: Error) => e.message)).toMatch(/No account "other"/);
  });

  it('the fresh card replaces it, and shows what changed meanwhile: a card never comes from the membership answers', async () => {
    const s = setup();
    const service = await start(s);
    const before = await s.waves.drain(inspect(service, '7'));
    expect(before.destinations[1]!.verdict.eligible).toBe(true);
    // Someone else invited Eve to ut-b, seconds later (well inside MEMBERSHIP_REUSE_MS).
    s.clock.advance(5_000);
    s.members.set('7', new Map([['ut-b', { status: 'invited', invitedAt: new Date(s.clock.now()).toISOString() }]]));
    const after = await s.waves.drain(inspect(service, '7'));
    expect(after.destinations[1]).toMatchObject({ membership: { status: 'invited' }, verdict: { eligible: false } });
    expect((await answer(service, { type: 'lastVerdicts', accountId: ACCOUNT, contactId: '7' })).card?.destinations[1]?.membership).toEqual({ status: 'invited', invitedAt: '2030-01-01T00:00:05.000Z' });
  });

  it('getPageContext brings a contact page’s last card, and leaves the fresh read to the panel’s ask', async () => {
    const s = setup();
    const service = await start(s);
    const card = await s.waves.drain(inspect(service, '7'));
    s.waves.calls.splice(0);
    s.clock.advance(3 * 60_000);
    // No panel follows tab 3: the page's report reads nothing.
    await answer(service, { type: 'pageContext', context: contactPage('7') }, { kind: 'content', tabId: 3 });
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);

    const first = await answer(service, { type: 'getPageContext', tabId: 3 });
    expect(first.lastCard).toEqual({ ...card, checkedAt: '2030-01-01T00:00:00.000Z' });
    // The card is the panel's first screen: nothing is read beside its loading.
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);
    expect((await s.waves.count(inspect(service, '7', 'Contacts'))).waves).toBe(1);
    expect(s.waves.calls).toEqual(['inspect']);
  });

  it('getPageContext on a contact never checked here: no card, and the fresh read the panel’s ask then joins already under way', async () => {
    const s = setup();
    const service = await start(s);
    // Another contact read first: the account's destinations are known.
    await s.waves.drain(inspect(service, '7'));
    s.waves.calls.splice(0);
    await answer(service, { type: 'pageContext', context: contactPage('8') }, { kind: 'content', tabId: 4 });
    expect((await answer(service, { type: 'getPageContext', tabId: 4 })).lastCard).toBeNull();
    await s.waves.settle();
    expect(s.waves.calls).toEqual(['inspect']);
    const joined = await s.waves.count(inspect(service, '8', 'Contacts'));
    expect(joined.waves).toBe(1);
    expect(s.waves.calls).toEqual(['inspect']);
    // That read has served the panel: the next ask (the panel opened again) asks the vendor.
    expect((await s.waves.count(inspect(service, '8', 'Contacts'))).waves).toBe(1);
    expect(s.waves.calls).toEqual(['inspect', 'inspect']);
  });

  it('getPageContext brings no card for a list page, nor for an account that must reconnect, and reads nothing for them', async () => {
    const s = setup();
    const service = await start(s);
    await s.waves.drain(inspect(service, '7'));
    s.waves.calls.splice(0);
    const list: PageContext = { vendor: 'zoho_crm', account: '20001', pageKind: 'list', module: 'Contacts', recordIds: [], url: 'https://crm.zoho.eu/crm/org20001/tab/Contacts/custom-view/1/list' };
    await answer(service, { type: 'pageContext', context: list }, { kind: 'content', tabId: 3 });
    expect(await answer(service, { type: 'getPageContext', tabId: 3 })).not.toHaveProperty('lastCard');

    await answer(service, { type: 'pageContext', context: contactPage('7') }, { kind: 'content', tabId: 4 });
    await s.db.accounts.update(ACCOUNT, { status: 'needs_reconnect' });
    const stale = await answer(service, { type: 'getPageContext', tabId: 4 });
    expect(stale.account?.status).toBe('needs_reconnect');
    expect(stale).not.toHaveProperty('lastCard');
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);
    // The card is read beside the account, and dropped when the account is gone (disconnected since).
    await s.db.accounts.delete(ACCOUNT);
    const gone = await answer(service, { type: 'getPageContext', tabId: 4 });
    expect(gone.account).toBeNull();
    expect(gone).not.toHaveProperty('lastCard');
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);
  });

  it('keeps the last LAST_VERDICTS_KEPT cards, the oldest going first', async () => {
    const s = setup();
    const service = await start(s);
    await s.waves.drain(inspect(service, '7'));
    const row = (await s.db.lastVerdicts.get([ACCOUNT, '7']))!;
    await s.db.lastVerdicts.bulkPut(Array.from({ length: LAST_VERDICTS_KEPT }, (_, i) => ({ ...row, contactId: `x${i}`, checkedAt: new Date(s.clock.now() + 1000 + i).toISOString() })));
    s.clock.advance(10_000);
    await s.waves.drain(inspect(service, '8'));
    expect(await s.db.lastVerdicts.count()).toBe(LAST_VERDICTS_KEPT);
    expect(await s.db.lastVerdicts.get([ACCOUNT, '7'])).toBeUndefined();
    expect(await s.db.lastVerdicts.get([ACCOUNT, '8'])).toBeDefined();
  });

  it('the card’s membership answers serve the invitation clicked from it: the plan asks no one again', async () => {
    const s = setup({ inspect: false });
    const service = await start(s);
    await s.waves.drain(inspect(service, '8'));
    s.waves.calls.splice(0);
    await s.waves.drain(answer(service, { type: 'startJob', accountId: ACCOUNT, targetKey: 'ut-a', contactIds: ['8'] }));
    expect(s.waves.calls.filter((c) => c.startsWith('memberships'))).toEqual([]);
  });
});

describe('reading before the panel asks', () => {
  const report = (service: BackgroundService, tabId: number, id: string) =>
    answer(service, { type: 'pageContext', context: contactPage(id) }, { kind: 'content', tabId });

  it('never for a page no open panel shows', async () => {
    const s = setup();
    const service = await start(s);
    await report(service, 3, '7');
    const panel = service.panelOpened();
    panel.follows(4);
    await report(service, 3, '8');
    panel.close();
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);
    // A closed panel is forgotten, whatever it followed.
    const gone = service.panelOpened();
    gone.follows(3);
    gone.close();
    await report(service, 3, '8');
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);
  });

  it('for the contact a followed tab reports: the panel’s ask joins that read, or takes its answer once', async () => {
    const s = setup();
    const service = await start(s);
    await s.waves.drain(inspect(service, '7'));
    s.waves.calls.splice(0);
    const panel = service.panelOpened();
    panel.follows(3);

    await report(service, 3, '8');
    await s.waves.settle();
    expect(s.waves.calls).toEqual(['inspect']);
    // Asked while the prefetch waits for the vendor: the same read.
    const joined = await s.waves.count(inspect(service, '8', 'Contacts'));
    expect(joined.waves).toBe(1);
    expect(s.waves.calls).toEqual(['inspect']);

    // Answered before the panel asks: served at once, once.
    await report(service, 3, '7');
    await s.waves.settle();
    s.waves.release();
    await s.waves.settle();
    s.waves.calls.splice(0);
    expect((await s.waves.count(inspect(service, '7', 'Contacts'))).waves).toBe(0);
    expect((await s.waves.count(inspect(service, '7', 'Contacts'))).waves).toBe(1);

    // Too old to be "now": read again.
    await report(service, 3, '8');
    await s.waves.settle();
    s.waves.release();
    await s.waves.settle();
    s.clock.advance(PREFETCH_REUSE_MS + 1);
    s.waves.calls.splice(0);
    expect((await s.waves.count(inspect(service, '8', 'Contacts'))).waves).toBe(1);
    expect(s.waves.calls).toEqual(['inspect']);
    panel.close();
  });
});

describe('the panel’s port (wiring.ts)', () => {
  function fakeApi() {
    const connect: ((port: RuntimePort) => void)[] = [];
    const noop = { addListener: () => undefined };
    const api: BackgroundBrowser = {
      runtime: {
        id: 'portier', getURL: (path) => `chrome-extension://portier${path}`, onMessage: noop, onStartup: noop, onInstalled: noop,
        onConnect: { addListener: (f) => void connect.push(f) },
      },
      tabs: { onRemoved: noop },
      alarms: { onAlarm: noop, create: () => undefined, get: async () => undefined, clear: async () => true },
    };
    const port = (name: string, url: string, tab?: number) => {
      const messages: ((m: unknown) => void)[] = [];
      const closed: (() => void)[] = [];
      const value: RuntimePort = {
        name,
        sender: { id: 'portier', url, ...(tab === undefined ? {} : { tab: { id: tab } }) },
        onMessage: { addListener: (f) => void messages.push(f) },
        onDisconnect: { addListener: (f) => void closed.push(f) },
      };
      for (const f of connect) f(value);
      return { post: (m: unknown) => messages.forEach((f) => f(m)), close: () => closed.forEach((f) => f()) };
    };
    return { api, port };
  }

  it('takes the tab a panel follows from Portier’s own pages only, and forgets it when the port closes', async () => {
    const s = setup();
    const service = await start(s);
    const { api, port } = fakeApi();
    wireBackground(api, service);
    const page = port('other', 'chrome-extension://portier/sidepanel.html');
    page.post({ type: 'follows', tabId: 3 });
    const content = port(PANEL_PORT, 'https://crm.zoho.eu/crm/org20001/tab/Contacts/7', 3);
    content.post({ type: 'follows', tabId: 3 });
    await answer(service, { type: 'pageContext', context: contactPage('7') }, { kind: 'content', tabId: 3 });
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);

    const panel = port(PANEL_PORT, 'chrome-extension://portier/sidepanel.html');
    panel.post({ type: 'follows', tabId: '3; drop table' });
    await answer(service, { type: 'pageContext', context: contactPage('7') }, { kind: 'content', tabId: 3 });
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);
    panel.post({ type: 'follows', tabId: 3 });
    await answer(service, { type: 'pageContext', context: contactPage('7') }, { kind: 'content', tabId: 3 });
    await s.waves.settle();
    expect(s.waves.calls).toEqual(['listTargets']);
    await s.waves.drain(s.waves.settle());
    panel.close();
    s.waves.calls.splice(0);
    await answer(service, { type: 'pageContext', context: contactPage('8') }, { kind: 'content', tabId: 3 });
    await s.waves.settle();
    expect(s.waves.calls).toEqual([]);
  });
});
