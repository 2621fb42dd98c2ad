/**
 * Zoho's sign-in on `accounts.zoho.localhost/signin?servicename=…&serviceurl=…`, the shape of
 * accounts.zoho.com's. It sets the session cookie (HttpOnly) and the CSRF cookie (readable by the
 * pages) for the whole `zoho.localhost` domain, as Zoho's IAM does for `.zoho.com`, then returns to
 * the app: one sign-in covers Desk, CRM and Connect. `/logout` ends the session.
 */
import { Hono } from 'hono';
import { newZohoSession, parseCookies, ZOHO_CSRF_COOKIE, ZOHO_SESSION_COOKIE } from '../auth';
import { ZOHO_HOSTS } from '../hosts';
import type { SandboxState } from '../state';
import type { SandboxBindings } from '../vendors/http';
import { unmatched } from './html';
import { loginPage } from './login';
import { redirect, safeReturn, SANDBOX_PASSWORD, setCookie, ZOHO_COOKIE_DOMAIN } from './session';

type Env = { Bindings: SandboxBindings };

/** Zoho's service names, as they appear in its sign-in URLs. */
const SERVICES: Record<string, string> = { ZohoSupport: 'Zoho Desk', ZohoCRM: 'Zoho CRM', ZohoPulse: 'Zoho Connect' };

export function zohoSigninPages(state: SandboxState) {
  const app = new Hono<Env>();
  app.notFound(() => unmatched());
  const isZohoApp = (host: string) => host.endsWith(`.${ZOHO_COOKIE_DOMAIN}`);
  const fallback = () => `${state.origin(ZOHO_HOSTS.desk)}/agent`;

  const form = (servicename: string, serviceurl: string, error?: string, status = 200) => loginPage({
    vendor: 'zoho', title: `Sign in to access ${SERVICES[servicename] ?? 'Zoho'}`, action: '/signin', status, error,
    hidden: { servicename, serviceurl }, users: state.data.zoho.users.map((u) => u.email),
  });

  app.get('/signin', (c) => form(c.req.query('servicename') ?? '', c.req.query('serviceurl') ?? ''));
  app.post('/signin', async (c) => {
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const email = field('email').trim().toLowerCase();
    const user = state.data.zoho.users.find((u) => u.email.toLowerCase() === email);
    if (!user || field('password') !== SANDBOX_PASSWORD) return form(field('servicename'), field('serviceurl'), 'Invalid email or password.', 401);
    const session = newZohoSession(state, user.zuid);
    return redirect(safeReturn(field('serviceurl'), isZohoApp, fallback(), false), [
      setCookie(ZOHO_SESSION_COOKIE, session.id, { domain: ZOHO_COOKIE_DOMAIN, httpOnly: true }),
      // Readable by the pages: they echo it in X-ZCSRF-TOKEN on writes.
      setCookie(ZOHO_CSRF_COOKIE, session.csrfToken, { domain: ZOHO_COOKIE_DOMAIN }),
    ]);
  });
  app.get('/logout', (c) => {
    const id = parseCookies(c.req.header('cookie'))[ZOHO_SESSION_COOKIE];
    state.data.zoho.sessions = state.data.zoho.sessions.filter((s) => s.id !== id);
    const back = new URL(`${state.origin(ZOHO_HOSTS.accounts)}/signin`);
    back.searchParams.set('serviceurl', safeReturn(c.req.query('serviceurl'), isZohoApp, fallback(), false));
    return redirect(back.toString(), [
      setCookie(ZOHO_SESSION_COOKIE, '', { domain: ZOHO_COOKIE_DOMAIN, httpOnly: true, expire: true }),
      setCookie(ZOHO_CSRF_COOKIE, '', { domain: ZOHO_COOKIE_DOMAIN, expire: true }),
    ]);
  });
  return app;
}
