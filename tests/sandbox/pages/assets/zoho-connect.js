/*
 * Zoho Connect pages: a network's members and a member's profile, filled from
 * `/pulse/api/orgMembers?scopeID=` with the Zoho session cookie. Vendor strings go in as text.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;

  function members() {
    return P.api('/pulse/api/orgMembers?scopeID=' + encodeURIComponent(config.scopeID)).then(function (body) {
      return body.orgMembers.members;
    });
  }

  function kind(m) {
    return m.isExternal ? 'External user' : 'Member';
  }

  function profile() {
    var root = document.querySelector('[data-zcqa="userProfile"]');
    members().then(function (list) {
      var m = list.filter(function (x) { return x.zuid === config.zuid; })[0];
      if (!m) {
        P.fill(root, '[data-field="name"]', 'Member not found');
        P.showError(root.querySelector('.cn-card'), 'This person is not a member of ' + config.network + '.');
        return;
      }
      P.fill(root, '[data-field="name"]', m.name);
      P.fill(root, '[data-field="initials"]', P.initials(m.name));
      P.fill(root, '[data-field="email"]', m.emailId);
      P.fill(root, '[data-field="kind"]', kind(m));
      P.fill(root, '[data-field="role"]', m.isAdmin ? 'Network admin' : 'Member');
      P.fill(root, '[data-field="status"]', m.status === 'active' ? 'Active' : 'Invitation pending');
      P.fill(root, '[data-field="organization"]', m.isExternal ? null : config.network);
      P.fill(root, '[data-field="phone"]', null);
      P.fill(root, '[data-field="invited"]', m.invitedTime ? P.formatDate(m.invitedTime) : null);
      document.title = m.name + ' - Zoho Connect';
    }).catch(function (error) {
      P.fill(root, '[data-field="name"]', 'Could not load this profile');
      P.showError(root.querySelector('.cn-card'), 'Zoho Connect answered ' + error.message + '.');
    });
  }

  function list() {
    var section = document.querySelector('[data-zcqa="memberList"]');
    var table = section.querySelector('[data-zcqa="memberListTable"]');
    var tbody = table.querySelector('tbody');
    var selection = section.querySelector('[data-zcqa="memberSelection"]');
    var update = P.wireSelection(table, '[data-zcqa="memberSelectAll"]', '[data-zcqa="memberCheckbox"]', function (count) {
      selection.hidden = count === 0;
      selection.textContent = count + ' selected';
      selection.setAttribute('data-selected-count', String(count));
    });
    members().then(function (list) {
      tbody.replaceChildren.apply(tbody, list.map(row));
      if (list.length === 0) P.tableMessage(tbody, 6, 'No members yet');
      P.fill(section, '[data-zcqa="memberCount"]', list.length + (list.length === 1 ? ' member' : ' members'));
      update();
    }).catch(function (error) {
      P.tableMessage(tbody, 6, 'Could not load the members.', 'Zoho Connect answered ' + error.message + '.', true);
    });
  }

  function row(m) {
    return h('tr', { 'data-zcqa': 'memberRow', 'data-zuid': m.zuid },
      h('td', { class: 'cn-check' }, h('input', { type: 'checkbox', 'data-zcqa': 'memberCheckbox', value: m.zuid, 'aria-label': 'Select ' + m.name })),
      h('td', null, h('a', { href: '/portal/' + config.portal + '/profile/' + m.zuid, class: 'cn-member-link', 'data-zcqa': 'memberName' },
        h('span', { class: 'cn-avatar cn-avatar-sm', 'aria-hidden': 'true' }, P.initials(m.name)), m.name)),
      h('td', null, m.emailId),
      h('td', null, kind(m)),
      h('td', null, m.isAdmin ? 'Admin' : 'Member'),
      h('td', null, h('span', { class: m.status === 'active' ? 'cn-status is-active' : 'cn-status' }, m.status === 'active' ? 'Active' : 'Invited')));
  }

  if (config.page === 'profile') profile();
  else if (config.page === 'members') list();
})();
