import type { PortalUser, PortalUserStatus } from '../../messages';
import type { ReasonCode } from '../../model';
import { VendorRefusedError, type VendorClient } from '../http';
import type { Membership } from '../types';
import { crmReason, firstAnswer } from './errors';
import { CrmChangeStatusAnswer, CrmPortalUsers, CrmUsersAnswer, type CrmActionAnswer, type CrmPortalUser } from './schemas';
import { pathSegment, RECORD_ID, ZOHO_URL_NAME } from '../path';

/**
 * The users of one portal user type (portal_users.yaml, user_type_users.json): read them, activate
 * or deactivate, delete, and transfer to another user type of the same portal. A portal user is
 * named by its `personality_id`, the id of the CRM record that was invited.
 */

export interface UserTypeRef {
  portal: string;
  userTypeId: string;
}

/** How one portal user fared; a refusal carries a RULES.md reason when one fits, and the vendor's words. */
export type PortalUserResult =
  | { personalityId: string; ok: true; message: string }
  | { personalityId: string; ok: false; code: ReasonCode | 'VENDOR_ERROR'; vendorCode?: string; message: string };

/** `personality_ids` is at most 255 characters (portal_users.yaml): 12 ids of 19 digits per call. */
const MAX_IDS_CHARS = 255;
const USERS_PAGE = 200;
/** A portal holds at most 10,000 users (portal_users.yaml, `users` maxItems): 50 pages of 200, and one to spare. */
const MAX_USER_PAGES = 10_000 / USERS_PAGE + 1;

const EP = {
  users: 'GET /crm/v8/settings/portals/{portal}/user_type/{id}/users',
  remove: 'DELETE /crm/v8/settings/portals/{portal}/user_type/{id}/users',
  transfer: 'POST /crm/v8/settings/portals/{portal}/user_type/{id}/users/action/transfer',
  status: 'PUT /crm/v8/settings/portals/{portal}/user_type/{id}/users/{personality_id}/actions/change_status',
  statusBulk: 'PUT /crm/v8/settings/portals/{portal}/user_type/{id}/users/actions/change_status',
} as const;

const usersPath = (ref: UserTypeRef) =>
  `crm/v8/settings/portals/${pathSegment(ref.portal, ZOHO_URL_NAME, 'a Zoho CRM portal name')}/user_type/${pathSegment(ref.userTypeId, RECORD_ID, 'a Zoho CRM user type id')}/users`;

/** Ids cut into comma-separated lists that fit `personality_ids`. */
export function idLists(ids: readonly string[], maxChars = MAX_IDS_CHARS): string[] {
  const lists: string[] = [];
  let current = '';
  for (const id of ids) {
    const next = current ? `${current},${id}` : id;
    if (current && next.length > maxChars) {
      lists.push(current);
      current = id;
    } else {
      current = next;
    }
  }
  if (current) lists.push(current);
  return lists;
}

/**
 * When the user was last invited, as far as Zoho says: `invited_time` (user_type_users.json), else
 * `created_time`, the first invitation, which a re-invite does not move: a lower bound that still
 * proves an invitation younger than 7 days pending, and otherwise reads as old, as an unknown date
 * does (RULES.md). Given both, the later (no invitation precedes the user); an unreadable date is none.
 */
export function lastInvitedAt(user: Pick<CrmPortalUser, 'invited_time' | 'created_time'>): string | undefined {
  const times = [user.invited_time, user.created_time].map((t) => (t ? Date.parse(t) : Number.NaN)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : undefined;
}

/**
 * A portal user as RULES.md membership: deactivated before anything else (an unconfirmed user
 * cannot be deactivated), then unconfirmed = invited, with the time of the last invitation.
 */
export function portalMembership(user: CrmPortalUser): Membership {
  const at = lastInvitedAt(user);
  const invitedAt = at ? { invitedAt: at } : {};
  if (user.active === false) return { status: 'deactivated', ...invitedAt };
  if (user.confirm === false) return { status: 'invited', ...invitedAt };
  return { status: 'active', ...invitedAt };
}

/**
 * A portal user of another user type of the same portal, seen from this one: Zoho refuses to
 * invite them here as it refuses a member ("portal user already exists"), and neither a re-invite
 * nor an activation of this type applies to them. Read as a member (ALREADY_MEMBER); moving them
 * is the portal users' "change user type".
 */
export function otherTypeMembership(): Membership {
  return { status: 'active' };
}

/**
 * Whether a page of users was the last. user_type_users.json declares no paging parameters, so
 * nothing promises that Zoho honours `page` and `per_page` as the sandbox does: its `info` is
 * believed when it says (`more_records`), a page that brings no user not seen yet ends the list (a
 * server that ignores `page` answers the first page again), and a short page ends it when `info`
 * is silent. MAX_USER_PAGES bounds it whatever the server does.
 */
function isLastPage(size: number, fresh: number, info: { more_records?: boolean | null | undefined; per_page?: number | null | undefined } | null | undefined): boolean {
  if (fresh === 0) return true;
  if (typeof info?.more_records === 'boolean') return !info.more_records;
  return size < (info?.per_page ?? USERS_PAGE);
}

/** The users of a user type; with `personalityIds`, only those (in calls of ≤ 255 characters). */
export async function listPortalUsers(
  client: VendorClient, ref: UserTypeRef, personalityIds?: readonly string[], type = 'AllUsers',
): Promise<CrmPortalUser[]> {
  const filters = personalityIds ? idLists(personalityIds) : [undefined];
  const users: CrmPortalUser[] = [];
  const seen = new Set<string>();
  for (const ids of filters) {
    for (let page = 1; page <= MAX_USER_PAGES; page++) {
      const res = await client.request({
        method: 'GET', path: usersPath(ref), endpoint: EP.users, schema: CrmPortalUsers, accept: [204],
        // `type` is required by user_type_users.json, optional in the yaml: AllUsers satisfies both.
        searchParams: { type, page, per_page: USERS_PAGE, ...(ids ? { personality_ids: ids } : {}) },
      });
      const batch = res.status === 204 ? [] : (res.data?.users ?? []);
      const fresh = batch.filter((u) => !seen.has(u.personality_id));
      for (const u of fresh) seen.add(u.personality_id);
      users.push(...fresh);
      if (isLastPage(batch.length, fresh.length, res.data?.info)) break;
    }
  }
  return users;
}

/**
 * The four lists Zoho CRM's own portal-user filter offers (`type` of Get Users of a User Type, v6
 * docs: ActiveUsers, ConfirmedUsers, NotConfirmedUsers, DeactiveUsers). They overlap (an active
 * user may not have confirmed yet), so each user is also checked against its list's rule, in case
 * Zoho ignores `type`, and shown with its most telling state: deactivated, then unconfirmed.
 */
const STATUS_LISTS: Record<PortalUserStatus, { type: string; keep: (u: CrmPortalUser) => boolean }> = {
  active: { type: 'ActiveUsers', keep: (u) => u.active !== false },
  confirmed: { type: 'ConfirmedUsers', keep: (u) => u.confirm !== false },
  unconfirmed: { type: 'NotConfirmedUsers', keep: (u) => u.confirm === false },
  deactivated: { type: 'DeactiveUsers', keep: (u) => u.active === false },
};

export async function portalUsersWithStatus(client: VendorClient, ref: UserTypeRef, status: PortalUserStatus): Promise<PortalUser[]> {
  const list = STATUS_LISTS[status];
  const users = (await listPortalUsers(client, ref, undefined, list.type)).filter(list.keep);
  return users.map((u) => {
    const own: PortalUserStatus = u.active === false ? 'deactivated' : u.confirm === false ? 'unconfirmed' : status;
    const invitedAt = lastInvitedAt(u);
    return {
      personalityId: u.personality_id,
      // A portal user is the CRM record that was invited: its personality id is the record id.
      contactId: u.personality_id,
      ...(u.module ? { module: u.module } : {}),
      email: u.email ?? '',
      ...(u.name ? { name: u.name } : {}),
      status: own,
      ...(invitedAt ? { invitedAt } : {}),
    };
  });
}

/** Users that take a seat: active ones, confirmed or not (RULES.md: deactivated users do not count). */
export async function countActiveUsers(client: VendorClient, ref: UserTypeRef): Promise<number> {
  const res = await client.request({
    method: 'GET', path: usersPath(ref), endpoint: EP.users, schema: CrmPortalUsers, accept: [204],
    searchParams: { type: 'ActiveUsers', page: 1, per_page: 1 },
  });
  return res.status === 204 ? 0 : (res.data?.info?.total_count ?? res.data?.users.length ?? 0);
}

function resultOf(personalityId: string, answer: CrmActionAnswer | undefined): PortalUserResult {
  if (!answer) return { personalityId, ok: false, code: 'VENDOR_ERROR', message: 'Zoho CRM gave no result for this user' };
  const message = answer.message || answer.code;
  if (answer.code === 'SUCCESS') return { personalityId, ok: true, message };
  return { personalityId, ok: false, code: crmReason(answer.code, message), vendorCode: answer.code, message };
}

function answerFor(answers: readonly CrmActionAnswer[], personalityId: string): CrmActionAnswer | undefined {
  return answers.find((a) => String(a.details?.personality_id ?? '') === personalityId);
}

/** Runs an action answered with `users[]` on each list of ids; a refused list answers for its ids. */
async function perUser(ids: readonly string[], call: (list: string) => Promise<CrmActionAnswer[]>): Promise<PortalUserResult[]> {
  const results: PortalUserResult[] = [];
  for (const list of idLists(ids)) {
    let answers: CrmActionAnswer[];
    try {
      answers = await call(list);
    } catch (error) {
      if (!(error instanceof VendorRefusedError)) throw error;
      // 400 lists only the refused ids; the others of the list were not touched.
      const listed = CrmUsersAnswer.safeParse(error.body);
      answers = listed.success ? listed.data.users : [];
      const whole = firstAnswer(error.body) ?? { code: error.vendorCode ?? 'REFUSED', message: error.vendorMessage };
      for (const id of list.split(',')) {
        const own = answerFor(answers, id);
        results.push(own ? resultOf(id, own)
          : listed.success ? { personalityId: id, ok: false, code: 'VENDOR_ERROR', message: `not processed: Zoho CRM refused the call for another user (${whole.message || whole.code})` }
            : resultOf(id, whole));
      }
      continue;
    }
    for (const id of list.split(',')) results.push(resultOf(id, answerFor(answers, id)));
  }
  return results;
}

/** `DELETE …/users?personality_ids=` */
export function deletePortalUsers(client: VendorClient, ref: UserTypeRef, personalityIds: readonly string[]): Promise<PortalUserResult[]> {
  return perUser(personalityIds, async (list) => {
    const res = await client.request({ method: 'DELETE', path: usersPath(ref), endpoint: EP.remove, searchParams: { personality_ids: list }, schema: CrmUsersAnswer });
    return res.data?.users ?? [];
  });
}

/** `POST …/users/action/transfer?personality_ids=&transfer_To=`: to another user type of the same portal and module. */
export function transferPortalUsers(client: VendorClient, ref: UserTypeRef, personalityIds: readonly string[], toUserTypeId: string): Promise<PortalUserResult[]> {
  return perUser(personalityIds, async (list) => {
    const res = await client.request({
      method: 'POST', path: `${usersPath(ref)}/action/transfer`, endpoint: EP.transfer,
      searchParams: { personality_ids: list, transfer_To: toUserTypeId }, schema: CrmUsersAnswer,
    });
    return res.data?.users ?? [];
  });
}

/** `PUT …/users/{personality_id}/actions/change_status?active=`: one user, answered at once. */
export async function changePortalUserStatus(client: VendorClient, ref: UserTypeRef, personalityId: string, active: boolean): Promise<PortalUserResult> {
  try {
    const res = await client.request({
      method: 'PUT', path: `${usersPath(ref)}/${pathSegment(personalityId, RECORD_ID, 'a Zoho CRM portal user id')}/actions/change_status`, endpoint: EP.status,
      searchParams: { active }, schema: CrmChangeStatusAnswer,
    });
    return resultOf(personalityId, res.data?.change_status[0]);
  } catch (error) {
    if (error instanceof VendorRefusedError) return resultOf(personalityId, firstAnswer(error.body) ?? { code: error.vendorCode ?? 'REFUSED', message: error.vendorMessage });
    throw error;
  }
}

/**
 * `PUT …/users/actions/change_status` with `{change_status: [{users: [{personality_id, active}]}]}`
 * (≤ 100): Zoho schedules a job and answers its id. No call to follow that job is documented, so
 * the outcome is read back from the users of the type (listPortalUsers).
 */
export async function changePortalUsersStatusBulk(
  client: VendorClient, ref: UserTypeRef, changes: readonly { personalityId: string; active: boolean }[],
): Promise<{ jobId: string }> {
  if (changes.length === 0 || changes.length > 100) throw new RangeError('1 to 100 status changes per call');
  const res = await client.request({
    method: 'PUT', path: `${usersPath(ref)}/actions/change_status`, endpoint: EP.statusBulk, schema: CrmChangeStatusAnswer,
    json: { change_status: [{ users: changes.map((c) => ({ personality_id: c.personalityId, active: c.active })) }] },
  });
  const jobId = res.data?.change_status[0]?.details?.job_id;
  if (typeof jobId !== 'string' && typeof jobId !== 'number') {
    const answer = res.data?.change_status[0];
    throw new VendorRefusedError('zoho_crm', EP.statusBulk, res.status, answer?.code, answer?.message ?? 'no job id in the answer', res.data);
  }
  return { jobId: String(jobId) };
}
