/**
 * Where the vendors live. The manifest's host permissions and the content script's matches are
 * built from these lists, and a test reads the built manifests back against them, so a data
 * center is added here once and nowhere else.
 */

/** Zoho data centers by the top-level domain of their web apps (NOTES.md §2.6, §3.5). */
export const ZOHO_DATA_CENTER_TLDS = ['com', 'eu', 'in', 'com.au', 'jp', 'com.cn', 'sa'] as const;

/** Canada is served from its own domains rather than a zoho.<tld> one. */
export const ZOHO_CANADA = { web: 'zohocloud.ca', api: 'zohoapis.ca' } as const;

/** The agent apps Portier reads pages of. */
export const ZOHO_APPS = ['desk', 'crm', 'connect'] as const;

/** Origins the background may call: agent apps, Zoho's API and accounts servers. */
export const VENDOR_HOST_PERMISSIONS: readonly string[] = [
  'https://*.zendesk.com/*',
  ...ZOHO_DATA_CENTER_TLDS.flatMap((tld) => [`https://*.zoho.${tld}/*`, `https://*.zohoapis.${tld}/*`]),
  `https://*.${ZOHO_CANADA.web}/*`,
  `https://*.${ZOHO_CANADA.api}/*`,
];

/** Pages the content script runs on: the agent apps only, never the help centers themselves. */
export const CONTENT_SCRIPT_MATCHES: readonly string[] = [
  'https://*.zendesk.com/agent/*',
  ...ZOHO_APPS.flatMap((app) => [
    ...ZOHO_DATA_CENTER_TLDS.map((tld) => `https://${app}.zoho.${tld}/*`),
    `https://${app}.${ZOHO_CANADA.web}/*`,
  ]),
];

/** The sandbox helpdesk serves every vendor on a *.localhost host (tests/sandbox). */
export const SANDBOX_MATCHES: readonly string[] = ['http://*.localhost/*'];

/**
 * Permissions the extension asks for besides hosts. WXT adds `sidePanel` on Chrome by itself.
 * `alarms` wakes the job engine at the next due job; `identity` runs OAuth (launchWebAuthFlow).
 */
export const PERMISSIONS: readonly string[] = ['storage', 'alarms', 'identity'];
