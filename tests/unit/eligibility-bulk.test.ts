/**
 * planBulk() against RULES.md ("Bulk: capacity and order", "The contract"): one item per contact
 * in order, duplicates by normalised email, seats handed out in order, counts per reason code,
 * and batches of eligible ids with a single action each, cut to the vendor batch size.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, planBulk } from '../../core/eligibility';
import { BulkPlan, ReasonCode, Verdict, type EligibilityInput, type Severity } from '../../core/model';

type Contact = EligibilityInput['contact'];
type Target = EligibilityInput['target'];
type Actor = EligibilityInput['actor'];
type Action = Verdict['action'];
type Expected = Partial<Record<ReasonCode, Severity>>;

const NOW = new Date('2025-03-10T12:00:00.000Z');
const DAY_MS = 86_400_000;
const daysAgo = (days: number, now: Date = NOW): string => new Date(now.getTime() - days * DAY_MS).toISOString();

const ZENDESK: Target = { kind: 'zendesk.end_user', id: 'zd' };
const DESK: Target = { kind: 'zoho_desk.help_center', id: 'hc', status: 'active' };
const CRM: Target = { kind: 'zoho_crm.portal', id: 'ut' };
const CONNECT_EXT: Target = { kind: 'zoho_connect.network', id: 'net-ext', networkType: 'external' };
const CONNECT_INT: Target = { kind: 'zoho_connect.network', id: 'net-int', networkType: 'internal' };
const AGENT: Actor = { role: 'agent' };

const NEEDS_NOTHING: ReasonCode[] = ['ALREADY_MEMBER', 'INVITATION_PENDING', 'PORTAL_USER_DEACTIVATED', 'DUPLICATE_IN_SELECTION'];

/** `n` distinct clean contacts c0…c(n-1) with ASCII addresses every target accepts. */
function clean(n: number, prefix = 'c'): Contact[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, email: `person.${prefix}${i}@client.fr` }));
}

function reasonMap(verdict: Verdict): Expected {
  const out: Expected = {};
  for (const r of verdict.reasons) out[r.code] = r.severity;
  return out;
}

/** Plans and checks what holds for every plan: schema, one item per contact in order, verdict invariants, batches. */
function plan(contacts: Contact[], target: Target, actor: Actor = AGENT, now: Date = NOW): BulkPlan {
  const result = planBulk(contacts, target, actor, now);
  const parsed = BulkPlan.safeParse(result);
  expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3))).toBe(true);
  expect(result.items.map((i) => i.contactId)).toEqual(contacts.map((c) => c.id));
  for (const { verdict } of result.items) {
    const codes = verdict.reasons.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    const blocked = verdict.reasons.some((r) => r.severity === 'block');
    if (blocked) expect(verdict.action).toBe('none');
    expect(verdict.eligible).toBe(!blocked && !verdict.reasons.some((r) => NEEDS_NOTHING.includes(r.code)));
  }
  for (const key of Object.keys(result.counts)) expect(ReasonCode.options).toContain(key);
  // counts: contacts per reason code (every severity)
  for (const code of ReasonCode.options) {
    const n = result.items.filter((i) => i.verdict.reasons.some((r) => r.code === code)).length;
    expect(result.counts[code] ?? 0, `counts.${code}`).toBe(n);
  }
  // batches: eligible ids only, each once, each batch non-empty, one action, within the vendor size
  const size = BATCH_SIZE[target.kind];
  const actionOf = new Map(result.items.filter((i) => i.verdict.eligible).map((i) => [i.contactId, i.verdict.action]));
  const seen: string[] = [];
  for (const batch of result.batches) {
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(size);
    expect(new Set(batch.map((id) => actionOf.get(id))).size).toBe(1);
    seen.push(...batch);
  }
  const eligibleIds = result.items.filter((i) => i.verdict.eligible).map((i) => i.contactId);
  expect([...seen].sort()).toEqual([...eligibleIds].sort());
  // order kept within each action
  for (const action of ['invite', 'reinvite', 'activate'] as const) {
    const inBatches = seen.filter((id) => actionOf.get(id) === action);
    const inItems = eligibleIds.filter((id) => actionOf.get(id) === action);
    expect(inBatches).toEqual(inItems);
  }
  return result;
}

const BATCH_SIZE: Record<Target['kind'], number> = {
  'zendesk.end_user': 100,
  'zoho_desk.help_center': 100,
  'zoho_crm.portal': 100,
  'zoho_connect.network': 1000,
};

function itemOf(result: BulkPlan, index: number): Verdict {
  const item = result.items[index];
  if (!item) throw new Error(`no item ${index}`);
  return item.verdict;
}

function expectItem(result: BulkPlan, index: number, eligible: boolean, action: Action, reasons: Expected): void {
  const verdict = itemOf(result, index);
  expect(reasonMap(verdict), `item ${index}`).toEqual(reasons);
  expect({ eligible: verdict.eligible, action: verdict.action }, `item ${index}`).toEqual({ eligible, action });
}

function expectCounts(result: BulkPlan, expected: Partial<Record<ReasonCode, number>>): void {
  for (const code of ReasonCode.options) expect(result.counts[code] ?? 0, `counts.${code}`).toBe(expected[code] ?? 0);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value as object)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------

describe('planBulk: items', () => {
  it('an empty selection gives no items, no counts, no batches', () => {
    const result = plan([], CRM);
    expect(result.items).toEqual([]);
    expect(result.batches).toEqual([]);
    expectCounts(result, {});
  });

  it('one item per contact, in the order given, each with the verdict evaluate() gives alone', () => {
    const contacts: Contact[] = [
      { id: 'z', email: 'zed@client.fr' },
      { id: 'a', email: undefined },
      { id: 'm', email: 'm@client.fr', membership: { status: 'active' } },
      { id: 'b', email: 'b@mailinator.com' },
      { id: 'q', email: 'q@client.fr', membership: { status: 'invited', invitedAt: daysAgo(9) } },
    ];
    const result = plan(contacts, DESK);
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, false, 'none', { EMAIL_MISSING: 'block' });
    expectItem(result, 2, false, 'none', { ALREADY_MEMBER: 'info' });
    expectItem(result, 3, true, 'invite', { EMAIL_DISPOSABLE: 'warn' });
    expectItem(result, 4, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
    contacts.forEach((contact, i) => {
      expect(itemOf(result, i)).toEqual(evaluate({ contact, target: DESK, actor: AGENT }, NOW));
    });
  });

  it('two contacts with the same id but different addresses are two items', () => {
    const result = plan(
      [
        { id: 'same', email: 'one@client.fr' },
        { id: 'same', email: 'two@client.fr' },
      ],
      ZENDESK,
    );
    expect(result.items).toHaveLength(2);
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, true, 'invite', {});
  });

  it('actor rules apply to every contact (Zendesk end-user actor)', () => {
    const result = plan(clean(3), ZENDESK, { role: 'end_user' });
    for (let i = 0; i < 3; i++) expectItem(result, i, false, 'none', { NOT_AN_AGENT: 'block' });
    expect(result.batches).toEqual([]);
    expectCounts(result, { NOT_AN_AGENT: 3 });
  });
});

describe('planBulk: DUPLICATE_IN_SELECTION', () => {
  const same: { label: string; first: string; later: string; target: Target }[] = [
    { label: 'identical', first: 'ann@client.fr', later: 'ann@client.fr', target: ZENDESK },
    { label: 'local part case', first: 'Ann@client.fr', later: 'ann@client.fr', target: ZENDESK },
    { label: 'local part case (later upper)', first: 'ann.lee@client.fr', later: 'ANN.LEE@client.fr', target: CRM },
    { label: 'domain case', first: 'ann@CLIENT.FR', later: 'ann@client.fr', target: DESK },
    { label: 'surrounding spaces', first: '  ann@client.fr ', later: 'ann@client.fr', target: CONNECT_EXT },
    { label: 'spaces and case', first: 'ANN@Client.Fr', later: '\tann@client.fr\n', target: CRM },
    { label: 'IDN vs punycode', first: 'anna@bücher.de', later: 'anna@xn--bcher-kva.de', target: ZENDESK },
    { label: 'IDN decomposed (NFD) vs precomposed', first: 'anna@bu\u0308cher.de', later: 'anna@bücher.de', target: ZENDESK },
    { label: 'punycode vs IDN, upper case', first: 'anna@xn--bcher-kva.de', later: 'Anna@BÜCHER.DE', target: DESK },
  ];
  it.each(same)('$label: $first then $later → only the later one is flagged', ({ first, later, target }) => {
    const result = plan(
      [
        { id: 'first', email: first },
        { id: 'other', email: 'other@client.fr' },
        { id: 'later', email: later },
      ],
      target,
    );
    const firstVerdict = itemOf(result, 0);
    expect(firstVerdict.reasons.map((r) => r.code)).not.toContain('DUPLICATE_IN_SELECTION');
    expectItem(result, 1, true, 'invite', {});
    const laterVerdict = itemOf(result, 2);
    expect(reasonMap(laterVerdict).DUPLICATE_IN_SELECTION).toBe('info');
    expect(laterVerdict.eligible).toBe(false);
    expect(laterVerdict.action).toBe('none');
    expect(result.batches.flat()).not.toContain('later');
    expect(result.counts.DUPLICATE_IN_SELECTION).toBe(1);
  });

  it('a plain duplicate has exactly DUPLICATE_IN_SELECTION (info)', () => {
    const result = plan(
      [
        { id: 'a', email: 'Ann@Client.fr' },
        { id: 'b', email: ' ann@client.FR ' },
      ],
      ZENDESK,
    );
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expect(result.batches).toEqual([['a']]);
    expectCounts(result, { DUPLICATE_IN_SELECTION: 1 });
  });

  const different: [string, string][] = [
    ['ann@client.fr', 'ann@client.com'],
    ['ann@client.fr', 'ann+1@client.fr'],
    ['ann@client.fr', 'ann@sub.client.fr'],
    ['ann.lee@client.fr', 'annlee@client.fr'],
    ['anna@bücher.de', 'anna@bucher.de'],
  ];
  it.each(different)('%s and %s are different people', (a, b) => {
    const result = plan(
      [
        { id: 'a', email: a },
        { id: 'b', email: b },
      ],
      ZENDESK,
    );
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, true, 'invite', {});
    expect(result.batches).toEqual([['a', 'b']]);
  });

  it('every later occurrence is flagged (three times the same person)', () => {
    const result = plan(
      [
        { id: 'a', email: 'ann@client.fr' },
        { id: 'b', email: 'ANN@client.fr' },
        { id: 'c', email: 'bob@client.fr' },
        { id: 'd', email: ' ann@CLIENT.fr' },
      ],
      ZENDESK,
    );
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expectItem(result, 2, true, 'invite', {});
    expectItem(result, 3, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expect(result.batches).toEqual([['a', 'c']]);
    expectCounts(result, { DUPLICATE_IN_SELECTION: 2 });
  });

  it('the later one is flagged even when the earlier one is blocked', () => {
    const result = plan(
      [
        { id: 'a', email: 'ann@client.fr', recordState: 'deleted' },
        { id: 'b', email: 'Ann@client.fr' },
      ],
      CRM,
    );
    expectItem(result, 0, false, 'none', { RECORD_DELETED: 'block' });
    expectItem(result, 1, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expect(result.batches).toEqual([]);
    expectCounts(result, { RECORD_DELETED: 1, DUPLICATE_IN_SELECTION: 1 });
  });

  it('the later one is flagged even when the earlier one is already a member or pending', () => {
    const result = plan(
      [
        { id: 'a', email: 'ann@client.fr', membership: { status: 'active' } },
        { id: 'b', email: 'ann@client.fr' },
        { id: 'c', email: 'bob@client.fr', membership: { status: 'invited', invitedAt: daysAgo(1) } },
        { id: 'd', email: 'BOB@client.fr' },
      ],
      DESK,
    );
    expectItem(result, 0, false, 'none', { ALREADY_MEMBER: 'info' });
    expectItem(result, 1, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expectItem(result, 2, false, 'none', { INVITATION_PENDING: 'info' });
    expectItem(result, 3, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expect(result.batches).toEqual([]);
  });

  it('a duplicate keeps its own other reasons', () => {
    const result = plan(
      [
        { id: 'a', email: 'ann@client.fr' },
        { id: 'b', email: 'ann@client.fr', recordState: 'pending_approval' },
      ],
      CRM,
    );
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, false, 'none', { DUPLICATE_IN_SELECTION: 'info', RECORD_PENDING_APPROVAL: 'block' });
  });

  it('the earlier occurrence keeps its re-invite; the later one is not sent', () => {
    const result = plan(
      [
        { id: 'a', email: 'ann@client.fr', membership: { status: 'invited', invitedAt: daysAgo(10) } },
        { id: 'b', email: 'ann@client.fr' },
      ],
      CRM,
    );
    expectItem(result, 0, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
    expect(reasonMap(itemOf(result, 1)).DUPLICATE_IN_SELECTION).toBe('info');
    expect(itemOf(result, 1).eligible).toBe(false);
    expect(result.batches).toEqual([['a']]);
  });

  it('duplicates are found within one selection only, never across calls or by evaluate()', () => {
    const contacts: Contact[] = [{ id: 'a', email: 'ann@client.fr' }];
    const first = plan(contacts, ZENDESK);
    const second = plan(contacts, ZENDESK);
    const third = plan([{ id: 'b', email: 'ANN@client.fr' }], ZENDESK);
    for (const result of [first, second, third]) expectItem(result, 0, true, 'invite', {});
    const alone = evaluate({ contact: { id: 'c', email: 'ann@client.fr' }, target: ZENDESK, actor: AGENT }, NOW);
    expect(alone.reasons).toEqual([]);
  });

  it('contacts without an email are not duplicates of each other', () => {
    const result = plan(
      [
        { id: 'a' },
        { id: 'b', email: '   ' },
        { id: 'c', email: '' },
      ],
      ZENDESK,
    );
    for (let i = 0; i < 3; i++) expectItem(result, i, false, 'none', { EMAIL_MISSING: 'block' });
  });
});

describe('planBulk: seats and LICENSE_LIMIT', () => {
  it('300 seats left and 500 invitable contacts on a CRM portal: first 300 eligible, other 200 LICENSE_LIMIT', () => {
    const contacts = clean(500);
    const result = plan(contacts, { ...CRM, seats: { used: 9_700, limit: 10_000 } });
    for (let i = 0; i < 300; i++) expectItem(result, i, true, 'invite', {});
    for (let i = 300; i < 500; i++) expectItem(result, i, false, 'none', { LICENSE_LIMIT: 'block' });
    expect(result.counts.LICENSE_LIMIT).toBe(200);
    expectCounts(result, { LICENSE_LIMIT: 200 });
    expect(result.batches.map((b) => b.length)).toEqual([100, 100, 100]);
    expect(result.batches.flat()).toEqual(contacts.slice(0, 300).map((c) => c.id));
  });

  it('Connect external: the first seats go in order, the rest get LICENSE_LIMIT', () => {
    const contacts = clean(8);
    const result = plan(contacts, { ...CONNECT_EXT, seats: { used: 15, limit: 20 } });
    for (let i = 0; i < 5; i++) expectItem(result, i, true, 'invite', {});
    for (let i = 5; i < 8; i++) expectItem(result, i, false, 'none', { LICENSE_LIMIT: 'block' });
    expect(result.batches).toEqual([['c0', 'c1', 'c2', 'c3', 'c4']]);
    expectCounts(result, { LICENSE_LIMIT: 3 });
  });

  it('over the limit already (used > limit): every seat-taker gets LICENSE_LIMIT', () => {
    const result = plan(clean(4), { ...CRM, seats: { used: 12, limit: 10 } });
    for (let i = 0; i < 4; i++) expectItem(result, i, false, 'none', { LICENSE_LIMIT: 'block' });
    expect(result.batches).toEqual([]);
  });

  const unlimited: { label: string; target: Target }[] = [
    { label: 'internal network with seats', target: { ...CONNECT_INT, seats: { used: 5, limit: 5 } } },
    { label: 'Desk with seats', target: { ...DESK, seats: { used: 5, limit: 5 } } },
    { label: 'Zendesk with seats', target: { ...ZENDESK, seats: { used: 5, limit: 5 } } },
    { label: 'CRM without seats', target: CRM },
    { label: 'external network without seats', target: CONNECT_EXT },
  ];
  it.each(unlimited)('$label: no LICENSE_LIMIT', ({ target }) => {
    const result = plan(clean(120), target);
    for (let i = 0; i < 120; i++) expectItem(result, i, true, 'invite', {});
    expectCounts(result, {});
    expect(result.batches.flat()).toHaveLength(120);
  });

  it('blocked, already-member, pending and duplicate contacts take no seat; re-invite and activate do', () => {
    const contacts: Contact[] = [
      { id: 'blocked', email: 'b@client.fr', recordState: 'deleted' },
      { id: 'member', email: 'm@client.fr', membership: { status: 'active' } },
      { id: 'pending', email: 'p@client.fr', membership: { status: 'invited', invitedAt: daysAgo(2) } },
      { id: 'new1', email: 'n1@client.fr' },
      { id: 'dup', email: 'N1@client.fr' },
      { id: 'missing', email: ' ' },
      { id: 'expired', email: 'e@client.fr', membership: { status: 'invited', invitedAt: daysAgo(8) } },
      { id: 'deactivated', email: 'd@client.fr', membership: { status: 'deactivated' } },
      { id: 'new2', email: 'n2@client.fr' },
      { id: 'blocked2', email: 'b2@client.fr', recordState: 'under_review' },
      { id: 'member2', email: 'm2@client.fr', membership: { status: 'confirmed' } },
      { id: 'new3', email: 'n3@client.fr' },
    ];
    // 3 seats: new1, expired, deactivated take them; new2 and new3 are left without one.
    const result = plan(contacts, { ...CRM, seats: { used: 97, limit: 100 } });
    expectItem(result, 0, false, 'none', { RECORD_DELETED: 'block' });
    expectItem(result, 1, false, 'none', { ALREADY_MEMBER: 'info' });
    expectItem(result, 2, false, 'none', { INVITATION_PENDING: 'info' });
    expectItem(result, 3, true, 'invite', {});
    expectItem(result, 4, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expectItem(result, 5, false, 'none', { EMAIL_MISSING: 'block' });
    expectItem(result, 6, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
    expectItem(result, 7, false, 'activate', { PORTAL_USER_DEACTIVATED: 'info' });
    expectItem(result, 8, false, 'none', { LICENSE_LIMIT: 'block' });
    expectItem(result, 9, false, 'none', { RECORD_UNDER_REVIEW: 'block' });
    expectItem(result, 10, false, 'none', { ALREADY_MEMBER: 'info' });
    expectItem(result, 11, false, 'none', { LICENSE_LIMIT: 'block' });
    expectCounts(result, {
      RECORD_DELETED: 1,
      ALREADY_MEMBER: 2,
      INVITATION_PENDING: 1,
      DUPLICATE_IN_SELECTION: 1,
      EMAIL_MISSING: 1,
      INVITATION_EXPIRED: 1,
      PORTAL_USER_DEACTIVATED: 1,
      LICENSE_LIMIT: 2,
      RECORD_UNDER_REVIEW: 1,
    });
    const sorted = [...result.batches].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    expect(sorted).toEqual([['expired'], ['new1']]);
  });

  it('re-invites and activations left without a seat get LICENSE_LIMIT and action none', () => {
    const contacts: Contact[] = [
      { id: 'new', email: 'n@client.fr' },
      { id: 'expired', email: 'e@client.fr', membership: { status: 'invited' } },
      { id: 'deactivated', email: 'd@client.fr', membership: { status: 'deactivated' } },
    ];
    const result = plan(contacts, { ...CRM, seats: { used: 9, limit: 10 } });
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, false, 'none', { INVITATION_EXPIRED: 'info', LICENSE_LIMIT: 'block' });
    expectItem(result, 2, false, 'none', { PORTAL_USER_DEACTIVATED: 'info', LICENSE_LIMIT: 'block' });
    expect(result.batches).toEqual([['new']]);
  });

  it('a duplicate does not use up a seat (2 seats: a, dup of a, b → a and b eligible)', () => {
    const contacts: Contact[] = [
      { id: 'a', email: 'ann@client.fr' },
      { id: 'a2', email: 'ANN@client.fr' },
      { id: 'b', email: 'bob@client.fr' },
    ];
    const result = plan(contacts, { ...CRM, seats: { used: 8, limit: 10 } });
    expectItem(result, 0, true, 'invite', {});
    expectItem(result, 1, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expectItem(result, 2, true, 'invite', {});
    expect(result.batches).toEqual([['a', 'b']]);
  });

  it('warned and info contacts take a seat like any other (external network)', () => {
    const contacts: Contact[] = [
      { id: 'disposable', email: 'x@yopmail.com' },
      { id: 'noaccount', email: 'y@client.fr', hasZohoAccount: false },
      { id: 'reserved', email: 'z@example.invalid' },
      { id: 'last', email: 'w@client.fr' },
    ];
    const result = plan(contacts, { ...CONNECT_EXT, seats: { used: 2, limit: 5 } });
    expectItem(result, 0, true, 'invite', { EMAIL_DISPOSABLE: 'warn' });
    expectItem(result, 1, true, 'invite', { ZOHO_ACCOUNT_REQUIRED: 'info' });
    expectItem(result, 2, true, 'invite', { EMAIL_DOMAIN_RESERVED: 'warn' });
    expectItem(result, 3, false, 'none', { LICENSE_LIMIT: 'block' });
    expectCounts(result, { EMAIL_DISPOSABLE: 1, ZOHO_ACCOUNT_REQUIRED: 1, EMAIL_DOMAIN_RESERVED: 1, LICENSE_LIMIT: 1 });
  });

  it('blocked contacts after the seats run out get their own block, not LICENSE_LIMIT', () => {
    const contacts: Contact[] = [...clean(2), { id: 'bad', email: 'x@mailinator.com' }, { id: 'nomail' }];
    const result = plan(contacts, { ...CRM, seats: { used: 0, limit: 2 } });
    expectItem(result, 2, false, 'none', { EMAIL_DISPOSABLE: 'block' });
    expectItem(result, 3, false, 'none', { EMAIL_MISSING: 'block' });
  });
});

describe('planBulk: counts', () => {
  it('counts contacts per reason code at every severity', () => {
    const contacts: Contact[] = [
      { id: '1', email: 'a@client.fr' },
      { id: '2', email: 'b@mailinator.com', emailVerified: false },
      { id: '3', email: 'c@sub.mailinator.com' },
      { id: '4', email: 'a@CLIENT.fr' },
      { id: '5', email: 'broken@@client.fr' },
      { id: '6' },
      { id: '7', email: 'e@example.invalid', membership: { status: 'active' } },
      { id: '8', email: 'f@client.fr', emailVerified: false },
      { id: '9', email: 'g@client.zz' },
    ];
    const result = plan(contacts, ZENDESK);
    expectCounts(result, {
      EMAIL_DISPOSABLE: 2,
      EMAIL_UNVERIFIED: 2,
      DUPLICATE_IN_SELECTION: 1,
      EMAIL_MALFORMED: 1,
      EMAIL_MISSING: 1,
      EMAIL_DOMAIN_RESERVED: 2,
      ALREADY_MEMBER: 1,
    });
    expect(result.batches).toEqual([['1', '2', '3', '8', '9']]);
  });
});

describe('planBulk: batches', () => {
  const sizes: { label: string; target: Target; n: number; lengths: number[] }[] = [
    { label: 'Zendesk 250', target: ZENDESK, n: 250, lengths: [100, 100, 50] },
    { label: 'Desk 250', target: DESK, n: 250, lengths: [100, 100, 50] },
    { label: 'CRM 250', target: CRM, n: 250, lengths: [100, 100, 50] },
    { label: 'Zendesk 100', target: ZENDESK, n: 100, lengths: [100] },
    { label: 'CRM 101', target: CRM, n: 101, lengths: [100, 1] },
    { label: 'Desk 1', target: DESK, n: 1, lengths: [1] },
    { label: 'Connect external 2500', target: CONNECT_EXT, n: 2500, lengths: [1000, 1000, 500] },
    { label: 'Connect internal 2500', target: CONNECT_INT, n: 2500, lengths: [1000, 1000, 500] },
    { label: 'Connect external 1000', target: CONNECT_EXT, n: 1000, lengths: [1000] },
    { label: 'Connect external 1001', target: CONNECT_EXT, n: 1001, lengths: [1000, 1] },
    { label: 'Connect external 250', target: CONNECT_EXT, n: 250, lengths: [250] },
  ];
  it.each(sizes)('$label → $lengths', ({ target, n, lengths }) => {
    const contacts = clean(n);
    const result = plan(contacts, target);
    expect(result.batches.map((b) => b.length)).toEqual(lengths);
    expect(result.batches.flat()).toEqual(contacts.map((c) => c.id));
  });

  it('only eligible ids, in order (one contact in three has no email)', () => {
    const contacts: Contact[] = clean(300).map((c, i) => (i % 3 === 1 ? { id: c.id } : c));
    const result = plan(contacts, ZENDESK);
    const expectedIds = contacts.filter((_, i) => i % 3 !== 1).map((c) => c.id);
    expect(result.batches.map((b) => b.length)).toEqual([100, 100]);
    expect(result.batches.flat()).toEqual(expectedIds);
    expect(result.counts.EMAIL_MISSING).toBe(100);
  });

  it('warned contacts are sent; blocked, member, pending, duplicate and deactivated ones are not', () => {
    const contacts: Contact[] = [
      { id: 'ok', email: 'ok@client.fr' },
      { id: 'warn', email: 'w@example.com' },
      { id: 'blocked', email: 'b@mailinator.com' },
      { id: 'member', email: 'm@client.fr', membership: { status: 'active' } },
      { id: 'pending', email: 'p@client.fr', membership: { status: 'invited', invitedAt: daysAgo(1) } },
      { id: 'dup', email: 'OK@client.fr' },
      { id: 'deactivated', email: 'd@client.fr', membership: { status: 'deactivated' } },
    ];
    const result = plan(contacts, CRM);
    expect(result.batches).toEqual([['ok', 'warn']]);
  });

  it('a mixed invite / re-invite selection never mixes actions in a batch (CRM, 300 interleaved)', () => {
    const contacts: Contact[] = clean(300).map((c, i) =>
      i % 2 === 1 ? { ...c, membership: { status: 'invited', invitedAt: daysAgo(8 + (i % 5)) } } : c,
    );
    const result = plan(contacts, CRM);
    const actionOf = new Map(result.items.map((i) => [i.contactId, i.verdict.action]));
    for (const batch of result.batches) {
      expect(batch.length).toBeLessThanOrEqual(100);
      expect(new Set(batch.map((id) => actionOf.get(id))).size).toBe(1);
    }
    const invites = contacts.filter((_, i) => i % 2 === 0).map((c) => c.id);
    const reinvites = contacts.filter((_, i) => i % 2 === 1).map((c) => c.id);
    expect(result.batches.flat().filter((id) => actionOf.get(id) === 'invite')).toEqual(invites);
    expect(result.batches.flat().filter((id) => actionOf.get(id) === 'reinvite')).toEqual(reinvites);
    expectCounts(result, { INVITATION_EXPIRED: 150 });
  });

  it('a mixed selection on Connect keeps re-invites apart from invites too', () => {
    const contacts: Contact[] = [
      { id: 'i1', email: 'i1@client.fr' },
      { id: 'r1', email: 'r1@client.fr', membership: { status: 'invited' } },
      { id: 'i2', email: 'i2@client.fr' },
      { id: 'r2', email: 'r2@client.fr', membership: { status: 'invited', invitedAt: daysAgo(30) } },
    ];
    const result = plan(contacts, CONNECT_EXT);
    const sorted = [...result.batches].map((b) => [...b]).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    expect(sorted).toEqual([
      ['i1', 'i2'],
      ['r1', 'r2'],
    ]);
  });
});

describe('planBulk: purity and now', () => {
  it('the same input twice gives equal results, and the frozen input is not touched', () => {
    const contacts = deepFreeze<Contact[]>([
      { id: 'a', email: 'ann@client.fr' },
      { id: 'b', email: 'ANN@client.fr' },
      { id: 'c', email: 'c@client.fr', membership: { status: 'invited', invitedAt: daysAgo(3) } },
      { id: 'd', email: 'd@client.fr', membership: { status: 'invited', invitedAt: daysAgo(9) } },
      { id: 'e', email: 'e@client.fr' },
    ]);
    const target = deepFreeze<Target>({ ...CRM, seats: { used: 8, limit: 10 } });
    const actor = deepFreeze<Actor>({ role: 'agent', permissions: ['portal.manage'] });
    const snapshot = JSON.stringify({ contacts, target, actor });
    const first = plan(contacts, target, actor);
    const second = plan(contacts, target, actor);
    expect(second).toEqual(first);
    expect(JSON.stringify({ contacts, target, actor })).toBe(snapshot);
    expectItem(first, 1, false, 'none', { DUPLICATE_IN_SELECTION: 'info' });
    expectItem(first, 2, false, 'none', { INVITATION_PENDING: 'info' });
    expectItem(first, 3, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
    expectItem(first, 4, false, 'none', { LICENSE_LIMIT: 'block' });
  });

  it('`now` is honoured: the same invitations are pending now and expired ten days later', () => {
    const contacts: Contact[] = [
      { id: 'a', email: 'a@client.fr', membership: { status: 'invited', invitedAt: daysAgo(3) } },
      { id: 'b', email: 'b@client.fr', membership: { status: 'invited', invitedAt: daysAgo(6) } },
    ];
    const early = plan(contacts, DESK, AGENT, NOW);
    expectItem(early, 0, false, 'none', { INVITATION_PENDING: 'info' });
    expectItem(early, 1, false, 'none', { INVITATION_PENDING: 'info' });
    expect(early.batches).toEqual([]);
    const later = plan(contacts, DESK, AGENT, new Date(NOW.getTime() + 10 * DAY_MS));
    expectItem(later, 0, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
    expectItem(later, 1, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
    expect(later.batches).toEqual([['a', 'b']]);
  });

  it('`now` defaults to the current time', () => {
    const realNow = new Date();
    const contacts: Contact[] = [
      { id: 'fresh', email: 'a@client.fr', membership: { status: 'invited', invitedAt: daysAgo(1, realNow) } },
      { id: 'old', email: 'b@client.fr', membership: { status: 'invited', invitedAt: daysAgo(20, realNow) } },
    ];
    const result = planBulk(contacts, DESK, AGENT);
    expectItem(result, 0, false, 'none', { INVITATION_PENDING: 'info' });
    expectItem(result, 1, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
  });

  it('the result, serialised and parsed back, is a valid BulkPlan with valid Verdicts', () => {
    const result = planBulk([...clean(3), { id: 'x' }, { id: 'y', email: 'y@mailinator.com' }], CRM, AGENT, NOW);
    const roundTrip: unknown = JSON.parse(JSON.stringify(result));
    expect(BulkPlan.parse(roundTrip)).toEqual(result);
    for (const item of result.items) expect(Verdict.parse(item.verdict)).toEqual(item.verdict);
  });
});
