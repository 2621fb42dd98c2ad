import { expect } from 'vitest';
import { BackgroundService, memoryCredentialStore, type OAuthConfig } from '../../../core/background';
import type { PortierDb } from '../../../core/db';
import { ResultOf, type ErrorBody, type RequestType, type ResultFor } from '../../../core/messages';
import { Contact, recordKey, Target, type Account, type Vendor } from '../../../core/model';
import { VENDORS, type VendorEntry } from '../../../core/vendors';
import type { Connector } from '../../../core/vendors/types';
import { FakeClock, FakeVendor } from '../jobs/fake-vendor';
import { freshDb } from '../jobs/helpers';

/**
 * A connected account whose connector is an in-memory vendor: records by id and by address, its
 * destinations, and the engine tests' FakeVendor for memberships and sending. Every vendor call is
 * counted in `calls`, so tests can say how many the service made.
 */

export const PANEL = { kind: 'panel' } as const;
export const ACCOUNT = 'acme';

export function person(id: string, email: string | undefined, extra: Partial<Contact> = {}, vendor: Vendor = 'zendesk'): Contact {
  return Contact.parse({
    id,
    key: recordKey(vendor, ACCOUNT, id),
    vendor,
    accountId: ACCOUNT,
    name: `Person ${id}`,
    ...(email ? { email } : {}),
    emailVerified: true,
    recordState: 'active',
    fetchedAt: '2030-01-01T00:00:00.000Z',
    ...extra,
  });
}

export function destination(key: string, extra: Partial<Target> = {}, vendor: Vendor = 'zendesk'): Target {
  return Target.parse({
    kind: vendor === 'zoho_crm' ? 'zoho_crm.portal' : 'zendesk.end_user',
    id: key,
    key,
    vendor,
    accountId: ACCOUNT,
    name: `Destination ${key}`,
    status: 'active',
    fetchedAt: '2030-01-01T00:00:00.000Z',
    ...extra,
  });
}

export interface World {
  db: PortierDb;
  clock: FakeClock;
  vendor: FakeVendor;
  service: BackgroundService;
  people: Contact[];
  targets: Target[];
  /** Vendor calls by name, in order (`memberships:<target key>` for look-ups). */
  calls: string[];
  account: Account;
}

export interface WorldOptions {
  vendor?: Vendor;
  people?: Contact[];
  targets?: Target[];
  /** Capabilities (or replacements) of the connector. */
  extra?: Partial<Connector>;
  account?: Partial<Account>;
  /** OAuth clients and the sign-in window, and the fetch that reaches vendors outside the fake connector (a Zoho sign-in). */
  oauth?: OAuthConfig;
  fetch?: typeof fetch;
  connectStepMs?: number;
}

export async function world(options: WorldOptions = {}): Promise<World> {
  const vendorName = options.vendor ?? 'zendesk';
  const db = freshDb();
  const clock = new FakeClock();
  const vendor = new FakeVendor({ clock, vendor: vendorName, accountId: ACCOUNT });
  const people = options.people ?? [person('1', 'ann@woodgrove.com'), person('2', 'bob@woodgrove.com')];
  const targets = options.targets ?? [destination('zendesk:acme:end_users', {}, vendorName)];
  const calls: string[] = [];
  const fake = (hooks: Parameters<FakeVendor['connector']>[0]): Connector => {
    const base = vendor.connector(hooks);
    return {
      ...base,
      actor: async (target) => (calls.push(`actor:${target?.key ?? ''}`), { role: 'admin' }),
      listTargets: async () => (calls.push('listTargets'), targets.map((t) => ({ ...t }))),
      getContacts: async (ids) => (calls.push('getContacts'), people.filter((p) => ids.includes(p.id))),
      findByEmail: async (email) => (calls.push(`findByEmail:${email}`), people.filter((p) => p.email?.toLowerCase() === email.toLowerCase())),
      memberships: (target, contacts) => (calls.push(`memberships:${target.key}`), base.memberships(target, contacts)),
      ...options.extra,
    };
  };
  const entry: VendorEntry = {
    ...VENDORS[vendorName],
    endpoint: () => ({ vendor: vendorName, accountId: ACCOUNT, apiBase: 'https://vendor.invalid' }),
    auth: () => ({ headers: async () => ({}), renew: async () => false }),
    connector: (opts) => fake({ ...(opts.onRateLimit ? { onRateLimit: opts.onRateLimit } : {}), ...(opts.throttle ? { throttle: opts.throttle } : {}) }),
  };
  const credentials = memoryCredentialStore();
  await credentials.set(ACCOUNT, { kind: 'session' });
  const account: Account = {
    id: ACCOUNT,
    vendor: vendorName,
    label: 'Acme',
    ...(vendorName === 'zendesk' ? { subdomain: ACCOUNT } : { dataCenter: 'eu', orgId: '20001' }),
    authKind: vendorName === 'zendesk' ? 'session' : 'oauth',
    status: 'connected',
    companyDomains: [],
    connectedAt: new Date(clock.now() - 60_000).toISOString(),
    ...options.account,
  };
  await db.accounts.put(account);
  const service = new BackgroundService({
    db,
    credentials,
    registry: { [vendorName]: entry },
    engine: { now: clock.now, sleep: clock.sleep, random: () => 0.5, leaseMs: 60_000 },
    ...(options.oauth ? { oauth: options.oauth } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.connectStepMs ? { connectStepMs: options.connectStepMs } : {}),
  });
  const w = { db, clock, vendor, service, people, targets, calls, account };
  live.push(w);
  return w;
}

const live: World[] = [];

/** For afterEach: lets every engine run a test started end before its db is dropped. */
export async function idleAll(): Promise<void> {
  for (const w of live.splice(0)) {
    await w.service.idle();
    w.db.close();
  }
}

/** The answer of a request the test expects to succeed, checked against the protocol's own schema. */
export async function ask<T extends RequestType>(w: World, request: { type: T } & Record<string, unknown>, sender: object = PANEL): Promise<ResultFor<T>> {
  const answer = await w.service.handle(request, sender);
  if (!answer.ok) throw new Error(`${request.type} refused: ${answer.error.code} ${answer.error.message}`);
  const parsed = ResultOf[request.type].safeParse(answer.result);
  expect(parsed.success, `${request.type} answered outside its ResultOf schema`).toBe(true);
  return answer.result as ResultFor<T>;
}

/** The refusal of a request the test expects to fail: its code and English sentence (`localized`: refusalIn). */
export async function refusal(w: World, request: Record<string, unknown>, sender: object = PANEL): Promise<{ code: string; message: string }> {
  const { code, message } = await refusalIn(w, request, sender);
  return { code, message };
}

/** The whole refusal, with its sentence in every language the pages speak. */
export async function refusalIn(w: World, request: Record<string, unknown>, sender: object = PANEL): Promise<ErrorBody> {
  const answer = await w.service.handle(request, sender);
  if (answer.ok) throw new Error(`${String(request.type)} was accepted`);
  return answer.error;
}
