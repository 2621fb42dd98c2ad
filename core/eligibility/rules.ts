import { isCompanyDomain } from '../email';
import type { EligibilityActor, EligibilityContact, EligibilityTarget, ReasonCode } from '../model';
import type { CodeSet } from './codes';
import type { EmailFacts } from './email-facts';

/**
 * The rules of RULES.md, one function per concern. Each pushes the codes that apply; severity and
 * the verdict are decided in evaluate(), so a rule says only "this is the case".
 */

const DAY_MS = 86_400_000;
/** CRM: « L'e-mail d'invitation sera valide pendant 7 jours seulement ». */
export const INVITATION_VALID_MS = 7 * DAY_MS;

const isCrm = (t: EligibilityTarget) => t.kind === 'zoho_crm.portal';
const isNetwork = (t: EligibilityTarget, type: 'internal' | 'external') =>
  t.kind === 'zoho_connect.network' && t.networkType === type;

/**
 * `facts` is undefined when the contact has no email; `company` is the target's company domains
 * in punycode (see companyDomainsOf), computed once per call rather than once per contact.
 */
export function emailRules(
  contact: EligibilityContact,
  facts: EmailFacts | undefined,
  target: EligibilityTarget,
  company: readonly string[],
  out: CodeSet,
): void {
  if (!facts || facts.parsed.trimmed === '') {
    out.add('EMAIL_MISSING');
    return;
  }
  // Verification is a fact about the contact's address, not about its form: report it either way.
  if (contact.emailVerified === false && (target.kind === 'zoho_desk.help_center' || target.kind === 'zendesk.end_user')) {
    out.add('EMAIL_UNVERIFIED');
  }
  if (isCrm(target) && !facts.crmCharactersOk) out.add('EMAIL_UNSUPPORTED_CHARACTERS');
  if (!facts.parsed.ok) {
    out.add('EMAIL_MALFORMED');
    return; // domain checks run only on well-formed addresses
  }
  if (facts.disposable) out.add('EMAIL_DISPOSABLE');
  if (facts.reserved) out.add('EMAIL_DOMAIN_RESERVED');
  if (company.length > 0) {
    const inCompany = isCompanyDomain(facts.parsed.asciiDomain, company);
    if (isCrm(target) && inCompany) out.add('COMPANY_DOMAIN');
    if (isNetwork(target, 'internal') && !inCompany) out.add('INTERNAL_DOMAIN_MISMATCH');
  }
}

export function membershipRules(contact: EligibilityContact, target: EligibilityTarget, now: Date, out: CodeSet): void {
  if (isNetwork(target, 'internal') && contact.internalNetworkId !== undefined) {
    out.add(contact.internalNetworkId === target.id ? 'ALREADY_MEMBER' : 'IN_OTHER_INTERNAL_NETWORK');
  }
  const membership = contact.membership;
  if (!membership) return;
  // Zendesk has no invitation state: a user with this email exists or not.
  if (target.kind === 'zendesk.end_user') {
    out.add('ALREADY_MEMBER');
    return;
  }
  switch (membership.status) {
    case 'invited': {
      const sentAt = membership.invitedAt === undefined ? Number.NaN : Date.parse(membership.invitedAt);
      // An invitation of unknown age is treated as expired: re-inviting is harmless, never inviting is not.
      const pending = !Number.isNaN(sentAt) && now.getTime() - sentAt < INVITATION_VALID_MS;
      out.add(pending ? 'INVITATION_PENDING' : 'INVITATION_EXPIRED');
      return;
    }
    case 'confirmed':
    case 'active':
      out.add('ALREADY_MEMBER');
      return;
    case 'deactivated':
      out.add(isCrm(target) ? 'PORTAL_USER_DEACTIVATED' : 'ALREADY_MEMBER');
      return;
  }
}

const RECORD_STATE_CODES: Partial<Record<NonNullable<EligibilityContact['recordState']>, ReasonCode>> = {
  pending_approval: 'RECORD_PENDING_APPROVAL',
  under_review: 'RECORD_UNDER_REVIEW',
  deleted: 'RECORD_DELETED',
  recycle_bin: 'RECORD_IN_RECYCLE_BIN',
};

export function crmRecordRules(contact: EligibilityContact, target: EligibilityTarget, out: CodeSet): void {
  if (!isCrm(target)) return;
  const code = contact.recordState && RECORD_STATE_CODES[contact.recordState];
  if (code) out.add(code);
  if (target.consentRequired === true && contact.consent === 'missing') out.add('CONSENT_MISSING');
}

export function networkRules(contact: EligibilityContact, target: EligibilityTarget, out: CodeSet): void {
  if (!isNetwork(target, 'external')) return;
  if (contact.hasZohoAccount === false) out.add('ZOHO_ACCOUNT_REQUIRED');
}

/** What the signed-in agent may do. A role never implies a permission; an unknown list never blocks. */
export function actorRules(actor: EligibilityActor, target: EligibilityTarget, out: CodeSet): void {
  const perms = actor.permissions;
  switch (target.kind) {
    case 'zendesk.end_user':
      if (actor.role === 'end_user') out.add('NOT_AN_AGENT');
      return;
    case 'zoho_crm.portal':
      if (perms && !perms.includes('portal.manage')) out.add('NO_PORTAL_PERMISSION');
      return;
    case 'zoho_connect.network':
      if (target.networkType === 'external' && perms && !perms.includes('network.admin') && !perms.includes('network.add_users')) {
        out.add('NOT_NETWORK_ADMIN');
      }
      return;
    case 'zoho_desk.help_center':
      return;
  }
}

export function targetRules(target: EligibilityTarget, out: CodeSet): void {
  if (target.kind === 'zoho_desk.help_center' && target.status === 'disabled') out.add('HELP_CENTER_DISABLED');
}

/** Seats are counted only where the vendor counts them: CRM user types and Connect external users. */
export function seatsLeft(target: EligibilityTarget): number | undefined {
  if (!target.seats) return undefined;
  if (!isCrm(target) && !isNetwork(target, 'external')) return undefined;
  return Math.max(0, target.seats.limit - target.seats.used);
}
