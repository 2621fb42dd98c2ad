/**
 * Who is signed in to an agent page, and where to send someone who is not. Zendesk keeps one
 * `_zendesk_session` cookie per account host; Zoho signs in once at accounts.zoho.localhost and
 * the session cookie is set for the whole `zoho.localhost` domain, as Zoho's IAM does for
 * `.zoho.com`, so Desk, CRM and Connect share it. The API routers accept the same cookies
 * (auth.ts), so the pages' own calls need no token.
 */
import { parseCookies, ZENDESK_SESSION_COOKIE, ZOHO_SESSION_COOKIE } from '../auth';
import { ZOHO_HOSTS } from '../hosts';
import type { ZendeskAccount, ZendeskUser, ZohoUser } from '../model';
import type { SandboxState } from '../state';

/** Every seeded user signs in to the sandbox's pages with this password. */
export const SANDBOX_PASSWORD = 'sandbox';

/** The Zoho domain the sign-in cookies are set for (Zoho: `.zoho.com`). */
export const ZOHO_COOKIE_DOMAIN = 'zoho.localhost';

export type ZendeskPageUser = { ok: true; user: ZendeskUser } | { ok: false; reason: 'signed-out' | 'end-user' };

export function zendeskPageUser(account: ZendeskAccount, cookie: string | undefined): ZendeskPageUser {
  const id = parseCookies(cookie)[ZENDESK_SESSION_COOKIE];
  const session = id ? account.sessions.find((s) => s.id === id) : undefined;
  const user = session ? account.users.find((u) => u.id === session.userId && u.active && !u.suspended) : undefined;
  if (!user) return { ok: false, reason: 'signed-out' };
  // End users sign in to the help center; the agent interface is for agents and admins.
  return user.role === 'end-user' ? { ok: false, reason: 'end-user' } : { ok: true, user };
}

export function zohoPageUser(state: SandboxState, cookie: string | undefined): ZohoUser | undefined {
  const id = parseCookies(cookie)[ZOHO_SESSION_COOKIE];
  const session = id ? state.data.zoho.sessions.find((s) => s.id === id) : undefined;
  return session ? state.data.zoho.users.find((u) => u.zuid === session.zuid) : undefined;
}

/** The page's own URL as the browser sees it, for return_to / serviceurl. */
export function pageUrl(state: SandboxState, host: string, request: Request): string {
  const url = new URL(request.url);
  return `${state.origin(host)}${url.pathname}${url.search}`;
}

/** Zoho's sign-in, with the app to come back to (`servicename` as Zoho names its apps). */
export function zohoSigninUrl(state: SandboxState, servicename: string, serviceurl: string): string {
  const url = new URL(`${state.origin(ZOHO_HOSTS.accounts)}/signin`);
  url.searchParams.set('servicename', servicename);
  url.searchParams.set('serviceurl', serviceurl);
  return url.toString();
}

/**
 * A return address that stays on the sandbox: a path (when `allowPath`), or an absolute URL on an allowed host.
 * Anything else (another site, `//evil`, `javascript:`) falls back, so sign-in is no open redirect.
 */
export function safeReturn(value: string | undefined, allowedHost: (host: string) => boolean, fallback: string, allowPath = true): string {
  if (!value) return fallback;
  if (value.startsWith('/')) return allowPath && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && allowedHost(url.hostname) ? url.toString() : fallback;
  } catch {
    return fallback;
  }
}

export function setCookie(name: string, value: string, options: { domain?: string; httpOnly?: boolean; expire?: boolean } = {}): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    ...(options.domain ? [`Domain=${options.domain}`] : []),
    ...(options.httpOnly ? ['HttpOnly'] : []),
    'SameSite=Lax',
    ...(options.expire ? ['Max-Age=0'] : []),
  ].join('; ');
}

/** A redirect carrying cookies: Hono's `c.redirect` cannot append several Set-Cookie headers. */
export function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 302, headers });
}
