import * as z from 'zod/mini';
import type { PortierDb } from '../db';
import { parseEmail } from '../email';
import { PORTAL_SEAT_LIMIT_MAX, type Account } from '../model';
import { notConnected, ServiceError } from './errors';

/** The options page's settings of one account: company domains, default destination, page names, portal seats. */

export interface AccountSettings {
  companyDomains: string[];
  /** null clears it. */
  defaultTargetKey: string | null;
  /** Absent: kept as they are. */
  pageNames?: string[] | undefined;
  /** Zoho CRM only: the portal's seats, shared by its user types. null clears it; absent keeps it. */
  portalSeatLimit?: number | null | undefined;
}

const PortalSeatLimit = z.int().check(z.gte(1), z.lte(PORTAL_SEAT_LIMIT_MAX));

/**
 * A whole number of seats from 1 up, on a Zoho CRM account only. Refused in words rather than
 * rounded or dropped: a wrong limit would block invitations Zoho accepts, or let pass ones it refuses.
 */
function checkSeatLimit(account: Account, limit: number): number {
  if (account.vendor !== 'zoho_crm') {
    throw new ServiceError('BAD_MESSAGE', {
      en: 'Portal seats are a Zoho CRM setting: this account is not a Zoho CRM account.',
      fr: 'Les places du portail sont un réglage de Zoho CRM : ce compte n\'est pas un compte Zoho CRM.',
    });
  }
  const parsed = PortalSeatLimit.safeParse(limit);
  if (!parsed.success) {
    const max = { en: PORTAL_SEAT_LIMIT_MAX.toLocaleString('en'), fr: PORTAL_SEAT_LIMIT_MAX.toLocaleString('fr') };
    throw new ServiceError('BAD_MESSAGE', {
      en: `"${limit}" is not a number of portal seats: write a whole number from 1 to ${max.en}, or leave it empty if you do not know it.`,
      fr: `« ${limit} » n'est pas un nombre de places du portail : écrivez un nombre entier de 1 à ${max.fr}, ou laissez vide si vous ne le connaissez pas.`,
    });
  }
  return parsed.data;
}

/**
 * Domains as an admin types them (`@Acme.com`, `.acme.fr`) become `acme.com`, `acme.fr`, each once.
 * The Unicode form is kept for the options page to show; the eligibility core compares in punycode.
 * Anything that is not a domain is refused by name rather than dropped: a silently lost domain
 * would let employees be invited to a customer portal.
 */
export function normalizeDomains(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of raw) {
    const domain = entry.trim().toLowerCase().replace(/^@/, '').replace(/^\.+|\.+$/g, '');
    if (domain === '' || !parseEmail(`x@${domain}`).ok) {
      throw new ServiceError('BAD_MESSAGE', {
        en: `"${entry}" is not a domain: write company domains like acme.com, without the part before @.`,
        fr: `« ${entry} » n'est pas un domaine : écrivez les domaines de l'entreprise sous la forme acme.com, sans la partie avant @.`,
      });
    }
    if (!out.includes(domain)) out.push(domain);
  }
  return out;
}

/** Page names compare without case (matchAccount), so `Acme` and `acme` are one. */
function normalizePageNames(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of raw) {
    const name = entry.trim();
    if (name !== '' && !out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name);
  }
  return out;
}

export async function saveAccountSettings(db: PortierDb, accountId: string, settings: AccountSettings): Promise<Account> {
  const companyDomains = normalizeDomains(settings.companyDomains);
  return db.transaction('rw', db.accounts, async () => {
    const row = await db.accounts.get(accountId);
    if (!row) throw notConnected(accountId);
    const { defaultTargetKey: _old, portalSeatLimit: oldLimit, ...rest } = row;
    const seatLimit = settings.portalSeatLimit === undefined ? oldLimit : settings.portalSeatLimit === null ? undefined : checkSeatLimit(row, settings.portalSeatLimit);
    const next: Account = {
      ...rest,
      companyDomains,
      ...(settings.defaultTargetKey !== null ? { defaultTargetKey: settings.defaultTargetKey } : {}),
      ...(settings.pageNames !== undefined ? { pageNames: normalizePageNames(settings.pageNames) } : {}),
      ...(seatLimit !== undefined ? { portalSeatLimit: seatLimit } : {}),
    };
    await db.accounts.put(next);
    return next;
  });
}
