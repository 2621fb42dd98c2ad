/**
 * What the Zoho apps' pages share: the sign-in guard (no session → accounts.zoho.localhost/signin
 * with the page as `serviceurl`, as Zoho's apps redirect to accounts.zoho.com), the Zoho logo, the
 * signed-in user's avatar and a plain "not found" page.
 */
import type { MiddlewareHandler } from 'hono';
import type { ZohoUser } from '../model';
import type { SandboxState } from '../state';
import type { SandboxBindings } from '../vendors/http';
import { html, htmlDocument, initialsOf, type Html } from './html';
import { pageUrl, redirect, zohoPageUser, zohoSigninUrl } from './session';

export type ZohoPagesEnv = { Bindings: SandboxBindings; Variables: { zohoUser: ZohoUser } };

export function zohoSignedIn(state: SandboxState, servicename: string): MiddlewareHandler<ZohoPagesEnv> {
  return async (c, next) => {
    const user = zohoPageUser(state, c.req.header('cookie'));
    if (!user) return redirect(zohoSigninUrl(state, servicename, pageUrl(state, c.env.site.host, c.req.raw)));
    c.set('zohoUser', user);
    return next();
  };
}

export const zohoLogo = html`<span class="zoho-logo" aria-label="ZOHO"><span class="z">Z</span><span class="o1">O</span><span class="h">H</span><span class="o2">O</span></span>`;

export function zohoAvatar(user: ZohoUser, serviceurl: string, accountsOrigin: string): Html {
  const logout = `${accountsOrigin}/logout?serviceurl=${encodeURIComponent(serviceurl)}`;
  return html`<a class="zoho-avatar" href="${logout}" title="${user.name} (${user.email}) – sign out" data-zcqa="currentUser">${initialsOf(user.name)}</a>`;
}

/** What a Zoho app shows for a portal, org, module or view that does not exist. */
export function zohoNotFound(title: string, styles: string[]): Response {
  return htmlDocument({
    title, styles, bodyClass: 'zoho-plain', status: 404,
    body: html`<main class="sbx-card">${zohoLogo}<h1>${title}</h1><p>Check the address, or go back to the previous page.</p></main>`,
  });
}
