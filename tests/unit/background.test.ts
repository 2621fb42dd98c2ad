import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { armAlarm, BackgroundService, memoryCredentialStore, oauthTokenStore, RETRY_WAKE_MS, WAKE_ALARM, wireBackground, type BackgroundBrowser } from '../../core/background';
import type { PortierDb } from '../../core/db';
import { planBulk } from '../../core/eligibility';
import { claim, createJob } from '../../core/jobs';
import type { Account, Contact, Target } from '../../core/model';
import { VENDORS, type VendorEntry } from '../../core/vendors';
import { AuthRequiredError } from '../../core/vendors/http';
import type { Connector } from '../../core/vendors/types';
import { ACCOUNT, contacts, freshDb, target, TARGET_KEY } from './jobs/helpers';
import { FakeClock, FakeVendor } from './jobs/fake-vendor';

/**
 * The background service with fake-indexeddb, an in-memory CredentialStore and the engine tests'
 * fake vendor behind the real registry seam (a zendesk entry whose connector is the fake).
 */

const PANEL = { kind: 'panel' } as const;
const TOKEN = 'zd-secret-token-123';

interface Setup {
  db: PortierDb;
  clock: FakeClock;
  vendor: FakeVendor;
  people: Contact[];
  credentials: ReturnType<typeof memoryCredentialStore>;
  service: BackgroundService;
  /** Each send the vendor got: whether its job was already in Dexie then. */
  sends: { jobInDb: boolean }[];
  wakes: (number | undefined)[];
}

let current: Setup | undefined;
/** The vendor refuses the credentials (the check connectAccount makes). */
let refuseCredentials = false;

function setup(db = freshDb(), clock = new FakeClock(), vendor = new FakeVendor({ clock })): Setup {
  const people = contacts(3, clock.now());
  const t: Target = target(clock.now());
  const sends: { jobInDb: boolean }[] = [];
  const fake = (hooks: Parameters<FakeVendor['connector']>[0]): Connector => {
    const base = vendor.connector(hooks);
    return {
      ...base,
      actor: async (target) => {
        if (refuseCredentials) throw new AuthRequiredError('zendesk', 'GET /api/v2/users/me', 'HTTP 401: Couldn\'t authenticate you');
        return base.actor(target);
      },
      listTargets: async () => [t],
      getContacts: async (ids) => people.filter((p) => ids.includes(p.id)),
      send: async (target, action, batch) => {
        sends.push({ jobInDb: (await db.jobs.toArray()).some((j) => j.targetKey === TARGET_KEY) });
        return base.send(target, action, batch);
      },
    };
  };
  const zendesk: VendorEntry = { ...VENDORS.zendesk, connector: (options) => fake(options.onRateLimit ? { onRateLimit: options.onRateLimit } : {}) };
  const credentials = memoryCredentialStore();
  const wakes: (number | undefined)[] = [];
  const service = new BackgroundService({
    db,
    credentials,
    registry: { zendesk },
    newId: () => crypto.randomUUID(),
    engine: { now: clock.now, sleep: clock.sleep, random: () => 0.5, leaseMs: 60_000 },
    onNextWake: (at) => wakes.push(at),
  });
  current = { db, clock, vendor, people, credentials, service, sends, wakes };
  return current;
}

async function connect(s: Setup) {
  const answer = await s.service.handle(
    { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: ACCOUNT, auth: { kind: 'api_token', email: 'ann@acme.com', token: TOKEN } } },
    PANEL,
  );
  expect(answer.ok).toBe(true);
}

beforeEach(() => {
  fakeBrowser.reset();
  refuseCredentials = false;
});

afterEach(async () => {
  await current?.service.idle();
  current = undefined;
});

describe('BackgroundService', () => {
  it('startJob answers with the job id at once; the job is in Dexie before anything is sent', async () => {
    const s = setup();
    await connect(s);
    const answer = await s.service.handle({ type: 'startJob', accountId: ACCOUNT, targetKey: TARGET_KEY, contactIds: ['1', '2', '3'] }, PANEL);
    expect(answer.ok).toBe(true);
    if (!answer.ok || !('jobs' in answer.result)) throw new Error('no jobs');
    const [first] = answer.result.jobs;
    expect(first?.action).toBe('invite');
    expect(await s.db.jobs.get(first!.jobId)).toMatchObject({ status: 'queued', counts: { total: 3 } });
    expect(s.vendor.count('send')).toBe(0);

    await s.service.idle();
    expect(s.sends.length).toBeGreaterThan(0);
    expect(s.sends.every((x) => x.jobInDb)).toBe(true);
    expect(await s.db.jobs.get(first!.jobId)).toMatchObject({ status: 'completed', counts: { invited: 3 } });
    expect(s.vendor.duplicates()).toBe(0);
    expect(s.wakes.at(-1)).toBeUndefined();
  });

  it('evaluates with the vendor records and the eligibility core', async () => {
    const s = setup();
    await connect(s);
    const answer = await s.service.handle({ type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET_KEY, contactIds: ['1', '99'] }, PANEL);
    expect(answer).toMatchObject({ ok: true, result: { items: [{ contactId: '1', verdict: { eligible: true, action: 'invite' } }], missing: ['99'] } });
  });

  it('refuses an unknown sender kind, the page asking for a job, and a bad shape, without throwing', async () => {
    const s = setup();
    await connect(s);
    const start = { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET_KEY, contactIds: ['1'] };
    expect(await s.service.handle(start, { kind: 'webpage' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await s.service.handle(start, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await s.service.handle(start, { kind: 'content', tabId: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: expect.stringMatching(/panel/) } });
    expect(await s.service.handle({ type: 'startJob', contactIds: 'all' }, PANEL)).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    expect(await s.service.handle(null, PANEL)).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    expect(await s.db.jobs.count()).toBe(0);
  });

  it('answers a request for an account that is not connected with what to do', async () => {
    const s = setup();
    const answer = await s.service.handle({ type: 'listTargets', accountId: 'nobody' }, PANEL);
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED', message: expect.stringMatching(/connect it in Portier's options/) } });
  });

  it('keeps the token in the credential store; the panel’s account list carries none', async () => {
    const s = setup();
    await connect(s);
    // Even a row someone wrote with a secret in it is given to the panel without it.
    const row = (await s.db.accounts.get(ACCOUNT))!;
    await s.db.accounts.put({ ...row, token: TOKEN } as Account);
    const answer = await s.service.handle({ type: 'listAccounts' }, PANEL);
    expect(answer).toMatchObject({ ok: true, result: { accounts: [{ id: ACCOUNT, vendor: 'zendesk', authKind: 'api_token', status: 'connected' }] } });
    expect(JSON.stringify(answer)).not.toContain(TOKEN);
    expect(s.credentials.entries.get(ACCOUNT)).toEqual({ kind: 'api_token', email: 'ann@acme.com', token: TOKEN });

    await s.service.handle({ type: 'disconnectAccount', accountId: ACCOUNT }, PANEL);
    expect(s.credentials.entries.size).toBe(0);
    expect(await s.db.accounts.count()).toBe(0);
  });

  it('a reconnect the vendor refuses says what to do and leaves the working credentials in place', async () => {
    const s = setup();
    await connect(s);
    refuseCredentials = true;
    const answer = await s.service.handle(
      { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: ACCOUNT, auth: { kind: 'api_token', email: 'ann@acme.com', token: 'wrong' } } },
      PANEL,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringMatching(/connect again/) } });
    expect(s.credentials.entries.get(ACCOUNT)).toMatchObject({ token: TOKEN });
    expect(await s.db.accounts.get(ACCOUNT)).toMatchObject({ status: 'connected', authKind: 'api_token' });
  });

  it('says OAuth is not configured when the build has no client', async () => {
    const s = setup();
    const answer = await s.service.handle({ type: 'connectAccount', account: { vendor: 'zoho_desk', dataCenter: 'eu', orgId: '1', auth: { kind: 'oauth' } } }, PANEL);
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } });
  });

  it('connects a Zoho account through launchWebAuthFlow, exchanges the code where Zoho says, and refreshes into the store', async () => {
    const s = setup();
    const calls: { url: string; body: string }[] = [];
    let issued = 0;
    const fetchFake = (async (input: RequestInfo | URL, init?: RequestInit) => {
      // The organizations Portier reads after the sign-in, for the account's name: none here.
      if (!String(input).endsWith('/oauth/v2/token')) return new Response('{}', { status: 404 });
      calls.push({ url: String(input), body: String(init?.body) });
      issued += 1;
      return new Response(JSON.stringify({ access_token: `at-${issued}`, refresh_token: issued === 1 ? 'rt-1' : undefined, expires_in_sec: 3600, api_domain: 'https://www.zohoapis.eu' }), { status: 200 });
    }) as typeof fetch;
    let opened = '';
    const desk: VendorEntry = { ...VENDORS.zoho_desk, connector: () => s.vendor.connector() };
    const service = new BackgroundService({
      db: s.db,
      credentials: s.credentials,
      registry: { zoho_desk: desk },
      fetch: fetchFake,
      now: s.clock.now,
      oauth: {
        clients: { zoho: { clientId: 'cid', clientSecret: 'csecret' } },
        redirectUri: 'https://ext-id.chromiumapp.org/',
        authorize: async (url) => {
          opened = url;
          const state = new URL(url).searchParams.get('state');
          return `https://ext-id.chromiumapp.org/?code=c0de&state=${state}&location=eu&accounts-server=${encodeURIComponent('https://accounts.zoho.eu')}`;
        },
      },
    });
    current = { ...s, service };
    const answer = await service.handle({ type: 'connectAccount', account: { vendor: 'zoho_desk', dataCenter: 'com', orgId: '777', auth: { kind: 'oauth' } } }, PANEL);
    expect(answer).toMatchObject({ ok: true, result: { account: { id: 'com:777', vendor: 'zoho_desk', authKind: 'oauth', status: 'connected' } } });
    expect(opened).toMatch(/^https:\/\/accounts\.zoho\.com\/oauth\/v2\/auth\?/);
    expect(new URL(opened).searchParams.get('access_type')).toBe('offline');
    // The account lives in the EU data center: the code goes there, not where the flow started.
    expect(calls[0]?.url).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(calls[0]?.body).toContain('grant_type=authorization_code');
    expect(s.credentials.entries.get('com:777')).toMatchObject({ kind: 'oauth', accountsServer: 'https://accounts.zoho.eu', tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: s.clock.now() + 3_600_000 } });
    expect(JSON.stringify(await s.db.accounts.toArray())).not.toMatch(/at-1|rt-1/);

    // The session the registry builds refreshes at the same server and keeps Zoho's refresh token.
    const credentials = (await s.credentials.get('com:777'))!;
    const account = (await s.db.accounts.get('com:777'))!;
    const auth = VENDORS.zoho_desk.auth({ account, credentials, tokens: oauthTokenStore(s.credentials, 'com:777'), clients: { zoho: { clientId: 'cid', clientSecret: 'csecret' } }, fetch: fetchFake });
    expect(await auth.renew()).toBe(true);
    expect(calls[1]?.url).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(calls[1]?.body).toContain('grant_type=refresh_token');
    expect(await auth.headers('GET')).toEqual({ authorization: 'Zoho-oauthtoken at-2' });
    expect(s.credentials.entries.get('com:777')).toMatchObject({ accountsServer: 'https://accounts.zoho.eu', tokens: { accessToken: 'at-2', refreshToken: 'rt-1' } });
  });

  it('refuses a sign-in redirect for another request (state mismatch) and stores nothing', async () => {
    const s = setup();
    const service = new BackgroundService({
      db: s.db,
      credentials: s.credentials,
      oauth: { clients: { zendesk: { clientId: 'cid', clientSecret: 'x' } }, redirectUri: 'https://ext-id.chromiumapp.org/', authorize: async () => 'https://ext-id.chromiumapp.org/?code=c&state=forged' },
    });
    current = { ...s, service };
    const answer = await service.handle({ type: 'connectAccount', account: { vendor: 'zendesk', subdomain: 'acme', auth: { kind: 'oauth' } } }, PANEL);
    expect(answer).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringMatching(/Try connecting again/) } });
    expect(s.credentials.entries.size).toBe(0);
    expect(await s.db.accounts.count()).toBe(0);
  });

  it('remembers the page context of the content script’s tab for the panel', async () => {
    const s = setup();
    await connect(s);
    const context = { vendor: 'zendesk', account: ACCOUNT, pageKind: 'contact', recordIds: ['1'], url: 'https://acme.zendesk.com/agent/users/1' };
    expect(await s.service.handle({ type: 'pageContext', context }, { kind: 'content', tabId: 7 })).toMatchObject({ ok: true, result: { connected: true, accountId: ACCOUNT } });
    expect(await s.service.handle({ type: 'getPageContext', tabId: 7 }, PANEL)).toMatchObject({ ok: true, result: { context } });
    expect(await s.service.handle({ type: 'pageContext', context }, PANEL)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('on start, a new life picks up the job a dead worker left running', async () => {
    const s = setup();
    await connect(s);
    await s.service.idle();
    // What an earlier life left: the job written, claimed by its engine, and the worker gone.
    const t = target(s.clock.now());
    const jobId = await createJob(s.db, { target: t, action: 'invite', contacts: s.people, plan: planBulk(s.people, t, { role: 'admin' }), now: new Date(s.clock.now()) });
    expect(await claim(s.db, jobId, 'dead-life', s.clock.now(), 60_000)).toBeTruthy();
    expect(await s.service.start()).toEqual({ nextWakeAt: s.clock.now() + 60_000 });
    expect(s.vendor.count('send')).toBe(0);

    s.clock.advance(60_001);
    expect(await s.service.start()).toEqual({});
    expect(await s.db.jobs.get(jobId)).toMatchObject({ status: 'completed', counts: { invited: 3 } });
    expect(s.vendor.invites.size).toBe(3);
    expect(s.vendor.duplicates()).toBe(0);
  });
});

describe('jobs of an account the background cannot use', () => {
  it('pause for a reconnect instead of failing (a Zoho account in a build without the Zoho OAuth client)', async () => {
    const s = setup();
    const service = new BackgroundService({ db: s.db, credentials: s.credentials, engine: { now: s.clock.now, sleep: s.clock.sleep } });
    current = { ...s, service };
    await s.db.accounts.put({ id: ACCOUNT, vendor: 'zoho_desk', label: 'Desk', dataCenter: 'eu', orgId: '1', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: new Date(s.clock.now()).toISOString() });
    await s.credentials.set(ACCOUNT, { kind: 'oauth', tokens: { accessToken: 'a', refreshToken: 'r' } });
    const t = target(s.clock.now(), true);
    const people = contacts(2, s.clock.now(), 1, 'zoho_desk');
    const jobId = await createJob(s.db, { target: t, action: 'invite', contacts: people, plan: planBulk(people, t, { role: 'admin' }), now: new Date(s.clock.now()) });
    expect(await service.start()).toEqual({});
    expect(await s.db.jobs.get(jobId)).toMatchObject({ status: 'paused', pauseReason: 'reconnect', counts: { failed: 0 } });
    const answer = await service.handle({ type: 'listTargets', accountId: ACCOUNT }, PANEL);
    expect(answer).toMatchObject({ ok: false, error: { code: 'NEEDS_RECONNECT', message: expect.stringMatching(/no Zoho OAuth client: use a build that has one, then reconnect/) } });
  });
});

describe('entrypoints/background.ts wiring (fakeBrowser)', () => {
  const api = () => fakeBrowser as unknown as BackgroundBrowser;

  async function dueLater(s: Setup, inMs: number): Promise<number> {
    await connect(s);
    const t = target(s.clock.now());
    const jobId = await createJob(s.db, { target: t, action: 'invite', contacts: s.people, plan: planBulk(s.people, t, { role: 'admin' }), now: new Date(s.clock.now()) });
    const at = s.clock.now() + inMs;
    await s.db.jobs.update(jobId, { nextAttemptAt: new Date(at).toISOString() });
    return at;
  }

  it('on startup, runs the engine and arms one alarm at nextWakeAt; the alarm runs it; then the alarm is cleared', async () => {
    const s = setup();
    const service = new BackgroundService({
      db: s.db,
      credentials: s.credentials,
      registry: { zendesk: { ...VENDORS.zendesk, connector: () => s.vendor.connector() } },
      engine: { now: s.clock.now, sleep: s.clock.sleep, random: () => 0.5 },
      onNextWake: (at) => void armAlarm(api(), at, s.clock.now()),
    });
    current = { ...s, service };
    wireBackground(api(), service);
    const at = await dueLater(current, 5 * 60_000);
    await service.idle();

    await fakeBrowser.runtime.onStartup.trigger();
    await service.idle();
    expect(await fakeBrowser.alarms.get(WAKE_ALARM)).toMatchObject({ scheduledTime: at });
    expect(s.vendor.count('send')).toBe(0);

    s.clock.t = at;
    await fakeBrowser.alarms.onAlarm.trigger({ name: WAKE_ALARM, scheduledTime: at });
    await service.idle();
    expect(s.vendor.invites.size).toBe(3);
    expect(await fakeBrowser.alarms.get(WAKE_ALARM)).toBeUndefined();
  });

  it('a wake-up whose engine run fails still arms the alarm, so no job waits for a message', async () => {
    const s = setup();
    const failing = { start: () => Promise.reject(new Error('Dexie closed')), forgetEarlierSessions: async () => {}, forgetTab: async () => {}, handle: async () => ({ ok: true }) };
    const seen: unknown[] = [];
    wireBackground(api(), failing as unknown as BackgroundService, { now: s.clock.now, onError: (e) => seen.push(e) });
    await fakeBrowser.runtime.onStartup.trigger();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await fakeBrowser.alarms.get(WAKE_ALARM)).toMatchObject({ scheduledTime: s.clock.now() + RETRY_WAKE_MS });
    expect(seen).toHaveLength(1);
  });

  it('routes runtime messages from the extension to the service, and refuses other senders', async () => {
    const s = setup();
    wireBackground(api(), s.service);
    const send = async (message: unknown, sender: object) => {
      let reply: unknown;
      const answered = new Promise<void>((resolve) => {
        // The real event passes sendResponse third; the fake's typing knows two arguments only.
        const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
        void trigger(message, sender, (response: unknown) => {
          reply = response;
          resolve();
        });
      });
      await answered;
      return reply;
    };
    expect(await send({ type: 'listAccounts' }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') })).toEqual({ ok: true, result: { accounts: [] } });
    // A sender that is neither Portier's page nor a tab's content script is nobody, not the panel.
    expect(await send({ type: 'listAccounts' }, { id: fakeBrowser.runtime.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const fromPage = await send({ type: 'startJob', accountId: 'a', targetKey: 't', contactIds: ['1'] }, { id: fakeBrowser.runtime.id, tab: { id: 3 }, url: 'https://acme.zendesk.com/agent/users/1' });
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    // The options page or the panel opened in a tab has a tab too: its own origin says it is Portier's.
    const ownPageInTab = { id: fakeBrowser.runtime.id, tab: { id: 4 }, url: fakeBrowser.runtime.getURL('/options.html') };
    expect(await send({ type: 'listAccounts' }, ownPageInTab)).toEqual({ ok: true, result: { accounts: [] } });
    // A host page cannot pass for one by naming the extension's origin in its path.
    const lookalike = { id: fakeBrowser.runtime.id, tab: { id: 5 }, url: `https://evil.example/${fakeBrowser.runtime.getURL('/')}` };
    expect(await send({ type: 'listAccounts' }, lookalike)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const fromElsewhere = await send({ type: 'listAccounts' }, { id: 'another-extension' });
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});
