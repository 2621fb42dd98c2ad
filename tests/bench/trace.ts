import type { CDPSession } from 'playwright-core';

/**
 * Reading Chromium's DevTools traces for the bench: what a content script cost the page's main
 * thread (panel.ts, content_script_main_thread_ms and the floor figures).
 */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  /** Wall µs. */
  dur?: number;
  /** The thread's own CPU µs over the same span: time the thread was not running is not in it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string } };
}

/**
 * Main-thread ms of the content script in one trace: the complete events Chromium's timeline
 * attributes to the script's URL (`EvaluateScript` of the injection, with everything it runs
 * synchronously and the microtasks it drains; `v8.compile`; `FunctionCall` of each listener,
 * timer and promise callback it registered), on the renderer thread that ran it for this tab's
 * frame, each counted once: an event inside another counted one is part of it.
 */
export interface ScriptTime {
  /** Wall ms of the counted events. */
  ms: number;
  /** The thread's CPU ms in them: on a busy machine, wall time also holds the thread's waits for a core. */
  cpuMs: number;
  byEvent: Record<string, number>;
}

export function contentScriptMs(events: TraceEvent[], scriptUrl: string, frameId: string): ScriptTime | undefined {
  const ours = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.args?.data?.url === scriptUrl);
  const injection = ours.find((e) => e.args?.data?.frame === frameId);
  if (!injection) return undefined;
  const thread = ours.filter((e) => e.pid === injection.pid && e.tid === injection.tid).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const byEvent: Record<string, number> = {};
  let total = 0;
  let cpu = 0;
  let coveredUntil = -Infinity;
  for (const e of thread) {
    const end = e.ts + e.dur!;
    if (end <= coveredUntil) continue;
    // Overlap without nesting does not happen on one thread; count only what is new if it did.
    const ms = (end - Math.max(e.ts, coveredUntil)) / 1000;
    total += ms;
    // The CPU share of the new part; an event without a thread time counts its wall time.
    cpu += e.dur! > 0 && e.tdur !== undefined ? (ms * e.tdur) / e.dur! : ms;
    byEvent[e.name] = (byEvent[e.name] ?? 0) + ms;
    coveredUntil = end;
  }
  return { ms: total, cpuMs: cpu, byEvent };
}

/** The events Chromium traced on the CDP session's target while `run` ran. */
export async function traced(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // The protocol types events as string maps; they are Chromium's trace events (TraceEvent).
  const collect = (batch: { value: object[] }) => void events.push(...(batch.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] },
    transferMode: 'ReportEvents',
  });
  try {
    await run();
  } finally {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  return events;
}
