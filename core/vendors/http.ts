import ky, { type KyInstance } from 'ky';
import type { z } from '../zod';
import type { Vendor } from '../model';
import { BodyTooLargeError, errorBodyOf, htmlPageMessage, readBody, type Body } from './http-body';
import type { ConnectorOptions, RateLimitInfo } from './types';

/**
 * The one way connectors call a vendor: ky without its own retries (reads are tried again here,
 * within named bounds; whether a write took effect is for the job engine to find out), every body
 * read within a size bound and parsed with zod, and every failure turned into one of the errors
 * below so the engine can tell "wait", "reconnect", "try later" and "give up" apart.
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

/**
 * The caller's throttle stopped a request before it left (the job was cancelled, or its lease
 * lost): nothing of it reached the vendor, so a connector never counts it as possibly applied.
 */
export class StoppedBeforeSendError extends Error {
  constructor(
    message: string,
    /** `cancelled`: the agent's cancel, the rest is not to be sent; `lease_lost`: the job is another worker's now. */
    readonly why: 'cancelled' | 'lease_lost',
  ) {
    super(message);
  }
}

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

/**
 * A refusal whose code asks for a new sign-in, whatever its status (Zoho Desk's SCOPE_MISMATCH):
 * `renew` tries renewing the credentials once first, `reconnect` goes straight to AuthRequiredError
 * (a renewed token has the same scopes and user), undefined leaves the status to decide.
 */
export type ReauthVerdict = 'renew' | 'reconnect';

/**
 * The longest Retry-After taken at its word. Zendesk's windows last a minute [NOTES.md §1.8]; Zoho's
 * longer limits are daily credits, whose Retry-After is unconfirmed [§2.7, §3.5]. A larger value
 * (`1e9`, a date years ahead, a vendor's bug) would close the account for good; after an hour one
 * request asks again, and a vendor still throttling answers with a new wait: one call an hour.
 */
export const RETRY_AFTER_CAP_MS = 60 * 60_000;

/**
 * Retry-After as the vendor announced it (seconds or an HTTP date), at most RETRY_AFTER_CAP_MS; or
 * undefined when it named no wait to keep: absent, unreadable, `0`, negative, or a date already
 * past. Those are read as "nothing announced", so the caller's own growing wait applies, never an
 * immediate retry. A date is measured against the answer's own `Date` (the vendor's clock) when it
 * has one: an agent whose clock runs ahead of the vendor's would otherwise read it as already past.
 */
export function announcedRetryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value || value.trim() === '') return undefined;
  const seconds = Number(value);
  let ms: number;
  if (Number.isFinite(seconds)) ms = seconds * 1000;
  else {
    const date = Date.parse(value);
    if (Number.isNaN(date)) return undefined;
    const sent = Date.parse(headers.get('date') ?? '');
    ms = date - (Number.isNaN(sent) ? now : sent);
  }
  return ms > 0 ? Math.min(RETRY_AFTER_CAP_MS, ms) : undefined;
}

/** Retry-After in ms, or `fallbackMs` when the vendor gave none (Zendesk's per-user 429s sometimes don't). */
export function retryAfterMs(headers: Headers, fallbackMs = 1_000): number {
  return announcedRetryAfterMs(headers) ?? fallbackMs;
}

/**
 * Milliseconds until the vendor's rate-limit window resets (`ratelimit-reset`, in seconds; a
 * fraction is kept). The sandbox flavour rewrites its scaled-time headers into real seconds before
 * they reach here (core/background/sandbox-hosts.ts), so nothing in this file knows the sandbox.
 */
export function rateLimitResetMs(headers: Headers): number | undefined {
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

/**
 * Bounds of one request, named so they can be found: a read (GET) that meets a 5xx or no answer is
 * tried again on its own, READ_ATTEMPTS times in all, so one lost look-up among a hundred never
 * costs the batch; a read refused with 429 waits (the account's limiter decides how long) and is
 * tried again up to READ_THROTTLE_RETRIES times. Writes are never repeated here: whether a write
 * took effect is for the job engine to find out from the vendor (core/jobs).
 */
export const READ_ATTEMPTS = 4;
export const READ_THROTTLE_RETRIES = 6;
/** Waits between read tries: "equal jitter" from 500 ms, doubling, capped at 8 s. */
export const READ_BACKOFF = { baseMs: 500, capMs: 8_000 } as const;
/** A 429 that names no wait, with no limiter to ask: the vendor's window is a minute, a few seconds is a fair first guess. */
const UNANNOUNCED_THROTTLE_MS = 5_000;

export function readBackoffMs(failures: number, random: () => number): number {
  const ceiling = Math.min(READ_BACKOFF.capMs, READ_BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random())));
}

export class VendorClient {
  private readonly http: KyInstance;

  constructor(
    readonly vendor: Vendor,
    private readonly options: ConnectorOptions,
    private readonly readError: ErrorReader,
    /** Vendors that throttle with a 4xx code of their own (Zoho's TOO_MANY_REQUESTS) say so here. */
    private readonly isThrottle: (status: number, code: string | undefined) => boolean = (status) => status === 429,
    /** Vendors whose codes ask for a new sign-in whatever the status (Desk's SCOPE_MISMATCH) say so here. */
    private readonly reauth?: (status: number, code: string | undefined) => ReauthVerdict | undefined,
  ) {
    this.http = ky.create({
      prefixUrl: options.endpoint.apiBase,
      retry: 0,
      throwHttpErrors: false,
      timeout: options.timeoutMs ?? 30_000,
      // Never the browser's HTTP cache: the vendor is the system of record, and Chromium makes a GET
      // wait behind another one of the same URL still in flight (its cache lock), which left the
      // session sign-in "Connecting…" behind the agent's own tab asking Zendesk who they are.
      cache: 'no-store',
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.auth.credentials ? { credentials: options.auth.credentials } : {}),
    });
  }

  async request<T>(req: VendorRequest<T>): Promise<VendorResponse<T>> {
    const read = req.method === 'GET';
    let failures = 0;
    let throttled = 0;
    for (;;) {
      try {
        return await this.once(req);
      } catch (error) {
        if (!read) throw error;
        if (error instanceof TransientError && ++failures < READ_ATTEMPTS) {
          await this.sleep(readBackoffMs(failures, this.options.random ?? Math.random));
          continue;
        }
        // The limiter already knows the wait: the next try's throttle waits it out (or gives up).
        // Without a throttle nothing would wait, so the 429 goes to the caller.
        if (error instanceof RateLimitedError && this.options.throttle && ++throttled <= READ_THROTTLE_RETRIES) continue;
        throw error;
      }
    }
  }

  /** One request, and its repeat after a 401 that renewing the credentials cured. */
  private async once<T>(req: VendorRequest<T>): Promise<VendorResponse<T>> {
    let response = await this.send(req);
    if ((await this.worthRenewing(response)) && (await this.options.auth.renew())) {
      await response.body?.cancel().catch(() => undefined);
      response = await this.send(req, true);
    }
    const ok = response.status >= 200 && response.status < 300;
    // With the status: a 429's headers still show the account's calls left (Zendesk's per-user
    // throttle), which the limiter must not take for a success. A success without headers is told
    // too (status alone), so the limiter's guess for 429s without Retry-After starts over.
    const info = rateLimitOf(response.headers);
    if (info || ok) {
      const answer: RateLimitInfo & { status: number } = { ...info, status: response.status };
      this.options.onRateLimit?.(answer);
    }

    const accepted = req.accept?.includes(response.status) ?? false;
    let body: Body;
    try {
      body = await readBody(response);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new VendorResponseError(this.vendor, req.endpoint, error.message);
      // The connection broke while the body came: as if no answer came at all.
      const reason = error instanceof Error ? error.message : String(error);
      throw new TransientError(this.vendor, req.endpoint, response.status, `the answer was cut off (${reason})`);
    }
    if (ok && !accepted) return { status: response.status, headers: response.headers, data: this.parse(req, body) };
    if (!ok && this.reauth && body.kind !== 'html') {
      const refusal = this.readError(errorBodyOf(body), response.status);
      if (this.reauth(response.status, refusal.code)) throw new AuthRequiredError(this.vendor, req.endpoint, refusal.message);
    }
    if (accepted) return { status: response.status, headers: response.headers, data: undefined, body: errorBodyOf(body) };

    const { code, message } =
      body.kind === 'html' ? { code: undefined, message: htmlPageMessage(response.status, response.statusText) } : this.readError(errorBodyOf(body), response.status);
    if (response.status === 401) throw new AuthRequiredError(this.vendor, req.endpoint, message);
    if (this.isThrottle(response.status, code)) {
      const announced = announcedRetryAfterMs(response.headers);
      const wait = this.options.onThrottled?.(announced) ?? announced ?? UNANNOUNCED_THROTTLE_MS;
      throw new RateLimitedError(this.vendor, req.endpoint, wait, message);
    }
    if (response.status >= 500) throw new TransientError(this.vendor, req.endpoint, response.status, message);
    throw new VendorRefusedError(this.vendor, req.endpoint, response.status, code, message, errorBodyOf(body));
  }

  /**
   * A 401, unless the vendor's code says renewing cannot help; any refusal whose code the vendor
   * names a stale token. The code is read from a copy: the answer itself is read after.
   */
  private async worthRenewing(response: Response): Promise<boolean> {
    if (!this.reauth || response.status < 400) return response.status === 401;
    let code: string | undefined;
    try {
      const body = await readBody(response.clone());
      code = body.kind === 'html' ? undefined : this.readError(errorBodyOf(body), response.status).code;
    } catch {
      code = undefined;
    }
    const verdict = this.reauth(response.status, code);
    return verdict === 'renew' || (response.status === 401 && verdict === undefined);
  }

  private sleep(ms: number): Promise<void> {
    return this.options.sleep ? this.options.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
  }

  private async send<T>(req: VendorRequest<T>, repeat = false): Promise<Response> {
    // Every request, the retry after a renew included, waits for the account's rate-limit token.
    if (this.options.throttle) await this.options.throttle(req.endpoint, repeat);
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

  private parse<T>(req: VendorRequest<T>, body: Body): T | undefined {
    if (!req.schema) return undefined;
    if (body.kind === 'html' || body.kind === 'text') {
      throw new VendorResponseError(this.vendor, req.endpoint, `the answer is ${body.kind === 'html' ? 'an HTML page' : 'plain text'}, not the documented JSON`);
    }
    const parsed = req.schema.safeParse(body.kind === 'json' ? body.value : undefined);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues[0];
    const detail = where ? `${where.path.join('.') || '(body)'}: ${where.message}` : 'unexpected shape';
    throw new VendorResponseError(this.vendor, req.endpoint, `the answer does not have the documented shape (${detail})`);
  }
}
