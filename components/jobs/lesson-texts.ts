import type { Texts } from '../shared/locale';

export interface LessonTexts {
  heading(vendor: string): string;
  consentRequired(time: string): string;
  seatsFull(destination: string, time: string): string;
  bulkImportOff(time: string): string;
}

/** What Portier learned from a vendor's refusal (core/background/lessons.ts), and what it changes. */
export const LESSON_TEXTS: Texts<LessonTexts> = {
  en: {
    heading: (vendor) => `Learned from ${vendor}`,
    consentRequired: (time) =>
      `GDPR consent is on in this Zoho CRM organization (a refusal at ${time} said so). Records without consent are now shown as blocked, before anything is sent.`,
    seatsFull: (destination, time) =>
      `No seat is left in “${destination}” (the vendor said so at ${time}). New invitations there are blocked for an hour; free seats, then check again.`,
    bulkImportOff: (time) =>
      `Bulk import is off for this Zendesk account (learned at ${time}). Portier creates users one by one; an account owner can ask Zendesk to turn it on.`,
  },
  fr: {
    heading: (vendor) => `Appris de ${vendor}`,
    consentRequired: (time) =>
      `Le consentement RGPD est activé dans cette organisation Zoho CRM (un refus à ${time} l’a montré). Les fiches sans consentement sont désormais affichées comme bloquées, avant tout envoi.`,
    seatsFull: (destination, time) =>
      `Il ne reste plus de place dans « ${destination} » (l’éditeur l’a dit à ${time}). Les nouvelles invitations y sont bloquées pendant une heure ; libérez des places, puis vérifiez de nouveau.`,
    bulkImportOff: (time) =>
      `L’import en masse est désactivé pour ce compte Zendesk (appris à ${time}). Portier crée les utilisateurs un par un ; un propriétaire du compte peut demander à Zendesk de l’activer.`,
  },
};
