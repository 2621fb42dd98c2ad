import { ZOHO_DATA_CENTER_TLDS } from '../vendors/hosts';

/**
 * The sandbox flavour only (tests/sandbox serves every vendor on `*.localhost` hosts of one
 * loopback port). The connectors keep calling the vendors' production origins, so the code under
 * test is the code that ships; the background of a sandbox build hands them a `fetch` that sends
 * each call to the sandbox host of the same product instead, path and query untouched.
 * entrypoints/background.ts reaches this module only when the build names a sandbox port, so a
 * production bundle carries none of it.
 */

const SANDBOX_ZENDESK_SUFFIX = '.zendesk.localhost';
const ZOHO_APPS = ['desk', 'crm', 'connect', 'accounts'] as const;
const SANDBOX_ACCOUNTS_HOST = 'accounts.zoho.localhost';

/** Zoho serves each data center on `<app>.zoho.<tld>`; Canada on `<app>.zohocloud.ca`. */
const ZOHO_WEB_DOMAINS = [...ZOHO_DATA_CENTER_TLDS.map((tld) => `zoho.${tld}`), 'zohocloud.ca'];
/** The CRM API: `www.zohoapis.<tld>`, Canada `www.zohoapis.ca`. */
const ZOHO_API_HOSTS = new Set([...ZOHO_DATA_CENTER_TLDS.map((tld) => `www.zohoapis.${tld}`), 'www.zohoapis.ca']);

/** The sandbox host standing in for a production vendor host, or undefined for any other host. */
export function sandboxHostOf(hostname: string): string | undefined {
  const host = hostname.toLowerCase();
  const zendesk = /^([a-z0-9][a-z0-9-]*)\.zendesk\.com$/.exec(host);
  if (zendesk) return `${zendesk[1]}${SANDBOX_ZENDESK_SUFFIX}`;
  if (ZOHO_API_HOSTS.has(host)) return 'www.zohoapis.localhost';
  for (const app of ZOHO_APPS) {
    if (ZOHO_WEB_DOMAINS.some((domain) => host === `${app}.${domain}`)) return `${app}.zoho.localhost`;
  }
  return undefined;
}

/**
 * `https://acme.zendesk.com/api/v2/users?x=1` → `http://acme.zendesk.localhost:8787/api/v2/users?x=1`.
 * Only https URLs of vendor hosts move; anything else (already the sandbox, another site) is
 * returned as given, so the rewrite can be applied twice without harm.
 */
export function toSandboxUrl(url: string, port: number): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'https:') return url;
  const host = sandboxHostOf(parsed.hostname);
  if (!host) return url;
  return `http://${host}:${port}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/**
 * A `fetch` that calls the sandbox instead of the vendors. It takes what ky gives (a Request) as
 * well as a URL string, and keeps method, headers and body.
 */
export function sandboxFetch(base: typeof fetch, port: number): typeof fetch {
  return async (input, init) => realTimeHeaders(await detour(base, port, input, init));
}

async function detour(base: typeof fetch, port: number, input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> {
  {
    if (typeof input === 'string') return base(toSandboxUrl(input, port), init);
    if (input instanceof URL) return base(toSandboxUrl(input.href, port), init);
    const target = toSandboxUrl(input.url, port);
    if (target === input.url) return base(input, init);
    // The body is read into memory, not handed on as the Request's stream: Chromium sends a stream
    // body only over HTTP/2 (ERR_ALPN_NEGOTIATION_FAILED on the sandbox's HTTP/1.1), and ky hands
    // every call over as a Request.
    const body = input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.arrayBuffer();
    const copy = new Request(target, {
      method: input.method,
      headers: input.headers,
      body: body && body.byteLength > 0 ? body : null,
      credentials: input.credentials,
      // As the client asked: vendor reads bypass the browser's HTTP cache (core/vendors/http.ts).
      cache: input.cache,
      redirect: input.redirect,
      signal: input.signal,
    });
    return base(copy, init);
  }
}

/**
 * The sandbox scales time: its `Retry-After` and `ratelimit-reset` count sandbox seconds, and it
 * sends the real wait beside them (`X-Sandbox-Retry-After-Ms`, `X-Sandbox-RateLimit-Reset-Ms`).
 * Here, in the sandbox flavour only, the real waits replace the vendor headers (as fractional
 * seconds), so the shipped HTTP client reads the vendors' own headers and knows nothing of the sandbox.
 */
export function realTimeHeaders(response: Response): Response {
  const retry = Number(response.headers.get('x-sandbox-retry-after-ms') ?? Number.NaN);
  const reset = Number(response.headers.get('x-sandbox-ratelimit-reset-ms') ?? Number.NaN);
  const fixRetry = Number.isFinite(retry) && retry >= 0;
  const fixReset = Number.isFinite(reset) && reset >= 0;
  if (!fixRetry && !fixReset) return response;
  const headers = new Headers(response.headers);
  if (fixRetry) headers.set('retry-after', String(retry / 1000));
  if (fixReset) headers.set('ratelimit-reset', String(reset / 1000));
  const empty = response.status === 204 || response.status === 304;
  return new Response(empty ? null : response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * The redirect that ends the Zoho sign-in names the accounts server to exchange the code at
 * (`accounts-server`); the sandbox names itself (`http://accounts.zoho.localhost:<port>`), which
 * core/vendors/zoho/auth.ts rightly refuses, as the client secret is sent there. It is put back as
 * the production server whose calls the sandbox fetch already sends to the sandbox, so the
 * redirect is read and the code exchanged by the shipped code.
 */
export function redirectFromSandbox(redirectUrl: string, productionAccountsServer = 'https://accounts.zoho.com'): string {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    return redirectUrl;
  }
  const server = url.searchParams.get('accounts-server');
  if (!server) return redirectUrl;
  let named: URL;
  try {
    named = new URL(server);
  } catch {
    return redirectUrl;
  }
  if (named.hostname !== SANDBOX_ACCOUNTS_HOST) return redirectUrl;
  url.searchParams.set('accounts-server', productionAccountsServer);
  return url.toString();
}
