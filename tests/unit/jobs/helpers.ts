import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openDb, type PortierDb } from '../../../core/db';
import { planBulk } from '../../../core/eligibility';
import { JobEngine, createJob, type EngineOptions, type RunResult } from '../../../core/jobs';
import { Contact, invitationId, recordKey, Target, type Invitation, type Job } from '../../../core/model';
import { FakeClock, FakeVendor, type FakeVendorOptions } from './fake-vendor';

export const ACCOUNT = 'acme';
export const TARGET_KEY = 'zendesk:acme:end_users';
export const DESK_TARGET_KEY = 'zoho_desk:acme:hc-1';

export function freshDb(): PortierDb {
  return openDb(`portier-jobs-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
}

/** The Zendesk account's end users; `desk` gives a Zoho Desk help center (where invitations age and are re-sent). */
export function target(at: number, desk = false): Target {
  if (desk) {
    return Target.parse({
      kind: 'zoho_desk.help_center',
      id: 'hc-1',
      key: DESK_TARGET_KEY,
      vendor: 'zoho_desk',
      accountId: ACCOUNT,
      name: 'Acme help center',
      status: 'active',
      fetchedAt: new Date(at).toISOString(),
    });
  }
  return Target.parse({
    kind: 'zendesk.end_user',
    id: ACCOUNT,
    key: TARGET_KEY,
    vendor: 'zendesk',
    accountId: ACCOUNT,
    name: 'Acme help center',
    status: 'active',
    fetchedAt: new Date(at).toISOString(),
  });
}

export function contacts(n: number, at: number, from = 1, vendor: Contact['vendor'] = 'zendesk'): Contact[] {
  return Array.from({ length: n }, (_, i) => {
    const id = String(from + i);
    return Contact.parse({
      id,
      key: recordKey(vendor, ACCOUNT, id),
      vendor,
      accountId: ACCOUNT,
      name: `Customer ${id}`,
      email: `customer${id}@woodgrove.com`,
      emailKey: `customer${id}@woodgrove.com`,
      emailVerified: true,
      recordState: 'active',
      fetchedAt: new Date(at).toISOString(),
    });
  });
}

export interface World {
  db: PortierDb;
  clock: FakeClock;
  vendor: FakeVendor;
  people: Contact[];
  jobId: string;
  engine(overrides?: Partial<EngineOptions>): JobEngine;
}

/** A db with one invite job over `n` contacts planned by the real eligibility core, and a fake vendor. */
export async function world(n: number, vendorOptions: Omit<FakeVendorOptions, 'clock'> = {}, planned?: Contact[]): Promise<World> {
  const clock = new FakeClock();
  const db = freshDb();
  const vendor = new FakeVendor({ clock, ...vendorOptions });
  const people = planned ?? contacts(n, clock.now());
  const t = target(clock.now());
  const plan = planBulk(people, t, { role: 'admin' }, new Date(clock.now()));
  const jobId = await createJob(db, { target: t, action: 'invite', contacts: people, plan, now: new Date(clock.now()) });
  let lives = 0;
  const engine = (overrides: Partial<EngineOptions> = {}) =>
    new JobEngine({
      db,
      owner: `life-${++lives}`,
      connectorFor: (_account, hooks) => vendor.connector(hooks),
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      leaseMs: 60_000,
      // The engine knows the vendor's window, as it knows the vendors' minute in production.
      ...(vendorOptions.rateLimit ? { rateWindowMs: vendorOptions.rateLimit.windowMs } : {}),
      ...overrides,
    });
  return { db, clock, vendor, people, jobId, engine };
}

/** Runs the engine, jumping the clock to each wake-up it asks for, until nothing is left. */
export async function drain(engine: JobEngine, clock: FakeClock, maxWakes = 200): Promise<RunResult> {
  let result: RunResult = {};
  for (let i = 0; i < maxWakes; i++) {
    result = await engine.start();
    if (result.nextWakeAt === undefined) return result;
    clock.t = Math.max(clock.t, result.nextWakeAt);
  }
  return result;
}

export async function rows(db: PortierDb, people: Contact[], targetKey = TARGET_KEY): Promise<Invitation[]> {
  const found = await db.invitations.bulkGet(people.map((c) => invitationId(c.key, targetKey)));
  return found.map((r, i) => {
    if (!r) throw new Error(`no invitation row for ${people[i]!.key}`);
    return r;
  });
}

export async function job(db: PortierDb, id: string): Promise<Job> {
  const j = await db.jobs.get(id);
  if (!j) throw new Error(`no job ${id}`);
  return j;
}

export const FINAL_STATUSES = new Set(['invited', 'active', 'already_member', 'failed', 'skipped']);

/** Counts of final states across rows, and a check that the job's counters agree with them. */
export async function tally(db: PortierDb, jobId: string, people: Contact[]) {
  const all = await rows(db, people);
  const by: Record<string, number> = {};
  for (const r of all) by[r.status] = (by[r.status] ?? 0) + 1;
  const j = await job(db, jobId);
  return { by, job: j, rows: all, allFinal: all.every((r) => FINAL_STATUSES.has(r.status)) };
}
