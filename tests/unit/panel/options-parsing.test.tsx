import { describe, expect, it } from 'vitest';
import { ConnectAccount } from '../../../core/messages';
import type { Account } from '../../../core/model';
import { companyDomain, pageName, parseCompanyDomains, parsePageNames } from '../../../components/options/domains';
import { reconnectRequest } from '../../../components/options/reconnect';
import { zendeskSubdomain } from '../../../components/options/subdomain';

describe('zendeskSubdomain', () => {
  it.each([
    ['acme', 'acme'],
    ['ACME', 'acme'],
    ['  acme  ', 'acme'],
    ['acme-eu2', 'acme-eu2'],
    ['acme.zendesk.com', 'acme'],
    ['Acme.Zendesk.Com.', 'acme'],
    ['acme.zendesk.com/hc/en-us', 'acme'],
    ['acme.zendesk.com:443', 'acme'],
    ['https://acme.zendesk.com', 'acme'],
    ['https://acme.zendesk.com/agent/tickets/123?x=1#y', 'acme'],
    ['http://ACME.zendesk.com:8080/api/v2/users/me.json', 'acme'],
  ])('%j → %j', (input, subdomain) => {
    const result = zendeskSubdomain(input);
    expect(result).toEqual({ ok: true, subdomain });
    // Whatever it accepts, the background's schema accepts too.
    expect(ConnectAccount.safeParse({ vendor: 'zendesk', subdomain, auth: { kind: 'session' } }).success).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['support.acme.com', 'custom_domain'],
    ['https://help.acme.fr/hc', 'custom_domain'],
    ['zendesk.com', 'custom_domain'],
    ['a.b.zendesk.com', 'invalid'],
    ['acme_corp', 'invalid'],
    ['acme corp', 'invalid'],
    ['-acme', 'invalid'],
    ['acme-', 'invalid'],
    ['https://', 'invalid'],
    ['https://acme.zendesk.com.evil.com', 'custom_domain'],
    ['a'.repeat(64), 'invalid'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(zendeskSubdomain(input)).toEqual({ ok: false, problem });
  });
});

describe('company domains', () => {
  it('normalises what admins type and drops duplicates, keeping the order', () => {
    const parsed = parseCompanyDomains('@Acme.com, acme.com\nACME.fr; https://acme.de/contact  *.acme.io\n\nbücher.de sub.acme.co.uk.');
    expect(parsed).toEqual({
      values: ['acme.com', 'acme.fr', 'acme.de', 'acme.io', 'xn--bcher-kva.de', 'sub.acme.co.uk'],
      invalid: [],
    });
  });

  it.each(['localhost', '1.2.3.4', 'user@acme.com', '-acme.com', 'acme-.com', 'acme..com', 'acme_x.com', 'acme.com:25', '@'])(
    'refuses %j',
    (entry) => {
      expect(companyDomain(entry)).toBeUndefined();
      expect(parseCompanyDomains(`acme.com, ${entry}`)).toEqual({ values: ['acme.com'], invalid: [entry] });
    },
  );

  it('reads an empty field as no domains', () => {
    expect(parseCompanyDomains(' \n , ')).toEqual({ values: [], invalid: [] });
  });
});

describe('page names', () => {
  it.each([
    ['acme', 'acme'],
    ['https://desk.zoho.com/agent/acmesupport/acme/tickets/list', 'acmesupport'],
    ['desk.zoho.eu/agent/acme-eu/home', 'acme-eu'],
    ['https://connect.zoho.com/portal/intranet/home', 'intranet'],
  ])('%j → %j', (entry, name) => {
    expect(pageName(entry)).toBe(name);
  });

  it('lists what is not a portal name', () => {
    expect(parsePageNames('acme\n<b>x</b>\nacme')).toEqual({ values: ['acme'], invalid: ['<b>x</b>'] });
  });
});

describe('reconnectRequest', () => {
  const base = { label: 'x', status: 'needs_reconnect' as const, companyDomains: [], connectedAt: '2025-01-01T00:00:00.000Z' };

  it('connects a Zendesk session or OAuth account again the same way', () => {
    expect(reconnectRequest({ ...base, id: 'acme', vendor: 'zendesk', subdomain: 'acme', authKind: 'session' })).toEqual({
      vendor: 'zendesk',
      subdomain: 'acme',
      auth: { kind: 'session' },
    });
    expect(reconnectRequest({ ...base, id: 'acme', vendor: 'zendesk', authKind: 'oauth' })).toEqual({
      vendor: 'zendesk',
      subdomain: 'acme',
      auth: { kind: 'oauth' },
    });
  });

  it('has no request for an API-token account: the token is asked again', () => {
    expect(reconnectRequest({ ...base, id: 'acme', vendor: 'zendesk', subdomain: 'acme', authKind: 'api_token' })).toBeUndefined();
  });

  it('reconnects a Zoho account by data center and org id, from the id when the fields are missing', () => {
    const crm: Account = { ...base, id: 'eu:20071234', vendor: 'zoho_crm', dataCenter: 'eu', orgId: '20071234', authKind: 'oauth' };
    expect(reconnectRequest(crm)).toEqual({ vendor: 'zoho_crm', dataCenter: 'eu', orgId: '20071234', auth: { kind: 'oauth' } });
    expect(reconnectRequest({ ...base, id: 'com.au:55', vendor: 'zoho_desk', authKind: 'oauth' })).toEqual({
      vendor: 'zoho_desk',
      dataCenter: 'com.au',
      orgId: '55',
      auth: { kind: 'oauth' },
    });
    expect(reconnectRequest({ ...base, id: 'mars:55', vendor: 'zoho_desk', authKind: 'oauth' })).toBeUndefined();
  });
});
