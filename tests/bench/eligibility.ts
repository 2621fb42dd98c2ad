import { planBulk } from '../../core/eligibility';
import type { EligibilityActor, TargetKind } from '../../core/model';
import { BENCH_TARGETS, generateContacts } from './contacts';
import { median } from './stats';

const ACTOR: EligibilityActor = { role: 'agent', permissions: ['portal.manage', 'network.admin'] };
const NOW = new Date(Date.UTC(2026, 10, 21));

/**
 * planBulk over 100,000 contacts for each of the four destination kinds, five times. Per wall second
 * and per CPU second of this process: on a shared machine the wall clock also counts the time the
 * process waited for a core (four runs at load 7–20 gave 0.25–0.81 M/s of wall time against a
 * steady 1.6 M/s of CPU time), the CPU clock only the core's own work.
 */
export function benchEligibility(): { eligibility_evals_per_s: number; eligibility_evals_per_cpu_s: number; eligibility_first_run_evals_per_s: number } {
  const contacts = generateContacts(100_000, 1, NOW.getTime());
  const kinds = Object.keys(BENCH_TARGETS) as TargetKind[];
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (const kind of kinds) planBulk(contacts, BENCH_TARGETS[kind], ACTOR, NOW);
    const cpu = process.cpuUsage(cpuStart);
    const seconds = (performance.now() - start) / 1000;
    rates.push((contacts.length * kinds.length) / seconds);
    cpuRates.push((contacts.length * kinds.length) / ((cpu.user + cpu.system) / 1e6));
  }
  return {
    eligibility_evals_per_s: Math.round(median(rates)),
    eligibility_evals_per_cpu_s: Math.round(median(cpuRates)),
    eligibility_first_run_evals_per_s: Math.round(rates[0]!),
  };
}

/** One CRM plan of 10,000 contacts the core has never seen (each run a new list). */
export function benchPlan10k(): { plan_10k_ms: number } {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const contacts = generateContacts(10_000, 100 + run, NOW.getTime());
    const start = performance.now();
    planBulk(contacts, BENCH_TARGETS['zoho_crm.portal'], ACTOR, NOW);
    times.push(performance.now() - start);
  }
  return { plan_10k_ms: Number(median(times).toFixed(1)) };
}
