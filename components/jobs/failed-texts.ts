import type { Locale } from '../../core/i18n';
import type { Texts } from '../shared/locale';

export interface FailedTexts {
  /**
   * Failed rows of this job that a later job took over (a retry, or the agent inviting them again):
   * they still count as failed here, and the list no longer holds them, so the card says where they went.
   */
  movedOn(moved: number, failed: number): string;
}

const NUMBER = (locale: Locale) => new Intl.NumberFormat(locale);

/** Kept apart from texts.ts: the failed list's own words. */
export const FAILED_TEXTS: Texts<FailedTexts> = {
  en: {
    movedOn: (moved, failed) => {
      const n = NUMBER('en').format;
      const one = moved === 1;
      const lead =
        moved === failed
          ? one
            ? 'The invitation that failed in this job was'
            : `The ${n(failed)} invitations that failed in this job were`
          : `${n(moved)} of the ${n(failed)} invitations that failed in this job ${one ? 'was' : 'were'}`;
      return `${lead} tried again in a later job; the newer cards above show where ${one ? 'it stands' : 'they stand'}.`;
    },
  },
  fr: {
    movedOn: (moved, failed) => {
      const n = NUMBER('fr').format;
      const one = moved === 1;
      const lead =
        moved === failed
          ? one
            ? 'L’invitation en échec dans cette tâche a été relancée'
            : `Les ${n(failed)} invitations en échec dans cette tâche ont été relancées`
          : `${n(moved)} des ${n(failed)} invitations en échec dans cette tâche ${one ? 'a été relancée' : 'ont été relancées'}`;
      return `${lead} dans une tâche plus récente ; les cartes plus haut indiquent où ${one ? 'elle en est' : 'elles en sont'}.`;
    },
  },
};
