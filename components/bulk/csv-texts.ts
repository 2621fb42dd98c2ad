import type { Texts } from '../shared/locale';

/** What the CSV import says of the names it found beside the addresses (components/shared/csv.ts). */
export const CSV_NAME_TEXTS: Texts<{ names: (n: number, column: string | null) => string }> = {
  en: {
    names: (n, column) =>
      `${n === 1 ? '1 name' : `${n.toLocaleString('en')} names`} read${column ? ` from “${column}”` : ''}: people created from an address get them.`,
  },
  fr: {
    names: (n, column) =>
      `${n <= 1 ? `${n} nom lu` : `${n.toLocaleString('fr')} noms lus`}${column ? ` dans « ${column} »` : ''} : les personnes créées à partir d'une adresse les reçoivent.`,
  },
};
