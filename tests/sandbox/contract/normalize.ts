/**
 * Turns the schemas of a bundled OpenAPI document into JSON Schema that a maintained validator (ajv)
 * evaluates the way the vendor meant them. Each rule below answers one defect or dialect difference
 * found in the stored files; none of them loosens a constraint the vendor wrote on purpose.
 */
import type { Json, JsonObject } from './load';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(node: Json, visit: (schema: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) walk(value, visit);
  visit(node);
}

/**
 * OAS 3.0 `nullable: true` is not JSON Schema: ajv refuses it without a sibling `type` (as in
 * Zendesk's `{nullable: true, $ref}`), so it is rewritten to the JSON Schema spelling.
 */
export function rewriteNullable(doc: JsonObject): void {
  walk(doc, (schema) => {
    if (!('nullable' in schema)) return;
    const nullable = schema.nullable === true;
    delete schema.nullable;
    if (!nullable) return;
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if (typeof schema.type === 'string') {
      schema.type = [schema.type, 'null'];
    } else if (Array.isArray(schema.type)) {
      if (!schema.type.includes('null')) schema.type = [...schema.type, 'null'];
    } else {
      const rest: JsonObject = { ...schema };
      for (const key of Object.keys(schema)) delete schema[key];
      schema.anyOf = [{ type: 'null' }, rest];
    }
  });
}

export function resolvePointer(doc: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/**
 * Zoho Desk's generator closes every `allOf` branch with `additionalProperties: false`. JSON Schema
 * evaluates each branch alone, so a contact (which has the properties of several branches) fails
 * all of them and the composed schema accepts nothing. The vendor's intent, a closed union of the
 * branches, is what 2020-12 spells `unevaluatedProperties: false` on the composing schema: the
 * branches are opened (referenced ones are copied first, so other users of them stay closed) and
 * the composition is closed instead. Names a branch lists in `required` without declaring them
 * (Contact's `description`) are declared, since the vendor says they are present.
 */
export function closeAllOfUnions(doc: JsonObject): void {
  walk(doc, (schema) => {
    const allOf = schema.allOf;
    if (!Array.isArray(allOf)) return;
    const state = { closed: schema.additionalProperties === false, declared: new Set<string>(), required: new Set<string>() };
    schema.allOf = allOf.map((branch) => openBranch(doc, branch, state));
    if (!state.closed) return;
    delete schema.additionalProperties;
    collect(schema, state);
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const name of state.required) if (!state.declared.has(name)) props[name] = {};
    schema.properties = props;
    schema.unevaluatedProperties = false;
  });
}

interface UnionState {
  closed: boolean;
  declared: Set<string>;
  required: Set<string>;
}

function collect(schema: JsonObject, state: UnionState): void {
  if (isObject(schema.properties)) for (const name of Object.keys(schema.properties)) state.declared.add(name);
  if (Array.isArray(schema.required)) for (const name of schema.required) if (typeof name === 'string') state.required.add(name);
}

function openBranch(doc: JsonObject, branch: Json, state: UnionState, depth = 0): Json {
  if (!isObject(branch) || depth > 8) return branch;
  let copy: JsonObject = branch;
  if (typeof branch.$ref === 'string') {
    const target = resolvePointer(doc, branch.$ref);
    if (!isObject(target)) return branch;
    copy = structuredClone(target);
  } else {
    copy = { ...branch };
  }
  // A branch this pass already closed (visited earlier in the walk) is opened again here.
  if (copy.additionalProperties === false || copy.unevaluatedProperties === false) {
    state.closed = true;
    delete copy.additionalProperties;
    delete copy.unevaluatedProperties;
  }
  collect(copy, state);
  if (Array.isArray(copy.allOf)) copy.allOf = copy.allOf.map((inner) => openBranch(doc, inner, state, depth + 1));
  return copy;
}

/**
 * Java regular expressions in Zoho Desk's `pattern`s: `\P{InBasicLatin}` (outside ASCII) has no
 * JavaScript spelling, and escapes such as `\!` or `\,` are errors under the `u` flag that `\p{L}`
 * in the same files needs. Translated once, here, for ajv's `code.regExp` hook.
 */
export function javaRegExp(pattern: string, flags: string): RegExp {
  const translated = pattern
    .replace(/\\P\{InBasicLatin\}/g, '\\u{80}-\\u{10FFFF}')
    .replace(/\\p\{InBasicLatin\}/g, '\\u{0}-\\u{7F}')
    .replace(/\\([^A-Za-z0-9\\^$.*+?()[\]{}|/-])/g, '$1');
  try {
    return new RegExp(translated, flags.includes('u') ? flags : `${flags}u`);
  } catch {
    return new RegExp(pattern, flags.replace('u', ''));
  }
}
