import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readLastTicket } from '../../../core/background/last-verdicts';
import { emailKey } from '../../../core/email';
import { MAX_PAGE_SELECTION } from '../../../core/model/page-ids';
import { RETENTION_DAYS } from '../../../core/model/retention';
import { sweepExpired } from '../../../core/retention';
import type { Contact } from '../../../core/model';
import type { TicketPeople } from '../../../core/vendors/types';
import { ACCOUNT, ask, destination, idleAll, person, refusal, refusalIn, world } from './helpers';

/** Ticket pages (inspectTicket), organization pages (organizationMembers) and names given with addresses. */

afterEach(idleAll);
const TARGET = 'zendesk:acme:end_users';

const ticket = (over: Partial<TicketPeople> = {}): TicketPeople => ({
  subject: 'Cannot sign in',
  people: [
    { role: 'requester', contact: person('1', 'ann@woodgrove.com', { emailVerified: false }) },
    { role: 'cc', contact: person('2', undefined) },
  ],
  requesterMissing: false,
  ccsMissing: 0,
  agents: 1,
  ...over,
});

describe('inspectTicket', () => {
  it('answers the requester first, then the CCs, each with a verdict on every destination', async () => {
    const asked: string[] = [];
    const w = await world({
      targets: [destination(TARGET), destination('zendesk:acme:second')],
      extra: { ticketPeople: async (id) => (asked.push(id), ticket()) },
    });
    const card = await ask(w, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: '4821' });
    expect(asked).toEqual(['4821']);
    expect(card.ticket).toEqual({ id: '4821', subject: 'Cannot sign in' });
    expect(card).toMatchObject({ requesterMissing: false, ccsMissing: 0, agents: 1 });
    expect(card.people.map((p) => `${p.role}:${p.contact.id}`)).toEqual(['requester:1', 'cc:2']);
    const [requester, cc] = card.people;
    expect(requester?.destinations.map((d) => d.target.key)).toEqual([TARGET, 'zendesk:acme:second']);
    expect(requester?.destinations[0]?.verdict).toMatchObject({ eligible: true, action: 'invite', reasons: [{ code: 'EMAIL_UNVERIFIED', severity: 'warn' }] });
    expect(cc?.destinations[0]?.verdict).toMatchObject({ eligible: false, action: 'none', reasons: [{ code: 'EMAIL_MISSING', severity: 'block' }] });
    // One membership look-up per destination for everyone on the ticket, not one per person.
    expect(w.calls.filter((c) => c.startsWith('memberships:'))).toEqual([`memberships:${TARGET}`, 'memberships:zendesk:acme:second']);
    // Their history and the destinations' names are read from the store by the panel.
    expect((await w.db.contacts.bulkGet(card.people.map((p) => p.contact.key))).every(Boolean)).toBe(true);
    expect(await w.db.targets.count()).toBe(2);
  });

  it('says the requester was deleted and reads no memberships when nobody is left', async () => {
    const w = await world({ extra: { ticketPeople: async () => ticket({ people: [], requesterMissing: true, ccsMissing: 2, agents: 0 }) } });
    const card = await ask(w, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: '9' });
    expect(card).toMatchObject({ people: [], requesterMissing: true, ccsMissing: 2 });
    expect(w.calls.some((c) => c.startsWith('memberships:'))).toBe(false);
  });

  it('refuses a ticket the vendor does not have, and a vendor whose tickets Portier does not read', async () => {
    const gone = await world({ extra: { ticketPeople: async () => undefined } });
    expect(await refusal(gone, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: '9' })).toEqual({
      code: 'NOT_FOUND', message: expect.stringMatching(/^Acme has no ticket 9 .*refresh the page/),
    });
    const none = await world();
    expect((await refusal(none, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: '9' })).message).toMatch(/open the requester's profile/);
  });

  it('refuses a ticket id that is empty or too long before any vendor call', async () => {
    const w = await world({ extra: { ticketPeople: async () => ticket() } });
    expect((await refusal(w, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: ' ' })).code).toBe('BAD_MESSAGE');
    expect(w.calls).toEqual([]);
  });
});

describe('the revisit of a ticket', () => {
  it('keeps the card, so the next view has it from IndexedDB before any vendor call; the fresh read replaces it', async () => {
    const asked: string[] = [];
    const w = await world({ targets: [destination(TARGET)], extra: { ticketPeople: async (id) => (asked.push(id), ticket()) } });
    expect(await readLastTicket(w.db, ACCOUNT, '4821')).toBeNull();
    const first = await ask(w, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: '4821' });

    // The next view of the ticket, three minutes later: its last card, and not one vendor call for it.
    asked.splice(0);
    w.calls.splice(0);
    w.clock.advance(3 * 60_000);
    const last = await readLastTicket(w.db, ACCOUNT, '4821');
    expect(asked).toEqual([]);
    expect(w.calls).toEqual([]);
    // What the card shows of its people, as the contact card keeps it; the ticket's subject is not kept.
    expect(last).toEqual({ ...first, ticket: { id: '4821' }, checkedAt: '2030-01-01T00:00:00.000Z' });
    expect(JSON.stringify(await w.db.lastVerdicts.toArray())).not.toContain('Cannot sign in');
    // It is no contact card: the requester's own page still has none.
    expect(await ask(w, { type: 'lastVerdicts', accountId: ACCOUNT, contactId: '1' })).toEqual({ card: null });

    await ask(w, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: '4821' });
    expect(asked).toEqual(['4821']);
    expect((await readLastTicket(w.db, ACCOUNT, '4821'))?.checkedAt).toBe('2030-01-01T00:03:00.000Z');
    expect(await w.db.lastVerdicts.count()).toBe(1);
  });

  it('expires with the retention, as the contact cards do', async () => {
    const w = await world({ extra: { ticketPeople: async () => ticket() } });
    await ask(w, { type: 'inspectTicket', accountId: ACCOUNT, ticketId: '4821' });
    const DAY = 24 * 60 * 60_000;
    await sweepExpired(w.db, new Date(w.clock.now() + (RETENTION_DAYS.default - 1) * DAY), RETENTION_DAYS.default);
    expect(await readLastTicket(w.db, ACCOUNT, '4821')).not.toBeNull();
    await sweepExpired(w.db, new Date(w.clock.now() + (RETENTION_DAYS.default + 1) * DAY), RETENTION_DAYS.default);
    expect(await readLastTicket(w.db, ACCOUNT, '4821')).toBeNull();
  });
});

describe('organizationMembers', () => {
  it('answers the members’ ids, read up to the page selection’s cap', async () => {
    const limits: number[] = [];
    const w = await world({
      extra: { organizationMembers: async (_id, limit) => (limits.push(limit), { name: 'Northwind', contactIds: ['1', '2'], capped: true, module: 'Contacts' }) },
    });
    const members = await ask(w, { type: 'organizationMembers', accountId: ACCOUNT, organizationId: '361' });
    expect(limits).toEqual([MAX_PAGE_SELECTION]);
    expect(members).toEqual({ name: 'Northwind', contactIds: ['1', '2'], capped: true, module: 'Contacts', limit: MAX_PAGE_SELECTION });
  });

  it('answers an organization without members as such, and refuses one the vendor does not have', async () => {
    const empty = await world({ extra: { organizationMembers: async () => ({ name: 'Tailspin', contactIds: [], capped: false }) } });
    expect(await ask(empty, { type: 'organizationMembers', accountId: ACCOUNT, organizationId: '3' })).toMatchObject({ contactIds: [], capped: false });
    const gone = await world({ vendor: 'zoho_desk', extra: { organizationMembers: async () => undefined } });
    expect((await refusal(gone, { type: 'organizationMembers', accountId: ACCOUNT, organizationId: '3' })).message).toMatch(/^Acme has no account 3 /);
    const none = await world({ vendor: 'zoho_crm' });
    expect((await refusal(none, { type: 'organizationMembers', accountId: ACCOUNT, organizationId: '3' })).message).toMatch(/members of Accounts in Acme: tick them/);
  });

  it('words the refusal in French with each vendor’s word and its gender', async () => {
    const request = { type: 'organizationMembers', accountId: ACCOUNT, organizationId: '3' };
    // Zendesk: « une organisation » (elle); Desk: « un compte » (il).
    const zendesk = await world({ extra: { organizationMembers: async () => undefined } });
    expect(await refusalIn(zendesk, request)).toMatchObject({
      code: 'NOT_FOUND',
      localized: { fr: "Acme n'a pas d'organisation 3 (elle a été supprimée ou fusionnée, ou vous ne pouvez pas la voir) : actualisez la page." },
    });
    const desk = await world({ vendor: 'zoho_desk', extra: { organizationMembers: async () => undefined } });
    expect(await refusalIn(desk, request)).toMatchObject({
      code: 'NOT_FOUND',
      localized: { fr: "Acme n'a pas de compte 3 (il a été supprimé ou fusionné, ou vous ne pouvez pas le voir) : actualisez la page." },
    });
    const crm = await world({ vendor: 'zoho_crm' });
    expect((await refusalIn(crm, request)).localized?.fr).toMatch(/^Portier ne lit pas les membres des comptes de Acme : cochez-les/);
  });
});

describe('names given with addresses', () => {
  /** A person the vendor would create from the address: no name of its own. */
  const fromEmail = (email: string): Contact => {
    const { name: _none, ...nameless } = person(`email:${emailKey(email)}`, email);
    return nameless;
  };

  it('name the people made from an address, in the check and in the job', async () => {
    const w = await world({ extra: { contactFromEmail: fromEmail } });
    const names = [{ email: 'NEW@woodgrove.com', name: ' Nina New ' }, { email: 'ann@woodgrove.com', name: 'Not Ann' }];
    const result = await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, emails: ['new@woodgrove.com', 'other@woodgrove.com', 'ann@woodgrove.com'], names });
    expect(result.items.map((i) => [i.contactId, i.name ?? null])).toEqual([
      ['email:new@woodgrove.com', 'Nina New'],
      ['email:other@woodgrove.com', null],
      // A record the vendor has keeps the vendor's name.
      ['1', 'Person 1'],
    ]);
    await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, emails: ['new@woodgrove.com'], names });
    expect((await w.db.contacts.get('zendesk:acme:email:new@woodgrove.com'))?.name).toBe('Nina New');
  });

  it('are bounded and checked at the message boundary', async () => {
    const w = await world({ extra: { contactFromEmail: fromEmail } });
    const blank = await refusal(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, emails: ['a@woodgrove.com'], names: [{ email: 'a@woodgrove.com', name: '  ' }] });
    expect(blank.code).toBe('BAD_MESSAGE');
    const long = await refusal(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, emails: ['a@woodgrove.com'], names: [{ email: 'a@woodgrove.com', name: 'x'.repeat(201) }] });
    expect(long.code).toBe('BAD_MESSAGE');
  });
});
