import type { Credentials } from '../credentials';
import type { ConnectAccount } from '../messages';
import type { Account } from '../model';
import { DiscoveryError, discoverZohoOrgs, type ZohoOrgChoice, type ZohoVendor } from '../vendors/zoho/discover';
import { obtainCredentials, type ConnectDeps } from './connect';
import { CONNECT_STEP_MS, withinStep } from './deadline';
import { ServiceError } from './errors';
import { revokeDropped } from './revoke';
import type { PendingSignIns } from './sign-ins';

/**
 * Zoho accounts are picked, not typed: the agent signs in first, Portier reads what that sign-in
 * reaches (Desk organizations, the CRM org, Connect networks: vendors/zoho/discover.ts) and the
 * agent picks one from the list; the account is then connected with the same sign-in.
 */

type ZohoConnect = Extract<ConnectAccount, { vendor: ZohoVendor }>;

/** A provisional account row, for what a sign-in needs before there is an account: the vendor's addresses. */
function provisionalRow(vendor: ZohoVendor, dataCenter: string): Account {
  return { id: `${dataCenter}:`, vendor, label: '', dataCenter, authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: new Date(0).toISOString() };
}

/** The vendor's API address for a sign-in (CRM: the token's api_domain). */
function apiBaseOf(deps: ConnectDeps, vendor: ZohoVendor, dataCenter: string, credentials: Credentials): string {
  return deps.registry[vendor].endpoint(provisionalRow(vendor, dataCenter), credentials).apiBase;
}

/**
 * Ends a sign-in's grant at Zoho, best effort, when no account keeps it: Zoho keeps at most 20
 * refresh tokens per user and client and deletes the oldest past that (revoke.ts, revokeDropped).
 */
function revokeSignIn(deps: ConnectDeps, vendor: ZohoVendor, dataCenter: string, credentials: Credentials): Promise<void> {
  return revokeDropped(deps, provisionalRow(vendor, dataCenter), credentials);
}

/** What the sign-in reaches, within one step's bound; a vendor that does not say is an error that says so. */
export async function discover(deps: ConnectDeps, vendor: ZohoVendor, dataCenter: string, credentials: Credentials): Promise<ZohoOrgChoice[]> {
  if (credentials.kind !== 'oauth') return [];
  const ms = deps.stepMs ?? CONNECT_STEP_MS;
  const controller = new AbortController();
  const work = discoverZohoOrgs({
    vendor,
    apiBase: apiBaseOf(deps, vendor, dataCenter, credentials),
    accessToken: credentials.tokens.accessToken,
    signal: controller.signal,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  try {
    return await withinStep(work, ms, () => {
      controller.abort();
      const seconds = Math.round(ms / 1000);
      return new ServiceError('VENDOR_ERROR', {
        en: `${PRODUCT[vendor]} did not say within ${seconds} s what this sign-in reaches. Check your connection and sign in again.`,
        fr: `${PRODUCT[vendor]} n'a pas indiqué en ${seconds} s à quoi cette connexion donne accès. Vérifiez votre accès à Internet et connectez-vous à nouveau.`,
      });
    });
  } catch (error) {
    if (error instanceof DiscoveryError) {
      throw new ServiceError('VENDOR_ERROR', {
        en: `${error.localized.en}. Sign in again, or connect with the id instead.`,
        fr: `${error.localized.fr}. Connectez-vous à nouveau, ou connectez plutôt le compte avec son identifiant.`,
      });
    }
    throw error;
  }
}

const PRODUCT: Record<ZohoVendor, string> = { zoho_desk: 'Zoho Desk', zoho_crm: 'Zoho CRM', zoho_connect: 'Zoho Connect' };

/** What a sign-in reaches at each vendor, as the refusals below name it: "no …", "one of the … listed". */
function reachedWords(vendor: ZohoVendor) {
  return vendor === 'zoho_connect'
    ? { one: 'network', many: 'networks', none: 'aucun réseau', oneOfList: "l'un des réseaux de la liste" }
    : { one: 'organization', many: 'organizations', none: 'aucune organisation', oneOfList: "l'une des organisations de la liste" };
}

/** Step one: the agent signs in; the answer is the list to pick from, and an id for step two. */
export async function signInToZoho(
  deps: ConnectDeps,
  signIns: PendingSignIns,
  req: { vendor: ZohoVendor; dataCenter: ZohoConnect['dataCenter'] },
): Promise<{ signInId: string; choices: ZohoOrgChoice[] }> {
  // The sign-in does not depend on the org: Zoho's consent page names the user, not an org.
  const credentials = await obtainCredentials({ vendor: req.vendor, dataCenter: req.dataCenter, orgId: 'sign-in', auth: { kind: 'oauth' } }, deps);
  const revoke = () => revokeSignIn(deps, req.vendor, req.dataCenter, credentials);
  let choices: ZohoOrgChoice[];
  try {
    choices = await discover(deps, req.vendor, req.dataCenter, credentials);
  } catch (error) {
    // Nothing to pick from: the grant just made would only count against Zoho's 20.
    void revoke();
    throw error;
  }
  if (choices.length === 0) {
    void revoke();
    const words = reachedWords(req.vendor);
    throw new ServiceError('NOT_FOUND', {
      en: `This Zoho sign-in reaches no ${PRODUCT[req.vendor]} ${words.one} in this data center: sign in with another Zoho user, or choose the data center your ${PRODUCT[req.vendor]} is in.`,
      fr: `Cette connexion Zoho ne donne accès à ${words.none} ${PRODUCT[req.vendor]} dans ce centre de données : connectez-vous avec un autre utilisateur Zoho, ou choisissez le centre de données où se trouve votre ${PRODUCT[req.vendor]}.`,
    });
  }
  const signInId = deps.newId();
  // Revoked if it ends unused (expired, or replaced by a new sign-in): sign-ins.ts.
  signIns.put(signInId, { vendor: req.vendor, dataCenter: req.dataCenter, credentials, choices, revoke });
  return { signInId, choices };
}

/**
 * The credentials of step two: those of the pending sign-in the request names (which must be the
 * same vendor and data center, and reach the org picked), or a new sign-in.
 */
export async function credentialsFor(req: ConnectAccount, deps: ConnectDeps, signIns: PendingSignIns): Promise<{ credentials: Credentials; choices?: ZohoOrgChoice[] }> {
  const signInId = req.vendor !== 'zendesk' ? req.auth.signInId : undefined;
  if (req.vendor === 'zendesk' || !signInId) return { credentials: await obtainCredentials(req, deps) };
  // Looked at before it is taken: a request it does not fit leaves it to the agent's next pick.
  const pending = signIns.peek(signInId);
  if (!pending || pending.vendor !== req.vendor || pending.dataCenter !== req.dataCenter) {
    throw new ServiceError('AUTH_FAILED', {
      en: 'This sign-in is over (it lasts 10 minutes, and connects one account): sign in to Zoho again.',
      fr: "Cette connexion n'est plus valable (elle dure 10 minutes et ne connecte qu'un seul compte) : connectez-vous de nouveau à Zoho.",
    });
  }
  if (!pending.choices.some((c) => c.orgId === req.orgId)) {
    const words = reachedWords(pending.vendor);
    throw new ServiceError('BAD_MESSAGE', {
      en: `This sign-in does not reach "${req.orgId}": pick one of the ${words.many} listed.`,
      fr: `Cette connexion ne donne pas accès à « ${req.orgId} » : choisissez ${words.oneOfList}.`,
    });
  }
  // Taken: the caller keeps its grant or revokes it (connect-account.ts).
  signIns.take(signInId);
  return { credentials: pending.credentials, choices: pending.choices };
}

/**
 * What the account is called at the vendor, and the names its pages carry: the org picked (Desk),
 * every network of the sign-in (Connect, whose networks are all destinations of the account).
 */
export function aboutAccount(vendor: ZohoVendor, orgId: string, choices: readonly ZohoOrgChoice[]): { name?: string; pageNames: string[] } {
  const picked = choices.find((c) => c.orgId === orgId);
  const pages = vendor === 'zoho_connect' ? choices : picked ? [picked] : [];
  const pageNames = [...new Set(pages.map((c) => c.pageName).filter((n): n is string => Boolean(n)))];
  return { ...(picked ? { name: picked.name } : {}), pageNames };
}
