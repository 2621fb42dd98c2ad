import { emailKey } from '../../email';
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

/**
 * Runs `task` over `items` with at most `limit` at a time, keeping the order of the answers. The
 * first failure rejects the whole run and no task starts after it: Promise.all alone would let the
 * other workers go on calling the vendor for answers nobody reads. After a 429 that meant a burst of
 * calls inside Retry-After, each one more 429 (seen against the sandbox: dozens of searches fired after
 * each 429, while the engine was waiting its Retry-After out); after a 401, calls with a dead token.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        out[index] = await task(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Zendesk ids are integers; an id from a page goes into a path only once it is one. */
export const ZENDESK_ID = /^[0-9]{1,20}$/;
