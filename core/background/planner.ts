import type { PortierDb } from '../db';
import { planBulk } from '../eligibility';
import { createJobsByAction } from '../jobs';
import type { MembershipCache } from '../jobs/memberships';
import type { ResultFor } from '../messages';
import type { Account, Contact, PortierEvent, Target } from '../model';
import type { Connector, Membership } from '../vendors/types';
import { withOwnInvitationDates } from './own-dates';
import { ServiceError } from './errors';
import { failedItems } from './retry-failed';
import { requireSelection, selectContacts, targetByKey, type Selection } from './selection';

export interface PlannerDeps {
  db: PortierDb;
  now(): number;
  newId(): string;
  /** The account's row and a connector for it (connectors.ts), or why not. */
  connected(accountId: string): Promise<{ account: Account; connector: Connector }>;
  /** The membership answers the check, the plan and the job share (core/jobs/memberships.ts). */
  memberships: MembershipCache;
}

/**
 * From a selection to jobs: the contacts as the vendor has them, their memberships, the
 * eligibility core's plan, then one job per action. Verdicts are made again here from the
 * vendor's records: the panel's are never trusted.
 */
export class Planner {
  constructor(private readonly deps: PlannerDeps) {}

  /** The contacts as the vendor has them, their memberships, and the eligibility core's plan. */
  async plan(req: Selection & { accountId: string; targetKey: string }) {
    requireSelection(req);
    const { account, connector } = await this.deps.connected(req.accountId);
    const target = await targetByKey(account, connector, req.targetKey);
    const { contacts, missing } = await selectContacts(connector, req);
    // Nothing found: the answer is all `missing`, with no more vendor calls.
    const memberships = contacts.length > 0 ? await this.membershipsOf(account.id, connector, target, contacts) : new Map<string, Membership>();
    const actor = contacts.length > 0 ? await connector.actor(target) : { role: 'agent' as const };
    // Pending invitations the vendor does not date get the date Portier sent them, where it did (own-dates.ts).
    const dated = await withOwnInvitationDates(this.deps.db, contacts.map((c) => ({ contactKey: c.key, targetKey: target.key, membership: memberships.get(c.id) })));
    const eligibility = contacts.map((c, i) => {
      const membership = dated[i];
      return membership ? { ...c, membership } : c;
    });
    const plan = planBulk(eligibility, target, actor, new Date(this.deps.now()));
    await this.deps.db.targets.put(target);
    await this.deps.db.contacts.bulkPut(contacts);
    return { target, contacts, plan, missing };
  }

  /** The selection planned again from the vendor, as one job per action. */
  async startJobs(accountId: string, targetKey: string, selection: Selection, refuseEmpty = true): Promise<ResultFor<'startJob'>['jobs']> {
    const { target, contacts, plan } = await this.plan({ accountId, targetKey, ...selection });
    if (contacts.length === 0) {
      if (!refuseEmpty) return [];
      throw new ServiceError('NOT_FOUND', {
        en: 'None of these contacts exist at the vendor any more: refresh the page.',
        fr: "Aucun de ces contacts n'existe plus chez l'éditeur : actualisez la page.",
      });
    }
    // What was selected and is no contact here counts in the job's report, which adds up to the selection.
    const selected = new Set(selection.contactIds ?? []).size + (selection.emails?.length ?? 0);
    const notFound = Math.max(0, selected - contacts.length);
    return createJobsByAction(this.deps.db, { target, contacts, plan, now: new Date(this.deps.now()), notFound }, this.deps.newId);
  }

  /** New job(s) for what failed, planned again from the vendor; each contact's history says it was retried. */
  async retryFailed(jobId: string): Promise<ResultFor<'retryFailed'>['jobs']> {
    const { job, failed, selections } = await failedItems(this.deps.db, jobId);
    const jobs: ResultFor<'retryFailed'>['jobs'] = [];
    // One module's records all gone must not stop the others' retry.
    for (const selection of selections) jobs.push(...(await this.startJobs(job.accountId, job.targetKey, selection, false)));
    if (jobs.length === 0) {
      throw new ServiceError('NOT_FOUND', {
        en: 'None of the contacts that failed exist at the vendor any more: there is nobody to retry.',
        fr: "Aucun des contacts en échec n'existe plus chez l'éditeur : il n'y a personne à relancer.",
      });
    }
    const at = new Date(this.deps.now()).toISOString();
    // Worded where it is shown (core/reasons.ts detailLine), in the agent's language.
    const detail = `RETRIED_IN: ${jobs.map((j) => j.jobId).join(', ')}`;
    const events: PortierEvent[] = failed.map((item) => ({ contactKey: item.contactKey, at, type: 'retried', targetKey: job.targetKey, jobId, detail }));
    await this.deps.db.events.bulkAdd(events);
    return jobs;
  }

  /**
   * Memberships for the plan: answers read in the last MEMBERSHIP_REUSE_MS (another check, a job)
   * are used as they are, the others read from the vendor once and kept for the job that follows.
   */
  private async membershipsOf(accountId: string, connector: Connector, target: Target, contacts: Contact[]): Promise<Map<string, Membership>> {
    const { memberships, now } = this.deps;
    const out = new Map<string, Membership>();
    const unknown: Contact[] = [];
    const asked = now();
    for (const c of contacts) {
      const hit = memberships.get(accountId, target.key, c.key, asked);
      if (!hit.found) unknown.push(c);
      else if (hit.membership) out.set(c.id, hit.membership);
    }
    if (unknown.length === 0) return out;
    // What the preview shows the agent: every membership the vendor would refuse an invitation for.
    const found = await connector.memberships(target, unknown, { exhaustive: true });
    const at = now();
    for (const c of unknown) {
      const m = found.get(c.id);
      memberships.set(accountId, target.key, c.key, m, at);
      if (m) out.set(c.id, m);
    }
    memberships.prune(at);
    return out;
  }
}
