import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ask, idleAll, refusal, world } from './helpers';

/** saveAccountSettings: company domains as an admin types them, the default destination, page names. */

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
