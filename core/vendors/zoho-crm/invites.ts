import type { Contact } from '../../model';
import { VendorRefusedError, VendorResponseError, type VendorClient } from '../http';
import type { ItemResult } from '../types';
import { crmItemResult, crmRefusalResult } from './errors';
import { CrmInviteJobs, CrmPortalInviteAnswer } from './schemas';
import { CRM_MODULE, pathSegment, RECORD_ID } from '../path';

/**
 * Portal invitations (portal_users.yaml singleInviteUser, inviteUsers, getScheduledInviteUsersInfo;
 * NOTES.md §3.1–3.2). One record: a single call answered at once. Several: one bulk call of ≤ 100
 * that Zoho schedules as a job, followed until `completed`, when each record has its code.
 * Every call is about one module: the module of the user type's records (`personality_module`).
 */

export type InviteType = 'invite' | 'reinvite';

/** portal_users.yaml: ≤ 100 invitations per bulk call. */
export const CRM_BATCH_SIZE = 100;
/**
 * When to look at a job again. Zoho documents no timing; the sandbox keeps a job scheduled 2 s,
 * then 20 ms per record [UNCONFIRMED for the real service].
 */
export const CRM_JOB_POLL_MS = 2_000;

const EP = {
  one: 'POST /crm/v8/{module}/{id}/actions/portal_invite',
  many: 'POST /crm/v8/{module}/actions/portal_invite',
  job: 'GET /crm/v8/{module}/actions/portal_invite',
} as const;

/**
 * The job id handed to the engine also names the module the job is about (`Contacts:5843…`), since
 * the status call is made on the module's path: polling needs nothing but the id.
 */
export function jobRef(module: string, jobId: string): string {
  return `${module}:${jobId}`;
}

export function parseJobRef(ref: string): { module: string; jobId: string } {
  const at = ref.lastIndexOf(':');
  if (at <= 0 || at === ref.length - 1) throw new Error(`not a Zoho CRM invite job id: ${ref}`);
  return { module: ref.slice(0, at), jobId: ref.slice(at + 1) };
}

/** A record of another module cannot be a user of this user type: it is not sent. */
export function moduleMismatch(contact: Contact, module: string): ItemResult {
  return {
    status: 'failed', code: 'VENDOR_ERROR',
    message: `A record of ${contact.module ?? 'another module'} cannot join a portal user type of ${module} records`,
  };
}

/** `POST /crm/v8/{module}/{id}/actions/portal_invite?user_type_id=&type=`: query only, no body. */
export async function inviteOne(
  client: VendorClient, module: string, recordId: string, userTypeId: string, type: InviteType, language?: string,
): Promise<ItemResult> {
  try {
    const res = await client.request({
      method: 'POST', path: `crm/v8/${pathSegment(module, CRM_MODULE, 'a Zoho CRM module name')}/${pathSegment(recordId, RECORD_ID, 'a Zoho CRM record id')}/actions/portal_invite`,
      endpoint: EP.one, searchParams: { user_type_id: userTypeId, type, ...(language ? { language } : {}) }, schema: CrmPortalInviteAnswer,
    });
    const [answer] = res.data?.portal_invite ?? [];
    return answer ? crmItemResult(answer) : { status: 'failed', code: 'VENDOR_ERROR', message: 'Zoho CRM gave no result' };
  } catch (error) {
    if (error instanceof VendorRefusedError) return crmRefusalResult(error);
    throw error;
  }
}

/** `POST /crm/v8/{module}/actions/portal_invite`: schedules a job and answers its id. */
export async function scheduleInvites(
  client: VendorClient, module: string, recordIds: readonly string[], userTypeId: string, type: InviteType, language?: string,
): Promise<string> {
  if (recordIds.length === 0 || recordIds.length > CRM_BATCH_SIZE) throw new RangeError(`1 to ${CRM_BATCH_SIZE} records per bulk invitation`);
  const res = await client.request({
    method: 'POST', path: `crm/v8/${pathSegment(module, CRM_MODULE, 'a Zoho CRM module name')}/actions/portal_invite`, endpoint: EP.many, schema: CrmPortalInviteAnswer,
    json: { portal_invite: [{ data: recordIds.map((id) => ({ id, user_type_id: userTypeId, type, ...(language ? { language } : {}) })) }] },
  });
  const [answer] = res.data?.portal_invite ?? [];
  const jobId = answer?.details?.job_id;
  if (answer?.code !== 'SCHEDULED' || (typeof jobId !== 'string' && typeof jobId !== 'number')) {
    throw new VendorResponseError('zoho_crm', EP.many, `expected SCHEDULED with a job_id, got ${answer?.code ?? 'nothing'}`);
  }
  return String(jobId);
}

export type InviteJob = { done: false } | { done: true; results: Map<string, ItemResult> };

/**
 * `GET /crm/v8/{module}/actions/portal_invite?job_id=`: `scheduled` / `in_progress` with `data: null`,
 * then `completed` with one `{details.id, code, message}` per record. A job Zoho does not know (204)
 * is an error: its invitations may or may not have gone, so the engine must read memberships back.
 */
export async function readInviteJob(client: VendorClient, module: string, jobId: string): Promise<InviteJob> {
  const res = await client.request({
    method: 'GET', path: `crm/v8/${pathSegment(module, CRM_MODULE, 'a Zoho CRM module name')}/actions/portal_invite`, endpoint: EP.job,
    searchParams: { job_id: jobId }, schema: CrmInviteJobs, accept: [204],
  });
  const job = res.status === 204 ? undefined : res.data?.portal_invite.find((j) => j.job_id === jobId);
  if (!job) throw new VendorResponseError('zoho_crm', EP.job, `Zoho CRM does not know invite job ${jobId}`);
  if (job.status.toLowerCase() !== 'completed' || !job.data) return { done: false };
  const results = new Map<string, ItemResult>();
  for (const item of job.data) {
    const id = item.details?.id;
    if (id) results.set(id, crmItemResult(item));
  }
  return { done: true, results };
}
