import type { PortierDb } from '../db';
import type { ResultFor } from '../messages';
import type { PageRecord } from '../model';
import { readLastVerdicts, type LastVerdicts } from './last-verdicts';
import { OpenPanels, type PanelHandle } from './panels';
import type { ReadCache } from './read-cache';
import { inspectContact, type RecordDeps } from './records';

/**
 * The contact card's reads, kept off the agent's wait: one vendor read per contact at a time (the
 * panel's ask joins one already under way), the last card from IndexedDB at once, and, while a
 * panel follows a tab, the contact that tab's page reports read before the panel asks (the page's
 * report reaches the background before the panel hears of the page). Nothing is read for a page no
 * open panel shows.
 */

/** A prefetched card serves the panel's ask this long after the vendor answered it, and once. */
export const PREFETCH_REUSE_MS = 10_000;

type Card = ResultFor<'inspectContact'>;

interface Read {
  value: Promise<Card>;
  prefetched: boolean;
  /** When the vendor answered a prefetch (reads the panel asked for are dropped when answered). */
  doneAt?: number;
}

export interface CardsDeps {
  db: PortierDb;
  now: () => number;
  cache: ReadCache;
  /** The account's deps; refuses (NOT_CONNECTED, NEEDS_RECONNECT) as every request does. */
  recordDeps: (accountId: string) => Promise<RecordDeps>;
}

export class ContactCards {
  readonly panels = new OpenPanels();
  private readonly reads = new Map<string, Read>();

  constructor(private readonly deps: CardsDeps) {}

  /** The card as the vendor has it now (a read under way or a prefetch just answered count as now). */
  inspect(req: { accountId: string; contactId: string; module?: string | undefined }): Promise<Card> {
    const key = readKey(req.accountId, req.contactId, req.module);
    const found = this.reads.get(key);
    if (found && found.doneAt === undefined) {
      // Joined: the prefetch has served the panel, and is no answer for a later ask.
      found.prefetched = false;
      return found.value;
    }
    if (found) {
      this.reads.delete(key);
      if (this.deps.now() - found.doneAt! <= PREFETCH_REUSE_MS) return found.value;
    }
    return this.start(key, req, false);
  }

  async last(req: { accountId: string; contactId: string }): Promise<ResultFor<'lastVerdicts'>> {
    const { db } = await this.deps.recordDeps(req.accountId);
    return { card: await readLastVerdicts(db, req.accountId, req.contactId) };
  }

  /** A content script reported its page: a contact an open panel shows is read now. */
  pageReported(tabId: number, page: PageRecord): void {
    if (this.panels.watches(tabId)) this.prefetch(page);
  }

  /**
   * A panel asks what its tab shows (getPageContext): on a contact page whose account is connected
   * (`connected`, read meanwhile), the last card goes with the answer. With no card kept, the fresh
   * read starts now: the panel's first screen waits for it, one round trip, and its inspectContact
   * joins it. With a card, the panel shows that first and its inspectContact starts the read:
   * started here, the read's request, parsing and writes ran beside the panel's loading and cost
   * its first screen about 20 ms on two busy cores (issue #13, paired loads with and without).
   * undefined: not a contact page; null: no card kept.
   */
  async panelShows(page: PageRecord, connected: Promise<boolean>): Promise<LastVerdicts | null | undefined> {
    const contact = contactOf(page);
    if (!contact) return undefined;
    // The card is read while the caller reads the account: one database wait, not two in a row.
    // The card first: the vendor read's own database reads would come before it otherwise.
    const [card, ok] = await Promise.all([readLastVerdicts(this.deps.db, contact.accountId, contact.contactId), connected]);
    if (!ok) return undefined;
    if (!card) this.prefetch(page);
    return card;
  }

  panelOpened(): PanelHandle {
    return this.panels.open();
  }

  /** Something may have changed seats, rights or memberships: nothing read before it is served after it. */
  changed(accountId: string | undefined): void {
    if (accountId === undefined) this.deps.cache.clear();
    else this.deps.cache.forget(accountId);
    for (const key of [...this.reads.keys()]) if (accountId === undefined || key.startsWith(`${accountId}\u0000`)) this.reads.delete(key);
  }

  /**
   * After a change: while a panel is open, the account's destinations are read again at once, so
   * the next contact the agent opens waits for one round trip, not for the listing too.
   */
  rewarm(accountId: string): void {
    if (!this.panels.any()) return;
    this.deps
      .recordDeps(accountId)
      .then(({ connector }) => this.deps.cache.read(accountId, 'targets', () => connector.listTargets()))
      .catch(() => undefined);
  }

  /** Starts reading the contact a page shows, unless a read is under way. */
  private prefetch(page: PageRecord): void {
    const contact = contactOf(page);
    if (!contact) return;
    const key = readKey(contact.accountId, contact.contactId, contact.module);
    if (!this.reads.has(key)) this.start(key, contact, true).catch(() => undefined);
  }

  private start(key: string, req: { accountId: string; contactId: string; module?: string | undefined }, prefetched: boolean): Promise<Card> {
    this.dropStale();
    const value = this.deps.recordDeps(req.accountId).then((deps) => inspectContact(deps, req.contactId, req.module));
    const read: Read = { value, prefetched };
    this.reads.set(key, read);
    value.then(
      () => {
        if (this.reads.get(key) !== read) return;
        if (read.prefetched) read.doneAt = this.deps.now();
        else this.reads.delete(key);
      },
      () => {
        if (this.reads.get(key) === read) this.reads.delete(key);
      },
    );
    return value;
  }

  /** Prefetches nobody came for. */
  private dropStale(): void {
    const now = this.deps.now();
    for (const [key, read] of this.reads) if (read.doneAt !== undefined && now - read.doneAt > PREFETCH_REUSE_MS) this.reads.delete(key);
  }
}

/** The contact a page of a connected account shows, if it shows one. */
function contactOf(page: PageRecord): { accountId: string; contactId: string; module?: string } | undefined {
  const { pageKind, recordIds, module } = page.context;
  const contactId = recordIds[0];
  if (pageKind !== 'contact' || !contactId || !page.connected || !page.accountId) return undefined;
  return { accountId: page.accountId, contactId, ...(module ? { module } : {}) };
}

function readKey(accountId: string, contactId: string, module: string | undefined): string {
  return `${accountId}\u0000${contactId}\u0000${module ?? ''}`;
}
