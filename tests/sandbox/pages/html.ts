/**
 * Building the agent pages' HTML on the server. Everything interpolated is escaped unless it is
 * already `Html`, so a vendor string (a name like `<img src=x onerror=alert(1)>`) can only ever be
 * text. The pages' data itself is rendered in the browser by the vendor's script (assets/), as the
 * real single-page apps do; the server only knows ids, the signed-in user and the URL.
 */
import { readFileSync } from 'node:fs';
import { UNMATCHED_HEADER } from '../vendors/http';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function piece(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** `html\`<p>${name}</p>\``: `name` is escaped; nested `html` fragments and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += piece(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * Data for the page script, as the real apps embed their bootstrap: a JSON script element. `<`, `>`
 * and `&` are escaped so that no string can close the element.
 */
export function jsonScript(id: string, data: unknown): Html {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new Html(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`);
}

/** Up to two initials from the letters of a name, for avatars. */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, '')).filter(Boolean);
  return words.slice(0, 2).map((w) => w[0]?.toUpperCase() ?? '').join('') || '?';
}

/** Where the page scripts and styles are served, on every vendor host. */
export const ASSET_PREFIX = '/sandbox-assets/';
export const PAGE_CONFIG_ID = 'sandbox-page-config';

export interface DocumentSpec {
  title: string;
  /** Stylesheets and scripts of assets/, by file name. */
  styles: string[];
  scripts?: string[];
  /** Read by the page script (assets/common.js `SandboxPage.config`). */
  config?: unknown;
  bodyClass: string;
  body: Html;
  status?: number;
}

export function htmlDocument(spec: DocumentSpec): Response {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${spec.title}</title>
${spec.styles.map((file) => html`<link rel="stylesheet" href="${ASSET_PREFIX}${file}">\n`)}</head>
<body class="${spec.bodyClass}">
${spec.body}
${spec.config === undefined ? '' : jsonScript(PAGE_CONFIG_ID, spec.config)}
${(spec.scripts ?? []).map((file) => html`<script src="${ASSET_PREFIX}${file}"></script>\n`)}</body>
</html>
`;
  return new Response(page.value, {
    status: spec.status ?? 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** "No page here": server.ts answers with the vendor API's own 404 instead. Every pages app's notFound. */
export function unmatched(): Response {
  return new Response('Not found', { status: 404, headers: { [UNMATCHED_HEADER]: '1' } });
}

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/** A file of assets/ (plain JS and CSS, no build step), or undefined for anything else. Read per request so edits show at once. */
export function asset(file: string): Response | undefined {
  const match = /^([a-z0-9-]+)\.(js|css)$/.exec(file);
  if (!match) return undefined;
  let text: string;
  try {
    text = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
  return new Response(text, { headers: { 'content-type': TYPES[match[2] ?? 'js'] ?? 'text/plain', 'cache-control': 'no-cache' } });
}
