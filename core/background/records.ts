import type { PortierDb } from '../db';
import { evaluate } from '../eligibility';
import type { Destination, ResultFor } from '../messages';
import type { Account } from '../model';
import type { Connector } from '../vendors/types';
import { ServiceError } from './errors';
import type { ReadCache } from './read-cache';
import { withCompanyDomains } from './selection';

/**
 * The contact card and what hangs off one record: read from the vendor, cached in Dexie for the
 * panel's history and liveQuery, never taken from the page.
 */

export interface RecordDeps {
  db: PortierDb;
  now: () => Date;
  account: Account;
  connector: Connector;
  /** The contact card's short-lived destinations and rights (read-cache.ts); absent: read every time. */
  cache?: ReadCache;
}

/**
 * The panel's first render: the record and its verdict on every destination. The record and the
 * destination list are read at once, then each destination's membership and the agent's rights on
 * it, all destinations in parallel: the card waits for the slowest call, not for their sum.
 */
export async function inspectContact(deps: RecordDeps, contactId: string, module?: string): Promise<ResultFor<'inspectContact'>> {
  const { db, account, connector, cache } = deps;
  const cached = <T>(key: string, load: () => Promise<T>) => (cache ? cache.read(account.id, key, load) : load());
  const [contacts, listed] = await Promise.all([connector.getContacts([contactId], module), cached('targets', () => connector.listTargets())]);
  const contact = contacts.find((c) => c.id === contactId);
  if (!contact) throw notFound(account, contactId);
  const targets = listed.map((t) => withCompanyDomains(t, account));
  const now = deps.now();
  const destinations = await Promise.all(
    targets.map(async (target): Promise<Destination> => {
      const [memberships, actor] = await Promise.all([connector.memberships(target, [contact]), cached(`actor:${target.key}`, () => connector.actor(target))]);
      const membership = memberships.get(contact.id);
      const verdict = evaluate({ contact: membership ? { ...contact, membership } : contact, target, actor }, now);
      return { target, verdict, ...(membership ? { membership } : {}) };
    }),
  );
  await db.transaction('rw', db.contacts, db.targets, async () => {
    await db.contacts.put(contact);
    await db.targets.bulkPut(targets);
  });
  return { contact, destinations };
}

export async function listRecords(deps: RecordDeps, query: { module?: string | undefined; page: number; perPage: number }): Promise<ResultFor<'listRecords'>> {
  const { db, account, connector } = deps;
  if (!connector.listContacts) {
    throw new ServiceError('NOT_FOUND', `Portier cannot list the records of ${account.label}: tick the rows on the page, or import a CSV of addresses.`);
  }
  const { contacts, hasMore } = await connector.listContacts({ ...(query.module ? { module: query.module } : {}), page: query.page, perPage: query.perPage });
  await db.contacts.bulkPut(contacts);
  return { contacts, hasMore };
}

/** Zendesk's verification email; the contact's history says it was sent. */
export async function sendVerification(deps: RecordDeps, contactId: string): Promise<ResultFor<'sendVerification'>> {
  const { db, account, connector } = deps;
  if (!connector.sendVerification) {
    throw new ServiceError('NOT_FOUND', `${account.label} does not send verification emails through Portier: only Zendesk does. The person verifies their address when they accept the invitation.`);
  }
  const [contact] = await connector.getContacts([contactId]);
  if (!contact) throw notFound(account, contactId);
  const answer = await connector.sendVerification(contact);
  const at = deps.now().toISOString();
  await db.transaction('rw', db.contacts, db.events, async () => {
    await db.contacts.put(contact);
    if (answer.sent) {
      await db.events.add({ contactKey: contact.key, at, type: 'verification_sent', ...(answer.message ? { detail: answer.message } : {}) });
    }
  });
  return { contactId, sent: answer.sent, ...(answer.message ? { message: answer.message } : {}) };
}

function notFound(account: Account, contactId: string): ServiceError {
  return new ServiceError('NOT_FOUND', `${account.label} has no record "${contactId}" (it was deleted, merged, or you cannot see it): refresh the page.`);
}
