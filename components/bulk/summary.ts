import type { Locale } from '../../core/i18n';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import { plannedStart, type PlanGroup } from '../../core/jobs/outcomes';
import type { JobAction, ReasonCode, Verdict } from '../../core/model';
import { BULK_TEXTS } from './texts';

export interface PreviewItem {
  contactId: string;
  name?: string | undefined;
  email?: string | undefined;
  verdict: Verdict;
}

/**
 * Where a contact of the preview goes: sent as it is, sent with a warning, or not sent (blocked,
 * already a member, skipped). The job's start (core/jobs/outcomes.ts plannedStart) decides the
 * same way, so the preview, its button and the job's report give the same numbers.
 */
export type PreviewGroup = 'send' | 'warn' | Exclude<PlanGroup, 'send'>;

/**
 * `all`, a group, `not_sent` (the three groups nothing is sent to), `not_found` (what the vendor
 * does not have), or one reason code.
 */
export type PreviewFilter = 'all' | 'not_sent' | 'not_found' | PreviewGroup | ReasonCode;

/**
 * A row of the preview's list: a contact the check found, or an id or address the vendor does not
 * have. The not-found ones are rows too, so "All" and "Will not be sent" list what they count.
 */
export type PreviewRow = { kind: 'contact'; item: PreviewItem } | { kind: 'not_found'; ref: string };

export interface CodeCount {
  code: ReasonCode;
  count: number;
}

export interface PreviewSummary {
  /** What the agent selected: the groups below add up to it. */
  selected: number;
  /** What the button sends, per action (warned contacts included). */
  actions: Partial<Record<JobAction, number>>;
  toSend: number;
  /** Sent with no warning; info notes (no Zoho account yet) are listed, they stop nothing. */
  plain: { count: number; notes: CodeCount[]; actions: Partial<Record<JobAction, number>> };
  /** Sent, each warning named (a contact with two warnings counts under both). */
  warned: { count: number; codes: CodeCount[]; actions: Partial<Record<JobAction, number>> };
  /** Not sent: a rule blocks it, each blocking reason named with its fix. */
  blocked: { count: number; codes: CodeCount[] };
  alreadyMember: { count: number; codes: CodeCount[] };
  /**
   * Not sent for nothing to do: duplicates in the selection, what the vendor does not have
   * (`notFound`), and the same person selected twice over (`merged`: an id and an address of one record).
   */
  skipped: { count: number; codes: CodeCount[]; notFound: number; merged: number };
  notSent: number;
}

/** The verdict's group, as the job will start it. */
export function groupOf(verdict: Verdict): PreviewGroup {
  const start = plannedStart(verdict);
  if (start.group !== 'send') return start.group;
  return verdict.reasons.some((r) => r.severity === 'warn') ? 'warn' : 'send';
}

/** Info codes that only say which action is sent: the action split already tells them. */
const ACTION_NOTES: ReadonlySet<ReasonCode> = new Set(['INVITATION_EXPIRED', 'PORTAL_USER_DEACTIVATED']);

class Tally {
  count = 0;
  readonly actions: Partial<Record<JobAction, number>> = {};
  private readonly codes = new Map<ReasonCode, number>();
  add(codes: Iterable<ReasonCode>): void {
    this.count++;
    for (const code of new Set(codes)) this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
  }
  /** Most frequent first; a tie in the codes' alphabetical order. */
  list(): CodeCount[] {
    return [...this.codes].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }
}

/**
 * The preview's numbers. `missing` are the ids and addresses the vendor does not have; `selected`
 * what the agent asked to check (any rest is the same person selected twice).
 */
export function summarise(items: readonly PreviewItem[], missing = 0, selected = items.length + missing): PreviewSummary {
  const plain = new Tally();
  const warned = new Tally();
  const blocked = new Tally();
  const member = new Tally();
  const skipped = new Tally();
  const actions: Partial<Record<JobAction, number>> = {};
  for (const { verdict } of items) {
    const start = plannedStart(verdict);
    if (start.group === 'send') {
      actions[start.action] = (actions[start.action] ?? 0) + 1;
      const warnings = verdict.reasons.filter((r) => r.severity === 'warn').map((r) => r.code);
      const group = warnings.length > 0 ? warned : plain;
      group.add(warnings.length > 0 ? warnings : verdict.reasons.filter((r) => !ACTION_NOTES.has(r.code)).map((r) => r.code));
      group.actions[start.action] = (group.actions[start.action] ?? 0) + 1;
      continue;
    }
    const code = start.settlement.reason?.code as ReasonCode | undefined;
    if (start.group === 'blocked') blocked.add(verdict.reasons.filter((r) => r.severity === 'block').map((r) => r.code));
    else if (start.group === 'already_member') member.add(code ? [code] : []);
    else skipped.add(code ? [code] : []);
  }
  const merged = Math.max(0, selected - items.length - missing);
  const skippedCount = skipped.count + missing + merged;
  return {
    selected,
    actions,
    toSend: plain.count + warned.count,
    plain: { count: plain.count, notes: plain.list(), actions: plain.actions },
    warned: { count: warned.count, codes: warned.list(), actions: warned.actions },
    blocked: { count: blocked.count, codes: blocked.list() },
    alreadyMember: { count: member.count, codes: member.list() },
    skipped: { count: skippedCount, codes: skipped.list(), notFound: missing, merged },
    notSent: blocked.count + member.count + skippedCount,
  };
}

export function applyFilter(items: readonly PreviewItem[], filter: PreviewFilter): readonly PreviewItem[] {
  if (filter === 'all') return items;
  if (filter === 'not_found') return [];
  if (filter === 'not_sent') return items.filter((i) => plannedStart(i.verdict).group !== 'send');
  if (filter === 'send' || filter === 'warn' || filter === 'blocked' || filter === 'already_member' || filter === 'skipped') {
    return items.filter((i) => groupOf(i.verdict) === filter);
  }
  return items.filter((i) => i.verdict.reasons.some((r) => r.code === filter));
}

/** The list under `filter`: the contacts it keeps, then what the vendor does not have where the filter counts it. */
export function previewRows(items: readonly PreviewItem[], missing: readonly string[], filter: PreviewFilter): PreviewRow[] {
  const rows: PreviewRow[] = applyFilter(items, filter).map((item) => ({ kind: 'contact', item }));
  if (filter === 'all' || filter === 'not_sent' || filter === 'skipped' || filter === 'not_found') {
    for (const ref of missing) rows.push({ kind: 'not_found', ref });
  }
  return rows;
}

/** The verdict in a few words: what will be sent (and its warnings), or what stops it. */
export function verdictText(verdict: Verdict, locale: Locale): string {
  const t = BULK_TEXTS[locale];
  const title = (code: ReasonCode) => REASON_TEXTS[code][locale].title;
  const start = plannedStart(verdict);
  if (start.group === 'send') {
    const warnings = verdict.reasons.filter((r) => r.severity === 'warn').map((r) => title(r.code));
    return [t.willSend[start.action], ...warnings].join(' · ');
  }
  if (start.group === 'blocked') {
    return verdict.reasons.filter((r) => r.severity === 'block').map((r) => title(r.code)).join(' · ');
  }
  const code = start.settlement.reason?.code as ReasonCode | undefined;
  return code && code in REASON_TEXTS ? title(code) : '';
}
