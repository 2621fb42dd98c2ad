/**
 * Inviting Desk contacts as help-center end users (Contact.json inviteContactAsEndUser,
 * inviteContactsAsEndUser, getContactActivationStatusAcrossHelpCenters; NOTES.md §2.1).
 * The single invite answers 204; the bulk one per-item results, synchronously, with no job and no
 * documented cap (RULES.md: Portier sends at most 100). Re-inviting a contact whose invitation is
 * still pending sends it again, counted as a reinvite.
 */
import type { Context, Hono } from 'hono';
import type { DeskContact, DeskHelpCenter, DeskOrg } from '../model';
import type { SandboxState } from '../state';
import { emailKey, indexed, isWellFormedEmail } from '../util';
import { readJson, type SandboxEnv } from './http';
import { hasScope } from './zoho-auth';
import {
  deskError, FORBIDDEN, invalidData, scopeMismatch, serializeHelpCenter, unprocessable, URL_NOT_FOUND, type DeskVars, type FieldError,
} from './zoho-desk-model';

type Env = SandboxEnv<DeskVars>;

type Refusal = FieldError & { status: 'invalid' | 'unprocessable' };

function helpCenterRefusal(org: DeskOrg, helpCenterId: unknown): { hc: DeskHelpCenter } | { refusal: Refusal } {
  if (helpCenterId === undefined || helpCenterId === null || helpCenterId === '') {
    return { refusal: { status: 'invalid', fieldName: '/helpCenterId', errorType: 'missing', errorMessage: 'helpCenterId is required.' } };
  }
  const hc = org.helpCenters.find((h) => h.id === String(helpCenterId));
  if (!hc) return { refusal: { status: 'invalid', fieldName: '/helpCenterId', errorType: 'invalid', errorMessage: 'The help center does not exist.' } };
  // RULES.md HELP_CENTER_DISABLED.
  if (hc.status === 'DISABLED') return { refusal: { status: 'unprocessable', fieldName: '/helpCenterId', errorType: 'invalid', errorMessage: 'The help center is disabled.' } };
  return { hc };
}

/** Why Desk will not invite this contact to this help center, or undefined to invite. */
function contactRefusal(org: DeskOrg, contact: DeskContact | undefined, hc: DeskHelpCenter): Refusal | undefined {
  const field = '/contactId';
  if (!contact || contact.isDeleted || contact.isTrashed) return { status: 'invalid', fieldName: field, errorType: 'invalid', errorMessage: 'The contact does not exist.' };
  if (!contact.email) return { status: 'unprocessable', fieldName: field, errorType: 'invalid', errorMessage: 'The contact has no email address.' };
  if (!isWellFormedEmail(contact.email)) return { status: 'unprocessable', fieldName: field, errorType: 'invalid', errorMessage: "The contact's email address is not valid." };
  if (!contact.emailVerified) return { status: 'unprocessable', fieldName: field, errorType: 'invalid', errorMessage: "The contact's profile is not verified." };
  const membership = contact.helpCenters.find((m) => m.helpCenterId === hc.id);
  if (membership && membership.userStatus !== 'INVITED') {
    return { status: 'unprocessable', fieldName: field, errorType: 'duplicate', errorMessage: 'The contact is already a user of this help center.' };
  }
  // One help-center user per address: another contact with the same email already has one (or an invitation).
  const sameEmail = indexed(org.contacts, 'email', (ct) => (ct.email ? [emailKey(ct.email)] : [])).get(emailKey(contact.email)) ?? [];
  if (sameEmail.some((other) => other !== contact && other.helpCenters.some((m) => m.helpCenterId === hc.id))) {
    return { status: 'unprocessable', fieldName: field, errorType: 'duplicate', errorMessage: 'A user with this email address already exists in this help center.' };
  }
  return undefined;
}

function invite(state: SandboxState, org: DeskOrg, contact: DeskContact, hc: DeskHelpCenter): void {
  const at = state.iso();
  const membership = contact.helpCenters.find((m) => m.helpCenterId === hc.id);
  if (membership) {
    membership.invitedAt = at;
  } else {
    contact.helpCenters.push({ helpCenterId: hc.id, userId: String(4500000000000000000n + BigInt(org.nextId++)), userStatus: 'INVITED', invitedAt: at });
  }
  contact.modifiedTime = at;
  state.counters.invitation({
    at, target: `zoho_desk.help_center:${hc.id}`, email: contact.email ?? '', kind: membership ? 'reinvite' : 'invite', recordId: contact.id,
  });
}

function answer(refusal: Refusal): Response {
  const { status, ...error } = refusal;
  return status === 'invalid' ? invalidData([error]) : unprocessable([error]);
}

async function objectBody(c: Context<Env>): Promise<Record<string, unknown> | Response> {
  const body = await readJson(c);
  if (!body.ok) {
    // Desk's errorCode enum has UNSUPPORTED_MEDIA_TYPE and EMPTY_PAYLOAD; the statuses are [UNCONFIRMED].
    if (body.reason === 'content-type') return deskError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The Content-Type of the request is not supported. Use application/json.');
    if (body.reason === 'empty') return deskError(422, 'EMPTY_PAYLOAD', 'The request body is empty.', { errors: [{ fieldName: '/', errorType: 'missing', errorMessage: 'The request body is empty.' }] });
    return invalidData([{ fieldName: '/', errorType: 'invalid', errorMessage: 'The request body is not valid JSON.' }]);
  }
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    return invalidData([{ fieldName: '/', errorType: 'invalid', errorMessage: 'The request body must be a JSON object.' }]);
  }
  return body.value as Record<string, unknown>;
}

export function registerDeskInvites(app: Hono<Env>, state: SandboxState): void {
  const canInvite = (c: Context<Env>) => c.get('org').agents.find((a) => a.zuid === c.get('zuid'))?.canInvite === true;

  // getContactActivationStatusAcrossHelpCenters: the help centers where the contact has a user.
  app.get('/api/v1/contacts/:contactId{[0-9]+}/helpCenters', (c) => {
    if (!hasScope(c, 'Desk.contacts.READ')) return scopeMismatch();
    const org = c.get('org');
    const contact = org.contacts.find((ct) => ct.id === c.req.param('contactId'));
    if (!contact) return invalidData([{ fieldName: '/contactId', errorType: 'invalid', errorMessage: 'The contact does not exist.' }]);
    const only = c.req.query('helpCenterId');
    const data = contact.helpCenters
      .filter((m) => !only || m.helpCenterId === only)
      .flatMap((m) => {
        const hc = org.helpCenters.find((h) => h.id === m.helpCenterId);
        if (!hc) return [];
        const { id, name, url, status } = serializeHelpCenter(state, hc);
        return [{ helpCenter: { id, name, url, status }, userStatus: m.userStatus, userId: m.userId }];
      });
    return c.json({ data });
  });

  // inviteContactsAsEndUser: {helpCenterId, contactIds[]} → 200 {results[{success, id, errors}]}.
  app.post('/api/v1/contacts/inviteAsEndUser', async (c) => {
    if (!hasScope(c, 'Desk.contacts.UPDATE')) return scopeMismatch();
    if (!canInvite(c)) return FORBIDDEN();
    const body = await objectBody(c);
    if (body instanceof Response) return body;
    const org = c.get('org');
    const target = helpCenterRefusal(org, body.helpCenterId);
    if ('refusal' in target) return answer(target.refusal);
    if (!Array.isArray(body.contactIds) || body.contactIds.length === 0) {
      return invalidData([{ fieldName: '/contactIds', errorType: 'missing', errorMessage: 'contactIds is required.' }]);
    }
    const results = body.contactIds.map((raw) => {
      const id = String(raw);
      const contact = indexed(org.contacts, 'id', (ct) => [ct.id]).get(id)?.[0];
      const refusal = contactRefusal(org, contact, target.hc);
      if (refusal || !contact) return { success: false, id, errors: { errorCode: 'UNPROCESSABLE_ENTITY', httpCode: '422' } };
      invite(state, org, contact, target.hc);
      return { success: true, id, errors: null };
    });
    return c.json({ results });
  });

  // inviteContactAsEndUser: {helpCenterId} → 204, 422 or 403.
  app.post('/api/v1/contacts/:contactId{[0-9]+}/inviteAsEndUser', async (c) => {
    if (!hasScope(c, 'Desk.contacts.UPDATE')) return scopeMismatch();
    if (!canInvite(c)) return FORBIDDEN();
    const body = await objectBody(c);
    if (body instanceof Response) return body;
    const org = c.get('org');
    const target = helpCenterRefusal(org, body.helpCenterId);
    if ('refusal' in target) return answer(target.refusal);
    const contact = org.contacts.find((ct) => ct.id === c.req.param('contactId'));
    const refusal = contactRefusal(org, contact, target.hc);
    if (refusal || !contact) return refusal ? answer(refusal) : URL_NOT_FOUND();
    invite(state, org, contact, target.hc);
    return c.body(null, 204);
  });
}
