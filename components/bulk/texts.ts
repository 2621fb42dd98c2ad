import type { JobAction } from '../../core/model';
import type { Texts } from '../shared/locale';

const en = new Intl.NumberFormat('en').format;
const fr = new Intl.NumberFormat('fr').format;

const ACTIONS: readonly JobAction[] = ['invite', 'reinvite', 'activate'];

/** "39 invite, 4 re-invite, 1 activate" (French nouns take a plural: "39 invitations"). */
function split(a: Partial<Record<JobAction, number>>, n: (x: number) => string, words: Record<JobAction, string>, plural = false): string {
  return ACTIONS.filter((x) => (a[x] ?? 0) > 0)
    .map((x) => `${n(a[x]!)} ${words[x]}${plural && a[x]! > 1 ? 's' : ''}`)
    .join(', ');
}

/** One action: its verb and the count ("Invite 44"); several: the total, then each ("Send 44: 39 invite, …"). */
function sendLabel(
  a: Partial<Record<JobAction, number>>,
  n: (x: number) => string,
  verbs: Record<JobAction, string>,
  mixed: (total: number, rest: string) => string,
  splitOf: (a: Partial<Record<JobAction, number>>) => string,
): string {
  const present = ACTIONS.filter((x) => (a[x] ?? 0) > 0);
  const total = present.reduce((sum, x) => sum + a[x]!, 0);
  if (present.length > 1) return mixed(total, splitOf(a));
  return `${verbs[present[0] ?? 'invite']} ${n(total)}`;
}

export interface BulkTexts {
  heading: string;
  destination: string;
  loadingTargets: string;
  noTargets: string;
  /** Before the background's own words, when the destinations could not be read. */
  targetsFailed: string;
  retry: string;
  source: string;
  fromPage(n: number): string;
  /** The same choice while the page's ticks are being read: no count yet. */
  fromPageReading: string;
  pageHint: string;
  /** A list view whose ticks the page has not told yet: the panel has just asked for them. */
  readingPage: string;
  /** The same, long after: the page never answered. */
  pageUnanswered: string;
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
  /** Why Check cannot run yet when no destination is chosen (the list above says whether it is loading or failed). */
  chooseTarget: string;
  checking(done: number, total: number): string;
  /** The preview's first line: the selection and how it splits (the groups below add up to it). */
  selectedSplit(selected: number, toSend: number, notSent: number): string;
  groupSend(n: number): string;
  groupWarn(n: number): string;
  groupNotSent(n: number): string;
  blocked(n: number): string;
  alreadyMembers(n: number): string;
  skipped(n: number): string;
  /** What each action carries: "39 invite, 4 re-invite, 1 activate". */
  actionSplit(actions: Partial<Record<JobAction, number>>): string;
  reasonCount(title: string, n: number): string;
  notFound(n: number): string;
  /** Selected twice over: a record by id and by an address of it. */
  merged(n: number): string;
  fixLabel: string;
  filter: string;
  filterAll(n: number): string;
  filterSend(n: number): string;
  filterWarn(n: number): string;
  filterNotSent(n: number): string;
  previewList: string;
  willSend: Record<JobAction, string>;
  /** The verdict of a row the vendor does not have (an id or address of the selection). */
  notFoundRow: string;
  /** The confirmation: "Invite 44", or "Send 44: 39 invite, 4 re-invite, 1 activate" when actions mix. */
  send(actions: Partial<Record<JobAction, number>>): string;
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
    targetsFailed: 'The destinations could not be read, so nothing can be checked or sent yet.',
    retry: 'Try again',
    source: 'Contacts to invite',
    fromPage: (n) => (n === 1 ? '1 selected on the page' : `${en(n)} selected on the page`),
    fromPageReading: 'Selected on the page',
    pageHint: 'Tick contacts in the list view to invite them here.',
    readingPage: 'Reading the rows ticked on the page…',
    pageUnanswered: 'The rows ticked on the page could not be read. Reload the page, or import a CSV of their addresses.',
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
    chooseTarget: 'Choose a destination first.',
    checking: (d, t) => `Checking ${en(d)} of ${en(t)}…`,
    selectedSplit: (s, send, not) => `${en(s)} selected: ${en(send)} will be sent, ${en(not)} will not`,
    groupSend: (n) => `Will be sent: ${en(n)}`,
    groupWarn: (n) => `Will be sent with a warning: ${en(n)}`,
    groupNotSent: (n) => `Will not be sent: ${en(n)}`,
    blocked: (n) => `Blocked: ${en(n)}`,
    alreadyMembers: (n) => `Already members: ${en(n)}`,
    skipped: (n) => `Skipped: ${en(n)}`,
    actionSplit: (a) => split(a, en, { invite: 'invite', reinvite: 're-invite', activate: 'activate' }),
    reasonCount: (title, n) => `${title}: ${en(n)}`,
    notFound: (n) => `Not found at the vendor: ${en(n)}`,
    merged: (n) => `Selected twice (by record and by address): ${en(n)}`,
    fixLabel: 'What to do:',
    filter: 'Show',
    filterAll: (n) => `All (${en(n)})`,
    filterSend: (n) => `Will be sent (${en(n)})`,
    filterWarn: (n) => `Sent with a warning (${en(n)})`,
    filterNotSent: (n) => `Will not be sent (${en(n)})`,
    previewList: 'Contacts checked',
    willSend: { invite: 'Will be invited', reinvite: 'Will be invited again', activate: 'Will be activated' },
    notFoundRow: 'Not found at the vendor',
    send: (a) => sendLabel(a, en, { invite: 'Invite', reinvite: 'Re-invite', activate: 'Activate' }, (n, rest) => `Send ${en(n)}: ${rest}`, BULK_TEXTS.en.actionSplit),
    cancel: 'Cancel',
    starting: (d, t) => `Starting ${en(d)} of ${en(t)}…`,
    started: (n) => (n === 1 ? 'Invitations started: follow them below.' : `${en(n)} jobs started: follow them below.`),
    partlyStarted: (s, t, e) => `Only ${en(s)} of ${en(t)} parts ${s === 1 ? 'was' : 'were'} started (${e}). Check the jobs below before trying again.`,
  },
  fr: {
    heading: 'Inviter plusieurs contacts',
    destination: 'Destination',
    loadingTargets: 'Chargement des destinations…',
    noTargets: "Ce compte n'a aucune destination où inviter.",
    targetsFailed: "Les destinations n'ont pas pu être lues, donc rien ne peut encore être vérifié ni envoyé.",
    retry: 'Réessayer',
    source: 'Contacts à inviter',
    fromPage: (n) => (n <= 1 ? `${fr(n)} sélectionné sur la page` : `${fr(n)} sélectionnés sur la page`),
    fromPageReading: 'Sélectionnés sur la page',
    pageHint: 'Cochez des contacts dans la vue liste pour les inviter ici.',
    readingPage: 'Lecture des lignes cochées sur la page…',
    pageUnanswered: "Les lignes cochées sur la page n'ont pas pu être lues. Rechargez la page, ou importez un CSV de leurs adresses.",
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
    chooseTarget: "Choisissez d'abord une destination.",
    checking: (d, t) => `Vérification de ${fr(d)} sur ${fr(t)}…`,
    selectedSplit: (s, send, not) => `${fr(s)} sélectionné${s <= 1 ? '' : 's'} : ${fr(send)} ${send <= 1 ? 'sera envoyé' : 'seront envoyés'}, ${fr(not)} non`,
    groupSend: (n) => `${n <= 1 ? 'Sera envoyé' : 'Seront envoyés'} : ${fr(n)}`,
    groupWarn: (n) => `${n <= 1 ? 'Sera envoyé' : 'Seront envoyés'} avec un avertissement : ${fr(n)}`,
    groupNotSent: (n) => `${n <= 1 ? 'Ne sera pas envoyé' : 'Ne seront pas envoyés'} : ${fr(n)}`,
    blocked: (n) => `Bloqué${n <= 1 ? '' : 's'} : ${fr(n)}`,
    alreadyMembers: (n) => `Déjà membre${n <= 1 ? '' : 's'} : ${fr(n)}`,
    skipped: (n) => `Ignoré${n <= 1 ? '' : 's'} : ${fr(n)}`,
    actionSplit: (a) => split(a, fr, { invite: 'invitation', reinvite: 'réinvitation', activate: 'activation' }, true),
    reasonCount: (title, n) => `${title} : ${fr(n)}`,
    notFound: (n) => `Introuvable${n <= 1 ? '' : 's'} chez l'éditeur : ${fr(n)}`,
    merged: (n) => `Sélectionné${n <= 1 ? '' : 's'} deux fois (par fiche et par adresse) : ${fr(n)}`,
    fixLabel: 'Que faire :',
    filter: 'Afficher',
    filterAll: (n) => `Tous (${fr(n)})`,
    filterSend: (n) => `Seront envoyés (${fr(n)})`,
    filterWarn: (n) => `Envoyés avec un avertissement (${fr(n)})`,
    filterNotSent: (n) => `Ne seront pas envoyés (${fr(n)})`,
    previewList: 'Contacts vérifiés',
    willSend: { invite: 'Sera invité', reinvite: 'Sera invité à nouveau', activate: 'Sera activé' },
    notFoundRow: "Introuvable chez l'éditeur",
    send: (a) => sendLabel(a, fr, { invite: 'Inviter', reinvite: 'Réinviter', activate: 'Activer' }, (n, rest) => `Envoyer ${fr(n)} : ${rest}`, BULK_TEXTS.fr.actionSplit),
    cancel: 'Annuler',
    starting: (d, t) => `Lancement de ${fr(d)} sur ${fr(t)}…`,
    started: (n) => (n === 1 ? 'Invitations lancées : suivez-les ci-dessous.' : `${fr(n)} tâches lancées : suivez-les ci-dessous.`),
    partlyStarted: (s, t, e) =>
      `${s <= 1 ? `Seule ${fr(s)} partie sur ${fr(t)} a été lancée` : `Seules ${fr(s)} parties sur ${fr(t)} ont été lancées`} (${e}). Vérifiez les tâches ci-dessous avant de réessayer.`,
  },
};
