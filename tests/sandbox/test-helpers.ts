/**
 * Helpers for the sandbox's own tests: one sandbox per test file (port 0), reset before each test,
 * and calls that return a parsed reply and check it against the vendor's contract.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { expectToMatchOperation, type ContractResult } from './contract';
import { compileSpec } from './contract/validator';
import type { Json } from './contract/load';
import { vendorTimeFetch } from './fetch';
import { DESK, ZENDESK, ZOHO } from './seed';
import { startSandbox, type RunningSandbox } from './server';

export interface Reply {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** Parsed JSON when the answer is JSON, else the text ('' for an empty body). */
  body: Json | undefined;
  method: string;
  path: string;
}

/**
 * `specs` are compiled once, before the first test, with a bound of their own that a busy machine
 * cannot reach (the Zendesk file takes seconds), never inside a test's timeout.
 */
export function useSandbox(specs: readonly string[] = []): { readonly current: RunningSandbox } {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pages: false });
    for (const spec of specs) if (spec !== 'zoho-connect') await compileSpec(spec);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    sandbox?.state.reset();
    sandbox?.state.clock.setScale(1);
  });
  return {
    get current() {
      if (!sandbox) throw new Error('sandbox not started');
      return sandbox;
    },
  };
}

/** The sandbox's answer as it sends it (vendorTimeFetch: Retry-After and ratelimit-reset in sandbox seconds). */
export async function call(sandbox: RunningSandbox, host: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await vendorTimeFetch(`${sandbox.vendorUrl(host)}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let body: Json | undefined = text;
  if (contentType.includes('json') && text !== '') body = JSON.parse(text) as Json;
  return { status: res.status, headers: res.headers, contentType, text, body, method: (init.method ?? 'GET').toUpperCase(), path: path.split('?')[0] ?? path };
}

/** Validates a reply against the response schema of its operation in `spec`. */
export function contract(spec: string, reply: Reply): Promise<ContractResult> {
  return expectToMatchOperation(spec, reply.method, reply.path, reply.status, reply.body, reply.contentType || 'none');
}

/** `body` as an object, for reading fields in assertions. */
export function obj(reply: Reply): Record<string, any> {
  if (typeof reply.body !== 'object' || reply.body === null) throw new Error(`not a JSON object (${reply.status}): ${reply.text.slice(0, 200)}`);
  return reply.body as Record<string, any>;
}

export const ACME = 'acme.zendesk.localhost';
export const GLOBEX = 'globex.zendesk.localhost';
export const DESK_HOST = 'desk.zoho.localhost';
export const CRM_HOST = 'crm.zoho.localhost';
export const CONNECT_HOST = 'connect.zoho.localhost';
export const ACCOUNTS_HOST = 'accounts.zoho.localhost';

export const zendeskToken = (email = 'ava.admin@acme.co', token: string = ZENDESK.acme.apiToken) =>
  `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Zoho headers: the seeded admin's token, and Desk's orgId. */
export function zohoHeaders(token: string = ZOHO.tokens.adminAccess, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Zoho-oauthtoken ${token}`, orgId: DESK.orgId, ...extra };
}

export async function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}
