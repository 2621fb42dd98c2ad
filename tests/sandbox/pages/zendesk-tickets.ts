/**
 * Zendesk Support's ticket and organization pages on `<subdomain>.zendesk.localhost`, at the
 * product's URL shapes (tests/fixtures/urls/zendesk.ts): a ticket `/agent/tickets/{id}` and an
 * organization `/agent/organizations/{id}` with its `/users` and `/tickets` tabs. Markup only: the
 * page script (assets/zendesk-tickets.js) reads the ticket, its people and the organization's users
 * from the Support API with the session cookie, as the agent workspace does. zendesk.ts wraps it
 * in the workspace's shell.
 */
import { html, type Html } from './html';

export interface ZendeskPageSpec {
  title: string;
  tab: string;
  active: string;
  main: Html;
  config: Record<string, unknown>;
  scripts: string[];
}

const SCRIPTS = ['common.js', 'zendesk-tickets.js'];

export const ORGANIZATION_TABS = { users: 'Users', tickets: 'Tickets' } as const;
export type OrganizationTab = keyof typeof ORGANIZATION_TABS;

export function ticketPage(id: string): ZendeskPageSpec {
  const main = html`
<div class="zd-ticket" data-test-id="ticket-workspace" data-ticket-id="${id}">
  <aside class="zd-ticket-fields" aria-label="Ticket properties">
    <label>Requester</label><div class="zd-field" data-test-id="ticket-requester" data-field="requester">…</div>
    <label>Assignee</label><div class="zd-field" data-field="assignee">…</div>
    <label>CCs</label><div class="zd-field zd-pills" data-test-id="ticket-ccs" data-field="ccs">…</div>
    <label>Followers</label><div class="zd-field zd-pills" data-field="followers">…</div>
    <div class="zd-field-row">
      <div><label>Status</label><div class="zd-field" data-field="status">…</div></div>
      <div><label>Priority</label><div class="zd-field" data-field="priority">…</div></div>
    </div>
  </aside>
  <section class="zd-conversation">
    <header class="zd-ticket-header">
      <h1 data-test-id="ticket-subject" data-field="subject">Loading…</h1>
      <p class="zd-ticket-via" data-field="via"></p>
    </header>
    <article class="zd-comment" data-test-id="ticket-comment">
      <span class="zd-avatar" data-field="requesterInitials" aria-hidden="true"></span>
      <div><strong data-field="requesterName"></strong><p data-field="description"></p></div>
    </article>
  </section>
  <aside class="zd-context" aria-label="Customer context">
    <h2>Requester</h2>
    <p class="zd-context-name" data-field="contextName">…</p>
    <p class="zd-context-email" data-field="contextEmail"></p>
  </aside>
</div>`;
  return { title: `Ticket #${id}`, tab: `#${id}`, active: 'views', main, config: { page: 'ticket', ticketId: id }, scripts: SCRIPTS };
}

export function organizationPage(id: string, tab: OrganizationTab): ZendeskPageSpec {
  const tabs = Object.entries(ORGANIZATION_TABS).map(([key, label]) =>
    html`<a href="/agent/organizations/${id}/${key}" class="zd-tab-link${key === tab ? ' is-active' : ''}" data-test-id="organization-tab-${key}">${label}</a>`);
  const main = html`
<div class="zd-organization" data-test-id="organization" data-organization-id="${id}">
  <aside class="zd-user-fields" aria-label="Organization fields">
    <dl>
      <dt>Domains</dt><dd data-field="domains">…</dd>
      <dt>Details</dt><dd data-field="details">…</dd>
      <dt>Created</dt><dd data-field="created_at">…</dd>
    </dl>
  </aside>
  <section class="zd-user-main">
    <header class="zd-user-header">
      <span class="zd-avatar zd-avatar-lg zd-avatar-org" data-field="initials" aria-hidden="true"></span>
      <div>
        <h1 data-test-id="organization-name" data-field="name">Loading…</h1>
        <p class="zd-user-sub" data-test-id="organization-count" data-field="count"></p>
      </div>
    </header>
    <nav class="zd-user-tabs">${tabs}</nav>
    ${tab === 'users' ? html`<table class="zd-table" data-test-id="organization-users-table">
      <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Created</th></tr></thead>
      <tbody><tr><td colspan="4" class="zd-empty">Loading…</td></tr></tbody>
    </table>
    <footer class="zd-pagination" data-test-id="organization-users-pagination"></footer>` : html`<div class="zd-user-tickets"><p class="zd-empty">No tickets for this organization yet</p></div>`}
  </section>
</div>`;
  return { title: 'Organization', tab: 'Organization', active: 'organizations', main, config: { page: 'organization', organizationId: id, tab }, scripts: SCRIPTS };
}
