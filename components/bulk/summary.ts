import type { Locale } from '../../core/i18n';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { ReasonCode, Verdict } from '../../core/model';
import { BULK_TEXTS } from './texts';

export interface PreviewItem {
  contactId: string;
  name?: string | undefined;
  email?: string | undefined;
  verdict: Verdict;
}

/** `all`, `eligible`, or one reason code. */
export type PreviewFilter = 'all' | 'eligible' | ReasonCode;

export interface PreviewSummary {
  /** What "Invite N" will send: the eligible contacts. */
  eligible: number;
  /** One count per reason (a contact with two reasons counts in both), most frequent first. */
  reasons: { code: ReasonCode; count: number }[];
}

export function summarise(items: readonly PreviewItem[]): PreviewSummary {
  const counts = new Map<ReasonCode, number>();
  let eligible = 0;
  for (const { verdict } of items) {
    if (verdict.eligible) eligible++;
    for (const code of new Set(verdict.reasons.map((r) => r.code))) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const reasons = [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { eligible, reasons };
}

export function applyFilter(items: readonly PreviewItem[], filter: PreviewFilter): readonly PreviewItem[] {
  if (filter === 'all') return items;
  if (filter === 'eligible') return items.filter((i) => i.verdict.eligible);
  return items.filter((i) => i.verdict.reasons.some((r) => r.code === filter));
}

/** The verdict in a few words: what will happen, or the first thing that stops it. */
export function verdictText(verdict: Verdict, locale: Locale): string {
  const t = BULK_TEXTS[locale];
  const titles = verdict.reasons.map((r) => REASON_TEXTS[r.code][locale].title);
  if (verdict.eligible) {
    const base = verdict.action === 'reinvite' ? t.willReinvite : t.canInvite;
    const warnings = verdict.reasons.filter((r) => r.severity === 'warn').map((r) => REASON_TEXTS[r.code][locale].title);
    return warnings.length > 0 ? `${base} · ${warnings.join(' · ')}` : base;
  }
  const blocking = verdict.reasons.find((r) => r.severity === 'block') ?? verdict.reasons[0];
  return blocking ? REASON_TEXTS[blocking.code][locale].title : (titles[0] ?? '');
}
