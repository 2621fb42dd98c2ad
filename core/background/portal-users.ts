import type { PortierDb } from '../db';
import { PortalUserStatus, type PortalUser, type PortalUserAction, type ResultFor } from '../messages';
import { recordKey, type Account, type EventType, type PortierEvent, type Target } from '../model';
import type { Connector } from '../vendors/types';
import { ServiceError } from './errors';
import { targetByKey } from './selection';

/**
 * Zoho CRM portal users of a user type: listed by status, activated, deactivated, deleted or moved
 * to another user type of the same portal. Re-invitations are not here: they go through startJob.
 */

export interface PortalDeps {
  db: PortierDb;
  now: () => Date;
  account: Account;
  connector: Connector;
}

export async function listPortalUsers(deps: PortalDeps, targetKey: string, status: PortalUserStatus): Promise<ResultFor<'listPortalUsers'>> {
  const portalUsers = capability(deps);
  const target = await targetByKey(deps.account, deps.connector, targetKey);
  return { users: await portalUsers(target, status) };
}

/** What each action leaves in the contact's history; a transfer leaves the user type it came from. */
const EVENT_OF: Record<PortalUserAction, EventType> = {
  activate: 'activated',
  deactivate: 'deactivated',
  delete: 'removed',
  transfer: 'removed',
};

export async function portalUserAction(
  deps: PortalDeps,
  req: { targetKey: string; action: PortalUserAction; personalityIds: string[]; toTargetKey?: string | undefined },
): Promise<ResultFor<'portalUserAction'>> {
  const { db, account, connector } = deps;
  const portalUsers = capability(deps);
  const act = connector.portalUserAction;
  if (!act) throw notPortal(account);
  const targets = await connector.listTargets();
  const target = await targetByKey(account, connector, req.targetKey, targets);
  const to = req.action === 'transfer' ? await transferTarget(account, connector, target, req.toTargetKey, targets) : undefined;

  // The answer names personalities only; the CRM record behind each one is read before the
  // action (a deleted user is no longer listed after it), for the contact's history.
  const records = await recordsOf(target, portalUsers);
  const ids = [...new Set(req.personalityIds)];
  const results = await act.call(connector, target, req.action, ids, to);

  const at = deps.now().toISOString();
  // Codes, worded where they are shown (core/reasons.ts detailLine), in the agent's language.
  const detail = req.action === 'transfer' && to ? `TRANSFER_TO: ${to.name}` : req.action.toUpperCase();
  const events: PortierEvent[] = [];
  for (const result of results) {
    const contactId = records.get(result.personalityId);
    if (!contactId) continue;
    events.push({
      contactKey: recordKey(account.vendor, account.id, contactId),
      at,
      type: result.ok ? EVENT_OF[req.action] : 'failed',
      targetKey: target.key,
      detail: result.ok || !result.message ? detail : `${detail}: ${result.message}`,
    });
  }
  if (events.length > 0) await db.events.bulkAdd(events);
  return {
    results: results.map((r) => ({
      personalityId: r.personalityId,
      ok: r.ok,
      ...(r.message ? { message: r.message } : {}),
      ...(!r.ok && r.code ? { code: r.code } : {}),
      ...(!r.ok && r.vendorCode ? { vendorCode: r.vendorCode } : {}),
    })),
  };
}

function capability(deps: PortalDeps): NonNullable<Connector['portalUsers']> {
  const list = deps.connector.portalUsers;
  if (!list) throw notPortal(deps.account);
  return list.bind(deps.connector);
}

function notPortal(account: Account): ServiceError {
  return new ServiceError('NOT_FOUND', {
    en: `${account.label} has no portal users: they exist only in Zoho CRM portals. Choose a CRM portal user type.`,
    fr: `${account.label} n'a pas d'utilisateurs de portail : il n'y en a que dans les portails Zoho CRM. Choisissez un type d'utilisateur d'un portail CRM.`,
  });
}

/** A transfer moves users to another user type of the same portal, never across portals or vendors. */
async function transferTarget(account: Account, connector: Connector, from: Target, toKey: string | undefined, targets: Target[]): Promise<Target> {
  if (!toKey) {
    throw new ServiceError('BAD_MESSAGE', {
      en: 'Choose the user type to move these portal users to, then try again.',
      fr: "Choisissez le type d'utilisateur vers lequel déplacer ces utilisateurs du portail, puis réessayez.",
    });
  }
  if (toKey === from.key) {
    throw new ServiceError('BAD_MESSAGE', {
      en: `These portal users are already in "${from.name}": choose another user type to move them to.`,
      fr: `Ces utilisateurs du portail sont déjà dans « ${from.name} » : choisissez un autre type d'utilisateur vers lequel les déplacer.`,
    });
  }
  const to = await targetByKey(account, connector, toKey, targets);
  if (to.kind !== 'zoho_crm.portal' || from.kind !== 'zoho_crm.portal' || to.portalName !== from.portalName) {
    throw new ServiceError('BAD_MESSAGE', {
      en: `"${to.name}" is not a user type of the portal "${from.portalName ?? from.name}": portal users can only move within their portal.`,
      fr: `« ${to.name} » n'est pas un type d'utilisateur du portail « ${from.portalName ?? from.name} » : les utilisateurs d'un portail ne peuvent changer de type qu'au sein de ce portail.`,
    });
  }
  return to;
}

/** personalityId → CRM record id, over every status (an action may apply to any of them). */
async function recordsOf(target: Target, portalUsers: NonNullable<Connector['portalUsers']>): Promise<Map<string, string>> {
  const lists = await Promise.all(PortalUserStatus.options.map((status) => portalUsers(target, status)));
  const records = new Map<string, string>();
  for (const user of lists.flat() as PortalUser[]) if (user.contactId) records.set(user.personalityId, user.contactId);
  return records;
}
