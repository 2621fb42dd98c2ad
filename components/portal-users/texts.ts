import type { PortalUserStatus } from '../../core/messages';
import type { Texts } from '../shared/locale';

const en = new Intl.NumberFormat('en').format;
const fr = new Intl.NumberFormat('fr').format;

export type BulkAction = 'reinvite' | 'activate' | 'deactivate' | 'delete' | 'transfer';

export interface PortalUsersTexts {
  heading: string;
  userType: string;
  loadingTypes: string;
  noTypes: string;
  typesFailed: string;
  listFailed: string;
  retry: string;
  statuses: string;
  status: Record<PortalUserStatus, string>;
  loading: string;
  none: string;
  list: string;
  selectAll: string;
  selected(n: number, of: number): string;
  noEmail: string;
  actions: Record<BulkAction, string>;
  moveTo: string;
  chooseType: string;
  confirmDelete(n: number): string;
  confirmDeactivate(n: number): string;
  confirmTransfer(n: number, from: string, to: string): string;
  confirmYes: Record<'delete' | 'deactivate' | 'transfer', string>;
  keep: string;
  working: string;
  done(ok: number, failed: number): string;
  /** After a request that failed part-way: those never answered, kept selected. */
  notHandled(n: number): string;
  reinvited(jobs: number): string;
  noRecord(n: number): string;
  failures: string;
  failure(who: string, message: string): string;
  unknownFailure: string;
}

export const PORTAL_USERS_TEXTS: Texts<PortalUsersTexts> = {
  en: {
    heading: 'Portal users',
    userType: 'User type',
    loadingTypes: 'Loading user types…',
    noTypes: 'This account has no portal user type.',
    typesFailed: 'The portal user types could not be read.',
    listFailed: 'The portal users could not be read.',
    retry: 'Try again',
    statuses: 'Portal users by status',
    status: { active: 'Active', confirmed: 'Confirmed', unconfirmed: 'Unconfirmed', deactivated: 'Deactivated' },
    loading: 'Loading portal users…',
    none: 'No portal user with this status.',
    list: 'Portal users',
    selectAll: 'Select all portal users',
    selected: (n, of) => `${en(n)} of ${en(of)} selected`,
    noEmail: '(no email)',
    actions: { reinvite: 'Re-invite', activate: 'Activate', deactivate: 'Deactivate', delete: 'Delete', transfer: 'Change user type' },
    moveTo: 'Move to user type',
    chooseType: 'Choose a user type…',
    confirmDelete: (n) =>
      n === 1
        ? 'Delete 1 portal user? This cannot be undone: the user loses access to the portal and must be invited again.'
        : `Delete ${en(n)} portal users? This cannot be undone: they lose access to the portal and must be invited again.`,
    confirmDeactivate: (n) =>
      n === 1
        ? 'Deactivate 1 portal user? The user loses access to the portal until activated again; the seat is freed.'
        : `Deactivate ${en(n)} portal users? They lose access to the portal until activated again; their seats are freed.`,
    confirmTransfer: (n, from, to) =>
      `Move ${en(n)} portal ${n === 1 ? 'user' : 'users'} from “${from}” to “${to}”? ${n === 1 ? 'The user gets' : 'They get'} what “${to}” may see in the portal, and no longer what “${from}” may.`,
    confirmYes: { delete: 'Yes, delete', deactivate: 'Yes, deactivate', transfer: 'Yes, change the user type' },
    keep: 'Change nothing',
    working: 'Working…',
    done: (ok, failed) => `${en(ok)} done${failed > 0 ? `, ${en(failed)} failed` : ''}.`,
    notHandled: (n) => `Not handled: ${en(n)} ${n === 1 ? 'user, still selected' : 'users, still selected'} to try again.`,
    reinvited: (n) => (n === 1 ? 'Re-invitations started: follow them below.' : `${en(n)} re-invitation jobs started: follow them below.`),
    noRecord: (n) =>
      n === 1 ? '1 user has no CRM record Portier knows: re-invite the user from the record.' : `${en(n)} users have no CRM record Portier knows: re-invite them from their records.`,
    failures: 'Not done',
    failure: (who, message) => `${who}: ${message}`,
    unknownFailure: 'the vendor gave no reason',
  },
  fr: {
    heading: 'Utilisateurs du portail',
    userType: "Type d'utilisateur",
    loadingTypes: "Chargement des types d'utilisateurs…",
    noTypes: "Ce compte n'a aucun type d'utilisateur de portail.",
    typesFailed: "Les types d'utilisateurs du portail n'ont pas pu être lus.",
    listFailed: "Les utilisateurs du portail n'ont pas pu être lus.",
    retry: 'Réessayer',
    statuses: 'Utilisateurs du portail par statut',
    status: { active: 'Actifs', confirmed: 'Confirmés', unconfirmed: 'Non confirmés', deactivated: 'Désactivés' },
    loading: 'Chargement des utilisateurs du portail…',
    none: 'Aucun utilisateur du portail avec ce statut.',
    list: 'Utilisateurs du portail',
    selectAll: 'Sélectionner tous les utilisateurs du portail',
    selected: (n, of) => `${fr(n)} sur ${fr(of)} sélectionné${n <= 1 ? '' : 's'}`,
    noEmail: "(pas d'e-mail)",
    actions: { reinvite: 'Réinviter', activate: 'Activer', deactivate: 'Désactiver', delete: 'Supprimer', transfer: "Changer de type d'utilisateur" },
    moveTo: "Déplacer vers le type d'utilisateur",
    chooseType: "Choisissez un type d'utilisateur…",
    confirmDelete: (n) =>
      n <= 1
        ? `Supprimer ${fr(n)} utilisateur du portail ? C'est irréversible : il perd l'accès au portail et devra être invité à nouveau.`
        : `Supprimer ${fr(n)} utilisateurs du portail ? C'est irréversible : ils perdent l'accès au portail et devront être invités à nouveau.`,
    confirmDeactivate: (n) =>
      n <= 1
        ? `Désactiver ${fr(n)} utilisateur du portail ? Il perd l'accès au portail jusqu'à une nouvelle activation ; sa place est libérée.`
        : `Désactiver ${fr(n)} utilisateurs du portail ? Ils perdent l'accès au portail jusqu'à une nouvelle activation ; leurs places sont libérées.`,
    confirmTransfer: (n, from, to) =>
      `Déplacer ${fr(n)} utilisateur${n <= 1 ? '' : 's'} du portail de « ${from} » vers « ${to} » ? ${n <= 1 ? 'Il voit' : 'Ils voient'} alors dans le portail ce que « ${to} » peut voir, et plus ce que « ${from} » pouvait voir.`,
    confirmYes: { delete: 'Oui, supprimer', deactivate: 'Oui, désactiver', transfer: "Oui, changer de type d'utilisateur" },
    keep: 'Ne rien changer',
    working: 'En cours…',
    done: (ok, failed) => `${fr(ok)} effectué${ok <= 1 ? '' : 's'}${failed > 0 ? `, ${fr(failed)} en échec` : ''}.`,
    notHandled: (n) => (n <= 1 ? `Non traité : ${fr(n)} utilisateur, toujours sélectionné pour réessayer.` : `Non traités : ${fr(n)} utilisateurs, toujours sélectionnés pour réessayer.`),
    reinvited: (n) => (n === 1 ? 'Réinvitations lancées : suivez-les ci-dessous.' : `${fr(n)} tâches de réinvitation lancées : suivez-les ci-dessous.`),
    noRecord: (n) =>
      n <= 1
        ? `${fr(n)} utilisateur n'a pas de fiche CRM connue de Portier : réinvitez-le depuis sa fiche.`
        : `${fr(n)} utilisateurs n'ont pas de fiche CRM connue de Portier : réinvitez-les depuis leurs fiches.`,
    failures: 'Non effectué',
    failure: (who, message) => `${who} : ${message}`,
    unknownFailure: "l'éditeur n'a pas donné de raison",
  },
};
