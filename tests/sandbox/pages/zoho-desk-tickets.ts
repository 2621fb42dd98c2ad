/**
 * Zoho Desk's ticket and account pages on `desk.zoho.localhost`, at the product's URL shapes
 * (tests/fixtures/urls/zoho-desk.ts): a ticket `/agent/{portal}/{department}/tickets/details/{id}`
 * and an account `…/accounts/details/{id}` (approximate: by the pattern of contacts and tickets).
 * Markup only: the page script (assets/zoho-desk-tickets.js) reads the ticket with its contacts
 * and the account with its contacts from the Desk API; zoho-desk.ts wraps it in the app's shell.
 */
import { html, type Html } from './html';

export interface DeskPageSpec {
  title: string;
  /** The top module the page belongs to. */
  module: 'Tickets' | 'Customers';
  main: Html;
  config: Record<string, unknown>;
  scripts: string[];
}

const SCRIPTS = ['common.js', 'zoho-desk-tickets.js'];

export function deskTicketPage(id: string): DeskPageSpec {
  const main = html`
<div class="desk-ticket" data-id="ticketDetailView" data-ticket-id="${id}">
  <section class="desk-ticket-main">
    <header class="desk-ticket-header">
      <span class="desk-ticket-number" data-field="ticketNumber"></span>
      <h1 data-id="ticketSubject" data-field="subject">Loading…</h1>
      <span class="desk-badge is-on" data-field="status"></span>
    </header>
    <article class="desk-thread" data-id="ticketThread">
      <strong data-field="contactName"></strong>
      <p data-field="description"></p>
    </article>
  </section>
  <aside class="desk-ticket-side" aria-label="Ticket properties">
    <h2>Contact</h2>
    <p data-id="ticketContact" data-field="contact">…</p>
    <h2>Secondary Contacts</h2>
    <ul class="desk-secondary" data-id="ticketSecondaryContacts"><li>…</li></ul>
    <h2>Account</h2>
    <p data-field="account">…</p>
    <dl class="desk-fields">
      <dt>Priority</dt><dd data-field="priority"></dd>
      <dt>Channel</dt><dd data-field="channel"></dd>
      <dt>Created Time</dt><dd data-field="createdTime"></dd>
    </dl>
  </aside>
</div>`;
  return { title: `Ticket #${id}`, module: 'Tickets', main, config: { page: 'ticket', ticketId: id }, scripts: SCRIPTS };
}

export function deskAccountPage(id: string): DeskPageSpec {
  const main = html`
<div class="desk-contact" data-id="accountDetailView" data-account-id="${id}">
  <aside class="desk-profile" data-id="accountProfileCard">
    <div class="desk-avatar desk-avatar-account" data-field="initials" aria-hidden="true"></div>
    <h1 class="desk-name" data-id="accountName" data-field="name">Loading…</h1>
    <p class="desk-email" data-field="website"></p>
    <h2>Account Information</h2>
    <dl class="desk-fields">
      <dt>Phone</dt><dd data-field="phone"></dd>
      <dt>Website</dt><dd data-field="website"></dd>
      <dt>Created Time</dt><dd data-field="createdTime"></dd>
    </dl>
  </aside>
  <section class="desk-detail">
    <nav class="desk-tabs"><a class="is-active">Contacts</a><a>Tickets</a><a>Contracts</a><a>History</a></nav>
    <table class="desk-table" data-id="accountContactsTable">
      <thead><tr><th>Contact Name</th><th>Email</th><th>Phone</th><th>Help Center</th></tr></thead>
      <tbody><tr><td colspan="4" class="desk-empty">Loading…</td></tr></tbody>
    </table>
  </section>
</div>`;
  return { title: 'Account', module: 'Customers', main, config: { page: 'account', accountId: id }, scripts: SCRIPTS };
}
