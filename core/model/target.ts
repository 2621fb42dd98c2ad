import * as z from 'zod/mini';
import { EligibilityTarget } from './eligibility';
import { IsoDate, Vendor } from './vendor';

/**
 * A destination of the connected account: a Zendesk account (end users), a Desk help center, a CRM
 * portal user type or a Connect network, cached with what the eligibility rules need.
 */
export const Target = z.extend(EligibilityTarget, {
  key: z.string(),
  vendor: Vendor,
  accountId: z.string(),
  name: z.string(),
  /** CRM: the portal the user type belongs to. */
  portalName: z.optional(z.string()),
  fetchedAt: IsoDate,
});
export type Target = z.infer<typeof Target>;
