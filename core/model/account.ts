import * as z from 'zod/mini';
import { IsoDate, Vendor } from './vendor';

/**
 * A connected vendor account. Credentials are not part of it: they stay in the background's own
 * storage and never reach the panel or a content script.
 */
export const AuthKind = z.enum(['session', 'oauth', 'api_token']);

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
  /** The destination the panel preselects (a Target key), set on the options page. */
  defaultTargetKey: z.optional(z.string()),
  /**
   * Other names the vendor's URLs use for this account (a Zoho Desk or Connect portal name), so a
   * page of `desk.zoho.com/agent/acme/…` is matched to the account connected by org id.
   */
  pageNames: z.optional(z.array(z.string())),
  connectedAt: IsoDate,
});
export type Account = z.infer<typeof Account>;
