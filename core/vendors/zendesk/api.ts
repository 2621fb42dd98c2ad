import { emailKey, parseEmail } from '../../email';
import { VENDOR_BATCH_SIZE } from '../../eligibility/batch-sizes';
import { recordKey, type Contact, type EligibilityActor, type Target } from '../../model';
import { AuthRequiredError, VendorClient, VendorRefusedError, type VendorRequest, type VendorResponse } from '../http';
import type {
  CardRead, Connector, ConnectorOptions, Membership, OrganizationMembers, PollResult, SendAction, Submission, TicketPeople, VerificationAnswer,
} from '../types';
import { isCsrfRefusal, isForbidden, isMissingScope, readZendeskError } from './errors';
import {
  createOneByOne, done, outcomesOf, planCreates, planForJob, pollCreateMany, pollDelay, settleJob, startCreateMany, type InviteContext,
} from './invite';
import { BrandsAnswer, MeAnswer, UserAnswer, UsersAnswer, type ZendeskUser } from './schemas';
import { mapLimit } from '../pool';
import { pathSegment, RECORD_ID } from '../path';
import { emailContact, organizationNames, userToContact, ZENDESK_ID } from './users';
import { readOrganizationMembers, readTicketPeople, showManyUsers } from './tickets';
import { notSent, requestVerification, verificationAnswer, type VerificationResult } from './verification';

export type { VerificationResult } from './verification';

/**
 * Zendesk Support (NOTES.md §1): one target per account, `zendesk.end_user`, whose id is the
 * subdomain; brands are listed for the agent to see (their help center state changes nothing, end
 * users are account-wide). See invite.ts for what "invite" means here.
 */

export interface ZendeskConnectorOptions extends ConnectorOptions {
  /** RULES.md: « optionally send the verification email ». Default true: Zendesk sends it on create. */
  verifyEmail?: boolean;
  /** Searches by email made at once (users by id go 100 a request). Default 4. */
  readConcurrency?: number;
  /** Bulk import is known to be off (learned earlier, core/background/lessons.ts): create users one by one from the start. */
  bulkImportOff?: boolean;
}

export interface ZendeskBrandInfo {
  id: string;
  name: string;
  subdomain?: string;
  url?: string;
  default: boolean;
  active: boolean;
  hasHelpCenter: boolean;
  /** `enabled`, `disabled`, `restricted`: informative only. */
  helpCenterState?: string;
}

const ROLES: Record<ZendeskUser['role'], EligibilityActor['role']> = { 'end-user': 'end_user', agent: 'agent', admin: 'admin' };
const TARGET_KIND = 'zendesk.end_user';

export class ZendeskConnector implements Connector {
  readonly vendor = 'zendesk' as const;
  readonly accountId: string;
  private readonly client: VendorClient;
  private readonly concurrency: number;
  private readonly invite: InviteContext;
  private actorAnswer: Promise<EligibilityActor> | undefined;
  /** Learned from a 403 on create_many; kept for the connector's life (the owner must ask Zendesk). */
  private bulkImportOff = false;
  /** Email keys of each running create_many job, in request order (see planForJob). */
  private readonly jobKeys = new Map<string, string[]>();

  constructor(private readonly options: ZendeskConnectorOptions) {
    if (options.endpoint.vendor !== 'zendesk') throw new Error(`ZendeskConnector given a ${options.endpoint.vendor} endpoint`);
    this.accountId = options.endpoint.accountId;
    this.client = new VendorClient('zendesk', options, readZendeskError);
    this.concurrency = options.readConcurrency ?? 4;
    this.bulkImportOff = options.bulkImportOff === true;
    this.invite = {
      call: (req) => this.call(req),
      userExists: async (email) => (await this.findByEmail(email)).length > 0,
      ledger: new Set(),
      verifyEmail: options.verifyEmail ?? true,
    };
  }

  batchSize(_action: SendAction): number {
    return VENDOR_BATCH_SIZE[TARGET_KIND];
  }

  /**
   * Every call goes through here. A session write refused for its CSRF token reads the token again
   * once; a missing OAuth scope can only be granted by reconnecting, so it pauses the job like a 401.
   */
  private async call<T>(req: VendorRequest<T>, retried = false): Promise<VendorResponse<T>> {
    try {
      return await this.client.request(req);
    } catch (error) {
      if (isCsrfRefusal(error)) {
        if (!retried && (await this.options.auth.renew())) return this.call(req, true);
        throw new AuthRequiredError('zendesk', req.endpoint, error.vendorMessage);
      }
      if (isMissingScope(error)) throw new AuthRequiredError('zendesk', req.endpoint, error.vendorMessage);
      throw error;
    }
  }

  /** `GET /api/v2/users/me`; the answer is kept for the connector's life (send() asks it too). */
  actor(): Promise<EligibilityActor> {
    this.actorAnswer ??= this.call({ method: 'GET', path: 'api/v2/users/me', endpoint: 'GET /api/v2/users/me', schema: MeAnswer })
      .then(({ data }) => {
        const user = data?.user;
        // Anonymous: the session cookie is gone, or the credentials reach no user.
        if (!user || user.id == null) throw new AuthRequiredError('zendesk', 'GET /api/v2/users/me', 'Zendesk answered as an anonymous user');
        return { role: ROLES[user.role] };
      })
      .catch((error: unknown) => {
        this.actorAnswer = undefined;
        throw error;
      });
    return this.actorAnswer;
  }

  async brands(): Promise<ZendeskBrandInfo[]> {
    const out: ZendeskBrandInfo[] = [];
    for (let page = 1; ; page++) {
      const { data } = await this.call({
        method: 'GET', path: 'api/v2/brands', endpoint: 'GET /api/v2/brands', searchParams: { page, per_page: 100 }, schema: BrandsAnswer,
      });
      for (const b of data?.brands ?? []) {
        out.push({
          id: String(b.id),
          name: b.name,
          ...(b.subdomain ? { subdomain: b.subdomain } : {}),
          ...(b.brand_url ? { url: b.brand_url } : {}),
          default: b.default === true,
          active: b.active !== false,
          hasHelpCenter: b.has_help_center === true,
          ...(b.help_center_state ? { helpCenterState: b.help_center_state } : {}),
        });
      }
      if (!data?.next_page || page >= 50) return out;
    }
  }

  async listTargets(): Promise<Target[]> {
    const brands = await this.brands();
    const main = brands.find((b) => b.default) ?? brands[0];
    return [{
      key: recordKey('zendesk', this.accountId, this.accountId),
      vendor: 'zendesk',
      accountId: this.accountId,
      kind: TARGET_KIND,
      id: this.accountId,
      name: main?.name ?? this.accountId,
      status: 'active',
      fetchedAt: new Date().toISOString(),
    }];
  }

  /**
   * One user is `GET /api/v2/users/{id}`; several are ShowManyUsers, 100 ids a request (tickets.ts).
   * Ids that are not Zendesk ids are left out, and so are ids Zendesk does not know.
   */
  async getContacts(ids: string[]): Promise<Contact[]> {
    const wanted = [...new Set(ids.filter((id) => ZENDESK_ID.test(id)))];
    const fetchedAt = new Date().toISOString();
    const [only] = wanted;
    if (wanted.length === 1 && only) {
      const res = await this.call({
        method: 'GET', path: `api/v2/users/${pathSegment(only, RECORD_ID, 'a Zendesk user id')}`, endpoint: 'GET /api/v2/users/{id}',
        searchParams: { include: 'organizations' }, schema: UserAnswer, accept: [404],
      });
      return res.data ? [userToContact(res.data.user, this.accountId, organizationNames(res.data.organizations), fetchedAt)] : [];
    }
    const { users, organizations } = await showManyUsers((req) => this.call(req), wanted);
    return users.map((user) => userToContact(user, this.accountId, organizations, fetchedAt));
  }

  /** The ticket, then its requester and CCs at once (tickets.ts); agents are never candidates. */
  ticketPeople(ticketId: string): Promise<TicketPeople | undefined> {
    return readTicketPeople((req) => this.call(req), this.accountId, ticketId);
  }

  /** The organization's end users, page by page, up to `limit` (tickets.ts). */
  organizationMembers(organizationId: string, limit: number): Promise<OrganizationMembers | undefined> {
    return readOrganizationMembers((req) => this.call(req), organizationId, limit);
  }

  /** `GET /api/v2/users/search?query=email:"…"`, keeping users whose primary email is this address. */
  async findByEmail(email: string): Promise<Contact[]> {
    const parsed = parseEmail(email);
    if (!parsed.ok) return [];
    const { data } = await this.call({
      method: 'GET', path: 'api/v2/users/search', endpoint: 'GET /api/v2/users/search',
      searchParams: { query: `email:"${parsed.display}"`, include: 'organizations' }, schema: UsersAnswer,
    });
    const organizations = organizationNames(data?.organizations);
    const fetchedAt = new Date().toISOString();
    return (data?.users ?? [])
      .filter((u) => emailKey(u.email) === parsed.key)
      .map((u) => userToContact(u, this.accountId, organizations, fetchedAt));
  }

  /** See users.ts emailContact: a CSV address nobody has, which send() creates. */
  contactFromEmail(email: string): Contact | undefined {
    return emailContact(email, this.accountId, new Date().toISOString());
  }

  /**
   * `GET /api/v2/users?role=end-user`, offset pagination (≤ 100 a page, ListUsers): the end users,
   * in Zendesk's order. Offset pagination stops at 10,000 records [DOC]; the panel pages far less.
   */
  async listContacts(query: { page: number; perPage: number }): Promise<{ contacts: Contact[]; hasMore: boolean }> {
    const { data } = await this.call({
      method: 'GET', path: 'api/v2/users', endpoint: 'GET /api/v2/users', schema: UsersAnswer,
      searchParams: { role: 'end-user', page: Math.max(1, Math.floor(query.page)), per_page: Math.min(100, Math.max(1, Math.floor(query.perPage))), include: 'organizations' },
    });
    const organizations = organizationNames(data?.organizations);
    const fetchedAt = new Date().toISOString();
    return { contacts: (data?.users ?? []).map((u) => userToContact(u, this.accountId, organizations, fetchedAt)), hasMore: Boolean(data?.next_page) };
  }

  /**
   * A contact is a member when a Zendesk user has its address (RULES.md: any membership is
   * ALREADY_MEMBER). A user of this account is one by definition; anyone else (an address
   * contact `email:…` of this account included) is looked up by
   * email, so a CSV line or a Desk contact already known to Zendesk is not created twice.
   */
  async memberships(target: Target, contacts: Contact[]): Promise<Map<string, Membership>> {
    this.checkTarget(target);
    const out = new Map<string, Membership>();
    const byEmail = new Map<string, { email: string; ids: string[] }>();
    for (const contact of contacts) {
      if (this.isOwnUser(contact)) {
        out.set(contact.id, { status: 'active' });
        continue;
      }
      const parsed = parseEmail(contact.email);
      if (!parsed.ok) continue;
      const group = byEmail.get(parsed.key) ?? { email: parsed.display, ids: [] };
      group.ids.push(contact.id);
      byEmail.set(parsed.key, group);
    }
    await mapLimit([...byEmail.values()], this.concurrency, async ({ email, ids }) => {
      if ((await this.findByEmail(email)).length > 0) for (const id of ids) out.set(id, { status: 'active' });
    });
    return out;
  }

  /** The user is the only read: a user of this account is a member of its end users by definition. */
  async inspect(id: string, targets: readonly Target[]): Promise<CardRead> {
    const [contact] = await this.getContacts([id]);
    const memberships = new Map<string, Membership>();
    if (contact && this.isOwnUser(contact)) {
      for (const target of targets) if (target.kind === TARGET_KIND && target.id === this.accountId) memberships.set(target.key, { status: 'active' });
    }
    return { contact, memberships };
  }

  async send(target: Target, action: SendAction, contacts: Contact[]): Promise<Submission> {
    this.checkTarget(target);
    if (action !== 'invite') throw new Error(`Zendesk has no "${action}": a user exists or not (RULES.md)`);
    if (contacts.length > this.batchSize(action)) throw new Error(`Zendesk batch of ${contacts.length} > ${this.batchSize(action)}`);
    const plan = planCreates(contacts);
    // One contact needs no job: a single create answers at once.
    if (plan.items.length > 1 && !this.bulkImportOff && (await this.actor()).role === 'admin') {
      try {
        const job = await startCreateMany(this.invite, plan);
        if (job.status === 'queued' || job.status === 'working') {
          this.jobKeys.set(job.id, plan.items.map((item) => item.key));
          return { kind: 'job', vendorJobId: job.id, pollAfterMs: pollDelay(job) };
        }
        await settleJob(this.invite, plan, job);
        return done(contacts, plan);
      } catch (error) {
        if (!isForbidden(error)) throw error;
        // NOTES.md §1.3: 403 while bulk import is off (or for an agent without the permission).
        this.bulkImportOff = true;
        this.options.onLearned?.({ kind: 'bulk_import_off' });
      }
    }
    const { stopped } = await createOneByOne(this.invite, plan);
    if (!stopped) return done(contacts, plan);
    // Cancelled part-way: what was answered, and who was never sent (the engine ends them at once).
    return { kind: 'done', outcomes: outcomesOf(contacts, plan.results), notSent: contacts.filter((_, i) => !plan.results[i]).map((c) => c.id) };
  }

  async poll(target: Target, vendorJobId: string, contacts: Contact[]): Promise<PollResult> {
    this.checkTarget(target);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(vendorJobId)) throw new Error(`Not a Zendesk job id: ${vendorJobId}`);
    const result = await pollCreateMany(this.invite, planForJob(contacts, this.jobKeys.get(vendorJobId)), contacts, vendorJobId);
    if (result.kind === 'done') this.jobKeys.delete(vendorJobId);
    return result;
  }

  /**
   * The verification email of the contact's primary address (NOTES.md §1.5): a user of this
   * account by id, anyone else through the Zendesk user that has the address.
   */
  async sendVerification(contact: Contact): Promise<VerificationAnswer> {
    let userId = this.isOwnUser(contact) ? contact.id : undefined;
    if (!userId) {
      const parsed = parseEmail(contact.email);
      if (!parsed.ok) return notSent({ en: 'The contact has no valid email address to verify.', fr: "Le contact n'a pas d'adresse e-mail valide à vérifier." });
      try {
        userId = (await this.findByEmail(parsed.display))[0]?.id;
      } catch (error) {
        // A refusal to search (an end user's session) answers in Zendesk's words, as the send would.
        if (error instanceof VendorRefusedError) return { sent: false, message: error.vendorMessage };
        throw error;
      }
      if (!userId) return notSent({ en: `No Zendesk user has the address ${parsed.display} yet.`, fr: `Aucun utilisateur Zendesk n'a encore l'adresse ${parsed.display}.` });
    }
    return verificationAnswer(await this.requestVerification(userId));
  }

  /** The same, by Zendesk user id, with the details (which identity, already verified). */
  requestVerification(userId: string): Promise<VerificationResult> {
    return requestVerification((req) => this.call(req), userId);
  }

  /** A Zendesk user of this very account, as opposed to a person made from an address (`email:…`). */
  private isOwnUser(contact: Contact): boolean {
    return contact.vendor === 'zendesk' && contact.accountId === this.accountId && ZENDESK_ID.test(contact.id);
  }

  private checkTarget(target: Target): void {
    if (target.kind !== TARGET_KIND || target.id !== this.accountId) {
      throw new Error(`Target ${target.kind}:${target.id} is not Zendesk account ${this.accountId}`);
    }
  }
}
