/**
 * Faults injected by `POST /__sandbox/faults` for the next N matching calls. Each vendor answers
 * them in its own envelope (the vendor routers' faces, vendors/fault-answers.ts):
 * - `429`, `500`, `503`: the vendor's own refusal; nothing applied.
 * - `latency`: the real answer, `latencyMs` late.
 * - `drop`: the socket destroyed before the vendor applies the call (nothing applied, no answer);
 *   `drop_after`: the vendor applies the call, then the socket is destroyed (the answer is lost).
 * - `429_plain`: Zendesk's per-user throttle as seen in practice, `text/plain`, with `Retry-After`
 *   only when `retryAfter` is given; nothing applied.
 * - `502_html`: a proxy's HTML error page (`status`, 502 by default); nothing applied.
 * - `oversized`: the vendor applies the call and its real answer is padded with JSON whitespace to
 *   `bytes` (6 MiB by default): a client must refuse it for its size, not for its shape.
 * - `expired_token`: consumed only by authenticated calls, which then get the vendor's 401 for an
 *   expired token.
 * Probabilistic faults on every request (a seeded share of 5xx and drops) are fault-profile.ts.
 */
import { z } from 'zod';

export const FaultKind = z.enum(['429', '500', '503', 'latency', 'drop', 'drop_after', '429_plain', '502_html', 'oversized', 'expired_token']);
export type FaultKind = z.infer<typeof FaultKind>;

export const FaultInput = z.object({
  /** A concrete path, a route (`/api/v2/job_statuses/:id` or `{id}`), or a glob (`*` one segment, `**` any). */
  path: z.string().min(1),
  method: z.string().optional(),
  /** Only on this vendor host (e.g. `acme.zendesk.localhost`); any host when absent. */
  host: z.string().optional(),
  kind: FaultKind,
  count: z.number().int().positive().default(1),
  /** Seconds of sandbox time announced in Retry-After (429 (60 when absent), 503, 429_plain (none when absent)). */
  retryAfter: z.number().int().nonnegative().optional(),
  /** Real milliseconds of delay for `latency`. */
  latencyMs: z.number().int().nonnegative().optional(),
  /** `502_html`: the proxy's status (502 when absent). */
  status: z.number().int().min(500).max(599).optional(),
  /** `oversized`: the size of the padded answer in bytes (6 MiB when absent). */
  bytes: z.number().int().positive().max(64 * 1024 * 1024).optional(),
});
export type FaultInput = z.input<typeof FaultInput>;

export interface Fault extends z.output<typeof FaultInput> {
  id: number;
  remaining: number;
  matcher: RegExp;
}

/** `*` matches within a segment, `**` across segments, `:name` and `{name}` one segment. */
export function compilePathPattern(pattern: string): RegExp {
  let source = '';
  const parts = pattern.split(/(\*\*|\*|:[A-Za-z_][A-Za-z0-9_]*|\{[^}]+\})/);
  for (const part of parts) {
    if (part === '**') source += '.*';
    else if (part === '*') source += '[^/]*';
    else if (part.startsWith(':') || part.startsWith('{')) source += '[^/]+';
    else source += part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}/?$`);
}

export class FaultBook {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const parsed = FaultInput.parse(input);
    const fault: Fault = { ...parsed, id: this.nextId++, remaining: parsed.count, matcher: compilePathPattern(parsed.path) };
    this.faults.push(fault);
    return fault;
  }

  /** Takes one use of the first fault of these kinds matching the request, if any. */
  take(request: { method: string; path: string; host: string }, kinds: readonly FaultKind[]): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        kinds.includes(f.kind) &&
        f.remaining > 0 &&
        (!f.method || f.method.toUpperCase() === request.method.toUpperCase()) &&
        (!f.host || f.host.toLowerCase() === request.host) &&
        f.matcher.test(request.path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list() {
    return this.faults.map(({ matcher: _matcher, ...rest }) => rest);
  }

  clear(): void {
    this.faults = [];
  }
}
