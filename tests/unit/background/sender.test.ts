import { describe, expect, it } from 'vitest';
import { senderOf, type RuntimeSender } from '../../../core/background/wiring';

/**
 * Who a runtime message comes from (issue #10): Portier's own pages are the panel, a tab's content
 * script reports its page, and anyone else is nobody, whom the service refuses (FORBIDDEN_SENDER).
 */
const ID = 'portier-id';
const ORIGIN = `chrome-extension://${ID}/`;
const who = (sender: RuntimeSender) => senderOf(sender, ID, ORIGIN);

describe('senderOf', () => {
  it.each([
    ['the side panel', { id: ID, url: `${ORIGIN}sidepanel.html` }],
    ['the options page in a tab', { id: ID, url: `${ORIGIN}options.html`, tab: { id: 4 }, frameId: 0 }],
    ['the Firefox sidebar', { id: ID, url: `${ORIGIN}sidepanel.html` }],
  ])('takes %s for the panel', (_what, sender) => {
    expect(who(sender)).toEqual({ kind: 'panel' });
  });

  it.each([
    ['a vendor page', { id: ID, url: 'https://acme.zendesk.com/agent/users/1', tab: { id: 3 }, frameId: 0 }, 3],
    ['a sandbox page', { id: ID, url: 'http://crm.zoho.localhost:8787/crm/org1/tab/Contacts', tab: { id: 9 } }, 9],
    // Whatever its path says, a web page is no panel.
    ['a page that names the extension in its path', { id: ID, url: `https://evil.example/${ORIGIN}`, tab: { id: 5 } }, 5],
  ])('takes the content script of %s for its tab', (_what, sender, tabId) => {
    expect(who(sender)).toEqual({ kind: 'content', tabId });
  });

  it.each([
    ['another extension', { id: 'other-extension', url: `${ORIGIN}sidepanel.html` }],
    ['a sender with neither a page nor a tab', { id: ID }],
    ['a sender with a tab but no address', { id: ID, tab: { id: 1 } }],
    ['a sender with an address but no tab, outside the extension', { id: ID, url: 'https://acme.zendesk.com/agent/users/1' }],
    ['a tab whose id the runtime does not give', { id: ID, url: 'https://acme.zendesk.com/agent', tab: {} }],
    ['a frame inside a page', { id: ID, url: 'https://acme.zendesk.com/agent/users/1', tab: { id: 3 }, frameId: 7 }],
    ['a page of another extension shown in a tab', { id: ID, url: 'chrome-extension://other/page.html', tab: { id: 5 } }],
    ['a file', { id: ID, url: 'file:///agent/users/1', tab: { id: 5 } }],
  ])('refuses %s', (_what, sender) => {
    expect(who(sender)).toBeUndefined();
  });
});
