import { emailKey } from '../../email';
import type { Contact, Target } from '../../model';
import type { CardRead, Membership } from '../types';
import { memberContact } from './contacts';
import type { Member } from './schemas';

/**
 * What Portier reads from networks' member lists (orgMembers): a person found across networks, and
 * their state on one network. The lists are all Connect has for both, so a contact card needs no
 * other read (see inspectLists).
 */

export type NetworkType = 'internal' | 'external';

/** One network's members; `refused` when Connect would not list them (403: not a member of it). */
export interface NetworkMembers {
  scopeID: string;
  type: NetworkType;
  members: Member[];
  refused?: Error;
}

/** The people among these lists whose rows `keep` picks, one per zuid, with what the lists say of them. */
export function contactsIn(lists: readonly NetworkMembers[], keep: (m: Member) => boolean, accountId: string, fetchedAt: string): Contact[] {
  const byZuid = new Map<string, Contact>();
  for (const { scopeID, type, members } of lists) {
    for (const m of members.filter(keep)) {
      const contact = byZuid.get(m.zuid) ?? memberContact(m, accountId, fetchedAt);
      if (m.status === 'active') contact.hasZohoAccount = true;
      // RULES.md: the internal network the person belongs to (ALREADY_MEMBER or IN_OTHER_INTERNAL_NETWORK).
      if (type === 'internal' && m.status === 'active') contact.internalNetworkId = scopeID;
      byZuid.set(m.zuid, contact);
    }
  }
  return [...byZuid.values()];
}

/** The members of one network by normalised address (the last row of an address wins). */
export function membersByEmail(members: readonly Member[]): Map<string, Member> {
  const byKey = new Map<string, Member>();
  for (const m of members) {
    const key = emailKey(m.emailId);
    if (key) byKey.set(key, m);
  }
  return byKey;
}

export function membershipOf(member: Member): Membership | undefined {
  const status = member.status.toLowerCase();
  if (status === 'active') return { status: 'active' };
  if (status === 'invited' || status === 'pending') return { status: 'invited', ...(member.invitedTime ? { invitedAt: member.invitedTime } : {}) };
  if (/deactiv|disabled|inactive|suspend/.test(status)) return { status: 'deactivated' };
  return undefined;
}

/**
 * The contact card from the lists of `targets` (read at once by the caller): the member with this
 * zuid, and their state on each network matched by address, as memberships() matches it (an
 * invitee has a zuid of its own on each network, so the zuid alone would miss their invitations).
 * The address is a value of the first answer, but it is looked up in lists already read: Connect
 * costs the card one round trip like the others. A list Connect refused leaves that network's
 * state unknown, which fails the card as memberships() would.
 */
export function inspectLists(zuid: string, targets: readonly Target[], lists: readonly NetworkMembers[], accountId: string): CardRead {
  const [contact] = contactsIn(lists, (m) => m.zuid === zuid, accountId, new Date().toISOString());
  const memberships = new Map<string, Membership>();
  const key = contact?.emailKey ?? emailKey(contact?.email);
  if (!contact || !key) return { contact, memberships };
  for (const target of targets) {
    const list = lists.find((l) => l.scopeID === target.id);
    if (list?.refused) throw list.refused;
    const member = list && membersByEmail(list.members).get(key);
    const membership = member && membershipOf(member);
    if (membership) memberships.set(target.key, membership);
  }
  return { contact, memberships };
}
