import { useState } from 'preact/hooks';
import type { Locale } from '../../core/i18n';
import { invitationId, type Account, type Action, type Contact, type Invitation, type Job, type Target } from '../../core/model';
import { useLiveQuery } from '../shared/live-query';
import { usePlatform } from '../shared/platform';
import { reasonLine } from './reasons';
import { CONTACT_TEXTS } from './texts';
import { inLocale, saidOf, type Said } from '../shared/said';

type SendAction = Exclude<Action, 'none'>;

type Run =
  | { state: 'starting'; action: SendAction }
  | { state: 'started'; action: SendAction; jobIds: string[] }
  | { state: 'refused'; action: SendAction; message: Said };

/** What the row says of the run it started: `busy` while the engine works, `final` once it is over. */
export interface Outcome {
  tone: 'busy' | 'ok' | 'info' | 'error';
  text: string;
  final: boolean;
}

/**
 * One click, one job: the background writes it to the outbox and answers at once; the outcome is
 * read from the invitation row and the job the engine updates, so it survives a closed panel.
 */
export function useInvite(account: Account, contact: Contact, target: Target, module: string | undefined) {
  const { ask } = usePlatform();
  const [run, setRun] = useState<Run | undefined>(undefined);
  const rowId = invitationId(contact.key, target.key);
  const jobIds = run?.state === 'started' ? run.jobIds : [];
  const watched = useLiveQuery(
    async (db) => {
      if (jobIds.length === 0) return { row: undefined, jobs: [] as Job[] };
      const [row, jobs] = await Promise.all([db.invitations.get(rowId), db.jobs.bulkGet(jobIds)]);
      return { row, jobs: jobs.filter((j): j is Job => j !== undefined) };
    },
    [rowId, jobIds.join(' ')],
  );

  const start = async (action: SendAction) => {
    setRun({ state: 'starting', action });
    try {
      const { jobs } = await ask({
        type: 'startJob',
        accountId: account.id,
        targetKey: target.key,
        contactIds: [contact.id],
        ...(module ? { module } : {}),
      });
      setRun({ state: 'started', action, jobIds: jobs.map((j) => j.jobId) });
    } catch (error) {
      setRun({ state: 'refused', action, message: saidOf(error) });
    }
  };

  return { start, run, watched };
}

export function outcomeOf(
  run: Run | undefined,
  watched: { row: Invitation | undefined; jobs: Job[] } | undefined,
  locale: Locale,
): Outcome | undefined {
  if (!run) return undefined;
  const t = CONTACT_TEXTS[locale].result;
  const busy = (text: string): Outcome => ({ tone: 'busy', text, final: false });
  if (run.state === 'starting') return busy(t.sending);
  if (run.state === 'refused') return { tone: 'error', text: t.startFailed(inLocale(run.message, locale)), final: true };
  const row = watched?.row;
  const job = watched?.jobs[0];
  // A row another job holds is not this run's: only the job's counters say what became of it.
  if (!row || !row.jobId || !run.jobIds.includes(row.jobId)) {
    if (job && (job.status === 'completed' || job.status === 'cancelled')) {
      if (job.counts.skipped > 0) return { tone: 'info', text: t.skipped(reasonLine({ code: 'IN_ANOTHER_JOB' }, locale)), final: true };
      if (job.status === 'cancelled') return { tone: 'info', text: t.cancelled, final: true };
    }
    return busy(t.sending);
  }
  switch (row.status) {
    case 'queued':
    case 'sending':
      if (job?.status === 'paused') return busy(job.pauseReason ? t.pausedFor[job.pauseReason] : t.paused(job.lastError?.message ?? ''));
      return busy(row.status === 'queued' && job?.status === 'queued' ? t.queued : t.sending);
    case 'invited':
    case 'confirmed':
      return { tone: 'ok', text: run.action === 'reinvite' ? t.reinvited : t.invited, final: true };
    case 'active':
      return { tone: 'ok', text: run.action === 'activate' ? t.activated : t.alreadyMember, final: true };
    case 'already_member':
      return { tone: 'info', text: alreadyMemberText(row, locale), final: true };
    case 'skipped':
      if (row.reason?.code === 'JOB_CANCELLED') return { tone: 'info', text: t.cancelled, final: true };
      return { tone: 'info', text: t.skipped(row.reason ? reasonLine(row.reason, locale) : ''), final: true };
    case 'failed':
      return { tone: 'error', text: t.failed(row.reason ? reasonLine(row.reason, locale) : ''), final: true };
    case 'expired':
      return { tone: 'info', text: reasonLine({ code: 'INVITATION_EXPIRED' }, locale), final: true };
    case 'deactivated':
      return { tone: 'info', text: reasonLine({ code: 'PORTAL_USER_DEACTIVATED' }, locale), final: true };
    case 'removed':
      return { tone: 'info', text: t.removed, final: true };
  }
}

function alreadyMemberText(row: Invitation, locale: Locale): string {
  const base = CONTACT_TEXTS[locale].result.alreadyMember;
  const code = row.reason?.code;
  // INVITATION_PENDING or PORTAL_USER_DEACTIVATED say more than "already a member": keep it.
  return code && code !== 'ALREADY_MEMBER' ? `${base} (${reasonLine({ code }, locale)})` : base;
}
