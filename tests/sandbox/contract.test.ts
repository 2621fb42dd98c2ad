import { beforeAll, describe, expect, it } from 'vitest';
import { matchOperation, validateResponse } from './contract';
import { LISTING_OPERATIONS, PAGE_OPERATIONS, PORTIER_OPERATIONS, CRM_PORTAL_USERS, DESK_CONTACT, ZENDESK_SPEC } from './contract/operations';
import { compileSpec } from './contract/validator';
import { appliedPatches, SPEC_PATCHES } from './contract/patches';
import { javaRegExp } from './contract/normalize';
import { CONNECT_SPEC } from './contract';

/** common.json is read through the files that refer to it (it holds no operation of its own). */
const compiledAs = (spec: string) => (spec === 'zoho-crm/common.json' ? 'zoho-crm/portal_user_type.json' : spec);
const SPECS = [...new Set([
  ...[...PORTIER_OPERATIONS, ...PAGE_OPERATIONS, ...LISTING_OPERATIONS].flatMap((op) => [op.spec, ...(op.also ?? [])]),
  ...SPEC_PATCHES.map((p) => compiledAs(p.spec)),
  DESK_CONTACT, CRM_PORTAL_USERS, ZENDESK_SPEC,
])].filter((spec) => spec !== CONNECT_SPEC);

// Each OpenAPI file is parsed, bundled and compiled once, here, with a bound that a busy machine
// cannot reach (the Zendesk file alone takes seconds): no test pays for it inside its own timeout.
beforeAll(async () => {
  for (const spec of SPECS) await compileSpec(spec);
}, 120_000);

describe('the endpoints Portier uses are in the vendors’ specs', () => {
  it.each([...PORTIER_OPERATIONS, ...PAGE_OPERATIONS, ...LISTING_OPERATIONS].flatMap((op) => [op.spec, ...(op.also ?? [])].map((spec) => [op.method, op.path, spec] as const)))(
    '%s %s in %s',
    async (method, path, spec) => {
      const match = await matchOperation(spec, method, path.replace(/\{[^}]+\}/g, '1234'));
      expect(match.statuses.length).toBeGreaterThan(0);
    },
  );

  it('fails clearly for an operation a spec does not have', async () => {
    await expect(matchOperation(ZENDESK_SPEC, 'POST', '/api/v2/users/invite')).rejects.toThrow(/is not an operation of zendesk/);
    await expect(matchOperation(DESK_CONTACT, 'DELETE', '/api/v1/contacts/1/inviteAsEndUser')).rejects.toThrow(/not an operation/);
  });
});

describe('the contract check bites', () => {
  it('rejects a body outside the operation’s schema', async () => {
    const bad = { job_status: { id: 'x', status: 'completed', results: [{ id: 'not-an-integer', index: 0 }] } };
    await expect(validateResponse(ZENDESK_SPEC, 'GET', '/api/v2/job_statuses/x', 200, bad)).rejects.toThrow(/body outside the schema/);
    await expect(validateResponse(DESK_CONTACT, 'POST', '/api/v1/contacts/inviteAsEndUser', 200, { results: [{ success: true, id: '1' }] }))
      .rejects.toThrow(/errors/);
  });

  it('rejects a status neither declared nor documented, and a body where none is declared', async () => {
    await expect(validateResponse(ZENDESK_SPEC, 'GET', '/api/v2/brands', 418, {})).rejects.toThrow(/neither in the spec nor documented/);
    await expect(validateResponse(DESK_CONTACT, 'POST', '/api/v1/contacts/1/inviteAsEndUser', 204, { ok: true })).rejects.toThrow(/empty 204/);
  });

  it('says when a documented answer stands in for a status the spec does not declare', async () => {
    const body = { error: 'RecordInvalid', description: 'Record validation errors', details: { email: [{ error: 'DuplicateValue', description: 'x' }] } };
    const result = await validateResponse(ZENDESK_SPEC, 'POST', '/api/v2/users', 422, body);
    expect(result).toMatchObject({ source: 'documented', operationId: 'CreateUser' });
    expect(result.note).toContain('NOTES.md');
  });

  it('keeps Zoho Desk’s closed objects closed after joining their allOf branches', async () => {
    const path = '/api/v1/contacts/1/helpCenters';
    const ok = { data: [{ helpCenter: { id: '1', name: 'Aide générale', url: 'https://x.y/portal', status: 'ACTIVE' }, userStatus: 'ACTIVE', userId: '2' }] };
    await validateResponse(DESK_CONTACT, 'GET', path, 200, ok);
    const extra = { data: [{ ...ok.data[0], surprise: true }] };
    await expect(validateResponse(DESK_CONTACT, 'GET', path, 200, extra)).rejects.toThrow(/additional|unevaluated/);
  });

  it('reads Desk’s Java patterns: non-ASCII letters allowed, ASCII punctuation escapes accepted', () => {
    const name = javaRegExp('^[0-9a-zA-Z\\!\\$\\|\\%&amp;\\#\\-\\*\\+\\,\\^\\_\\`\\~\\s\\.\\P{InBasicLatin}]+$', '');
    expect(name.test('Aide Générale')).toBe(true);
    expect(name.test('Bad <name>')).toBe(false);
  });

  it('applies every documented spec patch', async () => {
    for (const spec of new Set(SPEC_PATCHES.map((p) => p.spec))) {
      await compileSpec(compiledAs(spec));
    }
    expect(appliedPatches()).toHaveLength(SPEC_PATCHES.length);
  });

  it('records the references the stored files cannot resolve (SOURCES.md D4, C1)', async () => {
    const desk = await compileSpec(DESK_CONTACT);
    expect(desk.unresolved).toContain('MassActionError.json#/components/schemas/massActionErrorResponse');
    const crm = await compileSpec(CRM_PORTAL_USERS);
    expect(crm.unresolved).toEqual([]);
  });
});
