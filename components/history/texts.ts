import type { EventType } from '../../core/model';
import type { Texts } from '../shared/locale';

interface HistoryTexts {
  title: string;
  empty: string;
  more: string;
  loading: string;
  types: Record<EventType, string>;
}

export const HISTORY_TEXTS: Texts<HistoryTexts> = {
  en: {
    title: 'History',
    empty: 'Nothing yet: what Portier sends for this contact will be listed here.',
    more: 'Show 10 more',
    loading: 'Loading the history…',
    types: {
      queued: 'Queued',
      invited: 'Invited',
      reinvited: 'Invited again',
      activated: 'Activated',
      verification_sent: 'Verification email sent',
      already_member: 'Already a member',
      failed: 'Failed',
      skipped: 'Not sent',
      retried: 'Tried again',
      cancelled: 'Cancelled',
      confirmed: 'Accepted the invitation',
      expired: 'Invitation expired',
      deactivated: 'Deactivated',
      removed: 'Removed',
    },
  },
  fr: {
    title: 'Historique',
    empty: 'Rien pour l’instant : ce que Portier envoie pour ce contact apparaîtra ici.',
    more: 'Afficher 10 de plus',
    loading: 'Chargement de l’historique…',
    types: {
      queued: 'Mis en file',
      invited: 'Invité',
      reinvited: 'Invité à nouveau',
      activated: 'Activé',
      verification_sent: 'E-mail de vérification envoyé',
      already_member: 'Déjà membre',
      failed: 'Échec',
      skipped: 'Non envoyé',
      retried: 'Nouvel essai',
      cancelled: 'Annulé',
      confirmed: 'A accepté l’invitation',
      expired: 'Invitation expirée',
      deactivated: 'Désactivé',
      removed: 'Retiré',
    },
  },
};
