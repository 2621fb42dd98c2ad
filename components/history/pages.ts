import type { PortierDb, StoredEvent } from '../../core/db';

export const PAGE_SIZE = 10;

/**
 * The newest `pages` pages of a contact's history, each read after the last event of the one
 * before, and whether anything older is left. Re-read as a whole inside a live query, so an event
 * written meanwhile lands at the top and none slips between two pages.
 */
export async function historyPages(db: PortierDb, contactKey: string, pages: number): Promise<{ events: StoredEvent[]; hasMore: boolean }> {
  const events: StoredEvent[] = [];
  let before: { at: string; id: number } | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await db.history(contactKey, { limit: PAGE_SIZE, ...(before ? { before } : {}) });
    events.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE_SIZE || !last) return { events, hasMore: false };
    before = { at: last.at, id: last.id };
  }
  const next = await db.history(contactKey, { limit: 1, ...(before ? { before } : {}) });
  return { events, hasMore: next.length > 0 };
}
