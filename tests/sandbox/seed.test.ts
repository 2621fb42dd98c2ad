import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planBulk } from '../../core/eligibility';
import { ReasonCode, type EligibilityActor, type EligibilityContact, type EligibilityTarget } from '../../core/model';
import type { SandboxData } from './model';
import { buildScenario, CRM, DESK, seedData, ZENDESK } from './seed';
import { seatsUsed } from './vendors/zoho-crm-model';

const here = path.dirname(fileURLToPath(import.meta.url));
const rules = readFileSync(path.resolve(here, '../../../shared/RULES.md'), 'utf8');
/** The reason codes of RULES.md's catalogue table: "| `CODE` | severity |". */
const ruleCodes = [...rules.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);

/**
 * Seeded cases, read through Portier's own eligibility core: every seeded selection Portier could
 * plan (a target, its seeded candidates in seed order, one seeded signed-in actor) goes through
 * planBulk, and each reason it returns is traced back to the seed records that produced it.
 *
 * The connectors read these facts over HTTP (no pure seed → EligibilityInput helper exists), so the
 * mapping below takes the seed's own fields directly, the way each connector maps the API's.
 */
const SEED_TIME = Date.UTC(2026, 0, 15, 9, 0, 0);
const NOW = new Date(SEED_TIME);

/** Codes no seeded value can give, each with why. The test fails if one of them gains a case. */
const KNOWN_GAPS: Partial<Record<ReasonCode, string>> = {
  // seed.ts: every vendor validates addresses before storing them; a malformed one only ever
  // reaches the sandbox in a request (a Zendesk create answers 422), never in stored data.
  EMAIL_MALFORMED: 'no vendor stores a malformed address',
};

/** One selection Portier could plan from the seed. */
interface SeedCase {
  where: string;
  contacts: EligibilityContact[];
  target: EligibilityTarget;
  actor: EligibilityActor;
}

const ZENDESK_ROLES = { 'end-user': 'end_user', agent: 'agent', admin: 'admin' } as const;

function zendeskCases(data: SandboxData): SeedCase[] {
  return Object.values(data.zendesk).flatMap((account) => {
    const target: EligibilityTarget = { kind: 'zendesk.end_user', id: account.subdomain, companyDomains: account.companyDomains };
    // Candidates: the account's end users (agents never are). Each is a user of the account, hence
    // a member (the connector's memberships(): "a user of this account is one by definition").
    const contacts = account.users
      .filter((u) => u.role === 'end-user')
      .map((u): EligibilityContact => ({
        id: String(u.id),
        name: u.name,
        email: u.email ?? undefined,
        // The API's `verified`: the primary email identity's flag.
        emailVerified: u.identities.find((i) => i.primary && i.type === 'email')?.verified,
        membership: { status: 'active' },
      }));
    // Actors: the user of each seeded browser session, with their Zendesk role (users/me).
    return account.sessions.map((s): SeedCase => {
      const me = account.users.find((u) => u.id === s.userId);
      if (!me) throw new Error(`seed: Zendesk session ${s.id} has no user`);
      return { where: `zendesk ${account.subdomain} as ${me.name}`, contacts, target, actor: { role: ZENDESK_ROLES[me.role] } };
    });
  });
}

const DESK_MEMBERSHIP = { ACTIVE: 'active', DISABLED: 'deactivated', INVITED: 'invited' } as const;

function deskCases(data: SandboxData): SeedCase[] {
  return Object.values(data.desk).flatMap((org) =>
    org.helpCenters.map((hc): SeedCase => {
      const contacts = org.contacts.map((c): EligibilityContact => {
        const user = c.helpCenters.find((u) => u.helpCenterId === hc.id);
        // As the Desk connector reads them: `emailVerified` and the invitation's `invitedAt` are seed
        // facts the Desk API does not show (no flag in Contact.json, no date on help-center users),
        // so they stay unknown here; Zendesk gives EMAIL_UNVERIFIED, CRM and Connect INVITATION_PENDING.
        return {
          id: c.id,
          email: c.email ?? undefined,
          ...(user ? { membership: { status: DESK_MEMBERSHIP[user.userStatus] } } : {}),
        };
      });
      const target: EligibilityTarget = { kind: 'zoho_desk.help_center', id: hc.id, status: hc.status === 'DISABLED' ? 'disabled' : 'active' };
      // Desk has no permission rule: the connector's actor() is an agent whose permissions are unknown.
      return { where: `desk ${hc.name}`, contacts, target, actor: { role: 'agent' } };
    }),
  );
}

function crmCases(data: SandboxData): SeedCase[] {
  const org = data.crm;
  // The record's own state (deleted, recycle bin) first, then `$approval_state` as records.ts reads it.
  const recordState = (r: SandboxData['crm']['records'][number]): EligibilityContact['recordState'] =>
    r.state !== 'active' ? r.state
      : r.approvalState === 'approval_process_pending' ? 'pending_approval'
        : r.approvalState === 'review_process_pending' ? 'under_review'
          : 'active';
  return org.userTypes.flatMap((ut) => {
    const target: EligibilityTarget = {
      kind: 'zoho_crm.portal', id: ut.id, status: ut.active ? 'active' : 'disabled',
      companyDomains: org.companyDomains, consentRequired: org.consentRequired,
      // The sandbox's own seat count (deactivated users hold none) against the user type's seats.
      seats: { used: seatsUsed(org, ut), limit: ut.seats },
    };
    // Candidates: the records of the user type's module; membership from its portal users, as the
    // connector's portalMembership(): deactivated first, then unconfirmed = invited at invitedTime.
    const contacts = org.records
      .filter((r) => r.module === ut.module)
      .map((r): EligibilityContact => {
        const pu = org.portalUsers.find((u) => u.personalityId === r.id && u.userTypeId === ut.id);
        return {
          id: r.id,
          email: r.Email ?? undefined,
          recordState: recordState(r),
          consent: r.consent,
          ...(pu ? { membership: { status: !pu.active ? 'deactivated' : !pu.confirm ? 'invited' : 'active', invitedAt: pu.invitedTime } } : {}),
        };
      });
    // Actors: each CRM user; `portalPermission` is "Client Portal User" management (a known list).
    return org.users.map((u): SeedCase => ({
      where: `crm ${ut.name} as ${u.name}`, contacts, target,
      actor: { role: 'agent', permissions: u.portalPermission ? ['portal.manage'] : [] },
    }));
  });
}

/** RULES.md LICENSE_LIMIT (and the sandbox): 5 external users per member license. */
const EXTERNAL_USERS_PER_LICENSE = 5;

function connectCases(data: SandboxData): SeedCase[] {
  const { networks, people } = data.connect;
  const key = (email: string) => email.toLowerCase();
  // Candidates: every address the Connect seed knows (its people and every network's members), once.
  const emails = [...new Map([...people.map((p) => p.email), ...networks.flatMap((n) => n.members.map((m) => m.emailId))].map((e) => [key(e), e])).values()];
  return networks.flatMap((n) => {
    const target: EligibilityTarget = {
      kind: 'zoho_connect.network', id: n.scopeID, networkType: n.type, companyDomains: n.companyDomains,
      ...(n.type === 'external' ? { seats: { used: n.members.filter((m) => m.isExternal).length, limit: n.memberLicenses * EXTERNAL_USERS_PER_LICENSE } } : {}),
    };
    const contacts = emails.map((email): EligibilityContact => {
      const person = people.find((p) => key(p.email) === key(email));
      const member = n.members.find((m) => key(m.emailId) === key(email));
      return {
        id: email,
        email,
        ...(person ? { hasZohoAccount: person.hasZohoAccount } : {}),
        ...(person?.internalNetworkId ? { internalNetworkId: person.internalNetworkId } : {}),
        ...(member ? { membership: member.status === 'invited' ? { status: 'invited', ...(member.invitedTime ? { invitedAt: member.invitedTime } : {}) } : { status: 'active' } } : {}),
      };
    });
    // Actors: each seeded Zoho user, as the connector's actor(target): an active admin member of the
    // network is a network admin; anyone else has no permission there.
    return data.zoho.users.map((u): SeedCase => {
      const me = n.members.find((m) => m.zuid === u.zuid);
      const admin = me?.status === 'active' && me.isAdmin;
      return {
        where: `connect ${n.name} as ${u.name}`, contacts, target,
        actor: admin ? { role: 'admin', permissions: ['network.admin'] } : { role: 'agent', permissions: [] },
      };
    });
  });
}

/** Reason code → the seeded cases ("selection: contact id") from which planBulk returns it. */
function reasonsFromSeed(data: SandboxData): Map<ReasonCode, string[]> {
  const found = new Map<ReasonCode, string[]>();
  for (const c of [...zendeskCases(data), ...deskCases(data), ...crmCases(data), ...connectCases(data)]) {
    // The whole seeded candidate list of the target, in seed order, is one selection: that is how
    // DUPLICATE_IN_SELECTION (a seeded address in other case) and LICENSE_LIMIT (seats in order) arise.
    const plan = planBulk(c.contacts, c.target, c.actor, NOW);
    for (const item of plan.items) {
      for (const reason of item.verdict.reasons) {
        const list = found.get(reason.code) ?? [];
        list.push(`${c.where}: ${item.contactId}`);
        found.set(reason.code, list);
      }
    }
  }
  return found;
}

/** Codes with no seeded case, known gaps aside. */
function missingCodes(data: SandboxData): ReasonCode[] {
  const found = reasonsFromSeed(data);
  return ReasonCode.options.filter((code) => !(code in KNOWN_GAPS) && !found.has(code));
}

describe('seed data', () => {
  it('reads the RULES.md catalogue, which names the same codes as core/model', () => {
    expect(ruleCodes.length).toBeGreaterThanOrEqual(25);
    expect([...ruleCodes].sort()).toEqual([...ReasonCode.options].sort());
  });

  const found = reasonsFromSeed(seedData(SEED_TIME));
  it.each(ReasonCode.options)('has seeded data from which the eligibility core returns %s', (code) => {
    const cases = found.get(code) ?? [];
    if (code in KNOWN_GAPS) {
      expect(cases, `${code} now has a seeded case: take it out of KNOWN_GAPS`).toEqual([]);
    } else {
      expect(cases, `no seeded contact, target and actor give ${code}`).not.toEqual([]);
    }
  });

  it.each<[ReasonCode, (d: SandboxData) => void]>([
    ['CONSENT_MISSING', (d) => void (d.crm.records = d.crm.records.filter((r) => r.id !== CRM.records.consentMissing))],
    ['HELP_CENTER_DISABLED', (d) => void (d.desk[DESK.orgId]!.helpCenters.forEach((hc) => (hc.status = 'ACTIVE')))],
    ['NOT_AN_AGENT', (d) => void (d.zendesk.acme!.sessions = d.zendesk.acme!.sessions.filter((s) => s.userId !== ZENDESK.acme.users.endUserSignedIn))],
    ['ZOHO_ACCOUNT_REQUIRED', (d) => void (d.connect.people = d.connect.people.filter((p) => p.hasZohoAccount))],
    ['DUPLICATE_IN_SELECTION', (d) => {
      d.crm.records = d.crm.records.filter((r) => r.id !== CRM.records.duplicateOfEligible);
      d.desk[DESK.orgId]!.contacts = d.desk[DESK.orgId]!.contacts.filter((c) => c.id !== DESK.contacts.duplicateOfEligible);
    }],
    ['EMAIL_UNSUPPORTED_CHARACTERS', (d) => void (d.crm.records = d.crm.records.filter((r) => r.id !== CRM.records.unsupportedCharacters))],
  ])('fails for %s once its seeded case is gone (on a copy)', (code, remove) => {
    const copy = seedData(SEED_TIME);
    remove(copy);
    expect(missingCodes(copy)).toEqual([code]);
  });

  it('is deterministic for a given seed time', () => {
    const now = Date.UTC(2026, 0, 15, 9, 0, 0);
    expect(seedData(now)).toEqual(seedData(now));
    expect(buildScenario({ name: 'bulk', contacts: 500 }, now)).toEqual(buildScenario({ name: 'bulk', contacts: 500 }, now));
  });

  it('keeps a malformed address out of every vendor store', () => {
    const data = buildScenario({ name: 'bulk', contacts: 3000 }, Date.now());
    const stored = [...Object.values(data.desk).flatMap((o) => o.contacts.map((c) => c.email)), ...data.crm.records.map((r) => r.Email)];
    expect(stored.some((e) => e?.includes('@@'))).toBe(false);
  });
});
