import type { Texts } from '../shared/locale';

const en = new Intl.NumberFormat('en').format;
const fr = new Intl.NumberFormat('fr').format;

export interface BulkTexts {
  heading: string;
  destination: string;
  loadingTargets: string;
  noTargets: string;
  source: string;
  fromPage(n: number): string;
  pageHint: string;
  /** In the preview: how many rows Portier read on the page, for the agent to compare with what they ticked. */
  pageRows(n: number): string;
  pageCapped(max: number): string;
  pick: string;
  csv: string;
  csvInput: string;
  csvReading: string;
  csvRead(n: number, column: string | null): string;
  csvDuplicates(n: number): string;
  csvInvalid(n: number): string;
  csvLine(line: number, value: string): string;
  csvMore(n: number): string;
  records: string;
  recordsLoading: string;
  loadMore: string;
  selectAll: string;
  pickedCount(selected: number, loaded: number): string;
  noName: string;
  noEmail: string;
  check(n: number): string;
  nothingSelected: string;
  checking(done: number, total: number): string;
  eligible(n: number): string;
  reasonsHeading: string;
  reasonCount(title: string, n: number): string;
  filter: string;
  filterAll(n: number): string;
  filterEligible(n: number): string;
  previewList: string;
  canInvite: string;
  willReinvite: string;
  missingHeading(n: number): string;
  missingList: string;
  invite(n: number): string;
  cancel: string;
  starting(done: number, total: number): string;
  started(jobs: number): string;
  partlyStarted(started: number, total: number, error: string): string;
}

export const BULK_TEXTS: Texts<BulkTexts> = {
  en: {
    heading: 'Invite several contacts',
    destination: 'Destination',
    loadingTargets: 'Loading destinations…',
    noTargets: 'This account has no destination to invite to.',
    source: 'Contacts to invite',
    fromPage: (n) => (n === 1 ? '1 selected on the page' : `${en(n)} selected on the page`),
    pageHint: 'Tick contacts in the list view to invite them here.',
    pageRows: (n) => (n === 1 ? '1 row selected on the page' : `${en(n)} rows selected on the page`),
    pageCapped: (max) => `Portier reads at most ${en(max)} ticked rows at once: tick fewer, or import a CSV of their addresses.`,
    pick: 'Pick from the list',
    csv: 'Import a CSV of emails',
    csvInput: 'CSV file of email addresses',
    csvReading: 'Reading the file…',
    csvRead: (n, column) => `${en(n)} ${n === 1 ? 'address' : 'addresses'} read${column ? ` from the column “${column}”` : ''}.`,
    csvDuplicates: (n) => `${en(n)} ${n === 1 ? 'duplicate' : 'duplicates'} left out.`,
    csvInvalid: (n) => `${en(n)} ${n === 1 ? 'line is' : 'lines are'} not an email address:`,
    csvLine: (line, value) => `Line ${line}: ${value || '(empty)'}`,
    csvMore: (n) => `and ${en(n)} more`,
    records: 'Contacts of the list',
    recordsLoading: 'Loading contacts…',
    loadMore: 'Load more',
    selectAll: 'Select all loaded contacts',
    pickedCount: (s, l) => `${en(s)} of ${en(l)} loaded contacts selected`,
    noName: '(no name)',
    noEmail: '(no email)',
    check: (n) => `Check ${en(n)} ${n === 1 ? 'contact' : 'contacts'}`,
    nothingSelected: 'Select contacts or import a CSV first.',
    checking: (d, t) => `Checking ${en(d)} of ${en(t)}…`,
    eligible: (n) => `${en(n)} can be invited`,
    reasonsHeading: 'What the check found',
    reasonCount: (title, n) => `${title}: ${en(n)}`,
    filter: 'Show',
    filterAll: (n) => `All (${en(n)})`,
    filterEligible: (n) => `Can be invited (${en(n)})`,
    previewList: 'Contacts checked',
    canInvite: 'Can be invited',
    willReinvite: 'Will be invited again',
    missingHeading: (n) => `${en(n)} not found at the vendor`,
    missingList: 'Not found at the vendor',
    invite: (n) => `Invite ${en(n)}`,
    cancel: 'Cancel',
    starting: (d, t) => `Starting ${en(d)} of ${en(t)}…`,
    started: (n) => (n === 1 ? 'Invitations started: follow them below.' : `${en(n)} jobs started: follow them below.`),
    partlyStarted: (s, t, e) => `Only ${en(s)} of ${en(t)} parts were started (${e}). Check the jobs below before trying again.`,
  },
  fr: {
    heading: 'Inviter plusieurs contacts',
    destination: 'Destination',
    loadingTargets: 'Chargement des destinations…',
    noTargets: "Ce compte n'a aucune destination où inviter.",
    source: 'Contacts à inviter',
    fromPage: (n) => (n <= 1 ? `${fr(n)} sélectionné sur la page` : `${fr(n)} sélectionnés sur la page`),
    pageHint: 'Cochez des contacts dans la vue liste pour les inviter ici.',
    pageRows: (n) => (n <= 1 ? `${fr(n)} ligne sélectionnée sur la page` : `${fr(n)} lignes sélectionnées sur la page`),
    pageCapped: (max) => `Portier lit au plus ${fr(max)} lignes cochées à la fois : cochez-en moins, ou importez un CSV de leurs adresses.`,
    pick: 'Choisir dans la liste',
    csv: "Importer un CSV d'adresses e-mail",
    csvInput: "Fichier CSV d'adresses e-mail",
    csvReading: 'Lecture du fichier…',
    csvRead: (n, column) => `${fr(n)} ${n <= 1 ? 'adresse lue' : 'adresses lues'}${column ? ` dans la colonne « ${column} »` : ''}.`,
    csvDuplicates: (n) => `${fr(n)} ${n <= 1 ? 'doublon écarté' : 'doublons écartés'}.`,
    csvInvalid: (n) => `${fr(n)} ${n <= 1 ? "ligne n'est pas une adresse e-mail" : 'lignes ne sont pas des adresses e-mail'} :`,
    csvLine: (line, value) => `Ligne ${line} : ${value || '(vide)'}`,
    csvMore: (n) => `et ${fr(n)} de plus`,
    records: 'Contacts de la liste',
    recordsLoading: 'Chargement des contacts…',
    loadMore: 'Charger la suite',
    selectAll: 'Sélectionner tous les contacts chargés',
    pickedCount: (s, l) => `${fr(s)} sur ${fr(l)} contacts chargés sélectionnés`,
    noName: '(sans nom)',
    noEmail: "(pas d'e-mail)",
    check: (n) => `Vérifier ${fr(n)} ${n <= 1 ? 'contact' : 'contacts'}`,
    nothingSelected: "Sélectionnez des contacts ou importez d'abord un CSV.",
    checking: (d, t) => `Vérification de ${fr(d)} sur ${fr(t)}…`,
    eligible: (n) => `${fr(n)} ${n <= 1 ? 'peut être invité' : 'peuvent être invités'}`,
    reasonsHeading: 'Ce que la vérification a relevé',
    reasonCount: (title, n) => `${title} : ${fr(n)}`,
    filter: 'Afficher',
    filterAll: (n) => `Tous (${fr(n)})`,
    filterEligible: (n) => `Peuvent être invités (${fr(n)})`,
    previewList: 'Contacts vérifiés',
    canInvite: 'Peut être invité',
    willReinvite: 'Sera invité à nouveau',
    missingHeading: (n) => `${fr(n)} introuvable${n <= 1 ? '' : 's'} chez l'éditeur`,
    missingList: "Introuvables chez l'éditeur",
    invite: (n) => `Inviter ${fr(n)}`,
    cancel: 'Annuler',
    starting: (d, t) => `Lancement de ${fr(d)} sur ${fr(t)}…`,
    started: (n) => (n === 1 ? 'Invitations lancées : suivez-les ci-dessous.' : `${fr(n)} tâches lancées : suivez-les ci-dessous.`),
    partlyStarted: (s, t, e) => `Seules ${fr(s)} parties sur ${fr(t)} ont été lancées (${e}). Vérifiez les tâches ci-dessous avant de réessayer.`,
  },
};
