import type { PortierDb } from '../db';
import { evaluate } from '../eligibility';
import type { MembershipCache } from '../jobs/memberships';
import type { Destination, ResultFor } from '../messages';
import type { Account, Contact, EligibilityActor, Target } from '../model';
import type { Connector, Membership } from '../vendors/types';
import { withOwnInvitationDates } from './own-dates';
import { ServiceError } from './errors';
import { keepLastVerdicts } from './last-verdicts';
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
  /** The account's destinations and rights (read-cache.ts); absent: read every time. */
  cache?: ReadCache;
  /**
   * The membership answers the jobs share (core/jobs/memberships.ts). The card never reads from it
   * (a revisit must show what changed meanwhile); it adds its fresh answers, so an invitation from
   * the card reuses them within MEMBERSHIP_REUSE_MS instead of asking again.
   */
  memberships?: MembershipCache;
}

/** What one card read gives: the record, the account's destinations, the record's state on each. */
interface CardFacts {
  contact: Contact | undefined;
  targets: Target[];
  /** By target key. */
  memberships: Map<string, Membership>;
}

type Rights = (targets: Target[]) => Promise<EligibilityActor[]>;

/**
 * The panel's first render: the record and its verdict on every destination. The destinations come
 * from the account's cache; then the record, its memberships and the agent's rights are asked at
 * once, so the card waits for one vendor round trip (Connector.inspect). Only when the cache is cold
 * does the listing of the destinations come first (its own round trips: the memberships are read
 * per destination, by its id).
 */
export async function inspectContact(deps: RecordDeps, contactId: string, module?: string): Promise<ResultFor<'inspectContact'>> {
  const { db, account, connector, cache } = deps;
  const cached = <T>(key: string, load: () => Promise<T>) => (cache ? cache.read(account.id, key, load) : load());
  const listed = cached('targets', () => connector.listTargets());
  const rightsOf: Rights = (targets) => Promise.all(targets.map((t) => cached(`actor:${t.key}`, () => connector.actor(t))));
  const [facts, actors] = connector.inspect
    ? await readAtOnce(connector.inspect.bind(connector), await listed, contactId, module, rightsOf)
    : await readInTurn(connector, listed, contactId, module, rightsOf);
  const { contact } = facts;
  if (!contact) throw notFound(account, contactId);
  const now = deps.now();
  const targets = facts.targets.map((t) => withCompanyDomains(t, account));
  const dated = await withOwnInvitationDates(db, targets.map((t) => ({ contactKey: contact.key, targetKey: t.key, membership: facts.memberships.get(t.key) })));
  const destinations = targets.map((target, i): Destination => {
    const membership = dated[i];
    const verdict = evaluate({ contact: membership ? { ...contact, membership } : contact, target, actor: actors[i] ?? { role: 'agent' } }, now);
    return { target, verdict, ...(membership ? { membership } : {}) };
  });
  const at = now.getTime();
  for (const target of targets) deps.memberships?.set(account.id, target.key, contact.key, facts.memberships.get(target.key), at);
  await db.transaction('rw', db.contacts, db.targets, db.lastVerdicts, async () => {
    await db.contacts.put(contact);
    await db.targets.bulkPut(targets);
    await keepLastVerdicts(db, { accountId: account.id, contactId, ...(module ? { module } : {}), checkedAt: now.toISOString(), contact, destinations });
  });
  return { contact, destinations };
}

/** One round trip: the record, its memberships and the agent's rights, all asked together. */
async function readAtOnce(
  inspect: NonNullable<Connector['inspect']>, targets: Target[], contactId: string, module: string | undefined, rightsOf: Rights,
): Promise<[CardFacts, EligibilityActor[]]> {
  const [{ contact, memberships }, actors] = await Promise.all([inspect(contactId, targets, module), rightsOf(targets)]);
  return [{ contact, targets, memberships }, actors];
}

/**
 * A connector without inspect(): the record beside the listing, then each destination's
 * memberships, which take the record itself: two round trips, one after the other.
 */
async function readInTurn(
  connector: Connector, listed: Promise<Target[]>, contactId: string, module: string | undefined, rightsOf: Rights,
): Promise<[CardFacts, EligibilityActor[]]> {
  const [contacts, targets] = await Promise.all([connector.getContacts([contactId], module), listed]);
  const contact = contacts.find((c) => c.id === contactId);
  const memberships = new Map<string, Membership>();
  if (!contact) return [{ contact, targets, memberships }, []];
  const [, actors] = await Promise.all([
    Promise.all(
      targets.map(async (target) => {
        const membership = (await connector.memberships(target, [contact], { exhaustive: true })).get(contact.id);
        if (membership) memberships.set(target.key, membership);
      }),
    ),
    rightsOf(targets),
  ]);
  return [{ contact, targets, memberships }, actors];
}

export async function listRecords(deps: RecordDeps, query: { module?: string | undefined; page: number; perPage: number }): Promise<ResultFor<'listRecords'>> {
  const { db, account, connector } = deps;
  if (!connector.listContacts) {
    throw new ServiceError('NOT_FOUND', {
      en: `Portier cannot list the records of ${account.label}: tick the rows on the page, or import a CSV of addresses.`,
      fr: `Portier ne peut pas lister les fiches de ${account.label} : cochez les lignes sur la page, ou importez un CSV d'adresses.`,
    });
  }
  const { contacts, hasMore } = await connector.listContacts({ ...(query.module ? { module: query.module } : {}), page: query.page, perPage: query.perPage });
  await db.contacts.bulkPut(contacts);
  return { contacts, hasMore };
}

/** Zendesk's verification email; the contact's history says it was sent. */
export async function sendVerification(deps: RecordDeps, contactId: string): Promise<ResultFor<'sendVerification'>> {
  const { db, account, connector } = deps;
  if (!connector.sendVerification) {
    throw new ServiceError('NOT_FOUND', {
      en: `${account.label} does not send verification emails through Portier: only Zendesk does. The person verifies their address when they accept the invitation.`,
      fr: `${account.label} n'envoie pas d'e-mails de vérification depuis Portier : seul Zendesk le fait. La personne vérifie son adresse en acceptant l'invitation.`,
    });
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
  return { contactId, sent: answer.sent, ...(answer.message ? { message: answer.message } : {}), ...(answer.localized ? { localized: answer.localized } : {}) };
}

function notFound(account: Account, contactId: string): ServiceError {
  return new ServiceError('NOT_FOUND', {
    en: `${account.label} has no record "${contactId}" (it was deleted, merged, or you cannot see it): refresh the page.`,
    fr: `${account.label} n'a pas de fiche « ${contactId} » (elle a été supprimée ou fusionnée, ou vous ne pouvez pas la voir) : actualisez la page.`,
  });
}
