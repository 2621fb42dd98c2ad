import type { PortierDb } from '../db';
import type { Vendor } from '../model';
import type { Connector } from '../vendors/types';
import type { MembershipCache } from './memberships';
import type { Outages } from './outage';
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
  connector(accountId: string, throttle: (endpoint: string, repeat?: boolean) => Promise<void>): Promise<Connector | undefined>;
  /** The account's rate-limit bucket, shared with the panel's requests (one owner per account). */
  limits: RateLimits;
  /** Whether the account's vendor answers, shared by every job of the account. */
  outages: Outages;
  /** Membership answers shared by the plan and every job (bounds.ts MEMBERSHIP_REUSE_MS). */
  memberships: MembershipCache;
  retry: RetryPolicy;
  /** How long a vendor job is followed before its batch is reconciled (bounds.ts VENDOR_JOB_DEADLINE_MS). */
  vendorJobDeadlineMs(vendor: Vendor): number;
  /** The product's name for the agent ("Zendesk", "Zoho CRM"), in reasons the engine writes. */
  vendorName(vendor: Vendor): string;
  leaseMs: number;
  /** Waits up to this long happen in place; longer ones release the job with a nextAttemptAt. */
  maxInlineWaitMs: number;
  /** Contacts per membership look-up; more than a batch means later batches use the answer. */
  membershipLookahead: number | undefined;
  /** How long after a send a membership read may still miss what it created (bounds.ts MEMBERSHIP_LAG_MS). */
  membershipLagMs(vendor: Vendor): number;
  /** A send whose answer was lost is reconciled no sooner than this after it started. */
  reconcileAfterMs: number;
  /** Tolerance between our clock and the vendor's when dating an invitation it reports. */
  clockSkewMs: number;
}
