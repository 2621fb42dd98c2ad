/**
 * What the engine benchmarks share (bulk.ts, faults.ts, agents.ts): the sandbox's control API, the
 * connectors of the seeded accounts, generated contacts read as the panel reads them, and an invite
 * job planned by the real eligibility core and written by createJob into a fake-indexeddb database.
 */
import { IDBFactory, IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openDb, type PortierDb } from '../../core/db';
import { planBulk } from '../../core/eligibility';
import { createJob, type ConnectorHooks } from '../../core/jobs';
import type { Contact, Target } from '../../core/model';
import { memoryTokenStore, type TokenStore } from '../../core/vendors/oauth';
import type { Connector } from '../../core/vendors/types';
import { zendeskApiTokenAuth } from '../../core/vendors/zendesk/auth';
import { ZendeskConnector } from '../../core/vendors/zendesk/api';
import { zohoOAuthSession } from '../../core/vendors/zoho/auth';
import { ZohoCrmConnector } from '../../core/vendors/zoho-crm/api';
import { ZohoDeskConnector } from '../../core/vendors/zoho-desk/api';
import { sandboxFetch } from '../sandbox/fetch';
import { CRM, DESK, ZENDESK, ZOHO } from '../sandbox/seed';
import type { RunningSandbox } from '../sandbox/server';

export type BulkVendor = 'zendesk' | 'zoho_crm';
type Actor = Awaited<ReturnType<Connector['actor']>>;

/** The target of each vendor's bulk runs: Zendesk acme's end users, the CRM portal's Customers. */
export const TARGET_ID: Record<BulkVendor, string> = { zendesk: 'acme', zoho_crm: CRM.userTypes.customers };

export async function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

export interface ConnectorSetup {
  /** sandboxFetch (real-time headers) by default; a bench on the sandbox clock gives vendorTimeFetch. */
  fetch?: typeof fetch;
  /** The connectors' waits between tries of a read, and the Zoho session's clock. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** One Zoho account's tokens, shared by every connector made from this setup. */
  store?: TokenStore;
}

export type ConnectorMaker = (hooks?: ConnectorHooks) => Connector;

/** The connectors of Zendesk acme (API token), Zoho Desk and Zoho CRM (Ava's OAuth tokens). */
export function connectors(sandbox: RunningSandbox, setup: ConnectorSetup = {}): Record<'zendesk' | 'zoho_desk' | 'zoho_crm', ConnectorMaker> {
  const url = (host: string) => sandbox.vendorUrl(host);
  const fetch = setup.fetch ?? sandboxFetch;
  const store = setup.store ?? memoryTokenStore({ accessToken: ZOHO.tokens.adminAccess, refreshToken: ZOHO.tokens.adminRefresh });
  const zohoAuth = (vendor: 'zoho_desk' | 'zoho_crm') =>
    zohoOAuthSession({
      accountsServer: url('accounts.zoho.localhost'), client: { clientId: ZOHO.client.id, clientSecret: ZOHO.client.secret }, store, vendor, fetch,
      ...(setup.now ? { now: setup.now } : {}),
    });
  // Wired as the background wires them (core/background/connectors.ts).
  const rate = (hooks?: ConnectorHooks) => (hooks ? { onRateLimit: hooks.onRateLimit, onThrottled: hooks.onThrottled, throttle: hooks.throttle } : {});
  const common = { fetch, ...(setup.sleep ? { sleep: setup.sleep } : {}) };
  return {
    zendesk: (hooks) =>
      new ZendeskConnector({
        endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: url('acme.zendesk.localhost') },
        auth: zendeskApiTokenAuth('ava.admin@acme.co', ZENDESK.acme.apiToken),
        ...common,
        ...rate(hooks),
      }),
    zoho_desk: (hooks) =>
      new ZohoDeskConnector({
        endpoint: { vendor: 'zoho_desk', accountId: `localhost:${DESK.orgId}`, apiBase: url('desk.zoho.localhost'), orgId: DESK.orgId },
        auth: zohoAuth('zoho_desk'),
        ...common,
        ...rate(hooks),
      }),
    zoho_crm: (hooks) =>
      new ZohoCrmConnector({
        endpoint: { vendor: 'zoho_crm', accountId: `localhost:${CRM.orgId}`, apiBase: url('www.zohoapis.localhost'), orgId: CRM.orgId },
        auth: zohoAuth('zoho_crm'),
        ...common,
        ...rate(hooks),
      }),
  };
}

/**
 * `count` new people as a connector reads them. CRM: generated CRM Contacts; Zendesk (which
 * invites by address): generated Zoho Desk contacts read by the Desk connector, as an agent making
 * Desk customers Zendesk end users. Read in slices of 100, as the panel reads a list-view selection.
 */
export async function readContacts(sandbox: RunningSandbox, vendor: BulkVendor, count: number, seed: number): Promise<Contact[]> {
  const source = vendor === 'zoho_crm' ? 'zoho_crm' : 'zoho_desk';
  const { ids } = (await control(sandbox, 'POST', '/generate', { vendor: source, count, mix: false, seed })) as { ids: string[] };
  const reader = connectors(sandbox)[source]();
  const found: Contact[] = [];
  for (let i = 0; i < ids.length; i += 100) found.push(...(await reader.getContacts(ids.slice(i, i + 100))));
  if (found.length !== ids.length) throw new Error(`read ${found.length} of ${ids.length} ${source} contacts`);
  return found;
}

/** The bulk target of `vendor` and the seeded admin acting on it. */
export async function targetOf(sandbox: RunningSandbox, vendor: BulkVendor): Promise<{ target: Target; actor: Actor }> {
  const setup = connectors(sandbox)[vendor]();
  const target = (await setup.listTargets()).find((t) => t.id === TARGET_ID[vendor]);
  if (!target) throw new Error(`no target ${TARGET_ID[vendor]} for ${vendor}`);
  return { target, actor: await setup.actor(target) };
}

/** A fresh Portier database; `own` gives it an IndexedDB of its own (another browser profile). */
export function benchDb(name: string, own = false): PortierDb {
  return openDb(`portier-bench-${name}-${crypto.randomUUID()}`, { indexedDB: own ? new IDBFactory() : indexedDB, IDBKeyRange });
}

/** Plans `contacts` on `target` and writes one invite job; every generated contact must be to invite. */
export async function writeInviteJob(db: PortierDb, on: { target: Target; actor: Actor }, contacts: Contact[], now: Date): Promise<string> {
  const plan = planBulk(contacts, on.target, on.actor, now);
  const notInvite = plan.items.filter((i) => i.verdict.action !== 'invite').length;
  if (notInvite > 0) throw new Error(`${notInvite} generated contacts are not to be invited`);
  return createJob(db, { target: on.target, action: 'invite', contacts, plan, now });
}

/** `${kind}:${id}`, the sandbox counters' name of a target. */
export function counterTarget(target: Target): string {
  return `${target.kind}:${target.id}`;
}

/**
 * The engine on the sandbox clock: its `now` is the sandbox's and its sleeps last `ms ÷ scale` real
 * milliseconds, so every duration of the engine (leases, back-offs, outage waits, job deadlines,
 * membership ages) and every duration the vendor announces (Retry-After, ratelimit-reset, read by
 * vendorTimeFetch as the sandbox sends them) is vendor time, unchanged, and passes `scale` times faster.
 */
export function sandboxClock(sandbox: RunningSandbox) {
  const clock = sandbox.state.clock;
  return {
    now: () => clock.now(),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms) / clock.scale)),
  };
}

/** Request counts since the last DELETE /counters, summed over the keys that start with `prefix`. */
export function sumRequests(requests: Record<string, number>, prefix = ''): number {
  return Object.entries(requests).reduce((sum, [key, n]) => (key.startsWith(prefix) ? sum + n : sum), 0);
}
