import * as z from 'zod/mini';

/** The products Portier works in. Folder names under core/vendors/ use the same words with a dash. */
export const Vendor = z.enum(['zendesk', 'zoho_desk', 'zoho_crm', 'zoho_connect']);
export type Vendor = z.infer<typeof Vendor>;

/** Each product as its maker writes it, for the sentences Portier says about it. */
export const VENDOR_NAMES: Readonly<Record<Vendor, string>> = { zendesk: 'Zendesk', zoho_desk: 'Zoho Desk', zoho_crm: 'Zoho CRM', zoho_connect: 'Zoho Connect' };

/**
 * Records are identified across vendors and accounts by `vendor:accountId:recordId`: two Zendesk
 * subdomains may both have a user 42.
 */
export function recordKey(vendor: Vendor, accountId: string, recordId: string): string {
  return `${vendor}:${accountId}:${recordId}`;
}

/** An ISO 8601 timestamp with offset, as the vendors and Dexie indexes both sort it. */
export const IsoDate = z.iso.datetime({ offset: true });
