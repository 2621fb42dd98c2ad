import type { Vendor } from '../../core/model';
import type { Texts } from '../shared/locale';

interface InviteTexts {
  /** The form's disclosure, on every page of a connected account. */
  heading: string;
  intro: (vendor: Vendor) => string;
  name: string;
  nameHint: string;
  email: string;
  severalToggle: string;
  oneToggle: string;
  lines: string;
  linesHint: string;
  invite: string;
  inviteAnyway: string;
  check: (n: number) => string;
  checking: string;
  starting: string;
  started: (jobs: number) => string;
  noEmail: string;
  malformed: (value: string) => string;
  invalidLines: (n: number) => string;
  invalidLine: (line: number, value: string) => string;
  duplicates: (n: number) => string;
  tooMany: (max: number) => string;
  noLines: string;
  /** The address is no one's at a vendor that invites only its own records. */
  missing: (vendor: Vendor, email: string) => string;
  warned: string;
  notInvited: string;
}

const en = (n: number) => n.toLocaleString('en');
const fr = (n: number) => n.toLocaleString('fr');
const APP: Record<Vendor, string> = { zendesk: 'Zendesk Support', zoho_desk: 'Zoho Desk', zoho_crm: 'Zoho CRM', zoho_connect: 'Zoho Connect' };
/** Zendesk creates the end user and Connect invites the address; Desk and CRM invite records they already have. */
const creates = (vendor: Vendor) => vendor === 'zendesk' || vendor === 'zoho_connect';

export const INVITE_TEXTS: Texts<InviteTexts> = {
  en: {
    heading: 'Invite by address',
    intro: (vendor) =>
      creates(vendor)
        ? `Anyone with an email address: ${vendor === 'zendesk' ? 'Zendesk creates the end user' : 'Zoho Connect invites the address'} once the check allows it.`
        : `A ${APP[vendor]} contact found by address, checked like any other before the invitation.`,
    name: 'Name (optional)',
    nameHint: 'Shown to the person in the invitation; without one, the part before the @ is used.',
    email: 'Email address',
    severalToggle: 'Paste several addresses',
    oneToggle: 'Invite one address',
    lines: 'One person a line',
    linesHint: 'jane@example.com, Jane Doe <jane@example.com> or Jane Doe, jane@example.com',
    invite: 'Invite',
    inviteAnyway: 'Invite anyway',
    check: (n) => (n === 1 ? 'Check 1 address' : `Check ${en(n)} addresses`),
    checking: 'Checking…',
    starting: 'Starting the invitations…',
    started: (jobs) => (jobs === 1 ? 'Invitations started: follow them below.' : `${en(jobs)} jobs started: follow them below.`),
    noEmail: 'Type the email address to invite.',
    malformed: (value) => `“${value}” is not an email address: it needs a name, an @ and a domain, as in jane@example.com.`,
    invalidLines: (n) => (n === 1 ? '1 line has no email address and is left out:' : `${en(n)} lines have no email address and are left out:`),
    invalidLine: (line, value) => `Line ${en(line)}: “${value}”`,
    duplicates: (n) => (n === 1 ? '1 address appears twice: it is invited once.' : `${en(n)} addresses appear more than once: each is invited once.`),
    tooMany: (max) => `At most ${en(max)} addresses at once: import the others from a CSV file.`,
    noLines: 'Paste at least one line with an email address.',
    missing: (vendor, email) =>
      creates(vendor)
        ? `“${email}” is not a valid email address: check it and try again.`
        : `No ${APP[vendor]} contact has the address ${email}: add the contact in ${APP[vendor]} first, then invite them here.`,
    warned: 'Read the warning before inviting:',
    notInvited: 'Not invited:',
  },
  fr: {
    heading: 'Inviter par adresse',
    intro: (vendor) =>
      creates(vendor)
        ? `Toute personne ayant une adresse e-mail : ${vendor === 'zendesk' ? "Zendesk crée l'utilisateur final" : "Zoho Connect invite l'adresse"} une fois la vérification passée.`
        : `Un contact ${APP[vendor]} trouvé par son adresse, vérifié comme tout autre avant l'invitation.`,
    name: 'Nom (facultatif)',
    nameHint: "Montré à la personne dans l'invitation ; sans nom, la partie avant le @ est utilisée.",
    email: 'Adresse e-mail',
    severalToggle: 'Coller plusieurs adresses',
    oneToggle: 'Inviter une adresse',
    lines: 'Une personne par ligne',
    linesHint: 'jeanne@exemple.fr, Jeanne Dupont <jeanne@exemple.fr> ou Jeanne Dupont, jeanne@exemple.fr',
    invite: 'Inviter',
    inviteAnyway: 'Inviter quand même',
    check: (n) => (n <= 1 ? `Vérifier ${fr(n)} adresse` : `Vérifier ${fr(n)} adresses`),
    checking: 'Vérification…',
    starting: 'Lancement des invitations…',
    started: (jobs) => (jobs <= 1 ? 'Invitations lancées : suivez-les ci-dessous.' : `${fr(jobs)} tâches lancées : suivez-les ci-dessous.`),
    noEmail: "Saisissez l'adresse e-mail à inviter.",
    malformed: (value) => `« ${value} » n'est pas une adresse e-mail : il faut un nom, un @ et un domaine, comme jeanne@exemple.fr.`,
    invalidLines: (n) => (n <= 1 ? "1 ligne n'a pas d'adresse e-mail et est ignorée :" : `${fr(n)} lignes n'ont pas d'adresse e-mail et sont ignorées :`),
    invalidLine: (line, value) => `Ligne ${fr(line)} : « ${value} »`,
    duplicates: (n) => (n <= 1 ? '1 adresse apparaît deux fois : elle est invitée une fois.' : `${fr(n)} adresses apparaissent plusieurs fois : chacune est invitée une fois.`),
    tooMany: (max) => `Au plus ${fr(max)} adresses à la fois : importez les autres depuis un fichier CSV.`,
    noLines: 'Collez au moins une ligne avec une adresse e-mail.',
    missing: (vendor, email) =>
      creates(vendor)
        ? `« ${email} » n'est pas une adresse e-mail valide : vérifiez-la et réessayez.`
        : `Aucun contact ${APP[vendor]} n'a l'adresse ${email} : ajoutez d'abord le contact dans ${APP[vendor]}, puis invitez-le ici.`,
    warned: "Lisez l'avertissement avant d'inviter :",
    notInvited: 'Non invité :',
  },
};
