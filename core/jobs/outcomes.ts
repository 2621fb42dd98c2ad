import type { EventType, InvitationStatus, ItemReason, JobItemOutcome, ReasonCode, Verdict } from '../model';
import type { ItemResult, Membership, SendAction } from '../vendors/types';

/**
 * Pure decisions of the engine about one item: what the plan leaves to do, what a membership read
 * back from the vendor means, and how a vendor result is written. No I/O, no clock but arguments.
 */

/** Engine codes next to RULES.md's, for reasons no rule of the plan gave. */
export const ENGINE_REASONS = {
  /** The agent cancelled the job before the item was sent. */
  cancelled: 'JOB_CANCELLED',
  /** Another unfinished job already holds this contact on this target. */
  inAnotherJob: 'IN_ANOTHER_JOB',
  /** The contact record is no longer in Portier's cache, so there is nothing to send. */
  contactMissing: 'CONTACT_NOT_CACHED',
  /** The target is no longer in Portier's cache. */
  targetMissing: 'TARGET_NOT_CACHED',
  /** 5xx or no answer, maxAttempts times in a row. */
  unavailable: 'VENDOR_UNAVAILABLE',
  /** The vendor's answer was lost maxAttempts times and the item is still not a member. */
  lost: 'VENDOR_ANSWER_LOST',
  /**
   * It may have gone out and the vendor cannot say: a re-invitation the vendor cannot date
   * (afterUncertainSend `maybe`), or a batch whose check the vendor refused for a day. Not for
   * "Retry failed" (core/reasons.ts): sent again blind, the person could get it twice.
   */
  maybeSent: 'MAYBE_SENT',
} as const;

export type FinalStatus = Extract<InvitationStatus, 'invited' | 'active' | 'already_member' | 'failed' | 'skipped'>;

/** One item's end, as the store writes it: the row's status, the event, and the job counter. */
export interface Settlement {
  status: FinalStatus;
  event: EventType;
  outcome: Exclude<JobItemOutcome, 'pending'>;
  reason?: ItemReason;
}

/** Codes that say the vendor already has the person: the item is "already a member", not "skipped". */
const MEMBER_CODES: readonly ReasonCode[] = ['ALREADY_MEMBER', 'INVITATION_PENDING', 'PORTAL_USER_DEACTIVATED'];
/** Codes that say there is nothing to send although nothing blocks (RULES.md NEEDS_NOTHING, minus
 * PORTAL_USER_DEACTIVATED, which is exactly what an `activate` job is for). */
const NOTHING_TO_SEND: readonly ReasonCode[] = ['ALREADY_MEMBER', 'INVITATION_PENDING', 'DUPLICATE_IN_SELECTION'];

/** What the plan's verdict leaves for a job of `action`: queue it, or end it now. */
export function initialItem(verdict: Verdict, action: SendAction): { queue: true } | { queue: false; settlement: Settlement } {
  const codes = verdict.reasons.map((r) => r.code);
  const member = MEMBER_CODES.find((c) => codes.includes(c) && !(action === 'activate' && c === 'PORTAL_USER_DEACTIVATED'));
  // A member stays a member whatever else is wrong with the record: say so rather than "blocked".
  if (member) return { queue: false, settlement: alreadyMember(member) };
  const blocks = verdict.reasons.filter((r) => r.severity === 'block').map((r) => r.code);
  if (blocks.length > 0) {
    return { queue: false, settlement: skipped(blocks[0]!, blocks.length > 1 ? blocks.join(', ') : undefined) };
  }
  const nothing = NOTHING_TO_SEND.find((c) => codes.includes(c));
  if (nothing) return { queue: false, settlement: skipped(nothing) };
  if (verdict.action !== action) {
    throw new RangeError(`a ${action} job cannot carry a contact whose plan says ${verdict.action}`);
  }
  return { queue: true };
}

/**
 * Where one planned contact stands before anything is sent: the preview, its button and the job
 * all read it here, so their numbers are the same. `send`: queued for `action` (a deactivated
 * portal user is activated although the core calls it not eligible). Otherwise the item ends at
 * once as `already_member`, `blocked` (a rule blocks it) or `skipped` (nothing to send, e.g. a
 * duplicate). Never depends on the job's other items: a deactivated user a rule blocks is blocked
 * in every job, not "already a member" in some.
 */
export type PlanGroup = 'send' | 'blocked' | 'already_member' | 'skipped';
export type PlannedStart = { group: 'send'; action: SendAction } | { group: Exclude<PlanGroup, 'send'>; settlement: Settlement };

export function plannedStart(verdict: Verdict): PlannedStart {
  if (verdict.action !== 'none') {
    const start = initialItem(verdict, verdict.action);
    if (start.queue) return { group: 'send', action: verdict.action };
    return { group: start.settlement.outcome === 'already_member' ? 'already_member' : 'skipped', settlement: start.settlement };
  }
  // What the contact would have needed had nothing stopped it: a deactivated user needed an activation.
  const wanted: SendAction = verdict.reasons.some((r) => r.code === 'PORTAL_USER_DEACTIVATED') ? 'activate' : 'invite';
  const start = initialItem(verdict, wanted);
  if (start.queue) throw new RangeError('a verdict with action "none" has nothing to send');
  const { settlement } = start;
  if (settlement.outcome === 'already_member') return { group: 'already_member', settlement };
  const blocked = verdict.reasons.some((r) => r.severity === 'block' && r.code === settlement.reason?.code);
  return { group: blocked ? 'blocked' : 'skipped', settlement };
}

export function alreadyMember(code: ReasonCode | string, message?: string): Settlement {
  return { status: 'already_member', event: 'already_member', outcome: 'already_member', reason: reason(code, message) };
}

export function skipped(code: string, message?: string): Settlement {
  const event: EventType = code === ENGINE_REASONS.cancelled ? 'cancelled' : 'skipped';
  return { status: 'skipped', event, outcome: 'skipped', reason: reason(code, message) };
}

export function failed(code: string, message?: string): Settlement {
  return { status: 'failed', event: 'failed', outcome: 'failed', reason: reason(code, message) };
}

/** The item reached the vendor and did what the job asked. */
export function succeeded(action: SendAction): Settlement {
  if (action === 'activate') return { status: 'active', event: 'activated', outcome: 'invited' };
  return { status: 'invited', event: action === 'reinvite' ? 'reinvited' : 'invited', outcome: 'invited' };
}

export function fromResult(action: SendAction, result: ItemResult): Settlement {
  switch (result.status) {
    case 'invited':
      return succeeded(action);
    case 'already_member':
      return alreadyMember('ALREADY_MEMBER');
    case 'failed':
      return failed(result.code, result.vendorCode ? `${result.vendorCode}: ${result.message}` : result.message);
  }
}

/** An invitation younger than this is still pending (RULES.md: « valide pendant 7 jours »). */
export const INVITATION_VALID_MS = 7 * 86_400_000;

/**
 * Is what `action` would do already done on the vendor's side, by someone, at or after `sinceMs`?
 * - invite: any membership at all (an invitation pending, confirmed, active or deactivated).
 * - reinvite: the person accepted, or an invitation was sent at or after `sinceMs`. An invitation
 *   of unknown date counts as old (RULES.md), so it does not stop a re-invitation.
 * - activate: anything but `deactivated`.
 * Before sending, `sinceMs` is now − 7 days (a fresh invitation by another agent is enough);
 * reconciling a send whose answer was lost, it is when that send started (minus clock skew).
 */
export function isDone(action: SendAction, membership: Membership | undefined, sinceMs: number): boolean {
  if (!membership) return false;
  switch (action) {
    case 'invite':
      return true;
    case 'activate':
      return membership.status !== 'deactivated';
    case 'reinvite': {
      if (membership.status === 'confirmed' || membership.status === 'active') return true;
      if (membership.status !== 'invited' || membership.invitedAt === undefined) return false;
      const at = Date.parse(membership.invitedAt);
      return !Number.isNaN(at) && at >= sinceMs;
    }
  }
}

/** What a membership read back after an uncertain send says of that send (afterUncertainSend). */
export type SendSeen = 'done' | 'maybe' | 'not_done';

/**
 * After a send whose answer is unknown (lost, 5xx, unreadable 2xx, a dead worker): what the
 * membership read at `nowMs` says of it; `sinceMs` is when that send started, minus clock skew.
 * - `done`: isDone since the send; or, for a re-invite, an invitation still valid (younger than
 *   7 days): this send's dated by a vendor clock further behind than the skew allowed, or another
 *   agent's. Either way the person has a fresh invitation; nothing is sent again.
 * - `maybe`: a re-invite finds the person still invited, with no date or one older than 7 days. A
 *   vendor that does not date re-invites shows exactly that whether this send went out or not:
 *   Zoho Desk gives no date; Zoho CRM gives `created_time` (the first invitation) and at best an
 *   `invited_time` no document says a re-invite moves. Sending again could e-mail the person twice,
 *   so it is not resent: it ends as "may have been sent" (maybeSent) and the agent decides.
 * - `not_done`: nothing of it shows (no member, or still deactivated): sending again cannot do it twice.
 */
export function afterUncertainSend(action: SendAction, membership: Membership | undefined, sinceMs: number, nowMs: number): SendSeen {
  if (isDone(action, membership, sinceMs)) return 'done';
  if (action !== 'reinvite' || membership?.status !== 'invited') return 'not_done';
  return isDone(action, membership, nowMs - INVITATION_VALID_MS) ? 'done' : 'maybe';
}

/** A re-invitation that may have gone out (afterUncertainSend `maybe`): not sent again, and said so. */
export function maybeSent(vendorName: string): Settlement {
  return failed(
    ENGINE_REASONS.maybeSent,
    `may have been sent: ${vendorName} gave no clear answer and does not show when an invitation was last sent, so Portier did not send it again (the person could get it twice). Check with the person before retrying.`,
  );
}

/** The reason code a membership found before sending is reported with. */
export function membershipCode(membership: Membership): ReasonCode {
  if (membership.status === 'invited') return 'INVITATION_PENDING';
  if (membership.status === 'deactivated') return 'PORTAL_USER_DEACTIVATED';
  return 'ALREADY_MEMBER';
}

function reason(code: string, message: string | undefined): ItemReason {
  return message === undefined ? { code } : { code, message };
}
