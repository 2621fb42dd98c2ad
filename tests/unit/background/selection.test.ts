import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { emailKey } from '../../../core/email';
import type { Contact } from '../../../core/model';
import { ACCOUNT, ask, destination, idleAll, person, refusal, world } from './helpers';

/** evaluate and startJob by record ids and/or addresses (a CSV): what is looked up, what is missing. */

const TARGET = 'zendesk:acme:end_users';
afterEach(idleAll);

/** Zendesk creates end users from an address alone: the connector's stand-in for such a person. */
const fromEmail = (email: string): Contact => person(`email:${emailKey(email)}`, email);

describe('a selection that names nobody', () => {
  it.each(['evaluate', 'startJob'] as const)('%s is refused with what to give, before any vendor call', async (type) => {
    const w = await world();
    const error = await refusal(w, { type, accountId: ACCOUNT, targetKey: TARGET });
    expect(error).toEqual({ code: 'BAD_MESSAGE', message: expect.stringMatching(/tick contacts on the page or import a CSV/) });
    expect(w.calls).toEqual([]);
    expect(await w.db.jobs.count()).toBe(0);
  });
});

describe('addresses', () => {
  it('take the first active record of an address, and nothing else of it', async () => {
    const w = await world({
      people: [
        person('10', 'dup@woodgrove.com', { recordState: 'deleted' }),
        person('11', 'Dup@Woodgrove.com'),
        person('12', 'dup@woodgrove.com'),
      ],
    });
    const result = await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, emails: ['dup@woodgrove.com'] });
    expect(result.items.map((i) => i.contactId)).toEqual(['11']);
    expect(result.missing).toEqual([]);
  });

  it('keep a record that is not active when it is the only one, so the eligibility core says why', async () => {
    const w = await world({
      vendor: 'zoho_crm',
      people: [person('10', 'gone@woodgrove.com', { recordState: 'recycle_bin' }, 'zoho_crm')],
      targets: [destination('ut-1', { portalName: 'acme' }, 'zoho_crm')],
    });
    const result = await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: 'ut-1', emails: ['gone@woodgrove.com'] });
    expect(result.items).toEqual([expect.objectContaining({ contactId: '10', verdict: expect.objectContaining({ eligible: false, reasons: [expect.objectContaining({ code: 'RECORD_IN_RECYCLE_BIN' })] }) })]);
  });

  it('nobody has: missing, unless the vendor creates people from an address', async () => {
    const plain = await world();
    const without = await ask(plain, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, emails: ['new@woodgrove.com'] });
    expect(without).toMatchObject({ items: [], missing: ['new@woodgrove.com'] });

    const creating = await world({ extra: { contactFromEmail: fromEmail } });
    const withIt = await ask(creating, { type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, emails: ['new@woodgrove.com'] });
    expect(withIt.missing).toEqual([]);
    expect(withIt.items).toEqual([expect.objectContaining({ contactId: 'email:new@woodgrove.com', email: 'new@woodgrove.com', verdict: expect.objectContaining({ eligible: true, action: 'invite' }) })]);
  });

  it('malformed ones are missing and never looked up; one address written several ways is one look-up', async () => {
    const w = await world({ extra: { contactFromEmail: fromEmail } });
    const result = await ask(w, {
      type: 'evaluate',
      accountId: ACCOUNT,
      targetKey: TARGET,
      emails: ['ann@woodgrove.com', ' ann@WOODGROVE.com ', 'not an address', 'two@@at.com', 'not an address'],
    });
    expect(result.items.map((i) => i.contactId)).toEqual(['1']);
    expect(result.missing).toEqual(['not an address', 'two@@at.com']);
    expect(w.calls.filter((c) => c.startsWith('findByEmail'))).toEqual(['findByEmail:ann@woodgrove.com']);
  });

  it('a person given by id and by address is one item; unknown ids and addresses are both missing', async () => {
    const w = await world();
    const result = await ask(w, {
      type: 'evaluate',
      accountId: ACCOUNT,
      targetKey: TARGET,
      contactIds: ['1', '99'],
      emails: ['ANN@woodgrove.com', 'bob@woodgrove.com', 'nobody@woodgrove.com'],
    });
    expect(result.items.map((i) => i.contactId)).toEqual(['1', '2']);
    expect(result.missing).toEqual(['99', 'nobody@woodgrove.com']);
  });

  it('startJob sends the people found and the people the vendor creates, once each', async () => {
    const w = await world({ extra: { contactFromEmail: fromEmail } });
    const { jobs } = await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, emails: ['bob@woodgrove.com', 'new@woodgrove.com', 'NEW@woodgrove.com'] });
    expect(jobs).toEqual([{ jobId: expect.any(String), action: 'invite' }]);
    await w.service.idle();
    expect(await w.db.jobs.get(jobs[0]!.jobId)).toMatchObject({ status: 'completed', counts: { total: 2, invited: 2 } });
    expect([...w.vendor.invites.keys()].sort()).toEqual(['bob@woodgrove.com', 'new@woodgrove.com']);
  });

  it('startJob with nobody found says so and writes no job', async () => {
    const w = await world();
    const error = await refusal(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, emails: ['nobody@woodgrove.com'] });
    expect(error.code).toBe('NOT_FOUND');
    expect(await w.db.jobs.count()).toBe(0);
    // Nothing found: no membership look-up either.
    expect(w.calls.some((c) => c.startsWith('memberships'))).toBe(false);
  });
});
