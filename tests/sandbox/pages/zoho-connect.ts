/**
 * Zoho Connect on `connect.zoho.localhost`: a network's members list `/portal/{portal}/members` and
 * a member's profile `/portal/{portal}/profile/{zuid}` (both approximate: Connect documents its API,
 * not its page URLs; `/portal/{portal}/…` is what public links show). `{portal}` is the network's
 * URL name (`/portal/acmecommunity`). The page script (assets/zoho-connect.js) reads
 * `/pulse/api/orgMembers?scopeID=` with the Zoho session cookie.
 */
import { Hono, type Context } from 'hono';
import { ZOHO_HOSTS } from '../hosts';
import type { ConnectNetwork } from '../model';
import type { SandboxState } from '../state';
import { html, htmlDocument, unmatched, type Html } from './html';
import { pageUrl, redirect } from './session';
import { zohoAvatar, zohoLogo, zohoNotFound, zohoSignedIn, type ZohoPagesEnv } from './zoho-common';

type Ctx = Context<ZohoPagesEnv>;
const STYLES = ['base.css', 'zoho-connect.css'];

export function connectPages(state: SandboxState) {
  const app = new Hono<ZohoPagesEnv>();
  app.notFound(() => unmatched());
  app.use('/portal/*', zohoSignedIn(state, 'ZohoPulse'));
  app.get('/portal/:portal', (c) => redirect(`/portal/${encodeURIComponent(c.req.param('portal'))}/members`));
  app.get('/portal/:portal/members', (c) => withNetwork(c, (network) => membersPage(c, network)));
  app.get('/portal/:portal/profile/:zuid{[0-9]+}', (c) => withNetwork(c, (network) => profilePage(c, network)));
  return app;

  function withNetwork(c: Ctx, render: (network: ConnectNetwork) => Response): Response {
    const network = state.data.connect.networks.find((n) => n.url === `/portal/${c.req.param('portal')}`);
    if (!network) return zohoNotFound('This network does not exist', STYLES);
    const me = c.get('zohoUser');
    if (!network.members.some((m) => m.zuid === me.zuid && m.status === 'active')) {
      return zohoNotFound(`You are not a member of ${network.name}`, STYLES);
    }
    return render(network);
  }

  function profilePage(c: Ctx, network: ConnectNetwork): Response {
    const zuid = c.req.param('zuid') ?? '';
    const main = html`
<div class="cn-profile" data-zcqa="userProfile" data-zuid="${zuid}">
  <div class="cn-cover"></div>
  <header class="cn-profile-header">
    <span class="cn-avatar cn-avatar-lg" data-field="initials" aria-hidden="true"></span>
    <div>
      <h1 data-zcqa="profileName" data-field="name">Loading…</h1>
      <p class="cn-sub"><span data-zcqa="profileEmail" data-field="email"></span> <span class="cn-badge" data-field="kind"></span></p>
    </div>
    <div class="cn-actions"><button type="button">Follow</button><button type="button">Message</button></div>
  </header>
  <section class="cn-card">
    <h2>About</h2>
    <dl class="cn-fields">
      <dt>Email</dt><dd data-field="email"></dd>
      <dt>Role</dt><dd data-field="role"></dd>
      <dt>Status</dt><dd data-field="status"></dd>
      <dt>Organization</dt><dd data-zcqa="profileOrganization" data-field="organization"></dd>
      <dt>Phone</dt><dd data-zcqa="profilePhone" data-field="phone"></dd>
      <dt>Invited</dt><dd data-field="invited"></dd>
    </dl>
  </section>
</div>`;
    return shell(c, network, { title: 'Profile', active: 'Members', main, config: { page: 'profile', zuid } });
  }

  function membersPage(c: Ctx, network: ConnectNetwork): Response {
    const main = html`
<section class="cn-members" data-zcqa="memberList">
  <header class="cn-members-header">
    <h1>Members</h1>
    <span class="cn-count" data-zcqa="memberCount"></span>
    <span class="cn-selection" data-zcqa="memberSelection" hidden></span>
  </header>
  <table class="cn-table" data-zcqa="memberListTable">
    <thead><tr>
      <th class="cn-check"><input type="checkbox" data-zcqa="memberSelectAll" aria-label="Select all members"></th>
      <th>Name</th><th>Email</th><th>Type</th><th>Role</th><th>Status</th>
    </tr></thead>
    <tbody><tr><td colspan="6" class="cn-empty">Loading…</td></tr></tbody>
  </table>
</section>`;
    return shell(c, network, { title: 'Members', active: 'Members', main, config: { page: 'members' } });
  }

  function shell(c: Ctx, network: ConnectNetwork, spec: { title: string; active: string; main: Html; config: Record<string, unknown> }): Response {
    const nav = ['Feeds', 'Groups', 'Boards', 'Manuals', 'Members', 'Events', 'Forums']
      .map((item) => html`<a class="cn-nav-item${item === spec.active ? ' is-active' : ''}"${item === 'Members' ? html` href="${network.url}/members"` : ''}>${item}</a>`);
    const networks = state.data.connect.networks.filter((n) => n.members.some((m) => m.zuid === c.get('zohoUser').zuid && m.status === 'active'))
      .map((n) => html`<a href="${n.url}/members" class="${n.scopeID === network.scopeID ? 'is-active' : ''}">${n.name}</a>`);
    return htmlDocument({
      title: `${spec.title} - ${network.name} - Zoho Connect`, styles: STYLES, scripts: ['common.js', 'zoho-connect.js'], bodyClass: 'zoho-connect',
      config: { ...spec.config, scopeID: network.scopeID, portal: network.url.replace('/portal/', ''), network: network.name },
      body: html`
<header class="cn-top">
  <a class="cn-brand" href="${network.url}/members">${zohoLogo}<span class="cn-product">Connect</span></a>
  <span class="cn-network" data-zcqa="networkName">${network.name}</span>
  <span class="cn-search">Search in ${network.name}</span>
  ${zohoAvatar(c.get('zohoUser'), pageUrl(state, c.env.site.host, c.req.raw), state.origin(ZOHO_HOSTS.accounts))}
</header>
<div class="cn-layout">
  <nav class="cn-nav" aria-label="Network">${nav}<h3>Networks</h3>${networks}</nav>
  <main class="cn-main">${spec.main}</main>
</div>`,
    });
  }
}
