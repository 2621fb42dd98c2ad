import type { Action, Severity, TargetKind } from '../../core/model';
import type { Texts } from '../shared/locale';

type RecordState = 'active' | 'pending_approval' | 'under_review' | 'deleted' | 'recycle_bin';

interface ContactTexts {
  loading: string;
  loadFailed: string;
  retry: string;
  /** The last visit's verdicts, shown while the vendor is asked again; `when` is "3 minutes ago". */
  checking: (when: string) => string;
  checkFailed: (when: string, message: string) => string;
  /** `when` for a check less than 10 s old ("now" reads oddly after "Checked"). */
  justNow: string;
  changedSinceLastVisit: string;
  noName: string;
  noEmail: string;
  verified: string;
  notVerified: string;
  email: string;
  organization: string;
  phone: string;
  recordState: string;
  states: Record<RecordState, string>;
  destinations: string;
  noDestinations: string;
  defaultDestination: string;
  kinds: Record<TargetKind, string>;
  portalUserType: (portal: string) => string;
  network: (type: 'internal' | 'external' | undefined) => string;
  seats: (used: number, limit: number) => string;
  severity: Record<Severity, string>;
  /** EMAIL_UNVERIFIED's help on the vendor's own page: what to do there, not in the other product. */
  unverifiedHelp: Record<'zendesk' | 'zoho_desk', string>;
  verdict: {
    invite: string;
    reinvite: string;
    activate: string;
    alreadyMember: string;
    pending: string;
    blocked: string;
    nothing: string;
  };
  actions: Record<Exclude<Action, 'none'>, string>;
  actionFor: (action: string, target: string) => string;
  result: {
    sending: string;
    queued: string;
    invited: string;
    reinvited: string;
    activated: string;
    alreadyMember: string;
    failed: (why: string) => string;
    skipped: (why: string) => string;
    cancelled: string;
    removed: string;
    paused: (why: string) => string;
    /** Why the job holding this invitation is paused, in the agent's words (the engine's are a detail for the jobs list). */
    pausedFor: { reconnect: string; agent: string };
    startFailed: (message: string) => string;
  };
  verification: {
    send: string;
    sending: string;
    sent: string;
    notSent: (message: string) => string;
  };
  shortcutKeys: string;
  shortcutHint: string;
  /** Alt+Shift+I with no destination focused and no default one: what to do instead. */
  shortcutNoDefault: string;
  shortcutCannotAct: (destination: string, verdict: string) => string;
}

export const CONTACT_TEXTS: Texts<ContactTexts> = {
  en: {
    loading: 'Reading the contact…',
    loadFailed: 'The contact could not be read',
    retry: 'Retry',
    checking: (when) => `Checked ${when} · checking…`,
    checkFailed: (when, message) => `Checked ${when}; checking again failed: ${message}`,
    justNow: 'just now',
    changedSinceLastVisit: 'Changed since your last visit',
    noName: '(no name)',
    noEmail: 'No email address',
    verified: 'Verified',
    notVerified: 'Not verified',
    email: 'Email',
    organization: 'Organization',
    phone: 'Phone',
    recordState: 'Record',
    states: {
      active: 'Active',
      pending_approval: 'Pending approval',
      under_review: 'Under review',
      deleted: 'Deleted',
      recycle_bin: 'In the recycle bin',
    },
    destinations: 'Destinations',
    noDestinations: 'This account has no help center, portal or network to invite to.',
    defaultDestination: 'Default',
    kinds: {
      'zendesk.end_user': 'End users',
      'zoho_desk.help_center': 'Help center',
      'zoho_crm.portal': 'Portal user type',
      'zoho_connect.network': 'Network',
    },
    portalUserType: (portal) => `Portal user type · ${portal}`,
    network: (type) => (type === 'internal' ? 'Internal network' : type === 'external' ? 'External network' : 'Network'),
    seats: (used, limit) => `Seats: ${used.toLocaleString('en')} / ${limit.toLocaleString('en')}`,
    severity: { block: 'Blocks', warn: 'Warning', info: 'Note' },
    unverifiedHelp: {
      zendesk: 'The address must be verified first: send the verification email from here.',
      zoho_desk: 'The address must be verified first: ask the contact to verify it.',
    },
    verdict: {
      invite: 'Can be invited',
      reinvite: 'Can be invited again',
      activate: 'Can be activated',
      alreadyMember: 'Already a member',
      pending: 'Invitation already sent',
      blocked: 'Cannot be invited',
      nothing: 'Nothing to do',
    },
    actions: { invite: 'Invite', reinvite: 'Re-invite', activate: 'Activate' },
    actionFor: (action, target) => `${action}: ${target}`,
    result: {
      sending: 'Sending…',
      queued: 'Queued…',
      invited: 'Invited',
      reinvited: 'Invited again',
      activated: 'Activated',
      alreadyMember: 'Already a member',
      failed: (why) => `Failed: ${why}`,
      skipped: (why) => `Not sent: ${why}`,
      cancelled: 'Cancelled',
      removed: 'Removed since',
      paused: (why) => `Paused: ${why}`,
      pausedFor: { reconnect: 'Paused: reconnect the account in the options to go on', agent: 'Paused by an agent' },
      startFailed: (message) => `Not started: ${message}`,
    },
    verification: {
      send: 'Send verification email',
      sending: 'Sending the verification email…',
      sent: 'Verification email sent',
      notSent: (message) => `Verification email not sent: ${message}`,
    },
    shortcutKeys: 'Alt+Shift+I',
    shortcutHint: 'runs the action of the focused destination, or else of the default one.',
    shortcutNoDefault:
      'Alt+Shift+I did nothing: no destination has the focus and this account has no default one here. Move to a destination with Tab, or set a default in Portier’s options.',
    shortcutCannotAct: (destination, verdict) => `Alt+Shift+I did nothing: ${destination} cannot act now (${verdict}). Its button now has the focus and reads why.`,
  },
  fr: {
    loading: 'Lecture du contact…',
    loadFailed: "Le contact n'a pas pu être lu",
    retry: 'Réessayer',
    checking: (when) => `Vérifié ${when} · vérification…`,
    checkFailed: (when, message) => `Vérifié ${when} ; la nouvelle vérification a échoué : ${message}`,
    justNow: "à l'instant",
    changedSinceLastVisit: 'Modifié depuis votre dernière visite',
    noName: '(sans nom)',
    noEmail: 'Aucune adresse e-mail',
    verified: 'Vérifiée',
    notVerified: 'Non vérifiée',
    email: 'E-mail',
    organization: 'Organisation',
    phone: 'Téléphone',
    recordState: 'Fiche',
    states: {
      active: 'Active',
      pending_approval: "En attente d'approbation",
      under_review: 'En cours de révision',
      deleted: 'Supprimée',
      recycle_bin: 'Dans la corbeille',
    },
    destinations: 'Destinations',
    noDestinations: "Ce compte n'a aucun centre d'aide, portail ou réseau où inviter.",
    defaultDestination: 'Par défaut',
    kinds: {
      'zendesk.end_user': 'Utilisateurs finaux',
      'zoho_desk.help_center': "Centre d'aide",
      'zoho_crm.portal': "Type d'utilisateur du portail",
      'zoho_connect.network': 'Réseau',
    },
    portalUserType: (portal) => `Type d'utilisateur du portail · ${portal}`,
    network: (type) => (type === 'internal' ? 'Réseau interne' : type === 'external' ? 'Réseau externe' : 'Réseau'),
    seats: (used, limit) => `Places : ${used.toLocaleString('fr')} / ${limit.toLocaleString('fr')}`,
    severity: { block: 'Bloquant', warn: 'Attention', info: 'À noter' },
    unverifiedHelp: {
      zendesk: "L'adresse doit d'abord être vérifiée : envoyez l'e-mail de vérification d'ici.",
      zoho_desk: "L'adresse doit d'abord être vérifiée : demandez au contact de la vérifier.",
    },
    verdict: {
      invite: 'Peut être invité',
      reinvite: 'Peut être invité à nouveau',
      activate: 'Peut être activé',
      alreadyMember: 'Déjà membre',
      pending: 'Invitation déjà envoyée',
      blocked: 'Ne peut pas être invité',
      nothing: 'Rien à faire',
    },
    actions: { invite: 'Inviter', reinvite: 'Réinviter', activate: 'Activer' },
    actionFor: (action, target) => `${action} : ${target}`,
    result: {
      sending: 'Envoi…',
      queued: "En file d'attente…",
      invited: 'Invité',
      reinvited: 'Invité à nouveau',
      activated: 'Activé',
      alreadyMember: 'Déjà membre',
      failed: (why) => `Échec : ${why}`,
      skipped: (why) => `Non envoyé : ${why}`,
      cancelled: 'Annulé',
      removed: 'Retiré depuis',
      paused: (why) => `En pause : ${why}`,
      pausedFor: { reconnect: 'En pause : reconnectez le compte dans les options pour continuer', agent: 'Mis en pause par un agent' },
      startFailed: (message) => `Non lancé : ${message}`,
    },
    verification: {
      send: "Envoyer l'e-mail de vérification",
      sending: "Envoi de l'e-mail de vérification…",
      sent: "E-mail de vérification envoyé",
      notSent: (message) => `E-mail de vérification non envoyé : ${message}`,
    },
    shortcutKeys: 'Alt+Maj+I',
    shortcutHint: "lance l'action de la destination qui a le focus, sinon de celle par défaut.",
    shortcutNoDefault:
      "Alt+Maj+I n'a rien fait : aucune destination n'a le focus et ce compte n'en a pas par défaut ici. Allez sur une destination avec Tab, ou choisissez-en une par défaut dans les options de Portier.",
    shortcutCannotAct: (destination, verdict) => `Alt+Maj+I n'a rien fait : ${destination} ne peut pas agir maintenant (${verdict}). Son bouton a maintenant le focus et dit pourquoi.`,
  },
};
