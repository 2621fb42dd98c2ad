import { describe, expect, it } from 'vitest';
import { ALLOWED_SENDERS, parseRequest, parseResponse, Request, Sender } from '../../core/messages';

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
    const types = Request.def.options.flatMap((o) => o.shape.type.def.values).sort();
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

describe('responses', () => {
  it('reads a result and an error, and turns anything else into an error', () => {
    expect(parseResponse('startJob', { ok: true, result: { jobs: [{ jobId: 'j', action: 'invite' }] } })).toEqual({ ok: true, result: { jobs: [{ jobId: 'j', action: 'invite' }] } });
    const error = { ok: false, error: { code: 'NOT_CONNECTED', message: 'connect it' } };
    expect(parseResponse('listTargets', error)).toEqual(error);
    const bad = parseResponse('startJob', { ok: true, result: { jobs: 'nope' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/Reload the extension/);
  });
});
