import { OUTAGE_FIRST_WAIT_MS, OUTAGE_MAX_WAIT_MS } from './bounds';

/**
 * Whether an account's vendor answers, pure (every method takes `now`). Shared by every job of the
 * account: when one job finds the vendor silent, the others wait with it instead of each spending
 * its own tries on a vendor that is down.
 */
export class Outage {
  private silent = 0;
  private until = 0;

  /** A call got no usable answer: how long to wait before the next one (and the account waits with it). */
  noAnswer(now: number, random: () => number): number {
    this.silent += 1;
    const ceiling = Math.min(OUTAGE_MAX_WAIT_MS, OUTAGE_FIRST_WAIT_MS * 2 ** (this.silent - 1));
    const wait = Math.max(1, Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling));
    this.until = Math.max(this.until, now + wait);
    return wait;
  }

  /** A call was answered: the vendor is back. */
  answered(): void {
    this.silent = 0;
    this.until = 0;
  }

  /** 0 when calls may go, else how long the account still waits. */
  waitMs(now: number): number {
    return Math.max(0, this.until - now);
  }

  /** Calls in a row that got no answer (0: the vendor answers). */
  get failures(): number {
    return this.silent;
  }
}

export class Outages {
  private readonly byAccount = new Map<string, Outage>();

  for(accountId: string): Outage {
    let outage = this.byAccount.get(accountId);
    if (!outage) this.byAccount.set(accountId, (outage = new Outage()));
    return outage;
  }
}
