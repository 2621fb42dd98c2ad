/**
 * evaluate() against RULES.md ("Reason codes", "Email normalization and form", "The contract").
 * Written from the specification, not from the implementation: every expectation below is the
 * exact set of reason codes with their severities, so a rule that fires where it must not fails.
 * The bulk planner (planBulk) is covered in eligibility-bulk.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, planBulk } from '../../core/eligibility';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import { EligibilityInput, ReasonCode, Verdict, type Severity } from '../../core/model';

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------------

type Contact = EligibilityInput['contact'];
type Target = EligibilityInput['target'];
type Actor = EligibilityInput['actor'];
type Action = Verdict['action'];
type Expected = Partial<Record<ReasonCode, Severity>>;

const NOW = new Date('2025-03-10T12:00:00.000Z');
const DAY_MS = 86_400_000;
const agoMs = (ms: number, now: Date = NOW): string => new Date(now.getTime() - ms).toISOString();
const daysAgo = (days: number, now: Date = NOW): string => agoMs(days * DAY_MS, now);

type TargetName = 'zendesk' | 'desk' | 'crm' | 'connectExt' | 'connectInt';
const TARGETS: Record<TargetName, Target> = {
  zendesk: { kind: 'zendesk.end_user', id: 'zd-main' },
  desk: { kind: 'zoho_desk.help_center', id: 'hc-1', status: 'active' },
  crm: { kind: 'zoho_crm.portal', id: 'ut-1' },
  connectExt: { kind: 'zoho_connect.network', id: 'net-ext', networkType: 'external' },
  connectInt: { kind: 'zoho_connect.network', id: 'net-int', networkType: 'internal' },
};
const ALL: TargetName[] = ['zendesk', 'desk', 'crm', 'connectExt', 'connectInt'];
const except = (...names: TargetName[]): TargetName[] => ALL.filter((n) => !names.includes(n));

const AGENT: Actor = { role: 'agent' };

/** A customer address every target accepts: ICANN TLD, not disposable, not reserved, ASCII only. */
const CLEAN_EMAIL = 'ann@client.fr';

function targetOf(target: TargetName | Target, patch: Partial<Target> = {}): Target {
  const base = typeof target === 'string' ? TARGETS[target] : target;
  return { ...base, ...patch };
}

const NEEDS_NOTHING: ReasonCode[] = ['ALREADY_MEMBER', 'INVITATION_PENDING', 'PORTAL_USER_DEACTIVATED', 'DUPLICATE_IN_SELECTION'];

/**
 * Evaluates and checks what holds for every verdict (RULES.md, "The contract"): the zod schema,
 * one reason per code, any block → not eligible and action none, eligible ⇔ no block and no
 * "needs nothing" info reason.
 */
function run(input: { contact?: Partial<Contact>; target: TargetName | Target; actor?: Actor }, now: Date = NOW): Verdict {
  const contact: Contact = { id: 'c-1', name: 'Ann Client', email: CLEAN_EMAIL, ...input.contact };
  const verdict = evaluate({ contact, target: targetOf(input.target), actor: input.actor ?? AGENT }, now);
  checkInvariants(verdict);
  return verdict;
}

function checkInvariants(verdict: Verdict): void {
  const parsed = Verdict.safeParse(verdict);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  const codes = verdict.reasons.map((r) => r.code);
  expect(new Set(codes).size, `reason codes repeated: ${codes.join(',')}`).toBe(codes.length);
  const blocked = verdict.reasons.some((r) => r.severity === 'block');
  if (blocked) expect(verdict.action).toBe('none');
  const needsNothing = verdict.reasons.some((r) => NEEDS_NOTHING.includes(r.code));
  expect(verdict.eligible).toBe(!blocked && !needsNothing);
}

function reasonMap(verdict: Verdict): Expected {
  const out: Expected = {};
  for (const r of verdict.reasons) out[r.code] = r.severity;
  return out;
}

/** The exact set of codes (order-insensitive) with their severities, plus eligibility and action. */
function expectVerdict(verdict: Verdict, eligible: boolean, action: Action, reasons: Expected): void {
  expect(reasonMap(verdict)).toEqual(reasons);
  expect({ eligible: verdict.eligible, action: verdict.action }).toEqual({ eligible, action });
}

/** No block → eligible invite (unless a reason in `reasons` says otherwise); any block → none. */
function expectOutcome(verdict: Verdict, reasons: Expected): void {
  const blocked = Object.values(reasons).includes('block');
  expectVerdict(verdict, !blocked, blocked ? 'none' : 'invite', reasons);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value as object)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Baseline: a clean contact, and "missing optional fields never block except email"
// ---------------------------------------------------------------------------------------------

describe('evaluate: baseline', () => {
  it.each(ALL)('a clean contact on %s is eligible for invite with no reason', (t) => {
    expectVerdict(run({ target: t }), true, 'invite', {});
  });

  const minimalTargets: Target[] = [
    { kind: 'zendesk.end_user', id: 't' },
    { kind: 'zoho_desk.help_center', id: 't' },
    { kind: 'zoho_crm.portal', id: 't' },
    { kind: 'zoho_connect.network', id: 't' },
    { kind: 'zoho_connect.network', id: 't', networkType: 'external' },
    { kind: 'zoho_connect.network', id: 't', networkType: 'internal' },
  ];
  const minimalCases = minimalTargets.flatMap((target) =>
    (['agent', 'admin'] as const).map((role) => ({ target, role, label: `${target.kind}/${target.networkType ?? '-'}` })),
  );

  it.each(minimalCases)('only id + email, minimal target and actor ($label, $role): invite, no reason', ({ target, role }) => {
    const verdict = evaluate({ contact: { id: 'c-1', email: CLEAN_EMAIL }, target, actor: { role } }, NOW);
    checkInvariants(verdict);
    expectVerdict(verdict, true, 'invite', {});
  });

  it.each(except('zendesk'))('an end_user actor with unknown permissions is not blocked on %s', (t) => {
    expectVerdict(run({ target: t, actor: { role: 'end_user' } }), true, 'invite', {});
  });

  it.each(ALL)('every optional "unknown" field left absent on %s never blocks', (t) => {
    const contact: Contact = { id: 'c-9', email: 'zoe@client.fr' };
    const verdict = evaluate({ contact, target: { kind: TARGETS[t].kind, id: TARGETS[t].id, networkType: TARGETS[t].networkType }, actor: AGENT }, NOW);
    checkInvariants(verdict);
    expectVerdict(verdict, true, 'invite', {});
  });

  it.each(ALL)('unknown extra fields on the input, contact, membership, target and actor are ignored (%s)', (t) => {
    const input = {
      contact: { id: 'c-1', email: CLEAN_EMAIL, blocked: true, tags: ['vip'], phone: '+33 1 23 45 67 89', recordState: undefined },
      target: { ...TARGETS[t], disabled: true, region: 'eu', seatsLeft: 0 },
      actor: { role: 'agent', isOwner: false, locale: 'fr' },
      source: 'panel',
    } as unknown as EligibilityInput;
    const verdict = evaluate(input, NOW);
    checkInvariants(verdict);
    expectVerdict(verdict, true, 'invite', {});
  });

  it('unknown extra fields inside membership are ignored', () => {
    const contact = { id: 'c', email: CLEAN_EMAIL, membership: { status: 'invited', invitedAt: daysAgo(3), channel: 'email' } } as unknown as Contact;
    const verdict = evaluate({ contact, target: TARGETS.crm, actor: AGENT }, NOW);
    checkInvariants(verdict);
    expectVerdict(verdict, false, 'none', { INVITATION_PENDING: 'info' });
  });

  it('is pure: the same input twice gives equal verdicts and the (frozen) input is not touched', () => {
    const input = deepFreeze<EligibilityInput>({
      contact: { id: 'c', email: ' Ann@Client.FR ', membership: { status: 'invited', invitedAt: daysAgo(8) }, hasZohoAccount: false },
      target: { kind: 'zoho_connect.network', id: 'n', networkType: 'external', seats: { used: 1, limit: 5 } },
      actor: { role: 'agent', permissions: ['network.add_users'] },
    });
    const snapshot = JSON.stringify(input);
    const a = evaluate(input, NOW);
    const b = evaluate(input, NOW);
    expect(a).toEqual(b);
    expect(JSON.stringify(input)).toBe(snapshot);
    expectVerdict(a, true, 'reinvite', { INVITATION_EXPIRED: 'info', ZOHO_ACCOUNT_REQUIRED: 'info' });
  });

  it('hands the caller its own verdict: sorting it or adding to it changes no other verdict and does not throw', () => {
    const input = (id: string): EligibilityInput => ({ contact: { id, email: `${id}@client.test`, membership: { status: 'invited', invitedAt: daysAgo(8) } }, target: TARGETS.crm, actor: AGENT });
    const first = evaluate(input('a'), NOW);
    expect(first.reasons.length).toBeGreaterThan(1);
    first.reasons.sort((x, y) => y.code.localeCompare(x.code));
    first.reasons.push({ code: 'LICENSE_LIMIT', severity: 'block' });
    (first as { eligible: boolean }).eligible = false;
    // The same outcome for another contact, and the plan's, are untouched.
    const second = evaluate(input('b'), NOW);
    expectVerdict(second, true, 'reinvite', { INVITATION_EXPIRED: 'info', EMAIL_DOMAIN_RESERVED: 'warn' });
    // A plan's verdicts are the plan's: sorted or cut in place, no later plan or evaluation sees it.
    const plan = planBulk([input('c').contact, input('d').contact], TARGETS.crm, AGENT, NOW);
    plan.items[0]!.verdict.reasons.sort((x, y) => y.code.localeCompare(x.code));
    plan.items[0]!.verdict.reasons.pop();
    expect(planBulk([input('f').contact], TARGETS.crm, AGENT, NOW).items[0]!.verdict).toEqual(second);
    expect(evaluate(input('e'), NOW)).toEqual(second);
  });

  it('is pure: a verdict depends on the current content of companyDomains, even when the same array is edited in place', () => {
    const companyDomains = ['acme.com'];
    const crm: Target = { kind: 'zoho_crm.portal', id: 'ut', companyDomains };
    const internal: Target = { kind: 'zoho_connect.network', id: 'n', networkType: 'internal', companyDomains };
    const contact: Contact = { id: 'c', email: 'bob@acme.com' };
    expectVerdict(evaluate({ contact, target: crm, actor: AGENT }, NOW), false, 'none', { COMPANY_DOMAIN: 'block' });
    expectVerdict(evaluate({ contact, target: internal, actor: AGENT }, NOW), true, 'invite', {});
    companyDomains[0] = 'other.org'; // the admin edits the setting; the same array object is passed again
    expectVerdict(evaluate({ contact, target: crm, actor: AGENT }, NOW), true, 'invite', {});
    expectVerdict(evaluate({ contact, target: internal, actor: AGENT }, NOW), false, 'none', { INTERNAL_DOMAIN_MISMATCH: 'block' });
    companyDomains.push('acme.com');
    expectVerdict(evaluate({ contact, target: crm, actor: AGENT }, NOW), false, 'none', { COMPANY_DOMAIN: 'block' });
  });

  it('never reports DUPLICATE_IN_SELECTION for a single contact, even after evaluating the same address', () => {
    const first = run({ target: 'zendesk', contact: { id: 'a' } });
    const second = run({ target: 'zendesk', contact: { id: 'b' } });
    expectVerdict(first, true, 'invite', {});
    expectVerdict(second, true, 'invite', {});
  });
});

// ---------------------------------------------------------------------------------------------
// EMAIL_MISSING
// ---------------------------------------------------------------------------------------------

describe('EMAIL_MISSING (block, all targets)', () => {
  const blanks: { label: string; email: string | undefined }[] = [
    { label: 'undefined', email: undefined },
    { label: 'empty', email: '' },
    { label: 'three spaces', email: '   ' },
    { label: 'tabs and newlines', email: '\t\n \r\n' },
  ];
  const cases = ALL.flatMap((t) => blanks.map((b) => ({ t, ...b })));

  it.each(cases)('$label email on $t → EMAIL_MISSING only', ({ t, email }) => {
    expectVerdict(run({ target: t, contact: { email } }), false, 'none', { EMAIL_MISSING: 'block' });
  });

  it.each(ALL)('email key absent on %s → EMAIL_MISSING only', (t) => {
    const verdict = evaluate({ contact: { id: 'c-1', name: 'No Mail' }, target: TARGETS[t], actor: AGENT }, NOW);
    checkInvariants(verdict);
    expectVerdict(verdict, false, 'none', { EMAIL_MISSING: 'block' });
  });

  it.each(ALL)('a present email on %s never gives EMAIL_MISSING', (t) => {
    expect(run({ target: t, contact: { email: 'x' } }).reasons.map((r) => r.code)).not.toContain('EMAIL_MISSING');
  });

  it('EMAIL_MISSING does not hide the other applicable reasons (CRM, record deleted, no permission)', () => {
    const verdict = run({ target: 'crm', contact: { email: '  ', recordState: 'deleted' }, actor: { role: 'admin', permissions: [] } });
    expectVerdict(verdict, false, 'none', { EMAIL_MISSING: 'block', RECORD_DELETED: 'block', NO_PORTAL_PERMISSION: 'block' });
  });
});

// ---------------------------------------------------------------------------------------------
// EMAIL_MALFORMED and EMAIL_UNSUPPORTED_CHARACTERS (form of the address)
// ---------------------------------------------------------------------------------------------

/** [address, has a character outside `A-Z a-z 0-9 @ . - _ +` once trimmed] */
const MALFORMED: [string, string, boolean][] = [
  ['space inside the local part', 'ann client@client.fr', true],
  ['space inside the domain', 'ann@client .fr', true],
  ['tab inside', 'ann\tlee@client.fr', true],
  ['display-name form', 'Ann <ann@client.fr>', true],
  ['two @ in a row', 'ann@@client.fr', false],
  ['two @ apart', 'ann@bob@client.fr', false],
  ['no @', 'ann.client.fr', false],
  ['empty local part', '@client.fr', false],
  ['empty domain', 'ann@', false],
  ['trailing dot on the domain', 'ann@client.fr.', false],
  ['leading dot in the local part', '.ann@client.fr', false],
  ['trailing dot in the local part', 'ann.@client.fr', false],
  ['doubled dot in the local part', 'ann..lee@client.fr', false],
  ['quoted local part', '"ann"@client.fr', true],
  ['quoted local part with a space', '"ann lee"@client.fr', true],
  ['parentheses (comment) in the local part', 'ann(work)@client.fr', true],
  ['single-label domain', 'ann@localhost', false],
  ['single-label domain (plain word)', 'ann@client', false],
  ['all-digit TLD', 'ann@client.123', false],
  ['IPv4 as domain', 'ann@10.0.0.1', false],
  ['domain literal', 'ann@[10.0.0.1]', true],
  ['domain label of 64 characters', `ann@${'a'.repeat(64)}.fr`, false],
  ['IDN label over 63 characters once in punycode', `anna@${'ü'.repeat(60)}.de`, true],
  ['domain label starting with a hyphen', 'ann@-client.fr', false],
  ['domain label ending with a hyphen', 'ann@client-.fr', false],
  ['domain starting with a dot', 'ann@.client.fr', false],
  ['doubled dot in the domain', 'ann@client..fr', false],
  ['underscore in a domain label', 'ann@cli_ent.fr', false],
];

/** [address, has a character outside the CRM set once trimmed] */
const WELL_FORMED: [string, string, boolean][] = [
  ['plain', 'ann@client.fr', false],
  ['mixed case', 'Ann.Lee@Client.FR', false],
  ['plus tag', 'ann+tag@client.fr', false],
  ['underscore, hyphen, subdomain, 2-level suffix', 'a_b-c@sub.client.co.uk', false],
  ['digits only local part', '1234@client.fr', false],
  ['surrounding spaces are trimmed', '   ann@client.fr  ', false],
  ['surrounding tab/newline are trimmed', '\tann@client.fr\n', false],
  ['apostrophe (RFC 5322 atext)', "o'brien@client.ie", true],
  ['other RFC 5322 atext specials', "a!#$%&'*/=?^`{|}~z@client.fr", true],
  ['UTF-8 letter in the local part', 'josé@client.fr', true],
  ['UTF-8 letters, dotted local part', 'Zoë.Ünal@client.de', true],
  ['non-Latin local part', 'иван@client.fr', true],
  ['IDN domain', 'anna@bücher.de', true],
  ['IDN domain in punycode', 'anna@xn--bcher-kva.de', false],
  ['IDN domain and IDN TLD', 'ivan@пример.рф', true],
  ['punycode TLD', 'ivan@xn--e1afmkfd.xn--p1ai', false],
  ['domain label of exactly 63 characters', `ann@${'a'.repeat(63)}.fr`, false],
  ['IDN label within 63 characters once in punycode', `anna@${'ü'.repeat(40)}.de`, true],
  ['hyphen inside a label', 'ann@a-b.fr', false],
  ['digits in labels', 'ann@x1.2go.io', false],
];

describe('EMAIL_MALFORMED (block, all targets) and EMAIL_UNSUPPORTED_CHARACTERS (block, CRM only)', () => {
  const malformedCases = ALL.flatMap((t) => MALFORMED.map(([label, email, odd]) => ({ t, label, email, odd })));
  it.each(malformedCases)('$t: $label ($email) is malformed', ({ t, email, odd }) => {
    const expected: Expected = { EMAIL_MALFORMED: 'block' };
    if (t === 'crm' && odd) expected.EMAIL_UNSUPPORTED_CHARACTERS = 'block';
    expectVerdict(run({ target: t, contact: { email } }), false, 'none', expected);
  });

  const wellFormedCases = ALL.flatMap((t) => WELL_FORMED.map(([label, email, odd]) => ({ t, label, email, odd })));
  it.each(wellFormedCases)('$t: $label ($email) is well-formed', ({ t, email, odd }) => {
    const expected: Expected = t === 'crm' && odd ? { EMAIL_UNSUPPORTED_CHARACTERS: 'block' } : {};
    expectOutcome(run({ target: t, contact: { email } }), expected);
  });

  it('anna@bücher.de is refused on CRM portals but accepted on Zendesk, Desk and Connect', () => {
    expectVerdict(run({ target: 'crm', contact: { email: 'anna@bücher.de' } }), false, 'none', { EMAIL_UNSUPPORTED_CHARACTERS: 'block' });
    for (const t of except('crm')) expectVerdict(run({ target: t, contact: { email: 'anna@bücher.de' } }), true, 'invite', {});
  });

  it('the CRM character check reads the trimmed address: surrounding spaces are not "unsupported"', () => {
    expectVerdict(run({ target: 'crm', contact: { email: '  ann@client.fr\t' } }), true, 'invite', {});
  });

  /** A malformed address gets no domain code, however its domain looks. */
  const noDomainCodes: { label: string; email: string; target: TargetName; patch?: Partial<Target>; crmOdd: boolean }[] = [
    { label: 'disposable domain, space inside', email: 'ann lee@mailinator.com', target: 'zendesk', crmOdd: true },
    { label: 'disposable domain, space inside (CRM)', email: 'ann lee@mailinator.com', target: 'crm', crmOdd: true },
    { label: 'disposable domain, doubled dot', email: 'ann..lee@mailinator.com', target: 'crm', crmOdd: false },
    { label: 'disposable domain, trailing dot', email: 'ann@mailinator.com.', target: 'desk', crmOdd: false },
    { label: 'reserved domain, two @', email: 'ann@x@example.com', target: 'zendesk', crmOdd: false },
    { label: 'reserved TLD, leading dot', email: '.ann@client.test', target: 'connectExt', crmOdd: false },
    { label: 'unknown TLD, quoted local part', email: '"ann"@client.zz', target: 'desk', crmOdd: true },
    { label: 'company domain (CRM), doubled dot', email: 'bob..x@acme.com', target: 'crm', patch: { companyDomains: ['acme.com'] }, crmOdd: false },
    { label: 'company domain (CRM), trailing dot', email: 'bob@acme.com.', target: 'crm', patch: { companyDomains: ['acme.com'] }, crmOdd: false },
    { label: 'foreign domain (internal network), two @', email: 'bob@@gmail.com', target: 'connectInt', patch: { companyDomains: ['acme.com'] }, crmOdd: false },
    { label: 'company domain (internal network), space', email: 'bob smith@acme.com', target: 'connectInt', patch: { companyDomains: ['acme.com'] }, crmOdd: true },
  ];
  it.each(noDomainCodes)('$label: only the form codes ($email on $target)', ({ email, target, patch, crmOdd }) => {
    const expected: Expected = { EMAIL_MALFORMED: 'block' };
    if (target === 'crm' && crmOdd) expected.EMAIL_UNSUPPORTED_CHARACTERS = 'block';
    expectVerdict(run({ target: targetOf(target, patch), contact: { email } }), false, 'none', expected);
  });
});

// ---------------------------------------------------------------------------------------------
// EMAIL_DISPOSABLE
// ---------------------------------------------------------------------------------------------

describe('EMAIL_DISPOSABLE (block on CRM, warn elsewhere)', () => {
  const disposable = [
    'x@mailinator.com',
    'X.Y@MAILINATOR.COM',
    'x@sub.mailinator.com',
    'x@a.b.mailinator.com',
    'x@yopmail.com',
    'x@deep.sub.yopmail.com',
    'x@guerrillamail.com',
  ];
  const cases = ALL.flatMap((t) => disposable.map((email) => ({ t, email })));
  it.each(cases)('$email on $t', ({ t, email }) => {
    const severity: Severity = t === 'crm' ? 'block' : 'warn';
    expectOutcome(run({ target: t, contact: { email } }), { EMAIL_DISPOSABLE: severity });
  });

  const notDisposable = ['x@xmailinator.com', 'x@mailinator.com.au', 'x@xguerrillamail.com', 'x@gmail.com', 'x@client.fr', 'x@outlook.com'];
  const negatives = ALL.flatMap((t) => notDisposable.map((email) => ({ t, email })));
  it.each(negatives)('$email on $t is not disposable (parent matching is by whole labels)', ({ t, email }) => {
    expectVerdict(run({ target: t, contact: { email } }), true, 'invite', {});
  });

  it('a disposable address with a warn is still invited on Zendesk, Desk and Connect', () => {
    for (const t of except('crm')) {
      const verdict = run({ target: t, contact: { email: 'x@sub.mailinator.com' } });
      expect(verdict.eligible).toBe(true);
      expect(verdict.action).toBe('invite');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// EMAIL_DOMAIN_RESERVED
// ---------------------------------------------------------------------------------------------

describe('EMAIL_DOMAIN_RESERVED (warn, all targets, never blocks)', () => {
  const reserved = [
    'x@client.test',
    'x@foo.example',
    'x@example.invalid',
    'x@anything.invalid',
    'x@host.localhost',
    'x@example.com',
    'x@example.net',
    'x@example.org',
    'x@EXAMPLE.COM',
    'x@mail.example.com',
    'x@a.b.example.org',
    'x@sub.example.net',
    'x@client.zz',
    'x@client.local',
    'x@client.corp',
    'x@CLIENT.TEST',
  ];
  const cases = ALL.flatMap((t) => reserved.map((email) => ({ t, email })));
  it.each(cases)('$email on $t → warn only, still invited', ({ t, email }) => {
    expectVerdict(run({ target: t, contact: { email } }), true, 'invite', { EMAIL_DOMAIN_RESERVED: 'warn' });
  });

  const fine = [
    'x@notexample.com',
    'x@examples.com',
    'x@example.fr',
    'x@test.com',
    'x@invalid.fr',
    'x@localhost.fr',
    'x@client.io',
    'x@client.co.uk',
    'x@client.museum',
    'ivan@пример.рф',
  ];
  const negatives = except('crm').flatMap((t) => fine.map((email) => ({ t, email })));
  it.each(negatives)('$email on $t is not reserved', ({ t, email }) => {
    expectVerdict(run({ target: t, contact: { email } }), true, 'invite', {});
  });

  it.each(fine.filter((e) => /^[\x00-\x7f]*$/.test(e)))('%s on crm is not reserved', (email) => {
    expectVerdict(run({ target: 'crm', contact: { email } }), true, 'invite', {});
  });

  it.each(ALL)('@example.invalid is never blocked on %s, even with an unverified email on Zendesk', (t) => {
    const verdict = run({ target: t, contact: { email: 'noreply@example.invalid' } });
    expectVerdict(verdict, true, 'invite', { EMAIL_DOMAIN_RESERVED: 'warn' });
  });
});

// ---------------------------------------------------------------------------------------------
// EMAIL_UNVERIFIED
// ---------------------------------------------------------------------------------------------

describe('EMAIL_UNVERIFIED (block on Desk, warn on Zendesk, absent elsewhere)', () => {
  const expectedFor: Record<TargetName, Expected> = {
    desk: { EMAIL_UNVERIFIED: 'block' },
    zendesk: { EMAIL_UNVERIFIED: 'warn' },
    crm: {},
    connectExt: {},
    connectInt: {},
  };
  it.each(ALL)('emailVerified false on %s', (t) => {
    expectOutcome(run({ target: t, contact: { emailVerified: false } }), expectedFor[t]);
  });

  const notFalse: { label: string; value: boolean | undefined }[] = [
    { label: 'true', value: true },
    { label: 'absent', value: undefined },
  ];
  const negatives = ALL.flatMap((t) => notFalse.map((v) => ({ t, ...v })));
  it.each(negatives)('emailVerified $label on $t → no reason', ({ t, value }) => {
    expectVerdict(run({ target: t, contact: { emailVerified: value } }), true, 'invite', {});
  });

  it('unverified is reported with the other applicable reasons, e.g. a malformed address on Desk', () => {
    // "All applicable reasons are returned": verification is a fact about the contact, not a domain check.
    const verdict = run({ target: 'desk', contact: { email: 'ann lee@client.fr', emailVerified: false } });
    expectVerdict(verdict, false, 'none', { EMAIL_MALFORMED: 'block', EMAIL_UNVERIFIED: 'block' });
  });
});

// ---------------------------------------------------------------------------------------------
// Membership: ALREADY_MEMBER, INVITATION_PENDING, INVITATION_EXPIRED, PORTAL_USER_DEACTIVATED
// ---------------------------------------------------------------------------------------------

type Membership = NonNullable<Contact['membership']>;

describe('membership', () => {
  const invitedAges: { label: string; invitedAt: string | undefined; pending: boolean }[] = [
    { label: 'just now', invitedAt: NOW.toISOString(), pending: true },
    { label: '3 days ago', invitedAt: daysAgo(3), pending: true },
    { label: '7 days minus 1 ms ago', invitedAt: agoMs(7 * DAY_MS - 1), pending: true },
    { label: 'exactly 7 days ago', invitedAt: daysAgo(7), pending: false },
    { label: 'exactly 7 days ago, written with a +01:00 offset', invitedAt: '2025-03-03T13:00:00+01:00', pending: false },
    { label: '6 days ago, written with a -05:00 offset', invitedAt: '2025-03-04T07:00:00-05:00', pending: true },
    { label: '8 days ago', invitedAt: daysAgo(8), pending: false },
    { label: 'a year ago', invitedAt: daysAgo(365), pending: false },
    { label: 'of unknown age (no invitedAt)', invitedAt: undefined, pending: false },
    { label: 'of unknown age (unparsable invitedAt)', invitedAt: 'last week', pending: false },
  ];
  const invitedTargets = except('zendesk');
  const invitedCases = invitedTargets.flatMap((t) => invitedAges.map((a) => ({ t, ...a })));

  it.each(invitedCases)('invited $label on $t', ({ t, invitedAt, pending }) => {
    const membership: Membership = invitedAt === undefined ? { status: 'invited' } : { status: 'invited', invitedAt };
    const verdict = run({ target: t, contact: { membership } });
    if (pending) expectVerdict(verdict, false, 'none', { INVITATION_PENDING: 'info' });
    else expectVerdict(verdict, true, 'reinvite', { INVITATION_EXPIRED: 'info' });
  });

  const statuses: Membership[] = [
    { status: 'invited', invitedAt: daysAgo(3) },
    { status: 'invited', invitedAt: daysAgo(30) },
    { status: 'invited' },
    { status: 'confirmed' },
    { status: 'active' },
    { status: 'deactivated' },
  ];
  it.each(statuses)('on Zendesk any membership ($status, $invitedAt) means ALREADY_MEMBER', (membership) => {
    expectVerdict(run({ target: 'zendesk', contact: { membership } }), false, 'none', { ALREADY_MEMBER: 'info' });
  });

  const memberCases = ALL.flatMap((t) => (['confirmed', 'active'] as const).map((status) => ({ t, status })));
  it.each(memberCases)('$status on $t → ALREADY_MEMBER, not eligible, action none', ({ t, status }) => {
    expectVerdict(run({ target: t, contact: { membership: { status } } }), false, 'none', { ALREADY_MEMBER: 'info' });
  });

  it('deactivated on a CRM portal → PORTAL_USER_DEACTIVATED, not eligible, action activate', () => {
    expectVerdict(run({ target: 'crm', contact: { membership: { status: 'deactivated' } } }), false, 'activate', {
      PORTAL_USER_DEACTIVATED: 'info',
    });
  });

  it.each(except('crm'))('deactivated on %s → ALREADY_MEMBER', (t) => {
    expectVerdict(run({ target: t, contact: { membership: { status: 'deactivated' } } }), false, 'none', { ALREADY_MEMBER: 'info' });
  });

  it.each(ALL)('no membership on %s → none of the membership codes', (t) => {
    expectVerdict(run({ target: t, contact: { membership: undefined } }), true, 'invite', {});
  });

  it('a block turns the re-invite into action none (expired invitation on a deleted CRM record)', () => {
    const verdict = run({ target: 'crm', contact: { recordState: 'deleted', membership: { status: 'invited', invitedAt: daysAgo(9) } } });
    expectVerdict(verdict, false, 'none', { INVITATION_EXPIRED: 'info', RECORD_DELETED: 'block' });
  });

  it('a block turns the activation into action none (deactivated user, agent without portal.manage)', () => {
    const verdict = run({ target: 'crm', contact: { membership: { status: 'deactivated' } }, actor: { role: 'admin', permissions: ['network.admin'] } });
    expectVerdict(verdict, false, 'none', { PORTAL_USER_DEACTIVATED: 'info', NO_PORTAL_PERMISSION: 'block' });
  });

  it('a warning keeps the re-invite (expired invitation, disposable address, Desk)', () => {
    const verdict = run({ target: 'desk', contact: { email: 'x@yopmail.com', membership: { status: 'invited', invitedAt: daysAgo(10) } } });
    expectVerdict(verdict, true, 'reinvite', { INVITATION_EXPIRED: 'info', EMAIL_DISPOSABLE: 'warn' });
  });

  it('`now` is honoured, and defaults to the current time', () => {
    const realNow = new Date();
    const yesterday = { status: 'invited' as const, invitedAt: daysAgo(1, realNow) };
    const contact: Contact = { id: 'c', email: CLEAN_EMAIL, membership: yesterday };
    const input: EligibilityInput = { contact, target: TARGETS.crm, actor: AGENT };
    // default now: the real clock, one day after the invitation
    expectVerdict(evaluate(input), false, 'none', { INVITATION_PENDING: 'info' });
    // an explicit now two weeks later
    expectVerdict(evaluate(input, new Date(realNow.getTime() + 14 * DAY_MS)), true, 'reinvite', { INVITATION_EXPIRED: 'info' });
    // an explicit now in the past relative to the real clock
    const old: EligibilityInput = { ...input, contact: { ...contact, membership: { status: 'invited', invitedAt: '2020-01-01T00:00:00Z' } } };
    expectVerdict(evaluate(old, new Date('2020-01-03T00:00:00Z')), false, 'none', { INVITATION_PENDING: 'info' });
    expectVerdict(evaluate(old), true, 'reinvite', { INVITATION_EXPIRED: 'info' });
  });
});

// ---------------------------------------------------------------------------------------------
// Connect networks: ALREADY_MEMBER / IN_OTHER_INTERNAL_NETWORK / ZOHO_ACCOUNT_REQUIRED
// ---------------------------------------------------------------------------------------------

describe('internal networks: internalNetworkId', () => {
  it('the same id as the target → ALREADY_MEMBER', () => {
    expectVerdict(run({ target: 'connectInt', contact: { internalNetworkId: 'net-int' } }), false, 'none', { ALREADY_MEMBER: 'info' });
  });

  it('another id → IN_OTHER_INTERNAL_NETWORK (block)', () => {
    expectVerdict(run({ target: 'connectInt', contact: { internalNetworkId: 'net-other' } }), false, 'none', {
      IN_OTHER_INTERNAL_NETWORK: 'block',
    });
  });

  it('absent → no reason', () => {
    expectVerdict(run({ target: 'connectInt', contact: { internalNetworkId: undefined } }), true, 'invite', {});
  });

  const ignored: { t: TargetName; id: string }[] = [
    { t: 'connectExt', id: 'net-ext' },
    { t: 'connectExt', id: 'net-int' },
    { t: 'connectExt', id: 'anything' },
    { t: 'zendesk', id: 'zd-main' },
    { t: 'desk', id: 'hc-1' },
    { t: 'crm', id: 'ut-1' },
    { t: 'crm', id: 'net-int' },
  ];
  it.each(ignored)('internalNetworkId $id is ignored on $t', ({ t, id }) => {
    expectVerdict(run({ target: t, contact: { internalNetworkId: id } }), true, 'invite', {});
  });

  it('an external network without networkType is not treated as internal', () => {
    const target: Target = { kind: 'zoho_connect.network', id: 'n' };
    expectVerdict(run({ target, contact: { internalNetworkId: 'other' } }), true, 'invite', {});
  });
});

describe('ZOHO_ACCOUNT_REQUIRED (info, external network only)', () => {
  it('hasZohoAccount false on an external network → info, still eligible for invite', () => {
    expectVerdict(run({ target: 'connectExt', contact: { hasZohoAccount: false } }), true, 'invite', { ZOHO_ACCOUNT_REQUIRED: 'info' });
  });

  const negatives: { t: TargetName; has: boolean | undefined }[] = [
    { t: 'connectExt', has: true },
    { t: 'connectExt', has: undefined },
    ...except('connectExt').map((t) => ({ t, has: false })),
  ];
  it.each(negatives)('hasZohoAccount $has on $t → no reason', ({ t, has }) => {
    expectVerdict(run({ target: t, contact: { hasZohoAccount: has } }), true, 'invite', {});
  });
});

// ---------------------------------------------------------------------------------------------
// CRM record rules
// ---------------------------------------------------------------------------------------------

describe('CRM record states (block, CRM only)', () => {
  const states: [NonNullable<Contact['recordState']>, ReasonCode | undefined][] = [
    ['pending_approval', 'RECORD_PENDING_APPROVAL'],
    ['under_review', 'RECORD_UNDER_REVIEW'],
    ['deleted', 'RECORD_DELETED'],
    ['recycle_bin', 'RECORD_IN_RECYCLE_BIN'],
    ['active', undefined],
  ];
  it.each(states)('recordState %s on crm → %s', (recordState, code) => {
    const expected: Expected = code ? { [code]: 'block' } : {};
    expectOutcome(run({ target: 'crm', contact: { recordState } }), expected);
  });

  const elsewhere = except('crm').flatMap((t) => states.map(([recordState]) => ({ t, recordState })));
  it.each(elsewhere)('recordState $recordState on $t → no reason', ({ t, recordState }) => {
    expectVerdict(run({ target: t, contact: { recordState } }), true, 'invite', {});
  });
});

describe('CONSENT_MISSING (block, CRM, needs consentRequired === true and consent === missing)', () => {
  const table: { required: boolean | undefined; consent: Contact['consent']; blocks: boolean }[] = [
    { required: true, consent: 'missing', blocks: true },
    { required: true, consent: 'given', blocks: false },
    { required: true, consent: 'not_required', blocks: false },
    { required: true, consent: undefined, blocks: false },
    { required: false, consent: 'missing', blocks: false },
    { required: undefined, consent: 'missing', blocks: false },
    { required: undefined, consent: undefined, blocks: false },
  ];
  it.each(table)('crm, consentRequired $required, consent $consent', ({ required, consent, blocks }) => {
    const verdict = run({ target: targetOf('crm', { consentRequired: required }), contact: { consent } });
    expectOutcome(verdict, blocks ? { CONSENT_MISSING: 'block' } : {});
  });

  it.each(except('crm'))('consentRequired true and consent missing on %s → no reason', (t) => {
    expectVerdict(run({ target: targetOf(t, { consentRequired: true }), contact: { consent: 'missing' } }), true, 'invite', {});
  });
});

// ---------------------------------------------------------------------------------------------
// Company domains: COMPANY_DOMAIN (CRM) and INTERNAL_DOMAIN_MISMATCH (internal network)
// ---------------------------------------------------------------------------------------------

describe('COMPANY_DOMAIN (block, CRM) and INTERNAL_DOMAIN_MISMATCH (block, internal network)', () => {
  const table: { domains: string[]; email: string; inCompany: boolean }[] = [
    { domains: ['acme.com'], email: 'bob@acme.com', inCompany: true },
    { domains: ['acme.com'], email: 'bob@eu.acme.com', inCompany: true },
    { domains: ['acme.com'], email: 'bob@a.b.acme.com', inCompany: true },
    { domains: ['acme.com'], email: 'Bob@ACME.COM', inCompany: true },
    { domains: ['ACME.com'], email: 'bob@acme.com', inCompany: true },
    { domains: ['@acme.com'], email: 'bob@acme.com', inCompany: true },
    { domains: ['@Acme.com'], email: 'bob@sales.acme.com', inCompany: true },
    { domains: ['acme.fr', 'acme.com'], email: 'bob@acme.com', inCompany: true },
    { domains: ['bücher.de'], email: 'anna@xn--bcher-kva.de', inCompany: true },
    { domains: ['bücher.de'], email: 'anna@shop.xn--bcher-kva.de', inCompany: true },
    { domains: ['xn--bcher-kva.de'], email: 'anna@bücher.de', inCompany: true },
    { domains: ['BÜCHER.de'], email: 'anna@Bücher.DE', inCompany: true },
    { domains: ['acme.com'], email: 'bob@notacme.com', inCompany: false },
    { domains: ['acme.com'], email: 'bob@acme.com.evil.io', inCompany: false },
    { domains: ['acme.com'], email: 'bob@acme.co', inCompany: false },
    { domains: ['acme.com'], email: 'bob@client.fr', inCompany: false },
    { domains: ['acme.com'], email: 'acme.com@client.fr', inCompany: false },
    { domains: ['eu.acme.com'], email: 'bob@acme.com', inCompany: false },
    { domains: ['bücher.de'], email: 'anna@bucher.de', inCompany: false },
  ];
  const nonAscii = (s: string) => /[^\x00-\x7f]/.test(s);

  it.each(table)('crm: $email with company domains $domains', ({ domains, email, inCompany }) => {
    const expected: Expected = {};
    if (inCompany) expected.COMPANY_DOMAIN = 'block';
    if (nonAscii(email)) expected.EMAIL_UNSUPPORTED_CHARACTERS = 'block';
    expectOutcome(run({ target: targetOf('crm', { companyDomains: domains }), contact: { email } }), expected);
  });

  it.each(table)('internal network: $email with company domains $domains', ({ domains, email, inCompany }) => {
    const expected: Expected = inCompany ? {} : { INTERNAL_DOMAIN_MISMATCH: 'block' };
    expectOutcome(run({ target: targetOf('connectInt', { companyDomains: domains }), contact: { email } }), expected);
  });

  const elsewhere = (['zendesk', 'desk', 'connectExt'] as const).flatMap((t) => table.map((row) => ({ t, ...row })));
  it.each(elsewhere)('$t ignores company domains ($email, $domains)', ({ t, domains, email }) => {
    expectVerdict(run({ target: targetOf(t, { companyDomains: domains }), contact: { email } }), true, 'invite', {});
  });

  const skipped: { t: TargetName; domains: string[] | undefined }[] = [
    { t: 'crm', domains: undefined },
    { t: 'crm', domains: [] },
    { t: 'connectInt', domains: undefined },
    { t: 'connectInt', domains: [] },
  ];
  it.each(skipped)('$t with companyDomains $domains skips the domain rules', ({ t, domains }) => {
    for (const email of ['bob@acme.com', 'bob@gmail.com']) {
      expectVerdict(run({ target: targetOf(t, { companyDomains: domains }), contact: { email } }), true, 'invite', {});
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Actor rules: NOT_NETWORK_ADMIN, NO_PORTAL_PERMISSION, NOT_AN_AGENT; target rule HELP_CENTER_DISABLED
// ---------------------------------------------------------------------------------------------

describe('NOT_NETWORK_ADMIN (block, external network)', () => {
  const table: { actor: Actor; blocks: boolean }[] = [
    { actor: { role: 'agent' }, blocks: false },
    { actor: { role: 'admin' }, blocks: false },
    { actor: { role: 'end_user' }, blocks: false },
    { actor: { role: 'agent', permissions: [] }, blocks: true },
    { actor: { role: 'admin', permissions: [] }, blocks: true },
    { actor: { role: 'agent', permissions: ['network.add_users'] }, blocks: false },
    { actor: { role: 'agent', permissions: ['network.admin'] }, blocks: false },
    { actor: { role: 'end_user', permissions: ['network.add_users'] }, blocks: false },
    { actor: { role: 'admin', permissions: ['portal.manage'] }, blocks: true },
    { actor: { role: 'agent', permissions: ['network.view', 'portal.manage'] }, blocks: true },
  ];
  it.each(table)('external network, actor $actor.role with permissions $actor.permissions', ({ actor, blocks }) => {
    expectOutcome(run({ target: 'connectExt', actor }), blocks ? { NOT_NETWORK_ADMIN: 'block' } : {});
  });

  it.each(['connectInt', 'zendesk', 'desk'] as const)('permissions [] on %s → no NOT_NETWORK_ADMIN', (t) => {
    expectVerdict(run({ target: t, actor: { role: 'agent', permissions: [] } }), true, 'invite', {});
  });

  it('permissions [] on CRM → NO_PORTAL_PERMISSION, not NOT_NETWORK_ADMIN', () => {
    expectVerdict(run({ target: 'crm', actor: { role: 'agent', permissions: [] } }), false, 'none', { NO_PORTAL_PERMISSION: 'block' });
  });
});

describe('NO_PORTAL_PERMISSION (block, CRM)', () => {
  const table: { actor: Actor; blocks: boolean }[] = [
    { actor: { role: 'agent' }, blocks: false },
    { actor: { role: 'admin' }, blocks: false },
    { actor: { role: 'end_user' }, blocks: false },
    { actor: { role: 'agent', permissions: [] }, blocks: true },
    { actor: { role: 'admin', permissions: [] }, blocks: true },
    { actor: { role: 'agent', permissions: ['portal.manage'] }, blocks: false },
    { actor: { role: 'admin', permissions: ['network.admin', 'network.add_users'] }, blocks: true },
    { actor: { role: 'admin', permissions: ['network.admin', 'portal.manage'] }, blocks: false },
  ];
  it.each(table)('crm, actor $actor.role with permissions $actor.permissions', ({ actor, blocks }) => {
    expectOutcome(run({ target: 'crm', actor }), blocks ? { NO_PORTAL_PERMISSION: 'block' } : {});
  });

  it.each(['zendesk', 'desk', 'connectInt'] as const)('an admin without portal.manage on %s → no reason', (t) => {
    expectVerdict(run({ target: t, actor: { role: 'admin', permissions: ['network.admin'] } }), true, 'invite', {});
  });
});

describe('NOT_AN_AGENT (block, Zendesk)', () => {
  const table: { actor: Actor; blocks: boolean }[] = [
    { actor: { role: 'end_user' }, blocks: true },
    { actor: { role: 'end_user', permissions: ['portal.manage', 'network.admin'] }, blocks: true },
    { actor: { role: 'agent' }, blocks: false },
    { actor: { role: 'admin' }, blocks: false },
    { actor: { role: 'agent', permissions: [] }, blocks: false },
  ];
  it.each(table)('zendesk, actor $actor.role with permissions $actor.permissions', ({ actor, blocks }) => {
    expectOutcome(run({ target: 'zendesk', actor }), blocks ? { NOT_AN_AGENT: 'block' } : {});
  });

  it.each(except('zendesk'))('an end_user actor on %s never gets NOT_AN_AGENT', (t) => {
    const actor: Actor = { role: 'end_user', permissions: ['portal.manage', 'network.admin'] };
    expectVerdict(run({ target: t, actor }), true, 'invite', {});
  });
});

describe('HELP_CENTER_DISABLED (block, Desk)', () => {
  const table: { status: Target['status']; blocks: boolean }[] = [
    { status: 'disabled', blocks: true },
    { status: 'active', blocks: false },
    { status: undefined, blocks: false },
  ];
  it.each(table)('desk with status $status', ({ status, blocks }) => {
    expectOutcome(run({ target: targetOf('desk', { status }) }), blocks ? { HELP_CENTER_DISABLED: 'block' } : {});
  });

  it.each(except('desk'))('status disabled on %s → no reason', (t) => {
    expectVerdict(run({ target: targetOf(t, { status: 'disabled' }) }), true, 'invite', {});
  });
});

// ---------------------------------------------------------------------------------------------
// LICENSE_LIMIT in a single evaluation
// ---------------------------------------------------------------------------------------------

describe('LICENSE_LIMIT (block, CRM and external Connect, only for a contact that would take a seat)', () => {
  const table: { t: TargetName; seats: { used: number; limit: number }; blocks: boolean }[] = [
    { t: 'crm', seats: { used: 10, limit: 10 }, blocks: true },
    { t: 'crm', seats: { used: 11, limit: 10 }, blocks: true },
    { t: 'crm', seats: { used: 0, limit: 0 }, blocks: true },
    { t: 'crm', seats: { used: 9, limit: 10 }, blocks: false },
    { t: 'crm', seats: { used: 0, limit: 10_000 }, blocks: false },
    { t: 'connectExt', seats: { used: 5, limit: 5 }, blocks: true },
    { t: 'connectExt', seats: { used: 7, limit: 5 }, blocks: true },
    { t: 'connectExt', seats: { used: 4, limit: 5 }, blocks: false },
    { t: 'connectInt', seats: { used: 5, limit: 5 }, blocks: false },
    { t: 'connectInt', seats: { used: 9, limit: 5 }, blocks: false },
    { t: 'desk', seats: { used: 5, limit: 5 }, blocks: false },
    { t: 'zendesk', seats: { used: 5, limit: 5 }, blocks: false },
  ];
  it.each(table)('$t with seats $seats.used/$seats.limit', ({ t, seats, blocks }) => {
    expectOutcome(run({ target: targetOf(t, { seats }) }), blocks ? { LICENSE_LIMIT: 'block' } : {});
  });

  const FULL = { used: 10, limit: 10 };
  const noSeatNeeded: { label: string; t: TargetName; contact: Partial<Contact>; actor?: Actor; expected: Expected; action: Action }[] = [
    { label: 'already member (crm)', t: 'crm', contact: { membership: { status: 'active' } }, expected: { ALREADY_MEMBER: 'info' }, action: 'none' },
    {
      label: 'pending invitation (crm)',
      t: 'crm',
      contact: { membership: { status: 'invited', invitedAt: daysAgo(2) } },
      expected: { INVITATION_PENDING: 'info' },
      action: 'none',
    },
    { label: 'blocked record (crm)', t: 'crm', contact: { recordState: 'deleted' }, expected: { RECORD_DELETED: 'block' }, action: 'none' },
    { label: 'missing email (crm)', t: 'crm', contact: { email: undefined }, expected: { EMAIL_MISSING: 'block' }, action: 'none' },
    {
      label: 'disposable address (crm block)',
      t: 'crm',
      contact: { email: 'x@mailinator.com' },
      expected: { EMAIL_DISPOSABLE: 'block' },
      action: 'none',
    },
    {
      label: 'agent not network admin (external)',
      t: 'connectExt',
      contact: {},
      actor: { role: 'agent', permissions: [] },
      expected: { NOT_NETWORK_ADMIN: 'block' },
      action: 'none',
    },
    { label: 'already member (external)', t: 'connectExt', contact: { membership: { status: 'confirmed' } }, expected: { ALREADY_MEMBER: 'info' }, action: 'none' },
  ];
  it.each(noSeatNeeded)('no LICENSE_LIMIT when no seat would be taken: $label', ({ t, contact, actor, expected, action }) => {
    const verdict = run({ target: targetOf(t, { seats: FULL }), contact, actor });
    expectVerdict(verdict, false, action, expected);
  });

  const seatTakers: { label: string; t: TargetName; contact: Partial<Contact>; expected: Expected }[] = [
    {
      label: 're-invite (crm)',
      t: 'crm',
      contact: { membership: { status: 'invited', invitedAt: daysAgo(8) } },
      expected: { INVITATION_EXPIRED: 'info', LICENSE_LIMIT: 'block' },
    },
    {
      label: 'activation (crm)',
      t: 'crm',
      contact: { membership: { status: 'deactivated' } },
      expected: { PORTAL_USER_DEACTIVATED: 'info', LICENSE_LIMIT: 'block' },
    },
    {
      label: 'warned invite (external, disposable)',
      t: 'connectExt',
      contact: { email: 'x@yopmail.com' },
      expected: { EMAIL_DISPOSABLE: 'warn', LICENSE_LIMIT: 'block' },
    },
    {
      label: 're-invite (external, unknown age)',
      t: 'connectExt',
      contact: { membership: { status: 'invited' }, hasZohoAccount: false },
      expected: { INVITATION_EXPIRED: 'info', ZOHO_ACCOUNT_REQUIRED: 'info', LICENSE_LIMIT: 'block' },
    },
  ];
  it.each(seatTakers)('LICENSE_LIMIT when a seat would be taken: $label', ({ t, contact, expected }) => {
    expectVerdict(run({ target: targetOf(t, { seats: FULL }), contact }), false, 'none', expected);
  });
});

// ---------------------------------------------------------------------------------------------
// All applicable reasons, not only the first
// ---------------------------------------------------------------------------------------------

describe('all applicable reasons are returned', () => {
  const table: { label: string; target: Target; contact: Partial<Contact>; actor: Actor; eligible: boolean; action: Action; expected: Expected }[] = [
    {
      label: 'CRM: characters, disposable, company domain, record, consent, permission',
      target: { kind: 'zoho_crm.portal', id: 'ut', companyDomains: ['mailinator.com'], consentRequired: true, seats: { used: 5, limit: 5 } },
      contact: { email: 'josé@mailinator.com', recordState: 'under_review', consent: 'missing' },
      actor: { role: 'admin', permissions: [] },
      eligible: false,
      action: 'none',
      expected: {
        EMAIL_UNSUPPORTED_CHARACTERS: 'block',
        EMAIL_DISPOSABLE: 'block',
        COMPANY_DOMAIN: 'block',
        RECORD_UNDER_REVIEW: 'block',
        CONSENT_MISSING: 'block',
        NO_PORTAL_PERMISSION: 'block',
      },
    },
    {
      label: 'Desk: reserved, unverified, disabled, pending',
      target: { kind: 'zoho_desk.help_center', id: 'hc', status: 'disabled' },
      contact: { email: 'x@example.invalid', emailVerified: false, membership: { status: 'invited', invitedAt: daysAgo(3) } },
      actor: AGENT,
      eligible: false,
      action: 'none',
      expected: { EMAIL_DOMAIN_RESERVED: 'warn', EMAIL_UNVERIFIED: 'block', HELP_CENTER_DISABLED: 'block', INVITATION_PENDING: 'info' },
    },
    {
      label: 'Zendesk: end user actor, unverified, disposable, existing user',
      target: { kind: 'zendesk.end_user', id: 'zd' },
      contact: { email: 'x@sub.mailinator.com', emailVerified: false, membership: { status: 'active' } },
      actor: { role: 'end_user' },
      eligible: false,
      action: 'none',
      expected: { NOT_AN_AGENT: 'block', EMAIL_UNVERIFIED: 'warn', EMAIL_DISPOSABLE: 'warn', ALREADY_MEMBER: 'info' },
    },
    {
      label: 'Zendesk: only warnings → still invited',
      target: { kind: 'zendesk.end_user', id: 'zd' },
      contact: { email: 'x@yopmail.com', emailVerified: false },
      actor: AGENT,
      eligible: true,
      action: 'invite',
      expected: { EMAIL_UNVERIFIED: 'warn', EMAIL_DISPOSABLE: 'warn' },
    },
    {
      label: 'Connect external: not admin, no Zoho account, expired, reserved',
      target: { kind: 'zoho_connect.network', id: 'n', networkType: 'external', seats: { used: 0, limit: 5 } },
      contact: { email: 'x@client.test', hasZohoAccount: false, membership: { status: 'invited', invitedAt: daysAgo(8) } },
      actor: { role: 'admin', permissions: [] },
      eligible: false,
      action: 'none',
      expected: { NOT_NETWORK_ADMIN: 'block', ZOHO_ACCOUNT_REQUIRED: 'info', INVITATION_EXPIRED: 'info', EMAIL_DOMAIN_RESERVED: 'warn' },
    },
    {
      label: 'Connect internal: domain mismatch and another internal network',
      target: { kind: 'zoho_connect.network', id: 'n', networkType: 'internal', companyDomains: ['acme.com'] },
      contact: { email: 'bob@gmail.com', internalNetworkId: 'other' },
      actor: AGENT,
      eligible: false,
      action: 'none',
      expected: { INTERNAL_DOMAIN_MISMATCH: 'block', IN_OTHER_INTERNAL_NETWORK: 'block' },
    },
    {
      label: 'Connect internal: already member with a company address',
      target: { kind: 'zoho_connect.network', id: 'n', networkType: 'internal', companyDomains: ['acme.com'] },
      contact: { email: 'bob@eu.acme.com', internalNetworkId: 'n' },
      actor: AGENT,
      eligible: false,
      action: 'none',
      expected: { ALREADY_MEMBER: 'info' },
    },
    {
      label: 'CRM: record in recycle bin with an expired invitation and a reserved domain',
      target: { kind: 'zoho_crm.portal', id: 'ut' },
      contact: { email: 'x@example.com', recordState: 'recycle_bin', membership: { status: 'invited' } },
      actor: { role: 'agent', permissions: ['portal.manage'] },
      eligible: false,
      action: 'none',
      expected: { EMAIL_DOMAIN_RESERVED: 'warn', RECORD_IN_RECYCLE_BIN: 'block', INVITATION_EXPIRED: 'info' },
    },
  ];
  it.each(table)('$label', ({ target, contact, actor, eligible, action, expected }) => {
    expectVerdict(run({ target, contact, actor }), eligible, action, expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------------------------

describe('REASON_TEXTS', () => {
  it('covers exactly the reason codes of the model', () => {
    expect(Object.keys(REASON_TEXTS).sort()).toEqual([...ReasonCode.options].sort());
  });

  it.each(ReasonCode.options)('%s has non-empty English and French texts that differ', (code) => {
    const texts = REASON_TEXTS[code];
    expect(texts).toBeDefined();
    const { en, fr } = texts;
    for (const text of [en.title, en.help, fr.title, fr.help]) {
      expect(typeof text).toBe('string');
      expect(text.trim().length).toBeGreaterThan(0);
    }
    expect(fr.title).not.toBe(en.title);
    expect(fr.help).not.toBe(en.help);
  });

  it('no two codes share an English or a French title', () => {
    const en = ReasonCode.options.map((c) => REASON_TEXTS[c].en.title);
    const fr = ReasonCode.options.map((c) => REASON_TEXTS[c].fr.title);
    expect(new Set(en).size).toBe(en.length);
    expect(new Set(fr).size).toBe(fr.length);
  });
});
