import type { PortierDb } from '../db';
import { invitationId } from '../model';
import type { Membership } from '../vendors/types';

/**
 * A pending invitation the vendor shows without a date (Zoho Desk never dates one; Zoho CRM may
 * not): RULES.md reads an invitation of unknown age as expired, so a person Portier invited a
 * minute ago would be offered a second invitation. When Portier sent that invitation itself, its
 * own row (the invitations table) knows when: that date is given to the core. A vendor's own date
 * always wins; a row Portier never dated leaves the invitation undated, as the vendor has it.
 */
export async function withOwnInvitationDates(
  db: PortierDb,
  pairs: readonly { contactKey: string; targetKey: string; membership: Membership | undefined }[],
): Promise<(Membership | undefined)[]> {
  const undated = pairs.map((p) => p.membership?.status === 'invited' && !p.membership.invitedAt);
  if (!undated.some(Boolean)) return pairs.map((p) => p.membership);
  const rows = await db.invitations.bulkGet(pairs.map((p, i) => (undated[i] ? invitationId(p.contactKey, p.targetKey) : '')));
  return pairs.map((p, i) => {
    const invitedAt = undated[i] ? rows[i]?.invitedAt : undefined;
    return invitedAt && p.membership ? { ...p.membership, invitedAt } : p.membership;
  });
}
