import type { ZohoDataCenter } from '../../core/messages';
import type { Account, Vendor } from '../../core/model';
import type { Texts } from '../shared/locale';

type ZohoVendor = Exclude<Vendor, 'zendesk'>;
type DataCenter = (typeof ZohoDataCenter.options)[number];

/** Product names are the vendors' own, the same in every language. */
export const VENDOR_NAMES: Record<Vendor, string> = {
  zendesk: 'Zendesk Support',
  zoho_desk: 'Zoho Desk',
  zoho_crm: 'Zoho CRM',
  zoho_connect: 'Zoho Connect',
};

export interface OptionsTexts {
  title: string;
  intro: string;
  language: string;
  // Connected accounts
  accountsHeading: string;
  accountsLoading: string;
  accountsEmpty: string;
  accountsFailed: (message: string) => string;
  authKinds: Record<Account['authKind'], string>;
  statuses: Record<Account['status'], string>;
  method: string;
  status: string;
  subdomain: string;
  dataCenter: string;
  orgId: string;
  reconnect: string;
  reconnectNamed: (label: string) => string;
  reconnectWithToken: (label: string) => string;
  reconnected: (label: string) => string;
  disconnect: string;
  disconnectNamed: (label: string) => string;
  confirmDisconnect: (label: string) => string;
  confirmYes: string;
  cancel: string;
  disconnected: (label: string) => string;
  /** Disconnected and deleted here, but the vendor still holds a token: `message` (the background's) says where to remove it. */
  disconnectedKeptAtVendor: (label: string, message: string) => string;
  disconnectBusy: (label: string) => string;
  actionFailed: (message: string) => string;
  // Connect forms
  connectHeading: string;
  connect: (vendor: string) => string;
  connecting: string;
  connectedNamed: (label: string) => string;
  connectFailed: (message: string) => string;
  fixFields: (count: number) => string;
  subdomainLabel: string;
  subdomainHint: string;
  subdomainProblems: Record<'empty' | 'custom_domain' | 'invalid', string>;
  methodLegend: string;
  methods: Record<Account['authKind'], string>;
  methodHelp: Record<Account['authKind'], string>;
  emailLabel: string;
  emailInvalid: string;
  tokenLabel: string;
  tokenHint: string;
  tokenEmpty: string;
  dataCenters: Record<DataCenter, string>;
  orgIdLabels: Record<ZohoVendor, string>;
  orgIdHints: Record<ZohoVendor, string>;
  orgIdEmpty: string;
  orgIdInvalid: string;
  zohoOauth: string;
  /** Sent from the panel, on a page of an account not connected. */
  connectTarget: (vendor: string, account: string) => string;
  /** The Zoho form: sign in first, then pick from what the sign-in reaches. */
  zohoSignInHint: Record<ZohoVendor, string>;
  signInTo: (vendor: string) => string;
  signingIn: string;
  /** A sign-in's list gone before the agent picked (10 minutes passed, or the browser restarted Portier's background). */
  signInEnded: string;
  pickLegend: Record<ZohoVendor, string>;
  choiceLabel: (name: string, pageName: string | undefined, isDefault: boolean) => string;
  connectPicked: (name: string) => string;
  byIdSummary: string;
  // Account settings
  settingsHeading: string;
  domainsLabel: string;
  domainsHint: string;
  notDomains: (entries: string) => string;
  tooMany: (max: number) => string;
  defaultTargetLabel: string;
  noTarget: string;
  targetsLoading: string;
  targetsFailed: (message: string) => string;
  unknownTarget: (key: string) => string;
  pageNamesLabel: string;
  pageNamesHints: Record<'zoho_desk' | 'zoho_connect', string>;
  notPageNames: (entries: string) => string;
  /** Zoho CRM: the portal's seats, shared by its user types. */
  seatsLabel: string;
  seatsHint: string;
  seatsInvalid: (max: number) => string;
  save: string;
  saving: string;
  saved: (label: string) => string;
  saveFailed: (message: string) => string;
}

export const OPTIONS_TEXTS: Texts<OptionsTexts> = {
  en: {
    title: 'Portier options',
    intro: 'Connect the helpdesk and CRM accounts Portier works in, then set each one’s company domains and default destination.',
    language: 'Language',
    accountsHeading: 'Connected accounts',
    accountsLoading: 'Loading accounts…',
    accountsEmpty: 'No account is connected yet. Connect one below.',
    accountsFailed: (message) => `The accounts could not be loaded: ${message}`,
    authKinds: { session: 'Signed-in session', oauth: 'OAuth', api_token: 'API token' },
    statuses: { connected: 'Connected', needs_reconnect: 'Needs reconnecting' },
    method: 'Method',
    status: 'Status',
    subdomain: 'Subdomain',
    dataCenter: 'Data center',
    orgId: 'Id',
    reconnect: 'Reconnect',
    reconnectNamed: (label) => `Reconnect ${label}`,
    reconnectWithToken: (label) => `To reconnect ${label}, enter its API token again in the Zendesk Support form below.`,
    reconnected: (label) => `${label} is connected again.`,
    disconnect: 'Disconnect',
    disconnectNamed: (label) => `Disconnect ${label}`,
    confirmDisconnect: (label) => `Disconnect ${label}? Portier forgets its credentials, cancels its invitations in progress and deletes the contacts, invitations and history it keeps for it on this computer.`,
    confirmYes: 'Yes, disconnect',
    cancel: 'Cancel',
    disconnected: (label) => `${label} is disconnected.`,
    disconnectedKeptAtVendor: (label, message) => `${label} is disconnected and its data deleted from this computer. ${message}`,
    disconnectBusy: (label) => `${label} is still connected: a job is checking with the vendor a batch it already sent. Its other invitations are cancelled; try again in a minute.`,
    actionFailed: (message) => `That did not work: ${message}`,
    connectHeading: 'Connect an account',
    connect: (vendor) => `Connect ${vendor}`,
    connecting: 'Connecting…',
    connectedNamed: (label) => `${label} is connected.`,
    connectFailed: (message) => `Could not connect: ${message}`,
    fixFields: (count) => (count === 1 ? 'One field needs attention.' : `${count} fields need attention.`),
    subdomainLabel: 'Zendesk subdomain',
    subdomainHint: 'For example acme, acme.zendesk.com or any address of your Zendesk.',
    subdomainProblems: {
      empty: 'Enter your Zendesk subdomain.',
      custom_domain: 'Use your acme.zendesk.com address, not a custom domain.',
      invalid: 'A subdomain has only letters, digits and dashes, like the “acme” of acme.zendesk.com.',
    },
    methodLegend: 'Sign-in method',
    methods: { session: 'My signed-in session (recommended)', oauth: 'OAuth', api_token: 'API token' },
    methodHelp: {
      session: 'Portier uses your Zendesk sign-in in this browser; no secret is stored.',
      oauth: 'A Zendesk sign-in window opens to authorise Portier.',
      api_token: 'For accounts where the session cannot be used. Needs an admin’s API token.',
    },
    emailLabel: 'Agent email',
    emailInvalid: 'Enter the email address you sign in to Zendesk with.',
    tokenLabel: 'Token',
    tokenHint: 'Admin Center › Apps and integrations › Zendesk API. Portier keeps it in the background and never shows it again.',
    tokenEmpty: 'Enter the API token.',
    dataCenters: {
      com: 'United States (zoho.com)',
      eu: 'Europe (zoho.eu)',
      in: 'India (zoho.in)',
      'com.au': 'Australia (zoho.com.au)',
      jp: 'Japan (zoho.jp)',
      'com.cn': 'China (zoho.com.cn)',
      sa: 'Saudi Arabia (zoho.sa)',
      ca: 'Canada (zohocloud.ca)',
    },
    orgIdLabels: { zoho_desk: 'Organisation id (orgId)', zoho_crm: 'Org id', zoho_connect: 'Network id (scopeID)' },
    orgIdHints: {
      zoho_desk: 'In Zoho Desk: Setup › Developer Space › API, the organisation id (digits).',
      zoho_crm: 'In Zoho CRM: Setup › Company Details, the org id (digits).',
      zoho_connect: 'The scopeID of the network (digits), shown in Zoho Connect’s API and admin settings.',
    },
    orgIdEmpty: 'Enter the id.',
    orgIdInvalid: 'An id has only letters, digits, dots, dashes and underscores.',
    zohoOauth: 'Zoho accounts connect with OAuth: a Zoho sign-in window opens for the data center you choose.',
    connectTarget: (vendor, account) => `Connect ${vendor} “${account}” below, then go back to its page: Portier reads that page through this account.`,
    zohoSignInHint: {
      zoho_desk: 'A Zoho sign-in window opens; then pick the Zoho Desk organization to connect from those your sign-in reaches.',
      zoho_crm: 'A Zoho sign-in window opens; the Zoho CRM organization of your sign-in is connected.',
      zoho_connect: 'A Zoho sign-in window opens; then pick the network this account starts from. Every network you belong to becomes a destination.',
    },
    signInTo: (vendor) => `Sign in to ${vendor}`,
    signingIn: 'Waiting for the Zoho sign-in…',
    signInEnded: 'This Zoho sign-in has ended (it lasts 10 minutes, and a browser restart ends it too): sign in again to pick from the list.',
    pickLegend: { zoho_desk: 'Which organization?', zoho_crm: 'Which organization?', zoho_connect: 'Which network?' },
    choiceLabel: (name, pageName, isDefault) => `${name}${pageName ? ` (${pageName})` : ''}${isDefault ? ' · default' : ''}`,
    connectPicked: (name) => `Connect ${name}`,
    byIdSummary: 'Connect with an id instead',
    settingsHeading: 'Settings',
    domainsLabel: 'Company domains',
    domainsHint: 'Your organisation’s own email domains, one per line or separated by commas. Addresses on them are colleagues, not customers.',
    notDomains: (entries) => `Not domains: ${entries}`,
    tooMany: (max) => `At most ${max} entries.`,
    defaultTargetLabel: 'Default destination',
    noTarget: 'None',
    targetsLoading: 'Loading destinations…',
    targetsFailed: (message) => `The destinations could not be loaded: ${message}`,
    unknownTarget: (key) => `${key} (not found now)`,
    pageNamesLabel: 'Portal names in addresses',
    pageNamesHints: {
      zoho_desk: 'Read from Zoho Desk when you connected: “acme” for desk.zoho.com/agent/acme/… pages. Portier recognises this account’s pages by them; add one per line only if its pages show another.',
      zoho_connect: 'Read from Zoho Connect when you connected, one per network: “acmepartners” for connect.zoho.com/portal/acmepartners/… pages. Add one per line only if its pages show another.',
    },
    notPageNames: (entries) => `Not portal names: ${entries}`,
    seatsLabel: 'Portal seats',
    seatsHint: 'The number of portal users your Zoho CRM plan allows, shared by the portal’s user types (Zoho’s free allowance is 1,000 since January 2025). Leave empty if you don’t know: Zoho will refuse when seats run out, and Portier will remember it for an hour.',
    seatsInvalid: (max) => `Enter a whole number of seats from 1 to ${max.toLocaleString('en')}, or leave it empty.`,
    save: 'Save settings',
    saving: 'Saving…',
    saved: (label) => `Settings of ${label} saved.`,
    saveFailed: (message) => `Could not save: ${message}`,
  },
  fr: {
    title: 'Options de Portier',
    intro: 'Connectez les comptes de helpdesk et de CRM où Portier travaille, puis réglez pour chacun les domaines de l’entreprise et la destination par défaut.',
    language: 'Langue',
    accountsHeading: 'Comptes connectés',
    accountsLoading: 'Chargement des comptes…',
    accountsEmpty: 'Aucun compte n’est encore connecté. Connectez-en un ci-dessous.',
    accountsFailed: (message) => `Les comptes n’ont pas pu être chargés : ${message}`,
    authKinds: { session: 'Session connectée', oauth: 'OAuth', api_token: 'Jeton d’API' },
    statuses: { connected: 'Connecté', needs_reconnect: 'À reconnecter' },
    method: 'Méthode',
    status: 'État',
    subdomain: 'Sous-domaine',
    dataCenter: 'Centre de données',
    orgId: 'Identifiant',
    reconnect: 'Reconnecter',
    reconnectNamed: (label) => `Reconnecter ${label}`,
    reconnectWithToken: (label) => `Pour reconnecter ${label}, saisissez à nouveau son jeton d’API dans le formulaire Zendesk Support ci-dessous.`,
    reconnected: (label) => `${label} est de nouveau connecté.`,
    disconnect: 'Déconnecter',
    disconnectNamed: (label) => `Déconnecter ${label}`,
    confirmDisconnect: (label) => `Déconnecter ${label} ? Portier oublie ses identifiants, annule ses invitations en cours et supprime les contacts, invitations et historiques qu’il garde pour ce compte sur cet ordinateur.`,
    confirmYes: 'Oui, déconnecter',
    cancel: 'Annuler',
    disconnected: (label) => `${label} est déconnecté.`,
    disconnectedKeptAtVendor: (label, message) => `${label} est déconnecté et ses données effacées de cet ordinateur. ${message}`,
    disconnectBusy: (label) => `${label} est toujours connecté : une tâche vérifie auprès de l’éditeur un lot déjà envoyé. Ses autres invitations sont annulées ; réessayez dans une minute.`,
    actionFailed: (message) => `Cela n’a pas fonctionné : ${message}`,
    connectHeading: 'Connecter un compte',
    connect: (vendor) => `Connecter ${vendor}`,
    connecting: 'Connexion…',
    connectedNamed: (label) => `${label} est connecté.`,
    connectFailed: (message) => `Connexion impossible : ${message}`,
    fixFields: (count) => (count === 1 ? 'Un champ est à corriger.' : `${count} champs sont à corriger.`),
    subdomainLabel: 'Sous-domaine Zendesk',
    subdomainHint: 'Par exemple acme, acme.zendesk.com ou n’importe quelle adresse de votre Zendesk.',
    subdomainProblems: {
      empty: 'Saisissez votre sous-domaine Zendesk.',
      custom_domain: 'Utilisez votre adresse acme.zendesk.com, pas un domaine personnalisé.',
      invalid: 'Un sous-domaine ne contient que des lettres, des chiffres et des tirets, comme le « acme » de acme.zendesk.com.',
    },
    methodLegend: 'Méthode de connexion',
    methods: { session: 'Ma session connectée (recommandé)', oauth: 'OAuth', api_token: 'Jeton d’API' },
    methodHelp: {
      session: 'Portier utilise votre connexion à Zendesk dans ce navigateur ; aucun secret n’est enregistré.',
      oauth: 'Une fenêtre de connexion Zendesk s’ouvre pour autoriser Portier.',
      api_token: 'Pour les comptes où la session ne peut pas servir. Demande un jeton d’API d’administrateur.',
    },
    emailLabel: 'E-mail de l’agent',
    emailInvalid: 'Saisissez l’adresse e-mail avec laquelle vous vous connectez à Zendesk.',
    tokenLabel: 'Jeton',
    tokenHint: 'Centre d’administration › Applications et intégrations › API Zendesk. Portier le garde en arrière-plan et ne l’affiche plus jamais.',
    tokenEmpty: 'Saisissez le jeton d’API.',
    dataCenters: {
      com: 'États-Unis (zoho.com)',
      eu: 'Europe (zoho.eu)',
      in: 'Inde (zoho.in)',
      'com.au': 'Australie (zoho.com.au)',
      jp: 'Japon (zoho.jp)',
      'com.cn': 'Chine (zoho.com.cn)',
      sa: 'Arabie saoudite (zoho.sa)',
      ca: 'Canada (zohocloud.ca)',
    },
    orgIdLabels: { zoho_desk: 'Identifiant d’organisation (orgId)', zoho_crm: 'Identifiant d’organisation (org id)', zoho_connect: 'Identifiant du réseau (scopeID)' },
    orgIdHints: {
      zoho_desk: 'Dans Zoho Desk : Configuration › Espace développeur › API, l’identifiant d’organisation (chiffres).',
      zoho_crm: 'Dans Zoho CRM : Configuration › Détails de l’entreprise, l’identifiant d’organisation (chiffres).',
      zoho_connect: 'Le scopeID du réseau (chiffres), affiché dans les réglages d’API et d’administration de Zoho Connect.',
    },
    orgIdEmpty: 'Saisissez l’identifiant.',
    orgIdInvalid: 'Un identifiant ne contient que des lettres, des chiffres, des points, des tirets et des soulignés.',
    zohoOauth: 'Les comptes Zoho se connectent par OAuth : une fenêtre de connexion Zoho s’ouvre pour le centre de données choisi.',
    connectTarget: (vendor, account) => `Connectez ${vendor} « ${account} » ci-dessous, puis revenez sur sa page : Portier lit cette page par ce compte.`,
    zohoSignInHint: {
      zoho_desk: 'Une fenêtre de connexion Zoho s’ouvre ; choisissez ensuite l’organisation Zoho Desk à connecter parmi celles que votre connexion atteint.',
      zoho_crm: 'Une fenêtre de connexion Zoho s’ouvre ; l’organisation Zoho CRM de votre connexion est connectée.',
      zoho_connect: 'Une fenêtre de connexion Zoho s’ouvre ; choisissez ensuite le réseau de départ de ce compte. Chaque réseau dont vous êtes membre devient une destination.',
    },
    signInTo: (vendor) => `Se connecter à ${vendor}`,
    signingIn: 'En attente de la connexion Zoho…',
    signInEnded: 'Cette connexion Zoho a pris fin (elle dure 10 minutes, et un redémarrage du navigateur y met fin aussi) : connectez-vous à nouveau pour choisir dans la liste.',
    pickLegend: { zoho_desk: 'Quelle organisation ?', zoho_crm: 'Quelle organisation ?', zoho_connect: 'Quel réseau ?' },
    choiceLabel: (name, pageName, isDefault) => `${name}${pageName ? ` (${pageName})` : ''}${isDefault ? ' · par défaut' : ''}`,
    connectPicked: (name) => `Connecter ${name}`,
    byIdSummary: 'Connecter avec un identifiant',
    settingsHeading: 'Réglages',
    domainsLabel: 'Domaines de l’entreprise',
    domainsHint: 'Les domaines e-mail de votre organisation, un par ligne ou séparés par des virgules. Leurs adresses sont des collègues, pas des clients.',
    notDomains: (entries) => `Pas des domaines : ${entries}`,
    tooMany: (max) => `${max} entrées au plus.`,
    defaultTargetLabel: 'Destination par défaut',
    noTarget: 'Aucune',
    targetsLoading: 'Chargement des destinations…',
    targetsFailed: (message) => `Les destinations n’ont pas pu être chargées : ${message}`,
    unknownTarget: (key) => `${key} (introuvable pour l’instant)`,
    pageNamesLabel: 'Noms de portail dans les adresses',
    pageNamesHints: {
      zoho_desk: 'Lus dans Zoho Desk à la connexion : « acme » pour les pages desk.zoho.com/agent/acme/…. Portier reconnaît les pages de ce compte grâce à eux ; ajoutez-en un par ligne seulement si ses pages en affichent un autre.',
      zoho_connect: 'Lus dans Zoho Connect à la connexion, un par réseau : « acmepartners » pour les pages connect.zoho.com/portal/acmepartners/…. Ajoutez-en un par ligne seulement si ses pages en affichent un autre.',
    },
    notPageNames: (entries) => `Pas des noms de portail : ${entries}`,
    seatsLabel: 'Places du portail',
    seatsHint: 'Le nombre d’utilisateurs de portail que votre offre Zoho CRM permet, partagé par les types d’utilisateurs du portail (l’offre gratuite de Zoho en compte 1 000 depuis janvier 2025). Laissez vide si vous ne le savez pas : Zoho refusera quand il n’y aura plus de places, et Portier s’en souviendra pendant une heure.',
    seatsInvalid: (max) => `Saisissez un nombre entier de places de 1 à ${max.toLocaleString('fr')}, ou laissez vide.`,
    save: 'Enregistrer les réglages',
    saving: 'Enregistrement…',
    saved: (label) => `Réglages de ${label} enregistrés.`,
    saveFailed: (message) => `Enregistrement impossible : ${message}`,
  },
};
