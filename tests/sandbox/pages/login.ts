/**
 * The sign-in forms: Zendesk's `/access/login` on each account host and Zoho's
 * accounts.zoho.localhost/signin. Every seeded user signs in with the password `sandbox`; the form
 * says so, since these are test accounts on loopback and nothing else.
 */
import { html, htmlDocument } from './html';
import { SANDBOX_PASSWORD } from './session';

export interface LoginSpec {
  vendor: 'zendesk' | 'zoho';
  title: string;
  action: string;
  /** Hidden fields carried through the form: return_to (Zendesk), servicename and serviceurl (Zoho). */
  hidden: Record<string, string>;
  /** Addresses that can sign in here, shown as a hint. */
  users: string[];
  error?: string | undefined;
  status?: number;
}

export function loginPage(spec: LoginSpec): Response {
  const zendesk = spec.vendor === 'zendesk';
  const logo = zendesk
    ? html`<div class="zd-login-logo" aria-hidden="true">z</div>`
    : html`<div class="zoho-logo" aria-label="ZOHO"><span class="z">Z</span><span class="o1">O</span><span class="h">H</span><span class="o2">O</span></div>`;
  return htmlDocument({
    title: spec.title,
    styles: ['base.css', zendesk ? 'zendesk.css' : 'zoho-accounts.css'],
    bodyClass: zendesk ? 'zd-login' : 'zoho-login',
    status: spec.status ?? 200,
    body: html`
<main class="sbx-card sbx-login" data-test-id="login">
  ${logo}
  <h1>${spec.title}</h1>
  ${spec.error ? html`<p class="sbx-login-error" role="alert" data-test-id="login-error">${spec.error}</p>` : ''}
  <form method="post" action="${spec.action}" data-test-id="login-form">
    ${Object.entries(spec.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
    <label>Email<input type="email" name="email" id="login-email" autocomplete="username" required></label>
    <label>Password<input type="password" name="password" id="login-password" autocomplete="current-password" required></label>
    <button type="submit" id="login-submit">Sign in</button>
  </form>
  <aside class="sbx-login-hint">
    <strong>Sandbox accounts</strong> (password <code>${SANDBOX_PASSWORD}</code>):
    <ul>${spec.users.map((u) => html`<li><code>${u}</code></li>`)}</ul>
  </aside>
</main>`,
  });
}
