import { emailKey, parseEmail } from '../../email';
import { recordKey, type Contact } from '../../model';
import type { Member } from './schemas';

/** Network members and bare addresses as Portier's contacts: what Connect said, never the page. */

export function memberContact(m: Member, accountId: string, fetchedAt: string): Contact {
  const key = emailKey(m.emailId);
  return {
    id: m.zuid,
    key: recordKey('zoho_connect', accountId, m.zuid),
    vendor: 'zoho_connect',
    accountId,
    ...(m.name ? { name: m.name } : {}),
    email: m.emailId,
    ...(key ? { emailKey: key } : {}),
    fetchedAt,
  };
}

/**
 * A person Connect would invite from an address alone (a CSV line nobody has yet): invitations go
 * by address (inviteUsersToNetwork's emailIds), so no zuid is needed. Its id is `email:<key>`.
 */
export function emailContact(email: string, accountId: string, fetchedAt: string): Contact | undefined {
  const parsed = parseEmail(email);
  if (!parsed.ok) return undefined;
  const id = `email:${parsed.key}`;
  return { id, key: recordKey('zoho_connect', accountId, id), vendor: 'zoho_connect', accountId, email: parsed.display, emailKey: parsed.key, fetchedAt };
}
