/**
 * The agent pages of the sandbox helpdesk: what an agent sees in each vendor's web app, at the
 * products' own URL shapes, on the vendor's `*.localhost` host. server.ts mounts this router behind
 * the APIs (a request no API route matched comes here) and keeps the API's 404 when this one answers
 * 404. Page scripts and styles are served from `/sandbox-assets/` on every vendor host.
 *
 *   Zendesk        <sub>.zendesk.localhost   /access/login, /agent/users/{id}, /agent/user_filters[/{id}]
 *   Zoho Accounts  accounts.zoho.localhost   /signin, /logout (one session for the three Zoho apps)
 *   Zoho Desk      desk.zoho.localhost       /agent/{portal}/{department}/contacts/details/{id}, …/contacts/list/{view}
 *   Zoho CRM       crm.zoho.localhost        /crm/org{id}/tab/{Module}/{id}, …/tab/{Module}[/custom-view/{cvid}/list]
 *   Zoho Connect   connect.zoho.localhost    /portal/{portal}/members, /portal/{portal}/profile/{zuid}
 */
import { Hono } from 'hono';
import type { SiteKind } from '../hosts';
import type { PagesRouter } from '../server';
import type { SandboxState } from '../state';
import type { SandboxBindings } from '../vendors/http';
import { asset, ASSET_PREFIX, unmatched } from './html';
import { zendeskPages } from './zendesk';
import { connectPages } from './zoho-connect';
import { crmPages } from './zoho-crm';
import { deskPages } from './zoho-desk';
import { zohoSigninPages } from './zoho-signin';

type Env = { Bindings: SandboxBindings };

export function createPagesRouter(state: SandboxState): PagesRouter {
  const vendors: Partial<Record<SiteKind, { fetch: PagesRouter['fetch'] }>> = {
    zendesk: zendeskPages(state),
    zoho_desk: deskPages(state),
    zoho_crm: crmPages(state),
    zoho_connect: connectPages(state),
    zoho_accounts: zohoSigninPages(state),
  };
  const app = new Hono<Env>();
  app.notFound(() => unmatched());
  app.get(`${ASSET_PREFIX}:file`, (c) => asset(c.req.param('file')) ?? c.notFound());
  // Browsers ask every host for one; an empty answer keeps their consoles free of 404s.
  app.get('/favicon.ico', () => new Response(null, { status: 204 }));
  app.all('*', async (c) => {
    const pages = vendors[c.env.site.kind];
    return pages ? pages.fetch(c.req.raw, c.env) : c.notFound();
  });
  return app;
}
