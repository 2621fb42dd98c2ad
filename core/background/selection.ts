import { parseEmail } from '../email';
import type { Account, Contact, Target } from '../model';
import { mapLimit } from '../vendors/pool';
import type { Connector } from '../vendors/types';
import { ServiceError } from './errors';

/**
 * Which contacts a request means, as the vendor has them now. The panel sends record ids (from the
 * page) and/or addresses (from a CSV); neither is trusted: ids are read again, addresses looked up.
 */

export interface Selection {
  contactIds?: string[] | undefined;
  emails?: string[] | undefined;
  /** Names given with addresses (the invite form, a CSV's name column), for people made from an address. */
  names?: { email: string; name: string }[] | undefined;
  /** CRM module the ids and addresses belong to. */
  module?: string | undefined;
}

export interface Selected {
  /** One per person asked for, in the order asked (ids first, then addresses). */
  contacts: Contact[];
  /** Ids the vendor does not know, and addresses (as given) that are malformed or nobody has. */
  missing: string[];
}

/** Look-ups by address at once: enough to be quick on a CSV, few enough not to trip a rate limit. */
const LOOKUPS_AT_ONCE = 4;

/** Refused before any vendor call: the protocol lets both lists be absent, the service does not. */
export function requireSelection(selection: Selection): void {
  if ((selection.contactIds?.length ?? 0) === 0 && (selection.emails?.length ?? 0) === 0) {
    throw new ServiceError('BAD_MESSAGE', {
      en: 'Portier was given no contacts to work on: tick contacts on the page or import a CSV with an email column, then try again.',
      fr: "Portier n'a reçu aucun contact à traiter : cochez des contacts sur la page ou importez un CSV avec une colonne d'e-mails, puis réessayez.",
    });
  }
}

export async function selectContacts(connector: Connector, selection: Selection): Promise<Selected> {
  requireSelection(selection);
  const ids = [...new Set(selection.contactIds ?? [])];
  const emails = selection.emails ?? [];
  const byId = ids.length > 0 ? await connector.getContacts(ids, selection.module) : [];
  const known = new Set(byId.map((c) => c.id));
  const missing = ids.filter((id) => !known.has(id));

  // An address counts once however it is written (case of the domain, spaces around it).
  const wanted = new Map<string, string>();
  for (const raw of emails) {
    const parsed = parseEmail(raw);
    if (!parsed.ok) {
      // A malformed address is never sent to a vendor search: it would only come back empty or refused.
      if (!missing.includes(parsed.trimmed)) missing.push(parsed.trimmed);
      continue;
    }
    if (!wanted.has(parsed.key)) wanted.set(parsed.key, parsed.trimmed);
  }
  const names = namesByKey(selection.names);
  const found = await mapLimit([...wanted.entries()], LOOKUPS_AT_ONCE, ([key, address]) => contactForAddress(connector, address, selection.module, names.get(key)));

  const contacts = [...byId];
  const seen = new Set(byId.map((c) => c.key));
  [...wanted.values()].forEach((address, i) => {
    const contact = found[i];
    if (!contact) missing.push(address);
    // The same person selected by id and by address is one item.
    else if (!seen.has(contact.key)) {
      seen.add(contact.key);
      contacts.push(contact);
    }
  });
  return { contacts, missing };
}

/**
 * One record per address. Several records may share it (a CRM lead and its converted contact, old
 * duplicates): the first active one is the person; when none is active the first is kept anyway, so
 * the eligibility core says why (deleted, recycle bin) rather than the panel saying "not found".
 */
async function contactForAddress(connector: Connector, address: string, module: string | undefined, name: string | undefined): Promise<Contact | undefined> {
  const records = await connector.findByEmail(address, module);
  const active = records.find((c) => c.recordState === undefined || c.recordState === 'active');
  if (active ?? records[0]) return active ?? records[0];
  // Nobody has the address: the vendor creates the person, named as the agent typed or imported it.
  const created = connector.contactFromEmail?.(address);
  return created && name && !created.name ? { ...created, name } : created;
}

/** Given names by the address's comparison key; a malformed address names nobody. */
function namesByKey(names: Selection['names']): Map<string, string> {
  const out = new Map<string, string>();
  for (const { email, name } of names ?? []) {
    const parsed = parseEmail(email);
    const trimmed = name.trim();
    if (parsed.ok && trimmed && !out.has(parsed.key)) out.set(parsed.key, trimmed);
  }
  return out;
}

/** The destination by key, as the vendor lists it now, with the account's company domains when it has none. */
export async function targetByKey(account: Account, connector: Connector, key: string, targets?: Target[]): Promise<Target> {
  const found = (targets ?? (await connector.listTargets())).find((t) => t.key === key);
  if (!found) {
    throw new ServiceError('NOT_FOUND', {
      en: `The destination "${key}" is not in ${account.label} any more: reopen the panel to refresh the list.`,
      fr: `La destination « ${key} » n'est plus dans ${account.label} : rouvrez le panneau pour actualiser la liste.`,
    });
  }
  return withCompanyDomains(found, account);
}

/** Company domains are set per account on the options page; a target of its own (a Connect network) keeps its own. */
export function withCompanyDomains(target: Target, account: Account): Target {
  return target.companyDomains || account.companyDomains.length === 0 ? target : { ...target, companyDomains: account.companyDomains };
}
