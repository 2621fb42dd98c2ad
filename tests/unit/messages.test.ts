import { describe, expect, it } from 'vitest';
import { ALLOWED_SENDERS, parseRequest, parseResponse, requestSchema, ResultOf, Sender } from '../../core/messages';
import { MAX_PAGE_SELECTION } from '../../core/model/page-ids';

const page = { vendor: 'zendesk', account: 'acme', pageKind: 'contact', recordIds: ['42'], url: 'https://acme.zendesk.com/agent/users/42' };

describe('requests the background accepts', () => {
  it.each([
    { type: 'listAccounts' },
    { type: 'listTargets', accountId: 'acme' },
    { type: 'evaluate', accountId: 'acme', targetKey: 'zendesk:acme:end_users', contactIds: ['1', '2'] },
    { type: 'startJob', accountId: 'eu:123', targetKey: 'zoho_crm:eu:123:ut-1', contactIds: ['9'], module: 'Contacts' },
    { type: 'pauseJob', jobId: 'j-1' },
    { type: 'resumeJob', jobId: 'j-1' },
    { type: 'cancelJob', jobId: 'j-1' },
    { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: 'acme', auth: { kind: 'session' } } },
    { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: 'acme', auth: { kind: 'api_token', email: 'ann@acme.com', token: 't0k' } } },
    { type: 'connectAccount', account: { vendor: 'zoho_desk', dataCenter: 'eu', orgId: '20001', auth: { kind: 'oauth' } } },
    { type: 'disconnectAccount', accountId: 'acme' },
    { type: 'pageContext', context: page },
    { type: 'getPageContext', tabId: 3 },
    { type: 'evaluate', accountId: 'acme', targetKey: 't', emails: ['ann@woodgrove.com', 'not an address'] },
    { type: 'startJob', accountId: 'acme', targetKey: 't', contactIds: ['1'], emails: ['ann@woodgrove.com'] },
    { type: 'inspectContact', accountId: 'eu:1', contactId: '9', module: 'Leads' },
    { type: 'listRecords', accountId: 'acme', page: 1, perPage: 100 },
    { type: 'sendVerification', accountId: 'acme', contactId: '9' },
    { type: 'listPortalUsers', accountId: 'eu:1', targetKey: 'ut-1', status: 'deactivated' },
    { type: 'portalUserAction', accountId: 'eu:1', targetKey: 'ut-1', action: 'transfer', personalityIds: ['p1'], toTargetKey: 'ut-2' },
    { type: 'retryFailed', jobId: 'j-1' },
    { type: 'saveAccountSettings', accountId: 'acme', companyDomains: [' Acme.COM '], defaultTargetKey: null, pageNames: ['AcmeHelp'] },
  ])('$type', (message) => {
    const parsed = parseRequest(message);
    expect(parsed.ok).toBe(true);
  });

  it('says who may send each message, and the content script only reports its page', () => {
    const types = requestSchema().def.options.flatMap((o) => o.shape.type.def.values).sort();
    expect(Object.keys(ALLOWED_SENDERS).sort()).toEqual(types);
    const fromContent = Object.entries(ALLOWED_SENDERS).filter(([, kinds]) => kinds.includes('content')).map(([type]) => type);
    expect(fromContent).toEqual(['pageContext']);
  });
});

describe('malformed or forged requests are refused with a readable message', () => {
  it.each([
    ['not an object', 'startJob', /could not read/],
    ['an unknown type', { type: 'inviteEveryone' }, /could not read the "inviteEveryone" message/],
    ['no contacts', { type: 'startJob', accountId: 'acme', targetKey: 't', contactIds: [] }, /contactIds: select at least one contact/],
    ['ids that are not strings', { type: 'evaluate', accountId: 'acme', targetKey: 't', contactIds: [42] }, /contactIds\.0/],
    ['a subdomain that is a URL', { type: 'connectAccount', account: { vendor: 'zendesk', subdomain: 'evil.com/x', auth: { kind: 'session' } } }, /Zendesk subdomain/],
    ['a Zoho account without OAuth', { type: 'connectAccount', account: { vendor: 'zoho_crm', dataCenter: 'eu', orgId: '1', auth: { kind: 'api_token', email: 'a@b.co', token: 'x' } } }, /account\.auth/],
    ['an unknown data center', { type: 'connectAccount', account: { vendor: 'zoho_crm', dataCenter: 'evil', orgId: '1', auth: { kind: 'oauth' } } }, /dataCenter/],
    ['too many records per page', { type: 'listRecords', accountId: 'acme', page: 1, perPage: 500 }, /perPage/],
    ['a portal user action nobody is chosen for', { type: 'portalUserAction', accountId: 'a', targetKey: 't', action: 'delete', personalityIds: [] }, /select at least one portal user/],
    ['an unknown portal user action', { type: 'portalUserAction', accountId: 'a', targetKey: 't', action: 'promote', personalityIds: ['p'] }, /action/],
    ['an empty address list', { type: 'evaluate', accountId: 'acme', targetKey: 't', emails: [] }, /give at least one address/],
    ['settings without the default destination', { type: 'saveAccountSettings', accountId: 'acme', companyDomains: [] }, /defaultTargetKey/],
    ['a page context with names instead of ids', { type: 'pageContext', context: { vendor: 'zendesk', account: 'acme', pageKind: 'contact', url: 'x' } }, /context\.recordIds/],
  ])('%s', (_name, message, text) => {
    const parsed = parseRequest(message);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('BAD_MESSAGE');
    expect(parsed.error.message).toMatch(text);
    expect(parsed.error.message).toMatch(/try again/);
  });

  it('drops fields a forged message adds', () => {
    const parsed = parseRequest({ type: 'startJob', accountId: 'acme', targetKey: 't', contactIds: ['1'], verdicts: [{ eligible: true }] });
    expect(parsed.ok && 'verdicts' in parsed.request).toBe(false);
  });

  it('knows senders only as panel or content script (with its tab)', () => {
    expect(Sender.safeParse({ kind: 'panel' }).success).toBe(true);
    expect(Sender.safeParse({ kind: 'content', tabId: 4 }).success).toBe(true);
    expect(Sender.safeParse({ kind: 'content' }).success).toBe(false);
    expect(Sender.safeParse({ kind: 'page' }).success).toBe(false);
  });
});

/**
 * What the page reports is checked per vendor where it arrives (issue #10): `encodeURIComponent`
 * leaves `..` alone, so a forged id such as `../../admin` must never be stored or reach a connector.
 */
describe('page contexts', () => {
  const crmList = { vendor: 'zoho_crm', account: '800000001', pageKind: 'list', module: 'Contacts', recordIds: [], selection: ['5843104000000500001'], url: 'https://crm.zoho.eu/crm/org800000001/tab/Contacts' };
  const deskContact = { vendor: 'zoho_desk', account: 'acme', pageKind: 'contact', module: 'support.team', recordIds: ['4200000000000000001'], url: 'https://desk.zoho.com/agent/acme/support.team/contacts/details/4200000000000000001' };
  const connectList = { vendor: 'zoho_connect', account: 'acmecommunity', pageKind: 'list', recordIds: [], selection: [], url: 'http://connect.zoho.localhost:8787/portal/acmecommunity/members' };
  const rows = (n: number) => Array.from({ length: n }, (_, i) => String(1000 + i));

  it.each([
    ['a Zendesk contact', page],
    ['a CRM list view with ticked rows', crmList],
    ['a Desk contact in a department', deskContact],
    ['a sandbox Connect list', connectList],
    [`a selection of ${MAX_PAGE_SELECTION} rows`, { ...crmList, selection: rows(MAX_PAGE_SELECTION) }],
    ['a list whose ticks no panel had read', { ...connectList, selection: undefined, selectionUnread: true }],
  ])('accepts %s', (_what, context) => {
    expect(parseRequest({ type: 'pageContext', context }).ok).toBe(true);
  });

  it.each([
    ['a record id that climbs the path', { ...page, recordIds: ['../../admin'] }, /context\.recordIds\.0: not a Zendesk record id/],
    ['a selected row that is not an id', { ...crmList, selection: ['5843104000000500001', 'contacts/../helpCenters'] }, /context\.selection\.1: not a Zoho CRM record id/],
    ['an id with spaces around it', { ...page, recordIds: [' 42'] }, /context\.recordIds\.0/],
    ['a CRM module that is a path', { ...crmList, module: '../settings' }, /context\.module: not a Zoho CRM module name/],
    ['a Desk department of dots', { ...deskContact, module: '..' }, /context\.module: not a Zoho Desk department name/],
    ['a module on Zendesk, whose URLs name none', { ...page, module: 'Contacts' }, /context\.module: Zendesk pages name no module/],
    ['a Zendesk account that is a host', { ...page, account: 'evil.com' }, /context\.account: not a Zendesk account name/],
    ['a Connect network that is a path', { ...connectList, account: '../admin' }, /context\.account/],
    [`more than ${MAX_PAGE_SELECTION} rows`, { ...crmList, selection: rows(MAX_PAGE_SELECTION + 1) }, /context\.selection: at most 500 rows/],
    ['more record ids than a URL names', { ...page, recordIds: rows(6) }, /context\.recordIds: a page names at most 5 records/],
    ['an address too long', { ...page, url: `https://acme.zendesk.com/agent/users/42?${'x'.repeat(2100)}` }, /context\.url/],
    ['an address that is no web page', { ...page, url: 'javascript:alert(1)' }, /context\.url: not the address of a web page/],
    ['ticks both read and unread', { ...crmList, selectionUnread: true }, /context\.selectionUnread: a selection that was read is not unread/],
    ['unread ticks on a contact page', { ...deskContact, selectionUnread: true }, /context\.selectionUnread: only a list view has ticked rows/],
    ['unread ticks said otherwise than true', { ...connectList, selection: undefined, selectionUnread: false }, /context\.selectionUnread/],
  ])('refuses %s', (_what, context, text) => {
    const parsed = parseRequest({ type: 'pageContext', context });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ code: 'BAD_MESSAGE', message: expect.stringMatching(text) });
  });

  it('refuses a module that is a path in the panel\'s requests too', () => {
    for (const message of [
      { type: 'evaluate', accountId: 'eu:1', targetKey: 't', contactIds: ['9'], module: '../../settings' },
      { type: 'inspectContact', accountId: 'eu:1', contactId: '9', module: 'Contacts/../x' },
      { type: 'listRecords', accountId: 'eu:1', module: '..', page: 1, perPage: 10 },
    ]) {
      const parsed = parseRequest(message);
      expect(!parsed.ok && parsed.error.message, message.type).toMatch(/module: a module is a name such as Contacts or Leads/);
    }
  });
});

describe('responses', () => {
  it('builds each answer schema at its first read, once, for every request type', () => {
    const types = Object.keys(ALLOWED_SENDERS) as (keyof typeof ResultOf)[];
    expect(Object.keys(ResultOf).sort()).toEqual([...types].sort());
    for (const type of types) {
      expect(typeof Object.getOwnPropertyDescriptor(ResultOf, type)?.get, type).toBe('function');
      expect(ResultOf[type], type).toBe(ResultOf[type]);
    }
    expect(requestSchema()).toBe(requestSchema());
  });

  it('reads a result and an error, and turns anything else into an error', () => {
    expect(parseResponse('startJob', { ok: true, result: { jobs: [{ jobId: 'j', action: 'invite' }] } })).toEqual({ ok: true, result: { jobs: [{ jobId: 'j', action: 'invite' }] } });
    const error = { ok: false, error: { code: 'NOT_CONNECTED', message: 'connect it' } };
    expect(parseResponse('listTargets', error)).toEqual(error);
    const bad = parseResponse('startJob', { ok: true, result: { jobs: 'nope' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/Reload the extension/);
    expect(!bad.ok && bad.error.localized?.fr).toMatch(/Rechargez l'extension/);
  });

  it("keeps a refusal's French beside its English, and reads an older background's English-only refusal", () => {
    const localized = { en: 'Connect it first.', fr: "Connectez-le d'abord." };
    const error = { ok: false, error: { code: 'NOT_CONNECTED', message: localized.en, localized } };
    expect(parseResponse('listTargets', error)).toEqual(error);
    expect(parseResponse('listTargets', { ok: false, error: { code: 'NOT_CONNECTED', message: 'x', localized: { en: 'x' } } })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('says in French too which message it could not read', () => {
    const parsed = parseRequest({ type: 'inspectContact', accountId: '', contactId: '9' });
    expect(!parsed.ok && parsed.error.localized?.fr).toMatch(/^Portier n'a pas pu lire le message « inspectContact » \(accountId: .*\)\. Rechargez la page et le panneau/);
    expect(!parsed.ok && parsed.error.message).toBe(!parsed.ok && parsed.error.localized?.en);
  });
});
