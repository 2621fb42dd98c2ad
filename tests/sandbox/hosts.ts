/**
 * Which vendor a request is for. The real products live on different hosts; the sandbox serves all of
 * them from one loopback server and tells them apart by host name, as Chromium sends them
 * (`*.localhost` resolves to loopback there). Node cannot do the same: its resolver does not know
 * `*.localhost` and undici's fetch ignores a `Host` header. A caller in Node therefore connects to
 * 127.0.0.1 and names the host in `X-Sandbox-Host` (see fetch.ts, which does it for you).
 */
export const SANDBOX_HOST_HEADER = 'x-sandbox-host';

export const ZENDESK_SUFFIX = '.zendesk.localhost';

/** Zoho hosts: the agent apps, the CRM API host (also reachable on crm.zoho.localhost) and accounts. */
export const ZOHO_HOSTS = {
  desk: 'desk.zoho.localhost',
  crm: 'crm.zoho.localhost',
  crmApi: 'www.zohoapis.localhost',
  connect: 'connect.zoho.localhost',
  accounts: 'accounts.zoho.localhost',
} as const;

export type Site =
  | { kind: 'zendesk'; host: string; subdomain: string }
  | { kind: 'zoho_desk' | 'zoho_crm' | 'zoho_connect' | 'zoho_accounts'; host: string }
  /** 127.0.0.1 / localhost without a vendor host: only the control API and the index answer. */
  | { kind: 'sandbox'; host: string }
  | { kind: 'unknown'; host: string };

export type SiteKind = Site['kind'];

function hostname(value: string): string {
  const trimmed = value.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.replace(/:\d+$/, '').replace(/\.$/, '');
}

export function resolveSite(hostHeader: string | undefined, sandboxHost: string | undefined): Site {
  const host = hostname(sandboxHost || hostHeader || '');
  if (host.endsWith(ZENDESK_SUFFIX)) {
    const subdomain = host.slice(0, -ZENDESK_SUFFIX.length);
    if (/^[a-z0-9][a-z0-9-]*$/.test(subdomain)) return { kind: 'zendesk', host, subdomain };
  }
  switch (host) {
    case ZOHO_HOSTS.desk:
      return { kind: 'zoho_desk', host };
    case ZOHO_HOSTS.crm:
    case ZOHO_HOSTS.crmApi:
      return { kind: 'zoho_crm', host };
    case ZOHO_HOSTS.connect:
      return { kind: 'zoho_connect', host };
    case ZOHO_HOSTS.accounts:
      return { kind: 'zoho_accounts', host };
    case '127.0.0.1':
    case 'localhost':
    case '[::1]':
    case '':
      return { kind: 'sandbox', host };
    default:
      return { kind: 'unknown', host };
  }
}

export function zendeskHost(subdomain: string): string {
  return `${subdomain}${ZENDESK_SUFFIX}`;
}

/** `http://<host>:<port>`: the origin a browser (or sandboxFetch) uses for a vendor host. */
export function originOf(host: string, port: number): string {
  return `http://${host}:${port}`;
}
