import { RetentionDays } from '../../core/model/retention';

export type RetentionProblem = 'empty' | 'not_number' | 'range';

/**
 * The retention field as typed: digits only (a text field, not type=number, whose browsers hand
 * back "" for "9O" and let "1e3" through), then the bounds the background checks again.
 */
export function parseRetention(text: string): { ok: true; days: number } | { ok: false; problem: RetentionProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: 'not_number' };
  const days = RetentionDays.safeParse(Number(trimmed));
  return days.success ? { ok: true, days: days.data } : { ok: false, problem: 'range' };
}
