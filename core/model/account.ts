import { z } from 'zod';
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
  dataCenter: z.string().optional(),
  subdomain: z.string().optional(),
  orgId: z.string().optional(),
  authKind: AuthKind,
  status: z.enum(['connected', 'needs_reconnect']),
  /** The organization's own email domains: employees never go to a CRM portal. */
  companyDomains: z.array(z.string()).default([]),
  connectedAt: IsoDate,
});
export type Account = z.infer<typeof Account>;
