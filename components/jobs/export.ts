import type { Locale } from '../../core/i18n';
import type { Invitation } from '../../core/model';
import { describeReason } from '../../core/reasons';
import { JOBS_TEXTS } from './texts';

/**
 * Every item of a job as export rows (header first): email, status, the reason's code and the
 * vendor's, the reason and what to do in words (core/reasons.ts, as the panel says them), and the
 * vendor's own message for its support.
 */
export function jobCsvRows(items: readonly Invitation[], locale: Locale): string[][] {
  const t = JOBS_TEXTS[locale];
  return [
    [...t.csvHeader],
    ...items.map((item) => {
      const d = item.reason ? describeReason(item.reason, locale) : undefined;
      return [item.email, t.itemStatus[item.status] ?? item.status, d?.code ?? '', d?.vendorCode ?? '', d?.title ?? '', d?.help ?? '', d?.vendorWords ?? ''];
    }),
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
