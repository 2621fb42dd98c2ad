/**
 * Reading a vendor's answer without trusting its size or its kind. A proxy in front of a vendor
 * (or the vendor itself, on a bad day) answers with HTML error pages, plain-text throttling notices
 * and, in the worst case, bodies far larger than any documented answer; none of that may reach an
 * agent's screen as a "reason", and none of it may be read whole into memory.
 */

/** The largest body Portier reads. The largest documented answer (100 users with organizations) is well under 1 MB. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** What a body turned out to be: parsed JSON, short plain text, or an HTML page we never show. */
export type Body =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'html' };

export class BodyTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the answer is larger than ${Math.round(MAX_RESPONSE_BYTES / 1024 / 1024)} MB (${bytes.toLocaleString('en-US')} bytes or more): Portier does not read it`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads at most `limit` bytes; past it the stream is cancelled and BodyTooLargeError thrown. */
async function boundedText(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(declared);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(total);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

const HTML_START = /^\s*(<!doctype html|<html|<head|<body|<\?xml|<!--)/i;

/** The body as JSON, plain text or HTML, read within MAX_RESPONSE_BYTES (or the given limit). */
export async function readBody(response: Response, limit = MAX_RESPONSE_BYTES): Promise<Body> {
  const text = await boundedText(response, limit);
  if (text.trim() === '') return { kind: 'empty' };
  const type = response.headers.get('content-type') ?? '';
  if (/html/i.test(type) || HTML_START.test(text)) return { kind: 'html' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text', text };
  }
}

/** Plain text as one short line for a reason: whitespace folded, at most 200 characters. */
export function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** What the vendor error readers get: JSON as is, plain text as one short line, nothing for HTML. */
export function errorBodyOf(body: Body): unknown {
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'text':
      return shortText(body.text);
    default:
      return undefined;
  }
}

/** How an HTML error page is reported: its status and a short plain sentence, never its markup. */
export function htmlPageMessage(status: number, statusText: string): string {
  return `HTTP ${status}${statusText ? ` ${statusText}` : ''} (an error page, not an answer of the vendor's API)`;
}
