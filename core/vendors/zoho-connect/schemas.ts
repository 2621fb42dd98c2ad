import { z } from '../../zod';

/**
 * Zoho Connect publishes no OpenAPI file (NOTES.md §4). These are read from its API pages' samples;
 * what the pages leave open (error bodies, the members list, `failedUserIds` on an invite) is read as
 * the sandbox answers it [SANDBOX], loosely enough that a differently shaped real answer fails
 * with a VendorResponseError naming the endpoint rather than being misread.
 */

/**
 * Zoho ids are 15 to 19 digits: beyond 2^53 a JSON number has already lost digits, so a number is
 * taken only while it is exact.
 */
export const ZohoId = z.union([
  z.string().regex(/^[0-9]{1,30}$/),
  z.number().int().refine((n) => Number.isSafeInteger(n) && n >= 0, 'an id beyond 2^53 has lost its digits').transform(String),
]);

/** `"true"` in the sample; a boolean is read the same way. */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const Network = z.object({
  id: ZohoId,
  name: z.string(),
  soid: ZohoId.optional(),
  url: z.string().optional(),
  isDefault: Flag.optional(),
});
export type Network = z.infer<typeof Network>;

export const AllScopesAnswer = z.object({ allScopes: z.object({ scopes: z.array(Network) }) });

export const Member = z.object({
  zuid: ZohoId,
  name: z.string().optional(),
  emailId: z.string(),
  status: z.string(),
  isAdmin: z.boolean().optional(),
  isExternal: z.boolean().optional(),
  invitedTime: z.string().optional(),
});
export type Member = z.infer<typeof Member>;

export const OrgMembersAnswer = z.object({
  orgMembers: z.object({ result: z.string().optional(), members: z.array(Member) }),
});

/**
 * `{"inviteUsersToNetwork":{"successUserCount":"1","result":"success"}}` (the page's sample), with
 * the refused addresses in `failedUserIds` [SANDBOX, named after addUsersToGroup's documented field].
 * A `result: "failure"` in a 200 is read as a refusal of the whole call.
 */
export const InviteAnswer = z.object({
  inviteUsersToNetwork: z.object({
    result: z.string(),
    successUserCount: z.coerce.number().int().nonnegative().optional(),
    failedUserIds: z.array(z.string()).optional(),
    errorCode: z.string().optional(),
    message: z.string().optional(),
  }),
});
export type InviteAnswer = z.infer<typeof InviteAnswer>;

/** [SANDBOX] failure envelope: `{<api>: {result: "failure", errorCode, message}}`. */
export const FailureEnvelope = z.record(
  z.string(),
  z.object({ result: z.string().optional(), errorCode: z.string().optional(), code: z.string().optional(), message: z.string().optional() }),
);
