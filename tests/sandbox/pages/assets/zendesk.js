/*
 * Zendesk agent pages: the user profile and the customer lists, filled from the Support API with
 * the `_zendesk_session` cookie (GET needs no CSRF token). Vendor strings go in as text only.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;
  var ROLES = { 'end-user': 'End user', agent: 'Agent', admin: 'Administrator' };

  function user() {
    var root = document.querySelector('[data-test-id="user-profile"]');
    P.api('/api/v2/users/' + encodeURIComponent(config.userId) + '.json').then(function (body) {
      var u = body.user;
      P.fill(root, '[data-field="name"]', u.name);
      P.fill(root, '[data-field="initials"]', P.initials(u.name));
      P.fill(root, '[data-field="email"]', u.email);
      P.fill(root, '[data-field="phone"]', u.phone);
      P.fill(root, '[data-field="organization"]', u.organization_id === null ? null : 'Organization ' + u.organization_id);
      P.fill(root, '[data-field="role"]', ROLES[u.role] || u.role);
      P.fill(root, '[data-field="access"]', u.role === 'end-user' ? 'Can view and edit own tickets only' : 'All tickets');
      P.fill(root, '[data-field="locale"]', u.locale);
      P.fill(root, '[data-field="tags"]', (u.tags || []).join(', '));
      P.fill(root, '[data-field="time_zone"]', u.time_zone);
      P.fill(root, '[data-field="created_at"]', P.formatDate(u.created_at));
      var badge = root.querySelector('[data-field="verified"]');
      if (u.email && !u.verified) {
        badge.textContent = 'Unverified';
        badge.hidden = false;
      }
      // The agent workspace names the open tab after the user.
      var tab = document.querySelector('.zd-header-tab.is-active');
      if (tab) tab.textContent = u.name;
      document.title = u.name + ' – Zendesk';
    }).catch(function (error) {
      var main = root.querySelector('.zd-user-main');
      P.fill(root, '[data-field="name"]', error.status === 404 ? 'User not found' : 'Could not load this user');
      P.showError(main.querySelector('[data-test-id="user-tickets"]'), error.status === 404 ? 'This user does not exist or was deleted.' : 'Zendesk answered ' + error.message + '.');
    });
  }

  function list() {
    var section = document.querySelector('[data-test-id="customer-list"]');
    var table = section.querySelector('[data-test-id="customer-list-table"]');
    if (!table) return;
    var tbody = table.querySelector('tbody');
    var selection = section.querySelector('[data-test-id="customer-list-selection"]');
    var page = P.queryPage();
    var update = P.wireSelection(table, '[data-test-id="customer-list-select-all"]', '[data-test-id="customer-list-row-checkbox"]', function (count) {
      selection.hidden = count === 0;
      selection.textContent = count + (count === 1 ? ' user selected' : ' users selected');
      selection.setAttribute('data-selected-count', String(count));
    });
    var query = config.roles.map(function (r) { return 'role[]=' + encodeURIComponent(r); }).concat(['page=' + page, 'per_page=100']).join('&');
    P.api('/api/v2/users.json?' + query).then(function (body) {
      tbody.replaceChildren.apply(tbody, body.users.map(row));
      if (body.users.length === 0) P.tableMessage(tbody, 7, 'No users in this list');
      var first = (page - 1) * 100 + 1;
      P.fill(section, '[data-test-id="customer-list-count"]', body.count + (body.count === 1 ? ' user' : ' users'));
      pagination(section.querySelector('[data-test-id="customer-list-pagination"]'), page, first, first + body.users.length - 1, body.count, body);
      update();
    }).catch(function (error) {
      P.tableMessage(tbody, 7, 'Could not load this customer list.', 'Zendesk answered ' + error.message + '.', true);
    });
  }

  function row(u) {
    return h('tr', { 'data-test-id': 'customer-list-row', 'data-user-id': u.id },
      h('td', { class: 'zd-check' }, h('input', { type: 'checkbox', 'data-test-id': 'customer-list-row-checkbox', value: u.id, 'aria-label': 'Select ' + u.name })),
      h('td', null, h('a', { href: '/agent/users/' + u.id, class: 'zd-user-link', 'data-test-id': 'customer-list-name' },
        h('span', { class: 'zd-avatar zd-avatar-sm', 'aria-hidden': 'true' }, P.initials(u.name)), u.name)),
      h('td', null, u.email || '-'),
      h('td', null, u.organization_id === null ? '-' : 'Organization ' + u.organization_id),
      h('td', null, ROLES[u.role] || u.role),
      h('td', null, P.formatDate(u.created_at)),
      h('td', null, P.formatDate(u.updated_at)));
  }

  function pagination(footer, page, first, last, count, body) {
    var link = function (label, target, enabled) {
      return enabled ? h('a', { href: '?page=' + target, class: 'zd-page-link', 'data-test-id': 'pagination-' + label.toLowerCase() }, label)
        : h('span', { class: 'zd-page-link is-disabled' }, label);
    };
    footer.replaceChildren(
      link('Previous', page - 1, Boolean(body.previous_page)),
      h('span', { class: 'zd-page-range' }, count === 0 ? '0 users' : first + '–' + last + ' of ' + count),
      link('Next', page + 1, Boolean(body.next_page)));
  }

  if (config.page === 'user') user();
  else if (config.page === 'list') list();
})();
