/**
 * Loads a vendor OpenAPI file from shared/vendor-specs with its $refs resolved by
 * @apidevtools/json-schema-ref-parser, after the few repairs SOURCES.md "Known problems" makes
 * necessary. The files on disk are never modified; every repair is listed here with its reason.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { $RefParser, type FileInfo } from '@apidevtools/json-schema-ref-parser';
import { parse as parseYaml } from 'yaml';
import { applySpecPatches } from './patches';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `../shared/vendor-specs` from the project root, read at test time and never copied. */
export const SPECS_DIR = path.resolve(here, '../../../../shared/vendor-specs');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** C1: the CRM JSON files reference their siblings by absolute GitHub URL; map them to local copies. */
const CRM_OAS_URL = 'https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/';

/**
 * D4 and C1: files referenced but not copied into vendor-specs. Where a schema the sandbox answers
 * with points into one of them, a stand-in is written from the same vendor's own example in the
 * referring file; any other reference into a missing file becomes a schema that matches nothing, so
 * a sandbox answer that reaches it fails loudly instead of passing unchecked.
 */
const STAND_INS: Record<string, { schema: JsonObject; source: string }> = {
  'MassActionError.json#/components/schemas/massActionErrorResponse': {
    // MassActionResponse.json's own example: errors is null on success, {errorCode, httpCode} on failure.
    schema: {
      type: ['object', 'null'],
      properties: { errorCode: { type: 'string' }, httpCode: { type: 'string' } },
      required: ['errorCode', 'httpCode'],
    },
    source: 'example "Valid responses Definitions" in zoho-desk/MassActionResponse.json',
  },
  'users.json#/components/schemas/Minified_User': {
    // Owner/Created_By in record.json's own examples: {name, id, email}.
    schema: {
      type: 'object',
      properties: { name: { type: 'string' }, id: { type: 'string' }, email: { type: 'string' } },
      required: ['id'],
    },
    source: 'Owner/Created_By examples in zoho-crm/record.json',
  },
  'tags.json#/components/schemas/Tag': {
    schema: { type: 'object', properties: { name: { type: 'string' }, id: { type: 'string' } } },
    source: 'Tag examples in zoho-crm/record.json',
  },
};

export interface LoadedSpec {
  file: string;
  openapi: string;
  doc: JsonObject;
  /** References into files that are not in vendor-specs, replaced by a stand-in or a poison schema. */
  unresolved: string[];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDocument(absPath: string): JsonObject {
  const text = readFileSync(absPath, 'utf8');
  // Z1: the npm `yaml` package reads the Zendesk file's `- change: =` values as the string "=".
  const doc: unknown = absPath.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  if (!isObject(doc)) throw new Error(`${absPath} is not an OpenAPI document`);
  return doc;
}

/** Rewrites a document's $refs so that every one of them resolves locally, recording those that cannot. */
function repairRefs(node: Json, dir: string, unresolved: string[]): Json {
  if (Array.isArray(node)) return node.map((item) => repairRefs(item, dir, unresolved));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string' && !ref.startsWith('#')) {
    const local = ref.startsWith(CRM_OAS_URL) ? `./${ref.slice(CRM_OAS_URL.length)}` : ref;
    const [file = '', pointer = ''] = local.split('#');
    if (!existsSync(path.resolve(dir, file))) {
      const key = `${path.basename(file)}#${pointer}`;
      unresolved.push(key);
      const standIn = STAND_INS[key];
      return standIn
        ? { ...standIn.schema, description: `stand-in for ${key}: ${standIn.source}` }
        : { not: {}, description: `unresolved reference ${key} (file not in vendor-specs)` };
    }
    return { ...node, $ref: local };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    // D2: Desk's securitySchemes point at schemes the stored Common.json lacks. Bodies are validated
    // without them, and credentials are exercised by the auth tests instead.
    if (key === 'securitySchemes') continue;
    out[key] = repairRefs(value, dir, unresolved);
  }
  return out;
}

const cache = new Map<string, Promise<LoadedSpec>>();

/** `file` is relative to vendor-specs, e.g. `zoho-desk/Contact.json`. Loaded once per process. */
export function loadSpec(file: string): Promise<LoadedSpec> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = load(file);
    cache.set(file, loaded);
  }
  return loaded;
}

async function load(file: string): Promise<LoadedSpec> {
  const absPath = path.join(SPECS_DIR, file);
  const unresolved: string[] = [];
  const repaired = (p: string) => {
    const doc = readDocument(p);
    applySpecPatches(path.relative(SPECS_DIR, p).split(path.sep).join('/'), doc);
    return repairRefs(doc, path.dirname(p), unresolved);
  };
  const root = repaired(absPath);
  const bundled = await $RefParser.bundle(absPath, root, {
    resolve: {
      http: false,
      file: {
        read: (info: FileInfo) => JSON.stringify(repaired(fileURLToPathIfNeeded(info.url))),
      },
    },
    parse: { json: { order: 1 } },
  });
  if (!isObject(bundled)) throw new Error(`${file}: bundling did not return a document`);
  const doc = bundled as JsonObject;
  const openapi = typeof doc.openapi === 'string' ? doc.openapi : '';
  return { file, openapi, doc, unresolved: [...new Set(unresolved)] };
}

function fileURLToPathIfNeeded(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}
