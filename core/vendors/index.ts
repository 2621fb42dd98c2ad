import type { Localized } from '../i18n';
import type { Credentials, TokenStore } from '../credentials';
import type { Account, Vendor } from '../model';
import type { RevokeAnswer } from './oauth';
import type { AccountEndpoint, AuthSession, Connector, ConnectorOptions } from './types';
import { ZendeskConnector } from './zendesk/api';
import { revokeZendeskToken, zendeskApiTokenAuth, zendeskOAuthSession, ZendeskSessionAuth, type ZendeskOAuthClient } from './zendesk/auth';
import { revokeZohoToken, zohoAccountsServer, zohoOAuthSession, type ZohoClient } from './zoho/auth';
import { ZohoConnectConnector } from './zoho-connect/api';
import { trustedCrmApiDomain, zohoCrmApiBase, ZohoCrmConnector } from './zoho-crm/api';
import { zohoDeskApiBase, ZohoDeskConnector } from './zoho-desk/api';

/**
 * The registry: one entry per vendor, mapping a connected Account and its credentials to a
 * Connector and its AuthSession. Adding a vendor is one folder under core/vendors/ and one line here.
 * Only the background calls this: it alone holds the credentials.
 */

export interface OAuthClients {
  zendesk?: ZendeskOAuthClient;
  zoho?: ZohoClient;
}

export interface VendorDeps {
  account: Account;
  credentials: Credentials;
  /** The account's OAuth tokens, refreshed in place (core/credentials). */
  tokens: TokenStore;
  clients: OAuthClients;
  fetch?: typeof fetch;
}

/**
 * What disconnecting did at the vendor: `revoked` or `already_invalid` (the token no longer works),
 * `nothing_stored` (the agent's own session: Portier held no secret), `kept_at_vendor` (an API
 * token an admin created: Portier forgets it, but it works until an admin deletes it).
 */
export type Revocation = RevokeAnswer | 'nothing_stored' | 'kept_at_vendor';

export interface VendorEntry {
  /** Which OAuth client and authorize page the account uses. */
  family: 'zendesk' | 'zoho';
  /** Scopes asked for when connecting with OAuth. */
  scopes: readonly string[];
  endpoint(account: Account, credentials: Credentials): AccountEndpoint;
  auth(deps: VendorDeps): AuthSession;
  /** Ends the credentials at the vendor where it has an API for it; throws when it could not. */
  revoke(deps: VendorDeps): Promise<Revocation>;
  connector(options: ConnectorOptions, account: Account): Connector;
}

/** What an account lacks to be used, in every language the pages speak (`message`: the English). */
export class CredentialsError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
  }
}

/** The one account setting Portier may find missing: the Zoho data center. */
function needDataCenter(account: Account): string {
  if (!account.dataCenter) {
    throw new CredentialsError({ en: 'The Zoho data center is missing: connect the account again', fr: 'Le centre de données Zoho manque : connectez de nouveau le compte' });
  }
  return account.dataCenter;
}

function client<T>(value: T | undefined, vendor: string): T {
  if (value === undefined) {
    throw new CredentialsError({
      en: `This build of Portier has no ${vendor} OAuth client: use a build that has one, then reconnect the account`,
      fr: `Cette version de Portier n'a pas de client OAuth ${vendor} : utilisez une version qui en a un, puis reconnectez le compte`,
    });
  }
  return value;
}

function zendeskAuth({ account, credentials, tokens, clients, fetch }: VendorDeps): AuthSession {
  const apiBase = zendesk.endpoint(account, credentials).apiBase;
  switch (credentials.kind) {
    case 'session':
      return new ZendeskSessionAuth({ apiBase, ...(fetch ? { fetch } : {}) });
    case 'api_token':
      return zendeskApiTokenAuth(credentials.email, credentials.token);
    case 'oauth':
      return zendeskOAuthSession({ apiBase, client: client(clients.zendesk, 'Zendesk'), store: tokens, ...(fetch ? { fetch } : {}) });
  }
}

function zendeskRevoke({ account, credentials, tokens, clients, fetch }: VendorDeps): Promise<Revocation> {
  if (credentials.kind === 'session') return Promise.resolve('nothing_stored');
  if (credentials.kind === 'api_token') return Promise.resolve('kept_at_vendor');
  const apiBase = zendesk.endpoint(account, credentials).apiBase;
  return revokeZendeskToken({ apiBase, store: tokens, client: clients.zendesk, ...(fetch ? { fetch } : {}) });
}

function zohoRevoke(vendor: Extract<Vendor, 'zoho_desk' | 'zoho_crm' | 'zoho_connect'>) {
  return async ({ account, credentials, fetch }: VendorDeps): Promise<Revocation> => {
    if (credentials.kind !== 'oauth') return 'nothing_stored';
    const accountsServer = credentials.accountsServer ?? zohoAccountsServer(needDataCenter(account));
    return revokeZohoToken({ accountsServer, tokens: credentials.tokens, vendor, ...(fetch ? { fetch } : {}) });
  };
}

function zohoAuth(vendor: Extract<Vendor, 'zoho_desk' | 'zoho_crm' | 'zoho_connect'>) {
  return ({ account, credentials, tokens, clients, fetch }: VendorDeps): AuthSession => {
    if (credentials.kind !== 'oauth') {
      throw new CredentialsError({
        en: `Zoho accounts connect with OAuth only, not ${credentials.kind}: reconnect the account with Zoho sign-in`,
        fr: `Les comptes Zoho se connectent uniquement par OAuth, pas par ${credentials.kind} : reconnectez le compte avec la connexion Zoho`,
      });
    }
    return zohoOAuthSession({
      vendor,
      accountsServer: credentials.accountsServer ?? zohoAccountsServer(needDataCenter(account)),
      client: client(clients.zoho, 'Zoho'),
      store: tokens,
      ...(fetch ? { fetch } : {}),
    });
  };
}

const ZOHO_SCOPES = {
  zoho_desk: ['Desk.contacts.READ', 'Desk.contacts.UPDATE', 'Desk.contacts.CREATE', 'Desk.basic.READ', 'Desk.settings.READ', 'Desk.search.READ', 'Desk.tickets.READ'],
  zoho_crm: ['ZohoCRM.settings.clientportal.ALL', 'ZohoCRM.modules.ALL'],
  zoho_connect: ['zohopulse.networklist.READ', 'zohopulse.networkAdmin.CREATE'],
} as const;

function zohoEndpoint(vendor: Vendor, account: Account, apiBase: string): AccountEndpoint {
  const orgId = account.orgId ?? account.id.split(':').at(-1);
  return { vendor, accountId: account.id, apiBase, ...(orgId ? { orgId } : {}) };
}

const dc = (account: Account) => needDataCenter(account);

const zendesk: VendorEntry = {
  family: 'zendesk',
  scopes: ['read', 'write'],
  endpoint: (account) => ({ vendor: 'zendesk', accountId: account.id, apiBase: `https://${account.subdomain ?? account.id}.zendesk.com` }),
  auth: zendeskAuth,
  revoke: zendeskRevoke,
  // Bulk import learned to be off (core/background/lessons.ts): no create_many tried in vain.
  connector: (options, account) => new ZendeskConnector({ ...options, bulkImportOff: Boolean(account.learned?.bulkImportOff) }),
};

export const VENDORS: Record<Vendor, VendorEntry> = {
  zendesk,
  zoho_desk: {
    family: 'zoho',
    scopes: ZOHO_SCOPES.zoho_desk,
    endpoint: (account) => zohoEndpoint('zoho_desk', account, zohoDeskApiBase(dc(account))),
    auth: zohoAuth('zoho_desk'),
    revoke: zohoRevoke('zoho_desk'),
    connector: (options) => new ZohoDeskConnector(options),
  },
  zoho_crm: {
    family: 'zoho',
    scopes: ZOHO_SCOPES.zoho_crm,
    // The token answer's api_domain is where this account's CRM lives; the data center's default otherwise.
    endpoint: (account, credentials) =>
      zohoEndpoint('zoho_crm', account, (credentials.kind === 'oauth' && trustedCrmApiDomain(credentials.tokens.apiDomain)) || zohoCrmApiBase(dc(account))),
    auth: zohoAuth('zoho_crm'),
    revoke: zohoRevoke('zoho_crm'),
    connector: (options, account) => new ZohoCrmConnector({
      ...options,
      crm: { companyDomains: account.companyDomains, ...(account.portalSeatLimit !== undefined ? { portalSeatLimit: account.portalSeatLimit } : {}) },
    }),
  },
  zoho_connect: {
    family: 'zoho',
    scopes: ZOHO_SCOPES.zoho_connect,
    endpoint: (account) =>
      zohoEndpoint('zoho_connect', account, dc(account) === 'ca' ? 'https://connect.zohocloud.ca' : `https://connect.zoho.${dc(account)}`),
    auth: zohoAuth('zoho_connect'),
    revoke: zohoRevoke('zoho_connect'),
    connector: (options, account) => new ZohoConnectConnector({ ...options, companyDomains: account.companyDomains }),
  },
};
