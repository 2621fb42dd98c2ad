import type { Locale } from '../../core/i18n';
import type { Action, JobStatus, Vendor } from '../../core/model';
import type { Texts } from '../shared/locale';

type SendAction = Exclude<Action, 'none'>;

export interface JobsTexts {
  heading: string;
  none: string;
  loading: string;
  title(action: SendAction, target: string): string;
  /** A job whose items carry several actions (one confirmation): its title, and what each action carries. */
  titleMixed(target: string): string;
  actionMix(actions: Partial<Record<SendAction, number>>): string;
  progressLabel(target: string): string;
  /** `blocked`: shown apart from `skipped` when a rule blocked some (the report's own split). */
  counts(c: { done: number; total: number; invited: number; already: number; failed: number; blocked: number; skipped: number }): string;
  /** The report's sum, as the preview gave it: sent (or to send) + blocked + already members + skipped = selected. */
  report(r: JobReport): string;
  status: Record<JobStatus, string>;
  /** `queued` again after it began (the engine works in slices): it is not "waiting to start". */
  waitingToContinue: string;
  /** The same, while the vendor's rate limit runs out (lastError `rate_limited`). */
  waitingForRateLimit: string;
  pausedByAgent: string;
  pausedForReconnect: string;
  cancelling: string;
  pausing: string;
  waiting: { rate_limited: string; transient: string; auth: string; refused: string };
  until(time: string): string;
  /** What the engine recorded of the vendor's answer, quoted as written after the line above. */
  detail(words: string): string;
  /** A vendor that does not answer: the engine waits and tries again by itself. */
  notAnswering(vendor: string, time: string): string;
  /**
   * A vendor job whose status could not be read (no answer, a 404, an unreadable one): the engine
   * asks again until the job's deadline, then checks who became a member (worker.ts `repoll`).
   */
  jobStatusUnknown(vendor: string, time: string): string;
  /** Items whose send may have reached the vendor, until a membership read settles them. */
  checking(vendor: string): string;
  /**
   * A batch held after the vendor refused (403) the membership read that settles it: what the
   * account may no longer read, who can give it back, and when Portier checks again by itself.
   */
  heldRefused(vendor: string, reads: Vendor, time: string): string;
  pause: string;
  resume: string;
  cancel: string;
  cancelQuestion: string;
  confirmCancel: string;
  keepGoing: string;
  failedHeading(n: number): string;
  failedList: string;
  /** Only for failures a retry may fix (core/reasons.ts isRetryable). */
  retryFailed(n: number): string;
  notRetryable(n: number): string;
  retried(n: number): string;
  exportCsv: string;
  exported: string;
  csvHeader: [string, string, string, string, string, string, string];
  itemStatus: Record<string, string>;
  paused: string;
  resumed: string;
  cancelled: string;
  /** The card's live region, once, when the job pauses or ends: which job, its status, how far it got. */
  announceStatus(title: string, status: string, counts: string): string;
  /** The card's live region, once, when a job's first failures appear while it goes on. */
  announceFailures(title: string, failed: number): string;
}

const NUMBER = (locale: Locale) => new Intl.NumberFormat(locale);

/** What the membership read that settles a batch reads, per vendor (core/vendors/<v>/api.ts memberships). */
const READS: Record<Locale, Record<Vendor, string>> = {
  en: { zendesk: 'users', zoho_desk: 'contacts and their help centers', zoho_crm: 'contacts and their portal users', zoho_connect: 'the network’s members' },
  fr: { zendesk: 'les utilisateurs', zoho_desk: "les contacts et leurs centres d'aide", zoho_crm: 'les contacts et leurs utilisateurs du portail', zoho_connect: 'les membres du réseau' },
};

export interface JobReport {
  selected: number;
  /** Items the job sends or sent (whatever the vendor answered), pending ones included. */
  sent: number;
  /** Of `sent`, once the job ended: what the vendor took, and what it refused or could not be told. */
  invited: number;
  failed: number;
  blocked: number;
  already: number;
  skipped: number;
  /** The job ended: "sent" rather than "to send". */
  finished: boolean;
}

export const JOBS_TEXTS: Texts<JobsTexts> = {
  en: {
    heading: 'Recent invitations',
    none: 'No invitations sent from this account yet.',
    loading: 'Loading jobs…',
    title: (action, target) => `${{ invite: 'Invite to', reinvite: 'Re-invite to', activate: 'Activate on' }[action]} ${target}`,
    titleMixed: (target) => `Invitations to ${target}`,
    actionMix: (a) => {
      const n = NUMBER('en').format;
      const parts: string[] = [];
      if (a.invite) parts.push(`${n(a.invite)} ${a.invite === 1 ? 'invitation' : 'invitations'}`);
      if (a.reinvite) parts.push(`${n(a.reinvite)} ${a.reinvite === 1 ? 're-invitation' : 're-invitations'}`);
      if (a.activate) parts.push(`${n(a.activate)} ${a.activate === 1 ? 'activation' : 'activations'}`);
      return parts.join(', ');
    },
    progressLabel: (target) => `Progress of the invitations to ${target}`,
    counts: ({ done, total, invited, already, failed, blocked, skipped }) => {
      const n = NUMBER('en').format;
      return `${n(done)} of ${n(total)} done: ${n(invited)} invited, ${n(already)} already ${already === 1 ? 'a member' : 'members'}, ${n(failed)} failed, ${blocked ? `${n(blocked)} blocked, ` : ''}${n(skipped)} skipped`;
    },
    report: ({ selected, sent, invited, failed, blocked, already, skipped, finished }) => {
      const n = NUMBER('en').format;
      const outcome = finished ? `${n(sent)} sent (${n(invited)} invited, ${n(failed)} failed)` : `${n(sent)} to send`;
      return `${n(selected)} selected: ${outcome}, ${n(blocked)} blocked, ${n(already)} already ${already === 1 ? 'a member' : 'members'}, ${n(skipped)} skipped`;
    },
    status: { queued: 'Waiting to start', running: 'Sending', paused: 'Paused', completed: 'Completed', cancelled: 'Cancelled' },
    waitingToContinue: 'Waiting to continue',
    waitingForRateLimit: 'Paused for the vendor’s rate limit, continues by itself',
    pausedByAgent: 'Paused by an agent',
    pausedForReconnect: 'Paused: reconnect the account in the options to go on',
    cancelling: 'Cancelling after the batch in progress',
    pausing: 'Pausing after the batch in progress…',
    waiting: {
      rate_limited: 'Rate limited by the vendor',
      transient: 'The vendor is not answering, trying again',
      auth: 'Reconnect needed',
      refused: 'The vendor refused',
    },
    until: (time) => `until ${time}`,
    detail: (words) => `Details: ${words}`,
    notAnswering: (vendor, time) => `${vendor} is not answering, retrying at ${time}. Nothing is lost: the job goes on by itself.`,
    jobStatusUnknown: (vendor, time) => `${vendor} has not said yet how its job for the last batch went; asking again at ${time}. Nobody is counted as failed meanwhile.`,
    checking: (vendor) => `Checking with ${vendor} whether the last batch arrived…`,
    heldRefused: (vendor, reads, time) =>
      `${vendor} refused to say whether the last batch arrived: this account may no longer read ${READS.en[reads]}. An administrator of ${vendor} must give that permission back; Portier checks again by itself at ${time}, and the job goes on.`,
    pause: 'Pause',
    resume: 'Resume',
    cancel: 'Cancel job',
    cancelQuestion: 'Cancel this job? Invitations not sent yet will not be sent; those sent stay sent.',
    confirmCancel: 'Yes, cancel the job',
    keepGoing: 'Keep going',
    failedHeading: (n) => `${NUMBER('en').format(n)} failed`,
    failedList: 'Failed invitations',
    retryFailed: (n) => (n === 1 ? 'Retry 1 failed invitation' : `Retry ${NUMBER('en').format(n)} failed invitations`),
    notRetryable: (n) =>
      `${NUMBER('en').format(n)} would fail the same way if retried now: fix what the reason says, then invite again.`,
    retried: (n) => (n === 1 ? 'A new job retries the failed invitations.' : `${NUMBER('en').format(n)} new jobs retry the failed invitations.`),
    exportCsv: 'Export CSV',
    exported: 'The CSV file was downloaded.',
    csvHeader: ['email', 'status', 'reason code', 'vendor code', 'reason', 'what to do', 'vendor message'],
    itemStatus: {
      queued: 'queued',
      sending: 'unknown: checking with the vendor',
      invited: 'invited',
      already_member: 'already a member',
      skipped: 'skipped',
      confirmed: 'confirmed',
      active: 'active',
      failed: 'failed',
      expired: 'expired',
      deactivated: 'deactivated',
      removed: 'removed',
    },
    paused: 'Job paused.',
    resumed: 'Job resumed.',
    cancelled: 'Job cancelled.',
    announceStatus: (title, status, counts) => `${title}: ${status}. ${counts}.`,
    announceFailures: (title, n) =>
      `${title}: ${NUMBER('en').format(n)} ${n === 1 ? 'invitation' : 'invitations'} failed so far. The job goes on; the failed invitations are listed in it.`,
  },
  fr: {
    heading: 'Invitations récentes',
    none: 'Aucune invitation envoyée depuis ce compte pour le moment.',
    loading: 'Chargement des tâches…',
    title: (action, target) => `${{ invite: 'Inviter dans', reinvite: 'Réinviter dans', activate: 'Activer dans' }[action]} ${target}`,
    titleMixed: (target) => `Invitations dans ${target}`,
    actionMix: (a) => {
      const n = NUMBER('fr').format;
      const parts: string[] = [];
      if (a.invite) parts.push(`${n(a.invite)} ${a.invite === 1 ? 'invitation' : 'invitations'}`);
      if (a.reinvite) parts.push(`${n(a.reinvite)} ${a.reinvite === 1 ? 'réinvitation' : 'réinvitations'}`);
      if (a.activate) parts.push(`${n(a.activate)} ${a.activate === 1 ? 'activation' : 'activations'}`);
      return parts.join(', ');
    },
    progressLabel: (target) => `Avancement des invitations dans ${target}`,
    counts: ({ done, total, invited, already, failed, blocked, skipped }) => {
      const n = NUMBER('fr').format;
      // French takes the singular for 0 and 1.
      const s = (x: number) => (x <= 1 ? '' : 's');
      return `${n(done)} sur ${n(total)} traité${s(done)} : ${n(invited)} invité${s(invited)}, ${n(already)} déjà membre${s(already)}, ${n(failed)} en échec, ${blocked ? `${n(blocked)} bloqué${s(blocked)}, ` : ''}${n(skipped)} ignoré${s(skipped)}`;
    },
    report: ({ selected, sent, invited, failed, blocked, already, skipped, finished }) => {
      const n = NUMBER('fr').format;
      const s = (x: number) => (x <= 1 ? '' : 's');
      const outcome = finished ? `${n(sent)} envoyé${s(sent)} (${n(invited)} invité${s(invited)}, ${n(failed)} en échec)` : `${n(sent)} à envoyer`;
      return `${n(selected)} sélectionné${s(selected)} : ${outcome}, ${n(blocked)} bloqué${s(blocked)}, ${n(already)} déjà membre${s(already)}, ${n(skipped)} ignoré${s(skipped)}`;
    },
    status: { queued: 'En attente', running: 'Envoi en cours', paused: 'En pause', completed: 'Terminé', cancelled: 'Annulé' },
    waitingToContinue: 'En attente de reprise',
    waitingForRateLimit: "En pause pour la limite d'appels de l'éditeur, reprend d'elle-même",
    pausedByAgent: 'Mis en pause par un agent',
    pausedForReconnect: 'En pause : reconnectez le compte dans les options pour continuer',
    cancelling: 'Annulation après le lot en cours',
    pausing: 'Mise en pause après le lot en cours…',
    waiting: {
      rate_limited: "Limite d'appels de l'éditeur atteinte",
      transient: "L'éditeur ne répond pas, nouvel essai",
      auth: 'Reconnexion nécessaire',
      refused: "L'éditeur a refusé",
    },
    until: (time) => `jusqu'à ${time}`,
    detail: (words) => `Détail : ${words}`,
    notAnswering: (vendor, time) => `${vendor} ne répond pas, nouvel essai à ${time}. Rien n'est perdu : la tâche reprend d'elle-même.`,
    jobStatusUnknown: (vendor, time) => `${vendor} n'a pas encore indiqué comment s'est passée sa tâche pour le dernier lot ; nouvelle question à ${time}. Personne n'est compté en échec entre-temps.`,
    checking: (vendor) => `Vérification auprès de ${vendor} : le dernier lot est-il arrivé ?`,
    heldRefused: (vendor, reads, time) =>
      `${vendor} a refusé de dire si le dernier lot est arrivé : ce compte ne peut plus lire ${READS.fr[reads]}. Un administrateur de ${vendor} doit lui rendre cette autorisation ; Portier vérifie de nouveau de lui-même à ${time}, et la tâche reprend.`,
    pause: 'Pause',
    resume: 'Reprendre',
    cancel: 'Annuler la tâche',
    cancelQuestion: 'Annuler cette tâche ? Les invitations pas encore envoyées ne le seront pas ; celles déjà envoyées le restent.',
    confirmCancel: 'Oui, annuler la tâche',
    keepGoing: 'Continuer',
    failedHeading: (n) => `${NUMBER('fr').format(n)} en échec`,
    failedList: 'Invitations en échec',
    retryFailed: (n) => (n <= 1 ? `Relancer ${NUMBER('fr').format(n)} invitation en échec` : `Relancer ${NUMBER('fr').format(n)} invitations en échec`),
    notRetryable: (n) =>
      `${NUMBER('fr').format(n)} ${n <= 1 ? 'échouerait' : 'échoueraient'} de la même façon à la relance : corrigez ce que dit le motif, puis invitez de nouveau.`,
    retried: (n) => (n === 1 ? 'Une nouvelle tâche relance les invitations en échec.' : `${NUMBER('fr').format(n)} nouvelles tâches relancent les invitations en échec.`),
    exportCsv: 'Exporter en CSV',
    exported: 'Le fichier CSV a été téléchargé.',
    csvHeader: ['e-mail', 'statut', 'code du motif', 'code de l’éditeur', 'motif', 'que faire', 'message de l’éditeur'],
    itemStatus: {
      queued: 'en attente',
      sending: 'inconnu : vérification auprès de l’éditeur',
      invited: 'invité',
      already_member: 'déjà membre',
      skipped: 'ignoré',
      confirmed: 'confirmé',
      active: 'actif',
      failed: 'en échec',
      expired: 'expiré',
      deactivated: 'désactivé',
      removed: 'supprimé',
    },
    paused: 'Tâche en pause.',
    resumed: 'Tâche reprise.',
    cancelled: 'Tâche annulée.',
    announceStatus: (title, status, counts) => `${title} : ${status}. ${counts}.`,
    announceFailures: (title, n) =>
      `${title} : ${NUMBER('fr').format(n)} invitation${n <= 1 ? '' : 's'} en échec pour le moment. La tâche continue ; les invitations en échec y sont listées.`,
  },
};
