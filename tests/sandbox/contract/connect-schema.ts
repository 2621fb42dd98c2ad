/**
 * Zoho Connect publishes no OpenAPI file. These schemas are written from NOTES.md §4 (the vendor's API
 * pages for inviteUsersToNetwork, allScopes and orgMembers, with their sample responses). What the
 * pages do not give is marked [SANDBOX]: the sandbox had to choose, and a connector should tolerate it.
 */
import type { JsonObject } from './load';

export const CONNECT_SPEC = 'zoho-connect';

const str: JsonObject = { type: 'string' };

/**
 * [SANDBOX] The pages show no error body. The sandbox answers in the shape of the success envelope,
 * keyed by the API name, with result "failure", a code and a message.
 */
function failure(api: string): JsonObject {
  return {
    type: 'object',
    required: [api],
    additionalProperties: false,
    properties: {
      [api]: {
        type: 'object',
        required: ['result', 'errorCode', 'message'],
        additionalProperties: false,
        properties: { result: { const: 'failure' }, errorCode: str, message: str },
      },
    },
  };
}

function errors(api: string, statuses: number[]): Record<string, JsonObject> {
  return Object.fromEntries(statuses.map((s) => [String(s), failure(api)]));
}

/** "get all networks" sample: {allScopes:{scopes:[{name,id,soid,url,isDefault:"true"}]}} (isDefault only on one). */
const allScopes: JsonObject = {
  type: 'object',
  required: ['allScopes'],
  additionalProperties: false,
  properties: {
    allScopes: {
      type: 'object',
      required: ['scopes'],
      additionalProperties: false,
      properties: {
        scopes: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'soid', 'url'],
            additionalProperties: false,
            properties: { id: str, name: str, soid: str, url: str, isDefault: { enum: ['true', 'false'] } },
          },
        },
      },
    },
  },
};

/**
 * "invite users to network" sample: {inviteUsersToNetwork:{successUserCount:"1",result:"success"}}.
 * [SANDBOX] failedUserIds lists the addresses that were not invited, named after the documented
 * failure field of the sibling addUsersToGroup API (which also takes email addresses).
 */
const invite: JsonObject = {
  type: 'object',
  required: ['inviteUsersToNetwork'],
  additionalProperties: false,
  properties: {
    inviteUsersToNetwork: {
      type: 'object',
      required: ['successUserCount', 'result'],
      additionalProperties: false,
      properties: {
        successUserCount: { type: 'string', pattern: '^[0-9]+$' },
        result: { const: 'success' },
        failedUserIds: { type: 'array', items: str },
      },
    },
  },
};

/** [SANDBOX] NOTES.md §4 names the endpoint and its scopeID parameter only; the body is the sandbox's. */
const orgMembers: JsonObject = {
  type: 'object',
  required: ['orgMembers'],
  additionalProperties: false,
  properties: {
    orgMembers: {
      type: 'object',
      required: ['result', 'members'],
      additionalProperties: false,
      properties: {
        result: { const: 'success' },
        members: {
          type: 'array',
          items: {
            type: 'object',
            required: ['zuid', 'name', 'emailId', 'status'],
            additionalProperties: false,
            properties: {
              zuid: str,
              name: str,
              emailId: str,
              status: { enum: ['active', 'invited'] },
              isAdmin: { type: 'boolean' },
              isExternal: { type: 'boolean' },
              invitedTime: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
  },
};

export const CONNECT_OPERATIONS: Record<string, { operationId: string; responses: Record<string, JsonObject> }> = {
  'GET /pulse/api/allScopes': {
    operationId: 'allScopes',
    responses: { '200': allScopes, ...errors('allScopes', [401, 403, 429, 500, 503]) },
  },
  'POST /pulse/api/inviteUsersToNetwork': {
    operationId: 'inviteUsersToNetwork',
    responses: { '200': invite, ...errors('inviteUsersToNetwork', [400, 401, 403, 404, 429, 500, 503]) },
  },
  'GET /pulse/api/orgMembers': {
    operationId: 'orgMembers',
    responses: { '200': orgMembers, ...errors('orgMembers', [400, 401, 403, 404, 429, 500, 503]) },
  },
};
