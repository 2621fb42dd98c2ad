import { describe, expect, it } from 'vitest';
import type { Contact, Target } from '../../../core/model';
import type { AuthSession, Connector, Membership } from '../../../core/vendors/types';
import { zendeskApiTokenAuth } from '../../../core/vendors/zendesk/auth';
import { ZendeskConnector } from '../../../core/vendors/zendesk/api';
import { ZohoConnectConnector } from '../../../core/vendors/zoho-connect/api';
import { ZohoCrmConnector } from '../../../core/vendors/zoho-crm/api';
import { ZohoDeskConnector } from '../../../core/vendors/zoho-desk/api';
import { sandboxFetch } from '../../sandbox/fetch';
import { CONNECT, CRM, DESK, ZENDESK, ZOHO } from '../../sandbox/seed/ids';
import { useSandbox } from './sandbox-helpers';

/**
 * Connector.inspect of each vendor against the sandbox (issue #14): the contact card's record and
 * memberships in one round trip, answering what getContacts then memberships() answer. Requests
 * are held until the test releases them, all at once: a round trip is one release, so the count is
 * the card's sequential depth, whatever the machine's speed.
 */

const sandbox = useSandbox();

const QUIET_TURNS = 200;

/** A fetch whose requests wait to be released together; answers are read whole before they return. */
class HeldFetch {
  readonly requests: string[] = [];
  private held: (() => void)[] = [];
  private answering: Promise<unknown>[] = [];

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    this.requests.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}`);
    await new Promise<void>((resolve) => this.held.push(resolve));
    const whole = sandboxFetch(input, init).then(async (res) => {
      const body = await res.arrayBuffer();
      // A 204 may carry no body at all, not even an empty one.
      return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    });
    this.answering.push(whole.catch(() => undefined));
    return whole;
  };

  /** Round trips until `run` settles. */
  async roundTrips<T>(run: Promise<T>): Promise<{ trips: number; value: T }> {
    let settled: { value: T } | { error: unknown } | undefined;
    run.then((value) => (settled = { value }), (error: unknown) => (settled = { error }));
    for (let trips = 0; trips < 20; trips++) {
      await this.quiet();
      if (settled) {
        if ('error' in settled) throw settled.error;
        return { trips, value: settled.value };
      }
      if (this.held.length === 0) throw new Error(`nothing settles and no request waits (${this.requests.join(", ")})`);
      for (const release of this.held.splice(0)) release();
      await Promise.all(this.answering.splice(0));
    }
    throw new Error('more than 20 round trips');
  }

  /** No request for QUIET_TURNS macrotasks: the connector waits for answers, or is done. */
  private async quiet(): Promise<void> {
    let seen = -1;
    for (let still = 0; still < QUIET_TURNS; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.requests.length !== seen) {
        seen = this.requests.length;
        still = 0;
      } else still += 1;
    }
  }
}

function zohoToken(): AuthSession {
  return { headers: async () => ({ authorization: `Zoho-oauthtoken ${ZOHO.tokens.adminAccess}` }), renew: async () => false };
}

type Make = (fetch: typeof globalThis.fetch) => Connector;

const VENDORS: { vendor: string; make: Make; ids: string[] }[] = [
  {
    vendor: 'Zendesk',
    make: (fetch) => new ZendeskConnector({
      endpoint: { vendor: 'zendesk', accountId: 'acme', apiBase: sandbox.current.vendorUrl('acme.zendesk.localhost') },
      auth: zendeskApiTokenAuth(ZOHO.users.admin.email, ZENDESK.acme.apiToken), fetch,
    }),
    ids: [String(ZENDESK.acme.users.unverified), String(ZENDESK.acme.users.htmlName)],
  },
  {
    vendor: 'Zoho Desk',
    make: (fetch) => new ZohoDeskConnector({
      endpoint: { vendor: 'zoho_desk', accountId: `com:${DESK.orgId}`, apiBase: sandbox.current.vendorUrl('desk.zoho.localhost'), orgId: DESK.orgId },
      auth: zohoToken(), fetch,
    }),
    ids: [DESK.contacts.eligible, DESK.contacts.endUserActive, DESK.contacts.invited8Days, DESK.contacts.endUserDisabled],
  },
  {
    vendor: 'Zoho CRM',
    make: (fetch) => new ZohoCrmConnector({
      endpoint: { vendor: 'zoho_crm', accountId: `com:${CRM.orgId}`, apiBase: sandbox.current.vendorUrl('www.zohoapis.localhost'), orgId: CRM.orgId },
      auth: zohoToken(), fetch,
    }),
    ids: [CRM.records.eligible, CRM.records.portalUserActive, CRM.records.portalUserDeactivated, CRM.records.invited8Days],
  },
  {
    vendor: 'Zoho Connect',
    make: (fetch) => new ZohoConnectConnector({
      endpoint: { vendor: 'zoho_connect', accountId: `com:${CONNECT.networks.community}`, apiBase: sandbox.current.vendorUrl('connect.zoho.localhost'), orgId: CONNECT.networks.community },
      auth: zohoToken(), fetch, companyDomains: ['acme.co'], self: { zuid: ZOHO.users.admin.zuid },
    }),
    // Paolo Rossi (a Partner Hub member) and Ava herself (member of every network).
    ids: ['60020010', ZOHO.users.admin.zuid],
  },
];

/** What the card read before Connector.inspect: the record, then its membership on each target. */
async function inTurn(c: Connector, id: string, targets: Target[]): Promise<{ contact: Contact | undefined; memberships: Map<string, Membership> }> {
  const [contact] = await c.getContacts([id]);
  const memberships = new Map<string, Membership>();
  if (contact) {
    for (const t of targets) {
      // What the card shows: every membership the vendor would refuse an invitation for (records.ts).
      const m = (await c.memberships(t, [contact], { exhaustive: true })).get(contact.id);
      if (m) memberships.set(t.key, m);
    }
  }
  return { contact, memberships };
}

/** Contacts compared without the read time, which differs between two reads. */
const same = (c: Contact | undefined) => (c ? { ...c, fetchedAt: 'x' } : c);

describe.each(VENDORS)('$vendor: the contact card in one round trip (inspect)', ({ make, ids }) => {
  it('answers what getContacts then memberships(exhaustive) answer, in one round trip once the destinations are known', async () => {
    const held = new HeldFetch();
    const c = make(held.fetch);
    const plain = make(sandboxFetch);
    const targets = await plain.listTargets();
    expect(targets.length).toBeGreaterThan(0);
    let members = 0;
    for (const id of ids) {
      held.requests.splice(0);
      const { trips, value } = await held.roundTrips((c.inspect as NonNullable<Connector['inspect']>)(id, targets));
      expect(trips, `${id}: ${held.requests.join(', ')}`).toBe(1);
      const expected = await inTurn(plain, id, targets);
      expect(same(value.contact), id).toEqual(same(expected.contact));
      expect(value.contact, id).toBeDefined();
      expect([...value.memberships].sort(), id).toEqual([...expected.memberships].sort());
      members += value.memberships.size;
    }
    // The seeded ids include members: the equality above is not only of empty maps.
    expect(members).toBeGreaterThan(0);
  });

  it('an unknown record is no contact and no membership, in one round trip at most', async () => {
    const held = new HeldFetch();
    const c = make(held.fetch);
    const targets = await make(sandboxFetch).listTargets();
    for (const id of ['9999999999999999999', '../x']) {
      const { trips, value } = await held.roundTrips((c.inspect as NonNullable<Connector['inspect']>)(id, targets));
      expect(trips).toBeLessThanOrEqual(1);
      expect(value).toEqual({ contact: undefined, memberships: new Map() });
    }
  });
});
