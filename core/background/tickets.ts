import { evaluate } from '../eligibility';
import type { Destination, TicketCard } from '../messages';
import type { Account, Contact, EligibilityActor, Target } from '../model';
import { MAX_PAGE_SELECTION } from '../model/page-ids';
import type { Membership, OrganizationMembers } from '../vendors/types';
import { keepLastTicket } from './last-verdicts';
import { withOwnInvitationDates } from './own-dates';
import { ServiceError } from './errors';
import type { RecordDeps } from './records';
import { withCompanyDomains } from './selection';

/**
 * Ticket and organization pages: who a ticket names, each with a verdict on every destination, and
 * the members of an organization as a bulk source. Read from the vendor, never from the page.
 */

/** What each vendor calls an organization, for the panel's messages. */
const ORGANIZATION: Record<Account['vendor'], string> = { zendesk: 'organization', zoho_desk: 'account', zoho_crm: 'Account', zoho_connect: 'organization' };
/** The same words in French, with what their gender changes: « d'organisation » (elle), « de compte » (il). */
const ORGANIZATION_FR: Record<Account['vendor'], { many: string; none: string; feminine: boolean }> = {
  zendesk: { many: 'organisations', none: "d'organisation", feminine: true },
  zoho_desk: { many: 'comptes', none: 'de compte', feminine: false },
  zoho_crm: { many: 'comptes', none: 'de compte', feminine: false },
  zoho_connect: { many: 'organisations', none: "d'organisation", feminine: true },
};

/**
 * The ticket's people and their verdicts. The ticket comes first (it is what names them), then the
 * people at once (Zendesk ShowManyUsers; Desk reads each contact beside the others): one round trip
 * more than a contact card, which no ticket page can spare. The destinations come from the
 * account's cache meanwhile; then the memberships of everyone on each destination, and the agent's
 * rights (cached too), are asked together. The answer is kept (last-verdicts.ts) for the panel to
 * show at once on the next visit, while it asks again.
 */
export async function inspectTicket(deps: RecordDeps, ticketId: string): Promise<TicketCard> {
  const { db, account, connector, cache } = deps;
  if (!connector.ticketPeople) {
    throw new ServiceError('NOT_FOUND', {
      en: `Portier does not read ${account.label}'s tickets: open the requester's profile to see where they can be invited.`,
      fr: `Portier ne lit pas les tickets de ${account.label} : ouvrez le profil du demandeur pour voir où l'inviter.`,
    });
  }
  const cached = <T>(key: string, load: () => Promise<T>) => (cache ? cache.read(account.id, key, load) : load());
  const [read, listed] = await Promise.all([connector.ticketPeople(ticketId), cached('targets', () => connector.listTargets())]);
  if (!read) {
    throw new ServiceError('NOT_FOUND', {
      en: `${account.label} has no ticket ${ticketId} (it was deleted or merged, or you cannot see it): refresh the page.`,
      fr: `${account.label} n'a pas de ticket ${ticketId} (il a été supprimé ou fusionné, ou vous ne pouvez pas le voir) : actualisez la page.`,
    });
  }
  const contacts = read.people.map((p) => p.contact);
  const targets = listed.map((t) => withCompanyDomains(t, account));
  const [memberships, actors] = await Promise.all([
    Promise.all(targets.map((t) => (contacts.length > 0 ? connector.memberships(t, contacts, { exhaustive: true }) : Promise.resolve(new Map<string, Membership>())))),
    Promise.all(targets.map((t) => cached<EligibilityActor>(`actor:${t.key}`, () => connector.actor(t)))),
  ]);
  const now = deps.now();
  const at = now.getTime();
  // Pending invitations the vendor does not date get the date Portier sent them, where it did (own-dates.ts).
  const dated = await Promise.all(
    targets.map(async (t, i) => {
      const found = memberships[i] ?? new Map<string, Membership>();
      const own = await withOwnInvitationDates(deps.db, contacts.map((c) => ({ contactKey: c.key, targetKey: t.key, membership: found.get(c.id) })));
      return new Map(contacts.flatMap((c, j) => (own[j] ? [[c.id, own[j]] as const] : [])));
    }),
  );
  const people = read.people.map(({ role, contact }) => ({ role, contact, destinations: destinationsOf(contact, targets, dated, actors, now) }));
  for (const contact of contacts) {
    targets.forEach((t, i) => deps.memberships?.set(account.id, t.key, contact.key, memberships[i]?.get(contact.id), at));
  }
  const card: TicketCard = {
    ticket: { id: ticketId, ...(read.subject ? { subject: read.subject } : {}), ...(read.number ? { number: read.number } : {}) },
    people,
    requesterMissing: read.requesterMissing,
    ccsMissing: read.ccsMissing,
    agents: read.agents,
  };
  // The people's history (components/history) is keyed by these rows, and the destinations name its
  // lines; the card is kept for the next visit, which shows it while the vendor is asked again.
  await db.transaction('rw', db.contacts, db.targets, db.lastVerdicts, async () => {
    await db.contacts.bulkPut(contacts);
    await db.targets.bulkPut(targets);
    await keepLastTicket(db, account.id, card, now.toISOString());
  });
  return card;
}

function destinationsOf(contact: Contact, targets: Target[], memberships: Map<string, Membership>[], actors: EligibilityActor[], now: Date): Destination[] {
  return targets.map((target, i) => {
    const membership = memberships[i]?.get(contact.id);
    const verdict = evaluate({ contact: membership ? { ...contact, membership } : contact, target, actor: actors[i] ?? { role: 'agent' } }, now);
    return { target, verdict, ...(membership ? { membership } : {}) };
  });
}

/**
 * The members of an organization, as record ids for the bulk flow's check → preview → confirm. At
 * most MAX_PAGE_SELECTION are read, the cap of a list view's selection: a bigger organization is a
 * CSV import's job, and the answer says it was capped.
 */
export async function organizationMembers(deps: RecordDeps, organizationId: string): Promise<OrganizationMembers & { limit: number }> {
  const { account, connector } = deps;
  const word = ORGANIZATION[account.vendor];
  const mot = ORGANIZATION_FR[account.vendor];
  if (!connector.organizationMembers) {
    throw new ServiceError('NOT_FOUND', {
      en: `Portier does not read the members of ${word}s in ${account.label}: tick them in a list view, or import a CSV of their addresses.`,
      fr: `Portier ne lit pas les membres des ${mot.many} de ${account.label} : cochez-les dans une vue liste, ou importez un CSV de leurs adresses.`,
    });
  }
  const members = await connector.organizationMembers(organizationId, MAX_PAGE_SELECTION);
  if (!members) {
    const [gone, see] = mot.feminine ? ['elle a été supprimée ou fusionnée', 'la voir'] : ['il a été supprimé ou fusionné', 'le voir'];
    throw new ServiceError('NOT_FOUND', {
      en: `${account.label} has no ${word} ${organizationId} (it was deleted or merged, or you cannot see it): refresh the page.`,
      fr: `${account.label} n'a pas ${mot.none} ${organizationId} (${gone}, ou vous ne pouvez pas ${see}) : actualisez la page.`,
    });
  }
  return { ...members, limit: MAX_PAGE_SELECTION };
}
