/**
 * Zendesk Support's agent interface on `<subdomain>.zendesk.localhost`, at the product's URL shapes
 * (tests/fixtures/urls/zendesk.ts): a user's profile `/agent/users/{id}` (and its
 * `/requested_tickets`, `/ccd_tickets` tabs), the customer lists `/agent/user_filters[/{id}]`, and
 * tickets and organizations (zendesk-tickets.ts).
 * Sign-in is `/access/login`, which sets the `_zendesk_session` cookie the API already accepts;
 * the page script (assets/zendesk.js) reads `/api/v2/users…` with it, as the agent UI does.
 */
import { Hono, type Context } from 'hono';
import { newSession, parseCookies, ZENDESK_SESSION_COOKIE } from '../auth';
import { ZENDESK_SUFFIX } from '../hosts';
import type { ZendeskAccount, ZendeskUser } from '../model';
import type { SandboxState } from '../state';
import type { SandboxBindings } from '../vendors/http';
import { html, htmlDocument, initialsOf, unmatched, type Html } from './html';
import { loginPage } from './login';
import { organizationPage, ticketPage, type OrganizationTab } from './zendesk-tickets';
import { pageUrl, redirect, safeReturn, SANDBOX_PASSWORD, setCookie, zendeskPageUser } from './session';

type Env = { Bindings: SandboxBindings; Variables: { account: ZendeskAccount } };
type Ctx = Context<Env>;

/** The customer lists of every account: the agent UI's default "user filters" [SANDBOX ids]. */
export const ZENDESK_USER_FILTERS = [
  { id: '360000000001', name: 'All end users', roles: ['end-user'] },
  { id: '360000000002', name: 'All users', roles: [] },
  { id: '360000000003', name: 'Agents and admins', roles: ['agent', 'admin'] },
] as const;

const USER_TABS = { requested_tickets: 'Requested tickets', ccd_tickets: 'CCs' } as const;

export function zendeskPages(state: SandboxState) {
  const app = new Hono<Env>();
  app.notFound(() => unmatched());
  app.use('*', async (c, next) => {
    const site = c.env.site;
    const account = site.kind === 'zendesk' ? state.data.zendesk[site.subdomain] : undefined;
    if (!account) return c.notFound();
    c.set('account', account);
    return next();
  });

  app.get('/access/login', (c) => login(c));
  app.post('/access/login', async (c) => {
    const account = c.get('account');
    const form = await c.req.parseBody();
    const email = String(form.email ?? '').trim().toLowerCase();
    const user = account.users.find((u) => u.email?.toLowerCase() === email && u.active && !u.suspended);
    const returnTo = String(form.return_to ?? '');
    if (!user || String(form.password ?? '') !== SANDBOX_PASSWORD) return login(c, 'Invalid email or password.', returnTo, 401);
    if (user.role === 'end-user') return login(c, 'This is an end user: sign in to the help center instead.', returnTo, 403);
    const session = newSession(account, user.id);
    const back = safeReturn(returnTo, (host) => host === c.env.site.host, '/agent');
    return redirect(back, [setCookie(ZENDESK_SESSION_COOKIE, session.id, { httpOnly: true })]);
  });
  app.get('/access/logout', (c) => {
    const account = c.get('account');
    const id = parseCookies(c.req.header('cookie'))[ZENDESK_SESSION_COOKIE];
    account.sessions = account.sessions.filter((s) => s.id !== id);
    return redirect('/access/login', [setCookie(ZENDESK_SESSION_COOKIE, '', { httpOnly: true, expire: true })]);
  });

  // Everything under /agent is for signed-in agents.
  app.use('/agent/*', async (c, next) => {
    const signedIn = zendeskPageUser(c.get('account'), c.req.header('cookie'));
    if (signedIn.ok) return next();
    if (signedIn.reason === 'end-user') {
      return htmlDocument({ title: 'Agents only', styles: ['base.css', 'zendesk.css'], bodyClass: 'zd-login', status: 403,
        body: html`<main class="sbx-card"><h1>You do not have access to this page</h1><p>The agent interface is for agents. <a href="/access/logout">Sign out</a></p></main>` });
    }
    const back = new URL('/access/login', 'http://x');
    back.searchParams.set('return_to', pageUrl(state, c.env.site.host, c.req.raw));
    return redirect(`${back.pathname}${back.search}`);
  });
  app.get('/agent', () => redirect('/agent/user_filters'));
  app.get('/agent/', () => redirect('/agent/user_filters'));
  app.get('/agent/users/:id{[0-9]+}', (c) => userPage(c, 'requested_tickets'));
  app.get('/agent/users/:id{[0-9]+}/:tab{requested_tickets|ccd_tickets}', (c) => userPage(c, c.req.param('tab') as keyof typeof USER_TABS));
  app.get('/agent/user_filters', (c) => listPage(c, ZENDESK_USER_FILTERS[0].id));
  app.get('/agent/user_filters/:view{[0-9]+}', (c) => listPage(c, c.req.param('view')));
  app.get('/agent/tickets/:id{[0-9]+}', (c) => shell(c, ticketPage(c.req.param('id'))));
  app.get('/agent/organizations', (c) => redirect(`/agent/organizations/${c.get('account').organizations[0]?.id ?? 0}/users`));
  app.get('/agent/organizations/:id{[0-9]+}', (c) => shell(c, organizationPage(c.req.param('id'), 'users')));
  app.get('/agent/organizations/:id{[0-9]+}/:tab{users|tickets}', (c) => shell(c, organizationPage(c.req.param('id'), c.req.param('tab') as OrganizationTab)));
  return app;

  function login(c: Ctx, error?: string, returnTo?: string, status = 200): Response {
    const account = c.get('account');
    return loginPage({
      vendor: 'zendesk', title: `Sign in to ${account.name}`, action: '/access/login', status,
      hidden: { return_to: returnTo ?? c.req.query('return_to') ?? '' },
      users: account.users.filter((u) => u.role !== 'end-user' && u.email).map((u) => u.email ?? ''), error,
    });
  }

  function agent(c: Ctx): ZendeskUser {
    const signedIn = zendeskPageUser(c.get('account'), c.req.header('cookie'));
    if (!signedIn.ok) throw new Error('agent pages are behind the sign-in check');
    return signedIn.user;
  }

  // The user and list markup below is drawn again by assets/zendesk.js (userView, listView) when
  // the agent moves inside the app: keep the two alike.
  function userPage(c: Ctx, tab: keyof typeof USER_TABS): Response {
    const id = c.req.param('id') ?? '';
    const tabs = Object.entries(USER_TABS).map(([key, label]) =>
      html`<a href="/agent/users/${id}/${key}" class="zd-tab-link${key === tab ? ' is-active' : ''}" data-test-id="user-tab-${key}">${label}</a>`);
    const main = html`
<div class="zd-user" data-test-id="user-profile" data-user-id="${id}">
  <aside class="zd-user-fields" aria-label="User fields">
    <dl>
      <dt>Role</dt><dd data-field="role">…</dd>
      <dt>Access</dt><dd data-field="access">…</dd>
      <dt>Primary language</dt><dd data-field="locale">…</dd>
      <dt>Tags</dt><dd data-field="tags">…</dd>
      <dt>Org.</dt><dd data-field="organization" data-test-id="user-profile-organization">…</dd>
      <dt>Email</dt><dd data-field="email">…</dd>
      <dt>Phone</dt><dd data-field="phone" data-test-id="user-profile-phone">…</dd>
      <dt>Time zone</dt><dd data-field="time_zone">…</dd>
      <dt>Created</dt><dd data-field="created_at">…</dd>
    </dl>
  </aside>
  <section class="zd-user-main">
    <header class="zd-user-header">
      <span class="zd-avatar zd-avatar-lg" data-field="initials" aria-hidden="true"></span>
      <div>
        <h1 data-test-id="user-profile-name" data-field="name">Loading…</h1>
        <p class="zd-user-sub"><span data-test-id="user-profile-email" data-field="email"></span> <span class="zd-badge" data-field="verified" hidden></span></p>
      </div>
    </header>
    <nav class="zd-user-tabs">${tabs}</nav>
    <div class="zd-user-tickets" data-test-id="user-tickets"><p class="zd-empty">No tickets yet</p></div>
  </section>
</div>`;
    return shell(c, { title: 'User', tab: 'Customer', active: 'customers', main, config: { page: 'user', userId: id, tab } });
  }

  function listPage(c: Ctx, viewId: string): Response {
    const view = ZENDESK_USER_FILTERS.find((v) => v.id === viewId);
    const lists = ZENDESK_USER_FILTERS.map((v) =>
      html`<li><a href="/agent/user_filters/${v.id}" class="${v.id === viewId ? 'is-active' : ''}" data-test-id="customer-list-link">${v.name}</a></li>`);
    const main = html`
<div class="zd-customers">
  <aside class="zd-lists">
    <h2>Customers</h2>
    <h3>Customer lists</h3>
    <ul>${lists}</ul>
  </aside>
  <section class="zd-list-main" data-test-id="customer-list" data-view-id="${viewId}">
    <header class="zd-list-header">
      <h1>${view?.name ?? 'Customer list not found'}</h1>
      <span class="zd-count" data-test-id="customer-list-count"></span>
      <span class="zd-bulk" data-test-id="customer-list-selection" hidden></span>
    </header>
    ${view ? html`<table class="zd-table" data-test-id="customer-list-table">
      <thead><tr>
        <th class="zd-check"><input type="checkbox" data-test-id="customer-list-select-all" aria-label="Select all users on this page"></th>
        <th>Name</th><th>Email</th><th>Organization</th><th>Role</th><th>Created</th><th>Last updated</th>
      </tr></thead>
      <tbody><tr><td colspan="7" class="zd-empty">Loading…</td></tr></tbody>
    </table>
    <footer class="zd-pagination" data-test-id="customer-list-pagination"></footer>` : html`<p class="zd-empty">This customer list does not exist.</p>`}
  </section>
</div>`;
    return shell(c, { title: view?.name ?? 'Customers', tab: 'Customers', active: 'customers', main,
      config: { page: 'list', viewId, roles: view ? [...view.roles] : [] }, status: view ? 200 : 404 });
  }

  function shell(c: Ctx, spec: { title: string; tab: string; active: string; main: Html; config: Record<string, unknown>; status?: number; scripts?: string[] }): Response {
    const account = c.get('account');
    const me = agent(c);
    const nav = [['home', 'Home', '/agent/user_filters'], ['views', 'Views', '/agent/user_filters'], ['customers', 'Customers', '/agent/user_filters'],
      ['organizations', 'Organizations', '/agent/organizations'], ['reporting', 'Reporting', '/agent/user_filters'], ['admin', 'Admin', '/agent/user_filters']]
      .map(([key, label, href]) => html`<a class="zd-nav-item${key === spec.active ? ' is-active' : ''}" href="${href}" title="${label}" data-test-id="nav-${key}"><span class="zd-icon zd-icon-${key}"></span></a>`);
    return htmlDocument({
      title: `${spec.title} – ${account.name} – Zendesk`, styles: ['base.css', 'zendesk.css'], scripts: spec.scripts ?? ['common.js', 'zendesk.js'],
      bodyClass: 'zd', status: spec.status ?? 200,
      // The customer lists and the account's name: what assets/zendesk.js needs to draw a user or a
      // list in place when the agent moves inside the app (no page load, as in the real agent UI).
      config: { ...spec.config, subdomain: account.subdomain, host: `${account.subdomain}${ZENDESK_SUFFIX}`, accountName: account.name, userFilters: ZENDESK_USER_FILTERS, userTabs: USER_TABS },
      body: html`
<div class="zd-app">
  <nav class="zd-nav" aria-label="Main navigation">
    <a class="zd-logo" href="/agent/user_filters" title="Zendesk"><span>z</span></a>
    ${nav}
  </nav>
  <div class="zd-frame">
    <header class="zd-header" data-test-id="header-toolbar">
      <div class="zd-header-tabs"><span class="zd-header-tab is-active">${spec.tab}</span><span class="zd-header-add">+ Add</span></div>
      <div class="zd-header-right">
        <span class="zd-search">Search</span>
        <a class="zd-avatar" href="/access/logout" title="${me.name} – sign out" data-test-id="current-user">${initialsOf(me.name)}</a>
      </div>
    </header>
    <main class="zd-workspace">${spec.main}</main>
  </div>
</div>`,
    });
  }
}

