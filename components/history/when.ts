import type { Locale } from '../../core/i18n';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/**
 * "3 minutes ago" for the last week, where an agent thinks in relative time; a date beyond it. What
 * the history shows has happened: a time after `now` (a line written since the panel's clock last
 * ticked, or a vendor's clock ahead of ours) reads "now", never "in 30 seconds".
 */
export function formatWhen(iso: string, now: Date, locale: Locale): string {
  const at = new Date(iso);
  let amount = Math.min(0, (at.getTime() - now.getTime()) / 1000);
  if (Number.isNaN(amount)) return iso;
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(amount) < size) return relative.format(unit === 'second' && Math.abs(amount) < 10 ? 0 : Math.round(amount), unit);
    amount /= size;
  }
  return formatDate(iso, locale);
}

export function formatDate(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** When a card was checked: "3 minutes ago"; under 10 s, "just now" rather than Intl's "now". */
export function checkedWhen(iso: string, now: Date, locale: Locale, justNow: string): string {
  const age = now.getTime() - Date.parse(iso);
  return age >= 0 && age < 10_000 ? justNow : formatWhen(iso, now, locale);
}
