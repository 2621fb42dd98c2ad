import type { PortierDb } from '../db';
import { invitationId, type BulkPlan, type Contact, type Invitation, type Job, type PortierEvent, type Target, type Verdict } from '../model';
import type { SendAction } from '../vendors/types';
import { ENGINE_REASONS, plannedStart, skipped } from './outcomes';
import { detailOf } from './store';

/**
 * Step 3 of DESIGN.md's data flow: the agent confirmed, the background writes the job to the outbox
 * and answers at once with its id. Nothing is sent here: the engine picks the job up from Dexie, so
 * the job survives the service worker whatever happens next.
 */

export interface NewJobInput {
  target: Target;
  /** The contacts as the vendor API gave them (the engine sends these records, not page data). */
  contacts: Contact[];
  /** planBulk's answer for these contacts on this target (or its items): one verdict per contact id. */
  plan: Pick<BulkPlan, 'items'> | BulkPlan['items'];
  now: Date;
  /**
   * What the agent selected that is no contact here (an unknown id, an address nobody has, the
   * same person selected twice): counted on the job, so that its report adds up to the selection.
   */
  notFound?: number;
}

/** Ids are injected in tests; crypto.randomUUID exists in service workers and Node alike. */
export type NewId = () => string;
const randomId: NewId = () => crypto.randomUUID();

/**
 * Writes one job of `action`, one Invitation row and one `queued` (or final) event per contact, in
 * one transaction, and returns the job id. Contacts the plan says need nothing end at once as
 * `already_member` or `skipped` with the plan's reason; an eligible contact whose plan asks for a
 * different action is a caller error (use createJobsByAction for a mixed plan).
 */
export async function createJob(db: PortierDb, input: NewJobInput & { action: SendAction }, newId: NewId = randomId): Promise<string> {
  const [id] = await writeJobs(db, input, [input.action], newId);
  return id!.jobId;
}

/**
 * One confirmation, one job, even when the plan mixes actions (CRM: invite and reinvite are
 * different calls; an activation is a third): the job's items are grouped by action, in the order
 * actions first appear, so that every batch sends one action, and `job.actions` counts each.
 * Contacts that need nothing end at once, after the groups. Returns the one job (as a list, for
 * callers that start several).
 */
export async function createJobsByAction(
  db: PortierDb,
  input: NewJobInput,
  newId: NewId = randomId,
): Promise<{ action: SendAction; jobId: string }[]> {
  const actions: SendAction[] = [];
  for (const { verdict } of paired(input)) {
    const start = initialItemOrNull(verdict);
    if (start && !actions.includes(start)) actions.push(start);
  }
  return writeJobs(db, input, actions.length > 0 ? actions : ['invite'], newId);
}

function initialItemOrNull(verdict: Verdict): SendAction | null {
  const start = plannedStart(verdict);
  return start.group === 'send' ? start.action : null;
}

function paired(input: NewJobInput): { contact: Contact; verdict: Verdict }[] {
  const items = Array.isArray(input.plan) ? input.plan : input.plan.items;
  const byId = new Map(items.map((i) => [i.contactId, i.verdict]));
  return input.contacts.map((contact) => {
    const verdict = byId.get(contact.id);
    if (!verdict) throw new RangeError(`the plan has no verdict for contact ${contact.id}`);
    return { contact, verdict };
  });
}

async function writeJobs(db: PortierDb, input: NewJobInput, actions: SendAction[], newId: NewId): Promise<{ action: SendAction; jobId: string }[]> {
  const { target, now } = input;
  const at = now.toISOString();
  // Contacts may come from another vendor than the target's (a CRM contact made a Zendesk end
  // user): the job belongs to the target's account, whose connector sends.
  const pairs = paired(input);
  // Grouped by action (stable within a group), then those that need nothing: each batch is one action.
  const rank = ({ verdict }: { verdict: Verdict }) => {
    const start = initialItemOrNull(verdict);
    return start ? actions.indexOf(start) : actions.length;
  };
  const ordered = pairs.map((p, i) => ({ ...p, i })).sort((a, b) => rank(a) - rank(b) || a.i - b.i);

  return db.transaction('rw', [db.jobs, db.invitations, db.events, db.contacts, db.targets], async () => {
    const job = newJob(newId(), actions[0]!, target, at);
    const existing = await db.invitations.bulkGet(pairs.map((p) => invitationId(p.contact.key, target.key)));
    const busyJobs = new Set<string>();
    for (const row of existing) {
      if (row?.jobId && (row.status === 'queued' || row.status === 'sending')) busyJobs.add(row.jobId);
    }
    const unfinished = new Set(
      (await db.jobs.bulkGet([...busyJobs])).filter((j) => j && j.status !== 'completed' && j.status !== 'cancelled').map((j) => j!.id),
    );

    const rows: Invitation[] = [];
    const events: PortierEvent[] = [];
    const seen = new Set<string>();
    const perAction: Partial<Record<SendAction, number>> = {};
    for (const { contact, verdict, i } of ordered) {
      // The same record twice in a selection is one item: an item is a (contact, target) pair.
      if (seen.has(contact.key)) continue;
      seen.add(contact.key);
      const start = initialItemOrNull(verdict);
      if (start && !actions.includes(start)) {
        throw new RangeError(`a ${actions.join('/')} job cannot carry a contact whose plan says ${start}`);
      }
      // The same start the preview showed (outcomes.ts plannedStart), whatever else the job carries.
      const begin = plannedStart(verdict);
      const event = (type: PortierEvent['type'], detail?: string) =>
        events.push({ contactKey: contact.key, at, type, targetKey: target.key, jobId: job.id, ...(detail ? { detail } : {}) });
      // The item's place in the job, kept on its row: the job row itself lists no contacts.
      const seq = job.counts.total;
      job.counts.total += 1;

      const held = existing[i];
      if (held?.jobId && unfinished.has(held.jobId) && (held.status === 'queued' || held.status === 'sending')) {
        // Another job is already on it: its row stays theirs, this job counts it as skipped.
        const s = skipped(ENGINE_REASONS.inAnotherJob, held.jobId);
        job.counts.skipped += 1;
        event(s.event, detailOf(s.reason!));
        continue;
      }
      const base = { id: invitationId(contact.key, target.key), contactKey: contact.key, targetKey: target.key, email: contact.email ?? '', jobId: job.id, seq, attempts: 0, updatedAt: at };
      if (begin.group === 'send') {
        rows.push({ ...base, status: 'queued', action: begin.action });
        perAction[begin.action] = (perAction[begin.action] ?? 0) + 1;
        event('queued');
        continue;
      }
      const s = begin.settlement;
      rows.push({ ...base, status: s.status, ...(s.reason ? { reason: s.reason } : {}) });
      job.counts[s.outcome] += 1;
      if (begin.group === 'blocked') job.blocked = (job.blocked ?? 0) + 1;
      event('queued');
      event(s.event, s.reason ? detailOf(s.reason) : undefined);
    }
    job.actions = perAction;
    if (input.notFound) job.notFound = input.notFound;
    const { total, invited, already_member, failed, skipped: skippedCount } = job.counts;
    if (invited + already_member + failed + skippedCount === total) {
      job.status = 'completed';
      job.cursor = job.counts.total;
    }
    await db.targets.put(target);
    await db.contacts.bulkPut(pairs.map((p) => p.contact));
    await db.invitations.bulkPut(rows);
    await db.events.bulkAdd(events);
    await db.jobs.add(job);
    return [{ action: job.action, jobId: job.id }];
  });
}

function newJob(id: string, action: SendAction, target: Target, at: string): Job {
  return {
    id,
    vendor: target.vendor,
    accountId: target.accountId,
    targetKey: target.key,
    action,
    status: 'queued',
    counts: { total: 0, invited: 0, already_member: 0, failed: 0, skipped: 0 },
    attempts: 0,
    cursor: 0,
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
  };
}
