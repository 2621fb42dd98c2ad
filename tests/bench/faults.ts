/**
 * `bulk_faults_zendesk` and `bulk_faults_crm` (issue #9, "light faults sink whole jobs"): 1,000
 * contacts through the job engine against the sandbox while every request to the vendor's API host
 * meets a seeded fault profile (5 % 5xx, 2 % dropped connections, half of the drops after the
 * vendor applied the call: `POST /__sandbox/faults/profile`), and the engine is killed 10 times.
 *
 * - Setup as bulk.ts (setup.ts): generated contacts, planned by the eligibility core, one invite job
 *   in a fake-indexeddb database. The accounts keep their seeded limits (Zendesk acme 700/min).
 * - The engine lives on the sandbox clock (setup.ts `sandboxClock`, vendorTimeFetch), so its own
 *   durations (outage waits, back-offs, job deadlines, leases) are vendor time and pass `SCALE`
 *   times faster; nothing of the engine is tuned for the bench but a short lease.
 * - A life dies inside its n-th request (n drawn from the seed, the request applied by the vendor
 *   or not, half each): its calls and waits hang from then on (lives.ts). The next life is a new
 *   JobEngine with a new owner on the same database; it waits for the dead life's lease to run out.
 *   After 10 kills the last life runs to the end.
 * - Bounded: `BOUND_MS` of real time for the whole run; a run cut short says `finished: false`.
 *
 * Figures: `invited` (items ending invited: target 1,000), `duplicates` (the sandbox's first
 * invitations sent twice), `mismatches` (items whose final state the vendor contradicts:
 * lives.ts itemFigures), `failed`, `unknown` (items not final), `requests` (every request the
 * sandbox received during the run), `wall_ms` (real, from the first life to the end).
 */
import { JobEngine } from '../../core/jobs';
import { seededRandom } from '../random';
import type { ProfileTally } from '../sandbox/fault-profile';
import { vendorTimeFetch } from '../sandbox/fetch';
import { startSandbox } from '../sandbox/server';
import { Life, itemFigures, liveUntil, vendorHolds } from './lives';
import { benchDb, connectors, control, counterTarget, readContacts, sandboxClock, sumRequests, targetOf, writeInviteJob, type BulkVendor } from './setup';

export interface FaultFigures {
  invited: number;
  duplicates: number;
  mismatches: number;
  failed: number;
  unknown: number;
  requests: number;
  wall_ms: number;
}

export interface FaultDetails {
  figures: FaultFigures;
  /** The last life went idle before the bound (the job may still not be completed: see `job`). */
  finished: boolean;
  job: string;
  kills: number;
  lives: string[];
  byStatus: Record<string, number>;
  notInvited: Record<string, number>;
  injected: ProfileTally | undefined;
  engineErrors: string[];
  sandboxMinutes: number;
  scale: number;
}

const COUNT = 1_000;
const KILLS = 10;
const PROFILE = { serverErrorRate: 0.05, dropRate: 0.02, dropAfterApplyShare: 0.5 };
/** Sandbox milliseconds per real one (the engine runs on this clock: see above). */
const SCALE = 20;
/**
 * Short, so the 10 restarts cost little, and still longer than any call takes here (the calls are
 * local; a lapsed lease of the one live engine is harmless: leases fence by owner).
 */
const LEASE_MS = 15_000;
const BOUND_MS = 120_000;

/**
 * Each life dies within its first `killWithin` requests: about a tenth of a clean run's requests
 * (Zendesk: one search per address, ~1,100 in all; CRM: ~12 ids per portal-user read, bulk
 * invites and polls, ~150), so the ten kills fall across the whole job.
 */
const CASES: Record<BulkVendor, { host: string; killWithin: number }> = {
  zendesk: { host: 'acme.zendesk.localhost', killWithin: 250 },
  zoho_crm: { host: 'www.zohoapis.localhost', killWithin: 30 },
};

export async function benchFaults(vendor: BulkVendor, seed = 11): Promise<FaultDetails> {
  const spec = CASES[vendor];
  const sandbox = await startSandbox({ port: 0, pages: false });
  try {
    const contacts = await readContacts(sandbox, vendor, COUNT, seed);
    const on = await targetOf(sandbox, vendor);
    const db = benchDb(`faults-${vendor}`);
    const jobId = await writeInviteJob(db, on, contacts, new Date(sandbox.state.clock.now()));

    await control(sandbox, 'POST', '/time', { advanceSec: 61 });
    await control(sandbox, 'DELETE', '/counters');
    await control(sandbox, 'POST', '/faults/profile', { host: spec.host, path: '**', ...PROFILE, seed });
    await control(sandbox, 'POST', '/time', { scale: SCALE });

    const clock = sandboxClock(sandbox);
    const random = seededRandom(seed);
    const lives: string[] = [];
    const engineErrors: string[] = [];
    const startedAt = clock.now();
    const start = performance.now();
    let finished = false;
    let kills = 0;
    for (let n = 1; ; n++) {
      const killAt = kills < KILLS ? { request: 1 + Math.floor(random() * spec.killWithin), applied: random() < 0.5 } : undefined;
      const life = new Life(vendorTimeFetch, clock.sleep, killAt);
      const make = connectors(sandbox, { fetch: life.fetch, sleep: life.sleep, now: clock.now })[vendor];
      const engine = new JobEngine({
        db,
        owner: `life-${n}`,
        connectorFor: (_account, hooks) => make(hooks),
        now: clock.now,
        sleep: life.sleep,
        random: seededRandom(seed * 100 + n),
        leaseMs: LEASE_MS,
        onError: (error) => {
          if (!life.dead) engineErrors.push(`life ${n}: ${String(error)}`.slice(0, 300));
        },
      });
      const ended = await liveUntil(engine, life, clock.now, BOUND_MS - (performance.now() - start));
      lives.push(ended === 'killed' ? (life.reason ?? 'killed') : `${ended} after ${life.requests} requests`);
      if (ended === 'idle') finished = true;
      if (ended !== 'killed') break;
      kills += 1;
    }
    const wallMs = performance.now() - start;
    const sandboxMinutes = (clock.now() - startedAt) / 60_000;
    await control(sandbox, 'POST', '/time', { scale: 1 });

    const counters = await control(sandbox, 'GET', '/counters');
    const { profiles } = await control(sandbox, 'GET', '/faults/profile');
    const items = await itemFigures(db, jobId, vendorHolds(counters.invitations, counterTarget(on.target)));
    const job = await db.jobs.get(jobId);
    return {
      figures: {
        invited: items.invited,
        duplicates: counters.duplicateInvitations as number,
        mismatches: items.mismatches,
        failed: items.failed,
        unknown: items.unknown,
        requests: sumRequests(counters.requests),
        wall_ms: Math.round(wallMs),
      },
      finished,
      job: job?.status ?? 'missing',
      kills,
      lives,
      byStatus: items.byStatus,
      notInvited: items.notInvited,
      injected: profiles[0]?.injected,
      engineErrors: engineErrors.slice(0, 20),
      sandboxMinutes: Number(sandboxMinutes.toFixed(1)),
      scale: SCALE,
    };
  } finally {
    await sandbox.close();
  }
}
