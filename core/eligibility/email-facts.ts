import {
  hasOnlyCrmPortalCharacters,
  isDisposableDomain,
  isReservedDomain,
  normalizeCompanyDomains,
  parseEmail,
  type ParsedEmail,
} from '../email';

/** What the rules need to know about one address, whatever the destination. */
export interface EmailFacts {
  raw: string;
  /** Which filling of the memory these facts belong to; `person` marks are comparable only within one. */
  generation: number;
  parsed: ParsedEmail;
  crmCharactersOk: boolean;
  reserved: boolean;
  disposable: boolean;
  /**
   * The facts of the first address seen with the same normalised form (`Ann@X.com` and
   * `ann@x.com` share one), or undefined for a blank address. planBulk marks it to find duplicates
   * without hashing every address again.
   */
  person: { lastPlan: number } | undefined;
}

/**
 * One address is checked against several destinations, and a panel re-evaluates on every change,
 * so the facts are remembered by the raw string. They depend on nothing else, which keeps
 * evaluate() pure. The memory is emptied between calls, never during one (see forgetIfFull), so a
 * plan's duplicate marks stay valid from its first contact to its last.
 */
const MAX_REMEMBERED = 200_000;
const byRaw = new Map<string, EmailFacts>();
const byPerson = new Map<string, { lastPlan: number }>();

let generation = 0;

export function forgetIfFull(): void {
  if (byRaw.size < MAX_REMEMBERED) return;
  generation += 1;
  byRaw.clear();
  byPerson.clear();
}

function personOf(parsed: ParsedEmail): { lastPlan: number } | undefined {
  const key = parsed.ok ? parsed.key : parsed.trimmed.toLowerCase();
  if (key === '') return undefined;
  let person = byPerson.get(key);
  if (!person) byPerson.set(key, (person = { lastPlan: 0 }));
  return person;
}

export function emailFacts(raw: string): EmailFacts {
  let facts = byRaw.get(raw);
  if (facts) return facts;
  const parsed = parseEmail(raw);
  facts = {
    raw,
    generation,
    parsed,
    crmCharactersOk: hasOnlyCrmPortalCharacters(parsed.trimmed),
    // Domain checks run only on well-formed addresses (RULES.md).
    reserved: parsed.ok && isReservedDomain(parsed.asciiDomain),
    disposable: parsed.ok && isDisposableDomain(parsed.asciiDomain),
    person: personOf(parsed),
  };
  byRaw.set(raw, facts);
  return facts;
}

/**
 * A selection is usually planned against every destination in turn, so the facts of one contacts
 * array are kept beside it (weakly: they go when the array goes) and read by position, which spares
 * a hash lookup per contact per destination. Each entry is checked against the contact's current
 * email, so a changed array never yields stale facts.
 */
const bySelection = new WeakMap<readonly { email?: string | undefined }[], (EmailFacts | undefined)[]>();

export function selectionFacts(contacts: readonly { email?: string | undefined }[]): (EmailFacts | undefined)[] {
  let facts = bySelection.get(contacts);
  if (!facts || facts.length !== contacts.length) {
    facts = new Array<EmailFacts | undefined>(contacts.length);
    bySelection.set(contacts, facts);
  }
  for (let i = 0; i < contacts.length; i++) {
    const email = contacts[i]!.email;
    const known = facts[i];
    if (known !== undefined && known.raw === email && known.generation === generation) continue;
    facts[i] = typeof email === 'string' ? emailFacts(email) : undefined;
  }
  return facts;
}

/**
 * The target's company domains in punycode. Remembered by content, not by array, so that a list
 * edited in place is never answered from its old entries.
 */
const companyDomainsCache = new Map<string, string[]>();

export function companyDomainsOf(domains: readonly string[] | undefined): string[] {
  if (!domains || domains.length === 0) return [];
  const key = domains.join('\n');
  let normalized = companyDomainsCache.get(key);
  if (!normalized) {
    if (companyDomainsCache.size >= 1_000) companyDomainsCache.clear();
    normalized = normalizeCompanyDomains(domains);
    companyDomainsCache.set(key, normalized);
  }
  return normalized;
}
