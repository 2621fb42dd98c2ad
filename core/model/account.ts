import * as z from 'zod/mini';
import { IsoDate, Vendor } from './vendor';

/**
 * A connected vendor account. Credentials are not part of it: they stay in the background's own
 * storage and never reach the panel or a content script.
 */
export const AuthKind = z.enum(['session', 'oauth', 'api_token']);

/**
 * Settings of the account a vendor's refusal revealed, each with when it was learned, so that the
 * next verdicts are right and the panel can say what Portier learned (issue #12). The eligibility
 * core reads them as the target fields of RULES.md: `consentRequired`, and `seats` used up.
 */
export const AccountLessons = z.object({
  /** Zoho CRM refused an invitation for consent (CONSENT_NOT_GIVEN): GDPR consent is on for the org. */
  consentRequired: z.optional(IsoDate),
  /**
   * Destination key → when the vendor said no seat was left (LICENSE_LIMIT), and its name; trusted
   * for a while only. `portal`: the Zoho CRM portal, whose user types share one pool of seats.
   */
  seatsFull: z.optional(z.record(z.string(), z.object({ at: IsoDate, name: z.string(), portal: z.optional(z.string()) }))),
  /** Zendesk refused create_many (403): bulk import is off; users are created one by one. */
  bulkImportOff: z.optional(IsoDate),
});
export type AccountLessons = z.infer<typeof AccountLessons>;

/** The most portal seats the options page takes: far above any Zoho CRM plan, well below a typo's. */
export const PORTAL_SEAT_LIMIT_MAX = 1_000_000;

export const Account = z.object({
  /** Zendesk: the subdomain; Zoho: `${dataCenter}:${orgId}`. */
  id: z.string(),
  vendor: Vendor,
  label: z.string(),
  /** Zoho data center top-level domain (com, eu, in, com.au, jp, com.cn, sa, ca). */
  dataCenter: z.optional(z.string()),
  subdomain: z.optional(z.string()),
  orgId: z.optional(z.string()),
  authKind: AuthKind,
  status: z.enum(['connected', 'needs_reconnect']),
  /** The organization's own email domains: employees never go to a CRM portal. */
  companyDomains: z._default(z.array(z.string()), []),
  /**
   * Zoho CRM: how many portal users a portal may have, shared by all its user types (the CRM API
   * gives no limit). Absent: unknown, and only Zoho's refusal says the seats are full. Options page.
   */
  portalSeatLimit: z.optional(z.int().check(z.gte(1))),
  /** The destination the panel preselects (a Target key), set on the options page. */
  defaultTargetKey: z.optional(z.string()),
  /**
   * Other names the vendor's URLs use for this account (a Zoho Desk or Connect portal name), so a
   * page of `desk.zoho.com/agent/acme/…` is matched to the account connected by org id.
   */
  pageNames: z.optional(z.array(z.string())),
  /** What the vendor's refusals revealed of the account's settings (core/background/lessons.ts). */
  learned: z.optional(AccountLessons),
  connectedAt: IsoDate,
});
export type Account = z.infer<typeof Account>;
