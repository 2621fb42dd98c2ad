import type { PortierDb } from '../db';
import type { Connector } from '../vendors/types';
import type { RateLimits } from './rate-limit';
import type { RetryPolicy } from './retry';

/** Everything a worker needs from the outside world, injected so tests drive time and faults. */
export interface WorkerContext {
  db: PortierDb;
  /** Who holds leases: one value per engine instance (per service-worker life). */
  owner: string;
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  newId(): string;
  /** `throttle` is the worker's: the connector awaits it before each HTTP request (ConnectorOptions.throttle). */
  connector(accountId: string, throttle: (endpoint: string) => Promise<void>): Promise<Connector | undefined>;
  limits: RateLimits;
  retry: RetryPolicy;
  leaseMs: number;
  /** Waits up to this long happen in place; longer ones release the job with a nextAttemptAt. */
  maxInlineWaitMs: number;
  /** Contacts per membership look-up; more than a batch means later batches use the answer. */
  membershipLookahead: number | undefined;
  /** How old a membership answer may be and still stand for "before this batch". */
  membershipMaxAgeMs: number;
  /** A send whose answer was lost is reconciled no sooner than this after it started. */
  reconcileAfterMs: number;
  /** Tolerance between our clock and the vendor's when dating an invitation it reports. */
  clockSkewMs: number;
}
