/**
 * Faults injected by `POST /__sandbox/faults` for the next N matching calls. Each vendor answers
 * them in its own envelope (see the vendor routers' `faultResponse`); `drop` destroys the socket
 * without a response; `expired_token` is consumed only by authenticated calls, which then get the
 * vendor's 401 for an expired token.
 */
import { z } from 'zod';

export const FaultKind = z.enum(['429', '500', '503', 'latency', 'drop', 'expired_token']);
export type FaultKind = z.infer<typeof FaultKind>;

export const FaultInput = z.object({
  /** A concrete path, a route (`/api/v2/job_statuses/:id` or `{id}`), or a glob (`*` one segment, `**` any). */
  path: z.string().min(1),
  method: z.string().optional(),
  /** Only on this vendor host (e.g. `acme.zendesk.localhost`); any host when absent. */
  host: z.string().optional(),
  kind: FaultKind,
  count: z.number().int().positive().default(1),
  /** Seconds of sandbox time announced in Retry-After (429, 503). */
  retryAfter: z.number().int().nonnegative().optional(),
  /** Real milliseconds of delay for `latency`. */
  latencyMs: z.number().int().nonnegative().optional(),
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
