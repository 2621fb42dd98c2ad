/*
 * Zendesk agent pages: the user profile and the customer lists, filled from the Support API with
 * the `_zendesk_session` cookie (GET needs no CSRF token). Vendor strings go in as text only.
 * As in the real agent UI, a click on a user or a customer list (a name in a list, a list, a
 * profile tab, a page of the list) moves there without a page load: history.pushState, the page
 * drawn in place (userView / listView, the same markup as the server's in ../zendesk.ts), its data
 * loaded as on a page load; back and forward draw the page they come to.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;
  var ROLES = { 'end-user': 'End user', agent: 'Agent', admin: 'Administrator' };
  var FILTERS = config.userFilters || [];
  var TABS = config.userTabs || {};

  /** The user or customer list at `url`, as the server's config describes it; null for any other page. */
  function routeOf(url) {
    var user = /^\/agent\/users\/([0-9]+)(?:\/(requested_tickets|ccd_tickets))?$/.exec(url.pathname);
    if (user) return { page: 'user', userId: user[1], tab: user[2] || 'requested_tickets' };
    var list = /^\/agent\/user_filters(?:\/([0-9]+))?$/.exec(url.pathname);
    if (!list) return null;
    var viewId = list[1] || (FILTERS[0] && FILTERS[0].id);
    var view = filterOf(viewId);
    return { page: 'list', viewId: viewId, roles: view ? view.roles.slice() : [] };
  }

  function filterOf(viewId) {
    return FILTERS.filter(function (v) { return v.id === viewId; })[0];
  }

  /** Draws the page of `route` in the workspace, as the server would have sent it, then loads its data. */
  function render(route) {
    var view = route.page === 'list' ? filterOf(route.viewId) : undefined;
    document.querySelector('main.zd-workspace').replaceChildren(route.page === 'user' ? userView(route) : listView(route, view));
    var tab = document.querySelector('.zd-header-tab.is-active');
    if (tab) tab.textContent = route.page === 'user' ? 'Customer' : 'Customers';
    document.querySelectorAll('.zd-nav-item').forEach(function (item) {
      item.classList.toggle('is-active', item.getAttribute('data-test-id') === 'nav-customers');
    });
    document.title = (route.page === 'user' ? 'User' : view ? view.name : 'Customers') + ' – ' + config.accountName + ' – Zendesk';
    load(route);
  }

  function userView(route) {
    var fields = [['Role', 'role'], ['Access', 'access'], ['Primary language', 'locale'], ['Tags', 'tags'], ['Org.', 'organization', 'user-profile-organization'],
      ['Email', 'email'], ['Phone', 'phone', 'user-profile-phone'], ['Time zone', 'time_zone'], ['Created', 'created_at']];
    return h('div', { class: 'zd-user', 'data-test-id': 'user-profile', 'data-user-id': route.userId },
      h('aside', { class: 'zd-user-fields', 'aria-label': 'User fields' },
        h('dl', null, fields.map(function (f) { return [h('dt', null, f[0]), h('dd', { 'data-field': f[1], 'data-test-id': f[2] }, '…')]; }))),
      h('section', { class: 'zd-user-main' },
        h('header', { class: 'zd-user-header' },
          h('span', { class: 'zd-avatar zd-avatar-lg', 'data-field': 'initials', 'aria-hidden': 'true' }),
          h('div', null,
            h('h1', { 'data-test-id': 'user-profile-name', 'data-field': 'name' }, 'Loading…'),
            h('p', { class: 'zd-user-sub' },
              h('span', { 'data-test-id': 'user-profile-email', 'data-field': 'email' }), ' ', h('span', { class: 'zd-badge', 'data-field': 'verified', hidden: true })))),
        h('nav', { class: 'zd-user-tabs' }, Object.keys(TABS).map(function (key) {
          return h('a', { href: '/agent/users/' + route.userId + '/' + key, class: 'zd-tab-link' + (key === route.tab ? ' is-active' : ''), 'data-test-id': 'user-tab-' + key }, TABS[key]);
        })),
        h('div', { class: 'zd-user-tickets', 'data-test-id': 'user-tickets' }, h('p', { class: 'zd-empty' }, 'No tickets yet'))));
  }

  function listView(route, view) {
    return h('div', { class: 'zd-customers' },
      h('aside', { class: 'zd-lists' },
        h('h2', null, 'Customers'),
        h('h3', null, 'Customer lists'),
        h('ul', null, FILTERS.map(function (v) {
          return h('li', null, h('a', { href: '/agent/user_filters/' + v.id, class: v.id === route.viewId ? 'is-active' : '', 'data-test-id': 'customer-list-link' }, v.name));
        }))),
      h('section', { class: 'zd-list-main', 'data-test-id': 'customer-list', 'data-view-id': route.viewId },
        h('header', { class: 'zd-list-header' },
          h('h1', null, view ? view.name : 'Customer list not found'),
          h('span', { class: 'zd-count', 'data-test-id': 'customer-list-count' }),
          h('span', { class: 'zd-bulk', 'data-test-id': 'customer-list-selection', hidden: true })),
        view ? [
          h('table', { class: 'zd-table', 'data-test-id': 'customer-list-table' },
            h('thead', null, h('tr', null,
              h('th', { class: 'zd-check' }, h('input', { type: 'checkbox', 'data-test-id': 'customer-list-select-all', 'aria-label': 'Select all users on this page' })),
              ['Name', 'Email', 'Organization', 'Role', 'Created', 'Last updated'].map(function (label) { return h('th', null, label); }))),
            h('tbody', null, h('tr', null, h('td', { colspan: 7, class: 'zd-empty' }, 'Loading…')))),
          h('footer', { class: 'zd-pagination', 'data-test-id': 'customer-list-pagination' }),
        ] : h('p', { class: 'zd-empty' }, 'This customer list does not exist.')));
  }

  function load(route) {
    if (route.page === 'user') user(route);
    else if (route.page === 'list') list(route);
  }

  function user(route) {
    var root = document.querySelector('[data-test-id="user-profile"]');
    P.api('/api/v2/users/' + encodeURIComponent(route.userId) + '.json').then(function (body) {
      // The agent moved on meanwhile: this answer is for a page no longer shown.
      if (!root.isConnected) return;
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
      if (!root.isConnected) return;
      var main = root.querySelector('.zd-user-main');
      P.fill(root, '[data-field="name"]', error.status === 404 ? 'User not found' : 'Could not load this user');
      P.showError(main.querySelector('[data-test-id="user-tickets"]'), error.status === 404 ? 'This user does not exist or was deleted.' : 'Zendesk answered ' + error.message + '.');
    });
  }

  function list(route) {
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
    var query = route.roles.map(function (r) { return 'role[]=' + encodeURIComponent(r); }).concat(['page=' + page, 'per_page=100']).join('&');
    P.api('/api/v2/users.json?' + query).then(function (body) {
      if (!section.isConnected) return;
      tbody.replaceChildren.apply(tbody, body.users.map(row));
      if (body.users.length === 0) P.tableMessage(tbody, 7, 'No users in this list');
      var first = (page - 1) * 100 + 1;
      P.fill(section, '[data-test-id="customer-list-count"]', body.count + (body.count === 1 ? ' user' : ' users'));
      pagination(section.querySelector('[data-test-id="customer-list-pagination"]'), page, first, first + body.users.length - 1, body.count, body);
      update();
    }).catch(function (error) {
      if (!section.isConnected) return;
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

  load(config);
  if (config.page === 'user' || config.page === 'list') P.navigateInApp(routeOf, render);
})();
