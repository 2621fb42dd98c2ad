import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openDb, type PortierDb } from '../../../core/db';
import { Contact, Invitation, invitationId, Job, recordKey, Target, type InvitationStatus, type JobStatus, type PortierEvent, type Vendor } from '../../../core/model';

/** Rows as the engine and the background write them, with the times the retention tests need. */

export const NOW = new Date('2025-06-01T00:00:00.000Z');
/** With the default 90 days the cutoff is 2025-03-03T00:00Z: OLD is past it, RECENT is not. */
export const OLD = '2025-01-01T00:00:00.000Z';
export const RECENT = '2025-05-01T00:00:00.000Z';

const opened: PortierDb[] = [];

export function freshDb(): PortierDb {
  const db = openDb(`portier-retention-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}

export function closeAll(): void {
  for (const db of opened.splice(0)) db.close();
}

export interface Where {
  vendor?: Vendor;
  accountId?: string;
}

export function contactKey(id: string, { vendor = 'zendesk', accountId = 'acme' }: Where = {}): string {
  return recordKey(vendor, accountId, id);
}

export function targetKey({ vendor = 'zendesk', accountId = 'acme' }: Where = {}): string {
  return `${vendor}:${accountId}:hc`;
}

export function contact(id: string, fetchedAt: string, where: Where = {}): Contact {
  const { vendor = 'zendesk', accountId = 'acme' } = where;
  return Contact.parse({
    id,
    key: contactKey(id, where),
    vendor,
    accountId,
    name: `Customer ${id}`,
    email: `customer${id}@woodgrove.com`,
    emailKey: `customer${id}@woodgrove.com`,
    phone: '+33 1 23 45 67 89',
    emailVerified: true,
    recordState: 'active',
    fetchedAt,
  });
}

export function target(where: Where = {}): Target {
  const { vendor = 'zendesk', accountId = 'acme' } = where;
  return Target.parse({
    kind: vendor === 'zoho_crm' ? 'zoho_crm.portal' : 'zendesk.end_user',
    id: 'hc',
    key: targetKey(where),
    vendor,
    accountId,
    name: 'Help center',
    status: 'active',
    fetchedAt: OLD,
  });
}

export function job(id: string, status: JobStatus, updatedAt: string, where: Where = {}): Job {
  const { vendor = 'zendesk', accountId = 'acme' } = where;
  return Job.parse({
    id,
    vendor,
    accountId,
    targetKey: targetKey(where),
    action: 'invite',
    status,
    counts: { total: 1, invited: 0, already_member: 0, failed: 0, skipped: 0 },
    attempts: 0,
    nextAttemptAt: updatedAt,
    createdAt: updatedAt,
    updatedAt,
  });
}

/** An item of `jobId` on the job's target; `contactWhere` places its contact in another account. */
export function item(contactId: string, jobId: string | undefined, status: InvitationStatus, updatedAt: string, where: Where = {}, contactWhere: Where = where): Invitation {
  const key = contactKey(contactId, contactWhere);
  return Invitation.parse({
    id: invitationId(key, targetKey(where)),
    contactKey: key,
    targetKey: targetKey(where),
    email: `customer${contactId}@woodgrove.com`,
    status,
    ...(jobId ? { jobId, seq: 0 } : {}),
    updatedAt,
  });
}

export function event(contactId: string, at: string, jobId?: string, where: Where = {}): PortierEvent {
  return { contactKey: contactKey(contactId, where), at, type: 'invited', targetKey: targetKey(where), ...(jobId ? { jobId } : {}) };
}
