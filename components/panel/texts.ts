import type { Vendor } from '../../core/model';
import type { Texts } from '../shared/locale';

const VENDOR_NAMES: Record<Vendor, string> = {
  zendesk: 'Zendesk Support',
  zoho_desk: 'Zoho Desk',
  zoho_crm: 'Zoho CRM',
  zoho_connect: 'Zoho Connect',
};

export function vendorName(vendor: Vendor): string {
  return VENDOR_NAMES[vendor];
}

interface ShellTexts {
  title: string;
  language: string;
  loading: string;
  viewFailed: string;
  hint: string;
  notConnectedTitle: (vendor: string) => string;
  notConnectedHelp: (vendor: string, account: string) => string;
  reconnectTitle: (label: string) => string;
  reconnectHelp: string;
  openOptions: string;
  ticketHint: string;
  otherPageHint: string;
  views: string;
  tabContact: string;
  tabList: string;
  tabPage: string;
  tabPortalUsers: string;
}

export const SHELL_TEXTS: Texts<ShellTexts> = {
  en: {
    title: 'Portier',
    language: 'Language',
    loading: 'Loading…',
    viewFailed: 'This view could not be loaded. Close and reopen the panel.',
    hint: 'Open a contact or a list view in Zendesk Support, Zoho Desk, Zoho CRM or Zoho Connect to see who can be invited.',
    notConnectedTitle: (vendor) => `No ${vendor} account connected`,
    notConnectedHelp: (vendor, account) =>
      `Connect the ${vendor} account “${account}” in Portier's options, then come back to this page.`,
    reconnectTitle: (label) => `Reconnect ${label}`,
    reconnectHelp: 'Portier lost access to this account (signed out, or its token expired). Reconnect it in the options; paused invitations resume afterwards.',
    openOptions: 'Open options',
    ticketHint: "Portier works on the requester's profile: open the requester from the ticket to see where they can be invited.",
    otherPageHint: 'Open a contact or a list view of this account to see who can be invited.',
    views: 'Views',
    tabContact: 'Contact',
    tabList: 'Selection',
    tabPage: 'This page',
    tabPortalUsers: 'Portal users',
  },
  fr: {
    title: 'Portier',
    language: 'Langue',
    loading: 'Chargement…',
    viewFailed: "Cette vue n'a pas pu être chargée. Fermez puis rouvrez le panneau.",
    hint: 'Ouvrez un contact ou une vue liste dans Zendesk Support, Zoho Desk, Zoho CRM ou Zoho Connect pour voir qui peut être invité.',
    notConnectedTitle: (vendor) => `Aucun compte ${vendor} connecté`,
    notConnectedHelp: (vendor, account) =>
      `Connectez le compte ${vendor} « ${account} » dans les options de Portier, puis revenez sur cette page.`,
    reconnectTitle: (label) => `Reconnectez ${label}`,
    reconnectHelp: "Portier n'a plus accès à ce compte (session fermée ou jeton expiré). Reconnectez-le dans les options ; les invitations en pause reprendront ensuite.",
    openOptions: 'Ouvrir les options',
    ticketHint: 'Portier travaille sur la fiche du demandeur : ouvrez le demandeur depuis le ticket pour voir où il peut être invité.',
    otherPageHint: 'Ouvrez un contact ou une vue liste de ce compte pour voir qui peut être invité.',
    views: 'Vues',
    tabContact: 'Contact',
    tabList: 'Sélection',
    tabPage: 'Cette page',
    tabPortalUsers: 'Utilisateurs du portail',
  },
};
