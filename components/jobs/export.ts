import type { Locale } from '../../core/i18n';
import type { Invitation } from '../../core/model';
import { itemReasonText } from './reasons';
import { JOBS_TEXTS } from './texts';

/** Every item of a job as export rows (header first): email, status, reason code, reason in words. */
export function jobCsvRows(items: readonly Invitation[], locale: Locale): string[][] {
  const t = JOBS_TEXTS[locale];
  return [
    [...t.csvHeader],
    ...items.map((item) => [item.email, t.itemStatus[item.status] ?? item.status, item.reason?.code ?? '', itemReasonText(item.reason, locale)]),
  ];
}

/** `portier-invite-help-center-2026-05-01.csv`: letters, digits and dashes only. */
export function exportFileName(action: string, targetName: string, createdAt: string): string {
  const slug = `${action}-${targetName}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `portier-${slug}-${createdAt.slice(0, 10)}.csv`;
}
