import { describe, expect, it } from 'vitest';
import { memoryCredentialStore, oauthTokenStore, type Credentials } from '../../core/background';
import { Vendor, type Account } from '../../core/model';
import { VENDORS } from '../../core/vendors';
import { zohoCrmApiBase } from '../../core/vendors/zoho-crm/api';

/** The registry maps an Account and its credentials to a connector; nothing is called here. */

const at = '2030-01-01T00:00:00.000Z';
const accounts: Record<Vendor, Account> = {
  zendesk: { id: 'acme', vendor: 'zendesk', label: 'Acme', subdomain: 'acme', authKind: 'api_token', status: 'connected', companyDomains: [], connectedAt: at },
  zoho_desk: { id: 'eu:1', vendor: 'zoho_desk', label: 'Desk', dataCenter: 'eu', orgId: '1', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: at },
  zoho_crm: { id: 'in:2', vendor: 'zoho_crm', label: 'CRM', dataCenter: 'in', orgId: '2', authKind: 'oauth', status: 'connected', companyDomains: ['acme.com'], connectedAt: at },
  zoho_connect: { id: 'ca:3', vendor: 'zoho_connect', label: 'Connect', dataCenter: 'ca', orgId: '3', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: at },
};
const oauth: Credentials = { kind: 'oauth', tokens: { accessToken: 'a', refreshToken: 'r' } };
const expected: Record<Vendor, string> = {
  zendesk: 'https://acme.zendesk.com',
  zoho_desk: 'https://desk.zoho.eu',
  zoho_crm: 'https://www.zohoapis.in',
  zoho_connect: 'https://connect.zohocloud.ca',
};

describe('the vendor registry', () => {
  it.each(Vendor.options)('%s: one entry builds its endpoint, session and connector', async (vendor) => {
    const entry = VENDORS[vendor];
    const account = accounts[vendor];
    const credentials: Credentials = vendor === 'zendesk' ? { kind: 'api_token', email: 'ann@acme.com', token: 't' } : oauth;
    const endpoint = entry.endpoint(account, credentials);
    expect(endpoint).toMatchObject({ vendor, accountId: account.id, apiBase: expected[vendor] });
    const store = memoryCredentialStore();
    await store.set(account.id, credentials);
    const auth = entry.auth({ account, credentials, tokens: oauthTokenStore(store, account.id), clients: { zoho: { clientId: 'c', clientSecret: 's' } } });
    const connector = entry.connector({ endpoint, auth }, account);
    expect(connector.vendor).toBe(vendor);
    expect(connector.accountId).toBe(account.id);
    expect(Object.keys(await auth.headers('GET'))).toContain('authorization');
  });

  it('uses the CRM api_domain Zoho named in the token answer', () => {
    const credentials: Credentials = { kind: 'oauth', tokens: { accessToken: 'a', apiDomain: 'https://www.zohoapis.com.au' } };
    expect(VENDORS.zoho_crm.endpoint(accounts.zoho_crm, credentials).apiBase).toBe('https://www.zohoapis.com.au');
  });

  it.each([
    'https://evil.example',
    'https://www.zohoapis.com.evil.example',
    'http://www.zohoapis.com',
    'https://www.zohoapis.com/steal',
    'https://user@www.zohoapis.com',
    'not a url',
  ])('does not send the token to an api_domain that is no Zoho data center: %s', (apiDomain) => {
    const credentials: Credentials = { kind: 'oauth', tokens: { accessToken: 'a', apiDomain } };
    const account = accounts.zoho_crm;
    expect(VENDORS.zoho_crm.endpoint(account, credentials).apiBase).toBe(zohoCrmApiBase(account.dataCenter!));
  });

  it('refuses a Zoho account without OAuth credentials, saying to reconnect', () => {
    const account = accounts.zoho_desk;
    expect(() =>
      VENDORS.zoho_desk.auth({ account, credentials: { kind: 'session' }, tokens: oauthTokenStore(memoryCredentialStore(), account.id), clients: {} }),
    ).toThrow(/OAuth only/);
  });
});
