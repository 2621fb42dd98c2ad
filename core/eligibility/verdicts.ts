import type { Action, Reason, TargetKind, Verdict } from '../model';
import { codesOf, hasCode, withCode } from './codes';
import { NEEDS_NOTHING, severityOf } from './severity';

/** The action a contact needs if nothing blocks it and a seat is free. */
function intendedAction(mask: number): Action {
  if (hasCode(mask, 'DUPLICATE_IN_SELECTION') || hasCode(mask, 'ALREADY_MEMBER') || hasCode(mask, 'INVITATION_PENDING')) {
    return 'none';
  }
  if (hasCode(mask, 'PORTAL_USER_DEACTIVATED')) return 'activate';
  if (hasCode(mask, 'INVITATION_EXPIRED')) return 'reinvite';
  return 'invite';
}

function build(mask: number, kind: TargetKind): Verdict {
  const reasons: Reason[] = codesOf(mask).map((code) => Object.freeze({ code, severity: severityOf(code, kind) }));
  const blocked = reasons.some((r) => r.severity === 'block');
  const eligible = !blocked && !reasons.some((r) => NEEDS_NOTHING.has(r.code));
  const action: Action = blocked ? 'none' : intendedAction(mask);
  return Object.freeze({ eligible, action, reasons: Object.freeze(reasons) as Reason[] });
}

/**
 * A verdict depends only on the destination kind and the set of codes, so each distinct outcome is
 * built once and shared (frozen). Most of a large selection shares a handful of outcomes.
 */
const shared = new Map<TargetKind, Map<number, Verdict>>();

export function verdictFor(mask: number, kind: TargetKind): Verdict {
  let byMask = shared.get(kind);
  if (!byMask) shared.set(kind, (byMask = new Map()));
  let verdict = byMask.get(mask);
  if (!verdict) byMask.set(mask, (verdict = build(mask, kind)));
  return verdict;
}

/**
 * The caller's own copy of a shared verdict: what `evaluate` and `planBulk` hand out is the caller's
 * to sort, filter or add to (RULES.md gives reasons no order), and must not change the verdict of
 * every other contact with the same outcome, nor throw because that one is frozen. The reasons
 * themselves stay shared and frozen: a reason is a fact.
 */
export function ownCopy(verdict: Verdict): Verdict {
  return { eligible: verdict.eligible, action: verdict.action, reasons: verdict.reasons.slice() };
}

/** A seat ledger shared by the contacts of one plan, handed out in order. */
export interface Seats {
  left: number | undefined;
}

/**
 * Seats are taken in order by every contact that nothing blocks and that needs an invite, a
 * re-invite or an activation; those left without one get LICENSE_LIMIT (RULES.md, "Bulk").
 */
export function decide(mask: number, kind: TargetKind, seats: Seats): Verdict {
  const verdict = verdictFor(mask, kind);
  if (verdict.action === 'none' || seats.left === undefined) return verdict;
  if (seats.left > 0) {
    seats.left -= 1;
    return verdict;
  }
  return verdictFor(withCode(mask, 'LICENSE_LIMIT'), kind);
}
