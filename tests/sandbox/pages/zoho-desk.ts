/**
 * Zoho Desk's agent app on `desk.zoho.localhost`, at the product's URL shapes
 * (tests/fixtures/urls/zoho-desk.ts): a contact `/agent/{portal}/{department}/contacts/details/{id}`,
 * a contacts list view `/agent/{portal}/{department}/contacts/list/{view}` (approximate), and
 * tickets and accounts (zoho-desk-tickets.ts). The page script (assets/zoho-desk.js) reads
 * `/api/v1/contacts…` with the Zoho session cookie and the `orgId` header, as the web app sends it.
 */
import { Hono, type Context } from 'hono';
import { ZOHO_HOSTS } from '../hosts';
import type { DeskOrg } from '../model';
import type { SandboxState } from '../state';
import { departmentSlug } from '../vendors/zoho-desk-model';
import { html, htmlDocument, unmatched, type Html } from './html';
import { pageUrl, redirect } from './session';
import { zohoAvatar, zohoLogo, zohoNotFound, zohoSignedIn, type ZohoPagesEnv } from './zoho-common';
import { deskAccountPage, deskTicketPage } from './zoho-desk-tickets';

type Ctx = Context<ZohoPagesEnv>;

/** The contacts list views of every portal [SANDBOX: names as Desk shows them, slugs approximate]. */
export const DESK_CONTACT_VIEWS = [{ slug: 'all-contacts', name: 'All Contacts' }] as const;
const STYLES = ['base.css', 'zoho-desk.css'];

export function deskPages(state: SandboxState) {
  const app = new Hono<ZohoPagesEnv>();
  app.notFound(() => unmatched());
  app.use('/agent', zohoSignedIn(state, 'ZohoSupport'));
  app.use('/agent/*', zohoSignedIn(state, 'ZohoSupport'));
  app.get('/agent', () => {
    const org = Object.values(state.data.desk)[0];
    if (!org) return zohoNotFound('No Zoho Desk portal', STYLES);
    return redirect(`/agent/${org.portalName}/${departmentSlug(org.departments[0]?.name ?? '')}/contacts/list/${DESK_CONTACT_VIEWS[0].slug}`);
  });
  app.get('/agent/:portal/:department/contacts/details/:id{[0-9]+}', (c) => withPortal(c, (org, dept) => contactPage(c, org, dept)));
  app.get('/agent/:portal/:department/contacts/list/:view', (c) => withPortal(c, (org, dept) => listPage(c, org, dept)));
  app.get('/agent/:portal/:department/tickets/details/:id{[0-9]+}', (c) => withPortal(c, (org, dept) => shell(c, org, dept, deskTicketPage(c.req.param('id') ?? ''))));
  app.get('/agent/:portal/:department/accounts/details/:id{[0-9]+}', (c) => withPortal(c, (org, dept) => shell(c, org, dept, deskAccountPage(c.req.param('id') ?? ''))));
  return app;

  function withPortal(c: Ctx, render: (org: DeskOrg, department: { id: string; name: string }) => Response): Response {
    const org = Object.values(state.data.desk).find((o) => o.portalName === c.req.param('portal'));
    const department = org?.departments.find((d) => departmentSlug(d.name) === c.req.param('department'));
    if (!org || !department) return zohoNotFound('This portal or department does not exist', STYLES);
    return render(org, department);
  }

  // The contact and list markup below is drawn again by assets/zoho-desk.js (contactView, listView)
  // when the agent moves inside the app: keep the two alike.
  function contactPage(c: Ctx, org: DeskOrg, department: { id: string; name: string }): Response {
    const id = c.req.param('id') ?? '';
    const main = html`
<div class="desk-contact" data-id="contactDetailView" data-contact-id="${id}">
  <aside class="desk-profile" data-id="contactProfileCard">
    <div class="desk-avatar" data-field="initials" aria-hidden="true"></div>
    <h1 class="desk-name" data-id="contactName" data-field="name">Loading…</h1>
    <p class="desk-email" data-id="contactEmail" data-field="email"></p>
    <span class="desk-badge" data-field="endUser" hidden></span>
    <h2>Contact Information</h2>
    <dl class="desk-fields">
      <dt>Email</dt><dd data-field="email"></dd>
      <dt>Phone</dt><dd data-id="contactPhone" data-field="phone"></dd>
      <dt>Mobile</dt><dd data-field="mobile"></dd>
      <dt>Account</dt><dd data-id="contactAccount" data-field="account"></dd>
      <dt>Type</dt><dd data-field="type"></dd>
      <dt>Created Time</dt><dd data-field="createdTime"></dd>
    </dl>
  </aside>
  <section class="desk-detail">
    <nav class="desk-tabs"><a class="is-active">Tickets</a><a>Time Entry</a><a>Activities</a><a>History</a></nav>
    <div class="desk-empty">No tickets found for this contact.</div>
  </section>
</div>`;
    return shell(c, org, department, { title: 'Contact', main, config: { page: 'contact', contactId: id } });
  }

  function listPage(c: Ctx, org: DeskOrg, department: { id: string; name: string }): Response {
    const view = DESK_CONTACT_VIEWS.find((v) => v.slug === c.req.param('view'));
    if (!view) return zohoNotFound('This view does not exist', STYLES);
    const base = `/agent/${org.portalName}/${departmentSlug(department.name)}/contacts/list`;
    const main = html`
<div class="desk-list-layout">
  <aside class="desk-views" aria-label="Views">
    <h2>Contacts</h2>
    <ul>${DESK_CONTACT_VIEWS.map((v) => html`<li><a href="${base}/${v.slug}" class="${v.slug === view.slug ? 'is-active' : ''}">${v.name}</a></li>`)}</ul>
  </aside>
  <section class="desk-list" data-id="contactListView" data-view="${view.slug}">
    <header class="desk-list-header">
      <h1>${view.name}</h1>
      <span class="desk-selection" data-id="contactListSelection" hidden></span>
      <nav class="desk-pager" data-id="contactListPager"></nav>
    </header>
    <table class="desk-table" data-id="contactListTable">
      <thead><tr>
        <th class="desk-check"><input type="checkbox" data-id="contactListSelectAll" aria-label="Select all contacts"></th>
        <th>Contact Name</th><th>Email</th><th>Phone</th><th>Account Name</th><th>Created Time</th>
      </tr></thead>
      <tbody><tr><td colspan="6" class="desk-empty">Loading…</td></tr></tbody>
    </table>
  </section>
</div>`;
    return shell(c, org, department, { title: view.name, main, config: { page: 'list', view: view.slug } });
  }

  function shell(
    c: Ctx, org: DeskOrg, department: { id: string; name: string },
    spec: { title: string; main: Html; config: Record<string, unknown>; module?: string; scripts?: string[] },
  ): Response {
    const modules = ['Home', 'Tickets', 'Knowledge Base', 'Customers', 'Activities', 'Analytics', 'Community']
      .map((m) => html`<a class="desk-module${m === (spec.module ?? 'Customers') ? ' is-active' : ''}">${m}</a>`);
    const list = `/agent/${org.portalName}/${departmentSlug(department.name)}/contacts/list/${DESK_CONTACT_VIEWS[0].slug}`;
    return htmlDocument({
      title: `${spec.title} | ${org.name} - Zoho Desk`, styles: STYLES, scripts: spec.scripts ?? ['common.js', 'zoho-desk.js'], bodyClass: 'zoho-desk',
      // The org's name and the list views: what assets/zoho-desk.js needs to draw a contact or a list
      // in place when the agent moves inside the app (no page load, as in the real web app).
      config: { ...spec.config, orgId: org.orgId, portal: org.portalName, department: departmentSlug(department.name), departmentId: department.id, orgName: org.name, views: DESK_CONTACT_VIEWS },
      body: html`
<header class="desk-top">
  <a class="desk-brand" href="${list}">${zohoLogo}<span class="desk-product">Desk</span></a>
  <nav class="desk-modules">${modules}</nav>
  <span class="desk-dept" title="Department" data-id="departmentSwitcher">${department.name} ▾</span>
  ${zohoAvatar(c.get('zohoUser'), pageUrl(state, c.env.site.host, c.req.raw), state.origin(ZOHO_HOSTS.accounts))}
</header>
<nav class="desk-subnav"><a class="${spec.config.page === 'account' ? '' : 'is-active'}" href="${list}">Contacts</a><a class="${spec.config.page === 'account' ? 'is-active' : ''}">Accounts</a></nav>
<main class="desk-main">${spec.main}</main>`,
    });
  }
}
