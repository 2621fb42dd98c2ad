/**
 * `bulk_5_agents_zendesk` (issue #9, "many agents, one account"): five agents, each in a browser of
 * their own (a JobEngine with its own fake-indexeddb IDBFactory and database, its own rate-limit
 * bucket), bulk-invite 2,000 contacts each to the same Zendesk account at the same time. Half of
 * every agent's selection is a pool all five share (1,000 people), the other half is the agent's
 * own: 10,000 selected rows, 6,000 people. Each agent's rows come in an order of its own.
 *
 * - The account is held to `LIMIT` requests per sandbox minute, the sandbox clock scaled by `SCALE`
 *   (as bulk.ts), and the engines live on that clock (setup.ts `sandboxClock`, vendorTimeFetch):
 *   vendor time throughout, engine defaults untouched. No engine is told the limit: Zendesk says it
 *   in its headers, and an agent cannot know what the others spend.
 * - Bounded: `BOUND_MS` of real time; a run cut short says `finished: false`.
 *
 * Figures: `duplicates` (first invitations sent twice), `http_429` (requests the sandbox refused for
 * the account's window) and its share of `requests` (every request to the account), `requests_per_row`
 * (÷ 10,000 selected rows), `wall_ms` (real), `wall_ratio`: the run's sandbox time ÷ the time the
 * limit needs for the requests it let through (used ÷ LIMIT × one minute).
 */
import { JobEngine } from '../../core/jobs';
import { seededRandom } from '../random';
import { vendorTimeFetch } from '../sandbox/fetch';
import type { WindowRecord } from '../sandbox/rate-limit';
import { startSandbox } from '../sandbox/server';
import { Life, itemFigures, liveUntil, vendorHolds } from './lives';
import { fittingScale, requestRate as measureRequestRate } from './scale';
import { benchDb, connectors, control, counterTarget, readContacts, sandboxClock, sumRequests, targetOf, writeInviteJob } from './setup';

export interface AgentsFigures {
  duplicates: number;
  http_429: number;
  http_429_share: number;
  requests: number;
  requests_per_row: number;
  wall_ms: number;
  wall_ratio: number;
}

export interface AgentsDetails {
  figures: AgentsFigures;
  finished: boolean;
  rows: number;
  limit: number;
  /** The sandbox clock's speed this run: SCALE, or slower on a busy machine (scale.ts). */
  scale: number;
  /** Unthrottled requests per real second the machine made when the scale was fitted. */
  requestRate: number;
  /** Each agent's items by status (and how many the vendor contradicts). */
  agents: Record<string, number>[];
  engineErrors: string[];
}

const AGENTS = 5;
const SHARED = 1_000;
const OWN = 1_000;
const LIMIT_KEY = 'zendesk:acme';
/** acme's plan (Enterprise, 700/min). */
const LIMIT = 700;
/**
 * ~10,300 requests (one search per selected row, the bulk calls and their polls) make ~15 windows
 * of 700. At 20× a window is 3 s real, ~235 requests/s for the five engines and the sandbox on
 * the shared 2-CPU machine, the pace bulk.ts measured one engine to hold with a margin.
 */
const SCALE = 20;
const BOUND_MS = 150_000;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export async function benchAgents(seed = 5): Promise<AgentsDetails> {
  const sandbox = await startSandbox({ port: 0, pages: false });
  try {
    const people = await readContacts(sandbox, 'zendesk', SHARED + AGENTS * OWN, seed);
    const shared = people.slice(0, SHARED);
    const on = await targetOf(sandbox, 'zendesk');
    const now = new Date(sandbox.state.clock.now());
    const agents = await Promise.all(Array.from({ length: AGENTS }, async (_, i) => {
      const own = people.slice(SHARED + i * OWN, SHARED + (i + 1) * OWN);
      const selection = shuffled([...shared, ...own], seededRandom(seed * 10 + i));
      const db = benchDb(`agent-${i + 1}`, true);
      return { db, jobId: await writeInviteJob(db, on, selection, now), rows: selection.length };
    }));
    const rows = agents.reduce((sum, a) => sum + a.rows, 0);
    // SCALE, or a slower one the machine can keep up with now (scale.ts).
    const requestRate = await measureRequestRate(sandbox, connectors(sandbox).zendesk, on.target, people, LIMIT_KEY);
    const scale = fittingScale(requestRate, LIMIT, SCALE);

    await control(sandbox, 'POST', '/limits', { key: LIMIT_KEY, limit: LIMIT, windowSec: 60 });
    await control(sandbox, 'POST', '/time', { advanceSec: 61 });
    await control(sandbox, 'DELETE', '/counters');
    await control(sandbox, 'POST', '/time', { scale });

    const clock = sandboxClock(sandbox);
    const engineErrors: string[] = [];
    const startedAt = clock.now();
    const start = performance.now();
    const ends = await Promise.all(agents.map((agent, i) => {
      const life = new Life(vendorTimeFetch, clock.sleep);
      const make = connectors(sandbox, { fetch: life.fetch, sleep: life.sleep, now: clock.now }).zendesk;
      const engine = new JobEngine({
        db: agent.db,
        owner: `agent-${i + 1}`,
        connectorFor: (_account, hooks) => make(hooks),
        now: clock.now,
        sleep: life.sleep,
        random: seededRandom(seed * 100 + i),
        onError: (error) => {
          if (!life.dead) engineErrors.push(`agent ${i + 1}: ${String(error)}`.slice(0, 300));
        },
      });
      return liveUntil(engine, life, clock.now, BOUND_MS);
    }));
    const wallMs = performance.now() - start;
    const sandboxMs = clock.now() - startedAt;
    await control(sandbox, 'POST', '/time', { scale: 1 });

    const counters = await control(sandbox, 'GET', '/counters');
    const windows = ((counters.windows as Record<string, WindowRecord[]>)[LIMIT_KEY] ?? []);
    const refused = windows.reduce((sum, w) => sum + w.refused, 0);
    const used = windows.reduce((sum, w) => sum + w.used, 0);
    const requests = sumRequests(counters.requests, 'zendesk ');
    const holds = vendorHolds(counters.invitations, counterTarget(on.target));
    const perAgent = await Promise.all(agents.map(async (agent) => {
      const items = await itemFigures(agent.db, agent.jobId, holds);
      return { ...items.byStatus, mismatches: items.mismatches };
    }));
    return {
      figures: {
        duplicates: counters.duplicateInvitations as number,
        http_429: refused,
        http_429_share: Number((refused / Math.max(1, requests)).toFixed(4)),
        requests,
        requests_per_row: Number((requests / rows).toFixed(3)),
        wall_ms: Math.round(wallMs),
        wall_ratio: Number((sandboxMs / ((used / LIMIT) * 60_000)).toFixed(3)),
      },
      finished: ends.every((e) => e === 'idle'),
      rows,
      limit: LIMIT,
      scale,
      requestRate: Math.round(requestRate),
      agents: perAgent,
      engineErrors: engineErrors.slice(0, 20),
    };
  } finally {
    await sandbox.close();
  }
}
