/**
 * Zendesk Support tickets, organizations and users read by many ids (support-oas.yaml ShowTicket,
 * ListTickets, ShowOrganization, ListOrganizations, ShowManyUsers), and an organization's users,
 * which developer.zendesk.com documents under List Users as `/api/v2/organizations/{organization_id}/users`
 * and the stored OAS leaves out (contract/patches.ts adds it with ListUsers' parameters and answer).
 * Lists use offset pagination (`page`, `per_page` ≤ 100), as the sandbox's other Zendesk lists do.
 */
import type { Context, Hono } from 'hono';
import type { ZendeskAccount, ZendeskOrganization, ZendeskTicket, ZendeskUser } from '../model';
import type { SandboxState } from '../state';
import type { SandboxEnv } from './http';
import { findUser, recordNotFound, serializeUser, type ZendeskVars } from './zendesk-model';

type Env = SandboxEnv<ZendeskVars>;
type Ctx = Context<Env>;

/** ShowManyUsers: "Accepts a comma-separated list of up to 100 user ids". */
export const SHOW_MANY_MAX = 100;

const badRequest = (text: string) => new Response(text, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });

function offsetPage(c: Ctx): { page: number; perPage: number } {
  const perPage = Math.min(100, Math.max(1, Number(c.req.query('per_page') ?? 100) || 100));
  const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
  return { page, perPage };
}

/** One page of `items` in Zendesk's offset envelope: `next_page`/`previous_page` URLs and `count`. */
function pageOf<T>(state: SandboxState, account: ZendeskAccount, c: Ctx, items: readonly T[], path: string) {
  const { page, perPage } = offsetPage(c);
  const url = (n: number) => {
    const next = new URL(`${state.origin(`${account.subdomain}.zendesk.localhost`)}${path}.json`);
    for (const [key, value] of new URL(c.req.url).searchParams) if (key !== 'page') next.searchParams.append(key, value);
    next.searchParams.set('page', String(n));
    next.searchParams.set('per_page', String(perPage));
    return next.toString();
  };
  return {
    slice: items.slice((page - 1) * perPage, page * perPage),
    next_page: page * perPage < items.length ? url(page + 1) : null,
    previous_page: page > 1 ? url(page - 1) : null,
    count: items.length,
  };
}

export function serializeOrganization(state: SandboxState, account: ZendeskAccount, org: ZendeskOrganization) {
  return {
    url: `${state.origin(`${account.subdomain}.zendesk.localhost`)}/api/v2/organizations/${org.id}.json`,
    id: org.id,
    name: org.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: null,
    created_at: org.created_at,
    updated_at: org.updated_at,
    domain_names: org.domain_names,
    details: org.details,
    notes: null,
    group_id: null,
    tags: [],
    organization_fields: {},
  };
}

/**
 * TicketObject declares no field nullable: where Zendesk would answer null (no group, no external
 * id, no organization), the field is left out, which the OAS accepts.
 */
export function serializeTicket(state: SandboxState, account: ZendeskAccount, ticket: ZendeskTicket) {
  const origin = state.origin(`${account.subdomain}.zendesk.localhost`);
  const brand = account.brands.find((b) => b.default);
  return {
    url: `${origin}/api/v2/tickets/${ticket.id}.json`,
    id: ticket.id,
    type: 'question',
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    status: ticket.status,
    recipient: `support@${account.subdomain}.zendesk.com`,
    requester_id: ticket.requester_id,
    submitter_id: ticket.submitter_id,
    ...(ticket.assignee_id === null ? {} : { assignee_id: ticket.assignee_id }),
    ...(ticket.organization_id === null ? {} : { organization_id: ticket.organization_id }),
    collaborator_ids: ticket.collaborator_ids,
    follower_ids: ticket.follower_ids,
    email_cc_ids: ticket.email_cc_ids,
    has_incidents: false,
    is_public: true,
    tags: [],
    custom_fields: [],
    sharing_agreement_ids: [],
    ...(brand ? { brand_id: brand.id } : {}),
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: ticket.via === 'whatsapp',
    via: { channel: ticket.via, source: { from: {}, to: {}, rel: null } },
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
  };
}

/** `include=organizations` sideloads the users' organizations, as Zendesk's user answers do. */
export function sideloads(state: SandboxState, account: ZendeskAccount, c: Ctx, users: readonly ZendeskUser[]) {
  const include = (c.req.query('include') ?? '').split(',').map((s) => s.trim());
  if (!include.includes('organizations')) return {};
  const ids = new Set(users.flatMap((u) => (u.organization_id === null ? [] : [u.organization_id])));
  return { organizations: account.organizations.filter((o) => ids.has(o.id)).map((o) => serializeOrganization(state, account, o)) };
}

export function registerZendeskTickets(app: Hono<Env>, state: SandboxState): void {
  // ShowManyUsers: `ids` (≤ 100); unknown ids are left out of the answer.
  app.get('/api/v2/users/show_many', (c) => {
    const account = c.get('account');
    const raw = c.req.query('ids');
    if (raw === undefined) return badRequest('Parameter ids or external_ids is required');
    const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length > SHOW_MANY_MAX) return badRequest(`Too many ids: ${ids.length} (maximum ${SHOW_MANY_MAX})`);
    const users = [...new Set(ids)].map((id) => findUser(account, id)).filter((u): u is ZendeskUser => u !== undefined);
    return c.json({ users: users.map((u) => serializeUser(state, account, u)), ...sideloads(state, account, c, users), next_page: null, previous_page: null, count: users.length });
  });

  // ListTickets: every ticket of the account, oldest first.
  app.get('/api/v2/tickets', (c) => {
    const account = c.get('account');
    const { slice, ...paging } = pageOf(state, account, c, account.tickets, '/api/v2/tickets');
    return c.json({ tickets: slice.map((t) => serializeTicket(state, account, t)), ...paging });
  });

  // ShowTicket
  app.get('/api/v2/tickets/:ticket_id{[0-9]+}', (c) => {
    const account = c.get('account');
    const ticket = account.tickets.find((t) => t.id === Number(c.req.param('ticket_id')));
    return ticket ? c.json({ ticket: serializeTicket(state, account, ticket) }) : recordNotFound();
  });

  // ListOrganizations
  app.get('/api/v2/organizations', (c) => {
    const account = c.get('account');
    const { slice, ...paging } = pageOf(state, account, c, account.organizations, '/api/v2/organizations');
    return c.json({ organizations: slice.map((o) => serializeOrganization(state, account, o)), ...paging });
  });

  // ShowOrganization
  app.get('/api/v2/organizations/:organization_id{[0-9]+}', (c) => {
    const account = c.get('account');
    const org = account.organizations.find((o) => o.id === Number(c.req.param('organization_id')));
    return org ? c.json({ organization: serializeOrganization(state, account, org) }) : recordNotFound();
  });

  // List Users of an organization (developer.zendesk.com): ListUsers' `role`/`role[]` filters, active users only.
  app.get('/api/v2/organizations/:organization_id{[0-9]+}/users', (c) => {
    const account = c.get('account');
    const org = account.organizations.find((o) => o.id === Number(c.req.param('organization_id')));
    if (!org) return recordNotFound();
    const roles = [...(c.req.queries('role[]') ?? []), ...(c.req.queries('role') ?? [])];
    const members = account.users.filter((u) => u.active && u.organization_id === org.id && (roles.length === 0 || roles.includes(u.role)));
    const { slice, ...paging } = pageOf(state, account, c, members, `/api/v2/organizations/${org.id}/users`);
    return c.json({ users: slice.map((u) => serializeUser(state, account, u)), ...sideloads(state, account, c, slice), ...paging });
  });
}
