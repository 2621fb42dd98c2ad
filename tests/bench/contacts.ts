import type { EligibilityContact, EligibilityTarget, TargetKind } from '../../core/model';
import { seededRandom } from '../random';

/**
 * Deterministic contacts that look like a real list view: mostly ordinary customers, with the
 * share of odd cases a support team meets (company addresses, disposable ones, typos, existing
 * members, old invitations, repeated people), so the benchmark walks every rule, not a fast path.
 */

const DOMAINS = ['gmail.com', 'outlook.fr', 'globex.co.uk', 'initech.de', 'bücher.de', 'umbrella.com.au', 'acme.com', 'mailinator.com', 'example.invalid'];
const DAY = 86_400_000;

export function generateContacts(count: number, seed = 1, now = Date.UTC(2026, 10, 21)): EligibilityContact[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const contacts: EligibilityContact[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const domain = pick(DOMAINS);
    let email: string | undefined = `client.${seed}.${i}@${domain}`;
    if (roll < 0.01) email = undefined;
    else if (roll < 0.02) email = `client ${i}@${domain}`;
    else if (roll < 0.04 && i > 0) email = contacts[i - 1]!.email?.toUpperCase();
    const contact: EligibilityContact = { id: `c${seed}-${i}`, name: `Client ${i}`, email, emailVerified: random() > 0.05 };
    const m = random();
    if (m < 0.05) contact.membership = { status: 'active' };
    else if (m < 0.08) contact.membership = { status: 'invited', invitedAt: new Date(now - 3 * DAY).toISOString() };
    else if (m < 0.11) contact.membership = { status: 'invited', invitedAt: new Date(now - 8 * DAY).toISOString() };
    else if (m < 0.12) contact.membership = { status: 'deactivated' };
    if (random() < 0.02) contact.recordState = pick(['pending_approval', 'under_review', 'recycle_bin'] as const);
    if (random() < 0.03) contact.consent = 'missing';
    if (random() < 0.1) contact.hasZohoAccount = false;
    contacts.push(contact);
  }
  return contacts;
}

export const BENCH_TARGETS: Record<TargetKind, EligibilityTarget> = {
  'zendesk.end_user': { kind: 'zendesk.end_user', id: 'acme' },
  'zoho_desk.help_center': { kind: 'zoho_desk.help_center', id: 'hc-1', status: 'active' },
  'zoho_crm.portal': {
    kind: 'zoho_crm.portal',
    id: 'ut-customers',
    companyDomains: ['acme.com'],
    consentRequired: true,
    seats: { used: 1_000, limit: 60_000 },
  },
  'zoho_connect.network': {
    kind: 'zoho_connect.network',
    id: 'net-partners',
    networkType: 'external',
    companyDomains: ['acme.com'],
    seats: { used: 10, limit: 50_000 },
  },
};
