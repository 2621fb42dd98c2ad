import { benchAgents } from './agents';
import { benchBulk } from './bulk';
import { benchEligibility, benchPlan10k } from './eligibility';
import { benchFaults } from './faults';
import { benchPanel, RUNS as PANEL_RUNS } from './panel';

/**
 * `npm run bench` prints a table; `npm run -s bench -- --json` prints one JSON object. Each figure
 * comes with its target, judged within this run (the machines are shared: compare, don't time-box).
 * `--only NAME[,NAME…]` (or `--only=…`, repeatable) runs the groups whose name starts with one of the
 * NAMEs: eligibility, bulk_10k_zendesk, bulk_10k_crm, bulk_faults_zendesk, bulk_faults_crm,
 * bulk_5_agents_zendesk, panel (`--only bulk_faults` runs both fault runs).
 */
interface Figure {
  key: string;
  value: number;
  unit: string;
  target?: { op: '>=' | '<='; value: number };
}

type Results = Record<string, unknown>;
type Group = { name: string; run(results: Results, figures: Figure[]): Promise<void> };

const GROUPS: Group[] = [
  {
    name: 'eligibility',
    async run(results, figures) {
      const eligibility = benchEligibility();
      const plan = benchPlan10k();
      Object.assign(results, eligibility, plan);
      figures.push(
        { key: 'eligibility_evals_per_s', value: eligibility.eligibility_evals_per_s, unit: 'evals/s', target: { op: '>=', value: 1_000_000 } },
        { key: 'eligibility_evals_per_cpu_s', value: eligibility.eligibility_evals_per_cpu_s, unit: 'evals per CPU second of the process (a busy machine\'s waits for a core left out)', target: { op: '>=', value: 1_000_000 } },
        { key: 'eligibility_first_run_evals_per_s', value: eligibility.eligibility_first_run_evals_per_s, unit: 'evals/s (cold caches)' },
        { key: 'plan_10k_ms', value: plan.plan_10k_ms, unit: 'ms' },
      );
    },
  },
  // 10,000 contacts through the job engine against the sandbox (tests/bench/bulk.ts: limits, time
  // scale and engine options are chosen and explained there).
  ...([['bulk_10k_zendesk', 'zendesk'], ['bulk_10k_crm', 'zoho_crm']] as const).map(([key, vendor]): Group => ({
    name: key,
    async run(results, figures) {
      const run = await benchBulk(vendor);
      results[key] = run.figures;
      const limit = `${run.limit}/min at ${run.scale}×, fitted to ${run.requestRate} req/s unthrottled`;
      figures.push(
        { key: `${key}.api_calls`, value: run.figures.api_calls, unit: 'invitation calls (10,000 contacts)', target: { op: '<=', value: 110 } },
        { key: `${key}.duplicates`, value: run.figures.duplicates, unit: 'invitations sent twice', target: { op: '<=', value: 0 } },
        { key: `${key}.utilisation`, value: run.figures.utilisation, unit: `calls ÷ allowed, mean of ${run.windows - 1} full windows (${limit})`, target: { op: '>=', value: 0.9 } },
        { key: `${key}.http_429`, value: run.figures.http_429, unit: 'refused for the limit (none injected)', target: { op: '<=', value: 0 } },
        { key: `${key}.wall_ms`, value: run.figures.wall_ms, unit: `ms (${run.invited.toLocaleString('en-US')} invited)` },
      );
    },
  })),
  // 1,000 contacts under 5 % 5xx + 2 % drops, the engine killed 10 times (tests/bench/faults.ts).
  ...([['bulk_faults_zendesk', 'zendesk'], ['bulk_faults_crm', 'zoho_crm']] as const).map(([key, vendor]): Group => ({
    name: key,
    async run(results, figures) {
      const run = await benchFaults(vendor);
      results[key] = { ...run.figures, finished: run.finished, kills: run.kills };
      const how = `${run.finished ? 'finished' : 'NOT finished (bound)'}, job ${run.job}, ${run.kills} kills, ${run.sandboxMinutes} sandbox min at ${run.scale}×`;
      figures.push(
        { key: `${key}.invited`, value: run.figures.invited, unit: `items ending invited of 1,000 (${how})`, target: { op: '>=', value: 1_000 } },
        { key: `${key}.duplicates`, value: run.figures.duplicates, unit: 'invitations sent twice', target: { op: '<=', value: 0 } },
        { key: `${key}.mismatches`, value: run.figures.mismatches, unit: 'items the vendor contradicts', target: { op: '<=', value: 0 } },
        { key: `${key}.failed`, value: run.figures.failed, unit: 'items failed' },
        { key: `${key}.unknown`, value: run.figures.unknown, unit: 'items not final' },
        { key: `${key}.requests`, value: run.figures.requests, unit: 'requests the sandbox received' },
        { key: `${key}.wall_ms`, value: run.figures.wall_ms, unit: 'ms' },
      );
      console.error(`${key}: ${how}; lives: ${run.lives.join(' | ')}`);
      console.error(`${key}: items ${JSON.stringify(run.byStatus)}; faults injected ${JSON.stringify(run.injected)}`);
      for (const [reason, n] of Object.entries(run.notInvited).slice(0, 8)) console.error(`${key}: not invited ×${n}: ${reason}`);
      for (const error of run.engineErrors.slice(0, 5)) console.error(`${key}: engine error: ${error}`);
    },
  })),
  // Five agents, five databases, one Zendesk account (tests/bench/agents.ts).
  {
    name: 'bulk_5_agents_zendesk',
    async run(results, figures) {
      const key = 'bulk_5_agents_zendesk';
      const run = await benchAgents();
      results[key] = { ...run.figures, finished: run.finished };
      const how = `${run.finished ? 'finished' : 'NOT finished (bound)'}, ${run.rows.toLocaleString('en-US')} rows, ${run.limit}/min at ${run.scale}× (fitted to ${run.requestRate} req/s unthrottled)`;
      figures.push(
        { key: `${key}.duplicates`, value: run.figures.duplicates, unit: 'invitations sent twice', target: { op: '<=', value: 0 } },
        { key: `${key}.http_429`, value: run.figures.http_429, unit: 'refused for the account limit' },
        { key: `${key}.http_429_share`, value: run.figures.http_429_share, unit: '429s ÷ requests', target: { op: '<=', value: 0.005 } },
        { key: `${key}.requests`, value: run.figures.requests, unit: `requests (${how})` },
        { key: `${key}.requests_per_row`, value: run.figures.requests_per_row, unit: 'requests ÷ selected rows', target: { op: '<=', value: 1.1 } },
        { key: `${key}.wall_ms`, value: run.figures.wall_ms, unit: 'ms' },
        { key: `${key}.wall_ratio`, value: run.figures.wall_ratio, unit: 'wall ÷ (requests let through ÷ limit × window)', target: { op: '<=', value: 1.3 } },
      );
      for (const [agent, counts] of run.agents.entries()) console.error(`${key}: agent ${agent + 1}: ${JSON.stringify(counts)}`);
      for (const error of run.engineErrors.slice(0, 5)) console.error(`${key}: engine error: ${error}`);
    },
  },
  // The side panel and the content script in headless Chromium, and the production build's gzip
  // sizes (tests/bench/panel.ts: what each figure measures and how).
  {
    name: 'panel',
    async run(results, figures) {
      const panel = await benchPanel();
      Object.assign(results, panel.figures);
      figures.push(
        { key: 'panel_first_render_ms', value: panel.figures.panel_first_render_ms, unit: `ms, panel opened on a Zendesk user until the verdicts show (median of ${PANEL_RUNS})`, target: { op: '<=', value: 150 } },
        { key: 'panel_first_render_cold_ms', value: panel.figures.panel_first_render_cold_ms, unit: 'ms, the same, first opening (warm-up)' },
        { key: 'panel_js_gzip_kb', value: panel.figures.panel_js_gzip_kb, unit: 'kB gzip -9, JS the panel needs to show a contact\'s verdicts', target: { op: '<=', value: 60 } },
        { key: 'panel_js_contact_page_gzip_kb', value: panel.figures.panel_js_contact_page_gzip_kb, unit: 'kB gzip -9, all JS fetched on a contact page (Dexie after the verdicts)' },
        { key: 'panel_js_total_gzip_kb', value: panel.figures.panel_js_total_gzip_kb, unit: 'kB gzip -9, every JS chunk the panel can load (lazy views too)' },
        { key: 'content_js_gzip_kb', value: panel.figures.content_js_gzip_kb, unit: 'kB gzip -9, content-script.js', target: { op: '<=', value: 10 } },
        { key: 'content_script_main_thread_ms', value: panel.figures.content_script_main_thread_ms, unit: `ms main thread, list view load + select all, no panel open (median of ${PANEL_RUNS})`, target: { op: '<=', value: 5 } },
        // The same two less the browser's own floor, measured beside them (tests/bench/floor.ts).
        { key: 'panel_first_render_over_floor_ms', value: panel.figures.panel_first_render_over_floor_ms, unit: 'ms, panel_first_render_ms less a blank extension page\'s, paired loads (median)', target: { op: '<=', value: 40 } },
        { key: 'panel_first_render_floor_ms', value: panel.figures.panel_first_render_floor_ms, unit: `ms, a blank extension page with one heading until it shows (median of ${PANEL_RUNS})` },
        { key: 'panel_first_render_ping_over_floor_ms', value: panel.figures.panel_first_render_ping_over_floor_ms, unit: 'ms, a page with one script sending one message Portier\'s background refuses at once, over the same floor: what the browser charges for one round trip (median)' },
        { key: 'panel_first_render_probe_over_ping_ms', value: panel.figures.panel_first_render_probe_over_ping_ms, unit: 'ms, the same script asking the background for the tab\'s verdicts instead: the background\'s work for the first answer (median)' },
        { key: 'panel_first_render_probe_over_floor_ms', value: panel.figures.panel_first_render_probe_over_floor_ms, unit: 'ms, a page of Portier\'s with one script asking its background for the tab\'s verdicts, over the same floor: the least any panel pays (median)' },
        { key: 'panel_first_render_over_probe_ms', value: panel.figures.panel_first_render_over_probe_ms, unit: 'ms, the panel less that page, paired loads: the panel\'s own code (median)' },
        { key: 'panel_first_render_polled_over_floor_ms', value: panel.figures.panel_first_render_polled_over_floor_ms, unit: 'ms, the same difference as Playwright\'s raf poller reads both pages (the method until session 10: late on a busy machine)' },
        { key: 'content_script_over_floor_ms', value: panel.figures.content_script_over_floor_ms, unit: 'ms main thread, content_script_main_thread_ms less an empty content script\'s, same traces (median)', target: { op: '<=', value: 2 } },
        { key: 'content_script_floor_ms', value: panel.figures.content_script_floor_ms, unit: `ms main thread, an empty content script on the same loads (median of ${PANEL_RUNS})` },
        { key: 'content_script_cpu_over_floor_ms', value: panel.figures.content_script_cpu_over_floor_ms, unit: 'ms main-thread CPU, the same events less the empty script\'s: without the waits for a core (median)' },
        { key: 'content_script_watched_ms', value: panel.figures.content_script_watched_ms, unit: `ms main thread, the same with a panel watching the tab: the 60 ticks read and sent (median of ${PANEL_RUNS})` },
        { key: 'content_script_watched_over_floor_ms', value: panel.figures.content_script_watched_over_floor_ms, unit: 'ms main thread, content_script_watched_ms less the empty script\'s, same traces (median)' },
      );
      // Vendor round trips before a contact's verdicts show, per vendor (tests/bench/round-trips.ts).
      for (const [when, goal] of [['first', 1], ['revisit', 0]] as const) {
        for (const [vendor, trips] of Object.entries(panel.figures[`panel_vendor_round_trips_${when}`])) {
          figures.push({ key: `panel_vendor_round_trips_${when}.${vendor}`, value: trips, unit: `vendor round trips before the verdicts, ${when === 'first' ? 'first view' : 'revisit'} (extra ms ÷ added latency)`, target: { op: '<=', value: goal } });
        }
      }
      for (const note of panel.notes) console.error(`panel bench: ${note}`);
    },
  },
];

/** The names given with --only (undefined: every group), or the reason they cannot be used. */
function onlyFilter(argv: readonly string[]): { names?: string[]; error?: string } {
  const groups = GROUPS.map((g) => g.name).join(', ');
  const names: string[] = [];
  let asked = false;
  argv.forEach((arg, i) => {
    const next = argv[i + 1];
    if (arg === '--only') {
      asked = true;
      if (next && !next.startsWith('--')) names.push(...next.split(','));
    } else if (arg.startsWith('--only=')) {
      asked = true;
      names.push(...arg.slice('--only='.length).split(','));
    }
  });
  const given = names.map((n) => n.trim()).filter(Boolean);
  if (asked && given.length === 0) return { error: `--only needs a group name (or several, comma-separated): ${groups}.` };
  const unknown = given.filter((name) => !GROUPS.some((g) => g.name.startsWith(name)));
  if (unknown.length > 0) return { error: `no figure group starts with ${unknown.map((n) => `"${n}"`).join(', ')}. Groups: ${groups}.` };
  return given.length > 0 ? { names: given } : {};
}

const { names: only, error } = onlyFilter(process.argv.slice(2));
if (error) {
  console.error(`npm run bench: ${error}`);
  process.exit(2);
}

const results: Results = {};
const figures: Figure[] = [];
for (const group of GROUPS) {
  if (only && !only.some((name) => group.name.startsWith(name))) continue;
  await group.run(results, figures);
}

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
// Engine lives the fault runs killed leave calls behind that only ky's 30 s timeout would end.
process.exit(0);
