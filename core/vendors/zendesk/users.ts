import { emailKey, parseEmail } from '../../email';
import { recordKey, type Contact } from '../../model';
import type { ZendeskUser } from './schemas';

/** Zendesk users as Portier's contacts: what the API said, never what the page showed. */

export function organizationNames(organizations: readonly { id: number; name: string }[] | undefined): Map<number, string> {
  return new Map((organizations ?? []).map((o) => [o.id, o.name]));
}

export function userToContact(user: ZendeskUser, accountId: string, organizations: Map<number, string>, fetchedAt: string): Contact {
  const id = String(user.id);
  const email = user.email ?? undefined;
  const key = emailKey(email);
  const organization = user.organization_id == null ? undefined : organizations.get(user.organization_id);
  return {
    id,
    key: recordKey('zendesk', accountId, id),
    vendor: 'zendesk',
    accountId,
    name: user.name,
    ...(email ? { email } : {}),
    // `verified` is true when any identity is; the primary email's own flag needs the identities
    // call, which sendVerification() makes before it sends anything.
    ...(user.verified == null ? {} : { emailVerified: user.verified }),
    ...(organization ? { organization } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
    ...(key ? { emailKey: key } : {}),
    fetchedAt,
  };
}


/** Zendesk ids are integers; an id from a page goes into a path only once it is one. */
export const ZENDESK_ID = /^[0-9]{1,20}$/;

/**
 * A person Zendesk would create from an address alone (a CSV line nobody has yet): inviting is
 * creating the end user, so the address is all it takes. Its id, `email:<key>`, is no Zendesk id:
 * memberships() looks it up by email, and send() creates it by email.
 */
export function emailContact(email: string, accountId: string, fetchedAt: string): Contact | undefined {
  const parsed = parseEmail(email);
  if (!parsed.ok) return undefined;
  const id = `email:${parsed.key}`;
  return { id, key: recordKey('zendesk', accountId, id), vendor: 'zendesk', accountId, email: parsed.display, emailKey: parsed.key, fetchedAt };
}
