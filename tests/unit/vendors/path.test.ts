import { describe, expect, it } from 'vitest';
import { CRM_MODULE, isPathSegment, pathSegment, PathSegmentError, RECORD_ID } from '../../../core/vendors/path';
import type { AuthSession, ConnectorOptions } from '../../../core/vendors/types';
import { ZendeskConnector } from '../../../core/vendors/zendesk/api';
import { ZohoCrmConnector } from '../../../core/vendors/zoho-crm/api';
import { ZohoDeskConnector } from '../../../core/vendors/zoho-desk/api';

/**
 * Ids in request paths (issue #10): `encodeURIComponent` leaves `..` alone, so `contacts/../helpCenters`
 * would reach another endpoint. Each connector holds ids and module names to the vendor's pattern
 * before it builds a path, whatever the message boundary let through.
 */
describe('pathSegment', () => {
  it.each(['42', '5843104000000500001'])('encodes the id %s as one segment', (id) => {
    expect(pathSegment(id, RECORD_ID, 'a record id')).toBe(id);
  });

  it.each(['..', '.', '', '../../admin', 'contacts/../helpCenters', '%2e%2e', '42/x', ' 42', '4 2', '42?x=1'])('refuses %j', (value) => {
    expect(isPathSegment(value, RECORD_ID)).toBe(false);
    expect(() => pathSegment(value, RECORD_ID, 'a Zoho Desk contact id')).toThrow(PathSegmentError);
  });

  it('refuses `.` and `..` whatever the pattern allows', () => {
    expect(isPathSegment('..', /^.*$/)).toBe(false);
    expect(isPathSegment('a..b', /^.*$/)).toBe(true);
  });

  it('says what the value should have been and what to do', () => {
    expect(() => pathSegment('Contacts/../settings', CRM_MODULE, 'a Zoho CRM module name')).toThrow(
      /"Contacts\/\.\.\/settings" is not a Zoho CRM module name, so Portier did not send the request\. Reload the vendor's page/,
    );
  });
});

/** A vendor that answers nothing useful: the test is about which paths were asked for. */
function recorder(): { fetch: typeof fetch; paths: string[] } {
  const paths: string[] = [];
  const fake = async (input: RequestInfo | URL) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    paths.push(url.pathname);
    return new Response(JSON.stringify({ errorCode: 'URL_NOT_FOUND', message: 'not here' }), { status: 404, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fake as typeof fetch, paths };
}

const auth: AuthSession = { headers: async () => ({ authorization: 'Zoho-oauthtoken t' }), renew: async () => false };
const options = (vendor: ConnectorOptions['endpoint']['vendor'], apiBase: string, fetch: typeof globalThis.fetch): ConnectorOptions => ({
  endpoint: { vendor, accountId: 'a', apiBase, orgId: '1' },
  auth,
  fetch,
  sleep: async () => undefined,
});

describe('connectors put no forged id in a path', () => {
  it('Zoho Desk leaves out ids that are not ids', async () => {
    const vendor = recorder();
    const desk = new ZohoDeskConnector(options('zoho_desk', 'https://desk.zoho.com', vendor.fetch));
    await desk.getContacts(['../../admin', 'contacts/../helpCenters', '..', '4200000000000000001']).catch(() => undefined);
    expect(vendor.paths).toEqual(['/api/v1/contacts/4200000000000000001']);
  });

  it('Zoho CRM leaves out ids that are not ids, and refuses a module that is not a name before any call', async () => {
    const vendor = recorder();
    const crm = new ZohoCrmConnector(options('zoho_crm', 'https://www.zohoapis.com', vendor.fetch));
    await crm.getContacts(['../../settings/portals', '5843104000000500001'], 'Contacts').catch(() => undefined);
    expect(vendor.paths).toEqual(['/crm/v8/Contacts/5843104000000500001']);
    vendor.paths.length = 0;
    await expect(crm.getContacts(['5843104000000500001'], '../settings')).rejects.toThrow(PathSegmentError);
    await expect(crm.findByEmail('ann@woodgrove.com', 'Contacts/..')).rejects.toThrow(PathSegmentError);
    await expect(crm.listContacts({ module: '..', page: 1, perPage: 10 })).rejects.toThrow(PathSegmentError);
    expect(vendor.paths).toEqual([]);
  });

  it('Zendesk leaves out ids that are not ids', async () => {
    const vendor = recorder();
    const zendesk = new ZendeskConnector({ ...options('zendesk', 'https://acme.zendesk.com', vendor.fetch), endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: 'https://acme.zendesk.com' } });
    await zendesk.getContacts(['../../admin', '42']).catch(() => undefined);
    expect(vendor.paths).toEqual(['/api/v2/users/42']);
  });
});
