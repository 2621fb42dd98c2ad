/**
 * Zendesk bulk user jobs (create_many, create_or_update_many) and their job statuses. A job is
 * `queued`, then `working` one item at a time, then `completed` (sandbox time, state.settings); each
 * item's effect (a new user, an invitation) happens when the item is processed, so a search during
 * the job sees exactly the users made so far. Results keep the request's order (NOTES.md §1.3).
 *
 * Result items take the three shapes of the spec's JobStatusResultObject oneOf: created
 * `{id, index, status: "Created"}`, updated `{id, action, success, status: "Updated"}` and failed
 * `{id, action, success: false, error, details}` with `id` the item's index, as in the KB sample.
 * The KB sample also shows `status: "Failed"` on a failed item; the spec's oneOf cannot tell such an
 * item from an update, so it is left out and a client should key on `success === false`.
 *
 * A job created while `settings.zendeskJob.stuck` is on never leaves `queued` and applies nothing
 * (the vendor job that is never picked up), and counts as active for the job limit for ever.
 */
import type { ZendeskAccount, ZendeskJob, ZendeskJobResult } from '../model';
import type { SandboxState } from '../state';
import { randomHex } from '../util';
import { createUser, findByEmail, parseUserInput } from './zendesk-model';

/** KB 8050017386522 gives "700 calls and 30 jobs" as an example of the job limit. */
export const MAX_ACTIVE_JOBS = 30;
export const MAX_USERS_PER_JOB = 100;

export function newJob(state: SandboxState, account: ZendeskAccount, users: unknown[], upsert: boolean): ZendeskJob {
  const job: ZendeskJob = {
    id: randomHex(16),
    jobType: upsert ? 'Create Or Update Many Users' : 'Create Many Users',
    upsert,
    createdAt: state.now(),
    items: users,
    results: [],
    ...(state.settings.zendeskJob.stuck ? { stuck: true } : {}),
  };
  account.jobs.push(job);
  return job;
}

function itemDoneAt(state: SandboxState, job: ZendeskJob, index: number): number {
  const { queuedMs, perItemMs } = state.settings.zendeskJob;
  return job.createdAt + queuedMs + (index + 1) * perItemMs;
}

/** Applies every item whose time has come, in order, across the account's jobs. */
export function advanceJobs(state: SandboxState, account: ZendeskAccount): void {
  const now = state.now();
  const pending = account.jobs.filter((j) => !j.stuck && j.results.length < j.items.length).sort((a, b) => a.createdAt - b.createdAt);
  for (const job of pending) {
    while (job.results.length < job.items.length && itemDoneAt(state, job, job.results.length) <= now) {
      const index = job.results.length;
      job.results.push(processItem(state, account, job, index, job.items[index]));
    }
  }
}

function processItem(state: SandboxState, account: ZendeskAccount, job: ZendeskJob, index: number, raw: unknown): ZendeskJobResult {
  const action = job.upsert ? 'create_or_update' : 'create';
  const error = job.upsert ? 'UserUpdateError' : 'UserCreateError';
  if (job.upsert && raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    const existing =
      (typeof r.email === 'string' ? findByEmail(account, r.email) : undefined) ??
      (typeof r.external_id === 'string'
        ? account.users.find((u) => u.external_id?.toLowerCase() === String(r.external_id).toLowerCase())
        : undefined);
    if (existing) {
      if (typeof r.name === 'string' && r.name.trim()) existing.name = r.name.trim();
      // External ids match without case and are rewritten to the case sent (NOTES.md §1.2).
      if (typeof r.external_id === 'string') existing.external_id = r.external_id;
      existing.updated_at = state.iso();
      return { id: existing.id, action: 'update', success: true, status: 'Updated' };
    }
  }
  const parsed = parseUserInput(raw, account);
  if (!parsed.ok) {
    const details = Object.values(parsed.details).flat().map((d) => d.description).join(' ');
    return { id: index, action, success: false, error, details };
  }
  const user = createUser(state, account, parsed.input);
  return { id: user.id, index, status: 'Created', ...(user.email ? { email: user.email } : {}) };
}

export function activeJobs(account: ZendeskAccount): number {
  return account.jobs.filter((j) => j.results.length < j.items.length).length;
}

export function serializeJob(state: SandboxState, account: ZendeskAccount, job: ZendeskJob) {
  advanceJobs(state, account);
  const total = job.items.length;
  const done = job.results.length;
  const queued = job.stuck || (state.now() < job.createdAt + state.settings.zendeskJob.queuedMs && done === 0);
  const completed = done === total;
  return {
    id: job.id,
    url: `${state.origin(`${account.subdomain}.zendesk.localhost`)}/api/v2/job_statuses/${job.id}.json`,
    job_type: job.jobType,
    total,
    progress: queued ? null : done,
    status: completed ? 'completed' : queued ? 'queued' : 'working',
    message: completed ? `Completed at ${state.iso(itemDoneAt(state, job, total - 1))}` : null,
    results: completed ? job.results : null,
  };
}
