/**
 * How fast the sandbox's clock may run for a bench of the engine's pacing on this machine now.
 * The bulk and many-agents benches squeeze many vendor minutes into seconds (the sandbox clock at
 * 20×: a 700-request window is 3 s of real time). On a busy machine the engine and the in-process
 * sandbox cannot make 700 requests in 3 s, and the figures then measure the machine, not the
 * engine: an audit at load 8–23 read utilisation 0.6 and a wall ratio of 2.3 against 0.93 and 1.02
 * on a quiet machine, same code, same seeds. So the scale is fitted first: a short burst of
 * unthrottled membership look-ups (real requests, real answers) gives the requests per second the
 * machine sustains now, and the scale is the highest (up to the bench's own) at which a window's
 * limit takes at most 1 / MARGIN of the window. The scale used is printed with the figures.
 */
import type { Contact, Target } from '../../core/model';
import type { RunningSandbox } from '../sandbox/server';
import { control, sumRequests, type ConnectorMaker } from './setup';

/**
 * The burst makes look-ups only; the engine's own work per request (its database writes, its
 * batches and polls) comes on top: the machine must be able to make a window's requests of the
 * burst in a quarter of it. Measured at margin 2: 582 requests a second on a quiet machine gave a
 * utilisation of 1.0 at 20×, 512 a second with two busy processes beside it gave 0.78.
 */
export const MARGIN = 4;
/**
 * Never slower than this: a 10,000-contact run at 1× is 15 real minutes. Below it the machine is
 * too busy for a pacing figure to mean anything, and the run says so by its scale.
 */
export const MIN_SCALE = 5;
const BURST_MS = 1_500;

/** Requests per real second a connector makes against the sandbox with no throttle, over BURST_MS. */
export async function requestRate(sandbox: RunningSandbox, make: ConnectorMaker, target: Target, contacts: readonly Contact[], limitKey: string): Promise<number> {
  // No limit while measuring: the burst would otherwise meet the window it measures.
  await control(sandbox, 'POST', '/limits', { key: limitKey, limit: 1_000_000_000, windowSec: 60 });
  const connector = make();
  const before = sumRequests((await control(sandbox, 'GET', '/counters')).requests as Record<string, number>);
  const start = performance.now();
  for (let i = 0; performance.now() - start < BURST_MS; i += 100) {
    const slice = contacts.slice(i % contacts.length, (i % contacts.length) + 100);
    await connector.memberships(target, slice.length > 0 ? slice : contacts.slice(0, 100));
  }
  const seconds = (performance.now() - start) / 1000;
  const after = sumRequests((await control(sandbox, 'GET', '/counters')).requests as Record<string, number>);
  const rate = (after - before) / seconds;
  console.error(`bench scale: ${Math.round(rate)} unthrottled requests per second on this machine now`);
  return rate;
}

/** The highest whole scale ≤ `max` at which `limit` requests take at most 1 / MARGIN of a window, and at least MIN_SCALE. */
export function fittingScale(ratePerSecond: number, limit: number, max: number, margin = MARGIN): number {
  const fitted = ratePerSecond > 0 ? Math.floor((ratePerSecond * 60) / (limit * margin)) : 0;
  return Math.min(max, Math.max(MIN_SCALE, fitted));
}
