/*
 * Zendesk ticket and organization pages: the ticket, then its requester, CCs and followers in one
 * ShowManyUsers read; an organization and its users page by page. Vendor strings go in as text.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;
  var ROLES = { 'end-user': 'End user', agent: 'Agent', admin: 'Administrator' };
  var PAGE_SIZE = 100;

  function pill(user) {
    return h('a', { class: 'zd-pill', href: '/agent/users/' + user.id, title: user.email || '' }, user.name);
  }

  function ticket() {
    var root = document.querySelector('[data-test-id="ticket-workspace"]');
    P.api('/api/v2/tickets/' + encodeURIComponent(config.ticketId) + '.json').then(function (body) {
      var t = body.ticket;
      P.fill(root, '[data-field="subject"]', t.subject);
      P.fill(root, '[data-field="description"]', t.description);
      P.fill(root, '[data-field="status"]', t.status);
      P.fill(root, '[data-field="priority"]', t.priority);
      P.fill(root, '[data-field="via"]', 'Via ' + (t.via && t.via.channel));
      var tab = document.querySelector('.zd-header-tab.is-active');
      if (tab) tab.textContent = t.subject + ' #' + t.id;
      document.title = t.subject + ' – Zendesk';
      var ids = [t.requester_id, t.assignee_id].concat(t.email_cc_ids || [], t.collaborator_ids || [], t.follower_ids || []).filter(Boolean);
      return P.api('/api/v2/users/show_many.json?ids=' + ids.join(',')).then(function (people) {
        var byId = {};
        people.users.forEach(function (u) { byId[u.id] = u; });
        var requester = byId[t.requester_id];
        var field = function (name) { return root.querySelector('[data-field="' + name + '"]'); };
        if (requester) {
          field('requester').replaceChildren(pill(requester));
          P.fill(root, '[data-field="requesterName"]', requester.name);
          P.fill(root, '[data-field="requesterInitials"]', P.initials(requester.name));
          P.fill(root, '[data-field="contextName"]', requester.name);
          P.fill(root, '[data-field="contextEmail"]', requester.email);
        } else {
          P.fill(root, '[data-field="requester"]', 'Deleted user');
          P.fill(root, '[data-field="requesterName"]', 'Deleted user');
          P.fill(root, '[data-field="contextName"]', 'This requester was deleted');
        }
        P.fill(root, '[data-field="assignee"]', byId[t.assignee_id] && byId[t.assignee_id].name);
        var ccs = (t.email_cc_ids || []).concat((t.collaborator_ids || []).filter(function (id) {
          return (t.email_cc_ids || []).indexOf(id) < 0 && (t.follower_ids || []).indexOf(id) < 0;
        }));
        var pills = function (list) { return list.map(function (id) { return byId[id]; }).filter(Boolean).map(pill); };
        field('ccs').replaceChildren.apply(field('ccs'), ccs.length ? pills(ccs) : ['-']);
        field('followers').replaceChildren.apply(field('followers'), (t.follower_ids || []).length ? pills(t.follower_ids) : ['-']);
      });
    }).catch(function (error) {
      P.fill(root, '[data-field="subject"]', error.status === 404 ? 'Ticket not found' : 'Could not load this ticket');
      P.showError(root.querySelector('.zd-conversation'), error.status === 404 ? 'This ticket does not exist or was deleted.' : 'Zendesk answered ' + error.message + '.');
    });
  }

  function organization() {
    var root = document.querySelector('[data-test-id="organization"]');
    var id = encodeURIComponent(config.organizationId);
    P.api('/api/v2/organizations/' + id + '.json').then(function (body) {
      var o = body.organization;
      P.fill(root, '[data-field="name"]', o.name);
      P.fill(root, '[data-field="initials"]', P.initials(o.name));
      P.fill(root, '[data-field="domains"]', (o.domain_names || []).join(', '));
      P.fill(root, '[data-field="details"]', o.details);
      P.fill(root, '[data-field="created_at"]', P.formatDate(o.created_at));
      var tab = document.querySelector('.zd-header-tab.is-active');
      if (tab) tab.textContent = o.name;
      document.title = o.name + ' – Zendesk';
      var table = root.querySelector('[data-test-id="organization-users-table"]');
      if (!table) return;
      var tbody = table.querySelector('tbody');
      var page = P.queryPage();
      return P.api('/api/v2/organizations/' + id + '/users.json?page=' + page + '&per_page=' + PAGE_SIZE).then(function (users) {
        P.fill(root, '[data-field="count"]', users.count + (users.count === 1 ? ' user' : ' users'));
        tbody.replaceChildren.apply(tbody, users.users.map(function (u) {
          return h('tr', { 'data-test-id': 'organization-user-row', 'data-user-id': u.id },
            h('td', null, h('a', { href: '/agent/users/' + u.id, class: 'zd-user-link' }, h('span', { class: 'zd-avatar zd-avatar-sm', 'aria-hidden': 'true' }, P.initials(u.name)), u.name)),
            h('td', null, u.email || '-'), h('td', null, ROLES[u.role] || u.role), h('td', null, P.formatDate(u.created_at)));
        }));
        if (users.users.length === 0) P.tableMessage(tbody, 4, 'No users in this organization');
        var footer = root.querySelector('[data-test-id="organization-users-pagination"]');
        footer.replaceChildren(
          users.previous_page ? h('a', { href: '?page=' + (page - 1), class: 'zd-page-link' }, 'Previous') : h('span', { class: 'zd-page-link is-disabled' }, 'Previous'),
          users.next_page ? h('a', { href: '?page=' + (page + 1), class: 'zd-page-link' }, 'Next') : h('span', { class: 'zd-page-link is-disabled' }, 'Next'));
      });
    }).catch(function (error) {
      P.fill(root, '[data-field="name"]', error.status === 404 ? 'Organization not found' : 'Could not load this organization');
      P.showError(root.querySelector('.zd-user-main'), error.status === 404 ? 'This organization does not exist or was deleted.' : 'Zendesk answered ' + error.message + '.');
    });
  }

  if (config.page === 'ticket') ticket();
  else if (config.page === 'organization') organization();
})();
