/**
 * Engine lives for the benchmarks that kill engines or bound their runs (faults.ts, agents.ts), and
 * the judge of where a job's items ended against what the vendor holds.
 */
import type { PortierDb } from '../../core/db';
import type { JobEngine } from '../../core/jobs';

/** Nothing answers a dead life: its calls and its waits hang, as in a service worker the browser stopped. */
const never = <T>() => new Promise<T>(() => {});

export interface KillPoint {
  /** The life dies inside its n-th HTTP request (1-based)... */
  request: number;
  /** ...which reaches the vendor (its answer is lost) or not. */
  applied: boolean;
}

/**
 * One life of an engine. Until it dies its fetch and sleep are the given ones; from the moment it
 * dies (`kill()`, or inside its `killAt` request) every call and every wait it makes hangs for
 * ever, and a wait that ends after its death does not return either: a dead life writes nothing
 * more, and holds its lease until the lease runs out. (ky's own 30 s timeout may still wake a dead
 * call; whatever the dead life then writes is fenced by the lease it no longer holds.)
 */
export class Life {
  requests = 0;
  reason: string | undefined;
  readonly death: Promise<string>;
  private died!: (reason: string) => void;

  constructor(
    private readonly base: typeof fetch,
    private readonly wait: (ms: number) => Promise<void>,
    readonly killAt?: KillPoint,
  ) {
    this.death = new Promise((resolve) => (this.died = resolve));
  }

  get dead(): boolean {
    return this.reason !== undefined;
  }

  kill(reason: string): void {
    if (this.dead) return;
    this.reason = reason;
    this.died(reason);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    if (this.dead) return never();
    this.requests += 1;
    if (this.killAt && this.requests === this.killAt.request) {
      if (this.killAt.applied) await this.base(input, init).then((r) => r.arrayBuffer(), () => undefined);
      this.kill(`killed in request #${this.requests}${this.killAt.applied ? ' (applied)' : ''}`);
      return never();
    }
    return this.base(input, init);
  };

  readonly sleep = async (ms: number): Promise<void> => {
    if (this.dead) return never();
    await this.wait(ms);
    if (this.dead) return never();
  };
}

/** Wakes the engine as the background's alarm would, until it has nothing left to do (or dies). */
export async function drive(engine: JobEngine, life: Life, now: () => number): Promise<void> {
  for (;;) {
    const result = await engine.start();
    if (result.nextWakeAt === undefined) return;
    await life.sleep(Math.max(0, result.nextWakeAt - now()));
  }
}

/** Runs `life` until it is idle ('idle'), dies ('killed'), or `boundMs` of real time pass ('bound'). */
export async function liveUntil(engine: JobEngine, life: Life, now: () => number, boundMs: number): Promise<'idle' | 'killed' | 'bound'> {
  const timer = setTimeout(() => life.kill('bound'), Math.max(0, boundMs));
  try {
    const run = drive(engine, life, now);
    // A dead life's run never settles; a failing one is reported by the engine's onError.
    run.catch(() => undefined);
    return await Promise.race([life.death.then((reason) => (reason === 'bound' ? 'bound' : 'killed')), run.then(() => 'idle' as const)]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ItemFigures {
  /** Items by final (or not) status. */
  byStatus: Record<string, number>;
  invited: number;
  failed: number;
  /** Items not final (queued, sending). */
  unknown: number;
  /**
   * Items whose final state disagrees with the vendor: invited (or already a member) where the
   * vendor holds no invitation, failed or skipped where it holds one.
   */
  mismatches: number;
  /** Items that did not end invited, by status, reason code and message. */
  notInvited: Record<string, number>;
}

const HOLDS = new Set(['invited', 'already_member', 'active', 'confirmed']);
const REFUSED = new Set(['failed', 'skipped']);

export async function itemFigures(db: PortierDb, jobId: string, vendorHolds: (email: string) => boolean): Promise<ItemFigures> {
  const f: ItemFigures = { byStatus: {}, invited: 0, failed: 0, unknown: 0, mismatches: 0, notInvited: {} };
  for (const row of await db.invitations.where('jobId').equals(jobId).toArray()) {
    f.byStatus[row.status] = (f.byStatus[row.status] ?? 0) + 1;
    if (row.status === 'invited') f.invited += 1;
    if (row.status === 'failed') f.failed += 1;
    if (row.status === 'queued' || row.status === 'sending') f.unknown += 1;
    const holds = vendorHolds(row.email);
    if ((HOLDS.has(row.status) && !holds) || (REFUSED.has(row.status) && holds)) f.mismatches += 1;
    if (row.status !== 'invited') {
      const key = `${row.status} ${row.reason?.code ?? ''}: ${row.reason?.message ?? ''}`.slice(0, 200);
      f.notInvited[key] = (f.notInvited[key] ?? 0) + 1;
    }
  }
  return f;
}

/** Whether the sandbox sent `email` a first invitation on the target (counters.invitations[target]). */
export function vendorHolds(invitations: Record<string, Record<string, { invite?: number }>>, target: string) {
  const sent = invitations[target] ?? {};
  return (email: string) => (sent[email.trim().toLowerCase()]?.invite ?? 0) > 0;
}
