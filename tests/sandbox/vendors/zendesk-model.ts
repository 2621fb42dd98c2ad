/**
 * Zendesk users as the API shows them (support-oas.yaml UserForAdmin / UserIdentityObject), their
 * validation on create, and the error envelope (NOTES.md §1.1).
 */
import type { ZendeskAccount, ZendeskUser } from '../model';
import type { SandboxState } from '../state';
import { emailKey, indexed, isObject, isWellFormedEmail } from '../util';
import { json } from './http';

export type ZendeskVars = { account: ZendeskAccount; actor: ZendeskUser; csrfToken?: string };

export function zendeskError(status: number, error: string, description?: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return json({ error, ...(description === undefined ? {} : { description }), ...extra }, status, headers);
}

export const recordNotFound = () => zendeskError(404, 'RecordNotFound', 'Not found');

/**
 * 422 RecordInvalid, the envelope and codes of NOTES.md §1.1 (DuplicateValue is documented; the
 * codes and texts of the other field errors are [UNCONFIRMED] and written in the same style).
 */
export function recordInvalid(details: Record<string, { error: string; description: string }[]>) {
  return zendeskError(422, 'RecordInvalid', 'Record validation errors', { details });
}

export function userUrl(state: SandboxState, account: ZendeskAccount, id: number): string {
  return `${state.origin(`${account.subdomain}.zendesk.localhost`)}/api/v2/users/${id}.json`;
}

export function serializeUser(state: SandboxState, account: ZendeskAccount, user: ZendeskUser) {
  const primary = user.identities.find((i) => i.primary && i.type === 'email');
  const agent = user.role !== 'end-user';
  return {
    id: user.id,
    url: userUrl(state, account, user.id),
    name: user.name,
    email: user.email ?? undefined,
    created_at: user.created_at,
    updated_at: user.updated_at,
    time_zone: user.time_zone,
    iana_time_zone: user.time_zone,
    phone: user.phone ?? null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: user.locale,
    organization_id: user.organization_id,
    role: user.role,
    verified: primary?.verified ?? false,
    external_id: user.external_id,
    tags: user.tags,
    alias: '',
    active: user.active,
    shared: false,
    shared_agent: false,
    signature: '',
    details: '',
    notes: '',
    role_type: null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : 'requested',
    only_private_comments: false,
    restricted_agent: !agent,
    suspended: user.suspended,
    report_csv: false,
    user_fields: {},
  };
}

export function serializeIdentity(state: SandboxState, account: ZendeskAccount, user: ZendeskUser, identityId: number) {
  const identity = user.identities.find((i) => i.id === identityId);
  if (!identity) return undefined;
  return {
    url: `${state.origin(`${account.subdomain}.zendesk.localhost`)}/api/v2/users/${user.id}/identities/${identity.id}.json`,
    id: identity.id,
    user_id: user.id,
    type: identity.type,
    value: identity.value,
    verified: identity.verified,
    verification_method: identity.verified ? 'full' : 'none',
    primary: identity.primary,
    created_at: identity.created_at,
    updated_at: identity.updated_at,
    undeliverable_count: 0,
    deliverable_state: 'deliverable',
  };
}

export function findByEmail(account: ZendeskAccount, email: string): ZendeskUser | undefined {
  return indexed(account.users, 'email', (u) => u.identities.filter((i) => i.type === 'email').map((i) => emailKey(i.value))).get(emailKey(email))?.[0];
}

export function findUser(account: ZendeskAccount, id: number | string): ZendeskUser | undefined {
  return indexed(account.users, 'id', (u) => [String(u.id)]).get(String(id))?.[0];
}

export interface UserInput {
  name: string;
  email?: string;
  role: ZendeskUser['role'];
  verified: boolean;
  skipVerifyEmail: boolean;
  externalId?: string;
}

type FieldErrors = Record<string, { error: string; description: string }[]>;

/**
 * A `UserInput` object (support-oas.yaml) checked as Zendesk does. The OAS requires `email`; the
 * docs' own sample creates a user from `identities` alone (NOTES.md §1.1), so either is accepted.
 */
export function parseUserInput(raw: unknown, account: ZendeskAccount): { ok: true; input: UserInput } | { ok: false; details: FieldErrors } {
  if (!isObject(raw)) return { ok: false, details: { base: [{ error: 'InvalidValue', description: 'User: is invalid' }] } };
  const details: FieldErrors = {};
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) details.name = [{ error: 'BlankValue', description: 'Name: cannot be blank' }];
  const identities = Array.isArray(raw.identities) ? raw.identities : [];
  const fromIdentities = identities.find((i): i is { type: string; value: string } => isObject(i) && i.type === 'email' && typeof i.value === 'string');
  const email = typeof raw.email === 'string' && raw.email.trim() ? raw.email.trim() : fromIdentities?.value.trim();
  if (email !== undefined && !isWellFormedEmail(email)) {
    details.email = [{ error: 'InvalidValue', description: `Email: ${email} is not properly formatted` }];
  } else if (email !== undefined && findByEmail(account, email)) {
    details.email = [{ error: 'DuplicateValue', description: `Email: ${email} is already being used by another user` }];
  }
  const role = raw.role ?? 'end-user';
  if (role !== 'end-user' && role !== 'agent' && role !== 'admin') {
    details.role = [{ error: 'InvalidValue', description: `Role: ${String(role)} is not valid` }];
  }
  if (Object.keys(details).length > 0) return { ok: false, details };
  return {
    ok: true,
    input: {
      name,
      ...(email === undefined ? {} : { email }),
      role: role as ZendeskUser['role'],
      verified: raw.verified === true,
      skipVerifyEmail: raw.skip_verify_email === true,
      ...(typeof raw.external_id === 'string' ? { externalId: raw.external_id } : {}),
    },
  };
}

/** Stores a new user; with an email, the welcome/verification email is the invitation counted. */
export function createUser(state: SandboxState, account: ZendeskAccount, input: UserInput): ZendeskUser {
  const now = state.iso();
  const id = account.nextId++;
  const user: ZendeskUser = {
    id,
    name: input.name,
    role: input.role,
    email: input.email ?? null,
    identities: input.email
      ? [{ id: id + 4000, type: 'email', value: input.email, verified: input.verified, primary: true, created_at: now, updated_at: now }]
      : [],
    active: true,
    suspended: false,
    external_id: input.externalId ?? null,
    organization_id: null,
    locale: 'en-US',
    time_zone: 'Europe/Paris',
    tags: [],
    created_at: now,
    updated_at: now,
  };
  account.users.push(user);
  if (input.email) {
    state.counters.invitation({ at: now, target: `zendesk.end_user:${account.subdomain}`, email: input.email, kind: 'invite', recordId: String(id) });
  }
  return user;
}
