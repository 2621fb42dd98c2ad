/**
 * One ajv instance per vendor file: OAS 3.1 files are JSON Schema 2020-12, OAS 3.0 files are the
 * draft-04-like dialect evaluated by ajv's default draft with `nullable` rewritten.
 */
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadSpec, type JsonObject } from './load';
import { closeAllOfUnions, javaRegExp, rewriteNullable } from './normalize';

// ajv-formats is CommonJS: under Node ESM its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

export interface CompiledSpec {
  file: string;
  doc: JsonObject;
  unresolved: string[];
  validator(pointer: string): ValidateFunction;
}

const compiled = new Map<string, Promise<CompiledSpec>>();

export function compileSpec(file: string): Promise<CompiledSpec> {
  let spec = compiled.get(file);
  if (!spec) {
    spec = build(file);
    compiled.set(file, spec);
  }
  return spec;
}

async function build(file: string): Promise<CompiledSpec> {
  const loaded = await loadSpec(file);
  const doc = structuredClone(loaded.doc);
  const is31 = loaded.openapi.startsWith('3.1');
  if (is31) closeAllOfUnions(doc);
  else rewriteNullable(doc);

  const options = {
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false as const,
    code: { regExp: javaRegExp as unknown as never },
  };
  const ajv = is31 ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  // Zendesk writes `format: datetime` for what JSON Schema calls `date-time`.
  const dateTime = ajv.formats['date-time'];
  if (dateTime) ajv.addFormat('datetime', dateTime);
  ajv.addSchema(doc, file);

  const cache = new Map<string, ValidateFunction>();
  return {
    file,
    doc,
    unresolved: loaded.unresolved,
    validator(pointer: string) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${file}${pointer}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}

/** Compiles a free-standing JSON Schema (a documented supplement or the Connect schema). */
export function compileStandalone(schema: JsonObject): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

export function formatErrors(errors: ErrorObject[] | null | undefined, limit = 12): string {
  if (!errors?.length) return '';
  const lines = errors.slice(0, limit).map((e) => {
    const params = JSON.stringify(e.params);
    return `  ${e.instancePath || '(root)'} ${e.message ?? ''} ${params} [schema ${e.schemaPath}]`;
  });
  if (errors.length > limit) lines.push(`  … ${errors.length - limit} more`);
  return lines.join('\n');
}
