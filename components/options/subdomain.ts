/**
 * What an admin pastes to name a Zendesk account: "acme", "acme.zendesk.com", or any URL of it
 * ("https://acme.zendesk.com/agent/tickets/1"). Portier connects by subdomain, so everything is
 * reduced to "acme". A host-mapped domain (support.acme.com) cannot be reduced: the API lives on
 * the zendesk.com name only, so the admin is told to use that one.
 */
export type SubdomainProblem = 'empty' | 'custom_domain' | 'invalid';
export type SubdomainResult = { ok: true; subdomain: string } | { ok: false; problem: SubdomainProblem };

/** One DNS label: no leading or trailing dash (stricter than the message schema, never looser). */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function zendeskSubdomain(input: string): SubdomainResult {
  let host = input.trim().toLowerCase();
  if (host === '') return { ok: false, problem: 'empty' };
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname;
    } catch {
      return { ok: false, problem: 'invalid' };
    }
  } else {
    // "acme.zendesk.com/hc/en-us" or "acme.zendesk.com:443": keep the host only.
    host = host.split(/[/?#]/)[0]!.replace(/:\d*$/, '');
  }
  host = host.replace(/\.$/, '');
  if (host.endsWith('.zendesk.com')) host = host.slice(0, -'.zendesk.com'.length);
  else if (host.includes('.')) return { ok: false, problem: 'custom_domain' };
  return LABEL.test(host) ? { ok: true, subdomain: host } : { ok: false, problem: 'invalid' };
}
