import type { Vendor } from '../../core/model';
import type { Texts } from '../shared/locale';

/** An organization page in each vendor's words: Zendesk organizations, Desk accounts, CRM Accounts. */
interface OrganizationTexts {
  loading: (vendor: Vendor) => string;
  loadFailed: (vendor: Vendor) => string;
  retry: string;
  /**
   * The button that hands the members to the bulk flow. On Zendesk it checks them: an
   * organization's members are Zendesk users already (RULES.md: any Zendesk user is a member), so
   * "invite" would promise what the preview then calls "0 to send".
   */
  invite: (n: number, name: string, vendor: Vendor) => string;
  /** The members as the bulk view's source names them. */
  source: (n: number, name: string) => string;
  empty: (vendor: Vendor, name: string) => string;
  capped: (limit: number) => string;
}

const en = (n: number) => n.toLocaleString('en');
const fr = (n: number) => n.toLocaleString('fr');
const WORD = {
  en: { zendesk: 'organization', zoho_desk: 'account', zoho_crm: 'Account', zoho_connect: 'network' },
  fr: { zendesk: "l'organisation", zoho_desk: 'le compte', zoho_crm: 'le compte', zoho_connect: 'le réseau' },
} as const;
const APP: Record<Vendor, string> = { zendesk: 'Zendesk Support', zoho_desk: 'Zoho Desk', zoho_crm: 'Zoho CRM', zoho_connect: 'Zoho Connect' };
/** Desk and CRM accounts hold contacts; a Zendesk organization, users. */
const isContacts = (vendor: Vendor) => vendor === 'zoho_desk' || vendor === 'zoho_crm';

export const ORGANIZATION_TEXTS: Texts<OrganizationTexts> = {
  en: {
    loading: (vendor) => `Reading the ${isContacts(vendor) ? 'contacts' : 'members'} of this ${WORD.en[vendor]}…`,
    loadFailed: (vendor) => `The ${WORD.en[vendor]}'s ${isContacts(vendor) ? 'contacts' : 'members'} could not be read`,
    retry: 'Try again',
    invite: (n, name, vendor) => `${vendor === 'zendesk' ? 'Check' : 'Invite'} the ${n === 1 ? '1 member' : `${en(n)} members`} of ${name}`,
    source: (n, name) => `The ${n === 1 ? '1 member' : `${en(n)} members`} of ${name}`,
    empty: (vendor, name) =>
      `${name} has no ${isContacts(vendor) ? 'contacts' : 'end users'} to invite. Add people to this ${WORD.en[vendor]} in ${APP[vendor]}, or invite them by address below.`,
    capped: (limit) => `Portier reads at most ${en(limit)} members at once: the first ${en(limit)} are here. Invite the others from a CSV of their addresses.`,
  },
  fr: {
    loading: (vendor) => `Lecture des ${isContacts(vendor) ? 'contacts' : 'membres'} de ${WORD.fr[vendor]}…`,
    loadFailed: (vendor) => `Les ${isContacts(vendor) ? 'contacts' : 'membres'} de ${WORD.fr[vendor]} n'ont pas pu être lus`,
    retry: 'Réessayer',
    invite: (n, name, vendor) => `${vendor === 'zendesk' ? 'Vérifier' : 'Inviter'} ${n <= 1 ? 'le membre' : `les ${fr(n)} membres`} de ${name}`,
    source: (n, name) => `${n <= 1 ? 'Le membre' : `Les ${fr(n)} membres`} de ${name}`,
    empty: (vendor, name) =>
      `${name} n'a aucun ${isContacts(vendor) ? 'contact' : 'utilisateur final'} à inviter. Ajoutez des personnes à ${WORD.fr[vendor]} dans ${APP[vendor]}, ou invitez-les par adresse ci-dessous.`,
    capped: (limit) => `Portier lit au plus ${fr(limit)} membres à la fois : voici les ${fr(limit)} premiers. Invitez les autres à partir d'un CSV de leurs adresses.`,
  },
};
