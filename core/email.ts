import punycode from 'punycode/punycode.js';
import { parse as parseHostname } from 'tldts';
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';

/**
 * Email addresses as the eligibility rules see them (RULES.md, "Email normalization and form").
 * Nothing here "fixes" an address: a space inside, two `@` or a trailing dot make it malformed.
 * Every function is total: any string in, an answer out, never an exception.
 */

export type EmailProblem =
  | 'missing'
  | 'no_at_sign'
  | 'several_at_signs'
  | 'local_part'
  | 'domain'
  | 'single_label_domain'
  | 'numeric_tld'
  | 'too_long';

export type ParsedEmail =
  | {
      ok: true;
      /** As stored, trimmed: what the CRM character check reads. */
      trimmed: string;
      /** Local part with its case kept, for display. */
      local: string;
      /** Domain lower-cased, in Unicode if it was given in Unicode. */
      domain: string;
      /** Domain in punycode: what every domain check compares. */
      asciiDomain: string;
      /** `local@domain` with the local part's case kept: the form to show and to send. */
      display: string;
      /** Lower-cased local part and punycode domain: two addresses are the same person when equal. */
      key: string;
    }
  | { ok: false; trimmed: string; problem: EmailProblem };

// RFC 5322 atext, plus any Unicode letter, mark or digit (RFC 6531 local parts).
const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\p{L}\p{M}\p{N}]+$/u;
const HOSTNAME_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ALL_DIGITS = /^[0-9]+$/;
const NON_ASCII = /[^\x00-\x7f]/;
// RFC 5321: 64 octets of local part, 254 for the whole path; UTF-8 counts bytes, not characters.
const MAX_LOCAL_OCTETS = 64;
const MAX_ADDRESS_OCTETS = 254;
const MAX_DOMAIN_OCTETS = 253;

/** UTF-8 length without encoding: this runs for every address of a 100,000-contact plan. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
    } else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 4 bytes for its 2 units
      i++;
    } else {
      bytes += 2; // 3 bytes; a lone surrogate is sent as U+FFFD, also 3
    }
  }
  return bytes;
}

function isDotAtom(local: string): boolean {
  // split() keeps empty pieces, so a leading, trailing or doubled dot shows as an empty atom.
  return local.split('.').every((atom) => ATOM.test(atom));
}

// An internationalised label may hold letters, marks and digits of any script, and hyphens;
// punycode would happily encode a no-break space or an emoji into a valid-looking `xn--` label.
const IDN_DOMAIN = /^[\p{L}\p{M}\p{N}.-]+$/u;

function toAsciiDomain(domain: string): string | undefined {
  if (!NON_ASCII.test(domain)) return domain;
  if (!IDN_DOMAIN.test(domain)) return undefined;
  try {
    return punycode.toASCII(domain.normalize('NFC'));
  } catch {
    return undefined; // punycode overflow on absurd input: malformed, not a crash
  }
}

export function parseEmail(input: string | null | undefined): ParsedEmail {
  const trimmed = (input ?? '').trim();
  if (trimmed === '') return { ok: false, trimmed, problem: 'missing' };
  const at = trimmed.indexOf('@');
  if (at < 0) return { ok: false, trimmed, problem: 'no_at_sign' };
  if (trimmed.indexOf('@', at + 1) >= 0) return { ok: false, trimmed, problem: 'several_at_signs' };

  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (!isDotAtom(local)) return { ok: false, trimmed, problem: 'local_part' };
  if (utf8Length(local) > MAX_LOCAL_OCTETS) return { ok: false, trimmed, problem: 'too_long' };

  const asciiDomain = toAsciiDomain(domain);
  if (asciiDomain === undefined) return { ok: false, trimmed, problem: 'domain' };
  const labels = asciiDomain.split('.');
  if (!labels.every((label) => HOSTNAME_LABEL.test(label))) return { ok: false, trimmed, problem: 'domain' };
  if (labels.length < 2) return { ok: false, trimmed, problem: 'single_label_domain' };
  if (ALL_DIGITS.test(labels[labels.length - 1] ?? '')) return { ok: false, trimmed, problem: 'numeric_tld' };
  if (asciiDomain.length > MAX_DOMAIN_OCTETS) return { ok: false, trimmed, problem: 'too_long' };

  const display = `${local}@${domain}`;
  if (utf8Length(display) > MAX_ADDRESS_OCTETS) return { ok: false, trimmed, problem: 'too_long' };
  return { ok: true, trimmed, local, domain, asciiDomain, display, key: `${local.toLowerCase()}@${asciiDomain}` };
}

/**
 * The display form: trimmed, domain lower-cased, local part as given. Malformed input is only
 * trimmed. Applying it twice gives the same as once.
 */
export function normalizeEmail(input: string | null | undefined): string {
  const parsed = parseEmail(input);
  return parsed.ok ? parsed.display : parsed.trimmed;
}

/** The comparison key of a well-formed address, `undefined` for anything else. */
export function emailKey(input: string | null | undefined): string | undefined {
  const parsed = parseEmail(input);
  return parsed.ok ? parsed.key : undefined;
}

/** Zoho CRM portals refuse anything outside this set (failure reason 5), checked on the address as stored. */
const CRM_PORTAL_CHARACTERS = /^[A-Za-z0-9@.\-_+]*$/;

export function hasOnlyCrmPortalCharacters(trimmed: string): boolean {
  return CRM_PORTAL_CHARACTERS.test(trimmed);
}

/** RFC 2606 and RFC 6761: names that can never receive mail. */
const RESERVED_TLDS = new Set(['test', 'example', 'invalid', 'localhost']);
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];

// A TLD is in the public suffix list's ICANN section or not; there are ~1,500, so remember each answer.
const tldIsIcann = new Map<string, boolean>();
function isIcannTld(tld: string): boolean {
  let known = tldIsIcann.get(tld);
  if (known === undefined) {
    known = parseHostname(`portier.${tld}`, { allowPrivateDomains: false }).isIcann === true;
    tldIsIcann.set(tld, known);
  }
  return known;
}

/** `a.b.c` → `a.b.c`, `b.c`, `c`: the domain and each parent, most specific first. */
function domainAndParents(asciiDomain: string): string[] {
  const out: string[] = [];
  let rest = asciiDomain;
  for (;;) {
    out.push(rest);
    const dot = rest.indexOf('.');
    if (dot < 0) return out;
    rest = rest.slice(dot + 1);
  }
}

/** Where mail to this (punycode) domain cannot be delivered: reserved names or a TLD nobody runs. */
export function isReservedDomain(asciiDomain: string): boolean {
  const tld = asciiDomain.slice(asciiDomain.lastIndexOf('.') + 1);
  if (RESERVED_TLDS.has(tld)) return true;
  if (RESERVED_DOMAINS.some((d) => isSameOrSubdomain(asciiDomain, d))) return true;
  return !isIcannTld(tld);
}

let disposable: Set<string> | undefined;
/** A known disposable or anonymous mail service, on the domain or any parent (`x.mailinator.com`). */
export function isDisposableDomain(asciiDomain: string): boolean {
  disposable ??= disposableEmailBlocklistSet();
  const list = disposable;
  return domainAndParents(asciiDomain).some((d) => list.has(d));
}

export function isSameOrSubdomain(asciiDomain: string, parent: string): boolean {
  return asciiDomain === parent || asciiDomain.endsWith(`.${parent}`);
}

/**
 * Company domains as an admin types them (`@Acme.com`, ` acme.fr `, `bücher.de`) in the punycode
 * form that parsed addresses use. Entries that are not domains are dropped.
 */
export function normalizeCompanyDomains(domains: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of domains) {
    const cleaned = raw.trim().toLowerCase().replace(/^@/, '').replace(/^\.+/, '');
    const parsed = cleaned === '' ? undefined : parseEmail(`x@${cleaned}`);
    if (parsed?.ok) out.push(parsed.asciiDomain);
  }
  return out;
}

export function isCompanyDomain(asciiDomain: string, companyDomains: readonly string[]): boolean {
  return companyDomains.some((d) => isSameOrSubdomain(asciiDomain, d));
}
