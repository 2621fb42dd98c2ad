/**
 * The answers of the fault kinds that are not the vendor's own envelope (faults.ts): what a client
 * meets on a real network between it and the vendor, or from a vendor's edge rather than its API.
 */

/**
 * Zendesk's per-user create/update throttle (NOTES.md §1.2: 5 a minute per end-user profile) is
 * met in practice as a `text/plain` 429, sometimes without Retry-After [UNCONFIRMED body: the
 * docs show no sample; the text here is the sandbox's]. Its own header names the limit.
 */
export function plainTooManyRequests(vendor: string, retry?: { seconds: number; realMs: number }): Response {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (retry) {
    headers['Retry-After'] = String(retry.seconds);
    headers['X-Sandbox-Retry-After-Ms'] = String(retry.realMs);
  }
  if (vendor === 'zendesk') {
    headers['Zendesk-RateLimit-create-update-user'] = `total=5; remaining=0; resets=${retry?.seconds ?? 60}`;
  }
  return new Response('Too Many Requests\n', { status: 429, headers });
}

const REASONS: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** A proxy's error page (nginx's shape): the answer must never be shown to an agent as a reason. */
export function proxyErrorPage(status: number): Response {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(html, { status, headers: { 'content-type': 'text/html' } });
}

export const OVERSIZED_DEFAULT_BYTES = 6 * 1024 * 1024;

/**
 * The vendor's real answer padded with trailing JSON whitespace to `bytes`: still the documented
 * shape once parsed, so only a client that bounds what it reads refuses it (for its size).
 */
export async function padded(response: Response, bytes: number): Promise<Response> {
  // An answer without a body (204) stays as it is: there is nothing to pad.
  if (response.status === 204 || response.status === 304) return response;
  const text = await response.text();
  const size = Buffer.byteLength(text);
  const body = size >= bytes ? text : text + ' '.repeat(bytes - size);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
