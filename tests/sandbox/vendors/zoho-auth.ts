/**
 * `Authorization: Zoho-oauthtoken <token>` for Desk, CRM and Connect, each answering a bad or
 * expired token in its own envelope. An injected `expired_token` fault is consumed here, by calls
 * that carry a token.
 */
import type { MiddlewareHandler } from 'hono';
import { authenticateZoho, zohoScopeAllows } from '../auth';
import type { SandboxState } from '../state';
import type { AnyContext, SandboxEnv } from './http';

export interface ZohoAuthAnswers {
  /** No Authorization header (or not the Zoho-oauthtoken scheme). */
  missing(c: AnyContext): Response;
  /** Unknown, revoked or expired token: Zoho answers both alike. */
  invalid(c: AnyContext): Response;
}

export function zohoAuth(state: SandboxState, answers: ZohoAuthAnswers): MiddlewareHandler<SandboxEnv<{ zuid: string; scopes: string[] }>> {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization && state.faults.take({ method: c.req.method, path: c.req.path, host: c.env.site.host }, ['expired_token'])) {
      return answers.invalid(c);
    }
    const result = authenticateZoho(state, authorization);
    if (!result.ok) return result.failure === 'missing' ? answers.missing(c) : answers.invalid(c);
    c.set('zuid', result.zuid);
    c.set('scopes', result.scopes);
    return next();
  };
}

/** The scope check of one operation; `refuse` builds the vendor's scope-mismatch answer. */
export function hasScope(c: AnyContext, scope: string): boolean {
  const scopes = c.get('scopes') as string[] | undefined;
  return zohoScopeAllows(scopes ?? [], scope);
}
