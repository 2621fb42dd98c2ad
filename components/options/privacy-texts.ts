import type { PrivacySettings } from '../../core/messages';
import { RETENTION_DAYS } from '../../core/model/retention';
import type { Texts } from '../shared/locale';
import type { RetentionProblem } from './retention';

const { min: MIN, max: MAX } = RETENTION_DAYS;

export interface PrivacyTexts {
  heading: string;
  intro: string;
  loading: string;
  loadFailed: (message: string) => string;
  stored: (counts: PrivacySettings['stored']) => string;
  retentionLabel: string;
  retentionHint: string;
  retentionProblems: Record<RetentionProblem, string>;
  save: string;
  saving: string;
  saved: (days: number) => string;
  saveFailed: (message: string) => string;
  clearHeading: string;
  clearHint: string;
  clear: string;
  confirmClear: string;
  confirmYes: string;
  cancel: string;
  clearing: string;
  cleared: (accounts: number) => string;
  clearBusy: string;
  clearFailed: (message: string) => string;
}

const count = (locale: 'en' | 'fr', n: number, one: string, many: string) => `${n.toLocaleString(locale)} ${n === 1 || (locale === 'fr' && n === 0) ? one : many}`;

export const PRIVACY_TEXTS: Texts<PrivacyTexts> = {
  en: {
    heading: 'Data on this computer',
    intro:
      'Portier keeps what it reads from your vendors (names, email addresses, phone numbers, consent), the invitations it sends and their history in this browser’s storage. Nothing leaves the browser except calls to your own Zendesk and Zoho accounts.',
    loading: 'Reading what is stored…',
    loadFailed: (message) => `What is stored could not be read: ${message}`,
    stored: (c) =>
      `Stored now: ${count('en', c.contacts, 'contact', 'contacts')}, ${count('en', c.invitations, 'invitation', 'invitations')}, ${count('en', c.jobs, 'job', 'jobs')} and ${count('en', c.events, 'history line', 'history lines')}.`,
    retentionLabel: 'Keep cached contacts and finished jobs for (days)',
    retentionHint: `From ${MIN} to ${MAX} days. Once a day Portier deletes the contacts, invitations, history and finished jobs it has not touched for that long. Jobs not finished yet, and the contacts they need, are kept.`,
    retentionProblems: {
      empty: 'Enter a number of days.',
      not_number: 'Enter a whole number of days, like 90.',
      range: `Enter a number of days from ${MIN} to ${MAX}.`,
    },
    save: 'Save retention',
    saving: 'Saving…',
    saved: (days) => `Portier now keeps its data for ${count('en', days, 'day', 'days')}; anything older is deleted.`,
    saveFailed: (message) => `Could not save: ${message}`,
    clearHeading: 'Clear Portier’s data',
    clearHint: 'Deletes every contact, invitation, job and history line Portier keeps in this browser, and disconnects every account. Your Zendesk and Zoho accounts keep their own records.',
    clear: 'Clear Portier’s data on this computer',
    confirmClear: 'Clear everything Portier keeps on this computer? Every account is disconnected and the invitations in progress are cancelled. This cannot be undone.',
    confirmYes: 'Yes, clear everything',
    cancel: 'Cancel',
    clearing: 'Clearing…',
    cleared: (accounts) =>
      accounts === 0 ? 'Portier’s data on this computer is cleared.' : `Portier’s data on this computer is cleared and ${count('en', accounts, 'account', 'accounts')} disconnected.`,
    clearBusy: 'A job is still checking with the vendor a batch it already sent, so nothing was deleted yet. Its other invitations are cancelled: try again in a minute.',
    clearFailed: (message) => `Could not clear: ${message}`,
  },
  fr: {
    heading: 'Données sur cet ordinateur',
    intro:
      'Portier garde ce qu’il lit chez vos éditeurs (noms, adresses e-mail, numéros de téléphone, consentement), les invitations qu’il envoie et leur historique dans le stockage de ce navigateur. Rien ne quitte le navigateur, sauf les appels à vos propres comptes Zendesk et Zoho.',
    loading: 'Lecture des données enregistrées…',
    loadFailed: (message) => `Les données enregistrées n’ont pas pu être lues : ${message}`,
    stored: (c) =>
      `Enregistré : ${count('fr', c.contacts, 'contact', 'contacts')}, ${count('fr', c.invitations, 'invitation', 'invitations')}, ${count('fr', c.jobs, 'tâche', 'tâches')} et ${count('fr', c.events, 'ligne d’historique', 'lignes d’historique')}.`,
    retentionLabel: 'Garder les contacts en cache et les tâches terminées pendant (jours)',
    retentionHint: `De ${MIN} à ${MAX} jours. Une fois par jour, Portier supprime les contacts, invitations, historiques et tâches terminées auxquels il n’a pas touché depuis ce délai. Les tâches non terminées, et les contacts dont elles ont besoin, sont gardés.`,
    retentionProblems: {
      empty: 'Saisissez un nombre de jours.',
      not_number: 'Saisissez un nombre entier de jours, par exemple 90.',
      range: `Saisissez un nombre de jours entre ${MIN} et ${MAX}.`,
    },
    save: 'Enregistrer la durée',
    saving: 'Enregistrement…',
    saved: (days) => `Portier garde désormais ses données ${count('fr', days, 'jour', 'jours')} ; ce qui est plus ancien est supprimé.`,
    saveFailed: (message) => `Enregistrement impossible : ${message}`,
    clearHeading: 'Effacer les données de Portier',
    clearHint: 'Supprime chaque contact, invitation, tâche et ligne d’historique que Portier garde dans ce navigateur, et déconnecte chaque compte. Vos comptes Zendesk et Zoho gardent leurs propres données.',
    clear: 'Effacer les données de Portier sur cet ordinateur',
    confirmClear: 'Effacer tout ce que Portier garde sur cet ordinateur ? Chaque compte est déconnecté et les invitations en cours sont annulées. C’est irréversible.',
    confirmYes: 'Oui, tout effacer',
    cancel: 'Annuler',
    clearing: 'Effacement…',
    cleared: (accounts) =>
      accounts === 0
        ? 'Les données de Portier sur cet ordinateur sont effacées.'
        : `Les données de Portier sur cet ordinateur sont effacées et ${count('fr', accounts, 'compte déconnecté', 'comptes déconnectés')}.`,
    clearBusy: 'Une tâche vérifie encore auprès de l’éditeur un lot déjà envoyé : rien n’a encore été supprimé. Ses autres invitations sont annulées : réessayez dans une minute.',
    clearFailed: (message) => `Effacement impossible : ${message}`,
  },
};
