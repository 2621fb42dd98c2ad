/**
 * The only edits made to a vendor's schema before validating against it, each with its reason.
 * Patches apply to a file as it is read (before $refs are bundled), so a patch of a shared file
 * (common.json) serves every spec that refers to it. A patch whose pointer no longer exists
 * throws, so a newer copy of a spec cannot silently skip it.
 */
import { resolvePointer } from './normalize';
import type { JsonObject } from './load';
import { INVENTED_CRM_CODES } from '../vendors/zoho-crm-codes';

interface SpecPatch {
  spec: string;
  pointer: string;
  reason: string;
  apply(schema: JsonObject): void;
}

const YAML = 'zoho-crm/portal_users/portal_users.yaml';
const json = '/content/application~1json/schema';
const oneOfAsAnyOf = (schema: JsonObject) => {
  schema.anyOf = schema.oneOf ?? [];
  delete schema.oneOf;
};
const singleInvite400 = `#/paths/~1{module}~1{recordId}~1actions~1portal_invite/post/responses/400${json}/oneOf/0`;
const bulkJob200Item = `#/paths/~1{module}~1actions~1portal_invite/get/responses/200${json}/properties/portal_invite/items`;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pushEnum(schema: JsonObject, values: readonly string[]): void {
  const current = Array.isArray(schema.enum) ? schema.enum : [];
  schema.enum = [...current, ...values.filter((v) => !current.includes(v))];
}

export const SPEC_PATCHES: readonly SpecPatch[] = [
  {
    spec: 'zendesk/support-oas.yaml',
    pointer: '#/paths',
    reason:
      'developer.zendesk.com "List Users" documents GET /api/v2/organizations/{organization_id}/users beside ' +
      '/api/v2/users; the stored OAS lists only /api/v2/users. Added as ListUsers is written: its parameters ' +
      'and its answer (UsersResponse), under the organization id parameter the OAS defines.',
    apply(paths) {
      const listUsers = (paths['/api/v2/users'] as JsonObject | undefined)?.get as JsonObject | undefined;
      if (!listUsers) throw new Error('ListUsers is gone from the Zendesk OAS: the organization users patch has nothing to copy');
      paths['/api/v2/organizations/{organization_id}/users'] = {
        parameters: [{ $ref: '#/components/parameters/OrganizationId' }],
        get: { ...listUsers, operationId: 'ListOrganizationUsers', summary: 'List Users of an Organization' },
      };
    },
  },
  {
    spec: 'zoho-crm/record.json',
    pointer: `#/paths/~1crm~1v8~1{module_api_name}~1{id}/get/responses/200${json}`,
    reason:
      'oneOf [Response_Wrapper, File_Body_Wrapper, API_Exception]: no branch requires a property, so every ' +
      'object matches at least two branches and oneOf rejects all of them. Evaluated as anyOf.',
    apply: oneOfAsAnyOf,
  },
  {
    spec: 'zoho-crm/record.json',
    pointer: `#/paths/~1crm~1v8~1{module_api_name}~1search/get/responses/200${json}`,
    reason: 'oneOf [Response_Wrapper, API_Exception]: neither requires a property, so every object matches both. Evaluated as anyOf.',
    apply: oneOfAsAnyOf,
  },
  {
    spec: 'zoho-crm/record.json',
    pointer: `#/paths/~1crm~1v8~1{module_api_name}/get/responses/200${json}`,
    reason: 'Get Records, the same oneOf [Response_Wrapper, API_Exception] as Search Records. Evaluated as anyOf.',
    apply: oneOfAsAnyOf,
  },
  {
    spec: 'zoho-desk/Ticket.json',
    pointer: '#/components/responses/ticketListViewArray/content/application~1json/schema',
    reason:
      'getTickets answers allOf [list_tickets_include_response, {data: listviewJson[]}]: each branch closes ' +
      'the items of `data` to its own properties, so no ticket can satisfy both and the list accepts only []. ' +
      'The vendor means one item holding both (the file’s own example does): the two item schemas are ' +
      'composed per item, where closeAllOfUnions (normalize.ts) closes them as one union.',
    apply(schema) {
      delete schema.allOf;
      Object.assign(schema, {
        type: ['object'],
        additionalProperties: false,
        required: ['data'],
        properties: {
          data: {
            type: ['array'],
            items: { allOf: [{ $ref: '#/components/schemas/listviewJson' }, { $ref: '#/components/schemas/list_tickets_include_response/properties/data/items' }] },
          },
        },
      });
    },
  },
  {
    spec: 'zoho-desk/Search.json',
    pointer: '#/components/schemas/searchContactResponseFields',
    reason:
      'searchContacts: the schema types `isEndUser` boolean (in both inline allOf branches), while the ' +
      'operation\'s own 200 example (searchContactsResponse) sends it as the string "false", as Desk does. ' +
      'Both are accepted: a boolean, or the strings "true" and "false". Portier does not read the field ' +
      '(core/vendors/zoho-desk/schemas.ts DeskContact leaves it undeclared).',
    apply(schema) {
      const branches = Array.isArray(schema.allOf) ? schema.allOf : [];
      let patched = 0;
      for (const branch of branches) {
        const properties = isObject(branch) && isObject(branch.properties) ? branch.properties : undefined;
        if (!properties || !isObject(properties.isEndUser)) continue;
        properties.isEndUser = { type: ['boolean', 'string', 'null'], enum: [true, false, 'true', 'false', null] };
        patched++;
      }
      if (patched === 0) throw new Error('searchContactResponseFields declares isEndUser in no allOf branch: the isEndUser patch has nothing to widen');
    },
  },
  {
    spec: 'zoho-crm/related_records.json',
    pointer: `#/paths/~1crm~1v8~1{module_api_name}~1{record_id}~1{related_list_api_name}/get/responses/200${json}`,
    reason: 'Get Related Records, the same oneOf [Response_Wrapper, API_Exception] as Get Records. Evaluated as anyOf.',
    apply: oneOfAsAnyOf,
  },
  {
    spec: 'zoho-crm/common.json',
    pointer: '#/components/schemas/InvalidValueError/properties/details',
    reason:
      'oneOf [BodyErrorDetails, InvalidValueDetails, SupportedValueDetails]: the first two require the same ' +
      'properties, so a value matching one matches both and oneOf rejects it. Evaluated as anyOf.',
    apply: oneOfAsAnyOf,
  },
  {
    spec: YAML,
    pointer: `${singleInvite400}/properties/code`,
    reason:
      'Sandbox extension, not vendor behaviour: the CRM failure reasons that have no documented code ' +
      '(README "Invented Zoho CRM codes") answer in this same envelope with a code the sandbox names.',
    apply: (schema) => pushEnum(schema, INVENTED_CRM_CODES),
  },
  {
    spec: YAML,
    pointer: `${bulkJob200Item}/properties/data/items/properties/code`,
    reason: 'Same sandbox extension for the per-record results of a bulk invite job.',
    apply: (schema) => pushEnum(schema, INVENTED_CRM_CODES),
  },
  {
    spec: YAML,
    pointer: `${bulkJob200Item}/properties/data`,
    reason:
      'NOTES.md §3.2 (vendor docs, v5 portal-bulk-invite): `data` is null while the job is scheduled or in ' +
      'progress. The yaml types it as an array only; the docs are followed.',
    apply(schema) {
      schema.type = ['array', 'null'];
    },
  },
  {
    spec: YAML,
    pointer: `#/paths/~1settings~1portals~1{portal}~1user_type~1{userType}~1users/get/responses/200${json}/properties/users/items/properties`,
    reason:
      'user_type_users.json (the same Get Users of a User Type) declares `invited_time` (string, date-time, ' +
      'optional) on each user; the yaml closes the user to its own properties and does not list it. The ' +
      'sandbox answers both files\' fields; invited_time is added here as the json types it.',
    apply(properties) {
      properties.invited_time = { type: 'string', format: 'date-time' };
    },
  },
];

const applied = new Set<SpecPatch>();

/** `spec` is the file's path relative to vendor-specs. */
export function applySpecPatches(spec: string, doc: JsonObject): void {
  for (const patch of SPEC_PATCHES) {
    if (patch.spec !== spec) continue;
    applied.add(patch);
    const target = resolvePointer(doc, patch.pointer);
    if (typeof target !== 'object' || target === null || Array.isArray(target)) {
      throw new Error(`Spec patch for ${spec} no longer applies: ${patch.pointer} not found (${patch.reason})`);
    }
    patch.apply(target);
  }
}

/** Patches of files loaded so far that were applied (contract.test.ts loads them all). */
export function appliedPatches(): readonly SpecPatch[] {
  return [...applied];
}
