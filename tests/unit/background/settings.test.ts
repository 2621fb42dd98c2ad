import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { saveAccountSettings } from '../../../core/background/settings';
import { ServiceError } from '../../../core/background/errors';
import { parseRequest } from '../../../core/messages';
import { ACCOUNT, ask, idleAll, refusal, refusalIn, world } from './helpers';

/** saveAccountSettings: company domains as an admin types them, the default destination, page names, portal seats. */

afterEach(idleAll);

const save = (extra: Record<string, unknown> = {}) => ({ type: 'saveAccountSettings' as const, accountId: ACCOUNT, companyDomains: [], defaultTargetKey: null, ...extra });

describe('saveAccountSettings', () => {
  it('normalises and deduplicates company domains, sets the default and page names, and answers the public row', async () => {
    const w = await world();
    const { account } = await ask(w, save({ companyDomains: ['@Acme.com', ' .acme.fr. ', 'ACME.COM', 'bücher.de'], defaultTargetKey: 'zendesk:acme:end_users', pageNames: ['AcmeDesk', 'acmedesk', ' Support '] }));
    expect(account).toMatchObject({ id: ACCOUNT, companyDomains: ['acme.com', 'acme.fr', 'bücher.de'], defaultTargetKey: 'zendesk:acme:end_users', pageNames: ['AcmeDesk', 'Support'] });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ companyDomains: ['acme.com', 'acme.fr', 'bücher.de'], defaultTargetKey: 'zendesk:acme:end_users' });
  });

  it('null clears the default destination; page names not given are kept', async () => {
    const w = await world({ account: { defaultTargetKey: 'old', pageNames: ['acmedesk'] } });
    const { account } = await ask(w, save({ companyDomains: ['acme.com'] }));
    expect(account).not.toHaveProperty('defaultTargetKey');
    expect(account.pageNames).toEqual(['acmedesk']);
    expect(await w.db.accounts.get(ACCOUNT)).not.toHaveProperty('defaultTargetKey');
  });

  it.each(['acme', 'not a domain', 'a@b.com', '@', 'acme..com'])('refuses "%s" by name and changes nothing', async (bad) => {
    const w = await world({ account: { companyDomains: ['kept.com'] } });
    const error = await refusal(w, save({ companyDomains: ['fine.com', bad] }));
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.message).toContain(`"${bad.toLowerCase()}" is not a domain`);
    expect((await w.db.accounts.get(ACCOUNT))?.companyDomains).toEqual(['kept.com']);
  });

  it('says an unknown account is not connected', async () => {
    const w = await world();
    expect((await refusal(w, { ...save(), accountId: 'nobody' })).code).toBe('NOT_CONNECTED');
  });

  it('settings survive a reconnect of the account', async () => {
    const w = await world();
    await ask(w, save({ companyDomains: ['acme.com'], defaultTargetKey: 'zendesk:acme:end_users', pageNames: ['acmedesk'] }));
    const { account } = await ask(w, { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: ACCOUNT, auth: { kind: 'session' } } });
    expect(account).toMatchObject({ companyDomains: ['acme.com'], defaultTargetKey: 'zendesk:acme:end_users', pageNames: ['acmedesk'] });
  });
});

describe('saveAccountSettings: Zoho CRM portal seats', () => {
  const settings = (portalSeatLimit?: number | null) => ({ companyDomains: [], defaultTargetKey: null, ...(portalSeatLimit !== undefined ? { portalSeatLimit } : {}) });

  it('keeps a whole number of seats, keeps it when not given, and null clears it', async () => {
    const w = await world({ vendor: 'zoho_crm' });
    expect(await saveAccountSettings(w.db, ACCOUNT, settings(1_000))).toMatchObject({ portalSeatLimit: 1_000 });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ portalSeatLimit: 1_000 });
    // Other accounts' forms (and older pages) do not send it: what was saved stays.
    expect(await saveAccountSettings(w.db, ACCOUNT, settings())).toMatchObject({ portalSeatLimit: 1_000 });
    const cleared = await saveAccountSettings(w.db, ACCOUNT, settings(null));
    expect(cleared).not.toHaveProperty('portalSeatLimit');
    expect(await w.db.accounts.get(ACCOUNT)).not.toHaveProperty('portalSeatLimit');
  });

  it.each([0, -3, 2.5, 1_000_001])('refuses %s seats in English and French, and changes nothing', async (bad) => {
    const w = await world({ vendor: 'zoho_crm', account: { portalSeatLimit: 50 } });
    const error = await saveAccountSettings(w.db, ACCOUNT, settings(bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    const { code, localized } = error as ServiceError;
    expect(code).toBe('BAD_MESSAGE');
    expect(localized.en).toBe(`"${bad}" is not a number of portal seats: write a whole number from 1 to 1,000,000, or leave it empty if you do not know it.`);
    expect(localized.fr).toBe(`« ${bad} » n'est pas un nombre de places du portail : écrivez un nombre entier de 1 à 1\u202f000\u202f000, ou laissez vide si vous ne le connaissez pas.`);
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ portalSeatLimit: 50 });
  });

  it('refuses seats on an account that is not Zoho CRM', async () => {
    const w = await world({ vendor: 'zoho_desk' });
    const error = (await saveAccountSettings(w.db, ACCOUNT, settings(10)).catch((e: unknown) => e)) as ServiceError;
    expect(error.localized).toEqual({
      en: 'Portal seats are a Zoho CRM setting: this account is not a Zoho CRM account.',
      fr: "Les places du portail sont un réglage de Zoho CRM : ce compte n'est pas un compte Zoho CRM.",
    });
    expect(await w.db.accounts.get(ACCOUNT)).not.toHaveProperty('portalSeatLimit');
  });

  it('the message takes a number or null; anything else is refused before the account is read', async () => {
    const base = { type: 'saveAccountSettings', accountId: ACCOUNT, companyDomains: [], defaultTargetKey: null };
    expect(parseRequest({ ...base, portalSeatLimit: 1_000 })).toMatchObject({ ok: true, request: { portalSeatLimit: 1_000 } });
    expect(parseRequest({ ...base, portalSeatLimit: null })).toMatchObject({ ok: true, request: { portalSeatLimit: null } });
    const w = await world({ vendor: 'zoho_crm' });
    for (const bad of ['1000', 'lots', Number.POSITIVE_INFINITY, { seats: 5 }]) {
      const error = await refusalIn(w, { ...base, portalSeatLimit: bad });
      expect(error.code).toBe('BAD_MESSAGE');
      expect(error.localized?.en).toContain('portalSeatLimit');
      expect(error.localized?.fr).toContain('portalSeatLimit');
    }
  });

  it('goes through the background as the options page sends it, and a bad number is refused there', async () => {
    const w = await world({ vendor: 'zoho_crm' });
    const { account } = await ask(w, save({ portalSeatLimit: 1_000 }));
    expect(account).toMatchObject({ portalSeatLimit: 1_000 });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ portalSeatLimit: 1_000 });
    const error = await refusalIn(w, save({ portalSeatLimit: 0 }));
    expect(error.localized?.fr).toMatch(/\S/);
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ portalSeatLimit: 1_000 });
  });

  it('survive a reconnect of the account, as its other settings do', async () => {
    // The row as a reconnect finds it (the reconnect itself is the same for every vendor: connect-account.ts).
    const w = await world({ account: { portalSeatLimit: 1_000 } });
    const { account } = await ask(w, { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: ACCOUNT, auth: { kind: 'session' } } });
    expect(account).toMatchObject({ portalSeatLimit: 1_000 });
    expect(await w.db.accounts.get(ACCOUNT)).toMatchObject({ portalSeatLimit: 1_000 });
  });

  it('the public account answered to the pages carries the seats', async () => {
    const w = await world({ vendor: 'zoho_crm', account: { portalSeatLimit: 1_000 } });
    const { accounts } = await ask(w, { type: 'listAccounts' });
    expect(accounts[0]).toMatchObject({ portalSeatLimit: 1_000 });
  });
});
