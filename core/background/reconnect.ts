import { dueJobs, type PortierDb } from '../db';

/**
 * The engine pauses a job on a 401 it could not renew (`pauseReason: 'reconnect'`, `lastError.kind:
 * 'auth'`) but owns no account rows. After each run the background marks those accounts
 * `needs_reconnect`, so the panel and options page say "reconnect" before the agent wonders why
 * nothing moves. A pause older than the account's last connection is stale: the reconnect
 * resumed those jobs already (engine.reconnected), so it is not held against the new credentials.
 */
export async function markAccountsPausedForAuth(db: PortierDb): Promise<string[]> {
  // Every paused job, whatever its time: the end of time in the one UTC form the index sorts by.
  const paused = await dueJobs(db, new Date('9999-12-31T23:59:59.999Z'), ['paused']);
  const pauseAt = new Map<string, string>();
  for (const job of paused) {
    if (job.pauseReason !== 'reconnect' || job.lastError?.kind !== 'auth') continue;
    const seen = pauseAt.get(job.accountId);
    if (!seen || job.lastError.at > seen) pauseAt.set(job.accountId, job.lastError.at);
  }
  if (pauseAt.size === 0) return [];
  return db.transaction('rw', db.accounts, async () => {
    const marked: string[] = [];
    for (const [accountId, at] of pauseAt) {
      const account = await db.accounts.get(accountId);
      if (!account || account.status !== 'connected' || Date.parse(at) < Date.parse(account.connectedAt)) continue;
      await db.accounts.update(accountId, { status: 'needs_reconnect' });
      marked.push(accountId);
    }
    return marked;
  });
}
