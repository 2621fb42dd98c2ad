import { describe, expect, it } from 'vitest';
import type { Fault, Op } from './fake-vendor';
import { drain, tally, world } from './helpers';
import { seededRandom } from '../../random';

const LEASE_MS = 60_000;

/**
 * The service worker is stopped five times mid-job: each life dies inside a vendor call chosen at
 * random (a membership look-up, a send the vendor applied or not, a poll), its lease runs out on
 * the injected clock, and a fresh engine on the same db takes over. Faults of the ordinary kind
 * (429, 5xx, dropped answers) are sprinkled on top.
 */
describe.each([
  ['answers at once', 'done' as const, 11],
  ['vendor jobs', 'job' as const, 23],
  ['answers at once, another seed', 'done' as const, 47],
  ['vendor jobs, another seed', 'job' as const, 89],
])('an engine thrown away mid-job five times (%s)', (_name, mode, seed) => {
  it('every contact reaches exactly one final state and nobody is invited twice', { timeout: 20_000 }, async () => {
    const random = seededRandom(seed);
    const n = 120;
    const w = await world(n, { batchLimit: 10, mode, jobDurationMs: 1_500, pollAfterMs: 1_000 });

    const ops: Op[] = mode === 'job' ? ['memberships', 'send', 'send', 'poll'] : ['memberships', 'send', 'send'];
    const deaths: string[] = [];
    for (let life = 0; life < 5; life++) {
      w.vendor.clearFaults();
      const op = ops[Math.floor(random() * ops.length)]!;
      const fault: Fault = { kind: 'hang', apply: random() < 0.6 };
      // Ordinary trouble before the death: a 429, a 5xx, an answer lost after the vendor applied it.
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
      w.vendor.inject('any', pick<Fault>([{ kind: '429', retryAfterMs: 3_000 }, { kind: '5xx' }, { kind: 'drop' }]), 1, Math.floor(random() * 3));
      w.vendor.inject(op, fault, 1, 1 + Math.floor(random() * 3));
      const engine = w.engine({ random });
      const run = engine.start();
      const died = await Promise.race([w.vendor.hung.then(() => true), run.then(() => false)]);
      deaths.push(`${op}${fault.apply ? '+applied' : ''} after ${w.vendor.calls.length} calls`);
      expect(died).toBe(true); // the job must not be finished before the fifth death
      // The dead life holds its lease until it runs out; then the job is due again.
      w.clock.advance(LEASE_MS + 1);
    }

    w.vendor.clearFaults();
    await drain(w.engine({ random }), w.clock);

    const t = await tally(w.db, w.jobId, w.people);
    expect(t.allFinal).toBe(true);
    expect(t.by).toEqual({ invited: n });
    expect(t.job.status).toBe('completed');
    const { total, invited, already_member, failed, skipped } = t.job.counts;
    expect(invited + already_member + failed + skipped).toBe(total);
    expect(w.vendor.duplicates()).toBe(0);
    expect([...w.vendor.invites.values()].every((count) => count === 1)).toBe(true);
    expect(w.vendor.invites.size).toBe(n);
    // Exactly one final event per contact, after its queued event.
    const events = await w.db.events.where('jobId').equals(w.jobId).toArray();
    for (const c of w.people) {
      const types = events.filter((e) => e.contactKey === c.key).map((e) => e.type);
      expect(types[0]).toBe('queued');
      expect(types.filter((x) => x === 'invited')).toHaveLength(1);
      expect(types.at(-1)).toBe('invited');
    }
    expect(deaths).toHaveLength(5);
    expect(w.vendor.injected429 + w.vendor.calls.filter((c) => !c.ok).length).toBeGreaterThan(5);
  });
});
