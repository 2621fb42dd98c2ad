/**
 * The job engine against the real sandbox: real connectors, real HTTP (loopback), fake-indexeddb.
 *
 * Time: the engine's clock *is* the sandbox clock, and the engine's sleep moves that clock forward
 * instead of waiting (the sandbox runs at scale 1, so `X-Sandbox-Retry-After-Ms` and `Retry-After`
 * agree with the engine's milliseconds). A 10 s reconcile delay or a 60 s Retry-After therefore
 * costs nothing real, and vendor jobs (Zendesk: 1 s queued, CRM: 2 s scheduled) progress exactly as
 * far as the engine has waited for them.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeEach, expect } from 'vitest';
import { openDb, type PortierDb } from '../../../core/db';
import { planBulk } from '../../../core/eligibility';
import { createJob, JobEngine, type ConnectorHooks, type EngineOptions, type RunResult } from '../../../core/jobs';
import { invitationId, type Contact, type Invitation, type Job, type Target } from '../../../core/model';
import { memoryTokenStore, type TokenStore } from '../../../core/vendors/oauth';
import type { AuthSession, Connector } from '../../../core/vendors/types';
import { zendeskApiTokenAuth } from '../../../core/vendors/zendesk/auth';
import { ZendeskConnector } from '../../../core/vendors/zendesk/api';
import { zohoOAuthSession } from '../../../core/vendors/zoho/auth';
import { ZohoConnectConnector } from '../../../core/vendors/zoho-connect/api';
import { ZohoCrmConnector } from '../../../core/vendors/zoho-crm/api';
import { ZohoDeskConnector } from '../../../core/vendors/zoho-desk/api';
import { sandboxFetch } from '../../sandbox/fetch';
import { CONNECT, CRM, DESK, ZENDESK, ZOHO } from '../../sandbox/seed';
import type { RunningSandbox } from '../../sandbox/server';
import { useSandbox as useVendorSandbox } from '../vendors/sandbox-helpers';

export type VendorName = 'zendesk' | 'zoho_desk' | 'zoho_crm' | 'zoho_connect';

export interface Sandbox {
  readonly current: RunningSandbox;
  control(method: string, path: string, body?: unknown): Promise<any>;
  now(): number;
  /** The engine's sleep: the sandbox clock moves on, then the event loop turns once. */
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  /**
   * Counts the tests run on this sandbox. An engine a test left running (a test that timed out on a
   * busy machine leaves its un-awaited drain behind) must not call the sandbox the next test has
   * reset, nor move its clock: the next test's CRM ids and job ids are the same again, and the old
   * engine's sends made them portal users before the new one looked (seen once, under load 25).
   */
  readonly generation: number;
}

/** One sandbox per file (the connector tests' own), plus the engine's clock on top of the sandbox's. */
export function useSandbox(): Sandbox {
  const base = useVendorSandbox();
  const advance = (ms: number) => base.current.state.clock.advance(Math.max(0, ms));
  let generation = 0;
  beforeEach(() => {
    generation += 1;
  });
  return {
    get generation() {
      return generation;
    },
    get current() {
      return base.current;
    },
    control: base.control,
    now: () => base.current.state.clock.now(),
    advance,
    sleep: async (ms) => {
      advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Where each vendor's API and target live in the seed. */
const ZOHO_ACCOUNT = (org: string) => `localhost:${org}`;

export interface ConnectorKit {
  vendor: VendorName;
  /** A connector for one engine life; `fetch` lets a test cut that life's calls. */
  make(hooks: ConnectorHooks | undefined, fetch?: typeof globalThis.fetch): Connector;
  targetId: string;
  /** The Zoho tokens every connector of this kit shares (one account, one store), if any. */
  store?: TokenStore & { current: unknown };
}

export interface KitOptions {
  /** Zoho: a token store other than Ava's seeded tokens (a failed refresh, for instance). */
  store?: TokenStore & { current: unknown };
}

export function kit(sb: Sandbox, vendor: VendorName, options: KitOptions = {}): ConnectorKit {
  const url = (host: string) => sb.current.vendorUrl(host);
  const store = options.store ?? memoryTokenStore({ accessToken: ZOHO.tokens.adminAccess, refreshToken: ZOHO.tokens.adminRefresh });
  // The session's own clock stays real (no `now`): it cannot refresh ahead of the sandbox's
  // expiry, so an expired token is met as a 401 and cured by renew(), the path under test.
  const zohoAuth = (v: 'zoho_desk' | 'zoho_crm' | 'zoho_connect', fetch: typeof globalThis.fetch): AuthSession =>
    zohoOAuthSession({ accountsServer: url('accounts.zoho.localhost'), client: { clientId: ZOHO.client.id, clientSecret: ZOHO.client.secret }, store, vendor: v, fetch });
  const rate = (hooks: ConnectorHooks | undefined) => (hooks ? { onRateLimit: hooks.onRateLimit, onThrottled: hooks.onThrottled, throttle: hooks.throttle } : {});
  switch (vendor) {
    case 'zendesk':
      return {
        vendor,
        targetId: 'acme',
        make: (hooks, fetch = sandboxFetch) =>
          new ZendeskConnector({
            endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: url('acme.zendesk.localhost') },
            auth: zendeskApiTokenAuth('ava.admin@acme.co', ZENDESK.acme.apiToken),
            fetch,
            ...rate(hooks),
          }),
      };
    case 'zoho_desk':
      return {
        vendor,
        store,
        targetId: DESK.helpCenters.main,
        make: (hooks, fetch = sandboxFetch) =>
          new ZohoDeskConnector({
            endpoint: { vendor: 'zoho_desk', accountId: ZOHO_ACCOUNT(DESK.orgId), apiBase: url('desk.zoho.localhost'), orgId: DESK.orgId },
            auth: zohoAuth('zoho_desk', fetch),
            fetch,
            ...rate(hooks),
          }),
      };
    case 'zoho_crm':
      return {
        vendor,
        store,
        targetId: CRM.userTypes.customers,
        make: (hooks, fetch = sandboxFetch) =>
          new ZohoCrmConnector({
            endpoint: { vendor: 'zoho_crm', accountId: ZOHO_ACCOUNT(CRM.orgId), apiBase: url('www.zohoapis.localhost'), orgId: CRM.orgId },
            auth: zohoAuth('zoho_crm', fetch),
            fetch,
            ...rate(hooks),
          }),
      };
    case 'zoho_connect':
      return {
        vendor,
        store,
        targetId: CONNECT.networks.community,
        make: (hooks, fetch = sandboxFetch) =>
          new ZohoConnectConnector({
            endpoint: { vendor: 'zoho_connect', accountId: 'com:acme', apiBase: url('connect.zoho.localhost'), orgId: CONNECT.networks.intranet },
            auth: zohoAuth('zoho_connect', fetch),
            fetch,
            companyDomains: ['acme.co'],
            self: { zuid: ZOHO.users.admin.zuid },
            ...rate(hooks),
          }),
      };
  }
}

/**
 * Contacts as a connector read them: generated records of the vendor itself for Desk and CRM;
 * for Zendesk and Connect (which invite by address) generated Zoho Desk contacts, read by the Desk
 * connector, as when an agent makes Desk customers Zendesk end users or community members.
 */
export async function readContacts(sb: Sandbox, vendor: VendorName, count: number, seed: number): Promise<Contact[]> {
  const source = vendor === 'zoho_crm' ? 'zoho_crm' : 'zoho_desk';
  const { ids } = (await sb.control('POST', '/generate', { vendor: source, count, mix: false, seed })) as { ids: string[] };
  const reader = kit(sb, source).make(undefined);
  const found: Contact[] = [];
  // Read in slices of 100, as the panel does for a list-view selection.
  for (let i = 0; i < ids.length; i += 100) found.push(...(await reader.getContacts(ids.slice(i, i + 100))));
  expect(found.map((c) => c.id)).toEqual(ids);
  return found;
}

export interface Scene {
  db: PortierDb;
  kit: ConnectorKit;
  target: Target;
  contacts: Contact[];
  jobId: string;
  /** An engine on this db with its own owner; `fetch` wraps the connector's fetch for this life. */
  engine(overrides?: Partial<EngineOptions>, fetch?: typeof globalThis.fetch): JobEngine;
}

/** Reads contacts, plans them with the real eligibility core, and writes one invite job. */
export async function scene(sb: Sandbox, vendor: VendorName, count: number, seed: number, options: KitOptions = {}): Promise<Scene> {
  const k = kit(sb, vendor, options);
  const contacts = await readContacts(sb, vendor, count, seed);
  const setup = kit(sb, vendor).make(undefined);
  const target = (await setup.listTargets()).find((t) => t.id === k.targetId);
  if (!target) throw new Error(`no target ${k.targetId} for ${vendor}`);
  const actor = await setup.actor(target);
  const now = new Date(sb.now());
  const plan = planBulk(contacts, target, actor, now);
  // Generated people without a reason case: every one is to be invited.
  expect(plan.items.filter((i) => i.verdict.action !== 'invite').map((i) => i.verdict)).toEqual([]);
  const db = openDb(`portier-sandbox-jobs-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
  const jobId = await createJob(db, { target, action: 'invite', contacts, plan, now });
  let lives = 0;
  // Once this test has ended, its engines' calls and sleeps never return: they stop where they stand.
  const born = sb.generation;
  const ended = () => sb.generation !== born;
  const never = new Promise<never>(() => {});
  const untilTestEnds =
    (fetch: typeof globalThis.fetch): typeof globalThis.fetch =>
    (input, init) =>
      ended() ? never : fetch(input, init);
  return {
    db,
    kit: k,
    target,
    contacts,
    jobId,
    engine: (overrides = {}, fetch) =>
      new JobEngine({
        db,
        owner: `life-${++lives}`,
        connectorFor: (_account, hooks) => k.make(hooks, untilTestEnds(fetch ?? sandboxFetch)),
        now: sb.now,
        sleep: (ms) => (ended() ? never : sb.sleep(ms)),
        random: () => 0.5,
        leaseMs: 60_000,
        ...overrides,
      }),
  };
}

/** Runs the engine, moving the sandbox clock to each wake-up it asks for, until nothing is left. */
export async function drain(sb: Sandbox, engine: JobEngine, maxWakes = 200): Promise<RunResult> {
  let result: RunResult = {};
  for (let i = 0; i < maxWakes; i++) {
    result = await engine.start();
    if (result.nextWakeAt === undefined) return result;
    sb.advance(result.nextWakeAt - sb.now());
  }
  return result;
}

export const FINAL = new Set(['invited', 'active', 'already_member', 'failed', 'skipped']);

export async function rowsOf(s: Scene): Promise<Invitation[]> {
  const found = await s.db.invitations.bulkGet(s.contacts.map((c) => invitationId(c.key, s.target.key)));
  return found.map((r, i) => {
    if (!r) throw new Error(`no invitation row for ${s.contacts[i]!.key}`);
    return r;
  });
}

export async function jobOf(s: Scene): Promise<Job> {
  const j = await s.db.jobs.get(s.jobId);
  if (!j) throw new Error(`no job ${s.jobId}`);
  return j;
}

/** Rows by status, and the job's counters checked against them. */
export async function tally(s: Scene): Promise<{ by: Record<string, number>; job: Job; rows: Invitation[] }> {
  const rows = await rowsOf(s);
  const by: Record<string, number> = {};
  for (const r of rows) by[r.status] = (by[r.status] ?? 0) + 1;
  const job = await jobOf(s);
  const { total, invited, already_member, failed, skipped } = job.counts;
  const ended = invited + already_member + failed + skipped;
  // The job's counters are the rows' final states, no more, no less.
  expect(ended).toBe(rows.filter((r) => FINAL.has(r.status)).length);
  if (job.status === 'completed') expect(ended).toBe(total);
  return { by, job, rows };
}

/** The sandbox's invitation counters for the scene's target: every address exactly once. */
export async function expectInvitedOnce(sb: Sandbox, s: Scene): Promise<void> {
  const counters = await sb.control('GET', '/counters');
  const key = `${s.target.kind}:${s.target.id}`;
  const sent = (counters.invitations[key] ?? {}) as Record<string, Record<string, number>>;
  const expected = s.contacts.map((c) => c.email!.toLowerCase()).sort();
  expect(Object.keys(sent).map((e) => e.toLowerCase()).sort()).toEqual(expected);
  const notOnce = Object.entries(sent).filter(([, kinds]) => kinds.invite !== 1 || (kinds.reinvite ?? 0) !== 0);
  expect(notOnce).toEqual([]);
  expect(counters.duplicateInvitations).toBe(0);
}

export async function counters(sb: Sandbox): Promise<{ requests: Record<string, number>; invitations: Record<string, unknown>; duplicateInvitations: number }> {
  return sb.control('GET', '/counters');
}
