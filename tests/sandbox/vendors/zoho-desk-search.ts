/**
 * Searching Desk contacts: `GET /api/v1/contacts/search` (Search.json searchContacts; NOTES.md §2.3,
 * SOURCES.md). Needs both Desk.contacts.READ and Desk.search.READ (one security requirement names
 * both). The sandbox searches by `email` only: values given as repeated parameters (`style: form`,
 * `explode: true`) or separated by commas, at most 30, each matched whole and without case, with `*`
 * as a wildcard ("!@wildcard search@!"). `from` 0–999 ("starts from 0"), `limit` 1–100 (default 10).
 * 200 `{data, count}` as the spec's example shows it (isEndUser a string; contract/patches.ts accepts
 * it beside the schema's boolean), with every field searchContactResponseFields requires: `account`
 * (null without one), `customFields`, `layoutId` and `owner`. 204 when nothing matches.
 * Deleted and trashed contacts are not found.
 */
import type { Hono } from 'hono';
import type { DeskContact, DeskOrg } from '../model';
import type { SandboxState } from '../state';
import { emailKey } from '../util';
import type { SandboxEnv } from './http';
import { hasScope } from './zoho-auth';
import { paging } from './zoho-desk';
import { deskError, scopeMismatch, serializeSearchContact, type DeskVars } from './zoho-desk-model';

type Env = SandboxEnv<DeskVars>;

/** Search.json: `email` maxItems 30. */
const MAX_EMAILS = 30;

/** The Standard layout, as GET /api/v1/contacts/{id} names it (zoho-desk-model.ts serializeContact). */
const STANDARD_LAYOUT_ID = '4600000000000000001';

/**
 * The contact's owner as Search.json assigneeFields shows it (its example: firstName, lastName,
 * photoURL, emailId, id, zuid). The seed gives every owned contact the same owner id and no agent
 * record of its own: it is the organisation's first agent, whose Zoho user supplies name and email.
 */
function ownerOf(state: SandboxState, org: DeskOrg, contact: DeskContact) {
  if (!contact.ownerId) return null;
  const user = state.data.zoho.users.find((u) => u.zuid === org.agents[0]?.zuid);
  if (!user) return null;
  const [firstName = null, ...rest] = user.name.split(' ');
  return { firstName, lastName: rest.join(' ') || null, photoURL: null, emailId: user.email, id: contact.ownerId, zuid: user.zuid };
}

/** An item of the answer: searchContactResponseFields requires `account` even for a contact without one. */
function searchItem(state: SandboxState, org: DeskOrg, contact: DeskContact) {
  return {
    account: null,
    ...serializeSearchContact(state, org, contact),
    customFields: {},
    layoutId: STANDARD_LAYOUT_ID,
    owner: ownerOf(state, org, contact),
  };
}

/** Search.json's 422 is multipleUnprocessEntityResponse: errorJson, with `errors[]` naming the field. */
const unprocessableSearch = (fieldName: string, errorMessage: string) =>
  deskError(422, 'UNPROCESSABLE_ENTITY', 'The request cannot be processed.', { errors: [{ fieldName, errorType: 'invalid', errorMessage }] });

function matcher(value: string): (email: string) => boolean {
  const wanted = emailKey(value);
  if (!wanted.includes('*')) return (email) => emailKey(email) === wanted;
  const pattern = new RegExp(`^${wanted.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (email) => pattern.test(emailKey(email));
}

export function registerDeskSearch(app: Hono<Env>, state: SandboxState): void {
  app.get('/api/v1/contacts/search', (c) => {
    if (!hasScope(c, 'Desk.contacts.READ') || !hasScope(c, 'Desk.search.READ')) return scopeMismatch();
    const emails = (c.req.queries('email') ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    if (emails.length === 0) return unprocessableSearch('/email', 'The sandbox searches contacts by email only: give at least one email.');
    if (emails.length > MAX_EMAILS) return unprocessableSearch('/email', `At most ${MAX_EMAILS} values are allowed for email.`);
    const page = paging(c, { from: 0, limit: 10, max: 100, min: 0, maxFrom: 999 });
    if (!page.ok) return page.response;
    const org = c.get('org');
    const matches = emails.map(matcher);
    const found = org.contacts.filter((ct) => !ct.isDeleted && !ct.isTrashed && ct.email !== null && matches.some((m) => m(ct.email!)));
    const slice = found.slice(page.from, page.from + page.limit);
    if (slice.length === 0) return c.body(null, 204);
    return c.json({ data: slice.map((ct) => searchItem(state, org, ct)), count: found.length });
  });
}
