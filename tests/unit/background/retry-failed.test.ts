import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { emailKey } from '../../../core/email';
import { jobItems } from '../../../core/db';
import { ACCOUNT, ask, idleAll, person, refusal, world } from './helpers';

/** retryFailed: the failed items of a job, planned again from the vendor into new job(s). */

const TARGET = 'zendesk:acme:end_users';
const SEATS_FULL = { code: 'LICENSE_LIMIT_EXCEEDED', message: 'License limit exceeded', reason: 'LICENSE_LIMIT' as const };
afterEach(idleAll);

async function jobWithFailures() {
  const w = await world({
    people: [person('1', 'ann@woodgrove.com'), person('2', 'bob@woodgrove.com'), person('3', 'cy@woodgrove.com')],
    extra: { contactFromEmail: (email) => person(`email:${emailKey(email)}`, email) },
  });
  // No seat left for them: worth a retry once seats are freed (core/reasons.ts isRetryable).
  w.vendor.refuse.set('bob@woodgrove.com', SEATS_FULL);
  w.vendor.refuse.set('new@woodgrove.com', SEATS_FULL);
  const { jobs } = await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1', '2', '3'], emails: ['new@woodgrove.com'] });
  await w.service.idle();
  const jobId = jobs[0]!.jobId;
  expect(await w.db.jobs.get(jobId)).toMatchObject({ status: 'completed', counts: { invited: 2, failed: 2 } });
  return { w, jobId };
}

describe('retryFailed', () => {
  it('makes a new job of what failed, from the vendor’s records, and each contact’s history says it was retried', async () => {
    const { w, jobId } = await jobWithFailures();
    w.vendor.refuse.clear(); // the agent freed seats at the vendor
    w.clock.advance(1000);
    const { jobs } = await ask(w, { type: 'retryFailed', jobId });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.jobId !== jobId)).toBe(true);
    // The record by id and the person made from an address (looked up again by address).
    const items = (await Promise.all(jobs.map((j) => jobItems(w.db, j.jobId)))).flat();
    expect(items.map((i) => i.email).sort()).toEqual(['bob@woodgrove.com', 'new@woodgrove.com']);
    expect(w.calls.filter((c) => c.startsWith('findByEmail'))).toContain('findByEmail:new@woodgrove.com');

    const retried = await w.db.events.where('jobId').equals(jobId).filter((e) => e.type === 'retried').toArray();
    expect(retried.map((e) => e.contactKey).sort()).toEqual([w.people[1]!.key, `zendesk:${ACCOUNT}:email:new@woodgrove.com`].sort());
    expect(retried[0]!.detail).toContain(jobs[0]!.jobId);

    await w.service.idle();
    for (const j of jobs) expect(await w.db.jobs.get(j.jobId)).toMatchObject({ status: 'completed', counts: { failed: 0 } });
    // Ann and Cy were invited once, by the first job; nobody twice.
    expect(w.vendor.duplicates()).toBe(0);
    expect(w.vendor.invites.size).toBe(4);
  });

  it('refuses an unknown job, and a job where nothing failed, saying so', async () => {
    const { w } = await jobWithFailures();
    expect(await refusal(w, { type: 'retryFailed', jobId: 'no-such-job' })).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/no job "no-such-job"/) });
    const { jobs } = await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1'] });
    await w.service.idle();
    expect(await refusal(w, { type: 'retryFailed', jobId: jobs[0]!.jobId })).toEqual({ code: 'NOT_FOUND', message: 'Nothing failed in this job: there is nothing to retry.' });
  });

  it('one selection whose records are gone does not stop the others; all gone says there is nobody to retry', async () => {
    const { w, jobId } = await jobWithFailures();
    w.people.splice(1, 1); // bob's record was deleted at the vendor
    w.vendor.refuse.clear();
    const { jobs } = await ask(w, { type: 'retryFailed', jobId });
    const items = (await Promise.all(jobs.map((j) => jobItems(w.db, j.jobId)))).flat();
    expect(items.map((i) => i.email)).toEqual(['new@woodgrove.com']);

    const plain = await world();
    plain.vendor.refuse.set('bob@woodgrove.com', SEATS_FULL);
    const started = await ask(plain, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1', '2'] });
    await plain.service.idle();
    plain.people.splice(1, 1);
    expect(await refusal(plain, { type: 'retryFailed', jobId: started.jobs[0]!.jobId })).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/nobody to retry/) });
    expect(await plain.db.jobs.count()).toBe(1);
  });

  it('a failed item a later job took over is not retried twice from the old job', async () => {
    const { w, jobId } = await jobWithFailures();
    await ask(w, { type: 'retryFailed', jobId });
    expect(await refusal(w, { type: 'retryFailed', jobId })).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/already in a later job/) });
  });

  it('offers no retry of a refusal of the record itself, which would only fail the same way', async () => {
    const w = await world({ people: [person('1', 'ann@woodgrove.com'), person('2', 'bob@woodgrove.com')] });
    w.vendor.refuse.set('bob@woodgrove.com', { code: 'UNPROCESSABLE_ENTITY', message: 'UNPROCESSABLE_ENTITY (HTTP 422)' });
    const { jobs } = await ask(w, { type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1', '2'] });
    await w.service.idle();
    expect(await w.db.jobs.get(jobs[0]!.jobId)).toMatchObject({ counts: { invited: 1, failed: 1 } });
    expect(await refusal(w, { type: 'retryFailed', jobId: jobs[0]!.jobId })).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/would fail the same way/) });
    expect(await w.db.jobs.count()).toBe(1);
  });
});
