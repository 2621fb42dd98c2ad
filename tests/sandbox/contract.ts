/**
 * Contract checks for the sandbox: an answer is validated against the response schema of the vendor's
 * OpenAPI operation (shared/vendor-specs, read at test time), or, for a status the operation does not
 * declare, against a response the vendor documents (contract/documented.ts). A missing operation, a
 * status found in neither, or a body outside the schema throws an Error that says which.
 *
 *   await expectToMatchOperation('zendesk/support-oas.yaml', 'POST', '/api/v2/users', 201, body)
 *
 * `path` may be concrete (`/api/v2/users/35436`) or the spec's template; Zoho Connect has no spec and
 * is checked against contract/connect-schema.ts under the name `zoho-connect`.
 */
import { compileSpec, compileStandalone, formatErrors } from './contract/validator';
import { findDocumented } from './contract/documented';
import { CONNECT_OPERATIONS, CONNECT_SPEC } from './contract/connect-schema';
import type { Json, JsonObject } from './contract/load';
import { resolvePointer } from './contract/normalize';

export { CONNECT_SPEC };

export interface OperationMatch {
  spec: string;
  method: string;
  template: string;
  operationId: string;
  statuses: string[];
}

export interface ContractResult extends OperationMatch {
  status: number;
  source: 'spec' | 'documented';
  note?: string;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Path prefix of the spec's first server (`/crm/{version}` in portal_users.yaml), as a regex source. */
function serverPrefix(doc: JsonObject): string {
  const servers = doc.servers;
  const first = Array.isArray(servers) && isObject(servers[0]) ? servers[0].url : undefined;
  if (typeof first !== 'string') return '';
  const pathPart = first.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return templateSource(pathPart.replace(/\/$/, ''));
}

function templateSource(template: string): string {
  return template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
}

function findInPaths(paths: JsonObject, prefix: string, method: string, path: string) {
  const candidates: { template: string; operation: JsonObject; params: number }[] = [];
  const concrete = path.split('?')[0] ?? path;
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const operation = item[method.toLowerCase()];
    if (!isObject(operation)) continue;
    const exact = template === concrete || `${prefix}${template}` === concrete;
    const pattern = new RegExp(`^(?:${prefix})?${templateSource(template)}$`);
    if (exact || pattern.test(concrete)) {
      candidates.push({ template, operation, params: exact ? -1 : (template.match(/\{/g) ?? []).length });
    }
  }
  // The most literal template wins: `/api/v2/users/search` over `/api/v2/users/{user_id}`.
  return candidates.sort((a, b) => a.params - b.params)[0];
}

export async function matchOperation(spec: string, method: string, path: string): Promise<OperationMatch> {
  if (spec === CONNECT_SPEC) {
    const key = `${method.toUpperCase()} ${path.split('?')[0]}`;
    const op = CONNECT_OPERATIONS[key];
    if (!op) throw new Error(`${key} is not an operation of ${CONNECT_SPEC} (contract/connect-schema.ts)`);
    return { spec, method: method.toUpperCase(), template: key.split(' ')[1] ?? '', operationId: op.operationId, statuses: Object.keys(op.responses) };
  }
  const compiled = await compileSpec(spec);
  const paths = compiled.doc.paths;
  const found = isObject(paths) ? findInPaths(paths, serverPrefix(compiled.doc), method, path) : undefined;
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not an operation of ${spec}`);
  const responses = isObject(found.operation.responses) ? Object.keys(found.operation.responses) : [];
  const operationId = typeof found.operation.operationId === 'string' ? found.operation.operationId : '(no operationId)';
  return { spec, method: method.toUpperCase(), template: found.template, operationId, statuses: responses };
}

/** `#/paths/…/responses/<status>` followed through a response $ref to its JSON schema pointer. */
function responseSchemaPointer(doc: JsonObject, match: OperationMatch, status: string) {
  const escaped = match.template.replace(/~/g, '~0').replace(/\//g, '~1');
  let pointer = `#/paths/${escaped}/${match.method.toLowerCase()}/responses/${status}`;
  let response = resolvePointer(doc, pointer);
  for (let hops = 0; isObject(response) && typeof response.$ref === 'string' && hops < 5; hops++) {
    pointer = response.$ref;
    response = resolvePointer(doc, pointer);
  }
  if (!isObject(response)) return { pointer, contentTypes: [] as string[] };
  const content = isObject(response.content) ? response.content : {};
  return { pointer, contentTypes: Object.keys(content) };
}

function fail(message: string): never {
  throw new Error(message);
}

export async function validateResponse(
  spec: string,
  method: string,
  path: string,
  status: number,
  body: Json | undefined,
  contentType = 'application/json',
): Promise<ContractResult> {
  const match = await matchOperation(spec, method, path);
  const where = `${match.method} ${match.template} (${match.operationId}) in ${spec}`;
  const media = contentType.split(';')[0]?.trim() || 'none';

  if (spec === CONNECT_SPEC) {
    const schema = CONNECT_OPERATIONS[`${match.method} ${match.template}`]?.responses[String(status)];
    if (!schema) fail(`${where} declares no response ${status}`);
    check(compileStandalone(schema), body, where, status);
    return { ...match, status, source: 'spec', note: 'Zoho Connect has no OpenAPI file: schema written from NOTES.md §4' };
  }

  const compiled = await compileSpec(spec);
  if (match.statuses.includes(String(status))) {
    const { pointer, contentTypes } = responseSchemaPointer(compiled.doc, match, String(status));
    if (contentTypes.length === 0) {
      if (body !== undefined && body !== '') fail(`${where} declares an empty ${status}, the sandbox sent a body: ${JSON.stringify(body)}`);
      return { ...match, status, source: 'spec' };
    }
    const declared = contentTypes.find((type) => type === media) ?? (contentTypes.length === 1 ? contentTypes[0] : undefined);
    if (!declared || (declared !== media && media !== 'none')) fail(`${where} ${status} declares ${contentTypes.join(', ')}, got ${media}`);
    const escapedType = declared.replace(/~/g, '~0').replace(/\//g, '~1');
    check(compiled.validator(`${pointer}/content/${escapedType}/schema`), body, where, status);
    return { ...match, status, source: 'spec' };
  }

  const documented = findDocumented(spec, `${match.method} ${match.template}`, status, media);
  if (!documented) fail(`${where} declares statuses [${match.statuses.join(', ')}]; ${status} is neither in the spec nor documented`);
  if (documented.contentType !== media) fail(`${where} ${status} is documented as ${documented.contentType}, got ${media}`);
  if (documented.contentType === 'none') {
    if (body !== undefined && body !== '') fail(`${where} ${status} is documented without a body, the sandbox sent ${JSON.stringify(body)}`);
    return { ...match, status, source: 'documented', note: documented.source };
  }
  const schema = documented.schema;
  const validate = 'file' in schema && typeof schema.file === 'string'
    ? (await compileSpec(schema.file)).validator(String(schema.pointer))
    : compileStandalone(schema as JsonObject);
  check(validate, body, where, status);
  return { ...match, status, source: 'documented', note: documented.source };
}

function check(validate: ReturnType<typeof compileStandalone>, body: Json | undefined, where: string, status: number): void {
  if (!validate(body)) {
    const shown = JSON.stringify(body)?.slice(0, 600);
    fail(`${where} ${status}: body outside the schema\n${formatErrors(validate.errors)}\nbody: ${shown}`);
  }
}

export async function expectToMatchOperation(
  spec: string,
  method: string,
  path: string,
  status: number,
  body: Json | undefined,
  contentType?: string,
): Promise<ContractResult> {
  return validateResponse(spec, method, path, status, body, contentType);
}
