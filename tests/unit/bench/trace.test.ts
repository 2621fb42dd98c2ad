import { describe, expect, it } from 'vitest';
import { contentScriptMs, type TraceEvent } from '../../bench/trace';

const SCRIPT = 'chrome-extension://abc/content-script.js';
const FRAME = 'frame-1';

/** A complete event of the renderer thread 1:2, µs. */
function event(name: string, ts: number, dur: number, tdur: number | undefined, data: { url?: string; frame?: string } = { url: SCRIPT }, thread = { pid: 1, tid: 2 }): TraceEvent {
  return { name, ph: 'X', ts, dur, ...(tdur === undefined ? {} : { tdur }), ...thread, args: { data } };
}

describe("a content script's time in a trace", () => {
  it('counts each outermost event of the script on its frame’s thread once, in wall and in CPU time', () => {
    const events = [
      // The injection: 2 ms wall, of which the thread ran 1.5 ms.
      event('EvaluateScript', 1_000, 2_000, 1_500, { url: SCRIPT, frame: FRAME }),
      // Compiled inside the injection: already counted.
      event('v8.compile', 1_100, 500, 500),
      // A listener later: 1 ms wall, 1 ms CPU.
      event('FunctionCall', 10_000, 1_000, 1_000),
      // A timer with no thread time recorded: its wall time stands for it.
      event('TimerFire', 20_000, 400, undefined),
      // Another script, another thread, a begin event: none of them is ours.
      event('FunctionCall', 30_000, 5_000, 5_000, { url: 'https://page.example/app.js' }),
      event('FunctionCall', 30_000, 5_000, 5_000, { url: SCRIPT }, { pid: 9, tid: 9 }),
      { ...event('FunctionCall', 40_000, 5_000, 5_000), ph: 'B' },
    ];
    const time = contentScriptMs(events, SCRIPT, FRAME)!;
    expect(time.ms).toBeCloseTo(2 + 1 + 0.4, 6);
    expect(time.cpuMs).toBeCloseTo(1.5 + 1 + 0.4, 6);
    expect(time.byEvent).toEqual({ EvaluateScript: 2, FunctionCall: 1, TimerFire: 0.4 });
  });

  it('counts only the new part of an event that overlaps a counted one, at its own CPU share', () => {
    const events = [event('EvaluateScript', 0, 1_000, 1_000, { url: SCRIPT, frame: FRAME }), event('FunctionCall', 500, 1_000, 500)];
    const time = contentScriptMs(events, SCRIPT, FRAME)!;
    expect(time.ms).toBeCloseTo(1.5, 6);
    expect(time.cpuMs).toBeCloseTo(1 + 0.25, 6);
  });

  it('finds nothing when the script was not injected in that frame', () => {
    expect(contentScriptMs([event('FunctionCall', 0, 1_000, 1_000)], SCRIPT, FRAME)).toBeUndefined();
    expect(contentScriptMs([event('EvaluateScript', 0, 1_000, 1_000, { url: SCRIPT, frame: 'other' })], SCRIPT, FRAME)).toBeUndefined();
  });
});
