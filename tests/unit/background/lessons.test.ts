import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLessons, learnFromVendor, SEATS_LESSON_MS } from '../../../core/background/lessons';
import { ACCOUNT, ask, destination, idleAll, person, world } from './helpers';

/**
 * Issue #12, item 6: a refusal that reveals a setting of the account (CRM consent, no seat left,
 * Zendesk bulk import off) is kept on the account, so the next verdict is right.
 */
afterEach(idleAll);

const PORTAL = 'zoho_crm:acme:customers';

describe('learning from the vendor', () => {
  it('a CRM refusal for consent turns GDPR consent on: the next check blocks the record before sending', async () => {
    const emma = { ...person('7', 'emma@woodgrove.com'), consent: 'missing' as const };
    const w = await world({ vendor: 'zoho_crm', people: [emma, person('8', 'finn@woodgrove.com')], targets: [destination(PORTAL, {}, 'zoho_crm')] });
    const check = () => ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: PORTAL, contactIds: ['7'] });
    // The org's consent setting is not known: the record looks invitable.
    expect((await check()).items[0]!.verdict).toMatchObject({ eligible: true, action: 'invite' });

    w.vendor.refuse.set('emma@woodgrove.com', { code: 'CONSENT_NOT_GIVEN', message: 'Consent not given', reason: 'CONSENT_MISSING' });
    await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: PORTAL, contactIds: ['7'] });
    await w.service.idle();
    await expect.poll(async () => (await w.db.accounts.get(ACCOUNT))?.learned?.consentRequired).toBeDefined();

    expect((await check()).items[0]!.verdict).toEqual({ eligible: false, action: 'none', reasons: [{ code: 'CONSENT_MISSING', severity: 'block' }] });
    // What it learned is not learned twice.
    expect(await learnFromVendor(w.db, ACCOUNT, { kind: 'consent_required' }, new Date(w.clock.now()))).toBe(false);
  });

  it('no seat left blocks new invitations to that destination for an hour, then the vendor’s count is taken again', async () => {
    const w = await world({ vendor: 'zoho_crm', targets: [destination(PORTAL, {}, 'zoho_crm')] });
    w.vendor.refuse.set('ann@woodgrove.com', { code: 'LICENSE_LIMIT_EXCEEDED', message: 'License limit exceeded', reason: 'LICENSE_LIMIT' });
    await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: PORTAL, contactIds: ['1'] });
    await w.service.idle();
    await expect.poll(async () => (await w.db.accounts.get(ACCOUNT))?.learned?.seatsFull?.[PORTAL]).toMatchObject({ name: `Destination ${PORTAL}` });
    const { items } = await ask(w, { type: 'evaluate', accountId: ACCOUNT, targetKey: PORTAL, contactIds: ['2'] });
    expect(items[0]!.verdict.reasons).toContainEqual({ code: 'LICENSE_LIMIT', severity: 'block' });

    const account = (await w.db.accounts.get(ACCOUNT))!;
    const t = destination(PORTAL, { seats: { used: 4, limit: 10 } }, 'zoho_crm');
    const learnedAt = Date.parse(account.learned!.seatsFull![PORTAL]!.at);
    expect(applyLessons(t, account.learned, learnedAt + 1000).seats).toEqual({ used: 10, limit: 10 });
    expect(applyLessons(t, account.learned, learnedAt + SEATS_LESSON_MS + 1).seats).toEqual({ used: 4, limit: 10 });
  });

  it("no seat left in one user type holds for every user type of that portal, which share Zoho's pool, and no other portal", async () => {
    const w = await world({ vendor: 'zoho_crm' });
    const customers = destination(PORTAL, { portalName: 'acmeportal', seats: { used: 3, limit: 1_000 } }, 'zoho_crm');
    const partners = destination('zoho_crm:acme:partners', { portalName: 'acmeportal', seats: { used: 3, limit: 1_000 } }, 'zoho_crm');
    const elsewhere = destination('zoho_crm:acme:suppliers', { portalName: 'supplierportal' }, 'zoho_crm');
    const now = new Date('2030-01-01T00:00:00.000Z');
    expect(await learnFromVendor(w.db, ACCOUNT, { kind: 'seats_full', target: customers }, now)).toBe(true);
    const learned = (await w.db.accounts.get(ACCOUNT))!.learned;
    expect(learned?.seatsFull?.[PORTAL]).toMatchObject({ portal: 'acmeportal' });
    expect(applyLessons(partners, learned, now.getTime()).seats).toEqual({ used: 1_000, limit: 1_000 });
    expect(applyLessons(elsewhere, learned, now.getTime()).seats).toBeUndefined();
    expect(applyLessons(partners, learned, now.getTime() + SEATS_LESSON_MS).seats).toEqual({ used: 3, limit: 1_000 });
  });

  it('consent applies to CRM portals only', () => {
    const learned = { consentRequired: '2030-01-01T00:00:00.000Z' };
    expect(applyLessons(destination('zendesk:acme:end_users'), learned, 0).consentRequired).toBeUndefined();
    expect(applyLessons(destination(PORTAL, {}, 'zoho_crm'), learned, 0).consentRequired).toBe(true);
  });
});
