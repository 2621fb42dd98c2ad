import type { PortierDb } from '../db';
import { parseEmail } from '../email';
import type { Account } from '../model';
import { notConnected, ServiceError } from './errors';

/** The options page's settings of one account: company domains, default destination, page names. */

export interface AccountSettings {
  companyDomains: string[];
  /** null clears it. */
  defaultTargetKey: string | null;
  /** Absent: kept as they are. */
  pageNames?: string[] | undefined;
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
    const { defaultTargetKey: _old, ...rest } = row;
    const next: Account = {
      ...rest,
      companyDomains,
      ...(settings.defaultTargetKey !== null ? { defaultTargetKey: settings.defaultTargetKey } : {}),
      ...(settings.pageNames !== undefined ? { pageNames: normalizePageNames(settings.pageNames) } : {}),
    };
    await db.accounts.put(next);
    return next;
  });
}
