/*
 * Zoho Desk agent pages: a contact and the contacts list view, filled from the Desk API with the
 * Zoho session cookie and the `orgId` header, as the web app sends it. Vendor strings go in as text.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;
  var PAGE_SIZE = 100;
  var headers = { orgId: config.orgId };

  function fullName(c) {
    return [c.firstName, c.lastName].filter(Boolean).join(' ');
  }

  function contact() {
    var root = document.querySelector('[data-id="contactDetailView"]');
    P.api('/api/v1/contacts/' + encodeURIComponent(config.contactId), { headers: headers }).then(function (c) {
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
      var contacts = (body && body.data) || [];
      tbody.replaceChildren.apply(tbody, contacts.map(row));
      if (contacts.length === 0) P.tableMessage(tbody, 6, 'No contacts in this view');
      pager(section.querySelector('[data-id="contactListPager"]'), page, from, contacts.length);
      update();
    }).catch(function (error) {
      P.tableMessage(tbody, 6, 'Could not load the contacts.', 'Zoho Desk answered ' + error.message + '.', true);
    });
  }

  function row(c) {
    var name = fullName(c);
    var href = '/agent/' + config.portal + '/' + config.department + '/contacts/details/' + c.id;
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

  if (config.page === 'contact') contact();
  else if (config.page === 'list') list();
})();
