import { describe, expect, it } from 'vitest';
import { StoppedBeforeSendError, VendorResponseError, type VendorRequest, type VendorResponse } from '../../../core/vendors/http';
import { createOneByOne, planCreates, planForJob, pollCreateMany, type InviteContext } from '../../../core/vendors/zendesk/invite';
import { isVerified, requestVerification } from '../../../core/vendors/zendesk/verification';
import { outsideContact } from './sandbox-helpers';

/**
 * Answers the OAS allows that the sandbox does not give (support-oas.yaml): a fake `call` that
 * parses each answer with the request's schema and fails the way http.ts does on a shape it refuses.
 */
/** An answer for fakeCall: Zendesk's 404 (RecordNotFound), as for a job status past its day. */
const NOT_FOUND = Symbol('404');

function fakeCall(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const call = async <T,>(req: VendorRequest<T>): Promise<VendorResponse<T>> => {
    calls.push(`${req.method} ${req.path}`);
    const body = answers[`${req.method} ${req.path}`];
    if (body === NOT_FOUND) {
      if (!req.accept?.includes(404)) throw new Error(`${req.endpoint} does not accept a 404`);
      return { status: 404, data: undefined, headers: new Headers() };
    }
    if (!req.schema) return { status: 200, data: undefined, headers: new Headers() };
    const parsed = req.schema.safeParse(body);
    if (!parsed.success) throw new VendorResponseError('zendesk', req.endpoint, `the answer does not have the documented shape (${parsed.error.issues[0]?.path.join('.')})`);
    return { status: 200, data: parsed.data, headers: new Headers() };
  };
  return { call, calls };
}

const identities = (...list: unknown[]) => ({ 'GET api/v2/users/1/identities': { identities: list } });

describe('Zendesk identities as UserIdentityObject describes them', () => {
  it('reads an identity without the deprecated `verified`: verification_method "full" is verified, no email is sent', async () => {
    const { call, calls } = fakeCall(identities({ user_id: 1, id: 2, type: 'email', value: 'a@b.c', primary: true, verification_method: 'full' }));
    expect(await requestVerification(call, '1')).toEqual({ status: 'already_verified', email: 'a@b.c' });
    expect(calls).toEqual(['GET api/v2/users/1/identities']);
  });

  it('"none" asks for the email; low, sso and embed are verified (verified=true in Zendesk’s mapping), and `verified: true` still counts', async () => {
    const { call, calls } = fakeCall(identities({ user_id: 1, id: 2, type: 'email', value: 'a@b.c', primary: true, verification_method: 'none' }));
    expect(await requestVerification(call, '1')).toEqual({ status: 'sent', email: 'a@b.c', identityId: '2' });
    expect(calls).toEqual(['GET api/v2/users/1/identities', 'PUT api/v2/users/1/identities/2/request_verification']);
    for (const method of ['low', 'sso', 'embed', 'full']) expect(isVerified({ verification_method: method })).toBe(true);
    expect(isVerified({ verification_method: 'none' })).toBe(false);
    expect(isVerified({ verified: true })).toBe(true);
    expect(isVerified({ verified: false, verification_method: null })).toBe(false);
    expect(isVerified({ verification_method: 'some_later_value' })).toBe(false);
  });

  it('an identity without `id` or `primary` is read; one without an id is never put into a path', async () => {
    // Only user_id, type and value are required by the spec.
    const noId = fakeCall(identities({ user_id: 1, type: 'email', value: 'a@b.c', primary: true, verification_method: 'none' }));
    expect(await requestVerification(noId.call, '1')).toMatchObject({ status: 'failed', code: 'VENDOR_ERROR' });
    expect(noId.calls).toEqual(['GET api/v2/users/1/identities']);
    // No primary flag anywhere: the address that has an id is the one asked for.
    const noPrimary = fakeCall(identities(
      { user_id: 1, type: 'email', value: 'first@b.c' },
      { user_id: 1, id: 7, type: 'email', value: 'second@b.c' },
      { user_id: 1, id: 8, type: 'phone_number', value: '+1 555' },
    ));
    expect(await requestVerification(noPrimary.call, '1')).toEqual({ status: 'sent', email: 'second@b.c', identityId: '7' });
    // A verified address needs no id to be reported as verified.
    const verifiedNoId = fakeCall(identities({ user_id: 1, type: 'email', value: 'a@b.c', verification_method: 'sso' }));
    expect(await requestVerification(verifiedNoId.call, '1')).toEqual({ status: 'already_verified', email: 'a@b.c' });
  });
});

describe('Zendesk job status `results` as JobStatusObject describes it (oneOf array | {success})', () => {
  const contacts = [outsideContact('made', 'made@fabrikam.com', 'Made'), outsideContact('lost', 'lost@fabrikam.com', 'Lost')];
  const ctx = (call: InviteContext['call'], searched: string[] = []): InviteContext => ({
    call,
    userExists: async (email) => (searched.push(email), email === 'made@fabrikam.com'),
    ledger: new Set(),
    verifyEmail: true,
  });

  // `{success}` names no item: Zendesk may have made any of them, and its search may not show them
  // yet (minutes), so the engine reconciles them after the lag; nothing is searched here.
  it('a failed job answering {success: false} gives no outcome for its items, and searches nothing', async () => {
    const { call } = fakeCall({ 'GET api/v2/job_statuses/job1': { job_status: { id: 'job1', status: 'failed', total: 2, progress: 1, message: 'Boom', results: { success: false } } } });
    const searched: string[] = [];
    const c = ctx(call, searched);
    expect(await pollCreateMany(c, planForJob(contacts, undefined), contacts, 'job1')).toEqual({ kind: 'done', outcomes: [] });
    expect(searched).toEqual([]);
    // May have been made: a resend Zendesk refuses as a duplicate is this job's own invitation.
    expect([...c.ledger]).toEqual(['made@fabrikam.com', 'lost@fabrikam.com']);
  });

  it('a completed job answering {success: true} is left to the engine the same way', async () => {
    const { call } = fakeCall({ 'GET api/v2/job_statuses/job2': { job_status: { id: 'job2', status: 'completed', total: 2, progress: 2, results: { success: true } } } });
    expect(await pollCreateMany(ctx(call), planForJob(contacts, undefined), contacts, 'job2')).toEqual({ kind: 'done', outcomes: [] });
  });
});

describe('Zendesk job results are matched by `index`; one that cannot be matched settles nothing', () => {
  const contacts = ['zero', 'one', 'two'].map((n) => outsideContact(n, `${n}@fabrikam.com`, n));
  async function polled(results: unknown, total: number | null = 3) {
    const { call } = fakeCall({ 'GET api/v2/job_statuses/j': { job_status: { id: 'j', status: 'completed', total, progress: total, results } } });
    const searched: string[] = [];
    const c: InviteContext = { call, userExists: async (email) => (searched.push(email), false), ledger: new Set(), verifyEmail: true };
    const result = await pollCreateMany(c, planForJob(contacts, undefined), contacts, 'j');
    if (result.kind !== 'done') throw new Error('the job is over');
    return { outcomes: result.outcomes.map((o) => [o.contactId, o.result.status]), results: result.outcomes, searched, ledger: [...c.ledger] };
  }

  it('well-formed results map by index, out of order, a failed one by its `id` (KB sample)', async () => {
    const { outcomes, results, searched } = await polled([
      { id: 13, index: 2, status: 'Created' },
      { id: 1, action: 'create', success: false, error: 'UserCreateError', details: 'Email: one@fabrikam is not properly formatted' },
      { id: 11, index: 0, status: 'Created' },
    ]);
    expect(outcomes).toEqual([['zero', 'invited'], ['one', 'failed'], ['two', 'invited']]);
    expect(results[1]?.result).toMatchObject({ code: 'EMAIL_MALFORMED' });
    expect(searched).toEqual([]);
  });

  it('a duplicate index: neither claimant is trusted, and the item nobody named is not failed', async () => {
    const { outcomes, searched, ledger } = await polled([{ id: 11, index: 0, status: 'Created' }, { id: 12, index: 0, status: 'Created' }, { id: 13, index: 2, status: 'Created' }]);
    expect(outcomes).toEqual([['two', 'invited']]);
    expect(searched).toEqual([]);
    expect(ledger).toEqual(expect.arrayContaining(['zero@fabrikam.com', 'one@fabrikam.com']));
  });

  it('a missing index: the result is not matched by its position', async () => {
    const { outcomes, searched } = await polled([{ id: 11, index: 0, status: 'Created' }, { id: 12, status: 'Created' }, { id: 13, index: 2, status: 'Created' }]);
    expect(outcomes).toEqual([['zero', 'invited'], ['two', 'invited']]);
    expect(searched).toEqual([]);
  });

  it('an out-of-range index names no item: the one left without a result gets no outcome', async () => {
    const { outcomes } = await polled([{ id: 11, index: 0, status: 'Created' }, { id: 12, index: 7, status: 'Created' }, { id: 13, index: 2, status: 'Created' }]);
    expect(outcomes).toEqual([['zero', 'invited'], ['two', 'invited']]);
    // A failed result whose `id` (a would-be index) is out of range names nobody either.
    const failedFar = await polled([{ id: 11, index: 0, status: 'Created' }, { id: 9, success: false, error: 'UserCreateError', details: 'Boom' }, { id: 13, index: 2, status: 'Created' }]);
    expect(failedFar.outcomes).toEqual([['zero', 'invited'], ['two', 'invited']]);
  });

  it('a `total` other than the items: indexes are not trusted, addresses still are', async () => {
    expect((await polled([{ id: 11, index: 0 }, { id: 12, index: 1 }, { id: 13, index: 2 }], 4)).outcomes).toEqual([]);
    const named = await polled([{ id: 12, index: 0, email: 'One@Fabrikam.com' }], 4);
    expect(named.outcomes).toEqual([['one', 'invited']]);
  });

  it('a result at an index that names another item’s address is not taken for this one', async () => {
    const { outcomes } = await polled([{ id: 11, index: 0, email: 'two@fabrikam.com' }, { id: 12, index: 1, email: 'one@fabrikam.com' }]);
    expect(outcomes).toEqual([['one', 'invited'], ['two', 'invited']]);
  });

  it('a job status Zendesk answers 404 for gives no outcome: the engine reconciles its items', async () => {
    const { call, calls } = fakeCall({ 'GET api/v2/job_statuses/gone': NOT_FOUND });
    const searched: string[] = [];
    const c: InviteContext = { call, userExists: async (email) => (searched.push(email), false), ledger: new Set(), verifyEmail: true };
    const withRefused = [...contacts, outsideContact('none', undefined, 'Nobody')];
    const result = await pollCreateMany(c, planForJob(withRefused, undefined), withRefused, 'gone');
    // Only the contact refused before any call has an outcome; none of the three is failed.
    expect(result.kind === 'done' && result.outcomes.map((o) => [o.contactId, o.result.status])).toEqual([['none', 'failed']]);
    expect(calls).toEqual(['GET api/v2/job_statuses/gone']);
    expect(searched).toEqual([]);
    expect([...c.ledger]).toEqual(contacts.map((x) => x.email));
  });
});

describe('Zendesk one-by-one creates stopped by the caller', () => {
  const contacts = [outsideContact('one', 'one@fabrikam.com', 'One'), outsideContact('two', 'two@fabrikam.com', 'Two'), outsideContact('three', 'three@fabrikam.com', 'Three')];
  /** The first create leaves and is made; the throttle stops the second before it leaves. */
  function stoppedAtSecond(why: 'cancelled' | 'lease_lost') {
    let creates = 0;
    return (async () => {
      if (++creates === 1) return { status: 201, body: { user: { id: 1, email: 'one@fabrikam.com' } } };
      throw new StoppedBeforeSendError('stopped before the request', why);
    }) as unknown as InviteContext['call'];
  }

  it('a lost lease: the call stops, and the create that never left is not kept as possibly made (a later duplicate reads "already a member")', async () => {
    const ledger = new Set<string>();
    await expect(createOneByOne({ call: stoppedAtSecond('lease_lost'), userExists: async () => false, ledger, verifyEmail: true }, planCreates(contacts))).rejects.toBeInstanceOf(StoppedBeforeSendError);
    expect([...ledger]).toEqual(['one@fabrikam.com']);
  });

  it('a cancel: the first is answered, the two never sent have no result, and nothing is kept for them', async () => {
    const ledger = new Set<string>();
    const plan = planCreates(contacts);
    expect(await createOneByOne({ call: stoppedAtSecond('cancelled'), userExists: async () => false, ledger, verifyEmail: true }, plan)).toEqual({ stopped: true });
    expect(plan.results).toEqual([{ status: 'invited' }, undefined, undefined]);
    expect([...ledger]).toEqual(['one@fabrikam.com']);
  });
});
