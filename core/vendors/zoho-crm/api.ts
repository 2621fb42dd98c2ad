import { emailKey } from '../../email';
import type { PortalUser, PortalUserAction, PortalUserStatus } from '../../messages';
import { recordKey, type Contact, type EligibilityActor, type Target } from '../../model';
import { VendorClient, VendorRefusedError } from '../http';
import type {
  CardRead, Connector, ConnectorOptions, ItemOutcome, ItemResult, Membership, OrganizationMembers, PollResult, SendAction, Submission,
} from '../types';
import { readAccountContacts } from './accounts';
import { crmRefusalResult, isCrmThrottle, readCrmError } from './errors';
import {
  CRM_BATCH_SIZE, CRM_JOB_POLL_MS, inviteOne, jobRef, moduleMismatch, parseJobRef, readInviteJob, scheduleInvites,
} from './invites';
import {
  changePortalUserStatus, changePortalUsersStatusBulk, countActiveUsers, deletePortalUsers, listPortalUsers,
  otherTypeMembership, portalMembership, portalUsersWithStatus, transferPortalUsers, type PortalUserResult, type UserTypeRef,
} from './portal-users';
import { crmContact, listRecords } from './records';
import { CrmPortals, CrmRecords, CrmUserTypes } from './schemas';
import { ZOHO_DATA_CENTER_TLDS } from '../hosts';
import { mapLimit } from '../pool';
import { CRM_MODULE, isPathSegment, pathSegment, RECORD_ID, ZOHO_URL_NAME } from '../path';

/**
 * Zoho CRM client portals (RULES.md `zoho_crm.portal`; NOTES.md §3): one target per portal user
 * type. Invitations go one module per call, the module of the user type's records; a contact of
 * another module in a batch is answered at once (`moduleMismatch`) and never sent.
 */

/**
 * What the CRM API does not say and the account settings may: the organization's own domains (the
 * super admin's; no endpoint in the stored specs), whether GDPR consent is on (the API shows it only
 * per record), and how many portal users the plan allows (the API gives `no_of_users`, no limit).
 */
export interface ZohoCrmSettings {
  companyDomains?: readonly string[];
  consentRequired?: boolean;
  /**
   * Portal users a portal may have, shared by all its user types (Zoho, January 2025: a pool of
   * free users shared by up to five user types). Absent: unknown, no seat check before Zoho's own.
   */
  portalSeatLimit?: number;
  /** Invitation language (one of the 28 of NOTES.md §3.1); Zoho's default en_US when absent. */
  language?: string;
}

export interface ZohoCrmOptions extends ConnectorOptions {
  crm?: ZohoCrmSettings;
}

const READ_CONCURRENCY = 4;
/** CRM record ids are 64-bit integers. */
const CRM_ID = /^[0-9]{1,20}$/;
const SEARCH_PAGE = 200;
const MAX_SEARCH_PAGES = 5;

const EP = {
  portals: 'GET /crm/v8/settings/portals',
  userTypes: 'GET /crm/v8/settings/portals/{portal}/user_type',
  record: 'GET /crm/v8/{module}/{id}',
  search: 'GET /crm/v8/{module}/search',
  probe: 'POST /crm/v8/{module}/actions/portal_invite',
} as const;

/** The CRM API origin of a Zoho data center (NOTES.md §3.5); prefer the `api_domain` of the token answer. */
export function zohoCrmApiBase(dataCenter: string): string {
  return dataCenter === 'ca' ? 'https://www.zohoapis.ca' : `https://www.zohoapis.${dataCenter}`;
}

/**
 * The token answer's `api_domain`, when it is the CRM API origin of one of Zoho's data centers:
 * the access token goes in a header to that host, and the extension's host permissions do not
 * stop a service worker's request, so any other value is not believed (the data center's default
 * is used instead).
 */
export function trustedCrmApiDomain(apiDomain: string | undefined): string | undefined {
  if (!apiDomain) return undefined;
  let origin: string;
  try {
    const url = new URL(apiDomain);
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return undefined;
    origin = url.origin;
  } catch {
    return undefined;
  }
  return [...ZOHO_DATA_CENTER_TLDS, 'ca'].some((dc) => zohoCrmApiBase(dc) === origin) ? origin : undefined;
}


export class ZohoCrmConnector implements Connector {
  readonly vendor = 'zoho_crm' as const;
  readonly accountId: string;
  private readonly client: VendorClient;
  private readonly settings: ZohoCrmSettings;
  /** User type id → the module of its records, learnt from listTargets (or read when missing). */
  private readonly modules = new Map<string, string>();
  /**
   * User type ids by portal. A person is a portal user of one user type per portal: Zoho refuses to
   * invite a portal user of another type (DUPLICATE_DATA, "portal user already exists"), so every
   * type of the portal is read for memberships.
   */
  private readonly portalTypes = new Map<string, string[]>();
  private actorProbe: Promise<EligibilityActor> | undefined;

  constructor(options: ZohoCrmOptions) {
    this.accountId = options.endpoint.accountId;
    this.settings = options.crm ?? {};
    this.client = new VendorClient('zoho_crm', options, readCrmError, isCrmThrottle);
  }

  batchSize(action: SendAction): number {
    // Activation is one change_status call per portal user; the bulk form's job cannot be followed.
    return action === 'activate' ? 1 : CRM_BATCH_SIZE;
  }

  /**
   * CRM has no documented call for the agent's portal permission. Probe: an empty bulk invitation,
   * which cannot invite anyone; 403 NO_PERMISSION says the agent lacks "Client Portal User"
   * management (permissions `[]`). Any other answer leaves the permissions unknown, since whether
   * Zoho checks the permission before the body is not documented.
   */
  actor(): Promise<EligibilityActor> {
    this.actorProbe ??= this.client
      .request({ method: 'POST', path: 'crm/v8/Contacts/actions/portal_invite', endpoint: EP.probe, json: { portal_invite: [] }, accept: [400, 403] })
      .then((res) => (res.status === 403 && readCrmError(res.body, 403).code === 'NO_PERMISSION' ? { role: 'agent' as const, permissions: [] } : { role: 'agent' as const }))
      .catch((error: unknown) => {
        this.actorProbe = undefined;
        throw error;
      });
    return this.actorProbe;
  }

  async listTargets(): Promise<Target[]> {
    const fetchedAt = new Date().toISOString();
    const { data } = await this.client.request({ method: 'GET', path: 'crm/v8/settings/portals', endpoint: EP.portals, schema: CrmPortals, accept: [204] });
    const limit = this.settings.portalSeatLimit;
    const targets: Target[] = [];
    for (const portal of data?.portals ?? []) {
      const userTypes = await this.userTypes(portal.name);
      // The seats are the portal's, shared by its user types: one count over all of them, disabled
      // ones too (their active users still hold seats). Counted only when a limit is known: each
      // user type costs a request.
      const used = limit === undefined
        ? undefined
        : (await mapLimit(userTypes, READ_CONCURRENCY, (ut) => countActiveUsers(this.client, { portal: portal.name, userTypeId: ut.id })))
          .reduce((sum, n) => sum + n, 0);
      for (const ut of userTypes) {
        targets.push({
          kind: 'zoho_crm.portal', id: ut.id, key: recordKey(this.vendor, this.accountId, ut.id), vendor: this.vendor,
          accountId: this.accountId, name: ut.name, portalName: portal.name, fetchedAt,
          status: portal.active !== false && ut.active !== false ? 'active' : 'disabled',
          ...(this.settings.companyDomains ? { companyDomains: [...this.settings.companyDomains] } : {}),
          ...(this.settings.consentRequired !== undefined ? { consentRequired: this.settings.consentRequired } : {}),
          ...(limit !== undefined && used !== undefined ? { seats: { used, limit } } : {}),
        });
      }
    }
    return targets;
  }

  /** Records of one module (default Contacts); unknown, deleted and recycle-bin ids are left out (CRM answers INVALID_DATA). */
  async getContacts(ids: string[], module = 'Contacts'): Promise<Contact[]> {
    const fetchedAt = new Date().toISOString();
    const modulePath = pathSegment(module, CRM_MODULE, 'a Zoho CRM module name');
    // An id that is not a CRM id (digits) names no record: left out, never put in a path.
    const found = await mapLimit(ids.filter((id) => isPathSegment(id, RECORD_ID)), READ_CONCURRENCY, async (id) => {
      try {
        const { data } = await this.client.request({
          method: 'GET', path: `crm/v8/${modulePath}/${pathSegment(id, RECORD_ID, 'a Zoho CRM record id')}`, endpoint: EP.record, schema: CrmRecords,
        });
        const raw = data?.data[0];
        return raw ? crmContact(raw, this.accountId, module, fetchedAt) : undefined;
      } catch (error) {
        if (error instanceof VendorRefusedError && error.status === 400 && error.vendorCode === 'INVALID_DATA') return undefined;
        throw error;
      }
    });
    return found.filter((c): c is Contact => c !== undefined);
  }

  /** An Accounts record's related Contacts, page by page, up to `limit` (accounts.ts). */
  organizationMembers(accountId: string, limit: number): Promise<OrganizationMembers | undefined> {
    return readAccountContacts(this.client, accountId, limit);
  }

  async findByEmail(email: string, module = 'Contacts'): Promise<Contact[]> {
    const wanted = emailKey(email) ?? email.trim().toLowerCase();
    const fetchedAt = new Date().toISOString();
    const found: Contact[] = [];
    for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
      const res = await this.client.request({
        method: 'GET', path: `crm/v8/${pathSegment(module, CRM_MODULE, 'a Zoho CRM module name')}/search`, endpoint: EP.search, schema: CrmRecords, accept: [204],
        searchParams: { email: email.trim(), page, per_page: SEARCH_PAGE },
      });
      if (res.status === 204 || !res.data) break;
      for (const raw of res.data.data) {
        if ((emailKey(raw.Email) ?? raw.Email?.trim().toLowerCase()) === wanted) found.push(crmContact(raw, this.accountId, module, fetchedAt));
      }
      if (!res.data.info?.more_records) break;
    }
    return found;
  }

  /**
   * Portal users among these records (`personality_ids`): of the target's user type as they are,
   * and, `exhaustive`, of another user type of the same portal as members of this one too
   * (otherTypeMembership: one listing per user type more). Others are absent.
   */
  async memberships(target: Target, contacts: Contact[], options: { exhaustive?: boolean } = {}): Promise<Map<string, Membership>> {
    const map = new Map<string, Membership>();
    if (contacts.length === 0) return map;
    const wanted = [...new Set(contacts.map((c) => c.id))];
    const portal = this.ref(target).portal;
    const others = options.exhaustive ? (await this.typesOf(portal)).filter((id) => id !== target.id) : [];
    const types = [target.id, ...others];
    const lists = await mapLimit(types, READ_CONCURRENCY, (userTypeId) => listPortalUsers(this.client, { portal, userTypeId }, wanted));
    lists.forEach((users, i) => {
      for (const user of users) {
        if (!wanted.includes(user.personality_id) || map.has(user.personality_id)) continue;
        map.set(user.personality_id, i === 0 ? portalMembership(user) : otherTypeMembership());
      }
    });
    return map;
  }

  /** The record and its portal users, all at once: a portal user's personality id is the record id. */
  async inspect(id: string, targets: readonly Target[], module?: string): Promise<CardRead> {
    if (!isPathSegment(id, RECORD_ID)) return { contact: undefined, memberships: new Map() };
    const [contacts, ...users] = await Promise.all([
      this.getContacts([id], module),
      ...targets.map((target) => listPortalUsers(this.client, this.ref(target), [id])),
    ]);
    const memberships = new Map<string, Membership>();
    targets.forEach((target, i) => {
      const user = users[i]?.find((u) => u.personality_id === id);
      if (user) memberships.set(target.key, portalMembership(user));
    });
    // A portal user of one user type is a member of its portal's other types too (otherTypeMembership).
    for (const target of targets) {
      if (memberships.has(target.key)) continue;
      if (targets.some((other) => other.portalName === target.portalName && memberships.has(other.key))) memberships.set(target.key, otherTypeMembership());
    }
    return { contact: contacts[0], memberships };
  }

  async send(target: Target, action: SendAction, contacts: Contact[]): Promise<Submission> {
    if (contacts.length > this.batchSize(action)) throw new RangeError(`at most ${this.batchSize(action)} contacts per ${action}`);
    if (action === 'activate') {
      const outcomes = await mapLimit(contacts, 1, async (c) => ({ contactId: c.id, result: activationResult(await changePortalUserStatus(this.client, this.ref(target), c.id, true)) }));
      return { kind: 'done', outcomes };
    }
    const module = await this.moduleOf(target, contacts);
    const fits = contacts.filter((c) => (c.module ?? module) === module);
    const answered = new Map<string, ItemResult>();
    for (const c of contacts) if (!fits.includes(c)) answered.set(c.id, moduleMismatch(c, module));
    const [only] = fits;
    if (fits.length === 1 && only) {
      answered.set(only.id, await inviteOne(this.client, module, only.id, target.id, action, this.settings.language));
    } else if (fits.length > 1) {
      try {
        const jobId = await scheduleInvites(this.client, module, fits.map((c) => c.id), target.id, action, this.settings.language);
        return { kind: 'job', vendorJobId: jobRef(module, jobId), pollAfterMs: CRM_JOB_POLL_MS };
      } catch (error) {
        // A refusal of the whole call (403 NO_PERMISSION…) is each item's answer.
        if (!(error instanceof VendorRefusedError)) throw error;
        for (const c of fits) answered.set(c.id, crmRefusalResult(error));
      }
    }
    return { kind: 'done', outcomes: contacts.map((c) => ({ contactId: c.id, result: answered.get(c.id) ?? noResult })) };
  }

  async poll(_target: Target, vendorJobId: string, contacts: Contact[]): Promise<PollResult> {
    const { module, jobId } = parseJobRef(vendorJobId);
    const job = await readInviteJob(this.client, module, jobId);
    if (!job.done) return { kind: 'running', pollAfterMs: CRM_JOB_POLL_MS };
    // A record the finished job gives no result for gets no outcome: the engine reads whether it is
    // a portal user now (reconcile), rather than call it failed while the job may have invited it.
    const outcomes: ItemOutcome[] = [];
    for (const c of contacts) {
      if ((c.module ?? module) !== module) outcomes.push({ contactId: c.id, result: moduleMismatch(c, module) });
      else {
        const result = job.results.get(c.id);
        if (result) outcomes.push({ contactId: c.id, result });
      }
    }
    return { kind: 'done', outcomes };
  }

  /** A page of a module's records (Contacts by default), in the CRM's order. */
  listContacts(query: { module?: string; page: number; perPage: number }): Promise<{ contacts: Contact[]; hasMore: boolean }> {
    return listRecords(this.client, this.accountId, query, this.settings.consentRequired === true);
  }

  /** The portal users of the target's user type in one of CRM's lists (portal-users.ts STATUS_LISTS). */
  portalUsers(target: Target, status: PortalUserStatus): Promise<PortalUser[]> {
    return portalUsersWithStatus(this.client, this.ref(target), status);
  }

  /**
   * One action on portal users of the target's user type, one result per id in the order given.
   * Activation goes one user at a time (the bulk change_status is a job nothing documents how to
   * follow); a transfer goes to another user type of the same portal. An id that is not a CRM id
   * is refused here and never sent (ids travel comma-separated in `personality_ids`).
   */
  async portalUserAction(
    target: Target, action: PortalUserAction, personalityIds: readonly string[], to?: Target,
  ): Promise<{ personalityId: string; ok: boolean; message?: string }[]> {
    const ref = this.ref(target);
    if (action === 'transfer') this.checkTransfer(target, to);
    const valid = [...new Set(personalityIds.filter((id) => CRM_ID.test(id)))];
    let results: PortalUserResult[];
    if (action === 'activate' || action === 'deactivate') {
      results = await mapLimit(valid, 1, (id) => changePortalUserStatus(this.client, ref, id, action === 'activate'));
    } else if (action === 'delete') {
      results = valid.length ? await deletePortalUsers(this.client, ref, valid) : [];
    } else {
      results = valid.length ? await transferPortalUsers(this.client, ref, valid, (to as Target).id) : [];
    }
    const byId = new Map(results.map((r) => [r.personalityId, r]));
    return personalityIds.map((personalityId) => {
      const result = byId.get(personalityId);
      if (!result) return { personalityId, ok: false, message: `"${personalityId}" is not a Zoho CRM record id` };
      return result.ok ? { personalityId, ok: true } : { personalityId, ok: false, message: result.message };
    });
  }

  // ---------------------------------------------------------------- portal-user actions

  activate(target: Target, personalityId: string): Promise<PortalUserResult> {
    return changePortalUserStatus(this.client, this.ref(target), personalityId, true);
  }

  deactivate(target: Target, personalityId: string): Promise<PortalUserResult> {
    return changePortalUserStatus(this.client, this.ref(target), personalityId, false);
  }

  /** The bulk change_status: a job whose outcome is read back with memberships(). */
  changeStatusBulk(target: Target, changes: readonly { personalityId: string; active: boolean }[]): Promise<{ jobId: string }> {
    return changePortalUsersStatusBulk(this.client, this.ref(target), changes);
  }

  deletePortalUsers(target: Target, personalityIds: readonly string[]): Promise<PortalUserResult[]> {
    return deletePortalUsers(this.client, this.ref(target), personalityIds);
  }

  /** To another user type (`to`) of the same portal, whose records are of the same module. */
  transfer(target: Target, personalityIds: readonly string[], to: Target | string): Promise<PortalUserResult[]> {
    return transferPortalUsers(this.client, this.ref(target), personalityIds, typeof to === 'string' ? to : to.id);
  }

  // ---------------------------------------------------------------- private

  private checkTransfer(from: Target, to: Target | undefined): void {
    if (!to) throw new Error('A transfer needs the user type to move the portal users to');
    if (to.kind !== 'zoho_crm.portal' || to.accountId !== this.accountId || to.portalName !== from.portalName || to.id === from.id) {
      throw new Error(`Portal users of ${from.id} can only move to another user type of portal ${from.portalName ?? '?'}`);
    }
  }

  private ref(target: Target): UserTypeRef {
    if (!target.portalName) throw new Error(`Zoho CRM target ${target.id} has no portal name`);
    return { portal: target.portalName, userTypeId: target.id };
  }

  private async userTypes(portal: string) {
    const { data } = await this.client.request({
      method: 'GET', path: `crm/v8/settings/portals/${pathSegment(portal, ZOHO_URL_NAME, 'a Zoho CRM portal name')}/user_type`, endpoint: EP.userTypes, schema: CrmUserTypes, accept: [204],
    });
    const types = data?.user_type ?? [];
    for (const ut of types) if (ut.personality_module?.api_name) this.modules.set(ut.id, ut.personality_module.api_name);
    this.portalTypes.set(portal, types.map((ut) => ut.id));
    return types;
  }

  /** The portal's user type ids: as the last listing read them (listTargets), else read now. */
  private async typesOf(portal: string): Promise<string[]> {
    return this.portalTypes.get(portal) ?? (await this.userTypes(portal)).map((ut) => ut.id);
  }

  /** The user type's module; when Zoho does not name it, the contacts' own (Zoho then judges). */
  private async moduleOf(target: Target, contacts: readonly Contact[]): Promise<string> {
    if (!this.modules.has(target.id) && target.portalName) await this.userTypes(target.portalName);
    return this.modules.get(target.id) ?? contacts.find((c) => c.module)?.module ?? 'Contacts';
  }
}

const noResult: ItemResult = { status: 'failed', code: 'VENDOR_ERROR', message: 'Zoho CRM gave no result for this record' };

/** change_status for `activate`: SUCCESS is the action done (`invited`), ALREADY_ACTIVATED a member. */
function activationResult(result: PortalUserResult): ItemResult {
  if (result.ok) return { status: 'invited' };
  if (result.code === 'ALREADY_MEMBER') return { status: 'already_member' };
  return { status: 'failed', code: result.code, ...(result.vendorCode ? { vendorCode: result.vendorCode } : {}), message: result.message };
}
