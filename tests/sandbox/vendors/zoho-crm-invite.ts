/**
 * Client-portal invitations of Zoho CRM records (portal_users.yaml singleInviteUser, inviteUsers,
 * getScheduledInviteUsersInfo; portal_invite.json; NOTES.md §3.1-3.2). One decision function serves
 * the single invite and each item of a bulk job, so both refuse for the same reasons with the same
 * codes: the documented ones, and for the failure reasons without one, the codes of
 * zoho-crm-codes.ts. `type=invite` to an existing portal user is DUPLICATE_DATA; `type=reinvite`
 * re-sends an unconfirmed user's invitation and is CANNOT_PROCESS otherwise (NOTES.md: an inference,
 * [UNCONFIRMED]).
 *
 * A bulk job created while `settings.crmJob.stuck` is on applies its first `stuckAfterItems` items
 * (all by default) and then stays `in_progress` for ever, `data: null`: a status that never completes.
 */
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';
import type { Context, Hono } from 'hono';
import type { CrmJob, CrmJobItem, CrmOrg, CrmPortalUser } from '../model';
import type { SandboxState } from '../state';
import { emailDomain, emailKey, inDomains, indexed, isObject, nextNumericId } from '../util';
import { json, readJson, type SandboxEnv } from './http';
import { hasScope } from './zoho-auth';
import { CRM_FAILURE_REASONS, CRM_INVITE_ERRORS, CRM_INVITE_SUCCESS_MESSAGE } from './zoho-crm-codes';
import { crmError, findModule, INVALID_MODULE, NO_PERMISSION, SCOPE_MISMATCH, seatsUsed, type CrmVars } from './zoho-crm-model';

/** NOTES.md §3.1: the 28 locales of `language`; default en_US. */
export const CRM_LANGUAGES = ['en_US', 'en_GB', 'bg_BG', 'zh_CN', 'zh_TW', 'hr_HR', 'ar_EG', 'in_ID', 'cs_CZ', 'da_DK', 'nl_NL', 'fr_FR', 'de_DE', 'hu_HU', 'hi_IN', 'it_IT', 'ja_JP', 'pl_PL', 'pt_BR', 'pt_PT', 'ru_RU', 'es_ES', 'sv_SE', 'th_TH', 'tr_TR', 'vi_VN', 'ko_KR', 'iw_IL'];

/** CRM failure reason 5: only A-Z a-z 0-9 @ . - _ + (RULES.md EMAIL_UNSUPPORTED_CHARACTERS). */
const PORTAL_EMAIL_CHARACTERS = /^[A-Za-z0-9@._+-]+$/;

export interface InviteRequest {
  module: string;
  recordId: string;
  userTypeId: string;
  type: 'invite' | 'reinvite';
  language?: string;
}

export type InviteOutcome =
  | { ok: true; code: 'SUCCESS'; message: string; kind: 'invite' | 'reinvite' }
  | { ok: false; code: string; message: string; details: Record<string, unknown> };

const refuse = (e: { code: string; message: string }, details: Record<string, unknown> = {}): InviteOutcome => ({ ok: false, ...e, details });

// The package's own isDisposableEmailDomain rebuilds its Set on every call: build it once.
let disposable: Set<string> | undefined;

function isDisposable(email: string): boolean {
  disposable ??= disposableEmailBlocklistSet();
  const set = disposable;
  const domain = emailDomain(email);
  if (!domain) return false;
  const parts = domain.split('.');
  // The domain and each parent domain (RULES.md "Disposable matching checks the domain and each parent").
  return parts.some((_, i) => i < parts.length - 1 && set.has(parts.slice(i).join('.')));
}

/** Decides, and on success sends, one invitation. */
export function invitePortalUser(state: SandboxState, org: CrmOrg, request: InviteRequest): InviteOutcome {
  const userType = org.userTypes.find((ut) => ut.id === request.userTypeId);
  if (!userType || userType.module !== request.module || !userType.active) {
    return refuse({ code: 'INVALID_DATA', message: 'invalid data' }, { param_name: 'user_type_id' });
  }
  const record = indexed(org.records, 'id', (r) => [r.id]).get(request.recordId)?.find((r) => r.module === request.module);
  if (!record) return refuse({ code: 'INVALID_DATA', message: 'the id given seems to be invalid' }, { id: request.recordId });
  const withId = { record_id: record.id };
  if (record.state === 'deleted') return refuse(CRM_FAILURE_REASONS.deleted, withId);
  if (record.state === 'recycle_bin') return refuse(CRM_FAILURE_REASONS.recycleBin, withId);
  if (record.approvalState === 'approval_process_pending') return refuse(CRM_INVITE_ERRORS.notApproved, withId);
  if (record.approvalState === 'review_process_pending') return refuse(CRM_INVITE_ERRORS.notReviewed, withId);
  const email = record.Email?.trim();
  if (!email) return refuse(CRM_INVITE_ERRORS.noEmail);
  if (!PORTAL_EMAIL_CHARACTERS.test(email)) return refuse(CRM_FAILURE_REASONS.unsupportedCharacters, withId);
  if (isDisposable(email)) return refuse(CRM_FAILURE_REASONS.disposable, withId);
  if (inDomains(email, org.companyDomains)) return refuse(CRM_FAILURE_REASONS.companyDomain, withId);
  if (org.consentRequired && record.consent === 'missing') return refuse(CRM_FAILURE_REASONS.consentMissing, withId);

  const portalTypes = new Set(org.userTypes.filter((ut) => ut.portal === userType.portal).map((ut) => ut.id));
  const existing = indexed(org.portalUsers, 'email', (u) => [emailKey(u.email)]).get(emailKey(email))?.find((u) => portalTypes.has(u.userTypeId));
  const at = state.iso();
  const target = `zoho_crm.portal:${userType.id}`;
  if (request.type === 'reinvite') {
    if (!existing || existing.confirm || !existing.active || existing.userTypeId !== userType.id) return refuse(CRM_INVITE_ERRORS.cannotProcess, withId);
    existing.invitedTime = at;
    state.counters.invitation({ at, target, email, kind: 'reinvite', recordId: record.id });
    return { ok: true, code: 'SUCCESS', message: CRM_INVITE_SUCCESS_MESSAGE, kind: 'reinvite' };
  }
  if (existing) return refuse(CRM_INVITE_ERRORS.duplicate, withId);
  if (seatsUsed(org, userType) >= userType.seats) return refuse(CRM_INVITE_ERRORS.licenseLimit, { ...withId, limit: userType.seats });
  const user: CrmPortalUser = {
    personalityId: record.id,
    userTypeId: userType.id,
    module: record.module,
    name: [record.First_Name, record.Last_Name].filter(Boolean).join(' '),
    email,
    confirm: false,
    active: true,
    statusReason: 'Invited',
    createdTime: at,
    invitedTime: at,
  };
  org.portalUsers.push(user);
  state.counters.invitation({ at, target, email, kind: 'invite', recordId: record.id });
  return { ok: true, code: 'SUCCESS', message: CRM_INVITE_SUCCESS_MESSAGE, kind: 'invite' };
}

export function itemDoneAt(state: SandboxState, createdAt: number, index: number): number {
  const { scheduledMs, perItemMs } = state.settings.crmJob;
  return createdAt + scheduledMs + (index + 1) * perItemMs;
}

/** Runs every bulk-invite item whose time has come, in the order the jobs were scheduled. */
export function advanceCrmJobs(state: SandboxState, org: CrmOrg): void {
  const now = state.now();
  for (const job of org.jobs) {
    const last = Math.min(job.items.length, job.stuckAfter ?? job.items.length);
    while (job.results.length < last && itemDoneAt(state, job.createdAt, job.results.length) <= now) {
      const item = job.items[job.results.length];
      if (!item) break;
      const outcome = invitePortalUser(state, org, { module: job.module, recordId: item.id, userTypeId: item.userTypeId, type: item.type, ...(item.language ? { language: item.language } : {}) });
      job.results.push({ details: { id: item.id }, code: outcome.code, message: outcome.message, status: outcome.ok ? 'success' : 'error' });
    }
  }
}

type Env = SandboxEnv<CrmVars>;

function bulkError(status: 400, code: 'MANDATORY_NOT_FOUND' | 'INVALID_DATA', message: string, details: Record<string, unknown>) {
  return json({ portal_invite: [{ code, details, message, status: 'error' }] }, status);
}

const invitePermission = (c: Context<Env>) => (c.get('user').portalPermission ? undefined : NO_PERMISSION());

export function registerCrmInvites(app: Hono<Env>, state: SandboxState): void {
  // singleInviteUser: query parameters only, no body.
  app.post('/crm/v8/:module/:record{[0-9]+}/actions/portal_invite', (c) => {
    if (!hasScope(c, 'ZohoCRM.settings.clientportal.CREATE')) return SCOPE_MISMATCH();
    const denied = invitePermission(c);
    if (denied) return denied;
    const module = findModule(c.req.param('module'));
    const q = c.req.query();
    for (const param of ['user_type_id', 'type'] as const) {
      if (!q[param]) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param });
    }
    if (q.type !== 'invite' && q.type !== 'reinvite') return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'type' });
    if (q.language !== undefined && q.language !== '' && !CRM_LANGUAGES.includes(q.language)) {
      return crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'language' });
    }
    if (!module) return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'module' });
    const outcome = invitePortalUser(state, state.data.crm, {
      module, recordId: c.req.param('record'), userTypeId: q.user_type_id ?? '', type: q.type, ...(q.language ? { language: q.language } : {}),
    });
    if (!outcome.ok) return crmError(400, outcome.code, outcome.message, outcome.details);
    return c.json({ portal_invite: [{ code: 'SUCCESS', details: { record_id: c.req.param('record') }, message: outcome.message, status: 'success' }] });
  });

  // inviteUsers: {portal_invite:[{data:[{id,user_type_id,type,language}]}]}, ≤ 100, one job per entry.
  app.post('/crm/v8/:module/actions/portal_invite', async (c) => {
    if (!hasScope(c, 'ZohoCRM.settings.clientportal.CREATE')) return SCOPE_MISMATCH();
    const denied = invitePermission(c);
    if (denied) return denied;
    const module = findModule(c.req.param('module'));
    const body = await readJson(c);
    if (!body.ok) {
      const expected = body.reason === 'content-type' ? { expected_content_type: 'application/json' } : { expected_data_type: 'jsonobject' };
      return bulkError(400, 'INVALID_DATA', 'body', expected);
    }
    if (!module) return bulkError(400, 'INVALID_DATA', 'invalid data', { api_name: 'module' });
    const entries = isObject(body.value) ? body.value.portal_invite : undefined;
    if (!Array.isArray(entries) || entries.length === 0) {
      return bulkError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'portal_invite', json_path: '$.portal_invite' });
    }
    const jobs: CrmJobItem[][] = [];
    let total = 0;
    for (const [i, entry] of entries.entries()) {
      const data = isObject(entry) ? entry.data : undefined;
      if (!Array.isArray(data)) return bulkError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data', json_path: `$.portal_invite[${i}].data` });
      total += data.length;
      // portal_users.yaml: maxItems 100 on portal_invite[] and on data[]; the prose says "up to 100
      // invitation objects", read here as 100 in all [server cap UNCONFIRMED].
      if (data.length > MAX_INVITES || total > MAX_INVITES) {
        return bulkError(400, 'INVALID_DATA', `the number of invitations exceeds the limit of ${MAX_INVITES}`, { api_name: 'data', json_path: `$.portal_invite[${i}].data`, maximum_length: MAX_INVITES });
      }
      const items: CrmJobItem[] = [];
      for (const [j, raw] of data.entries()) {
        const item = isObject(raw) ? raw : {};
        for (const field of ['id', 'user_type_id', 'type'] as const) {
          if (typeof item[field] !== 'string' || item[field] === '') {
            return bulkError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: field, json_path: `$.portal_invite[${i}].data[${j}].${field}` });
          }
        }
        if (item.type !== 'invite' && item.type !== 'reinvite') {
          return bulkError(400, 'INVALID_DATA', 'invalid data', { api_name: 'type', json_path: `$.portal_invite[${i}].data[${j}].type` });
        }
        const language = typeof item.language === 'string' && item.language ? item.language : undefined;
        if (language && !CRM_LANGUAGES.includes(language)) {
          return bulkError(400, 'INVALID_DATA', 'invalid data', { api_name: 'language', json_path: `$.portal_invite[${i}].data[${j}].language` });
        }
        items.push({ id: String(item.id), userTypeId: String(item.user_type_id), type: item.type, ...(language ? { language } : {}) });
      }
      jobs.push(items);
    }
    const org = state.data.crm;
    const { stuck, stuckAfterItems } = state.settings.crmJob;
    const created = jobs.map((items) => {
      const job: CrmJob = {
        id: nextNumericId(org, '5843104'), module, createdAt: state.now(), items, results: [],
        ...(stuck ? { stuckAfter: Math.min(items.length, stuckAfterItems ?? items.length) } : {}),
      };
      org.jobs.push(job);
      return { code: 'SCHEDULED', details: { job_id: job.id }, message: 'Portal bulk invite scheduled successfully', status: 'success' };
    });
    return c.json({ portal_invite: created });
  });

  // getScheduledInviteUsersInfo: ?job_id= (optional in the yaml, required in portal_invite.json: the
  // newer yaml and NOTES.md §3.2 "without job_id it lists all previous jobs" are followed); 204 for an
  // unknown job.
  app.get('/crm/v8/:module/actions/portal_invite', (c) => {
    if (!hasScope(c, 'ZohoCRM.settings.clientportal.READ')) return SCOPE_MISMATCH();
    const module = findModule(c.req.param('module'));
    if (!module) return INVALID_MODULE();
    const org = state.data.crm;
    advanceCrmJobs(state, org);
    const jobId = c.req.query('job_id');
    const jobs = org.jobs.filter((j) => j.module === module && (!jobId || j.id === jobId));
    if (jobs.length === 0) return c.body(null, 204);
    return c.json({ portal_invite: jobs.slice(-100).map((job) => {
      const done = job.stuckAfter === undefined && job.results.length === job.items.length;
      const started = state.now() >= job.createdAt + state.settings.crmJob.scheduledMs;
      // NOTES.md §3.2 (v5 docs): data is null until the job has completed.
      return { job_id: job.id, status: done ? 'completed' : started ? 'in_progress' : 'scheduled', data: done ? job.results : null };
    }) });
  });
}

const MAX_INVITES = 100;
