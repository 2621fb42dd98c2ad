/*
 * Shared by the sandbox's agent pages (plain browser JS, no build step). The pages load their data
 * from the vendor APIs on their own host with the session cookie, as the real single-page apps do,
 * and put every vendor string in the DOM as text: `h()` appends strings as Text nodes and nothing
 * here uses innerHTML, so a seeded name like `<img src=x onerror=alert(1)>` shows literally.
 */
(function () {
  'use strict';

  var configElement = document.getElementById('sandbox-page-config');
  var config = configElement ? JSON.parse(configElement.textContent || '{}') : {};

  /** h('td', { class: 'x', 'data-id': 'y' }, 'text', otherNode): attributes and children, never markup. */
  function h(tag, props) {
    var element = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === null || value === undefined || value === false) return;
      if (key === 'class') element.className = value;
      else if (key.slice(0, 2) === 'on' && typeof value === 'function') element.addEventListener(key.slice(2), value);
      else if (value === true) element.setAttribute(key, '');
      else element.setAttribute(key, String(value));
    });
    for (var i = 2; i < arguments.length; i++) append(element, arguments[i]);
    return element;
  }

  function append(element, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) return child.forEach(function (c) { append(element, c); });
    element.append(child instanceof Node ? child : String(child));
  }

  function ApiError(status, body) {
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.message = 'HTTP ' + status;
  }
  ApiError.prototype = Object.create(Error.prototype);

  /** A same-origin JSON call with the session cookie; 204 gives null, an error status throws ApiError. */
  function api(path, init) {
    init = init || {};
    var headers = Object.assign({ accept: 'application/json' }, init.headers || {});
    return fetch(path, Object.assign({}, init, { credentials: 'same-origin', headers: headers })).then(function (response) {
      if (response.status === 204) return null;
      return response.text().then(function (text) {
        var body = text;
        try { body = text ? JSON.parse(text) : null; } catch (e) { /* not JSON: keep the text */ }
        if (!response.ok) throw new ApiError(response.status, body);
        return body;
      });
    });
  }

  /** Sets the text of every element matching `selector` under `root`; empty values show a dash. */
  function fill(root, selector, value) {
    root.querySelectorAll(selector).forEach(function (element) {
      element.textContent = value === null || value === undefined || value === '' ? '-' : String(value);
    });
  }

  /** Up to two initials from the letters of a name (an HTML name gives letters, not markup). */
  function initials(name) {
    var words = String(name || '').split(/\s+/).map(function (w) { return w.replace(/[^\p{L}]/gu, ''); }).filter(Boolean);
    return words.slice(0, 2).map(function (w) { return w[0].toUpperCase(); }).join('') || '?';
  }

  function formatDate(iso) {
    if (!iso) return '-';
    var date = new Date(iso);
    return isNaN(date) ? String(iso) : date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
  }

  function showError(container, title, detail) {
    container.replaceChildren(h('div', { class: 'sbx-error', role: 'alert' }, h('strong', null, title), detail ? h('p', null, detail) : null));
  }

  /** One full-width row in a list's table body: "No users", or an error in role=alert. */
  function tableMessage(tbody, columns, title, detail, isError) {
    tbody.replaceChildren(h('tr', null, h('td', { colspan: columns, class: isError ? 'sbx-table-message is-error' : 'sbx-table-message', role: isError ? 'alert' : null },
      h('strong', null, title), detail ? h('span', null, ' ' + detail) : null)));
  }

  /** `?page=` of the list views (1-based). */
  function queryPage() {
    var page = Number(new URLSearchParams(location.search).get('page'));
    return page >= 1 ? Math.floor(page) : 1;
  }

  /**
   * Row checkboxes and a "select all" box in the header: ticking it ticks every row, and it shows
   * checked or indeterminate as rows are ticked. `onChange(count)` hears every change.
   */
  function wireSelection(table, selectAllSelector, rowCheckboxSelector, onChange) {
    var selectAll = table.querySelector(selectAllSelector);
    function rows() { return Array.prototype.slice.call(table.querySelectorAll(rowCheckboxSelector)); }
    function mark(box) {
      var row = box.closest('tr');
      if (row) {
        row.classList.toggle('is-selected', box.checked);
        row.setAttribute('aria-selected', box.checked ? 'true' : 'false');
      }
    }
    function update() {
      var boxes = rows();
      var count = boxes.filter(function (b) { return b.checked; }).length;
      if (selectAll) {
        selectAll.checked = boxes.length > 0 && count === boxes.length;
        selectAll.indeterminate = count > 0 && count < boxes.length;
      }
      if (onChange) onChange(count);
    }
    table.addEventListener('change', function (event) {
      var target = event.target;
      if (target === selectAll) rows().forEach(function (box) { box.checked = selectAll.checked; mark(box); });
      else if (target.matches && target.matches(rowCheckboxSelector)) mark(target);
      update();
    });
    return update;
  }

  /**
   * In-app navigation, as the real single-page apps move between their pages without a page load:
   * a plain left click on a same-origin link whose address `route(url)` knows is not followed;
   * the address changes with history.pushState and `render(route)` draws that page in place (and
   * loads its data as the page script does on a page load). Back and forward (popstate) draw the
   * page of the address they come to; an address `route` does not know there is loaded as a
   * document. Links keep their real `href`: a click with a modifier key, a link with a `target`, or
   * a page without this script loads the page as a document.
   */
  function navigateInApp(route, render) {
    document.addEventListener('click', function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      // A link to a spot on this same page is the browser's to follow.
      if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
      var next = route(url);
      if (!next) return;
      event.preventDefault();
      // The same address again draws the page afresh, as the apps do, without a new history entry.
      if (url.href !== location.href) history.pushState(null, '', url.href);
      window.scrollTo(0, 0);
      render(next);
    });
    window.addEventListener('popstate', function () {
      var next = route(new URL(location.href));
      if (next) render(next);
      else location.reload();
    });
  }

  window.SandboxPage = {
    config: config, h: h, api: api, ApiError: ApiError, fill: fill, initials: initials,
    formatDate: formatDate, showError: showError, tableMessage: tableMessage, queryPage: queryPage, wireSelection: wireSelection,
    navigateInApp: navigateInApp,
  };
})();
