/**
 * The seeded accounts, where they are served and how to authenticate to them: what `npm run sandbox`
 * prints and `GET /__sandbox/accounts` returns. Credentials are the sandbox's own, never real ones.
 */
import { ZOHO_HOSTS, zendeskHost } from './hosts';
import { SANDBOX_HOST_HEADER } from './hosts';
import { CONNECT, CRM, DESK, ZENDESK, ZOHO } from './seed';
import type { SandboxState } from './state';

function basic(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
}

export function describeAccounts(state: SandboxState) {
  const origin = (host: string) => state.origin(host);
  const live = (value: string) => state.data.grants.find((g) => g.value === value);
  const zendesk = Object.values(state.data.zendesk).map((account) => {
    const admin = account.users.find((u) => u.role === 'admin');
    const seeded = account.subdomain === 'acme' ? ZENDESK.acme : account.subdomain === 'globex' ? ZENDESK.globex : undefined;
    return {
      subdomain: account.subdomain,
      url: origin(zendeskHost(account.subdomain)),
      plan: account.plan,
      rateLimitPerMinute: account.rateLimitPerMinute,
      bulkImportEnabled: account.bulkImportEnabled,
      apiToken: admin && account.apiTokens[0]
        ? { email: admin.email, token: account.apiTokens[0], authorization: basic(admin.email ?? '', account.apiTokens[0]) }
        : undefined,
      oauth: seeded ? {
        clientId: ZENDESK.client.id,
        clientSecret: ZENDESK.client.secret,
        /** The client the extension uses: public, PKCE with S256, no secret. */
        publicClientId: ZENDESK.publicClient.id,
        authorizeUrl: `${origin(zendeskHost(account.subdomain))}/oauth/authorizations/new`,
        tokenUrl: `${origin(zendeskHost(account.subdomain))}/oauth/tokens`,
        accessToken: seeded.oauth.access,
        accessTokenExpiresAt: live(seeded.oauth.access)?.expiresAt ?? null,
        refreshToken: seeded.oauth.refresh,
      } : undefined,
      sessions: account.sessions.map((s) => {
        const user = account.users.find((u) => u.id === s.userId);
        return { user: user?.email, role: user?.role, cookie: `_zendesk_session=${s.id}`, csrfToken: s.csrfToken };
      }),
      users: account.users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role })),
    };
  });
  return {
    hosts: {
      zendesk: Object.keys(state.data.zendesk).map((s) => origin(zendeskHost(s))),
      zoho_desk: origin(ZOHO_HOSTS.desk),
      zoho_crm: [origin(ZOHO_HOSTS.crm), origin(ZOHO_HOSTS.crmApi)],
      zoho_connect: origin(ZOHO_HOSTS.connect),
      zoho_accounts: origin(ZOHO_HOSTS.accounts),
      control: `${origin('127.0.0.1')}/__sandbox`,
    },
    node: `From Node, connect to 127.0.0.1:${state.port} and name the vendor host in ${SANDBOX_HOST_HEADER} (tests/sandbox/fetch.ts does it).`,
    zendesk,
    zoho: {
      accounts: {
        authorizeUrl: `${origin(ZOHO_HOSTS.accounts)}/oauth/v2/auth`,
        tokenUrl: `${origin(ZOHO_HOSTS.accounts)}/oauth/v2/token`,
        clients: state.data.zoho.clients.map((c) => ({ clientId: c.clientId, kind: c.kind ?? 'confidential', clientSecret: c.clientSecret, name: c.name, tokenFormat: c.tokenFormat })),
      },
      users: [
        { ...ZOHO.users.admin, accessToken: ZOHO.tokens.adminAccess, refreshToken: ZOHO.tokens.adminRefresh, accessTokenExpiresAt: live(ZOHO.tokens.adminAccess)?.expiresAt ?? null },
        { ...ZOHO.users.agent, accessToken: ZOHO.tokens.agentAccess, refreshToken: ZOHO.tokens.agentRefresh, accessTokenExpiresAt: live(ZOHO.tokens.agentAccess)?.expiresAt ?? null },
      ],
      readOnlyAccessToken: ZOHO.tokens.readOnlyAccess,
      authorization: 'Authorization: Zoho-oauthtoken <accessToken>',
    },
    zoho_desk: Object.values(state.data.desk).map((org) => ({
      orgId: org.orgId, name: org.name, edition: org.edition, creditsPerDay: org.creditsPerDay, concurrency: org.concurrency,
      helpCenters: org.helpCenters.map((h) => ({ id: h.id, name: h.name, status: h.status })),
      contacts: org.contacts.length,
      seededContacts: DESK.contacts,
    })),
    zoho_crm: {
      orgId: state.data.crm.orgId, name: state.data.crm.name, companyDomains: state.data.crm.companyDomains,
      consentRequired: state.data.crm.consentRequired, creditsPerDay: state.data.crm.creditsPerDay,
      portals: state.data.crm.portals.map((p) => p.name),
      userTypes: state.data.crm.userTypes.map((u) => ({ id: u.id, name: u.name, module: u.module, seats: u.seats })),
      records: state.data.crm.records.length,
      seededRecords: CRM.records,
    },
    zoho_connect: {
      networks: state.data.connect.networks.map((n) => ({ scopeID: n.scopeID, name: n.name, type: n.type, memberLicenses: n.memberLicenses })),
      otherOrgIntranet: CONNECT.networks.otherOrgIntranet,
    },
  };
}
