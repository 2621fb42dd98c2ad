import { benchBulk, type BulkFigures } from './bulk';
import { benchEligibility, benchPlan10k } from './eligibility';
import { benchPanel } from './panel';

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

const results: Record<string, number | BulkFigures> = {};
const figures: Figure[] = [];

const eligibility = benchEligibility();
const plan = benchPlan10k();
Object.assign(results, eligibility, plan);
figures.push(
  { key: 'eligibility_evals_per_s', value: eligibility.eligibility_evals_per_s, unit: 'evals/s', target: { op: '>=', value: 1_000_000 } },
  { key: 'eligibility_first_run_evals_per_s', value: eligibility.eligibility_first_run_evals_per_s, unit: 'evals/s (cold caches)' },
  { key: 'plan_10k_ms', value: plan.plan_10k_ms, unit: 'ms' },
);

// 10,000 contacts through the job engine against the sandbox (tests/bench/bulk.ts: limits, time
// scale and engine options are chosen and explained there).
for (const [key, vendor] of [['bulk_10k_zendesk', 'zendesk'], ['bulk_10k_crm', 'zoho_crm']] as const) {
  const run = await benchBulk(vendor);
  results[key] = run.figures;
  const limit = `${run.limit}/min at ${run.scale}×`;
  figures.push(
    { key: `${key}.api_calls`, value: run.figures.api_calls, unit: 'invitation calls (10,000 contacts)', target: { op: '<=', value: 110 } },
    { key: `${key}.duplicates`, value: run.figures.duplicates, unit: 'invitations sent twice', target: { op: '<=', value: 0 } },
    { key: `${key}.utilisation`, value: run.figures.utilisation, unit: `calls ÷ allowed, mean of ${run.windows - 1} full windows (${limit})`, target: { op: '>=', value: 0.9 } },
    { key: `${key}.http_429`, value: run.figures.http_429, unit: 'refused for the limit (none injected)', target: { op: '<=', value: 0 } },
    { key: `${key}.wall_ms`, value: run.figures.wall_ms, unit: `ms (${run.invited.toLocaleString('en-US')} invited)` },
  );
}

// The side panel and the content script in headless Chromium, and the production build's gzip
// sizes (tests/bench/panel.ts: what each figure measures and how).
const panel = await benchPanel();
Object.assign(results, panel.figures);
figures.push(
  { key: 'panel_first_render_ms', value: panel.figures.panel_first_render_ms, unit: 'ms, panel opened on a Zendesk user until the verdicts show (median of 5)', target: { op: '<=', value: 150 } },
  { key: 'panel_first_render_cold_ms', value: panel.figures.panel_first_render_cold_ms, unit: 'ms, the same, first opening (warm-up)' },
  { key: 'panel_js_gzip_kb', value: panel.figures.panel_js_gzip_kb, unit: 'kB gzip -9, JS the panel needs to show a contact\'s verdicts', target: { op: '<=', value: 60 } },
  { key: 'panel_js_contact_page_gzip_kb', value: panel.figures.panel_js_contact_page_gzip_kb, unit: 'kB gzip -9, all JS fetched on a contact page (Dexie after the verdicts)' },
  { key: 'panel_js_total_gzip_kb', value: panel.figures.panel_js_total_gzip_kb, unit: 'kB gzip -9, every JS chunk the panel can load (lazy views too)' },
  { key: 'content_js_gzip_kb', value: panel.figures.content_js_gzip_kb, unit: 'kB gzip -9, content-scripts/content.js', target: { op: '<=', value: 10 } },
  { key: 'content_script_main_thread_ms', value: panel.figures.content_script_main_thread_ms, unit: 'ms main thread, list view load + select all (median of 5)', target: { op: '<=', value: 5 } },
);
for (const note of panel.notes) console.error(`panel bench: ${note}`);

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
