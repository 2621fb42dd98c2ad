import type { TargetKind } from '../model';

/**
 * The most contacts one vendor call may carry (RULES.md, "Destinations"; vendor-specs/SOURCES.md):
 * Zendesk create_many and CRM bulk portal_invite take 100, Desk's bulk invite documents no cap so
 * Portier sends 100, Connect's inviteUsersToNetwork takes 1,000 emailIds.
 */
export const VENDOR_BATCH_SIZE: Record<TargetKind, number> = {
  'zendesk.end_user': 100,
  'zoho_desk.help_center': 100,
  'zoho_crm.portal': 100,
  'zoho_connect.network': 1000,
};
