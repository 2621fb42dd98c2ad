import type { Membership } from '../vendors/types';
import { MEMBERSHIP_REUSE_MS } from './bounds';

/**
 * Membership answers of one agent's browser, shared by the plan (the panel's check) and every job
 * of the engine, so that a person looked up a moment ago is not looked up again: overlapping
 * selections cost one read, not one per job. An answer is kept with the time it was read and used
 * while younger than `maxAgeMs` (MEMBERSHIP_REUSE_MS by default). Whatever is sent for a person
 * forgets their answer first: after a send only the vendor can say what is true.
 */
export class MembershipCache {
  private readonly answers = new Map<string, { membership: Membership | undefined; at: number }>();

  constructor(private readonly maxAgeMs = MEMBERSHIP_REUSE_MS) {}

  private static key(accountId: string, targetKey: string, contactKey: string): string {
    return `${accountId}\u0000${targetKey}\u0000${contactKey}`;
  }

  /** The answer read at `at` (undefined membership: not a member). */
  set(accountId: string, targetKey: string, contactKey: string, membership: Membership | undefined, at: number): void {
    this.answers.set(MembershipCache.key(accountId, targetKey, contactKey), { membership, at });
  }

  /** A fresh answer, or undefined when there is none young enough (`found: false`). */
  get(accountId: string, targetKey: string, contactKey: string, now: number): { found: false } | { found: true; membership: Membership | undefined } {
    const key = MembershipCache.key(accountId, targetKey, contactKey);
    const hit = this.answers.get(key);
    if (!hit) return { found: false };
    if (hit.at < now - this.maxAgeMs || hit.at > now) {
      this.answers.delete(key);
      return { found: false };
    }
    return { found: true, membership: hit.membership };
  }

  /** Something was (or may have been) sent for these people: their answers no longer hold. */
  forget(accountId: string, targetKey: string, contactKeys: Iterable<string>): void {
    for (const contactKey of contactKeys) this.answers.delete(MembershipCache.key(accountId, targetKey, contactKey));
  }

  /** Drops answers older than the bound, so a long session does not keep every person it saw. */
  prune(now: number): void {
    for (const [key, hit] of this.answers) if (hit.at < now - this.maxAgeMs) this.answers.delete(key);
  }
}
