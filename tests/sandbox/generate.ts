/**
 * Deterministic lists of 10,000+ contacts for benchmarks and bulk tests: the same seed gives the same
 * people. Most are plainly eligible; with `mix` (the default) a small, fixed share carries one of the
 * RULES.md reasons (duplicate in other case, disposable or company domain, missing email, CRM
 * approval/consent, Desk unverified) so bulk plans and vendor answers have something to sort.
 */
import type { ConnectMember, CrmRecord, DeskContact, SandboxData, ZendeskUser } from './model';
import { inDomains, nextNumericId } from './util';
import { seededRandom } from '../random';

export interface Person {
  firstName: string;
  lastName: string;
  name: string;
  email: string | null;
  /** The RULES.md reason this person was generated to exercise, if any. */
  reason?: 'DUPLICATE_IN_SELECTION' | 'EMAIL_DISPOSABLE' | 'COMPANY_DOMAIN' | 'EMAIL_MISSING' | 'EMAIL_MALFORMED' | 'RECORD_PENDING_APPROVAL' | 'CONSENT_MISSING' | 'EMAIL_UNVERIFIED';
}

export interface GenerateOptions {
  seed?: number;
  /** Sprinkle reason cases (about 1 in 22); false gives only eligible, distinct people. */
  mix?: boolean;
}

const FIRST = ['Ada', 'Bruno', 'Chloé', 'Dmitri', 'Elena', 'François', 'Greta', 'Hiroshi', 'Inès', 'Jonas', 'Kemal', 'Léa', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Søren', 'Tomás', 'Ulla', 'Valérie', 'Wei', 'Ximena', 'Yusuf', 'Zoë'];
const LAST = ['Anders', 'Bernard', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hansen', 'Ibáñez', 'Jensen', 'Kowalski', 'Lambert', 'Müller', 'Nowak', "O'Brien", 'Petit', 'Quinn', 'Rossi', 'Schulz', 'Tanaka', 'Ueda', 'Vasquez', 'Wagner', 'Yilmaz', 'Zimmermann'];
const DOMAINS = ['northwind.com', 'contoso.com', 'fabrikam.com', 'tailspin.com', 'woodgrove.com', 'adatum.com', 'litware.com', 'proseware.com'];


function ascii(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();
}

export function generatePeople(count: number, options: GenerateOptions = {}): Person[] {
  const next = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const local = `${ascii(firstName)}.${ascii(lastName)}.${i + 1}`;
    const person: Person = { firstName, lastName, name: `${firstName} ${lastName}`, email: `${local}@${pick(DOMAINS)}` };
    const roll = options.mix === false ? 1 : next();
    if (roll < 0.01 && people.length > 0) {
      const earlier = people[Math.floor(next() * people.length)];
      if (earlier?.email && earlier.reason !== 'EMAIL_MALFORMED') Object.assign(person, { email: earlier.email.toUpperCase(), reason: 'DUPLICATE_IN_SELECTION' });
    } else if (roll < 0.015) {
      Object.assign(person, { email: `${local}@mailinator.com`, reason: 'EMAIL_DISPOSABLE' });
    } else if (roll < 0.02) {
      Object.assign(person, { email: `${local}@acme.co`, reason: 'COMPANY_DOMAIN' });
    } else if (roll < 0.025) {
      Object.assign(person, { email: null, reason: 'EMAIL_MISSING' });
    } else if (roll < 0.03) {
      person.reason = 'RECORD_PENDING_APPROVAL';
    } else if (roll < 0.035) {
      person.reason = 'CONSENT_MISSING';
    } else if (roll < 0.04) {
      person.reason = 'EMAIL_UNVERIFIED';
    } else if (roll < 0.045) {
      Object.assign(person, { email: `${local}@@${pick(DOMAINS)}`, reason: 'EMAIL_MALFORMED' });
    }
    people.push(person);
  }
  return people;
}

export type GeneratedVendor = 'zendesk' | 'zoho_desk' | 'zoho_crm' | 'zoho_connect';

/**
 * Stores generated people as vendor records: Desk contacts, CRM Contacts records, Zendesk end users
 * (for Zendesk a benchmark usually sends the people to create_many instead) or active members of a
 * Zoho Connect network (an external one: generated addresses are not company addresses). Malformed
 * addresses are not stored: every vendor refuses them. `organization` makes them members of a
 * Zendesk organization, a Desk account or a CRM Accounts record (Connect has none). Returns the new
 * ids (Connect: zuids).
 */
export function addGeneratedContacts(
  data: SandboxData,
  vendor: GeneratedVendor,
  all: readonly Person[],
  at: string,
  account?: string,
  organization?: string,
): string[] {
  const people = all.filter((p) => p.reason !== 'EMAIL_MALFORMED');
  if (organization !== undefined) checkOrganization(data, vendor, organization, account);
  if (vendor === 'zoho_crm') {
    const crm = data.crm;
    return people.map((p) => {
      const r: CrmRecord = {
        id: nextNumericId(crm, '5843104'), module: 'Contacts', First_Name: p.firstName, Last_Name: p.lastName, Email: p.email,
        approvalState: p.reason === 'RECORD_PENDING_APPROVAL' ? 'approval_process_pending' : 'approved',
        consent: p.reason === 'CONSENT_MISSING' ? 'missing' : 'given', state: 'active',
        ownerId: crm.users[0]?.id ?? '', createdTime: at, modifiedTime: at,
        ...(organization === undefined ? {} : { accountId: organization }),
      };
      crm.records.push(r);
      return r.id;
    });
  }
  if (vendor === 'zoho_connect') return addConnectMembers(data, people, account);
  if (vendor === 'zoho_desk') {
    const org = account ? data.desk[account] : Object.values(data.desk)[0];
    if (!org) throw new Error(`no Zoho Desk organisation ${account ?? ''}`);
    return people.map((p) => {
      const c: DeskContact = {
        id: nextNumericId(org, '42'), firstName: p.firstName, lastName: p.lastName, email: p.email, secondaryEmail: null,
        phone: null, mobile: null, accountId: organization ?? null, ownerId: null, type: null, createdTime: at, modifiedTime: at,
        isSpam: false, isAnonymous: false, isDeleted: false, isTrashed: false,
        emailVerified: p.reason !== 'EMAIL_UNVERIFIED', helpCenters: [],
      };
      org.contacts.push(c);
      return c.id;
    });
  }
  const zd = data.zendesk[account ?? 'acme'];
  if (!zd) throw new Error(`no Zendesk account ${account ?? 'acme'}`);
  // Zendesk allows one user per email address (KB 4408831446298): duplicates are not stored.
  const taken = new Set(zd.users.flatMap((u) => u.identities.map((i) => i.value.toLowerCase())));
  const fresh = people.filter((p) => !p.email || !taken.has(p.email.toLowerCase()) && taken.add(p.email.toLowerCase()));
  return fresh.map((p) => {
    const id = zd.nextId++;
    const u: ZendeskUser = {
      id, name: p.name, role: 'end-user', email: p.email,
      identities: p.email ? [{ id: id + 4000, type: 'email', value: p.email, verified: p.reason !== 'EMAIL_UNVERIFIED', primary: true, created_at: at, updated_at: at }] : [],
      active: true, suspended: false, external_id: null, organization_id: organization === undefined ? null : Number(organization),
      locale: 'en-US', time_zone: 'Europe/Paris',
      tags: [], created_at: at, updated_at: at,
    };
    zd.users.push(u);
    return String(id);
  });
}

/** Throws when `organization` is none of the vendor's: people are never attached to nothing. */
function checkOrganization(data: SandboxData, vendor: GeneratedVendor, organization: string, account: string | undefined): void {
  const found =
    vendor === 'zendesk' ? data.zendesk[account ?? 'acme']?.organizations.some((o) => String(o.id) === organization)
    : vendor === 'zoho_desk' ? (account ? data.desk[account] : Object.values(data.desk)[0])?.accounts.some((a) => a.id === organization)
    : vendor === 'zoho_crm' ? data.crm.records.some((r) => r.module === 'Accounts' && r.id === organization)
    : false;
  if (!found) throw new Error(vendor === 'zoho_connect' ? 'Zoho Connect has no organizations: leave `organization` out' : `no ${vendor} organization ${organization}`);
}

function addConnectMembers(data: SandboxData, people: readonly Person[], scopeID?: string): string[] {
  const networks = data.connect.networks;
  const network = scopeID ? networks.find((n) => n.scopeID === scopeID) : networks.find((n) => n.type === 'external');
  if (!network) throw new Error(`no Zoho Connect network ${scopeID ?? ''}`);
  if (network.type !== 'external') throw new Error(`${network.name} is internal: generated people can only join external networks`);
  const taken = new Set(network.members.map((m) => m.emailId.toLowerCase()));
  return people.filter((p) => p.email && !taken.has(p.email.toLowerCase()) && taken.add(p.email.toLowerCase())).map((p) => {
    const member: ConnectMember = {
      zuid: `6004${network.scopeID.slice(-3)}${String(network.members.length + 1).padStart(6, '0')}`,
      emailId: p.email ?? '', name: p.name, status: 'active', isAdmin: false,
      isExternal: !inDomains(p.email ?? '', network.companyDomains),
    };
    network.members.push(member);
    return member.zuid;
  });
}
