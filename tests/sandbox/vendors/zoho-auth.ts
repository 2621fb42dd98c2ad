/**
 * `Authorization: Zoho-oauthtoken <token>` for Desk, CRM and Connect, each answering a bad or
 * expired token in its own envelope. An injected `expired_token` fault is consumed here, by calls
 * that carry a token. A call without an Authorization header may instead carry the web session of
 * the sandbox's agent pages (auth.ts, ZOHO_SESSION_COOKIE) [SANDBOX: NOTES.md §2.8 leaves Zoho's
 * web-UI cookie auth unconfirmed]; writes then need the CSRF header.
 */
import type { MiddlewareHandler } from 'hono';
import { authenticateZoho, authenticateZohoSession, ZOHO_CSRF_HEADER, zohoScopeAllows } from '../auth';
import { ZOHO_SCOPES } from '../seed/credentials';
import type { SandboxState } from '../state';
import type { AnyContext, SandboxEnv } from './http';

export interface ZohoAuthAnswers {
  /** No Authorization header (or not the Zoho-oauthtoken scheme) and no web session. */
  missing(c: AnyContext): Response;
  /** Unknown, revoked or expired token or session: Zoho answers both alike. */
  invalid(c: AnyContext): Response;
  /** A web-session write without the right X-ZCSRF-TOKEN [UNCONFIRMED status and body]. */
  csrf(c: AnyContext): Response;
}

/** How the caller authenticated: the Desk web UI's own calls do not consume API credits (NOTES.md §2.7). */
export type ZohoVia = 'oauth' | 'session';
export type ZohoAuthVars = { zuid: string; scopes: string[]; zohoVia: ZohoVia };

export function zohoAuth(state: SandboxState, answers: ZohoAuthAnswers): MiddlewareHandler<SandboxEnv<ZohoAuthVars>> {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization && state.faults.take({ method: c.req.method, path: c.req.path, host: c.env.site.host }, ['expired_token'])) {
      return answers.invalid(c);
    }
    if (!authorization) {
      const write = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
      const session = authenticateZohoSession(state, c.req.header('cookie'), c.req.header(ZOHO_CSRF_HEADER), write);
      if (session.ok) {
        c.set('zuid', session.session.zuid);
        // The signed-in user's web UI may do what their role allows; roles are checked per vendor.
        c.set('scopes', [...ZOHO_SCOPES]);
        c.set('zohoVia', 'session');
        return next();
      }
      if (session.failure === 'csrf') return answers.csrf(c);
      if (session.failure === 'invalid') return answers.invalid(c);
    }
    const result = authenticateZoho(state, authorization);
    if (!result.ok) return result.failure === 'missing' ? answers.missing(c) : answers.invalid(c);
    c.set('zuid', result.zuid);
    c.set('scopes', result.scopes);
    c.set('zohoVia', 'oauth');
    return next();
  };
}

/** The scope check of one operation; `refuse` builds the vendor's scope-mismatch answer. */
export function hasScope(c: AnyContext, scope: string): boolean {
  const scopes = c.get('scopes') as string[] | undefined;
  return zohoScopeAllows(scopes ?? [], scope);
}
