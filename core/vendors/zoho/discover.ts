import { z } from '../../zod';
import type { Localized } from '../../i18n';
import type { Vendor } from '../../model';

/**
 * What a fresh Zoho sign-in reaches, read with its access token before any account exists, so the
 * agent picks from a list rather than typing ids found nowhere they look (issue #12):
 * - Desk: the organizations of the user, `GET /api/v1/organizations` (the one Desk call that needs no
 *   `orgId`, NOTES.md §2), each with the portal name its agent pages show (`/agent/<portalName>/…`);
 * - CRM: the org of the token, `GET /crm/v8/org` (its id is the `org<id>` of the CRM's URLs);
 * - Connect: the networks of the user, `GET /pulse/api/allScopes` (NOTES.md §4), each with the portal
 *   name its pages show (`/portal/<name>/…`).
 */

export type ZohoVendor = Extract<Vendor, 'zoho_desk' | 'zoho_crm' | 'zoho_connect'>;

export interface ZohoOrgChoice {
  /** What the account is connected by: Desk orgId, CRM org id, Connect scopeID. */
  orgId: string;
  name: string;
  /** The name the vendor's page URLs carry for it (Desk portal, Connect network), for page matching. */
  pageName?: string;
  isDefault?: boolean;
}

const Id = z.union([z.string(), z.number()]).transform(String);
const Flag = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'true');

/** Desk organizations [UNCONFIRMED fields beyond id: companyName, portalName, isDefault, as Zoho's API reference lists them]. */
const DeskOrganizations = z.object({
  data: z.array(z.object({ id: Id, companyName: z.string().optional(), portalName: z.string().optional(), isDefault: Flag.optional() }).passthrough()),
});
/** CRM org: `{org: [{id, company_name, zgid, …}]}`; the URL's `org<n>` is the zgid where it differs from id. */
const CrmOrg = z.object({
  org: z.array(z.object({ id: Id, zgid: Id.optional(), company_name: z.string().nullish(), domain_name: z.string().nullish() }).passthrough()).min(1),
});
const ConnectScopes = z.object({
  allScopes: z.object({ scopes: z.array(z.object({ id: Id, name: z.string(), url: z.string().optional(), isDefault: Flag.optional() }).passthrough()) }),
});

const PATHS: Record<ZohoVendor, string> = {
  zoho_desk: 'api/v1/organizations',
  zoho_crm: 'crm/v8/org',
  zoho_connect: 'pulse/api/allScopes',
};

const NAMES: Record<ZohoVendor, string> = { zoho_desk: 'Zoho Desk', zoho_crm: 'Zoho CRM', zoho_connect: 'Zoho Connect' };

/** `…/portal/acmepartners` or `/portal/acmepartners/…` → `acmepartners`. */
function portalNameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return /^\/portal\/([^/?#]+)/.exec(path)?.[1];
}

/** What went wrong, in every language the pages speak (`message`: the English). */
export class DiscoveryError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
  }
}

/**
 * The organizations or networks the token reaches, default first. Throws DiscoveryError with the
 * vendor's name, the endpoint and what went wrong, never a raw body.
 */
export async function discoverZohoOrgs(options: {
  vendor: ZohoVendor;
  apiBase: string;
  accessToken: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}): Promise<ZohoOrgChoice[]> {
  const { vendor } = options;
  const endpoint = `GET /${PATHS[vendor]}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${options.apiBase.replace(/\/+$/, '')}/${PATHS[vendor]}`, {
      headers: { accept: 'application/json', authorization: `Zoho-oauthtoken ${options.accessToken}` },
      credentials: 'omit',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    const why = `${endpoint}: ${error instanceof Error ? error.message : String(error)}`;
    throw new DiscoveryError({ en: `${NAMES[vendor]} did not answer (${why})`, fr: `${NAMES[vendor]} n'a pas répondu (${why})` });
  }
  if (!response.ok) {
    const why = `${endpoint}: HTTP ${response.status}`;
    throw new DiscoveryError({
      en: `${NAMES[vendor]} refused to list what this sign-in reaches (${why})`,
      fr: `${NAMES[vendor]} a refusé de lister ce à quoi cette connexion donne accès (${why})`,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  const choices = read(vendor, body);
  if (!choices) {
    throw new DiscoveryError({
      en: `${NAMES[vendor]} answered ${endpoint} in a shape Portier does not know`,
      fr: `${NAMES[vendor]} a répondu à ${endpoint} sous une forme que Portier ne connaît pas`,
    });
  }
  return choices.sort((a, b) => Number(b.isDefault ?? false) - Number(a.isDefault ?? false));
}

function read(vendor: ZohoVendor, body: unknown): ZohoOrgChoice[] | undefined {
  if (vendor === 'zoho_desk') {
    const parsed = DeskOrganizations.safeParse(body);
    return parsed.success
      ? parsed.data.data.map((o) => ({
          orgId: o.id,
          name: o.companyName ?? o.portalName ?? o.id,
          ...(o.portalName ? { pageName: o.portalName } : {}),
          ...(o.isDefault ? { isDefault: true } : {}),
        }))
      : undefined;
  }
  if (vendor === 'zoho_crm') {
    const parsed = CrmOrg.safeParse(body);
    return parsed.success
      ? parsed.data.org.map((o) => ({ orgId: o.zgid ?? o.id, name: o.company_name ?? o.domain_name ?? o.zgid ?? o.id, isDefault: true }))
      : undefined;
  }
  const parsed = ConnectScopes.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.allScopes.scopes.map((s) => {
    const pageName = portalNameOf(s.url);
    return { orgId: s.id, name: s.name, ...(pageName ? { pageName } : {}), ...(s.isDefault ? { isDefault: true } : {}) };
  });
}
