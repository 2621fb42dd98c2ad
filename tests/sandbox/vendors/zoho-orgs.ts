/**
 * What a Zoho sign-in reaches, for Portier's "sign in, then pick" connection (core/vendors/zoho/discover.ts):
 * - Desk `GET /api/v1/organizations`: the organizations the token's user is an agent of, the one
 *   Desk call that needs no `orgId` (NOTES.md §2) [SANDBOX body: `{data: [{id, companyName,
 *   portalName, isDefault}]}` as Zoho's API reference lists the fields; no OAS file covers it];
 * - CRM `GET /crm/v8/org`: the org of the token [SANDBOX body: `{org: [{id, zgid, company_name,
 *   domain_name}]}`; the zgid is the `org<n>` of CRM's URLs, and the sandbox's orgId].
 */
import type { Hono, MiddlewareHandler } from 'hono';
import type { SandboxState } from '../state';
import type { SandboxEnv } from './http';
import type { ZohoAuthVars } from './zoho-auth';
import { crmError, SCOPE_MISMATCH } from './zoho-crm-model';
import { scopeMismatch } from './zoho-desk-model';
import { hasScope } from './zoho-auth';

type Env = SandboxEnv<ZohoAuthVars>;

/** Registered after Desk's authentication and before its `orgId` check, which this call is spared. */
export function deskOrganizations(state: SandboxState): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.req.method !== 'GET' || c.req.path !== '/api/v1/organizations') return next();
    if (!hasScope(c, 'Desk.basic.READ') && !hasScope(c, 'Desk.settings.READ')) return scopeMismatch();
    const zuid = c.get('zuid');
    const orgs = Object.values(state.data.desk).filter((org) => org.agents.some((a) => a.zuid === zuid));
    return c.json({
      data: orgs.map((org, i) => ({ id: org.orgId, companyName: org.name, portalName: org.portalName, isDefault: i === 0, edition: org.edition })),
    });
  };
}

export function registerCrmOrg(app: Hono<SandboxEnv<ZohoAuthVars & Record<string, unknown>>>, state: SandboxState): void {
  app.get('/crm/v8/org', (c) => {
    if (!hasScope(c, 'ZohoCRM.settings.clientportal.ALL') && !hasScope(c, 'ZohoCRM.modules.ALL')) return SCOPE_MISMATCH();
    const org = state.data.crm;
    if (!org) return crmError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
    return c.json({ org: [{ id: `${org.orgId}000`, zgid: org.orgId, company_name: org.name, domain_name: `org${org.orgId}` }] });
  });
}
