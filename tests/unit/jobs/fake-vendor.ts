import type { Contact, EligibilityActor, ReasonCode, Target, Vendor } from '../../../core/model';
import { AuthRequiredError, RateLimitedError, TransientError, VendorRefusedError, VendorResponseError } from '../../../core/vendors/http';
import type { Connector, ConnectorOptions, ItemOutcome, Membership, PollResult, SendAction, Submission } from '../../../core/vendors/types';

/**
 * An in-memory vendor behind the Connector contract, for the engine's tests. It keeps what a real
 * vendor keeps (members by email, its own async jobs, a fixed rate-limit window opened by the first
 * request) and counts what the tests judge the engine by: every invitation that reached it, per
 * email, whatever it answered. A second invite request for one email is a duplicate even when the
 * vendor answers "already a member": a real vendor may well have e-mailed the person again.
 */

export class FakeClock {
  constructor(public t = Date.parse('2030-01-01T00:00:00.000Z')) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
  /** Time passes at once; a macrotask lets other engines and Dexie run meanwhile. */
  sleep = async (ms: number): Promise<void> => {
    this.t += Math.max(0, ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
}

export type Op = 'memberships' | 'send' | 'poll';

export type Fault =
  /** Refused by the throttle: nothing applied. */
  | { kind: '429'; retryAfterMs: number }
  /** 503 before doing anything. */
  | { kind: '5xx' }
  /** The vendor did the work, then the connection dropped: the answer is lost. */
  | { kind: 'drop' }
  /** No answer ever (the service worker died during the call); `apply` says whether the vendor did the work. */
  | { kind: 'hang'; apply: boolean }
  /** A 2xx whose body does not parse, after doing the work. */
  | { kind: 'unreadable' }
  /** A 4xx for the whole call: nothing applied. */
  | { kind: 'refused'; status: number; code: string };

interface VendorJob {
  action: SendAction;
  contacts: Contact[];
  doneAt: number;
  outcomes?: ItemOutcome[];
}

export interface FakeVendorOptions {
  clock: FakeClock;
  vendor?: Vendor;
  accountId?: string;
  /** Most contacts per send (the vendor refuses more). */
  batchLimit?: number;
  /** `done`: answers per item at once; `job`: starts an async job to poll. */
  mode?: 'done' | 'job';
  jobDurationMs?: number;
  pollAfterMs?: number;
  /** The vendor's own limit, announced in headers; absent: unlimited and silent. */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * HTTP requests one memberships() call makes for this many contacts (default 1): a real look-up
   * is one search per address (Zendesk) or one per id list (CRM). Each is counted by the window and
   * waits for the connector's throttle on its own, as VendorClient does. Sends and polls: one each.
   */
  membershipRequests?: (contacts: number) => number;
  /** The vendor's clock minus ours: the dates it writes on invitations are this far off. */
  vendorClockSkewMs?: number;
  /**
   * `false`: a re-invite e-mails the person but leaves the membership as it was (Zoho Desk dates no
   * invitation; Zoho CRM's created_time stays the first one). Default true: it dates the invitation anew.
   */
  reinviteRestamps?: boolean;
  /** People this job's vendor created are missing from membership reads for this long (Zendesk's search index). */
  searchLagMs?: number;
}

type Hooks = Pick<ConnectorOptions, 'onRateLimit' | 'throttle'>;

export class FakeVendor {
  readonly members = new Map<string, Membership>();
  /** When this vendor created each person (searchLagMs); people seeded before have none. */
  private readonly createdAt = new Map<string, number>();
  /** Invite requests that reached the vendor and were acted on, per email. */
  readonly invites = new Map<string, number>();
  readonly reinvites = new Map<string, number>();
  /** Per-item refusals the vendor gives (e.g. a domain it rejects). */
  /** Refusals by email: a vendor error with `code`, or the RULES.md `reason` a connector maps it to. */
  readonly refuse = new Map<string, { code: string; message: string; reason?: ReasonCode }>();
  readonly calls: { op: Op; at: number; size: number; ok: boolean }[] = [];
  /** Every send that reached the vendor, with what it asked. */
  readonly sends: { action: SendAction; size: number }[] = [];
  /** Every HTTP request that reached the vendor's window (a call may be several), with its time. */
  readonly requests: { op: Op; at: number; ok: boolean }[] = [];
  batchViolations = 0;
  own429 = 0;
  injected429 = 0;
  renewals = 0;
  maxSendsInFlight = 0;
  private sendsInFlight = 0;
  private auth: 'valid' | 'expired' | 'revoked' = 'valid';
  private renewable = true;
  windowsOpened = 0;
  private faults: { op: Op | 'any'; fault: Fault; left: number; skip: number }[] = [];
  /** Runs after each call that succeeded, before its answer reaches the engine (to act "meanwhile"). */
  onCall: ((op: Op, nth: number) => void | Promise<void>) | undefined;
  private jobs = new Map<string, VendorJob>();
  private jobSeq = 0;
  private window: { start: number; used: number } | undefined;
  /** Resolves when a `hang` fault fires: the test then throws the engine away. */
  hung: Promise<void> = Promise.resolve();
  private onHang: () => void = () => {};

  constructor(readonly options: FakeVendorOptions) {}

  get vendor(): Vendor {
    return this.options.vendor ?? 'zendesk';
  }

  /** After `skip` more calls of `op`, the next `times` fail with `fault` (faults apply in the order injected). */
  inject(op: Op | 'any', fault: Fault, times = 1, skip = 0): this {
    this.faults.push({ op, fault, left: times, skip });
    if (fault.kind === 'hang') this.hung = new Promise((resolve) => (this.onHang = resolve));
    return this;
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The access token expires; renewing it works or not (then: AuthRequiredError until reconnect()). */
  expireToken({ renewable }: { renewable: boolean }): void {
    this.auth = 'expired';
    this.renewable = renewable;
  }

  reconnect(): void {
    this.auth = 'valid';
  }

  /** Someone else (another agent, another browser) invites this email now. */
  inviteByOtherAgent(email: string): void {
    const key = email.toLowerCase();
    this.members.set(key, { status: 'invited', invitedAt: new Date(this.options.clock.now()).toISOString() });
    this.invites.set(key, (this.invites.get(key) ?? 0) + 1);
  }

  /** Invitations beyond the first, over all emails: 0 when nothing was sent twice. */
  duplicates(): number {
    let n = 0;
    for (const count of this.invites.values()) n += Math.max(0, count - 1);
    return n;
  }

  count(op: Op): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  connector(hooks: Hooks = {}): Connector {
    const self = this;
    return {
      vendor: this.vendor,
      accountId: this.options.accountId ?? 'acme',
      batchSize: () => this.options.batchLimit ?? 10,
      actor: async (): Promise<EligibilityActor> => ({ role: 'admin' }),
      listTargets: async (): Promise<Target[]> => [],
      getContacts: async (): Promise<Contact[]> => [],
      findByEmail: async (): Promise<Contact[]> => [],
      memberships: (_t, contacts) => self.call('memberships', contacts.length, hooks, () => self.membershipsOf(contacts)),
      send: (_t, action, contacts) => self.call('send', contacts.length, hooks, () => self.send(action, contacts)),
      poll: (_t, id, contacts) => self.call('poll', contacts.length, hooks, () => self.poll(id)),
    };
  }

  private async call<T>(op: Op, size: number, hooks: Hooks, work: () => T): Promise<T> {
    // The first request waits for the throttle before anything happens, as VendorClient.send does.
    await hooks.throttle?.(op);
    const now = this.options.clock.now();
    const record = (ok: boolean) => this.calls.push({ op, at: now, size, ok });
    await Promise.resolve(); // an answer is never synchronous
    this.completeJobs(now);
    if (this.auth === 'expired') {
      if (!this.renewable) this.auth = 'revoked';
      else {
        this.renewals += 1; // what AuthSession.renew() does inside the connector: the engine never sees it
        this.auth = 'valid';
      }
    }
    if (this.auth === 'revoked') {
      record(false);
      throw new AuthRequiredError(this.vendor, op, 'the token expired and could not be renewed');
    }
    const fault = this.takeFault(op);
    if (fault?.kind === '429') {
      this.injected429 += 1;
      record(false);
      throw new RateLimitedError(this.vendor, op, fault.retryAfterMs, 'injected 429');
    }
    if (fault?.kind === '5xx') {
      record(false);
      throw new TransientError(this.vendor, op, 503, 'injected 503');
    }
    if (fault?.kind === 'refused') {
      record(false);
      throw new VendorRefusedError(this.vendor, op, fault.status, fault.code, 'injected refusal', {});
    }
    const requests = op === 'memberships' ? Math.max(1, this.options.membershipRequests?.(size) ?? 1) : 1;
    for (let i = 0; i < requests; i++) {
      // Every request after the first waits for its own token (the first one did above).
      if (i > 0) await hooks.throttle?.(op);
      this.countRequest(op, hooks, record);
    }
    if (fault?.kind === 'hang') {
      record(false);
      if (fault.apply) work();
      this.onHang();
      return new Promise<T>(() => {});
    }
    if (op === 'send') this.maxSendsInFlight = Math.max(this.maxSendsInFlight, ++this.sendsInFlight);
    try {
      const result = work();
      await Promise.resolve();
      if (fault?.kind === 'drop') {
        record(false);
        throw new TransientError(this.vendor, op, undefined, 'no answer (connection dropped)');
      }
      if (fault?.kind === 'unreadable') {
        record(false);
        throw new VendorResponseError(this.vendor, op, 'the answer does not have the documented shape');
      }
      record(true);
      await this.onCall?.(op, this.calls.filter((c) => c.op === op && c.ok).length);
      return result;
    } finally {
      if (op === 'send') this.sendsInFlight -= 1;
    }
  }

  /** One request against the vendor's window: a 429 of its own when the window is spent. */
  private countRequest(op: Op, hooks: Hooks, record: (ok: boolean) => void): void {
    const limit = this.options.rateLimit;
    const now = this.options.clock.now();
    if (!limit) {
      this.requests.push({ op, at: now, ok: true });
      return;
    }
    if (!this.window || now >= this.window.start + limit.windowMs) {
      this.window = { start: now, used: 0 };
      this.windowsOpened += 1;
    }
    const resetMs = this.window.start + limit.windowMs - now;
    if (this.window.used >= limit.limit) {
      this.own429 += 1;
      this.requests.push({ op, at: now, ok: false });
      record(false);
      hooks.onRateLimit?.({ limit: limit.limit, remaining: 0, resetMs });
      throw new RateLimitedError(this.vendor, op, resetMs, 'window exhausted');
    }
    this.window.used += 1;
    this.requests.push({ op, at: now, ok: true });
    hooks.onRateLimit?.({ limit: limit.limit, remaining: limit.limit - this.window.used, resetMs });
  }

  /** Each armed fault counts the calls of its op on its own; the first one due fires. */
  private takeFault(op: Op): Fault | undefined {
    let fired: Fault | undefined;
    for (const entry of this.faults) {
      if (entry.left <= 0 || (entry.op !== op && entry.op !== 'any')) continue;
      if (entry.skip > 0) entry.skip -= 1;
      else if (!fired) {
        entry.left -= 1;
        fired = entry.fault;
      }
    }
    this.faults = this.faults.filter((f) => f.left > 0);
    return fired;
  }

  private membershipsOf(contacts: Contact[]): Map<string, Membership> {
    const found = new Map<string, Membership>();
    const indexedBefore = this.options.clock.now() - (this.options.searchLagMs ?? 0);
    for (const c of contacts) {
      const email = c.email?.toLowerCase();
      const m = email ? this.members.get(email) : undefined;
      if (m && (this.createdAt.get(email!) ?? -Infinity) <= indexedBefore) found.set(c.id, { ...m });
    }
    return found;
  }

  private send(action: SendAction, contacts: Contact[]): Submission {
    this.sends.push({ action, size: contacts.length });
    const limit = this.options.batchLimit ?? 10;
    if (contacts.length > limit) {
      this.batchViolations += 1;
      throw new VendorRefusedError(this.vendor, 'send', 413, 'TooMany', `at most ${limit} per call`, {});
    }
    if (this.options.mode !== 'job') return { kind: 'done', outcomes: this.apply(action, contacts) };
    const id = `job-${++this.jobSeq}`;
    this.jobs.set(id, { action, contacts, doneAt: this.options.clock.now() + (this.options.jobDurationMs ?? 2_000) });
    return { kind: 'job', vendorJobId: id, pollAfterMs: this.options.pollAfterMs ?? 1_000 };
  }

  private poll(id: string): PollResult {
    const job = this.jobs.get(id);
    if (!job) throw new VendorRefusedError(this.vendor, 'poll', 404, 'RecordNotFound', 'no such job', {});
    if (!job.outcomes) return { kind: 'running', pollAfterMs: this.options.pollAfterMs ?? 1_000 };
    return { kind: 'done', outcomes: job.outcomes };
  }

  /** Vendor jobs run on the vendor's side whether anyone polls them or not. */
  private completeJobs(now: number): void {
    for (const job of this.jobs.values()) {
      if (!job.outcomes && now >= job.doneAt) job.outcomes = this.apply(job.action, job.contacts);
    }
  }

  private apply(action: SendAction, contacts: Contact[]): ItemOutcome[] {
    const at = new Date(this.options.clock.now() + (this.options.vendorClockSkewMs ?? 0)).toISOString();
    return contacts.map((c): ItemOutcome => {
      const email = (c.email ?? '').toLowerCase();
      const refused = this.refuse.get(email);
      if (refused) return { contactId: c.id, result: { status: 'failed', code: refused.reason ?? 'VENDOR_ERROR', vendorCode: refused.code, message: refused.message } };
      const m = this.members.get(email);
      if (action === 'invite') {
        this.invites.set(email, (this.invites.get(email) ?? 0) + 1);
        if (m) return { contactId: c.id, result: { status: 'already_member' } };
        this.members.set(email, { status: 'invited', invitedAt: at });
        this.createdAt.set(email, this.options.clock.now());
        return { contactId: c.id, result: { status: 'invited' } };
      }
      if (action === 'reinvite') {
        if (m?.status !== 'invited') return { contactId: c.id, result: m ? { status: 'already_member' } : { status: 'failed', code: 'VENDOR_ERROR', message: 'not invited' } };
        this.reinvites.set(email, (this.reinvites.get(email) ?? 0) + 1);
        if (this.options.reinviteRestamps !== false) this.members.set(email, { status: 'invited', invitedAt: at });
        return { contactId: c.id, result: { status: 'invited' } };
      }
      if (m?.status !== 'deactivated') return { contactId: c.id, result: { status: 'already_member' } };
      this.members.set(email, { status: 'active' });
      return { contactId: c.id, result: { status: 'invited' } };
    });
  }
}
