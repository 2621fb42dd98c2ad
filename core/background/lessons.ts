import type { PortierDb } from '../db';
import type { Account, AccountLessons, Target } from '../model';
import type { Connector, ItemOutcome, PollResult, Submission } from '../vendors/types';

/**
 * Learning from the vendor (issue #12): a refusal that reveals a setting of the account updates it,
 * so the next verdict is right, and the panel says what was learned.
 * - Zoho CRM's CONSENT_NOT_GIVEN (an item failed CONSENT_MISSING): GDPR consent is on for the org;
 *   CRM destinations then carry `consentRequired` and records without consent are blocked.
 * - No seat left (an item failed LICENSE_LIMIT): the destination's seats are used up, for
 *   SEATS_LESSON_MS (seats may be freed meanwhile: a retry then checks again).
 * - Zendesk bulk import off (403 on create_many): users are created one by one from the start.
 */

export type Lesson = { kind: 'consent_required' } | { kind: 'seats_full'; target: Target } | { kind: 'bulk_import_off' };

/** How long a "no seat left" answer is trusted before the vendor's own count is taken again. */
export const SEATS_LESSON_MS = 60 * 60_000;

/** Writes a lesson on the account row; answers whether it is news (then the caches must be dropped). */
export async function learnFromVendor(db: PortierDb, accountId: string, lesson: Lesson, now: Date): Promise<boolean> {
  return db.transaction('rw', db.accounts, async () => {
    const row = await db.accounts.get(accountId);
    if (!row) return false;
    const learned: AccountLessons = { ...row.learned };
    const at = now.toISOString();
    if (lesson.kind === 'consent_required') {
      if (learned.consentRequired) return false;
      learned.consentRequired = at;
    } else if (lesson.kind === 'bulk_import_off') {
      if (learned.bulkImportOff) return false;
      learned.bulkImportOff = at;
    } else {
      const known = learned.seatsFull?.[lesson.target.key];
      if (known && now.getTime() - Date.parse(known.at) < SEATS_LESSON_MS) return false;
      const portal = lesson.target.kind === 'zoho_crm.portal' ? lesson.target.portalName : undefined;
      learned.seatsFull = { ...learned.seatsFull, [lesson.target.key]: { at, name: lesson.target.name, ...(portal ? { portal } : {}) } };
    }
    await db.accounts.put({ ...row, learned });
    return true;
  });
}

/** The lessons still in force: a seat count older than SEATS_LESSON_MS is the vendor's again. */
export function liveLessons(learned: AccountLessons | undefined, now: number): AccountLessons {
  if (!learned) return {};
  const seatsFull = Object.fromEntries(Object.entries(learned.seatsFull ?? {}).filter(([, s]) => now - Date.parse(s.at) < SEATS_LESSON_MS));
  return { ...learned, ...(Object.keys(seatsFull).length > 0 ? { seatsFull } : { seatsFull: undefined }) };
}

/** A destination as the eligibility core must see it once the lessons apply (RULES.md target fields). */
export function applyLessons(target: Target, learned: AccountLessons | undefined, now: number): Target {
  const live = liveLessons(learned, now);
  let next = target;
  if (live.consentRequired && target.kind === 'zoho_crm.portal' && target.consentRequired !== true) next = { ...next, consentRequired: true };
  if (live.seatsFull?.[target.key] || sharesFullPool(target, live)) {
    // Every seat taken: the limit the vendor gave, or none known (the core reads "0 left" either way).
    const limit = target.seats?.limit ?? 0;
    next = { ...next, seats: { used: Math.max(limit, target.seats?.used ?? 0), limit } };
  }
  return next;
}

/**
 * A Zoho CRM portal's user types share one pool of free seats (Zoho, January 2025): the vendor's
 * "no seat left" for one of them holds for every user type of that portal.
 */
function sharesFullPool(target: Target, live: AccountLessons): boolean {
  if (target.kind !== 'zoho_crm.portal' || !target.portalName) return false;
  return Object.values(live.seatsFull ?? {}).some((full) => full.portal === target.portalName);
}

/** Lessons a batch's outcomes teach about `target`. */
export function lessonsOf(target: Target, outcomes: readonly ItemOutcome[]): Lesson[] {
  const codes = new Set(outcomes.flatMap((o) => (o.result.status === 'failed' ? [o.result.code] : [])));
  const lessons: Lesson[] = [];
  if (codes.has('CONSENT_MISSING') && target.kind === 'zoho_crm.portal') lessons.push({ kind: 'consent_required' });
  if (codes.has('LICENSE_LIMIT')) lessons.push({ kind: 'seats_full', target });
  return lessons;
}

/**
 * The connector as the background and the engine use it: its destinations with the account's
 * lessons applied, and what its answers teach handed to `learn`. Vendor-agnostic: it reads the
 * outcomes every connector gives, in RULES.md's codes.
 */
export function withLessons(inner: Connector, account: Account, now: () => number, learn: (lesson: Lesson) => void): Connector {
  const outcomes = <A extends Submission | PollResult>(target: Target, answer: A): A => {
    if (answer.kind === 'done') for (const lesson of lessonsOf(target, answer.outcomes)) learn(lesson);
    return answer;
  };
  const overrides: Partial<Connector> = {
    listTargets: async () => (await inner.listTargets()).map((t) => applyLessons(t, account.learned, now())),
    send: async (target, action, contacts) => outcomes(target, await inner.send(target, action, contacts)),
    poll: async (target, vendorJobId, contacts) => outcomes(target, await inner.poll(target, vendorJobId, contacts)),
  };
  const act = inner.portalUserAction?.bind(inner);
  if (act) {
    overrides.portalUserAction = async (target, action, ids, to) => {
      const results = await act(target, action, ids, to);
      if (results.some((r) => !r.ok && r.code === 'LICENSE_LIMIT')) learn({ kind: 'seats_full', target });
      return results;
    };
  }
  // Everything else is the connector's own, called on it (its methods keep their `this`).
  return new Proxy(inner, {
    get(target, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop as keyof Connector];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
