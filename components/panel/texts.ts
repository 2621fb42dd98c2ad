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
  notConnectedTitle: (vendor: string, account: string) => string;
  notConnectedHelp: (vendor: string, account: string) => string;
  /** The notice's button: the options page opens on that account's connect form. */
  connectInOptions: (account: string) => string;
  reconnectTitle: (label: string) => string;
  reconnectHelp: string;
  openOptions: string;
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
    hint: 'Open a contact or a list view in Zendesk Support, Zoho Desk, Zoho CRM or Zoho Connect (a ticket or an organization too) to see who can be invited.',
    notConnectedTitle: (vendor, account) => `${vendor} “${account}” is not connected`,
    notConnectedHelp: (vendor, account) =>
      `This page belongs to the ${vendor} account “${account}”, which Portier cannot read: it reads each page’s records through that page’s own account. Connect “${account}” in the options, then come back to this page.`,
    connectInOptions: (account) => `Connect “${account}” in the options`,
    reconnectTitle: (label) => `Reconnect ${label}`,
    reconnectHelp: 'Portier lost access to this account (signed out, or its token expired). Reconnect it in the options; paused invitations resume afterwards.',
    openOptions: 'Open options',
    otherPageHint: 'Open a contact or a list view of this account (a ticket or an organization too) to see who can be invited, or invite someone by address below.',
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
    hint: 'Ouvrez un contact ou une vue liste dans Zendesk Support, Zoho Desk, Zoho CRM ou Zoho Connect (un ticket ou une organisation aussi) pour voir qui peut être invité.',
    notConnectedTitle: (vendor, account) => `${vendor} « ${account} » n’est pas connecté`,
    notConnectedHelp: (vendor, account) =>
      `Cette page appartient au compte ${vendor} « ${account} », que Portier ne peut pas lire : il lit les fiches de chaque page par le compte de cette page. Connectez « ${account} » dans les options, puis revenez sur cette page.`,
    connectInOptions: (account) => `Connecter « ${account} » dans les options`,
    reconnectTitle: (label) => `Reconnectez ${label}`,
    reconnectHelp: "Portier n'a plus accès à ce compte (session fermée ou jeton expiré). Reconnectez-le dans les options ; les invitations en pause reprendront ensuite.",
    openOptions: 'Ouvrir les options',
    otherPageHint: "Ouvrez un contact ou une vue liste de ce compte (un ticket ou une organisation aussi) pour voir qui peut être invité, ou invitez quelqu'un par adresse ci-dessous.",
    views: 'Vues',
    tabContact: 'Contact',
    tabList: 'Sélection',
    tabPage: 'Cette page',
    tabPortalUsers: 'Utilisateurs du portail',
  },
};
