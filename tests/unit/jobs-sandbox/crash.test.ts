import { describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/fetch';
import { drain, expectInvitedOnce, scene, tally, useSandbox, type VendorName } from './harness';
import { seededRandom } from '../../random';

const sb = useSandbox();
const LEASE_MS = 60_000;

type Kind = 'send' | 'poll' | 'read';
const kindOf = (input: RequestInfo | URL, init?: RequestInit): Kind => {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const url = input instanceof Request ? input.url : String(input);
  if (method !== 'GET') return 'send';
  return /job_status|job_id=|portal_invite/.test(url) ? 'poll' : 'read';
};

/**
 * One service-worker life that dies at its `nth` call of `kind`: that call (sent to the vendor or
 * not, as `applied` says) and every later one never answer, so the life stops where it stood,
 * holding its lease, as a worker killed by the browser does.
 */
function mortalFetch(kind: Kind, nth: number, applied: boolean) {
  let seen = 0;
  let dead = false;
  let died!: () => void;
  const death = new Promise<void>((resolve) => (died = resolve));
  const never = new Promise<Response>(() => {});
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (dead) return never;
    if (kindOf(input, init) === kind && ++seen === nth) {
      dead = true;
      if (applied) await sandboxFetch(input, init).catch(() => undefined);
      died();
      return never;
    }
    return sandboxFetch(input, init);
  };
  return { fetch, death };
}

/**
 * The engine thrown away mid-job five times: each life dies inside a vendor call chosen at random
 * (a read, a send the vendor applied or not, a poll of its job), its lease runs out on the engine's
 * clock, and a fresh JobEngine with a new owner takes over the same db. The sandbox's counters are
 * the judge: every address invited exactly once.
 */
describe.each<[VendorName, number]>([
  ['zendesk', 7], // async create_many jobs
  ['zoho_crm', 13], // async bulk portal_invite jobs
  ['zendesk', 29],
  ['zoho_crm', 31],
])('an engine thrown away mid-job five times: %s (seed %i)', (vendor, seed) => {
  it('a fresh engine resumes: every contact ends once, zero duplicate invitations', { timeout: 120_000 }, async () => {
    const random = seededRandom(seed);
    const n = 450; // five batches of 100 minus a little: each life has work left to die in
    const s = await scene(sb, vendor, n, seed);
    const deaths: string[] = [];
    for (let life = 0; life < 5; life++) {
      const kinds: Kind[] = ['send', 'send', 'poll', 'read'];
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      const nth = 1 + Math.floor(random() * (kind === 'read' ? 3 : 1));
      const applied = random() < 0.6;
      const mortal = mortalFetch(kind, nth, applied);
      const run = s.engine({ leaseMs: LEASE_MS }, mortal.fetch).start();
      const died = await Promise.race([mortal.death.then(() => true), run.then(() => false)]);
      deaths.push(`${kind}#${nth}${applied ? '+applied' : ''}`);
      expect(died, `life ${life + 1} (${deaths.join(', ')}) should have died before the job ended`).toBe(true);
      // The dead life's lease blocks everyone until it runs out on the engine's clock.
      const blocked = await s.engine({ leaseMs: LEASE_MS }).start();
      expect(blocked.nextWakeAt).toBeDefined();
      sb.advance(LEASE_MS + 1);
    }

    await drain(sb, s.engine({ leaseMs: LEASE_MS }));

    const t = await tally(s);
    expect(t.by).toEqual({ invited: n });
    expect(t.job.status).toBe('completed');
    await expectInvitedOnce(sb, s);
    // One final event per contact, after its queued one.
    const events = await s.db.events.where('jobId').equals(s.jobId).toArray();
    for (const c of s.contacts) {
      const types = events.filter((e) => e.contactKey === c.key).map((e) => e.type);
      expect(types[0]).toBe('queued');
      expect(types.filter((x) => x === 'invited')).toHaveLength(1);
      expect(types.at(-1)).toBe('invited');
    }
  });
});
