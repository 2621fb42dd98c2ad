import { benchEligibility, benchPlan10k } from './eligibility';

/**
 * `npm run bench` prints a table; `npm run -s bench -- --json` prints one JSON object. Each figure
 * comes with its target, judged within this run (the machines are shared: compare, don't time-box).
 */
interface Figure {
  key: string;
  value: number;
  unit: string;
  target?: { op: '>=' | '<='; value: number };
}

const results: Record<string, number> = {};
const figures: Figure[] = [];

const eligibility = benchEligibility();
const plan = benchPlan10k();
Object.assign(results, eligibility, plan);
figures.push(
  { key: 'eligibility_evals_per_s', value: eligibility.eligibility_evals_per_s, unit: 'evals/s', target: { op: '>=', value: 1_000_000 } },
  { key: 'eligibility_first_run_evals_per_s', value: eligibility.eligibility_first_run_evals_per_s, unit: 'evals/s (cold caches)' },
  { key: 'plan_10k_ms', value: plan.plan_10k_ms, unit: 'ms' },
);

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const rows = figures.map((f) => {
    const met = f.target ? (f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value) : undefined;
    return {
      figure: f.key,
      value: f.value.toLocaleString('en-US'),
      unit: f.unit,
      target: f.target ? `${f.target.op} ${f.target.value.toLocaleString('en-US')}` : '',
      met: met === undefined ? '' : met ? 'yes' : 'NO',
    };
  });
  const widths = Object.keys(rows[0]!).map((k) => Math.max(k.length, ...rows.map((r) => String(r[k as keyof typeof r]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(Object.keys(rows[0]!)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(Object.values(r)));
}
