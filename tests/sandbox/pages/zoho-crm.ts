/**
 * Zoho CRM's web app on `crm.zoho.localhost`, at the product's URL shapes
 * (tests/fixtures/urls/zoho-crm.ts): a record `/crm/org{orgId}/tab/{Module}/{id}` and list views
 * `/crm/org{orgId}/tab/{Module}` and `/crm/org{orgId}/tab/{Module}/custom-view/{cvid}/list`. The
 * page script (assets/zoho-crm.js) reads `/crm/v8/{Module}…` with the Zoho session cookie. An
 * Accounts record lists its related Contacts; a record link without the org opens the sandbox's org.
 */
import { Hono, type Context } from 'hono';
import { ZOHO_HOSTS } from '../hosts';
import type { SandboxState } from '../state';
import { findModule } from '../vendors/zoho-crm-model';
import { html, htmlDocument, unmatched, type Html } from './html';
import { pageUrl, redirect } from './session';
import { zohoAvatar, zohoLogo, zohoNotFound, zohoSignedIn, type ZohoPagesEnv } from './zoho-common';

type Ctx = Context<ZohoPagesEnv>;

/**
 * The "All …" custom view of each module. Real orgs give it the id `<org prefix>000000087529`
 * (Contacts) or `…087501` (Leads), as public CRM URLs show; the others are [SANDBOX] ids.
 */
export const CRM_CUSTOM_VIEWS: Record<string, { id: string; name: string }> = {
  Contacts: { id: '5843104000000087529', name: 'All Contacts' },
  Leads: { id: '5843104000000087501', name: 'All Leads' },
  Accounts: { id: '5843104000000087515', name: 'All Accounts' },
  Vendors: { id: '5843104000000087559', name: 'All Vendors' },
};
const STYLES = ['base.css', 'zoho-crm.css'];
const TABS = ['Home', 'Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Meetings', 'Calls', 'Reports', 'Vendors'];

export function crmPages(state: SandboxState) {
  const app = new Hono<ZohoPagesEnv>();
  app.notFound(() => unmatched());
  const orgPath = () => `org${state.data.crm.orgId}`;
  app.use('/crm', zohoSignedIn(state, 'ZohoCRM'));
  // Only the web app's paths: an unknown /crm/v8/… API path keeps the API's own 404.
  app.use('/crm/', zohoSignedIn(state, 'ZohoCRM'));
  app.use('/crm/:org/tab/*', zohoSignedIn(state, 'ZohoCRM'));
  // Links without the org (`/crm/tab/{Module}/{id}`, seen in public material) open the agent's one org.
  app.use('/crm/tab/*', zohoSignedIn(state, 'ZohoCRM'));
  app.get('/crm/tab/:module/:id{[0-9]+}', (c) => withModule(c, (module) => recordPage(c, module), { orgless: true }));
  app.get('/crm', () => redirect(`/crm/${orgPath()}/tab/Contacts`));
  app.get('/crm/', () => redirect(`/crm/${orgPath()}/tab/Contacts`));
  app.get('/crm/:org/tab/:module', (c) => withModule(c, (module) => listPage(c, module, CRM_CUSTOM_VIEWS[module]?.id ?? '')));
  app.get('/crm/:org/tab/:module/custom-view/:cvid{[0-9]+}/list', (c) => withModule(c, (module) => listPage(c, module, c.req.param('cvid') ?? '')));
  app.get('/crm/:org/tab/:module/:id{[0-9]+}', (c) => withModule(c, (module) => recordPage(c, module)));
  return app;

  function withModule(c: Ctx, render: (module: string) => Response, { orgless = false } = {}): Response {
    // URLs spell modules by their API name (Contacts, Leads…); the case must match.
    const module = findModule(c.req.param('module') ?? '');
    if ((!orgless && c.req.param('org') !== orgPath()) || !module || module !== c.req.param('module')) return zohoNotFound('Page not found', STYLES);
    return render(module);
  }

  function recordPage(c: Ctx, module: string): Response {
    const id = c.req.param('id') ?? '';
    const singular = module.replace(/s$/, '');
    const main = html`
<div class="crm-record" data-zcqa="detailView" data-record-id="${id}" data-module="${module}">
  <header class="crm-record-header">
    <a class="crm-back" href="/crm/${orgPath()}/tab/${module}" title="Back">←</a>
    <span class="crm-avatar" data-field="initials" aria-hidden="true"></span>
    <div class="crm-title">
      <h1 data-zcqa="recordName" data-field="name">Loading…</h1>
      <span class="crm-sub" data-field="owner"></span>
    </div>
    <div class="crm-actions"><button type="button">Send Email</button><button type="button" class="primary">Edit</button><button type="button">…</button></div>
  </header>
  <div class="crm-record-body">
    <aside class="crm-related"><h2>Related List</h2><ul><li>Notes</li><li>Attachments</li><li>Deals</li><li>Open Activities</li><li>Emails</li></ul></aside>
    <section class="crm-info">
      <h2>${singular} Information</h2>
      <dl class="crm-fields">
        <dt>${singular} Owner</dt><dd data-field="owner"></dd>
        <dt>Email</dt><dd data-zcqa="recordEmail" data-field="email"></dd>
        <dt>First Name</dt><dd data-field="firstName"></dd>
        <dt>Last Name</dt><dd data-field="lastName"></dd>
        <dt>Account Name</dt><dd data-zcqa="recordAccount" data-field="account"></dd>
        <dt>Phone</dt><dd data-zcqa="recordPhone" data-field="phone"></dd>
        <dt>Approval</dt><dd data-field="approval"></dd>
        <dt>Created Time</dt><dd data-field="created"></dd>
      </dl>
      ${module === 'Accounts' ? html`<h2>Contacts</h2>
      <table class="crm-table" data-zcqa="relatedContacts">
        <thead><tr><th>Contact Name</th><th>Email</th></tr></thead>
        <tbody><tr><td colspan="2" class="crm-empty">Loading…</td></tr></tbody>
      </table>` : ''}
    </section>
  </div>
</div>`;
    return shell(c, module, { title: singular, main, config: { page: 'record', module, recordId: id } });
  }

  function listPage(c: Ctx, module: string, cvid: string): Response {
    const view = CRM_CUSTOM_VIEWS[module];
    if (!view || view.id !== cvid) return zohoNotFound('This view does not exist', STYLES);
    const main = html`
<div class="crm-list-layout">
  <aside class="crm-filter"><h2>Filter ${module} by</h2><ul><li>Touched Records</li><li>Untouched Records</li><li>Record Action</li><li>Related Records Action</li></ul></aside>
  <section class="crm-list" data-zcqa="listView" data-module="${module}" data-cvid="${cvid}">
    <header class="crm-list-header">
      <span class="crm-view-name" data-zcqa="cvName">${view.name} ▾</span>
      <span class="crm-selection" data-zcqa="lv_selectedCount" hidden></span>
      <nav class="crm-pager" data-zcqa="lv_pagination"></nav>
    </header>
    <table class="crm-table" data-zcqa="lv_table">
      <thead><tr>
        <th class="crm-check"><input type="checkbox" data-zcqa="lv_selectAll" aria-label="Select all records"></th>
        <th>${module.replace(/s$/, '')} Name</th><th>Email</th><th>Phone</th><th>${module.replace(/s$/, '')} Owner</th><th>Created Time</th>
      </tr></thead>
      <tbody><tr><td colspan="6" class="crm-empty">Loading…</td></tr></tbody>
    </table>
  </section>
</div>`;
    return shell(c, module, { title: view.name, main, config: { page: 'list', module, cvid } });
  }

  function shell(c: Ctx, module: string, spec: { title: string; main: Html; config: Record<string, unknown> }): Response {
    const tabs = TABS.map((t) => {
      const known = CRM_CUSTOM_VIEWS[t] !== undefined;
      return html`<a class="crm-tab${t === module ? ' is-active' : ''}"${known ? html` href="/crm/${orgPath()}/tab/${t}"` : ''}>${t}</a>`;
    });
    return htmlDocument({
      title: `${spec.title} - Zoho CRM`, styles: STYLES, scripts: ['common.js', 'zoho-crm.js'], bodyClass: 'zoho-crm',
      config: { ...spec.config, orgId: state.data.crm.orgId, org: orgPath() },
      body: html`
<header class="crm-top">
  <a class="crm-brand" href="/crm/${orgPath()}/tab/Contacts">${zohoLogo}<span class="crm-product">CRM</span></a>
  <nav class="crm-tabs">${tabs}</nav>
  ${zohoAvatar(c.get('zohoUser'), pageUrl(state, c.env.site.host, c.req.raw), state.origin(ZOHO_HOSTS.accounts))}
</header>
<main class="crm-main">${spec.main}</main>`,
    });
  }
}
