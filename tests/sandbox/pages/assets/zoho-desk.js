/*
 * Zoho Desk agent pages: a contact and the contacts list view, filled from the Desk API with the
 * Zoho session cookie and the `orgId` header, as the web app sends it. Vendor strings go in as text.
 * As in the real web app, a click on a contact or a list view of this department moves there
 * without a page load: history.pushState, the page drawn in place (contactView / listView, the
 * same markup as the server's in ../zoho-desk.ts), its data loaded as on a page load; back and
 * forward draw the page they come to.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;
  var PAGE_SIZE = 100;
  var headers = { orgId: config.orgId };

  var VIEWS = config.views || [];
  var BASE = '/agent/' + config.portal + '/' + config.department + '/contacts/';

  /** A contact or a list view of this portal and department; null for any other page. */
  function routeOf(url) {
    if (url.pathname.indexOf(BASE) !== 0) return null;
    var rest = url.pathname.slice(BASE.length);
    var contactMatch = /^details\/([0-9]+)$/.exec(rest);
    if (contactMatch) return { page: 'contact', contactId: contactMatch[1] };
    var listMatch = /^list\/([^/]+)$/.exec(rest);
    var view = listMatch && viewOf(listMatch[1]);
    // A view that does not exist is the server's 404 page.
    return view ? { page: 'list', view: view.slug } : null;
  }

  function viewOf(slug) {
    return VIEWS.filter(function (v) { return v.slug === slug; })[0];
  }

  /** Draws the page of `route` in the main area, as the server would have sent it, then loads its data. */
  function render(route) {
    document.querySelector('main.desk-main').replaceChildren(route.page === 'contact' ? contactView(route) : listView(route));
    document.title = (route.page === 'contact' ? 'Contact' : viewOf(route.view).name) + ' | ' + config.orgName + ' - Zoho Desk';
    load(route);
  }

  function contactView(route) {
    var fields = [['Email', 'email'], ['Phone', 'phone', 'contactPhone'], ['Mobile', 'mobile'], ['Account', 'account', 'contactAccount'], ['Type', 'type'], ['Created Time', 'createdTime']];
    return h('div', { class: 'desk-contact', 'data-id': 'contactDetailView', 'data-contact-id': route.contactId },
      h('aside', { class: 'desk-profile', 'data-id': 'contactProfileCard' },
        h('div', { class: 'desk-avatar', 'data-field': 'initials', 'aria-hidden': 'true' }),
        h('h1', { class: 'desk-name', 'data-id': 'contactName', 'data-field': 'name' }, 'Loading…'),
        h('p', { class: 'desk-email', 'data-id': 'contactEmail', 'data-field': 'email' }),
        h('span', { class: 'desk-badge', 'data-field': 'endUser', hidden: true }),
        h('h2', null, 'Contact Information'),
        h('dl', { class: 'desk-fields' }, fields.map(function (f) { return [h('dt', null, f[0]), h('dd', { 'data-id': f[2], 'data-field': f[1] })]; }))),
      h('section', { class: 'desk-detail' },
        h('nav', { class: 'desk-tabs' }, h('a', { class: 'is-active' }, 'Tickets'), h('a', null, 'Time Entry'), h('a', null, 'Activities'), h('a', null, 'History')),
        h('div', { class: 'desk-empty' }, 'No tickets found for this contact.')));
  }

  function listView(route) {
    var view = viewOf(route.view);
    return h('div', { class: 'desk-list-layout' },
      h('aside', { class: 'desk-views', 'aria-label': 'Views' },
        h('h2', null, 'Contacts'),
        h('ul', null, VIEWS.map(function (v) { return h('li', null, h('a', { href: BASE + 'list/' + v.slug, class: v.slug === view.slug ? 'is-active' : '' }, v.name)); }))),
      h('section', { class: 'desk-list', 'data-id': 'contactListView', 'data-view': view.slug },
        h('header', { class: 'desk-list-header' },
          h('h1', null, view.name),
          h('span', { class: 'desk-selection', 'data-id': 'contactListSelection', hidden: true }),
          h('nav', { class: 'desk-pager', 'data-id': 'contactListPager' })),
        h('table', { class: 'desk-table', 'data-id': 'contactListTable' },
          h('thead', null, h('tr', null,
            h('th', { class: 'desk-check' }, h('input', { type: 'checkbox', 'data-id': 'contactListSelectAll', 'aria-label': 'Select all contacts' })),
            ['Contact Name', 'Email', 'Phone', 'Account Name', 'Created Time'].map(function (label) { return h('th', null, label); }))),
          h('tbody', null, h('tr', null, h('td', { colspan: 6, class: 'desk-empty' }, 'Loading…'))))));
  }

  function load(route) {
    if (route.page === 'contact') contact(route);
    else if (route.page === 'list') list();
  }

  function fullName(c) {
    return [c.firstName, c.lastName].filter(Boolean).join(' ');
  }

  function contact(route) {
    var root = document.querySelector('[data-id="contactDetailView"]');
    P.api('/api/v1/contacts/' + encodeURIComponent(route.contactId), { headers: headers }).then(function (c) {
      // The agent moved on meanwhile: this answer is for a page no longer shown.
      if (!root.isConnected) return;
      var name = fullName(c);
      P.fill(root, '[data-field="name"]', name);
      P.fill(root, '[data-field="initials"]', P.initials(name));
      P.fill(root, '[data-field="email"]', c.email);
      P.fill(root, '[data-field="phone"]', c.phone);
      P.fill(root, '[data-field="mobile"]', c.mobile);
      P.fill(root, '[data-field="account"]', c.accountId);
      P.fill(root, '[data-field="type"]', c.type);
      P.fill(root, '[data-field="createdTime"]', P.formatDate(c.createdTime));
      var badge = root.querySelector('[data-field="endUser"]');
      badge.textContent = c.isEndUser ? 'Help center user' : 'Not a help center user';
      badge.classList.toggle('is-on', Boolean(c.isEndUser));
      badge.hidden = false;
      document.title = name + ' | Zoho Desk';
    }).catch(function (error) {
      if (!root.isConnected) return;
      P.fill(root, '[data-field="name"]', error.status === 404 ? 'Contact not found' : 'Could not load this contact');
      P.showError(root.querySelector('.desk-detail'), error.status === 404 ? 'This contact does not exist or was deleted.' : 'Zoho Desk answered ' + error.message + '.');
    });
  }

  function list() {
    var section = document.querySelector('[data-id="contactListView"]');
    var table = section.querySelector('[data-id="contactListTable"]');
    var tbody = table.querySelector('tbody');
    var selection = section.querySelector('[data-id="contactListSelection"]');
    var page = P.queryPage();
    var update = P.wireSelection(table, '[data-id="contactListSelectAll"]', '[data-id="contactListRowCheckbox"]', function (count) {
      selection.hidden = count === 0;
      selection.textContent = count + ' selected';
      selection.setAttribute('data-selected-count', String(count));
    });
    var from = (page - 1) * PAGE_SIZE + 1;
    P.api('/api/v1/contacts?from=' + from + '&limit=' + PAGE_SIZE, { headers: headers }).then(function (body) {
      if (!section.isConnected) return;
      var contacts = (body && body.data) || [];
      tbody.replaceChildren.apply(tbody, contacts.map(row));
      if (contacts.length === 0) P.tableMessage(tbody, 6, 'No contacts in this view');
      pager(section.querySelector('[data-id="contactListPager"]'), page, from, contacts.length);
      update();
    }).catch(function (error) {
      if (!section.isConnected) return;
      P.tableMessage(tbody, 6, 'Could not load the contacts.', 'Zoho Desk answered ' + error.message + '.', true);
    });
  }

  function row(c) {
    var name = fullName(c);
    var href = BASE + 'details/' + c.id;
    return h('tr', { 'data-id': 'contactListRow', 'data-contact-id': c.id },
      h('td', { class: 'desk-check' }, h('input', { type: 'checkbox', 'data-id': 'contactListRowCheckbox', value: c.id, 'aria-label': 'Select ' + name })),
      h('td', null, h('a', { href: href, class: 'desk-contact-link', 'data-id': 'contactListName' },
        h('span', { class: 'desk-avatar desk-avatar-sm', 'aria-hidden': 'true' }, P.initials(name)), name)),
      h('td', null, c.email || '-'),
      h('td', null, c.phone || '-'),
      h('td', null, c.accountId || '-'),
      h('td', null, P.formatDate(c.createdTime)));
  }

  /** Desk's list pager: "1 - 100" and arrows; Desk does not say how many there are without a count call. */
  function pager(nav, page, from, shown) {
    var arrow = function (label, target, enabled, title) {
      return enabled ? h('a', { href: '?page=' + target, class: 'desk-pager-arrow', title: title, 'data-id': 'pager' + title }, label)
        : h('span', { class: 'desk-pager-arrow is-disabled', title: title }, label);
    };
    nav.replaceChildren(
      arrow('‹', page - 1, page > 1, 'Previous'),
      h('span', { class: 'desk-pager-range' }, shown === 0 ? '0' : from + ' - ' + (from + shown - 1)),
      arrow('›', page + 1, shown === PAGE_SIZE, 'Next'));
  }

  load(config);
  if (config.page === 'contact' || config.page === 'list') P.navigateInApp(routeOf, render);
})();
