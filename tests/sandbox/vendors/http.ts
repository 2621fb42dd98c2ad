/**
 * Plumbing shared by the vendor routers: the Hono environment, request counting, injected faults,
 * rate limiting and JSON bodies. What each vendor answers is given by its `VendorFace`, so every
 * refusal, even a sandbox-made one, wears the vendor's own envelope.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Fault, FaultKind } from '../faults';
import type { Site } from '../hosts';
import type { LimitDecision, LimitPolicy } from '../rate-limit';
import type { SandboxState } from '../state';
import { OVERSIZED_DEFAULT_BYTES, padded, plainTooManyRequests, proxyErrorPage } from './fault-answers';

export type SandboxBindings = Partial<HttpBindings> & { site: Site };
export type SandboxEnv<V extends object = object> = { Bindings: SandboxBindings; Variables: V };
/** Faces and helpers serve every vendor app, whatever its Variables. */
export type AnyContext = Context<SandboxEnv<any>>;

export interface VendorFace {
  /** The name in counters: zendesk, zoho_desk, zoho_crm, zoho_connect, zoho_accounts, zendesk_oauth. */
  vendor: string;
  tooManyRequests(c: AnyContext, retryAfterSec: number, realMs: number): Response;
  serverError(c: AnyContext, status: 500 | 503, retryAfterSec?: number): Response;
  notFound(c: AnyContext): Response;
}

/** Hono's `:param{regex}` written as the specs write it: `{param}`. */
export function specRoute(route: string): string {
  return route.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g, '{$1}');
}

export function newVendorApp<V extends object>(state: SandboxState, face: VendorFace) {
  const app = new Hono<SandboxEnv<V>>();
  app.use('*', countRequests(state, face));
  app.use('*', injectFaults(state, face));
  app.notFound((c) => markUnmatched(face.notFound(c)));
  app.onError((error, c) => {
    console.error(`[sandbox] ${face.vendor} ${c.req.method} ${c.req.path}:`, error);
    return face.serverError(c, 500);
  });
  return app;
}

/** Lets the dispatcher hand an API-unmatched request to the pages router (server.ts). */
export const UNMATCHED_HEADER = 'x-sandbox-unmatched';
function markUnmatched(response: Response): Response {
  response.headers.set(UNMATCHED_HEADER, '1');
  return response;
}

function countRequests(state: SandboxState, face: VendorFace): MiddlewareHandler<SandboxEnv<any>> {
  return async (c, next) => {
    await next();
    const route = c.res.headers.get(UNMATCHED_HEADER) ? '(unmatched)' : specRoute(routePath(c, -1));
    state.counters.request(face.vendor, c.req.method, route);
  };
}

function injectFaults(state: SandboxState, face: VendorFace): MiddlewareHandler<SandboxEnv<any>> {
  return async (c, next) => {
    const request = { method: c.req.method, path: c.req.path, host: c.env.site.host };
    const fault = state.faults.take(request, INJECTED_HERE);
    if (fault) return applyFault(state, face, c, fault, next);
    // A profile's faults only where no counted fault was queued for this call.
    const rolled = state.profiles.roll(request);
    if (rolled) return applyFault(state, face, c, { kind: rolled }, next);
    return next();
  };
}

/** `expired_token` is taken by the vendors' authentication, where it knows the call carries credentials. */
const INJECTED_HERE: readonly FaultKind[] = ['429', '500', '503', 'latency', 'drop', 'drop_after', '429_plain', '502_html', 'oversized'];

type Injected = Pick<Fault, 'kind'> & Partial<Pick<Fault, 'retryAfter' | 'latencyMs' | 'status' | 'bytes'>>;

async function applyFault(state: SandboxState, face: VendorFace, c: AnyContext, fault: Injected, next: () => Promise<void>) {
  switch (fault.kind) {
    case 'latency':
      // Served by `applyLatency`, once the request holds its rate-limit and concurrency slot.
      c.set(LATENCY_VAR, fault.latencyMs ?? 1000);
      return next();
    case 'drop':
      // No response at all: the client sees the connection reset, as with a dropped proxy.
      c.env.incoming?.socket.destroy();
      return new Response(null, { status: 599 });
    case 'drop_after':
      // The vendor applies the call (authentication, limits, the operation), then the answer is lost.
      await next();
      c.env.incoming?.socket.destroy();
      c.res = new Response(null, { status: 599 });
      return;
    case 'oversized':
      await next();
      c.res = await padded(c.res, fault.bytes ?? OVERSIZED_DEFAULT_BYTES);
      return;
    case '429': {
      const seconds = fault.retryAfter ?? 60;
      return face.tooManyRequests(c, seconds, state.clock.toRealMs(seconds * 1000));
    }
    case '429_plain': {
      const seconds = fault.retryAfter;
      return plainTooManyRequests(face.vendor, seconds === undefined ? undefined : { seconds, realMs: state.clock.toRealMs(seconds * 1000) });
    }
    case '502_html':
      return proxyErrorPage(fault.status ?? 502);
    default:
      return face.serverError(c, fault.kind === '500' ? 500 : 503, fault.retryAfter);
  }
}

const LATENCY_VAR = 'sandboxLatencyMs';

/**
 * A slow vendor: the delay of an injected `latency` fault, spent after authentication and rate
 * limiting so that a slow call holds its concurrency slot as it would on the real service. Each
 * vendor router registers it after its own middleware.
 */
export const applyLatency: MiddlewareHandler<SandboxEnv<any>> = async (c, next) => {
  const delay = c.get(LATENCY_VAR) as number | undefined;
  if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  return next();
};

/** Retry-After in sandbox seconds, and the same wait in real milliseconds under time scaling. */
export function retryHeaders(retryAfterSec: number, realMs: number): Record<string, string> {
  return { 'Retry-After': String(retryAfterSec), 'X-Sandbox-Retry-After-Ms': String(realMs) };
}

/**
 * Counts the request against `key`'s window. Returns the refusal to send, or undefined; the
 * decision's `release` is called when the answer is complete (concurrency).
 */
export async function withRateLimit(
  state: SandboxState,
  c: AnyContext,
  key: string,
  policy: LimitPolicy,
  refuse: (decision: LimitDecision) => Response,
  decorate: (decision: LimitDecision, response: Response) => void,
  next: () => Promise<void>,
): Promise<Response | void> {
  const decision = state.limiter.hit(key, policy);
  if (!decision.allowed) return refuse(decision);
  try {
    await next();
    decorate(decision, c.res);
  } finally {
    decision.release();
  }
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: 'content-type' | 'malformed' | 'empty' };

/** A JSON request body; `content-type` must be JSON (every vendor asks for application/json). */
export async function readJson(c: AnyContext): Promise<JsonBody> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await c.req.text();
  if (type !== 'application/json' && !type.endsWith('+json')) return { ok: false, reason: 'content-type' };
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/** Form fields from a query string and an x-www-form-urlencoded or multipart body (Zoho style). */
export async function readParams(c: AnyContext): Promise<Record<string, string>> {
  const params: Record<string, string> = { ...c.req.query() };
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    // A body that does not parse adds no parameters; the operation then says what is missing.
    const body = await c.req.parseBody().catch(() => ({}));
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') params[key] = value;
  } else if (type.startsWith('application/json')) {
    const body = await readJson(c);
    if (body.ok && typeof body.value === 'object' && body.value) {
      for (const [key, value] of Object.entries(body.value)) if (typeof value === 'string') params[key] = value;
    }
  }
  return params;
}

export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
