import ky, { type KyInstance } from 'ky';
import type { z } from 'zod';
import type { Vendor } from '../model';
import type { ConnectorOptions, RateLimitInfo } from './types';

/**
 * The one way connectors call a vendor: ky without its own retries (the job engine decides when to
 * try again), every body parsed with zod, and every failure turned into one of the errors below so
 * the engine can tell "wait", "reconnect", "try later" and "give up" apart.
 */

export class VendorError extends Error {
  constructor(
    readonly vendor: Vendor,
    /** `POST /api/v2/users/create_many`: the operation, without ids or query. */
    readonly endpoint: string,
    message: string,
  ) {
    super(`${vendor} ${endpoint}: ${message}`);
    this.name = new.target.name;
  }
}

/** 401 that renewing the credentials did not cure: pause and ask the agent to reconnect. */
export class AuthRequiredError extends VendorError {}

/** 429 or the vendor's throttling code: wait `retryAfterMs`, then try again. */
export class RateLimitedError extends VendorError {
  constructor(vendor: Vendor, endpoint: string, readonly retryAfterMs: number, message: string) {
    super(vendor, endpoint, message);
  }
}

/** 5xx, a timeout or a dropped connection: the call may or may not have taken effect. */
export class TransientError extends VendorError {
  constructor(vendor: Vendor, endpoint: string, readonly status: number | undefined, message: string) {
    super(vendor, endpoint, message);
  }
}

/** An answer that does not have the documented shape: never read as a success. */
export class VendorResponseError extends VendorError {}

/** A 4xx for the whole call, with the vendor's own code and words. */
export class VendorRefusedError extends VendorError {
  constructor(
    vendor: Vendor,
    endpoint: string,
    readonly status: number,
    readonly vendorCode: string | undefined,
    readonly vendorMessage: string,
    readonly body: unknown,
  ) {
    super(vendor, endpoint, `${status}${vendorCode ? ` ${vendorCode}` : ''}: ${vendorMessage}`);
  }
}

export interface VendorRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the API origin, ids included: `api/v2/users/42`. */
  path: string;
  /** The operation for messages: `GET /api/v2/users/{id}`. */
  endpoint: string;
  searchParams?: Record<string, string | number | boolean>;
  json?: unknown;
  /**
   * An `application/x-www-form-urlencoded` body: Zoho Connect takes its parameters as form fields,
   * and 1,000 addresses do not fit in a query string.
   */
  form?: Record<string, string>;
  /** Parses the body of a success; omitted for answers without a body (204). */
  schema?: z.ZodType<T>;
  /** Statuses that are answers, not errors (Zoho CRM's 204 for "no users", Desk's 422 per item). */
  accept?: readonly number[];
}

export interface VendorResponse<T> {
  status: number;
  data: T | undefined;
  headers: Headers;
  /** The raw JSON when the status was in `accept` but not 2xx, for the vendor's own error mapping. */
  body?: unknown;
}

/** Reads the vendor's error envelope: each vendor's errors.ts knows where code and message sit. */
export type ErrorReader = (body: unknown, status: number) => { code?: string; message: string };

/** Retry-After is seconds or an HTTP date; the sandbox also sends real milliseconds when it scales time. */
export function retryAfterMs(headers: Headers, fallbackMs = 1_000): number {
  const exact = Number(headers.get('x-sandbox-retry-after-ms'));
  if (Number.isFinite(exact) && exact > 0) return exact;
  const value = headers.get('retry-after');
  if (value) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return fallbackMs;
}

/**
 * Milliseconds until the vendor's rate-limit window resets. `ratelimit-reset` is in the vendor's
 * seconds; under the sandbox's time scale those are sandbox seconds, which must not be read as real
 * ones (at 60× a one-minute window would be waited out for a real minute). So a real-milliseconds
 * header, `X-Sandbox-RateLimit-Reset-Ms` (the counterpart of X-Sandbox-Retry-After-Ms), wins when
 * present; without it the vendor's seconds stand, which is right for the real vendors.
 */
export function rateLimitResetMs(headers: Headers): number | undefined {
  const exact = headers.get('x-sandbox-ratelimit-reset-ms');
  if (exact !== null && exact.trim() !== '') {
    const ms = Number(exact);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get('ratelimit-reset');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function rateLimitOf(headers: Headers): RateLimitInfo | undefined {
  // Zendesk: X-Rate-Limit / X-Rate-Limit-Remaining, and the IETF draft names on newer endpoints.
  const limit = Number(headers.get('x-rate-limit') ?? headers.get('ratelimit-limit') ?? Number.NaN);
  const remaining = Number(headers.get('x-rate-limit-remaining') ?? headers.get('ratelimit-remaining') ?? Number.NaN);
  const resetMs = rateLimitResetMs(headers);
  if (Number.isNaN(limit) && Number.isNaN(remaining)) return undefined;
  return {
    ...(Number.isNaN(limit) ? {} : { limit }),
    ...(Number.isNaN(remaining) ? {} : { remaining }),
    ...(resetMs === undefined ? {} : { resetMs }),
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class VendorClient {
  private readonly http: KyInstance;

  constructor(
    readonly vendor: Vendor,
    private readonly options: ConnectorOptions,
    private readonly readError: ErrorReader,
    /** Vendors that throttle with a 4xx code of their own (Zoho's TOO_MANY_REQUESTS) say so here. */
    private readonly isThrottle: (status: number, code: string | undefined) => boolean = (status) => status === 429,
  ) {
    this.http = ky.create({
      prefixUrl: options.endpoint.apiBase,
      retry: 0,
      throwHttpErrors: false,
      timeout: options.timeoutMs ?? 30_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.auth.credentials ? { credentials: options.auth.credentials } : {}),
    });
  }

  async request<T>(req: VendorRequest<T>): Promise<VendorResponse<T>> {
    let response = await this.send(req);
    if (response.status === 401 && (await this.options.auth.renew())) response = await this.send(req);
    const info = rateLimitOf(response.headers);
    if (info) this.options.onRateLimit?.(info);

    const ok = response.status >= 200 && response.status < 300;
    const accepted = req.accept?.includes(response.status) ?? false;
    const body = await readBody(response);
    if (ok && !accepted) return { status: response.status, headers: response.headers, data: this.parse(req, body) };
    if (accepted) return { status: response.status, headers: response.headers, data: undefined, body };

    const { code, message } = this.readError(body, response.status);
    if (response.status === 401) throw new AuthRequiredError(this.vendor, req.endpoint, message);
    if (this.isThrottle(response.status, code)) {
      throw new RateLimitedError(this.vendor, req.endpoint, retryAfterMs(response.headers), message);
    }
    if (response.status >= 500) throw new TransientError(this.vendor, req.endpoint, response.status, message);
    throw new VendorRefusedError(this.vendor, req.endpoint, response.status, code, message, body);
  }

  private async send<T>(req: VendorRequest<T>): Promise<Response> {
    // Every request, the retry after a renew included, waits for the engine's rate-limit token.
    if (this.options.throttle) await this.options.throttle(req.endpoint);
    try {
      return await this.http(req.path, {
        method: req.method,
        headers: await this.options.auth.headers(req.method),
        ...(req.searchParams ? { searchParams: req.searchParams } : {}),
        ...(req.json !== undefined ? { json: req.json } : {}),
        ...(req.form ? { body: new URLSearchParams(req.form) } : {}),
      });
    } catch (error) {
      // ky throws TimeoutError; fetch throws TypeError on a dropped connection or refused socket.
      const reason = error instanceof Error ? error.message : String(error);
      throw new TransientError(this.vendor, req.endpoint, undefined, `no answer (${reason})`);
    }
  }

  private parse<T>(req: VendorRequest<T>, body: unknown): T | undefined {
    if (!req.schema) return undefined;
    const parsed = req.schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues[0];
    const detail = where ? `${where.path.join('.') || '(body)'}: ${where.message}` : 'unexpected shape';
    throw new VendorResponseError(this.vendor, req.endpoint, `the answer does not have the documented shape (${detail})`);
  }
}
