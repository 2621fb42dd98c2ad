import type { Locale } from '../i18n';
import type { ReasonCode } from '../model';

/**
 * What the agent reads for each reason: `title` says what is wrong, `help` what to do about it.
 * Written for a support agent in the middle of a ticket, not for a developer.
 */
export interface ReasonText {
  title: string;
  help: string;
}

export const REASON_TEXTS: Record<ReasonCode, Record<Locale, ReasonText>> = {
  EMAIL_MISSING: {
    en: { title: 'No email address', help: 'Add an email address to the contact in the helpdesk, then try again.' },
    fr: { title: 'Aucune adresse e-mail', help: 'Ajoutez une adresse e-mail au contact dans le helpdesk, puis réessayez.' },
  },
  EMAIL_MALFORMED: {
    en: {
      title: 'The email address is not valid',
      help: 'Correct the address on the contact (one @, no spaces, a domain such as example.com), then try again.',
    },
    fr: {
      title: "L'adresse e-mail n'est pas valide",
      help: "Corrigez l'adresse du contact (un seul @, pas d'espace, un domaine comme exemple.fr), puis réessayez.",
    },
  },
  EMAIL_UNSUPPORTED_CHARACTERS: {
    en: {
      title: 'Characters a portal does not accept',
      help: 'Zoho CRM portals accept only letters A–Z, digits and . - _ + in an address. Use another address for this contact.',
    },
    fr: {
      title: "Caractères refusés par le portail",
      help: "Les portails Zoho CRM n'acceptent que les lettres A–Z, les chiffres et . - _ + dans une adresse. Utilisez une autre adresse pour ce contact.",
    },
  },
  EMAIL_DISPOSABLE: {
    en: {
      title: 'Disposable email address',
      help: 'This address comes from a throwaway mail service and may stop working. Ask the contact for a lasting address.',
    },
    fr: {
      title: 'Adresse e-mail jetable',
      help: "Cette adresse vient d'un service de messagerie jetable et peut cesser de fonctionner. Demandez au contact une adresse durable.",
    },
  },
  EMAIL_DOMAIN_RESERVED: {
    en: {
      title: 'This address cannot receive mail',
      help: 'Its domain is reserved or does not exist, so no invitation will be delivered. Keep it only if that is intended (e.g. @example.invalid).',
    },
    fr: {
      title: 'Cette adresse ne peut pas recevoir de courrier',
      help: "Son domaine est réservé ou n'existe pas : aucune invitation ne sera remise. Gardez-la seulement si c'est voulu (par ex. @example.invalid).",
    },
  },
  EMAIL_UNVERIFIED: {
    en: {
      title: 'Email address not verified',
      help: 'The address must be verified first. In Zendesk, send the verification email from here; in Zoho Desk, ask the contact to verify it.',
    },
    fr: {
      title: 'Adresse e-mail non vérifiée',
      help: "L'adresse doit d'abord être vérifiée. Dans Zendesk, envoyez l'e-mail de vérification d'ici ; dans Zoho Desk, demandez au contact de la vérifier.",
    },
  },
  DUPLICATE_IN_SELECTION: {
    en: { title: 'Already in this selection', help: 'The same address appears earlier in the list; it will be invited once.' },
    fr: { title: 'Déjà dans cette sélection', help: 'La même adresse figure plus haut dans la liste ; elle ne sera invitée qu’une fois.' },
  },
  ALREADY_MEMBER: {
    en: { title: 'Already a member', help: 'This person already has an account here; if it was turned off, turn it back on in the vendor’s app. Nothing to invite.' },
    fr: { title: 'Déjà membre', help: 'Cette personne a déjà un compte ici ; s’il a été désactivé, réactivez-le dans l’application de l’éditeur. Rien à inviter.' },
  },
  INVITATION_PENDING: {
    en: {
      title: 'Invitation already sent',
      help: 'An invitation sent less than 7 days ago is still valid. Ask the contact to check their inbox and spam folder.',
    },
    fr: {
      title: 'Invitation déjà envoyée',
      help: "Une invitation envoyée il y a moins de 7 jours est encore valable. Demandez au contact de vérifier sa boîte de réception et ses indésirables.",
    },
  },
  INVITATION_EXPIRED: {
    en: { title: 'Invitation expired', help: 'The last invitation is 7 days old or more and was not accepted. Portier will send it again.' },
    fr: { title: 'Invitation expirée', help: "La dernière invitation date de 7 jours ou plus et n'a pas été acceptée. Portier la renverra." },
  },
  PORTAL_USER_DEACTIVATED: {
    en: { title: 'Deactivated portal user', help: 'This person was a portal user and was deactivated. Activate them instead of inviting again.' },
    fr: {
      title: 'Utilisateur du portail désactivé',
      help: 'Cette personne était utilisatrice du portail et a été désactivée. Activez-la au lieu de l’inviter à nouveau.',
    },
  },
  RECORD_PENDING_APPROVAL: {
    en: { title: 'Record waiting for approval', help: 'An approval process locks this record. Invite once it has been approved.' },
    fr: { title: "Fiche en attente d'approbation", help: "Un processus d'approbation verrouille cette fiche. Invitez une fois qu'elle est approuvée." },
  },
  RECORD_UNDER_REVIEW: {
    en: { title: 'Record under review', help: 'This record is in a review process. Invite once the review is finished.' },
    fr: { title: 'Fiche en cours de révision', help: 'Cette fiche est dans un processus de révision. Invitez une fois la révision terminée.' },
  },
  CONSENT_MISSING: {
    en: {
      title: 'No GDPR consent',
      help: 'Your organization requires consent and this record has not given it. Request consent from the record in Zoho CRM first.',
    },
    fr: {
      title: 'Pas de consentement RGPD',
      help: "Votre organisation exige le consentement et cette fiche ne l'a pas donné. Demandez d'abord le consentement depuis la fiche dans Zoho CRM.",
    },
  },
  RECORD_DELETED: {
    en: { title: 'Record deleted', help: 'This record no longer exists in Zoho CRM. Reload the page or pick another record.' },
    fr: { title: 'Fiche supprimée', help: "Cette fiche n'existe plus dans Zoho CRM. Rechargez la page ou choisissez une autre fiche." },
  },
  RECORD_IN_RECYCLE_BIN: {
    en: { title: 'Record in the recycle bin', help: 'Restore the record from the Zoho CRM recycle bin before inviting it.' },
    fr: { title: 'Fiche dans la corbeille', help: "Restaurez la fiche depuis la corbeille de Zoho CRM avant de l'inviter." },
  },
  COMPANY_DOMAIN: {
    en: {
      title: "Your own company's address",
      help: 'Portals are for customers, partners and vendors, not employees. Give colleagues a CRM user account instead.',
    },
    fr: {
      title: 'Adresse de votre propre entreprise',
      help: 'Les portails sont faits pour les clients, partenaires et fournisseurs, pas les employés. Donnez plutôt un compte utilisateur CRM aux collègues.',
    },
  },
  INTERNAL_DOMAIN_MISMATCH: {
    en: {
      title: 'Not a company address',
      help: "Internal networks accept only your company's email domains. Invite this person to an external network instead.",
    },
    fr: {
      title: "Pas une adresse de l'entreprise",
      help: "Les réseaux internes n'acceptent que les domaines e-mail de votre entreprise. Invitez plutôt cette personne dans un réseau externe.",
    },
  },
  IN_OTHER_INTERNAL_NETWORK: {
    en: {
      title: 'Member of another internal network',
      help: 'A person can belong to only one internal network at a time. Invite them to an external network instead.',
    },
    fr: {
      title: "Membre d'un autre réseau interne",
      help: "Une personne ne peut faire partie que d'un seul réseau interne à la fois. Invitez-la plutôt dans un réseau externe.",
    },
  },
  ZOHO_ACCOUNT_REQUIRED: {
    en: { title: 'No Zoho account yet', help: 'The person will be asked to create a Zoho account when they accept the invitation.' },
    fr: { title: 'Pas encore de compte Zoho', help: "La personne devra créer un compte Zoho en acceptant l'invitation." },
  },
  NOT_NETWORK_ADMIN: {
    en: {
      title: 'Only network admins can add external users',
      help: 'Ask a network admin to invite this person, or to give you a role that allows adding users.',
    },
    fr: {
      title: 'Seuls les administrateurs du réseau ajoutent des externes',
      help: "Demandez à un administrateur du réseau d'inviter cette personne, ou de vous donner un rôle qui permet d'ajouter des utilisateurs.",
    },
  },
  NO_PORTAL_PERMISSION: {
    en: {
      title: 'You cannot manage portal users',
      help: 'Your Zoho CRM profile lacks the portal-management permission or access to this record. Ask your CRM administrator.',
    },
    fr: {
      title: 'Vous ne pouvez pas gérer les utilisateurs du portail',
      help: "Votre profil Zoho CRM n'a pas l'autorisation de gérer le portail ou d'accéder à cette fiche. Demandez à votre administrateur CRM.",
    },
  },
  NOT_AN_AGENT: {
    en: { title: 'Agents only', help: 'You are signed in to Zendesk as an end user. Sign in with an agent or admin account.' },
    fr: {
      title: 'Réservé aux agents',
      help: 'Vous êtes connecté à Zendesk comme utilisateur final. Connectez-vous avec un compte agent ou administrateur.',
    },
  },
  HELP_CENTER_DISABLED: {
    en: { title: 'Help center disabled', help: 'This help center is turned off. Ask your Zoho Desk administrator to enable it, or choose another.' },
    fr: {
      title: "Centre d'aide désactivé",
      help: "Ce centre d'aide est désactivé. Demandez à votre administrateur Zoho Desk de l'activer, ou choisissez-en un autre.",
    },
  },
  LICENSE_LIMIT: {
    en: { title: 'No seat left', help: 'Every user seat is taken. Free seats (deactivated users do not count) or buy more, then try again.' },
    fr: {
      title: 'Plus de place disponible',
      help: 'Toutes les places sont prises. Libérez-en (les utilisateurs désactivés ne comptent pas) ou achetez-en, puis réessayez.',
    },
  },
};

export function reasonText(code: ReasonCode, locale: Locale): ReasonText {
  return REASON_TEXTS[code][locale];
}
