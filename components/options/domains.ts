/**
 * The lists typed on the options page, read the way the background will store them. Each entry is
 * checked here so the admin sees which one is wrong next to the field; the background checks again.
 */

export interface ParsedList {
  /** Normalised, without duplicates, in the order typed. */
  values: string[];
  /** Entries as typed that are not accepted. */
  invalid: string[];
}

/** One per line, or separated by commas, semicolons or spaces. */
function entries(text: string): string[] {
  return text.split(/[\s,;]+/).filter((entry) => entry !== '');
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * "@Acme.com", "https://acme.fr/", "*.acme.de", "bücher.de" → "acme.com", "acme.fr", "acme.de",
 * "xn--bcher-kva.de": the punycode form, which is what parsed email addresses are compared with.
 */
export function companyDomain(entry: string): string | undefined {
  let text = entry.trim().toLowerCase().replace(/^@/, '').replace(/^\*\./, '');
  if (!text.includes('://')) text = `http://${text}`;
  let host: string;
  try {
    const url = new URL(text);
    // "user@acme.com" parses as credentials: an address is not a domain, say so rather than guess.
    if (url.username || url.password || url.port) return undefined;
    host = url.hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  if (host.length > 253 || labels.length < 2) return undefined;
  if (!labels.every((label) => LABEL.test(label))) return undefined;
  // A numeric last label is an IP address, which mail is never addressed to in a company list.
  if (/^\d+$/.test(labels.at(-1)!)) return undefined;
  return host;
}

export function parseCompanyDomains(text: string): ParsedList {
  const values: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries(text)) {
    const domain = companyDomain(entry);
    if (domain === undefined) invalid.push(entry);
    else if (!values.includes(domain)) values.push(domain);
  }
  return { values, invalid };
}

const PAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,199}$/i;

/**
 * The portal name of Zoho Desk ("desk.zoho.com/agent/<portal>/…") or Zoho Connect
 * ("connect.zoho.com/portal/<portal>/…") addresses. A pasted address is reduced to that name.
 */
export function pageName(entry: string): string | undefined {
  const inAddress = /\/(?:agent|portal)\/([^/?#]+)/i.exec(entry);
  const name = (inAddress ? inAddress[1]! : entry).trim();
  return PAGE_NAME.test(name) ? name : undefined;
}

export function parsePageNames(text: string): ParsedList {
  const values: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries(text)) {
    const name = pageName(entry);
    if (name === undefined) invalid.push(entry);
    else if (!values.includes(name)) values.push(name);
  }
  return { values, invalid };
}
