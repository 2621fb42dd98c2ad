/**
 * OAuth clients, people with Zoho accounts, and the grants issued at seed time so that a test can
 * call an API at once. Seeded access tokens expire an hour of sandbox time after the seed, like
 * any other; refresh tokens do not (Zoho: "A refresh token does not expire").
 */
import { HOUR } from '../clock';
import type { OAuthClient, OAuthGrant, ZohoSession, ZohoUser } from '../model';
import { ZENDESK, ZOHO } from './ids';

/** Redirect URIs a browser extension can use: chromiumapp.org (Chrome), allizom.org (Firefox), loopback. */
const EXTENSION_REDIRECTS = ['https://*.chromiumapp.org/*', 'https://*.extensions.allizom.org/*', 'http://127.0.0.1:*/*', 'http://localhost:*/*'];

export const ZENDESK_CLIENTS: OAuthClient[] = [
  { clientId: ZENDESK.client.id, clientSecret: ZENDESK.client.secret, name: 'Portier (sandbox)', redirectUris: EXTENSION_REDIRECTS },
  { clientId: ZENDESK.publicClient.id, kind: 'public', name: 'Portier (sandbox, public)', redirectUris: EXTENSION_REDIRECTS },
];

export const ZOHO_CLIENTS: OAuthClient[] = [
  { clientId: ZOHO.client.id, clientSecret: ZOHO.client.secret, name: 'Portier (sandbox)', redirectUris: EXTENSION_REDIRECTS, tokenFormat: 'current' },
  { clientId: ZOHO.legacyClient.id, clientSecret: ZOHO.legacyClient.secret, name: 'Portier (legacy token format)', redirectUris: EXTENSION_REDIRECTS, tokenFormat: 'legacy' },
  // Zoho's mobile-based clients take http(s) redirect URIs only: the extension redirects are https.
  { clientId: ZOHO.publicClient.id, kind: 'public', name: 'Portier (sandbox, mobile-based)', redirectUris: EXTENSION_REDIRECTS.filter((u) => /^https?:/.test(u)), tokenFormat: 'current' },
];

export const ZOHO_USERS: ZohoUser[] = [ZOHO.users.admin, ZOHO.users.agent];

/** Ava and Ben already signed in to the Zoho web apps, as Zendesk's seeded agent sessions are. */
export const ZOHO_SESSIONS: ZohoSession[] = [
  { id: ZOHO.sessions.admin.cookie, zuid: ZOHO.users.admin.zuid, csrfToken: ZOHO.sessions.admin.csrf },
  { id: ZOHO.sessions.agent.cookie, zuid: ZOHO.users.agent.zuid, csrfToken: ZOHO.sessions.agent.csrf },
];

/** Every scope Portier asks Zoho for (NOTES.md §2.5, §3.4, §4). */
export const ZOHO_SCOPES = [
  'Desk.contacts.READ',
  'Desk.contacts.UPDATE',
  'Desk.contacts.CREATE',
  'Desk.basic.READ',
  'Desk.settings.READ',
  'Desk.search.READ',
  'Desk.tickets.READ',
  'ZohoCRM.settings.clientportal.ALL',
  'ZohoCRM.modules.ALL',
  'zohopulse.networklist.READ',
  'zohopulse.networkAdmin.CREATE',
];

export const ZENDESK_SCOPES = ['read', 'write'];

export function seedGrants(now: number): OAuthGrant[] {
  const access = (value: string, realm: string, clientId: string, subject: string, scopes: string[]): OAuthGrant => ({
    value, kind: 'access', realm, clientId, subject, scopes, expiresAt: now + HOUR, revoked: false,
  });
  const refresh = (value: string, realm: string, clientId: string, subject: string, scopes: string[]): OAuthGrant => ({
    value, kind: 'refresh', realm, clientId, subject, scopes, expiresAt: null, revoked: false,
  });
  const z = ZOHO.tokens;
  return [
    access(ZENDESK.acme.oauth.access, 'zendesk:acme', ZENDESK.client.id, String(ZENDESK.acme.users.admin), ZENDESK_SCOPES),
    refresh(ZENDESK.acme.oauth.refresh, 'zendesk:acme', ZENDESK.client.id, String(ZENDESK.acme.users.admin), ZENDESK_SCOPES),
    access(ZENDESK.globex.oauth.access, 'zendesk:globex', ZENDESK.client.id, String(ZENDESK.globex.users.admin), ZENDESK_SCOPES),
    refresh(ZENDESK.globex.oauth.refresh, 'zendesk:globex', ZENDESK.client.id, String(ZENDESK.globex.users.admin), ZENDESK_SCOPES),
    access(z.adminAccess, 'zoho', ZOHO.client.id, ZOHO.users.admin.zuid, ZOHO_SCOPES),
    refresh(z.adminRefresh, 'zoho', ZOHO.client.id, ZOHO.users.admin.zuid, ZOHO_SCOPES),
    access(z.agentAccess, 'zoho', ZOHO.client.id, ZOHO.users.agent.zuid, ZOHO_SCOPES),
    refresh(z.agentRefresh, 'zoho', ZOHO.client.id, ZOHO.users.agent.zuid, ZOHO_SCOPES),
    access(z.readOnlyAccess, 'zoho', ZOHO.client.id, ZOHO.users.admin.zuid, ['Desk.contacts.READ']),
  ];
}
