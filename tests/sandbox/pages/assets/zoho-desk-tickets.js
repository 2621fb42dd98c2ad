/*
 * Zoho Desk ticket and account pages: the ticket with its contact (include=contacts) and its
 * secondary contacts; the account and its contacts. Vendor strings go in as text.
 */
(function () {
  'use strict';
  var P = window.SandboxPage;
  var config = P.config;
  var h = P.h;
  var headers = { orgId: config.orgId };
  var base = '/agent/' + config.portal + '/' + config.department;

  function fullName(c) {
    return [c.firstName, c.lastName].filter(Boolean).join(' ');
  }

  function contactLink(c) {
    return h('a', { href: base + '/contacts/details/' + c.id }, fullName(c) || c.email || c.id);
  }

  function ticket() {
    var root = document.querySelector('[data-id="ticketDetailView"]');
    P.api('/api/v1/tickets/' + encodeURIComponent(config.ticketId) + '?include=contacts', { headers: headers }).then(function (t) {
      P.fill(root, '[data-field="ticketNumber"]', '#' + t.ticketNumber);
      P.fill(root, '[data-field="subject"]', t.subject);
      P.fill(root, '[data-field="status"]', t.status);
      P.fill(root, '[data-field="description"]', t.description);
      P.fill(root, '[data-field="priority"]', t.priority);
      P.fill(root, '[data-field="channel"]', t.channel);
      P.fill(root, '[data-field="createdTime"]', P.formatDate(t.createdTime));
      document.title = t.subject + ' | Zoho Desk';
      var contact = root.querySelector('[data-field="contact"]');
      if (t.contact) {
        contact.replaceChildren(contactLink(t.contact));
        P.fill(root, '[data-field="contactName"]', fullName(t.contact));
        P.fill(root, '[data-field="account"]', t.contact.account && t.contact.account.accountName);
      } else {
        P.fill(root, '[data-field="contact"]', 'This contact was deleted');
        P.fill(root, '[data-field="contactName"]', 'Deleted contact');
        P.fill(root, '[data-field="account"]', null);
      }
      var list = root.querySelector('[data-id="ticketSecondaryContacts"]');
      var ids = t.secondaryContacts || [];
      if (ids.length === 0) return list.replaceChildren(h('li', { class: 'desk-empty' }, 'None'));
      return Promise.all(ids.map(function (id) {
        return P.api('/api/v1/contacts/' + encodeURIComponent(id), { headers: headers }).catch(function () { return null; });
      })).then(function (contacts) {
        list.replaceChildren.apply(list, contacts.filter(Boolean).map(function (c) { return h('li', null, contactLink(c)); }));
      });
    }).catch(function (error) {
      P.fill(root, '[data-field="subject"]', error.status === 404 ? 'Ticket not found' : 'Could not load this ticket');
      P.showError(root.querySelector('.desk-ticket-main'), error.status === 404 ? 'This ticket does not exist or was deleted.' : 'Zoho Desk answered ' + error.message + '.');
    });
  }

  function account() {
    var root = document.querySelector('[data-id="accountDetailView"]');
    var id = encodeURIComponent(config.accountId);
    P.api('/api/v1/accounts/' + id, { headers: headers }).then(function (a) {
      P.fill(root, '[data-field="name"]', a.accountName);
      P.fill(root, '[data-field="initials"]', P.initials(a.accountName));
      P.fill(root, '[data-field="website"]', a.website);
      P.fill(root, '[data-field="phone"]', a.phone);
      P.fill(root, '[data-field="createdTime"]', P.formatDate(a.createdTime));
      document.title = a.accountName + ' | Zoho Desk';
      var tbody = root.querySelector('[data-id="accountContactsTable"] tbody');
      return P.api('/api/v1/accounts/' + id + '/contacts?from=1&limit=100', { headers: headers }).then(function (body) {
        var contacts = body ? body.data : [];
        tbody.replaceChildren.apply(tbody, contacts.map(function (c) {
          return h('tr', { 'data-id': 'accountContactRow', 'data-contact-id': c.id },
            h('td', null, contactLink(c)), h('td', null, c.email || '-'), h('td', null, c.phone || '-'), h('td', null, c.isEndUser ? 'Yes' : 'No'));
        }));
        if (contacts.length === 0) P.tableMessage(tbody, 4, 'No contacts in this account.');
      });
    }).catch(function (error) {
      P.fill(root, '[data-field="name"]', error.status === 404 ? 'Account not found' : 'Could not load this account');
      P.showError(root.querySelector('.desk-detail'), error.status === 404 ? 'This account does not exist or was deleted.' : 'Zoho Desk answered ' + error.message + '.');
    });
  }

  if (config.page === 'ticket') ticket();
  else if (config.page === 'account') account();
})();
