import { jobItems, type PortierDb } from '../db';
import type { Localized } from '../i18n';
import type { Invitation, Job } from '../model';
import { isRetryable } from '../reasons';
import { noSuchJob, ServiceError } from './errors';
import type { Selection } from './selection';

/**
 * The failed items of a job that a retry may fix (core/reasons.ts isRetryable: no answer, a lost
 * answer, a seat since freed), as selections to plan again from the vendor (never the old verdicts:
 * the person may have been fixed, deleted or invited by someone else since). A refusal of the
 * record itself would only come back the same: it is fixed at the vendor and invited again.
 */

export interface FailedItems {
  job: Job;
  failed: Invitation[];
  /** One per CRM module (getContacts reads one module at a time); addresses where no id can be read again. */
  selections: Selection[];
}

export async function failedItems(db: PortierDb, jobId: string): Promise<FailedItems> {
  const job = await db.jobs.get(jobId);
  if (!job) throw noSuchJob(jobId);
  const allFailed = (await jobItems(db, jobId)).filter((i) => i.status === 'failed');
  if (allFailed.length === 0) throw new ServiceError('NOT_FOUND', nothingToRetry(job));
  const failed = allFailed.filter((i) => i.reason === undefined || isRetryable(i.reason.code));
  if (failed.length === 0) {
    throw new ServiceError('NOT_FOUND', {
      en: 'What failed in this job would fail the same way if retried now: fix each as its reason says, then invite them again.',
      fr: "Ce qui a échoué dans cette tâche échouerait de la même façon si vous réessayiez maintenant : corrigez chaque cas comme l'indique son motif, puis invitez de nouveau ces personnes.",
    });
  }
  const contacts = await db.contacts.bulkGet(failed.map((i) => i.contactKey));
  const idsByModule = new Map<string, string[]>();
  const emails: string[] = [];
  failed.forEach((item, i) => {
    const contact = contacts[i];
    // A person made from an address (`email:…`), a record of another account, or one no longer
    // cached: the target's vendor can only find them again by address.
    if (!contact || contact.accountId !== job.accountId || contact.vendor !== job.vendor || contact.id.startsWith('email:')) {
      const email = contact?.email ?? item.email;
      if (email) emails.push(email);
      return;
    }
    const module = contact.module ?? '';
    const ids = idsByModule.get(module);
    if (ids) ids.push(contact.id);
    else idsByModule.set(module, [contact.id]);
  });
  const selections: Selection[] = [...idsByModule].map(([module, contactIds]) => ({ contactIds, ...(module ? { module } : {}) }));
  if (emails.length > 0) selections.push({ emails });
  return { job, failed, selections };
}

function nothingToRetry(job: Job): Localized {
  // A later job over the same people owns their rows now (an item is one contact on one target).
  if (job.counts.failed > 0) {
    return {
      en: 'What failed in this job is already in a later job: retry from that one.',
      fr: 'Ce qui a échoué dans cette tâche figure déjà dans une tâche plus récente : relancez depuis celle-là.',
    };
  }
  if (job.status === 'completed' || job.status === 'cancelled') {
    return { en: 'Nothing failed in this job: there is nothing to retry.', fr: "Rien n'a échoué dans cette tâche : il n'y a rien à relancer." };
  }
  return {
    en: 'Nothing in this job has failed yet: wait for it to finish, then retry what failed.',
    fr: "Rien n'a encore échoué dans cette tâche : attendez qu'elle se termine, puis relancez ce qui a échoué.",
  };
}
