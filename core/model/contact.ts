import * as z from 'zod/mini';
import { EligibilityContact } from './eligibility';
import { IsoDate, Vendor } from './vendor';

/**
 * A contact as Portier caches it: what the vendor API said of the record (never what the host page
 * showed), plus where it came from. The vendor stays the system of record.
 */
export const Contact = z.extend(z.omit(EligibilityContact, { membership: true }), {
  /** recordKey(vendor, accountId, id) */
  key: z.string(),
  vendor: Vendor,
  accountId: z.string(),
  /** CRM module (Contacts, Leads, Vendors or a custom one); absent for the other vendors. */
  module: z.optional(z.string()),
  organization: z.optional(z.string()),
  phone: z.optional(z.string()),
  /** Normalised email for lookups (core/email.ts), absent when the email is missing or malformed. */
  emailKey: z.optional(z.string()),
  fetchedAt: IsoDate,
});
export type Contact = z.infer<typeof Contact>;
