import { z } from 'zod';
import { EligibilityContact } from './eligibility';
import { IsoDate, Vendor } from './vendor';

/**
 * A contact as Portier caches it: what the vendor API said of the record (never what the host page
 * showed), plus where it came from. The vendor stays the system of record.
 */
export const Contact = EligibilityContact.omit({ membership: true }).extend({
  /** recordKey(vendor, accountId, id) */
  key: z.string(),
  vendor: Vendor,
  accountId: z.string(),
  /** CRM module (Contacts, Leads, Vendors or a custom one); absent for the other vendors. */
  module: z.string().optional(),
  organization: z.string().optional(),
  phone: z.string().optional(),
  /** Normalised email for lookups (core/email.ts), absent when the email is missing or malformed. */
  emailKey: z.string().optional(),
  fetchedAt: IsoDate,
});
export type Contact = z.infer<typeof Contact>;
