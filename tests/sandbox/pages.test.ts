import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { URL_TABLES } from '../fixtures/urls';
import { SANDBOX_PORT } from '../fixtures/urls/types';
import { sandboxFetch } from './fetch';
import { escapeHtml, html, jsonScript } from './pages/html';
import { SANDBOX_PASSWORD } from './pages/session';
import { startSandbox, type RunningSandbox } from './server';

/**
 * The agent pages (tests/sandbox/pages), in Node: every sandbox URL of the URL tables is served
 * once signed in, sign-in and its redirects, and the router's place behind the APIs. What the pages
 * look like and do in a browser is tests/e2e/sandbox-pages.test.ts.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  // No `pages` option: the router is found as tests/sandbox/pages/index.ts, as `npm run sandbox` finds it.
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.state.reset());

const on = (url: string) => url.replace(`:${SANDBOX_PORT}`, `:${sandbox.port}`);
const get = (url: string, cookie?: string) => sandboxFetch(on(url), { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (url: string, fields: Record<string, string>) =>
  sandboxFetch(on(url), { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields) });
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

async function zendeskSignIn(subdomain: string, email: string): Promise<string> {
  const res = await post(`http://${subdomain}.zendesk.localhost:${SANDBOX_PORT}/access/login`, { email, password: SANDBOX_PASSWORD, return_to: '/agent/user_filters' });
  expect(res.status).toBe(302);
  return cookiesOf(res);
}

async function zohoSignIn(email = 'ava.admin@acme.co'): Promise<string> {
  const res = await post(`http://accounts.zoho.localhost:${SANDBOX_PORT}/signin`, { email, password: SANDBOX_PASSWORD, servicename: 'ZohoCRM', serviceurl: '' });
  expect(res.status).toBe(302);
  return cookiesOf(res);
}

describe('every sandbox page of the URL tables', () => {
  const cases = Object.values(URL_TABLES).flat().filter((c) => c.expect !== null && new URL(c.url).hostname.endsWith('.localhost'));

  it('has sandbox cases for every vendor', () => {
    expect(new Set(cases.map((c) => c.expect?.vendor))).toEqual(new Set(['zendesk', 'zoho_desk', 'zoho_crm', 'zoho_connect']));
  });

  it.each(cases.map((c) => [c.url] as const))('serves %s as HTML once signed in', async (url) => {
    const host = new URL(url).hostname;
    const cookie = host.endsWith('.zendesk.localhost')
      ? await zendeskSignIn(host.split('.')[0] ?? '', host.startsWith('globex.') ? 'gina.admin@globex.com' : 'ava.admin@acme.co')
      : await zohoSignIn();
    const res = await get(url, cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('/sandbox-assets/common.js');
  });
});

describe('the URL tables themselves', () => {
  const all = Object.entries(URL_TABLES).flatMap(([vendor, cases]) => cases.map((c) => ({ vendor, ...c })));

  it('name each URL once, and expect only what the URL itself says', () => {
    expect(new Set(all.map((c) => c.url)).size).toBe(all.length);
    for (const { vendor, url, expect: page } of all) {
      const parsed = new URL(url);
      if (!page) continue;
      expect(page.vendor, url).toBe(vendor);
      expect(parsed.hostname + parsed.pathname, url).toContain(page.account);
      for (const id of page.recordIds) expect(parsed.pathname, url).toContain(id);
      if (page.module) expect(`${parsed.pathname}/`, url).toContain(`/${page.module}/`);
      if (page.pageKind === 'list' || page.pageKind === 'other') expect(page.recordIds, url).toEqual([]);
    }
  });

  it('cover every Zoho data center for each Zoho app’s contact and list pages', () => {
    for (const vendor of ['zoho_desk', 'zoho_crm', 'zoho_connect'] as const) {
      for (const kind of ['contact', 'list'] as const) {
        const hosts = new Set(URL_TABLES[vendor].filter((c) => c.expect?.pageKind === kind).map((c) => new URL(c.url).hostname.replace(/^[a-z]+\./, '')));
        for (const domain of ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zoho.jp', 'zoho.com.cn', 'zoho.sa', 'zohocloud.ca']) {
          expect(hosts, `${vendor} ${kind} on ${domain}`).toContain(domain);
        }
      }
    }
  });
});

describe('signing in', () => {
  it('sends a signed-out agent to Zendesk’s /access/login with return_to, and back after sign-in', async () => {
    const page = `http://acme.zendesk.localhost:${SANDBOX_PORT}/agent/users/2004`;
    const away = await get(page);
    expect(away.status).toBe(302);
    const login = new URL(away.headers.get('location') ?? '', on(page));
    expect(login.pathname).toBe('/access/login');
    expect(login.searchParams.get('return_to')).toBe(on(page));
    expect((await get(login.toString())).status).toBe(200);
    const res = await post(login.toString(), { email: 'ben.agent@acme.co', password: SANDBOX_PASSWORD, return_to: on(page) });
    expect(res.headers.get('location')).toBe(on(page));
    expect(res.headers.getSetCookie()[0]).toMatch(/^_zendesk_session=\w+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect((await get(page, cookiesOf(res))).status).toBe(200);
  });

  it('refuses a wrong password, and an end user on the agent interface', async () => {
    const login = `http://acme.zendesk.localhost:${SANDBOX_PORT}/access/login`;
    const wrong = await post(login, { email: 'ava.admin@acme.co', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Invalid email or password.');
    expect((await post(login, { email: 'eve.enduser@northwind.com', password: SANDBOX_PASSWORD })).status).toBe(403);
    // The seeded end-user session (NOT_AN_AGENT) sees "agents only".
    const eve = await get(`http://acme.zendesk.localhost:${SANDBOX_PORT}/agent/user_filters`, '_zendesk_session=acme-session-eve');
    expect(eve.status).toBe(403);
  });

  it('sends a signed-out Zoho user to accounts.zoho.localhost/signin, one session serving Desk, CRM and Connect', async () => {
    const page = `http://crm.zoho.localhost:${SANDBOX_PORT}/crm/org800000001/tab/Contacts`;
    const away = await get(page);
    const signin = new URL(away.headers.get('location') ?? '');
    expect(signin.host).toBe(`accounts.zoho.localhost:${sandbox.port}`);
    expect(signin.searchParams.get('servicename')).toBe('ZohoCRM');
    expect(signin.searchParams.get('serviceurl')).toBe(on(page));
    const res = await post(signin.toString(), { email: 'ben.agent@acme.co', password: SANDBOX_PASSWORD, servicename: 'ZohoCRM', serviceurl: on(page) });
    expect(res.headers.get('location')).toBe(on(page));
    const [session, csrf] = res.headers.getSetCookie();
    expect(session).toMatch(/^_iamadt=\w+; Path=\/; Domain=zoho\.localhost; HttpOnly; SameSite=Lax$/);
    expect(csrf).toMatch(/^crmcsr=\w+; Path=\/; Domain=zoho\.localhost; SameSite=Lax$/);
    for (const url of [page, `http://desk.zoho.localhost:${SANDBOX_PORT}/agent/acme/support/contacts/list/all-contacts`, `http://connect.zoho.localhost:${SANDBOX_PORT}/portal/acmeintranet/members`]) {
      expect((await get(url, cookiesOf(res))).status).toBe(200);
    }
  });

  it('never redirects off the sandbox after sign-in', async () => {
    const zendesk = await post(`http://acme.zendesk.localhost:${SANDBOX_PORT}/access/login`, { email: 'ava.admin@acme.co', password: SANDBOX_PASSWORD, return_to: 'https://evil.example/phish' });
    expect(zendesk.headers.get('location')).toBe('/agent');
    for (const serviceurl of ['https://evil.example/', '//evil.example/', '/crm', 'javascript:alert(1)']) {
      const zoho = await post(`http://accounts.zoho.localhost:${SANDBOX_PORT}/signin`, { email: 'ava.admin@acme.co', password: SANDBOX_PASSWORD, serviceurl });
      expect(zoho.headers.get('location')).toBe(`http://desk.zoho.localhost:${sandbox.port}/agent`);
    }
  });

  it('signs out, ending the session', async () => {
    const cookie = await zohoSignIn();
    const out = await get(`http://accounts.zoho.localhost:${SANDBOX_PORT}/logout`, cookie);
    expect(out.status).toBe(302);
    expect((await get(`http://desk.zoho.localhost:${SANDBOX_PORT}/agent`, cookie)).status).toBe(302);
    expect(new URL((await get(`http://desk.zoho.localhost:${SANDBOX_PORT}/agent`, cookie)).headers.get('location') ?? '').pathname).toBe('/signin');
  });
});

describe('the pages router behind the APIs', () => {
  it('serves the page scripts and styles, and keeps the vendor’s own 404 elsewhere', async () => {
    const js = await get(`http://crm.zoho.localhost:${SANDBOX_PORT}/sandbox-assets/common.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('window.SandboxPage');
    const missing = await get(`http://acme.zendesk.localhost:${SANDBOX_PORT}/sandbox-assets/../server.ts`);
    expect(missing.status).toBe(404);
    const unknown = await get(`http://acme.zendesk.localhost:${SANDBOX_PORT}/nothing/here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'InvalidEndpoint', description: 'Not found' });
  });

  it('answers 404 pages for an unknown portal, org, module or view', async () => {
    const cookie = await zohoSignIn();
    for (const path of [
      `http://desk.zoho.localhost:${SANDBOX_PORT}/agent/nope/support/contacts/list/all-contacts`,
      `http://desk.zoho.localhost:${SANDBOX_PORT}/agent/acme/support/contacts/list/no-such-view`,
      `http://crm.zoho.localhost:${SANDBOX_PORT}/crm/org123/tab/Contacts`,
      `http://crm.zoho.localhost:${SANDBOX_PORT}/crm/org800000001/tab/contacts`,
      `http://crm.zoho.localhost:${SANDBOX_PORT}/crm/org800000001/tab/Contacts/custom-view/1/list`,
      `http://connect.zoho.localhost:${SANDBOX_PORT}/portal/nope/members`,
    ]) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('page scripts never parse vendor strings as markup', () => {
    const dir = new URL('./pages/assets/', import.meta.url);
    const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(5);
    for (const file of scripts) {
      const code = readFileSync(new URL(file, dir), 'utf8').replace(/^\s*(\/\*[\s\S]*?\*\/|\/\/.*)$/gm, '');
      expect(code, file).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/);
    }
  });

  it('escapes every interpolated string, and no string closes the page config', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(html`<h1 title="${name}">${name}</h1>`.value).toBe(`<h1 title="${escapeHtml(name)}">&lt;img src=x onerror=alert(1)&gt;</h1>`);
    const config = jsonScript('c', { name: '</script><script>alert(1)</script>' }).value;
    expect(config.match(/<\/script>/g)).toHaveLength(1);
  });
});
