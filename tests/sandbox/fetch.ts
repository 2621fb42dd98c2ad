/**
 * `sandboxFetch`: a drop-in `fetch` for Node code that calls the sandbox by its vendor URLs
 * (`http://acme.zendesk.localhost:8787/api/v2/users.json`). Node's resolver does not know
 * `*.localhost` and undici's fetch does not let a caller set `Host`, so a `*.localhost` URL is sent to
 * 127.0.0.1 on the same port with the vendor host in `X-Sandbox-Host`; any other URL is fetched as is.
 * It takes a `Request` too, so it can be given to ky: `ky.create({ fetch: sandboxFetch })`.
 * Redirects are followed through the same rewrite (`redirect: 'manual'` returns them untouched).
 */
import { realTimeHeaders } from '../../core/background/sandbox-hosts';
import { SANDBOX_HOST_HEADER } from './hosts';

const MAX_REDIRECTS = 20;

export const sandboxFetch: typeof fetch = (input, init) => viaSandbox(input, init, realTimeHeaders);

/**
 * The same, with the sandbox's headers as it sends them: `Retry-After` and `ratelimit-reset` in
 * sandbox seconds. For a client that lives on the sandbox clock (tests/bench/faults.ts, agents.ts:
 * the engine's `now` is the sandbox's), for which sandbox seconds are the vendor's seconds.
 */
export const vendorTimeFetch: typeof fetch = (input, init) => viaSandbox(input, init, (response) => response);

async function viaSandbox(input: RequestInfo | URL, init: RequestInit | undefined, headers: (response: Response) => Response): Promise<Response> {
  const request = new Request(input, init);
  const body = request.body ? await request.arrayBuffer() : undefined;
  let url = new URL(request.url);
  let method = request.method;
  let payload = body;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = headers(await send(url, method, request.headers, payload, request.signal));
    const location = response.headers.get('location');
    if (request.redirect !== 'follow' || !location || response.status < 300 || response.status >= 400) return response;
    if (request.redirect === 'follow' && hop === MAX_REDIRECTS) throw new TypeError('sandboxFetch: too many redirects');
    url = new URL(location, url);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      payload = undefined;
    }
  }
  throw new TypeError('sandboxFetch: too many redirects');
}

function send(url: URL, method: string, headers: Headers, body: ArrayBuffer | undefined, signal: AbortSignal) {
  const target = new URL(url);
  const out = new Headers(headers);
  if (target.hostname.endsWith('.localhost')) {
    out.set(SANDBOX_HOST_HEADER, target.hostname);
    target.hostname = '127.0.0.1';
  }
  return fetch(target, { method, headers: out, body, redirect: 'manual', signal });
}

/** The base URL of a vendor host on a running sandbox: `vendorUrl(sandbox, 'desk.zoho.localhost')`. */
export function vendorUrl(sandbox: { port: number }, host: string): string {
  return `http://${host}:${sandbox.port}`;
}
