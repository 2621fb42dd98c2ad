/**
 * Answers the vendors document (NOTES.md, their help and developer pages) for a status the OpenAPI
 * operation does not declare. The contract check uses one of these only when the spec has no entry
 * for the status, and says so in its result; a status found in neither place fails the test.
 */
import type { JsonObject } from './load';

export interface DocumentedResponse {
  spec: string;
  /** `METHOD /path` as written in the spec, or `*` for every operation of the spec. */
  operation: string;
  status: number;
  contentType: 'application/json' | 'text/plain' | 'none';
  /** Inline JSON Schema, or a schema of another vendor file. */
  schema: JsonObject | { file: string; pointer: string };
  source: string;
}

const ZENDESK = 'zendesk/support-oas.yaml';

/** NOTES.md §1.1: "In practice Support returns {error, description, details}"; OAuth errors use error_description. */
const zendeskError: JsonObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    description: { type: 'string' },
    error_description: { type: 'string' },
    details: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object', required: ['error', 'description'] } } },
  },
  additionalProperties: false,
};

const zendeskRecordInvalid: JsonObject = {
  ...zendeskError,
  required: ['error', 'description', 'details'],
  properties: { ...(zendeskError.properties as JsonObject), error: { const: 'RecordInvalid' } },
};

/** Every Zoho CRM error in portal_users.yaml has this envelope; NOTES.md §3.1 lists the generic codes. */
const crmError: JsonObject = {
  type: 'object',
  required: ['code', 'details', 'message', 'status'],
  properties: {
    code: { type: 'string' },
    details: { type: 'object' },
    message: { type: 'string' },
    status: { const: 'error' },
  },
  additionalProperties: false,
};

const deskErrorJson = { file: 'zoho-desk/Common.json', pointer: '#/components/schemas/errorJson' };
const deskInvalidData = {
  file: 'zoho-desk/Common.json',
  pointer: '#/components/responses/invalidDataErrorResponse/content/application~1json/schema',
};

function each(spec: string, statuses: number[], schema: DocumentedResponse['schema'], source: string): DocumentedResponse[] {
  return statuses.map((status) => ({ spec, operation: '*', status, contentType: 'application/json', schema, source }));
}

const DESK_FILES = ['zoho-desk/Contact.json', 'zoho-desk/Helpcenter.json', 'zoho-desk/Ticket.json', 'zoho-desk/Account.json', 'zoho-desk/Search.json'];
const CRM_FILES = [
  'zoho-crm/portals.json',
  'zoho-crm/portal_user_type.json',
  'zoho-crm/user_type_users.json',
  'zoho-crm/record.json',
  'zoho-crm/module_search.json',
  'zoho-crm/portal_invite.json',
  'zoho-crm/portal_users/portal_users.yaml',
  'zoho-crm/related_records.json',
];

export const DOCUMENTED_RESPONSES: readonly DocumentedResponse[] = [
  ...each(ZENDESK, [401, 403, 404, 429, 500, 503], zendeskError,
    'NOTES.md §1.7-1.8 and developer.zendesk.com "Requests": JSON {error, description} bodies; 429 with Retry-After'),
  {
    spec: ZENDESK, operation: '*', status: 400, contentType: 'text/plain', schema: { type: 'string' },
    source: 'developer.zendesk.com "Requests": "You may get a text/plain response in case of an error like a bad request"',
  },
  {
    spec: ZENDESK, operation: 'POST /api/v2/users', status: 422, contentType: 'application/json', schema: zendeskRecordInvalid,
    source: 'NOTES.md §1.1: 422 RecordInvalid with details.email[].error DuplicateValue',
  },
  ...['POST /api/v2/users/create_many', 'POST /api/v2/users/create_or_update_many'].map((operation) => ({
    spec: ZENDESK, operation, status: 400, contentType: 'application/json' as const, schema: zendeskError,
    source: 'NOTES.md §1.3: up to 100 user objects; the body of the refusal is [UNCONFIRMED]',
  })),
  {
    spec: 'zoho-crm/portal_users/portal_users.yaml', operation: 'GET /{module}/actions/portal_invite', status: 204,
    contentType: 'none', schema: {}, source: 'NOTES.md §3.2 (vendor docs): a wrong job_id returns HTTP 204',
  },
  ...['zoho-crm/module_search.json', 'zoho-crm/record.json'].map((spec) => ({
    spec, operation: spec.endsWith('record.json') ? 'GET /crm/v8/{module_api_name}/search' : 'GET /crm/v8/{module}/search',
    status: 204, contentType: 'none' as const, schema: {},
    source: 'Zoho CRM API docs (search records): 204 No Content when no record matches, as getPortalUsers declares',
  })),
  {
    spec: 'zoho-crm/related_records.json', operation: 'GET /crm/v8/{module_api_name}/{record_id}/{related_list_api_name}', status: 204,
    contentType: 'none', schema: {},
    source: 'Zoho CRM API docs (related records): 204 No Content when the record has no related records, as Get Records answers an empty page',
  },
  {
    spec: 'zoho-crm/record.json', operation: 'GET /crm/v8/{module_api_name}/{id}', status: 400, contentType: 'application/json',
    schema: { file: 'zoho-crm/record.json', pointer: '#/components/schemas/API_Exception' },
    source: "record.json's own API_Exception (INVALID_DATA 'the id given seems to be invalid', INVALID_MODULE…)",
  },
  ...DESK_FILES.flatMap((spec) => [
    ...each(spec, [401, 403, 404, 405, 413, 415, 429, 500, 503], deskErrorJson,
      'NOTES.md §2.4: every Desk error is Common.json errorJson {errorCode, message}'),
    ...each(spec, [422], deskInvalidData, 'NOTES.md §2.4: INVALID_DATA adds errors[] (Common.json invalidDataErrorResponse)'),
  ]),
  ...CRM_FILES.flatMap((spec) => each(spec, [400, 401, 403, 404, 405, 429, 500, 503], crmError,
    'NOTES.md §3.1: generic CRM errors (INVALID_TOKEN, OAUTH_SCOPE_MISMATCH, INVALID_URL_PATTERN, TOO_MANY_REQUESTS…) in the envelope of portal_users.yaml')),
];

/** The operation's own entry first, then the spec-wide one; `media` picks among several. */
export function findDocumented(spec: string, operation: string, status: number, media: string): DocumentedResponse | undefined {
  const candidates = [
    ...DOCUMENTED_RESPONSES.filter((d) => d.spec === spec && d.operation === operation && d.status === status),
    ...DOCUMENTED_RESPONSES.filter((d) => d.spec === spec && d.operation === '*' && d.status === status),
  ];
  return candidates.find((d) => d.contentType === media) ?? candidates[0];
}
