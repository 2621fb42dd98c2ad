/**
 * The sandbox's in-memory world: the vendors' data (from a scenario's seed), the clock, counters,
 * injected faults and rate-limit windows. `reset()` rebuilds the data from the scenario with the
 * clock's current time as "now", so ages in the seed (an invitation 8 days old) stay true.
 */
import { HOUR, SandboxClock } from './clock';
import { Counters } from './counters';
import { FaultProfiles } from './fault-profile';
import { FaultBook } from './faults';
import type { SandboxData } from './model';
import { RateLimiter } from './rate-limit';
import { buildScenario, type ScenarioInput } from './seed';

export interface SandboxSettings {
  /** OAuth access-token lifetime, sandbox time. Zendesk and Zoho both issue one-hour tokens. */
  accessTokenTtlMs: number;
  /**
   * Zendesk job: queued for this long, then one item per `perItemMs` while working. A job created
   * while `stuck` is on stays `queued` for ever and applies nothing (a vendor job that never runs).
   */
  zendeskJob: { queuedMs: number; perItemMs: number; stuck: boolean };
  /**
   * CRM bulk invite job: scheduled for this long, then one item per `perItemMs` in progress. A job
   * created while `stuck` is on applies its first `stuckAfterItems` items (all when absent), then
   * stays `in_progress` for ever: its status never reaches `completed`.
   */
  crmJob: { scheduledMs: number; perItemMs: number; stuck: boolean; stuckAfterItems?: number };
}

export const DEFAULT_SETTINGS: SandboxSettings = {
  accessTokenTtlMs: HOUR,
  zendeskJob: { queuedMs: 1000, perItemMs: 20, stuck: false },
  crmJob: { scheduledMs: 2000, perItemMs: 20, stuck: false },
};

export interface StateOptions {
  /** Start of the sandbox clock (epoch ms). */
  now?: number;
  scenario?: ScenarioInput;
  timeScale?: number;
}

export class SandboxState {
  readonly clock: SandboxClock;
  readonly counters = new Counters();
  readonly faults = new FaultBook();
  readonly profiles = new FaultProfiles();
  readonly limiter: RateLimiter;
  settings: SandboxSettings = structuredClone(DEFAULT_SETTINGS);
  data: SandboxData;
  /** Set by the server once it listens; absolute URLs in answers are built from it. */
  port = 0;
  private scenario: ScenarioInput;

  constructor(options: StateOptions = {}) {
    this.clock = new SandboxClock(options.now);
    if (options.timeScale) this.clock.setScale(options.timeScale);
    this.limiter = new RateLimiter(this.clock);
    this.scenario = options.scenario ?? { name: 'default' };
    this.data = buildScenario(this.scenario, this.clock.now());
  }

  get scenarioName(): string {
    return this.scenario.name;
  }

  /** Back to the scenario's seed; counters, faults, limits and settings are cleared too. */
  reset(scenario: ScenarioInput = this.scenario): void {
    this.scenario = scenario;
    this.data = buildScenario(scenario, this.clock.now());
    this.counters.clear();
    this.faults.clear();
    this.profiles.clear();
    this.limiter.clear();
    this.settings = structuredClone(DEFAULT_SETTINGS);
  }

  now(): number {
    return this.clock.now();
  }

  iso(ms?: number): string {
    return this.clock.iso(ms);
  }

  origin(host: string): string {
    return `http://${host}:${this.port}`;
  }
}
