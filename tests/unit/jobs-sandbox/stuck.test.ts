import { describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/fetch';
import { counters, drain, expectInvitedOnce, jobOf, scene, tally, useSandbox } from './harness';

const sb = useSandbox();

/** Issue #9: vendor jobs that never finish, against the sandbox's own job emulation. */
describe('vendor jobs that never finish', () => {
  it('Zendesk: a job_status stuck at queued is followed until its deadline, then the batch is settled from memberships', { timeout: 90_000 }, async () => {
    const s = await scene(sb, 'zendesk', 30, 411);
    await sb.control('PATCH', '/settings', { zendeskJob: { stuck: true } });
    const engine = s.engine({ vendorJobDeadlineMs: 3 * 60_000, maxAttempts: 2 });
    await drain(sb, engine, 400);
    const t = await tally(s);
    // The stuck job applied nothing: each batch was sent twice (the bound), then failed with why.
    expect(t.by).toEqual({ failed: 30 });
    expect(t.rows[0]!.reason?.message).toMatch(/did not finish within its deadline/);
    expect((await jobOf(s)).status).toBe('completed');
    expect((await counters(sb)).duplicateInvitations).toBe(0);
  });

  it('Zoho CRM: a bulk invite that applied some items and then hung: the applied ones are invited, the rest sent again once the deadline passed', { timeout: 90_000 }, async () => {
    const s = await scene(sb, 'zoho_crm', 20, 412);
    await sb.control('PATCH', '/settings', { crmJob: { stuck: true, stuckAfterItems: 8 } });
    // Later jobs are not stuck: the resend goes through.
    let first = true;
    const unstick: typeof globalThis.fetch = async (input, init) => {
      const response = await sandboxFetch(input, init);
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      if (first && method === 'POST' && String(input instanceof Request ? input.url : input).includes('portal_invite')) {
        first = false;
        await sb.control('PATCH', '/settings', { crmJob: { stuck: false, stuckAfterItems: null } });
      }
      return response;
    };
    await drain(sb, s.engine({ vendorJobDeadlineMs: 10 * 60_000 }, unstick), 400);
    const t = await tally(s);
    expect(t.by).toEqual({ invited: 20 });
    await expectInvitedOnce(sb, s);
  });

  it('Cancel while a vendor job is stuck ends the job cancelled at once, with the applied items invited', { timeout: 90_000 }, async () => {
    const s = await scene(sb, 'zoho_crm', 20, 413);
    await sb.control('PATCH', '/settings', { crmJob: { stuck: true, stuckAfterItems: 5 } });
    const engine = s.engine({ maxInlineWaitMs: 1_000 });
    await engine.start();
    expect((await jobOf(s)).batch?.phase).toBe('polling');
    await engine.cancel(s.jobId);
    await drain(sb, engine, 50);
    const t = await tally(s);
    expect(t.job.status).toBe('cancelled');
    expect(t.by).toEqual({ invited: 5, skipped: 15 });
    expect((await counters(sb)).duplicateInvitations).toBe(0);
  });
});

describe('Zendesk’s per-user throttle', () => {
  it('text/plain 429s without Retry-After on searches and creates are waited out; nothing fails, nothing is sent twice', { timeout: 90_000 }, async () => {
    const s = await scene(sb, 'zendesk', 30, 414);
    await sb.control('POST', '/faults', { path: '/api/v2/users/search', kind: '429_plain', count: 3 });
    await sb.control('POST', '/faults', { path: '/api/v2/users/create_many', kind: '429_plain', count: 2 });
    const statuses: number[] = [];
    const watch: typeof globalThis.fetch = async (input, init) => {
      const response = await sandboxFetch(input, init);
      statuses.push(response.status);
      return response;
    };
    await drain(sb, s.engine({}, watch));
    expect(statuses.filter((x) => x === 429)).toHaveLength(5);
    expect((await tally(s)).by).toEqual({ invited: 30 });
    await expectInvitedOnce(sb, s);
  });
});
