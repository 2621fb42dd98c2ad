/**
 * Where the vendors live. The manifest's host permissions and the content script's matches are
 * built from these lists, and a test reads the built manifests back against them, so a data
 * center is added here once and nowhere else.
 */

/** Zoho data centers by the top-level domain of their web apps (NOTES.md §2.6, §3.5). */
export const ZOHO_DATA_CENTER_TLDS = ['com', 'eu', 'in', 'com.au', 'jp', 'com.cn', 'sa'] as const;

/** Canada is served from its own domains rather than a zoho.<tld> one. */
export const ZOHO_CANADA = { web: 'zohocloud.ca', api: 'zohoapis.ca' } as const;

/**
 * The agent apps Portier reads pages of, and the path their agent pages live under: the help
 * centers and customer portals on the same hosts (`desk.zoho.com/portal/…`) are left alone.
 */
export const ZOHO_APPS = ['desk', 'crm', 'connect'] as const;
const AGENT_PATHS: Record<(typeof ZOHO_APPS)[number], string> = { desk: '/agent/*', crm: '/crm/*', connect: '/portal/*' };

/**
 * The Zoho hosts Portier calls, per data center: the Desk and Connect APIs live on their apps'
 * hosts, CRM's on `www.zohoapis.<tld>`, sign-in on `accounts.<domain>`. Not `*.zoho.<tld>`: that
 * would reach every Zoho app, Mail included.
 */
const ZOHO_CALLED_APPS = [...ZOHO_APPS, 'accounts'] as const;

const zohoHosts = (web: string, api: string): string[] => [
  ...ZOHO_CALLED_APPS.map((app) => `https://${app}.${web}/*`),
  `https://www.${api}/*`,
];

/** Origins the background may call: the Zendesk account's host, and Zoho's apps, API and accounts servers. */
export const VENDOR_HOST_PERMISSIONS: readonly string[] = [
  // Zendesk: the subdomain is the account, and the agent says which.
  'https://*.zendesk.com/*',
  ...ZOHO_DATA_CENTER_TLDS.flatMap((tld) => zohoHosts(`zoho.${tld}`, `zohoapis.${tld}`)),
  ...zohoHosts(ZOHO_CANADA.web, ZOHO_CANADA.api),
];

/** Pages the content script runs on: the agent apps only, never the help centers themselves. */
export const CONTENT_SCRIPT_MATCHES: readonly string[] = [
  'https://*.zendesk.com/agent/*',
  ...ZOHO_APPS.flatMap((app) => [
    ...ZOHO_DATA_CENTER_TLDS.map((tld) => `https://${app}.zoho.${tld}${AGENT_PATHS[app]}`),
    `https://${app}.${ZOHO_CANADA.web}${AGENT_PATHS[app]}`,
  ]),
];

/** The sandbox helpdesk serves every vendor on a *.localhost host (tests/sandbox). */
export const SANDBOX_MATCHES: readonly string[] = ['http://*.localhost/*'];

/**
 * Permissions the extension asks for besides hosts. WXT adds `sidePanel` on Chrome by itself.
 * `alarms` wakes the job engine at the next due job; `identity` runs OAuth (launchWebAuthFlow).
 */
export const PERMISSIONS: readonly string[] = ['storage', 'alarms', 'identity'];
