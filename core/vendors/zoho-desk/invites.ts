import type { Contact, Target } from '../../model';
import { AuthRequiredError, RateLimitedError, TransientError, VendorRefusedError, type VendorClient } from '../http';
import { pathSegment, RECORD_ID } from '../path';
import { mapLimit } from '../pool';
import type { ItemOutcome, ItemResult, Membership } from '../types';
import { deskContactReason, deskItemResult, toItemResult } from './errors';
import { DeskMassActionResults } from './schemas';

/**
 * Help-center invitations (Contacts.json inviteAsEndUser; NOTES.md §2): one contact, a single call
 * answered 204; several, one bulk call answered with a result per contact. Both are answered at
 * once: there is never a job to poll.
 */

const EP = {
  one: 'POST /api/v1/contacts/{id}/inviteAsEndUser',
  many: 'POST /api/v1/contacts/inviteAsEndUser',
} as const;

/** Read-backs of failed bulk items at once, as the connector's other reads. */
const READ_CONCURRENCY = 4;

/** The contact's user on the help center, as the connector reads it back. */
export type MembershipOf = (contactId: string) => Promise<Membership | undefined>;

export async function inviteOne(client: VendorClient, target: Target, contact: Contact): Promise<ItemResult> {
  try {
    await client.request({
      method: 'POST', path: `api/v1/contacts/${pathSegment(contact.id, RECORD_ID, 'a Zoho Desk contact id')}/inviteAsEndUser`, endpoint: EP.one,
      json: { helpCenterId: target.id },
    });
    return { status: 'invited' };
  } catch (error) {
    if (error instanceof VendorRefusedError) return deskItemResult(error, contact);
    throw error;
  }
}

export async function inviteMany(client: VendorClient, target: Target, contacts: Contact[], membershipOf: MembershipOf): Promise<ItemOutcome[]> {
  let results;
  try {
    const res = await client.request({
      method: 'POST', path: 'api/v1/contacts/inviteAsEndUser', endpoint: EP.many,
      json: { helpCenterId: target.id, contactIds: contacts.map((c) => c.id) }, schema: DeskMassActionResults,
    });
    results = res.data?.results ?? [];
  } catch (error) {
    // A refusal of the whole call (disabled help center, 403) is each item's answer.
    if (error instanceof VendorRefusedError) return contacts.map((c) => ({ contactId: c.id, result: deskItemResult(error, c) }));
    throw error;
  }
  const byId = new Map(results.map((r) => [r.id, r]));
  return mapLimit(contacts, READ_CONCURRENCY, async (contact): Promise<ItemOutcome | undefined> => {
    const result = byId.get(contact.id);
    if (!result) return { contactId: contact.id, result: { status: 'failed', code: 'VENDOR_ERROR', message: 'Zoho Desk gave no result for this contact' } };
    if (result.success) return { contactId: contact.id, result: { status: 'invited' } };
    const explained = await explainBulkFailure(contact, result.errors ?? undefined, membershipOf);
    return explained ? { contactId: contact.id, result: explained } : undefined;
  }).then((outcomes) => outcomes.filter((o): o is ItemOutcome => o !== undefined));
}

/**
 * A bulk result says only `{errorCode, httpCode}`. The reason comes from what Portier knows of the
 * contact, then from the contact's help-center status read back (an existing user is "already a
 * member"). A read-back refused outright keeps the vendor's answer: the batch was sent, its
 * outcomes must not be lost to a later error. One that was throttled, unauthorised or unanswered
 * says nothing about the contact: no outcome is given (undefined), and the engine reconciles that
 * contact from memberships instead of reporting a permanent failure it does not know of.
 */
async function explainBulkFailure(
  contact: Contact, errors: { errorCode?: string | null; httpCode?: string | number | null } | undefined, membershipOf: MembershipOf,
): Promise<ItemResult | undefined> {
  const vendorCode = errors?.errorCode ?? undefined;
  const message = `${vendorCode ?? 'refused'}${errors?.httpCode ? ` (HTTP ${errors.httpCode})` : ''}`;
  const local = deskContactReason(contact);
  if (local) return toItemResult(local, vendorCode, message);
  try {
    const membership = await membershipOf(contact.id);
    if (membership && membership.status !== 'invited') return { status: 'already_member' };
  } catch (error) {
    if (error instanceof AuthRequiredError || error instanceof RateLimitedError || error instanceof TransientError) return undefined;
    // refused or unreadable: keep the vendor's answer
  }
  return toItemResult('VENDOR_ERROR', vendorCode, message);
}
