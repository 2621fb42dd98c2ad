import type { Credentials } from '../credentials';
import type { ZohoOrgChoice, ZohoVendor } from '../vendors/zoho/discover';

/**
 * Zoho sign-ins waiting for the agent to pick what to connect: the tokens of a fresh sign-in stay
 * in the worker's memory only (never stored, never sent to the panel, which gets an id) until the
 * agent picks an organization or network from the list, or for SIGN_IN_TTL_MS. A worker that dies
 * meanwhile forgets them: the agent signs in again.
 */
export const SIGN_IN_TTL_MS = 10 * 60_000;

export interface PendingSignIn {
  vendor: ZohoVendor;
  dataCenter: string;
  credentials: Credentials;
  choices: ZohoOrgChoice[];
  expiresAt: number;
}

export class PendingSignIns {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(private readonly now: () => number) {}

  put(id: string, signIn: Omit<PendingSignIn, 'expiresAt'>): void {
    this.prune();
    this.pending.set(id, { ...signIn, expiresAt: this.now() + SIGN_IN_TTL_MS });
  }

  /** Taken once: a sign-in connects one account. */
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
    for (const [id, s] of this.pending) if (s.expiresAt <= now) this.pending.delete(id);
  }
}
