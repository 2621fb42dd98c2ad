import { describe, expect, it } from 'vitest';
import { StoppedBeforeSendError, VendorResponseError, type VendorRequest, type VendorResponse } from '../../../core/vendors/http';
import { createOneByOne, planCreates, planForJob, pollCreateMany, type InviteContext } from '../../../core/vendors/zendesk/invite';
import { isVerified, requestVerification } from '../../../core/vendors/zendesk/verification';
import { outsideContact } from './sandbox-helpers';

/**
 * Answers the OAS allows that the sandbox does not give (support-oas.yaml): a fake `call` that
 * parses each answer with the request's schema and fails the way http.ts does on a shape it refuses.
 */
function fakeCall(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const call = async <T,>(req: VendorRequest<T>): Promise<VendorResponse<T>> => {
    calls.push(`${req.method} ${req.path}`);
    const body = answers[`${req.method} ${req.path}`];
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
  const ctx = (call: InviteContext['call']): InviteContext => ({
    call,
    userExists: async (email) => email === 'made@fabrikam.com',
    ledger: new Set(),
    verifyEmail: true,
  });

  it('a failed job answering {success: false} is settled from the users, not thrown', async () => {
    const { call } = fakeCall({ 'GET api/v2/job_statuses/job1': { job_status: { id: 'job1', status: 'failed', total: 2, progress: 1, message: 'Boom', results: { success: false } } } });
    const result = await pollCreateMany(ctx(call), planForJob(contacts, undefined), contacts, 'job1');
    expect(result.kind).toBe('done');
    if (result.kind !== 'done') return;
    expect(result.outcomes.map((o) => [o.contactId, o.result.status])).toEqual([['made', 'invited'], ['lost', 'failed']]);
    expect(result.outcomes[1]?.result).toMatchObject({ code: 'VENDOR_ERROR', message: expect.stringMatching(/job1 ended "failed": Boom/) });
  });

  it('a completed job answering {success: true} is settled the same way', async () => {
    const { call } = fakeCall({ 'GET api/v2/job_statuses/job2': { job_status: { id: 'job2', status: 'completed', total: 2, progress: 2, results: { success: true } } } });
    const result = await pollCreateMany(ctx(call), planForJob(contacts, undefined), contacts, 'job2');
    expect(result.kind === 'done' && result.outcomes.map((o) => o.result.status)).toEqual(['invited', 'failed']);
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
