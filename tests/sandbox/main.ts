/**
 * `npm run sandbox`: the sandbox alone on loopback (PORT, default 8787; HOST, default 127.0.0.1).
 * Prints the vendor URLs and the seeded credentials, and stops cleanly on SIGINT and SIGTERM.
 */
import { describeAccounts } from './accounts';
import { startSandbox } from './server';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';

const sandbox = await startSandbox({ port, host });
const accounts = describeAccounts(sandbox.state);

const lines = [
  `Portier sandbox helpdesk listening on ${sandbox.url}`,
  '',
  'Vendor hosts (Chromium resolves *.localhost to loopback; from Node use tests/sandbox/fetch.ts):',
  ...accounts.hosts.zendesk.map((url) => `  Zendesk Support   ${url}`),
  `  Zoho Desk         ${accounts.hosts.zoho_desk}`,
  `  Zoho CRM          ${accounts.hosts.zoho_crm.join('  ')}`,
  `  Zoho Connect      ${accounts.hosts.zoho_connect}`,
  `  Zoho Accounts     ${accounts.hosts.zoho_accounts}`,
  `  Control API       ${accounts.hosts.control}`,
  '',
  'Agent pages (every seeded user signs in with the password "sandbox"):',
  `  Zendesk Support   ${sandbox.vendorUrl('acme.zendesk.localhost')}/agent/user_filters`,
  `  Zoho Desk         ${sandbox.vendorUrl('desk.zoho.localhost')}/agent/acme/support/contacts/list/all-contacts`,
  `  Zoho CRM          ${sandbox.vendorUrl('crm.zoho.localhost')}/crm/org800000001/tab/Contacts`,
  `  Zoho Connect      ${sandbox.vendorUrl('connect.zoho.localhost')}/portal/acmecommunity/members`,
  '',
  'Zendesk credentials:',
  ...accounts.zendesk.flatMap((z) => [
    `  ${z.subdomain} (${z.plan}, ${z.rateLimitPerMinute}/min, bulk import ${z.bulkImportEnabled ? 'on' : 'off'})`,
    ...(z.apiToken ? [`    API token   ${z.apiToken.email}/token:${z.apiToken.token}`] : []),
    ...(z.oauth ? [`    OAuth       client ${z.oauth.clientId} / ${z.oauth.clientSecret}; access ${z.oauth.accessToken}; refresh ${z.oauth.refreshToken}`] : []),
    ...(z.oauth ? [`    OAuth       public client ${z.oauth.publicClientId} (PKCE S256, no secret): what the extension uses`] : []),
    ...z.sessions.map((s) => `    Session     ${s.user} (${s.role}): Cookie ${s.cookie}; X-CSRF-Token ${s.csrfToken}`),
  ]),
  '',
  'Zoho credentials (Authorization: Zoho-oauthtoken <access token>):',
  ...accounts.zoho.accounts.clients.map((c) =>
    c.kind === 'public'
      ? `  OAuth client ${c.clientId} (mobile-based: PKCE S256, no secret; what the extension uses)`
      : `  OAuth client ${c.clientId} / ${c.clientSecret} (${c.tokenFormat} token format)`),
  ...accounts.zoho.users.map((u) => `  ${u.email} (zuid ${u.zuid}): access ${u.accessToken}; refresh ${u.refreshToken}`),
  `  Desk orgId ${accounts.zoho_desk.map((d) => d.orgId).join(', ')} (header or query); CRM portal ${accounts.zoho_crm.portals.join(', ')}`,
  '',
  'Press Ctrl+C to stop.',
];
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the sandbox…`);
  await sandbox.close();
  console.log('Sandbox stopped.');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
