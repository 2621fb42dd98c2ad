import { parseEmail } from '../../email';
import type { Contact } from '../../model';
import { AuthRequiredError, RateLimitedError, StoppedBeforeSendError, VendorRefusedError, type VendorRequest, type VendorResponse } from '../http';
import type { ItemOutcome, ItemResult, PollResult, Submission } from '../types';
import { createProblem, failed, isFailedJobResult, jobFailureText, jobProblem, readZendeskError, refusedItem } from './errors';
import { JobStatusAnswer, UserAnswer, type JobResult, type JobStatus } from './schemas';
import { mapLimit } from '../pool';
import { pathSegment, ZENDESK_JOB_ID } from '../path';

/** Look-ups made to read job failures in words Portier does not know, a few at a time. */
const READ_CONCURRENCY = 4;

/**
 * "Invite" on Zendesk (RULES.md, Destinations) is creating an end-user account with a name and an
 * email; Zendesk then sends its welcome/verification email. There is no invitation state on the
 * Zendesk side: afterwards the person simply is a user, which is why any existing user with the
 * address is ALREADY_MEMBER. Contacts reach this from anywhere (a CSV, a Desk or CRM record, a
 * Zendesk user of another account); a Zendesk user of this very account is already a member and
 * never gets here, the eligibility core stops it first.
 *
 * Bulk goes through `create_many` (≤ 100, an asynchronous job) when the signed-in person is an
 * admin. Bulk import is off until the account owner asks Zendesk (NOTES.md §1.3, a 403), and
 * agents may not use it either: both fall back to one `POST /api/v2/users` per contact, which
 * RULES.md says any agent may do. `create_or_update_many` is not used on purpose: it would rename
 * existing users, where Portier must leave them alone and report ALREADY_MEMBER.
 */

export interface CreateItem {
  contact: Contact;
  /** Position in the batch the engine sent. */
  position: number;
  email: string;
  /** Comparison key of the address (core/email.ts). */
  key: string;
  name: string;
}

export interface CreatePlan {
  /** One slot per contact of the batch; filled for contacts refused before any call. */
  results: (ItemResult | undefined)[];
  items: CreateItem[];
}

/**
 * Zendesk needs a name and an email. A contact without a name gets its address's local part, as
 * Zendesk itself names users who write in without one. Addresses that are missing or malformed are
 * refused here with the code the vendor's refusal would map to, and never sent.
 */
export function planCreates(contacts: readonly Contact[]): CreatePlan {
  const results: (ItemResult | undefined)[] = contacts.map(() => undefined);
  const items: CreateItem[] = [];
  contacts.forEach((contact, position) => {
    const parsed = parseEmail(contact.email);
    if (!parsed.ok && parsed.problem === 'missing') {
      results[position] = failed('EMAIL_MISSING', 'The contact has no email address; Zendesk needs one to create an end user.');
    } else if (!parsed.ok) {
      results[position] = failed('EMAIL_MALFORMED', `"${parsed.trimmed}" is not a valid email address.`);
    } else {
      const name = contact.name?.trim() || parsed.local;
      items.push({ contact, position, email: parsed.display, key: parsed.key, name });
    }
  });
  return { results, items };
}

export function outcomesOf(contacts: readonly Contact[], results: readonly (ItemResult | undefined)[]): ItemOutcome[] {
  return contacts.flatMap((contact, i) => {
    const result = results[i];
    return result ? [{ contactId: contact.id, result }] : [];
  });
}

export interface InviteContext {
  call<T>(req: VendorRequest<T>): Promise<VendorResponse<T>>;
  /** Whether a user with this address exists now (search by email). */
  userExists(email: string): Promise<boolean>;
  /**
   * Addresses this connector may have created: a create that got no readable answer, or a user it
   * made before a batch was cut short. When the engine sends the batch again, Zendesk refuses these
   * as DuplicateValue; they were Portier's own invitations, reported `invited`, and sent once.
   */
  ledger: Set<string>;
  /** Send Zendesk's verification email on create (`skip_verify_email` otherwise). */
  verifyEmail: boolean;
}

/** A failure after which the request may have taken effect on Zendesk's side (not one our throttle stopped before it left). */
function ambiguous(error: unknown): boolean {
  return !(error instanceof RateLimitedError || error instanceof AuthRequiredError || error instanceof VendorRefusedError || error instanceof StoppedBeforeSendError);
}

function userInput(item: CreateItem, verifyEmail: boolean) {
  return { name: item.name, email: item.email, ...(verifyEmail ? {} : { skip_verify_email: true }) };
}

function duplicate(ctx: InviteContext, key: string): ItemResult {
  return ctx.ledger.has(key) ? { status: 'invited' } : { status: 'already_member' };
}

/**
 * One `POST /api/v2/users` per contact, in order. A 403 refuses the rest without calling again.
 * Answers whether the caller's throttle stopped it (a cancel): the items from there on were never
 * sent, and have no result.
 */
export async function createOneByOne(ctx: InviteContext, plan: CreatePlan): Promise<{ stopped: boolean }> {
  let refusal: VendorRefusedError | undefined;
  for (const item of plan.items) {
    if (refusal) {
      plan.results[item.position] = refusedItem(refusal);
      continue;
    }
    try {
      const res = await ctx.call({
        method: 'POST',
        path: 'api/v2/users',
        endpoint: 'POST /api/v2/users',
        json: { user: userInput(item, ctx.verifyEmail) },
        schema: UserAnswer,
        accept: [422],
      });
      if (res.status === 422) {
        const { problem, vendorCode } = createProblem(res.body);
        const { message } = readZendeskError(res.body, 422);
        plan.results[item.position] =
          problem === 'duplicate' ? duplicate(ctx, item.key)
          : problem === 'malformed' ? failed('EMAIL_MALFORMED', message, vendorCode)
          : failed('VENDOR_ERROR', message, vendorCode ?? 'RecordInvalid');
      } else {
        ctx.ledger.add(item.key);
        plan.results[item.position] = { status: 'invited' };
      }
    } catch (error) {
      if (error instanceof VendorRefusedError) {
        plan.results[item.position] = refusedItem(error);
        if (error.status === 403) refusal = error;
        continue;
      }
      // Stopped before it left: this one and the rest were never sent (only a cancel is told apart:
      // a lost lease leaves the batch to the next holder, which reconciles it).
      if (error instanceof StoppedBeforeSendError && error.why === 'cancelled') return { stopped: true };
      if (ambiguous(error)) ctx.ledger.add(item.key);
      throw error;
    }
  }
  return { stopped: false };
}

/** `POST /api/v2/users/create_many`: a job to poll. Throws VendorRefusedError 403 when bulk import is off. */
export async function startCreateMany(ctx: InviteContext, plan: CreatePlan): Promise<JobStatus> {
  try {
    const res = await ctx.call({
      method: 'POST',
      path: 'api/v2/users/create_many',
      endpoint: 'POST /api/v2/users/create_many',
      json: { users: plan.items.map((item) => userInput(item, ctx.verifyEmail)) },
      schema: JobStatusAnswer,
    });
    return (res.data as { job_status: JobStatus }).job_status;
  } catch (error) {
    if (ambiguous(error)) for (const item of plan.items) ctx.ledger.add(item.key);
    throw error;
  }
}

/** Zendesk jobs wait in a queue, then work through items; poll sooner when little is left. */
export function pollDelay(job: JobStatus): number {
  if (job.status === 'queued') return 2_000;
  const left = Math.max(0, (job.total ?? 0) - (job.progress ?? 0));
  return Math.min(10_000, Math.max(1_000, left * 50));
}

/**
 * Each item's result, matched by the `index` Zendesk gives it (NOTES.md §1.3), never by position; a
 * failed item without one carries its index as `id` (KB sample), and a result naming the address is
 * matched by it. A result that cannot be tied to one item (an index missing, out of range or given
 * twice, `{success}` instead of an array, a `total` that is not the items') settles nothing: the
 * item gets no outcome, and the engine reconciles it from memberships, waiting out Zendesk's search
 * lag (core/jobs bounds.ts MEMBERSHIP_LAG_MS) before it ends anything for good. Searching here at
 * once would miss a user made seconds ago and call it failed. A failure whose text is not one
 * Portier reads (another language) is settled by looking the address up.
 */
export async function settleJob(ctx: InviteContext, plan: CreatePlan, job: JobStatus): Promise<void> {
  const results = Array.isArray(job.results) ? job.results : [];
  const count = plan.items.length;
  // A job of another size than the items at hand numbers other items: only addresses match then.
  const sized = job.total == null || job.total === count;
  const byIndex = claims(results.map((r) => (sized ? resultIndex(r, count) : undefined)));
  const byEmail = claims(results.map((r) => resultKey(r)));
  await mapLimit([...plan.items.entries()], READ_CONCURRENCY, async ([index, item]) => {
    const r = byEmail.get(item.key) ?? byIndex.get(index);
    // Another item's address on the result at this index: it is not this item's.
    const key = r && resultKey(r);
    if (r && (key === undefined || key === item.key)) plan.results[item.position] = await itemResult(ctx, item, r);
    // No result of its own: Zendesk may have made the user; a resend refused as a duplicate is ours.
    else ctx.ledger.add(item.key);
  });

  /** The results each key names, keeping only keys named exactly once (a second claim makes both unreadable). */
  function claims<K>(keys: (K | undefined)[]): Map<K, JobResult> {
    const found = new Map<K, JobResult | null>();
    keys.forEach((k, i) => {
      if (k !== undefined) found.set(k, found.has(k) ? null : results[i]!);
    });
    return new Map([...found].filter((e): e is [K, JobResult] => e[1] !== null));
  }
}

/** The item a result names by its `index`, or (a failed one without it, KB sample) by its `id`. */
function resultIndex(r: JobResult, count: number): number | undefined {
  const index = r.index ?? (isFailedJobResult(r) && typeof r.id === 'number' ? r.id : undefined);
  return index != null && index < count ? index : undefined;
}

function resultKey(r: JobResult): string | undefined {
  const parsed = r.email ? parseEmail(r.email) : undefined;
  return parsed?.ok ? parsed.key : undefined;
}

async function itemResult(ctx: InviteContext, item: CreateItem, r: JobResult): Promise<ItemResult> {
  if (!isFailedJobResult(r)) {
    ctx.ledger.add(item.key);
    return { status: 'invited' };
  }
  const text = jobFailureText(r);
  switch (jobProblem(r)) {
    case 'duplicate':
      return duplicate(ctx, item.key);
    case 'malformed':
      return failed('EMAIL_MALFORMED', text, r.error ?? undefined);
    default:
      return (await ctx.userExists(item.email)) ? duplicate(ctx, item.key) : failed('VENDOR_ERROR', text, r.error ?? undefined);
  }
}

/**
 * The items a job was started with, in request order, for poll(): the job engine may hand poll()
 * the whole batch, members it did not send included. `jobKeys` (kept by the connector when it
 * started the job) picks the sent ones out; without it the contacts are taken as sent.
 */
export function planForJob(contacts: readonly Contact[], jobKeys: readonly string[] | undefined): CreatePlan {
  const plan = planCreates(contacts);
  if (!jobKeys) return plan;
  const byKey = new Map(plan.items.map((item) => [item.key, item]));
  const items = jobKeys.map((key) => byKey.get(key)).filter((item): item is CreateItem => item !== undefined);
  return { results: plan.results, items };
}

export async function pollCreateMany(ctx: InviteContext, plan: CreatePlan, contacts: readonly Contact[], jobId: string): Promise<PollResult> {
  const res = await ctx.call({
    method: 'GET',
    path: `api/v2/job_statuses/${pathSegment(jobId, ZENDESK_JOB_ID, 'a Zendesk job id')}`,
    endpoint: 'GET /api/v2/job_statuses/{id}',
    schema: JobStatusAnswer,
    // Job statuses are kept a day (NOTES.md §1.3); after that the users themselves say what happened.
    accept: [404],
  });
  const job = res.status === 404 ? undefined : res.data?.job_status;
  if (job && (job.status === 'queued' || job.status === 'working')) return { kind: 'running', pollAfterMs: pollDelay(job) };
  // A failed or killed job may have done part of the work: its results say what they can.
  if (job) await settleJob(ctx, plan, job);
  // A job Zendesk no longer knows says nothing: its items are the engine's to reconcile.
  else for (const item of plan.items) ctx.ledger.add(item.key);
  return { kind: 'done', outcomes: outcomesOf(contacts, plan.results) };
}

/**
 * The outcomes the connector can vouch for. Contacts without a result (not in the job, or whose
 * result could not be matched) get none: the engine reconciles them, never assumes (worker.ts).
 */
export function done(contacts: readonly Contact[], plan: CreatePlan): Submission {
  return { kind: 'done', outcomes: outcomesOf(contacts, plan.results) };
}
