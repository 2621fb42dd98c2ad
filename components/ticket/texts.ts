import type { Vendor } from '../../core/model';
import type { Texts } from '../shared/locale';

/** Who a ticket names, in each vendor's words: Zendesk's requester and CCs, Desk's contact and secondary contacts. */
type Role = 'requester' | 'cc';

interface TicketTexts {
  loading: string;
  loadFailed: string;
  retry: string;
  title: (id: string, subject: string | undefined) => string;
  role: (vendor: Vendor, role: Role) => string;
  /** The person's destinations, as the list's accessible name. */
  destinationsOf: (name: string) => string;
  noName: string;
  noDestinations: string;
  requesterDeleted: (vendor: Vendor) => string;
  ccsGone: (vendor: Vendor, n: number) => string;
  agentsLeftOut: (n: number) => string;
  nobody: string;
  /** After the keys: what Alt+Shift+I does on a ticket, where several people each have a default destination. */
  shortcutHint: (vendor: Vendor) => string;
}

const en = (n: number) => n.toLocaleString('en');
const fr = (n: number) => n.toLocaleString('fr');
const REQUESTER = { en: { zendesk: 'requester', other: 'contact' }, fr: { zendesk: 'demandeur', other: 'contact' } } as const;

export const TICKET_TEXTS: Texts<TicketTexts> = {
  en: {
    loading: 'Reading the ticket and the people on it…',
    loadFailed: 'The ticket could not be read',
    retry: 'Try again',
    title: (id, subject) => (subject ? `${subject} (#${id})` : `Ticket #${id}`),
    role: (vendor, role) => (vendor === 'zoho_desk' ? (role === 'requester' ? 'Contact' : 'Secondary contact') : role === 'requester' ? 'Requester' : 'CC'),
    destinationsOf: (name) => `Destinations for ${name}`,
    noName: '(no name)',
    noDestinations: 'This account has no help center, portal or network to invite to.',
    requesterDeleted: (vendor) =>
      `The ${vendor === 'zendesk' ? REQUESTER.en.zendesk : REQUESTER.en.other} of this ticket was deleted (or merged into another person): there is nobody to invite for them.`,
    ccsGone: (vendor, n) =>
      `${en(n)} ${vendor === 'zoho_desk' ? (n === 1 ? 'secondary contact' : 'secondary contacts') : n === 1 ? 'CC' : 'CCs'} of this ticket no longer ${n === 1 ? 'exists' : 'exist'}.`,
    agentsLeftOut: (n) => `${n === 1 ? '1 agent is' : `${en(n)} agents are`} on this ticket too: agents are staff, never invited to a help center, so they are not shown.`,
    nobody: 'Nobody on this ticket can be invited from here. Use "Invite by address" below to invite someone by email.',
    shortcutHint: (vendor) => `runs the action of the focused destination, or else the ${vendor === 'zendesk' ? REQUESTER.en.zendesk : REQUESTER.en.other}'s default one.`,
  },
  fr: {
    loading: 'Lecture du ticket et des personnes qu’il nomme…',
    loadFailed: "Le ticket n'a pas pu être lu",
    retry: 'Réessayer',
    title: (id, subject) => (subject ? `${subject} (n° ${id})` : `Ticket n° ${id}`),
    role: (vendor, role) => (vendor === 'zoho_desk' ? (role === 'requester' ? 'Contact' : 'Contact secondaire') : role === 'requester' ? 'Demandeur' : 'En copie (CC)'),
    destinationsOf: (name) => `Destinations pour ${name}`,
    noName: '(sans nom)',
    noDestinations: "Ce compte n'a aucun centre d'aide, portail ou réseau où inviter.",
    requesterDeleted: (vendor) =>
      `Le ${vendor === 'zendesk' ? REQUESTER.fr.zendesk : REQUESTER.fr.other} de ce ticket a été supprimé (ou fusionné avec une autre personne) : il n'y a personne à inviter pour lui.`,
    ccsGone: (vendor, n) =>
      vendor === 'zoho_desk'
        ? `${fr(n)} ${n <= 1 ? 'contact secondaire de ce ticket n’existe' : 'contacts secondaires de ce ticket n’existent'} plus.`
        : `${fr(n)} ${n <= 1 ? 'personne en copie de ce ticket n’existe' : 'personnes en copie de ce ticket n’existent'} plus.`,
    agentsLeftOut: (n) =>
      `${n <= 1 ? '1 agent figure' : `${fr(n)} agents figurent`} aussi sur ce ticket : les agents font partie de l'équipe et ne sont jamais invités dans un centre d'aide, ils ne sont donc pas affichés.`,
    nobody: "Personne sur ce ticket ne peut être invité d'ici. Utilisez « Inviter par adresse » ci-dessous pour inviter quelqu'un par e-mail.",
    shortcutHint: (vendor) => `lance l'action de la destination qui a le focus, sinon celle par défaut du ${vendor === 'zendesk' ? REQUESTER.fr.zendesk : REQUESTER.fr.other}.`,
  },
};
