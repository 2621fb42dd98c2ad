import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_CACHE_FRESH_MS } from '../../../core/background/read-cache';
import { contactHistory } from '../../../core/db';
import type { Contact, Target } from '../../../core/model';
import type { Membership } from '../../../core/vendors/types';
import { ACCOUNT, ask, destination, idleAll, person, refusal, refusalIn, world } from './helpers';

/** The contact card (inspectContact), a page of records (listRecords) and Zendesk's verification email. */

afterEach(idleAll);

const crm = (id: string, email: string) => person(id, email, {}, 'zoho_crm');

describe('inspectContact', () => {
  /** Two user types; the second has company domains of its own, the first falls back to the account's. */
  async function card(memberships: (target: Target, contacts: Contact[]) => Promise<Map<string, Membership>>) {
    return world({
      vendor: 'zoho_crm',
      people: [crm('7', 'eve@woodgrove.com'), crm('8', 'sam@partner.com')],
      targets: [destination('ut-a', { portalName: 'acme' }, 'zoho_crm'), destination('ut-b', { portalName: 'acme', companyDomains: ['acme.com'] }, 'zoho_crm')],
      account: { companyDomains: ['woodgrove.com'] },
      extra: { memberships },
    });
  }

  it('gives the record and a verdict per destination, with the vendor’s membership, in one listTargets', async () => {
    const invitedAt = '2029-12-30T00:00:00.000Z';
    const w = await card(async (target, contacts) => new Map(target.key === 'ut-b' ? [[contacts[0]!.id, { status: 'invited', invitedAt }]] : []));
    const result = await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '7' });
    expect(result.contact).toMatchObject({ id: '7', email: 'eve@woodgrove.com' });
    const [a, b] = result.destinations;
    // ut-a has no domains of its own: the account's say eve is an employee.
    expect(a).toMatchObject({ target: { key: 'ut-a', companyDomains: ['woodgrove.com'] }, verdict: { eligible: false } });
    expect(a!.verdict.reasons.map((r) => r.code)).toContain('COMPANY_DOMAIN');
    expect(a).not.toHaveProperty('membership');
    expect(b).toMatchObject({ target: { key: 'ut-b', companyDomains: ['acme.com'] }, membership: { status: 'invited', invitedAt } });
    expect(b!.verdict.reasons.map((r) => r.code)).toContain('INVITATION_PENDING');
    expect(b!.verdict.reasons.map((r) => r.code)).not.toContain('COMPANY_DOMAIN');
    expect(w.calls.filter((c) => c === 'listTargets')).toHaveLength(1);
    expect(w.calls.filter((c) => c === 'getContacts')).toHaveLength(1);
    expect(w.calls.filter((c) => c.startsWith('actor:')).sort()).toEqual(['actor:ut-a', 'actor:ut-b']);

    // Cached for the panel's liveQuery and history: the record and the destinations as judged.
    expect(await w.db.contacts.get(result.contact.key)).toMatchObject({ id: '7' });
    expect(await w.db.targets.get('ut-a')).toMatchObject({ companyDomains: ['woodgrove.com'] });
  });

  it('reads every destination’s membership at once, not one after the other', async () => {
    let started = 0;
    let release!: () => void;
    const all = new Promise<void>((resolve) => (release = resolve));
    const w = await card(async () => {
      started += 1;
      if (started === 2) release();
      // One after the other, the first look-up would wait here for ever: the race makes it fail.
      await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error('look-ups ran one after the other')), 500))]);
      return new Map();
    });
    const result = await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '8' });
    expect(result.destinations.map((d) => d.verdict.eligible)).toEqual([true, true]);
  });

  it('reads the destinations and the agent’s rights again only once they are 5 minutes old, or after anything that may change them', async () => {
    const w = await card(async () => new Map());
    const counts = () => ({ targets: w.calls.filter((c) => c === 'listTargets').length, actor: w.calls.filter((c) => c.startsWith('actor:')).length, contacts: w.calls.filter((c) => c === 'getContacts').length });
    await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '7' });
    await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '8' });
    // The second card: the record is read again, the destinations and rights are not.
    expect(counts()).toEqual({ targets: 1, actor: 2, contacts: 2 });

    // Saving the settings may change a verdict (company domains): the next card reads everything.
    await ask(w, { type: 'saveAccountSettings', accountId: ACCOUNT, companyDomains: ['woodgrove.com'], defaultTargetKey: null });
    await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '7' });
    expect(counts()).toEqual({ targets: 2, actor: 4, contacts: 3 });

    w.clock.advance(ACCOUNT_CACHE_FRESH_MS + 1);
    await ask(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '7' });
    expect(counts()).toEqual({ targets: 3, actor: 6, contacts: 4 });
  });

  it('says a record the vendor does not have is not found, and what to do', async () => {
    const w = await card(async () => new Map());
    expect(await refusal(w, { type: 'inspectContact', accountId: ACCOUNT, contactId: '404' })).toEqual({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/Acme has no record "404".*refresh the page/),
    });
  });

  it('says an account that is not connected is to be connected first, in French too', async () => {
    const w = await card(async () => new Map());
    expect(await refusalIn(w, { type: 'inspectContact', accountId: 'nobody', contactId: '7' })).toEqual({
      code: 'NOT_CONNECTED',
      message: `No account "nobody" is connected: connect it in Portier's options first.`,
      localized: {
        en: `No account "nobody" is connected: connect it in Portier's options first.`,
        fr: `Aucun compte « nobody » n'est connecté : connectez-le d'abord dans les options de Portier.`,
      },
    });
    expect(w.calls).toEqual([]);
  });
});

describe('listRecords', () => {
  it('pages through the vendor’s records and caches them', async () => {
    const queries: unknown[] = [];
    const w = await world({
      extra: {
        listContacts: async (query) => {
          queries.push(query);
          return { contacts: [person('31', 'x@woodgrove.com'), person('32', 'y@woodgrove.com')], hasMore: true };
        },
      },
    });
    const result = await ask(w, { type: 'listRecords', accountId: ACCOUNT, module: 'Leads', page: 2, perPage: 2 });
    expect(result).toMatchObject({ hasMore: true, contacts: [{ id: '31' }, { id: '32' }] });
    expect(queries).toEqual([{ module: 'Leads', page: 2, perPage: 2 }]);
    expect(await w.db.contacts.count()).toBe(2);
  });

  it('where the vendor cannot list, says what to do instead', async () => {
    const w = await world();
    expect(await refusal(w, { type: 'listRecords', accountId: ACCOUNT, page: 1, perPage: 50 })).toEqual({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/cannot list the records of Acme: tick the rows on the page, or import a CSV/),
    });
  });
});

describe('sendVerification', () => {
  it('sends to the record the vendor has, and the contact’s history says so', async () => {
    const sent: Contact[] = [];
    const w = await world({ extra: { sendVerification: async (contact) => (sent.push(contact), { sent: true }) } });
    const result = await ask(w, { type: 'sendVerification', accountId: ACCOUNT, contactId: '2' });
    expect(result).toEqual({ contactId: '2', sent: true });
    expect(sent.map((c) => c.email)).toEqual(['bob@woodgrove.com']);
    const history = await contactHistory(w.db, w.people[1]!.key, { limit: 5 });
    expect(history).toEqual([expect.objectContaining({ type: 'verification_sent', at: new Date(w.clock.now()).toISOString() })]);
  });

  it('a message the vendor did not send is answered with its reason and leaves no history', async () => {
    const w = await world({ extra: { sendVerification: async () => ({ sent: false, message: 'The address is already verified.' }) } });
    expect(await ask(w, { type: 'sendVerification', accountId: ACCOUNT, contactId: '1' })).toEqual({ contactId: '1', sent: false, message: 'The address is already verified.' });
    expect(await w.db.events.count()).toBe(0);
  });

  it('is refused where the vendor has no such email, and for an unknown record', async () => {
    const none = await world({ vendor: 'zoho_desk' });
    expect(await refusal(none, { type: 'sendVerification', accountId: ACCOUNT, contactId: '1' })).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/only Zendesk does/) });
    const w = await world({ extra: { sendVerification: async () => ({ sent: true }) } });
    expect((await refusal(w, { type: 'sendVerification', accountId: ACCOUNT, contactId: '404' })).code).toBe('NOT_FOUND');
    expect(await w.db.events.count()).toBe(0);
  });
});
