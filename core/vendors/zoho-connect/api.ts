import { emailKey, parseEmail } from '../../email';
import { VENDOR_BATCH_SIZE } from '../../eligibility/batch-sizes';
import { recordKey, type Contact, type EligibilityActor, type Target } from '../../model';
import { VendorClient, VendorRefusedError } from '../http';
import type { CardRead, Connector, ConnectorOptions, ItemResult, Membership, PollResult, SendAction, Submission } from '../types';
import { isConnectThrottle, readConnectError, refusedAddress, refusedItem } from './errors';
import { emailContact, memberContact } from './contacts';
import { contactsIn, inspectLists, membersByEmail, membershipOf, type NetworkMembers, type NetworkType } from './members';
import { AllScopesAnswer, InviteAnswer, OrgMembersAnswer, type Member, type Network } from './schemas';

/**
 * Zoho Connect (NOTES.md §4): the targets are the networks the signed-in user belongs to
 * (`allScopes`), members are read with `orgMembers`, and inviting is `inviteUsersToNetwork` with up
 * to 1,000 addresses, answered at once (no job). Contacts are network members, by zuid.
 */

export type { NetworkType } from './members';

export interface ZohoConnectOptions extends ConnectorOptions {
  /** The organisation's own email domains (Account.companyDomains): internal networks take only these. */
  companyDomains?: string[];
  /** Network types set by the admin in the options page, by scopeID; they win over the guess below. */
  networkTypes?: Record<string, NetworkType>;
  /**
   * The signed-in Zoho user (from the account connection), so actor(target) can read whether they
   * administer a network: Connect's API has no "who am I".
   */
  self?: { zuid?: string; email?: string };
  /** Groups (`partitionIds`) every invitee joins; none by default. */
  partitionIds?: string[];
}

const TARGET_KIND = 'zoho_connect.network';
const INVITE = 'POST /pulse/api/inviteUsersToNetwork';

export class ZohoConnectConnector implements Connector {
  readonly vendor = 'zoho_connect' as const;
  readonly accountId: string;
  private readonly client: VendorClient;
  /** orgMembers reads in flight by scopeID: the card's look-up and actor() ask the same list at once. */
  private readonly reading = new Map<string, Promise<Member[]>>();

  constructor(private readonly options: ZohoConnectOptions) {
    if (options.endpoint.vendor !== 'zoho_connect') throw new Error(`ZohoConnectConnector given a ${options.endpoint.vendor} endpoint`);
    this.accountId = options.endpoint.accountId;
    this.client = new VendorClient('zoho_connect', options, readConnectError, isConnectThrottle);
  }

  batchSize(_action: SendAction): number {
    return VENDOR_BATCH_SIZE[TARGET_KIND];
  }

  async networks(): Promise<Network[]> {
    const { data } = await this.client.request({
      method: 'GET', path: 'pulse/api/allScopes', endpoint: 'GET /pulse/api/allScopes', schema: AllScopesAnswer,
    });
    return data?.allScopes.scopes ?? [];
  }

  /**
   * allScopes does not say whether a network is internal or external [UNCONFIRMED]. The network
   * Connect marks `isDefault` is the organisation's own (in the vendor's sample, "Zillum" beside
   * "customers network" and "Zillum Partners"), and a person belongs to one internal network only
   * (RULES.md), so that one is internal and the others external, unless the admin said otherwise.
   */
  networkType(network: Network): NetworkType {
    return this.options.networkTypes?.[network.id] ?? (network.isDefault ? 'internal' : 'external');
  }

  async listTargets(): Promise<Target[]> {
    const fetchedAt = new Date().toISOString();
    const domains = this.options.companyDomains ?? [];
    return (await this.networks()).map((network) => ({
      key: recordKey('zoho_connect', this.accountId, network.id),
      vendor: 'zoho_connect',
      accountId: this.accountId,
      kind: TARGET_KIND,
      id: network.id,
      name: network.name,
      status: 'active',
      networkType: this.networkType(network),
      ...(domains.length > 0 ? { companyDomains: domains } : {}),
      fetchedAt,
    }));
  }

  /** `GET /pulse/api/orgMembers?scopeID=`: members and pending invitations of one network. */
  members(scopeID: string): Promise<Member[]> {
    const inFlight = this.reading.get(scopeID);
    if (inFlight) return inFlight;
    const read = this.client
      .request({ method: 'GET', path: 'pulse/api/orgMembers', endpoint: 'GET /pulse/api/orgMembers', searchParams: { scopeID }, schema: OrgMembersAnswer })
      .then(({ data }) => data?.orgMembers.members ?? []);
    this.reading.set(scopeID, read);
    const done = () => void this.reading.delete(scopeID);
    read.then(done, done);
    return read;
  }

  async actor(target?: Target): Promise<EligibilityActor> {
    const self = this.options.self;
    if (!target || (!self?.zuid && !self?.email)) return { role: 'agent' };
    this.checkTarget(target);
    const members = await this.members(target.id).catch((error: unknown) => {
      if (error instanceof VendorRefusedError && error.status === 403) return [];
      throw error;
    });
    const selfKey = emailKey(self.email);
    const me = members.find((m) => (self.zuid && m.zuid === self.zuid) || (selfKey && emailKey(m.emailId) === selfKey));
    // isAdmin is all orgMembers tells; a custom role that may add users is not visible through the API.
    if (me?.status === 'active' && me.isAdmin) return { role: 'admin', permissions: ['network.admin'] };
    return { role: 'agent', permissions: [] };
  }

  /** These networks' members, all read at once; a network Connect refuses to list (403) has none. */
  private memberLists(networks: readonly { id: string; type: NetworkType }[]): Promise<NetworkMembers[]> {
    return Promise.all(
      networks.map(async ({ id, type }): Promise<NetworkMembers> => {
        try {
          return { scopeID: id, type, members: await this.members(id) };
        } catch (error) {
          if (error instanceof VendorRefusedError && error.status === 403) return { scopeID: id, type, members: [], refused: error };
          throw error;
        }
      }),
    );
  }

  /** Every network's members, read once: contacts are looked up across them. */
  private async contactsWhere(keep: (m: Member) => boolean): Promise<Contact[]> {
    const networks = (await this.networks()).map((network) => ({ id: network.id, type: this.networkType(network) }));
    return contactsIn(await this.memberLists(networks), keep, this.accountId, new Date().toISOString());
  }

  /**
   * The member and their state on every network, from one read of each network's members, all at
   * once: the networks are the account's cached targets, so allScopes is not read first (members.ts).
   */
  async inspect(id: string, targets: readonly Target[]): Promise<CardRead> {
    for (const target of targets) this.checkTarget(target);
    if (!/^[0-9]{1,30}$/.test(id)) return { contact: undefined, memberships: new Map() };
    const lists = await this.memberLists(targets.map((t) => ({ id: t.id, type: t.networkType ?? 'external' })));
    return inspectLists(id, targets, lists, this.accountId);
  }

  async getContacts(ids: string[]): Promise<Contact[]> {
    const wanted = new Set(ids.filter((id) => /^[0-9]{1,30}$/.test(id)));
    if (wanted.size === 0) return [];
    return this.contactsWhere((m) => wanted.has(m.zuid));
  }

  async findByEmail(email: string): Promise<Contact[]> {
    const key = emailKey(email);
    if (!key) return [];
    return this.contactsWhere((m) => emailKey(m.emailId) === key);
  }

  /** See contacts.ts emailContact: a CSV address nobody has, which send() invites. */
  contactFromEmail(email: string): Contact | undefined {
    return emailContact(email, this.accountId, new Date().toISOString());
  }

  /**
   * The members of one network (`module` is its scopeID; the account's default network otherwise),
   * pending invitees included, in Connect's order. orgMembers has no paging: it answers the whole
   * network, cut into pages here.
   */
  async listContacts(query: { module?: string; page: number; perPage: number }): Promise<{ contacts: Contact[]; hasMore: boolean }> {
    const networks = await this.networks();
    const scopeID = query.module ?? this.options.endpoint.orgId ?? networks.find((n) => n.isDefault)?.id;
    if (!scopeID) return { contacts: [], hasMore: false };
    const network = networks.find((n) => n.id === scopeID);
    const internal = network !== undefined && this.networkType(network) === 'internal';
    const perPage = Math.max(1, Math.floor(query.perPage));
    const start = (Math.max(1, Math.floor(query.page)) - 1) * perPage;
    const members = await this.members(scopeID);
    const fetchedAt = new Date().toISOString();
    const contacts = members.slice(start, start + perPage).map((m) => {
      const contact = memberContact(m, this.accountId, fetchedAt);
      if (m.status === 'active') contact.hasZohoAccount = true;
      // The same fact contactsWhere() records: an active member of an internal network belongs to it.
      if (internal && m.status === 'active') contact.internalNetworkId = scopeID;
      return contact;
    });
    return { contacts, hasMore: start + perPage < members.length };
  }

  async memberships(target: Target, contacts: Contact[]): Promise<Map<string, Membership>> {
    this.checkTarget(target);
    const byKey = membersByEmail(await this.members(target.id));
    const out = new Map<string, Membership>();
    for (const contact of contacts) {
      const member = byKey.get(contact.emailKey ?? emailKey(contact.email) ?? '');
      const membership = member && membershipOf(member);
      if (membership) out.set(contact.id, membership);
    }
    return out;
  }

  /**
   * One call for up to 1,000 addresses; `reinvite` is the same call, Connect sends a pending
   * invitation again. Addresses are sent once each, comma-separated (so one with a comma in it is
   * refused here as malformed, never split into two).
   */
  async send(target: Target, action: SendAction, contacts: Contact[]): Promise<Submission> {
    this.checkTarget(target);
    if (action !== 'invite' && action !== 'reinvite') throw new Error(`Zoho Connect has no "${action}"`);
    if (contacts.length > this.batchSize(action)) throw new Error(`Zoho Connect batch of ${contacts.length} > ${this.batchSize(action)}`);
    const results: (ItemResult | undefined)[] = contacts.map(() => undefined);
    const toSend = new Map<string, { email: string; positions: number[] }>();
    contacts.forEach((contact, i) => {
      const parsed = parseEmail(contact.email);
      if (!parsed.ok && parsed.problem === 'missing') results[i] = { status: 'failed', code: 'EMAIL_MISSING', message: 'The contact has no email address.' };
      else if (!parsed.ok) results[i] = { status: 'failed', code: 'EMAIL_MALFORMED', message: `"${parsed.trimmed}" is not a valid email address.` };
      else {
        const entry = toSend.get(parsed.key) ?? { email: parsed.display, positions: [] };
        entry.positions.push(i);
        toSend.set(parsed.key, entry);
      }
    });
    if (toSend.size > 0) await this.invite(target, toSend, results);
    // An address with no result (its fate could not be read back) is left out: the engine
    // reconciles it from the network's members rather than guess.
    return {
      kind: 'done',
      outcomes: contacts.flatMap((c, i) => {
        const result = results[i];
        return result ? [{ contactId: c.id, result }] : [];
      }),
    };
  }

  private async invite(target: Target, toSend: Map<string, { email: string; positions: number[] }>, results: (ItemResult | undefined)[]) {
    const set = (key: string, result: ItemResult) => {
      for (const i of toSend.get(key)?.positions ?? []) results[i] = result;
    };
    let answer: InviteAnswer['inviteUsersToNetwork'];
    try {
      const { data } = await this.client.request({
        method: 'POST', path: 'pulse/api/inviteUsersToNetwork', endpoint: INVITE, schema: InviteAnswer,
        form: { scopeID: target.id, emailIds: [...toSend.values()].map((e) => e.email).join(','), partitionIds: (this.options.partitionIds ?? []).join(',') },
      });
      answer = (data as InviteAnswer).inviteUsersToNetwork;
      if (answer.result !== 'success') {
        throw new VendorRefusedError('zoho_connect', INVITE, 200, answer.errorCode, answer.message ?? answer.result, data);
      }
    } catch (error) {
      if (!(error instanceof VendorRefusedError)) throw error;
      for (const key of toSend.keys()) set(key, refusedItem(error));
      return;
    }
    const failedKeys = new Set((answer.failedUserIds ?? []).map((e) => emailKey(e) ?? e.trim().toLowerCase()));
    // Without failedUserIds a short count cannot say who was left out: the members list can.
    const unexplained = answer.failedUserIds === undefined && (answer.successUserCount ?? toSend.size) < toSend.size;
    const members = failedKeys.size > 0 || unexplained ? await this.memberIndex(target.id) : undefined;
    for (const [key, { email }] of toSend) {
      // A short count and no members list: who was left out is unknown, not failed.
      if (unexplained && !members && !failedKeys.has(key)) continue;
      const member = members?.get(key);
      const refused = failedKeys.has(key) || (unexplained && member?.status !== 'invited');
      set(key, refused ? refusedAddress({
        email,
        networkType: target.networkType ?? 'external',
        companyDomains: target.companyDomains ?? this.options.companyDomains ?? [],
        ...(member ? { member } : {}),
      }) : { status: 'invited' });
    }
  }

  /** Members by address, to explain refusals; a failure to read them leaves the reasons unknown. */
  private async memberIndex(scopeID: string): Promise<Map<string, Member> | undefined> {
    try {
      const members = await this.members(scopeID);
      return new Map(members.flatMap((m) => {
        const key = emailKey(m.emailId);
        return key ? [[key, m] as const] : [];
      }));
    } catch {
      return undefined;
    }
  }

  async poll(): Promise<PollResult> {
    throw new Error('Zoho Connect answers invitations at once: there is no job to poll');
  }

  private checkTarget(target: Target): void {
    if (target.kind !== TARGET_KIND || target.accountId !== this.accountId) {
      throw new Error(`Target ${target.kind}:${target.id} is not a network of Zoho Connect account ${this.accountId}`);
    }
  }
}
