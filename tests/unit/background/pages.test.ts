import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackgroundService, memoryCredentialStore, wireBackground, type BackgroundBrowser } from '../../../core/background';
import { matchAccount } from '../../../core/background/pages';
import { Account, type PageContext } from '../../../core/model';
import { ACCOUNT, ask, idleAll, refusal, world } from './helpers';

/** Page contexts live in Dexie (a stopped worker forgets its memory), per tab, until the tab closes. */

beforeEach(() => fakeBrowser.reset());
afterEach(idleAll);

const tab = (tabId: number) => ({ kind: 'content', tabId });

function page(vendor: PageContext['vendor'], account: string): PageContext {
  return { vendor, account, pageKind: 'contact', recordIds: ['5'], url: `https://example.invalid/${account}/5` };
}

function row(id: string, vendor: Account['vendor'], extra: Partial<Account> = {}): Account {
  return { id, vendor, label: id, authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: '2030-01-01T00:00:00.000Z', ...extra };
}

describe('matchAccount', () => {
  const desk = [row('eu:1', 'zoho_desk', { orgId: '1', pageNames: ['AcmeSupport'] }), row('eu:2', 'zoho_desk', { orgId: '2' }), row('acme', 'zendesk', { subdomain: 'acme' })];

  it.each([
    ['the account id', page('zoho_desk', 'eu:2'), 'eu:2'],
    ['the org id', page('zoho_desk', '1'), 'eu:1'],
    ['a page name, whatever its case', page('zoho_desk', 'acmesupport'), 'eu:1'],
    ['the subdomain, whatever its case', page('zendesk', 'ACME'), 'acme'],
    // Another subdomain is another Zendesk account, never the one connected.
    ['nothing, with one connected Zendesk account', page('zendesk', 'other'), undefined],
    ['nothing, with two accounts of the vendor', page('zoho_desk', 'unknown'), undefined],
    ['nothing, with no account of the vendor', page('zoho_crm', '1'), undefined],
  ])('by %s', (_name, context, expected) => {
    expect(matchAccount(context, desk)?.id).toBe(expected);
  });

  it('takes a CRM link without its org for the one CRM org connected in that data center', () => {
    const crm = [row('eu:7', 'zoho_crm', { orgId: '7', dataCenter: 'eu' }), row('com:8', 'zoho_crm', { orgId: '8', dataCenter: 'com' })];
    expect(matchAccount(page('zoho_crm', 'zoho.eu'), crm)?.id).toBe('eu:7');
    expect(matchAccount(page('zoho_crm', 'zoho.com'), crm)?.id).toBe('com:8');
    expect(matchAccount(page('zoho_crm', 'zoho.in'), crm)).toBeUndefined();
    expect(matchAccount(page('zoho_crm', 'zohocloud.ca'), [row('ca:9', 'zoho_crm', { orgId: '9', dataCenter: 'ca' }), ...crm])?.id).toBe('ca:9');
    // The sandbox's domain is no data center: its one CRM org, as for any page that names no org.
    expect(matchAccount(page('zoho_crm', 'zoho.localhost'), [crm[0]!])?.id).toBe('eu:7');
  });

  it('takes a Zoho page that names nothing known for the one account of the vendor only while its page names are unknown', () => {
    expect(matchAccount(page('zoho_connect', 'acmepartners'), [row('com:1', 'zoho_connect', { orgId: '1' })])?.id).toBe('com:1');
    // Its page names were read from the vendor: a page of another portal is another account.
    expect(matchAccount(page('zoho_connect', 'globexhub'), [row('com:1', 'zoho_connect', { orgId: '1', pageNames: ['acmepartners'] })])).toBeUndefined();
  });

  it('never takes the one account of the vendor when it needs a reconnect', () => {
    expect(matchAccount(page('zendesk', 'other'), [row('acme', 'zendesk', { status: 'needs_reconnect' })])).toBeUndefined();
  });
});

describe('pageContext and getPageContext', () => {
  it('keeps the page in Dexie, so a new worker life still knows it', async () => {
    const w = await world({ account: { pageNames: ['AcmeHelp'] } });
    const context = page('zendesk', 'acmehelp');
    expect(await ask(w, { type: 'pageContext', context }, tab(4))).toEqual({ vendor: 'zendesk', accountId: ACCOUNT, connected: true });
    expect(await w.db.pages.get(4)).toEqual({ tabId: 4, context, accountId: ACCOUNT, connected: true, at: new Date(w.clock.now()).toISOString() });

    const reborn = new BackgroundService({ db: w.db, credentials: memoryCredentialStore(), engine: { now: w.clock.now, sleep: w.clock.sleep } });
    const answer = await reborn.handle({ type: 'getPageContext', tabId: 4 }, { kind: 'panel' });
    await reborn.idle();
    const stored = await w.db.pages.get(4);
    const account = await w.db.accounts.get(ACCOUNT);
    // The record and the account too, and the contact's last card (none kept yet): the panel's first screen comes from this answer.
    expect(answer).toEqual({ ok: true, result: { context, record: stored, account: Account.parse(account), lastCard: null } });
    expect(await ask(w, { type: 'getPageContext', tabId: 5 })).toEqual({ context: null, record: null, account: null });
  });

  it('a page of no connected account is kept without one and says it is not connected', async () => {
    const w = await world();
    await w.db.accounts.put(row('other', 'zendesk', { subdomain: 'other' }));
    expect(await ask(w, { type: 'pageContext', context: page('zendesk', 'nobody') }, tab(2))).toEqual({ vendor: 'zendesk', accountId: 'nobody', connected: false });
    expect(await w.db.pages.get(2)).not.toHaveProperty('accountId');
  });

  it('only a content script reports a page', async () => {
    const w = await world();
    expect((await refusal(w, { type: 'pageContext', context: page('zendesk', ACCOUNT) })).code).toBe('FORBIDDEN_SENDER');
    expect(await w.db.pages.count()).toBe(0);
  });
});

describe('wiring (fakeBrowser)', () => {
  const api = () => fakeBrowser as unknown as BackgroundBrowser;

  it('a closed tab’s page is forgotten; other tabs keep theirs', async () => {
    const w = await world();
    wireBackground(api(), w.service);
    await ask(w, { type: 'pageContext', context: page('zendesk', ACCOUNT) }, tab(1));
    await ask(w, { type: 'pageContext', context: page('zendesk', ACCOUNT) }, tab(2));
    await fakeBrowser.tabs.onRemoved.trigger(1, { windowId: 1, isWindowClosing: false });
    await w.service.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await w.db.pages.toCollection().primaryKeys()).toEqual([2]);
  });

  it('an install or update makes the ticks read by the copies before it unread, not those reported since', async () => {
    const w = await world();
    const list = (selection: string[]): PageContext => ({ vendor: 'zendesk', account: ACCOUNT, pageKind: 'list', recordIds: [], selection, url: `https://${ACCOUNT}.zendesk.com/agent/user_filters/1` });
    const before = new Date(w.clock.now() - 60_000).toISOString();
    await w.db.pages.bulkPut([
      { tabId: 7, context: list(['11', '12']), connected: true, at: before },
      { tabId: 8, context: page('zendesk', ACCOUNT), connected: true, at: before },
    ]);
    wireBackground(api(), w.service);
    w.clock.advance(500);
    await ask(w, { type: 'pageContext', context: list(['13']) }, tab(9));
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' } as never);
    await w.service.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stored = Object.fromEntries((await w.db.pages.toArray()).map((p) => [p.tabId, p.context]));
    expect(stored[7]).toEqual({ vendor: 'zendesk', account: ACCOUNT, pageKind: 'list', recordIds: [], selectionUnread: true, url: list([]).url });
    expect(stored[8]).toEqual(page('zendesk', ACCOUNT));
    expect(stored[9]?.selection).toEqual(['13']);
  });

  it('a browser start forgets the pages of the last session, not those reported since the worker began', async () => {
    const w = await world();
    await w.db.pages.put({ tabId: 9, context: page('zendesk', ACCOUNT), connected: true, at: new Date(w.clock.now() - 3_600_000).toISOString() });
    wireBackground(api(), w.service);
    w.clock.advance(500);
    await ask(w, { type: 'pageContext', context: page('zendesk', ACCOUNT) }, tab(3));
    await fakeBrowser.runtime.onStartup.trigger();
    await w.service.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await w.db.pages.toCollection().primaryKeys()).toEqual([3]);
  });
});
