import type { Credentials } from '../credentials';
import type { ZohoOrgChoice, ZohoVendor } from '../vendors/zoho/discover';

/**
 * Zoho sign-ins waiting for the agent to pick what to connect: the tokens of a fresh sign-in stay
 * in the worker's memory only (never stored, never sent to the panel, which gets an id) until the
 * agent picks an organization or network from the list, or for SIGN_IN_TTL_MS. A worker that dies
 * meanwhile forgets them: the agent signs in again.
 *
 * A sign-in that ends unused (expired, or replaced by a new sign-in to the same product: the
 * options page shows one list per product) has its grant revoked at Zoho, not just forgotten: Zoho
 * keeps at most 20 refresh tokens per user and client and deletes the oldest when a 21st is made,
 * so abandoned sign-ins would end the live token of another connected account (revoke.ts).
 */
export const SIGN_IN_TTL_MS = 10 * 60_000;

export interface PendingSignIn {
  vendor: ZohoVendor;
  dataCenter: string;
  credentials: Credentials;
  choices: ZohoOrgChoice[];
  expiresAt: number;
  /** Ends the sign-in's grant at Zoho, best effort (it never throws): when the sign-in ends unused. */
  revoke?: (() => Promise<void>) | undefined;
}

export class PendingSignIns {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(private readonly now: () => number) {}

  put(id: string, signIn: Omit<PendingSignIn, 'expiresAt'>): void {
    this.prune();
    // The agent signed in again to the same product: the list shown before is gone, and so is its use.
    for (const [other, s] of this.pending) if (s.vendor === signIn.vendor) this.end(other, s);
    this.pending.set(id, { ...signIn, expiresAt: this.now() + SIGN_IN_TTL_MS });
  }

  /** Taken once: a sign-in connects one account. Its grant is then the taker's, to keep or to revoke. */
  take(id: string): PendingSignIn | undefined {
    this.prune();
    const found = this.pending.get(id);
    this.pending.delete(id);
    return found;
  }

  /** What a sign-in found, without taking it (the labels and page names of the account connected with it). */
  peek(id: string): PendingSignIn | undefined {
    this.prune();
    return this.pending.get(id);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.pending) if (s.expiresAt <= now) this.end(id, s);
  }

  /** A sign-in that ends unused: forgotten here, revoked at Zoho (not awaited: nobody waits for it). */
  private end(id: string, signIn: PendingSignIn): void {
    this.pending.delete(id);
    void signIn.revoke?.().catch(() => undefined);
  }
}
