/*
 * Zoho CRM pages: a record's detail view and a module's list view, filled from the CRM v8 API with
 * the Zoho session cookie. Vendor strings go in as text.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;
  var PAGE_SIZE = 100;

  function fullName(r) {
    // Accounts records are named by Account_Name, a string there (a lookup `{name, id}` on Contacts).
    if (typeof r.Account_Name === 'string') return r.Account_Name;
    return r.Full_Name || [r.First_Name, r.Last_Name].filter(Boolean).join(' ');
  }

  /** An Accounts record's related Contacts (Get Related Records). */
  function relatedContacts(root) {
    var table = root.querySelector('[data-zcqa="relatedContacts"]');
    if (!table) return;
    var tbody = table.querySelector('tbody');
    P.api('/crm/v8/Accounts/' + encodeURIComponent(config.recordId) + '/Contacts?page=1&per_page=200&fields=First_Name,Last_Name,Email').then(function (body) {
      var records = body ? body.data : [];
      tbody.replaceChildren.apply(tbody, records.map(function (r) {
        return h('tr', { 'data-zcqa': 'relatedContactRow', 'data-record-id': r.id },
          h('td', null, h('a', { href: '/crm/' + config.org + '/tab/Contacts/' + r.id }, fullName(r))), h('td', null, r.Email || '-'));
      }));
      if (records.length === 0) P.tableMessage(tbody, 2, 'No Contacts found.');
    }).catch(function (error) {
      P.tableMessage(tbody, 2, 'Could not load the Contacts.', 'Zoho CRM answered ' + error.message + '.', true);
    });
  }

  function record() {
    var root = document.querySelector('[data-zcqa="detailView"]');
    P.api('/crm/v8/' + encodeURIComponent(config.module) + '/' + encodeURIComponent(config.recordId)).then(function (body) {
      var r = body.data[0];
      var name = fullName(r);
      P.fill(root, '[data-field="name"]', name);
      P.fill(root, '[data-field="initials"]', P.initials(name));
      P.fill(root, '[data-field="owner"]', r.Owner && r.Owner.name);
      P.fill(root, '[data-field="email"]', r.Email);
      P.fill(root, '[data-field="firstName"]', r.First_Name);
      P.fill(root, '[data-field="lastName"]', r.Last_Name);
      P.fill(root, '[data-field="account"]', r.Account_Name && typeof r.Account_Name === 'object' ? r.Account_Name.name : null);
      P.fill(root, '[data-field="phone"]', r.Phone);
      P.fill(root, '[data-field="approval"]', r.$approval_state);
      P.fill(root, '[data-field="created"]', P.formatDate(r.Created_Time));
      document.title = name + ' - Zoho CRM';
      relatedContacts(root);
    }).catch(function (error) {
      P.fill(root, '[data-field="name"]', 'Record not available');
      P.showError(root.querySelector('.crm-info'), 'This record cannot be shown.', error.body && error.body.message ? 'Zoho CRM: ' + error.body.message : 'Zoho CRM answered ' + error.message + '.');
    });
  }

  function list() {
    var section = document.querySelector('[data-zcqa="listView"]');
    var table = section.querySelector('[data-zcqa="lv_table"]');
    var tbody = table.querySelector('tbody');
    var selection = section.querySelector('[data-zcqa="lv_selectedCount"]');
    var page = P.queryPage();
    var update = P.wireSelection(table, '[data-zcqa="lv_selectAll"]', '[data-zcqa="lv_rowCheckbox"]', function (count) {
      selection.hidden = count === 0;
      selection.textContent = count + (count === 1 ? ' Record Selected' : ' Records Selected');
      selection.setAttribute('data-selected-count', String(count));
    });
    var query = 'cvid=' + config.cvid + '&page=' + page + '&per_page=' + PAGE_SIZE + '&fields=First_Name,Last_Name,Full_Name,Email,Phone,Owner,Created_Time';
    P.api('/crm/v8/' + encodeURIComponent(config.module) + '?' + query).then(function (body) {
      var records = body ? body.data : [];
      tbody.replaceChildren.apply(tbody, records.map(row));
      if (records.length === 0) P.tableMessage(tbody, 6, 'No ' + config.module + ' found.');
      pager(section.querySelector('[data-zcqa="lv_pagination"]'), page, records.length, Boolean(body && body.info.more_records));
      update();
    }).catch(function (error) {
      P.tableMessage(tbody, 6, 'Could not load the records.', 'Zoho CRM answered ' + error.message + '.', true);
    });
  }

  function row(r) {
    var name = fullName(r);
    return h('tr', { id: 'lvTr_' + r.id, 'data-zcqa': 'lv_row', 'data-record-id': r.id },
      h('td', { class: 'crm-check' }, h('input', { type: 'checkbox', 'data-zcqa': 'lv_rowCheckbox', value: r.id, 'aria-label': 'Select ' + name })),
      h('td', null, h('a', { href: '/crm/' + config.org + '/tab/' + config.module + '/' + r.id, class: 'crm-record-link', 'data-zcqa': 'lv_recordName' }, name)),
      h('td', null, r.Email || '-'),
      h('td', null, r.Phone || '-'),
      h('td', null, (r.Owner && r.Owner.name) || '-'),
      h('td', null, P.formatDate(r.Created_Time)));
  }

  function pager(nav, page, shown, more) {
    var first = (page - 1) * PAGE_SIZE + 1;
    var arrow = function (label, target, enabled, title) {
      return enabled ? h('a', { href: '?page=' + target, class: 'crm-pager-arrow', title: title, 'data-zcqa': 'lv_' + title.toLowerCase() }, label)
        : h('span', { class: 'crm-pager-arrow is-disabled', title: title }, label);
    };
    nav.replaceChildren(
      h('span', { class: 'crm-per-page' }, PAGE_SIZE + ' Records Per Page'),
      arrow('‹', page - 1, page > 1, 'Previous'),
      h('span', { class: 'crm-pager-range' }, shown === 0 ? '0' : first + ' - ' + (first + shown - 1)),
      arrow('›', page + 1, more, 'Next'));
  }

  if (config.page === 'record') record();
  else if (config.page === 'list') list();
})();
