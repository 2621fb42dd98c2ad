/**
 * Every vendor API path the connectors call is an operation of PORTIER_OPERATIONS (contract/operations.ts,
 * whose answers the contract tests check against the vendor specs), or is on ALLOWED below with its
 * reason. An endpoint added to a connector without being listed fails here, before the sandbox can
 * answer it unchecked (as GET /api/v1/contacts/search once did).
 *
 * The connectors' sources are read from disk and parsed (esbuild strips the types, then Vite's parser
 * gives an ESTree; no network). Three kinds of string are collected, each normalised: `${…}` and
 * `{name}` become one parameter `{}`, a host before the path, the query and a `.json` suffix are dropped.
 * - endpoint labels, `'GET /api/v1/contacts/{id}'`: every `client.request` names one (VendorRequest
 *   requires it; errors and request counters are keyed by it), so they carry the method;
 * - request paths, the `path` of an object that has one: it must fit its own label, a literal standing
 *   where the label names a parameter (`crm/v8/Accounts/{}` fits `GET /crm/v8/{module}/{id}`);
 * - any other string holding an API path (`fetch(\`${base}/api/v2/users/me.json\`)`), method unknown.
 * Labels and other strings must have the shape of a listed operation (same method when known): a
 * literal segment matches only the same literal, so `contacts/search` is not `contacts/{contactId}`.
 * Path helpers (`const usersPath = (ref) => \`crm/v8/…\``) and constants (`EP.search`) of the same file
 * are followed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst, transformWithEsbuild } from 'vite';
import { describe, expect, it } from 'vitest';
import { PORTIER_OPERATIONS } from './contract/operations';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The connectors, and the Zoho sign-in code they share (OAuth, organisation discovery). */
const CONNECTOR_DIRS = ['zendesk', 'zoho-desk', 'zoho-crm', 'zoho-connect', 'zoho'].map((dir) => `core/vendors/${dir}`);

interface Listed {
  method?: string;
  path: string;
}

interface AllowedEndpoint extends Listed {
  reason: string;
}

/** Paths Portier calls that no stored spec describes, so that no contract check can cover them. */
const ALLOWED: readonly AllowedEndpoint[] = [
  // Zoho Accounts (accounts.zoho.*) has no OpenAPI file in vendor-specs. Its OAuth 2.0 endpoints are
  // exercised by tests/sandbox/auth.test.ts and auth-public.test.ts instead (core/vendors/zoho/auth.ts).
  { path: '/oauth/v2/auth', reason: 'Zoho Accounts authorization page, opened in the browser' },
  { path: '/oauth/v2/token', reason: 'Zoho Accounts token endpoint (code exchange and refresh)' },
  { path: '/oauth/v2/token/revoke', reason: 'Zoho Accounts token revocation' },
  // Zendesk's authorization page: a page the browser opens, not an API operation (not in the OAS).
  { path: '/oauth/authorizations/new', reason: 'Zendesk OAuth authorization page, opened in the browser' },
  // Organisation discovery after a Zoho sign-in (core/vendors/zoho/discover.ts). Neither Desk's
  // Organization.json nor CRM's org.json was copied into vendor-specs (SOURCES.md lists what was).
  { path: '/api/v1/organizations', reason: 'Zoho Desk: the organizations of the user; Organization.json is not stored' },
  { path: '/crm/v8/org', reason: 'Zoho CRM: the org of the token; org.json is not stored' },
];

// ---------------------------------------------------------------- collecting

type Node = { type: string; [key: string]: unknown };
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const LABEL = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/;
/** Where a vendor API path begins in a string: at its start, or after a host or a `${…}` base. */
const API_PATH = /(?:^|\/|\{\})\/?((?:api\/v\d+|crm\/v\d+|pulse\/api|oauth)\/[^\s?#]*)/;

interface Found {
  file: string;
  kind: 'label' | 'request' | 'string';
  method?: string;
  path: string;
  /** The request's own label, when its `endpoint` could be read. */
  label?: { method: string; path: string };
}

/** `/api/v2/users/{user_id}.json?x` → `['api', 'v2', 'users', '{}']`. */
function segments(template: string): string[] {
  const bare = template.split(/[?#]/)[0] ?? '';
  return bare
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/\.json$/, ''))
    .map((part) => (part.includes('{') ? '{}' : part));
}

const shape = (template: string) => `/${segments(template).join('/')}`;

/** Same shape: literals equal, parameters where the other has parameters. */
function sameShape(a: string, b: string): boolean {
  return shape(a) === shape(b);
}

/** `concrete` fits `template`: each literal equals the template's or stands for one of its parameters. */
function fits(concrete: string, template: string): boolean {
  const c = segments(concrete);
  const t = segments(template);
  return c.length === t.length && c.every((part, i) => t[i] === '{}' || part === t[i]);
}

interface Scope {
  strings: Map<string, string>;
  objects: Map<string, Map<string, string>>;
  helpers: Map<string, Node>;
}

function keyName(property: Node): string | undefined {
  const key = property.key;
  if (!isNode(key) || property.computed === true) return undefined;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** The text a node evaluates to, with `{}` for what cannot be known; undefined when not a string at all. */
function textOf(node: unknown, scope: Scope, depth = 0): string | undefined {
  if (!isNode(node) || depth > 5) return undefined;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node.value : undefined;
    case 'TemplateLiteral': {
      const quasis = node.quasis as Node[];
      const expressions = node.expressions as Node[];
      return quasis
        .map((quasi, i) => {
          const cooked = String((quasi.value as { cooked?: string }).cooked ?? '');
          const expression = expressions[i];
          return expression ? cooked + (textOf(expression, scope, depth + 1) ?? '{}') : cooked;
        })
        .join('');
    }
    case 'BinaryExpression':
      return node.operator === '+' ? `${textOf(node.left, scope, depth + 1) ?? '{}'}${textOf(node.right, scope, depth + 1) ?? '{}'}` : undefined;
    case 'Identifier':
      return scope.strings.get(node.name as string);
    case 'MemberExpression': {
      const object = node.object as Node;
      const property = node.property as Node;
      if (object.type !== 'Identifier' || node.computed === true || property.type !== 'Identifier') return undefined;
      return scope.objects.get(object.name as string)?.get(property.name as string);
    }
    case 'CallExpression': {
      const callee = node.callee as Node;
      const helper = callee.type === 'Identifier' ? scope.helpers.get(callee.name as string) : undefined;
      return helper ? textOf(helper, scope, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** The returned expression of `(…) => expr`, `(…) => { return expr; }` or `function f(…) { return expr; }`. */
function returned(fn: Node): Node | undefined {
  const body = fn.body;
  if (!isNode(body)) return undefined;
  if (body.type !== 'BlockStatement') return body;
  const statements = body.body as Node[];
  const only = statements.length === 1 ? statements[0] : undefined;
  return only?.type === 'ReturnStatement' && isNode(only.argument) ? only.argument : undefined;
}

/** Top-level `const NAME = 'text'`, `const NAME = { key: 'text' }` and path helpers of one module. */
function scopeOf(program: Node): Scope {
  const scope: Scope = { strings: new Map(), objects: new Map(), helpers: new Map() };
  for (const raw of program.body as Node[]) {
    const statement = raw.type === 'ExportNamedDeclaration' && isNode(raw.declaration) ? raw.declaration : raw;
    if (statement.type === 'FunctionDeclaration' && isNode(statement.id)) {
      const result = returned(statement);
      if (result) scope.helpers.set(statement.id.name as string, result);
    }
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations as Node[]) {
      const id = declarator.id as Node;
      const init = declarator.init;
      if (id.type !== 'Identifier' || !isNode(init)) continue;
      const name = id.name as string;
      if (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') {
        const result = returned(init);
        if (result) scope.helpers.set(name, result);
      } else if (init.type === 'ObjectExpression') {
        const values = new Map<string, string>();
        for (const property of init.properties as Node[]) {
          const key = property.type === 'Property' ? keyName(property) : undefined;
          const value = key ? textOf(property.value, scope) : undefined;
          if (key && value !== undefined) values.set(key, value);
        }
        scope.objects.set(name, values);
      } else {
        const value = textOf(init, scope);
        if (value !== undefined) scope.strings.set(name, value);
      }
    }
  }
  return scope;
}

function apiPath(text: string): string | undefined {
  const match = API_PATH.exec(text);
  return match?.[1] ? `/${match[1]}` : undefined;
}

function asLabel(text: string | undefined): { method: string; path: string } | undefined {
  const match = text ? LABEL.exec(text) : null;
  const [, method, rest] = match ?? [];
  const found = method && rest && apiPath(rest) === rest ? { method, path: rest } : undefined;
  return found;
}

/** What one module calls. `file` names it in messages. */
function collect(file: string, program: Node): Found[] {
  const scope = scopeOf(program);
  const found: Found[] = [];
  const consumed = new Set<Node>();

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === 'ObjectExpression') {
      const properties = (node.properties as Node[]).filter((p) => p.type === 'Property');
      const byKey = new Map(properties.map((p) => [keyName(p), p.value as Node] as const));
      const pathNode = byKey.get('path');
      const requestPath = pathNode ? textOf(pathNode, scope) : undefined;
      const target = requestPath === undefined ? undefined : apiPath(requestPath);
      if (pathNode && target) {
        consumed.add(pathNode);
        const methodText = textOf(byKey.get('method'), scope);
        const method = methodText && /^[A-Z]+$/.test(methodText) ? methodText : undefined;
        const label = asLabel(textOf(byKey.get('endpoint'), scope));
        found.push({ file, kind: 'request', path: target, ...(method ? { method } : {}), ...(label ? { label } : {}) });
      }
    }
    if (node.type === 'Literal' || node.type === 'TemplateLiteral') {
      const text = textOf(node, scope);
      const label = asLabel(text);
      if (label) found.push({ file, kind: 'label', method: label.method, path: label.path });
      else if (text !== undefined && !consumed.has(node)) {
        const target = apiPath(text);
        if (target) found.push({ file, kind: 'string', path: target });
      }
      if (node.type === 'Literal') return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'type' && key !== 'start' && key !== 'end') visit(value);
    }
  };
  visit(program);
  return found;
}

async function collectSource(file: string, source: string): Promise<Found[]> {
  const { code } = await transformWithEsbuild(source, file.endsWith('.ts') ? file : `${file}.ts`);
  return collect(file, parseAst(code) as unknown as Node);
}

async function collectConnectors(): Promise<Found[]> {
  const found: Found[] = [];
  for (const dir of CONNECTOR_DIRS) {
    for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
      if (!name.endsWith('.ts') || name.endsWith('.d.ts') || name.endsWith('.test.ts')) continue;
      const file = `${dir}/${name}`;
      found.push(...(await collectSource(file, readFileSync(path.join(ROOT, file), 'utf8'))));
    }
  }
  return found;
}

// ---------------------------------------------------------------- checking

function listedBy(item: Listed, entries: readonly Listed[]): boolean {
  return entries.some((entry) => sameShape(item.path, entry.path) && (!item.method || !entry.method || item.method === entry.method));
}

/** What is wrong with what the connectors call, one line each; none when every call is listed. */
function problems(found: readonly Found[], operations: readonly Listed[], allowed: readonly Listed[]): string[] {
  const out: string[] = [];
  const known = [...operations, ...allowed];
  for (const item of found) {
    const where = `${item.file}: ${item.method ?? '(any method)'} ${item.path}`;
    if (item.kind === 'request') {
      if (item.label) {
        // The label is checked as a label of its own; the path must be the one it names.
        if (!fits(item.path, item.label.path) || (item.method && item.method !== item.label.method)) {
          out.push(`${where} does not fit its endpoint label ${item.label.method} ${item.label.path}`);
        }
        continue;
      }
    }
    if (!listedBy(item, known)) out.push(`${where} is not in PORTIER_OPERATIONS (tests/sandbox/contract/operations.ts) nor allowed`);
  }
  return [...new Set(out)];
}

describe('every endpoint the connectors call is listed for the contract tests', () => {
  it('finds each connector path in PORTIER_OPERATIONS or the commented allow-list', async () => {
    const found = await collectConnectors();
    // The collector reads what it should: the calls of each connector, with their labels.
    expect(found.filter((f) => f.kind === 'request').length).toBeGreaterThan(30);
    expect(found.filter((f) => f.kind === 'request' && !f.label)).toEqual([]);
    for (const dir of CONNECTOR_DIRS) expect(found.some((f) => f.file.startsWith(`${dir}/`)), dir).toBe(true);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'request', method: 'GET', path: '/api/v1/contacts/search' }));

    expect(problems(found, PORTIER_OPERATIONS, ALLOWED)).toEqual([]);
    // Every allowance is still needed: one that matches nothing is removed, not kept.
    const stale = ALLOWED.filter((entry) => !found.some((f) => f.kind !== 'request' && listedBy(f, [entry]) && (!entry.method || f.method === entry.method)));
    expect(stale).toEqual([]);
  }, 60_000);

  it('fails for an endpoint a connector adds without listing it', async () => {
    const source = `
      const EP = { search: 'GET /api/v1/contacts/search', merge: 'POST /api/v1/contacts/{id}/merge' } as const;
      const contactPath = (id: string) => \`api/v1/contacts/\${encodeURIComponent(id)}\`;
      export async function find(client: any, email: string) {
        return client.request({ method: 'GET', path: 'api/v1/contacts/search', endpoint: EP.search, searchParams: { email } });
      }
      export async function merge(client: any, id: string) {
        return client.request({ method: 'POST', path: \`\${contactPath(id)}/merge\`, endpoint: EP.merge });
      }
      export async function crmOrg(base: string) {
        return fetch(\`\${base.replace(/\\/+$/, '')}/crm/v8/org\`);
      }
      export async function wrongLabel(client: any) {
        return client.request({ method: 'GET', path: 'api/v1/helpCenters', endpoint: 'GET /api/v1/contacts' });
      }`;
    const found = await collectSource('example/connector.ts', source);
    const withoutSearch = PORTIER_OPERATIONS.filter((op) => op.path !== '/api/v1/contacts/search');
    const reported = problems(found, withoutSearch, []);
    // `contacts/search` is not taken for `contacts/{contactId}`, nor `crm/v8/org` for `crm/v8/{module}`.
    expect(reported).toEqual([
      'example/connector.ts: GET /api/v1/contacts/search is not in PORTIER_OPERATIONS (tests/sandbox/contract/operations.ts) nor allowed',
      'example/connector.ts: POST /api/v1/contacts/{id}/merge is not in PORTIER_OPERATIONS (tests/sandbox/contract/operations.ts) nor allowed',
      'example/connector.ts: (any method) /crm/v8/org is not in PORTIER_OPERATIONS (tests/sandbox/contract/operations.ts) nor allowed',
      'example/connector.ts: GET /api/v1/helpCenters does not fit its endpoint label GET /api/v1/contacts',
    ]);
    // Listed, the search passes; the rest still fails.
    expect(problems(found, PORTIER_OPERATIONS, [])).toHaveLength(3);
  });
});
