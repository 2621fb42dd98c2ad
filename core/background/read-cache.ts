/**
 * Short-lived answers of the vendor for the contact card: the destinations of an account and the
 * agent's rights on each change seldom, and reading them again for every contact the agent opens
 * would double the card's wait and spend the account's rate limit. Only the card reads through
 * it; jobs always plan from fresh reads. Anything that may change seats or rights (a job started,
 * a portal user changed, the account reconnected or its settings saved) clears the account's
 * entries, and a failed read is never kept.
 */
export const READ_CACHE_TTL_MS = 30_000;

export class ReadCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = READ_CACHE_TTL_MS,
  ) {}

  /** The account's cached answer for `key`, or `load()`'s, kept for the TTL. */
  read<T>(accountId: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${accountId}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit && hit.until > this.now()) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(id, { until: this.now() + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(id)?.value === value) this.entries.delete(id);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  forget(accountId: string): void {
    for (const id of this.entries.keys()) if (id.startsWith(`${accountId}\u0000`)) this.entries.delete(id);
  }
}
