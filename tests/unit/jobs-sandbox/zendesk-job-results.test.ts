import { describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/fetch';
import { counters, drain, expectInvitedOnce, scene, tally, useSandbox, type Sandbox } from './harness';

const sb = useSandbox();

/** Zendesk's search finds a new user only minutes after it is made ("up to a few minutes"); the sandbox's at once. */
const SEARCH_LAG_MS = 2 * 60_000;

/**
 * sandboxFetch with two of real Zendesk's ways the sandbox does not have: a finished job whose
 * results give item 0's `index` twice and item 1's never (and no `email`, as in the OAS's
 * CreateResourceResult), and a search that does not show users younger than SEARCH_LAG_MS.
 */
function garbledAndLagging(s: Sandbox): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await sandboxFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!response.ok) return response;
    if (url.pathname.startsWith('/api/v2/job_statuses/')) {
      const body = await response.json();
      const results = body.job_status?.results;
      if (Array.isArray(results)) {
        body.job_status.results = results.map((r: Record<string, unknown>) => ({ id: r.id, index: r.index === 1 ? 0 : r.index, status: r.status }));
      }
      return Response.json(body, { status: response.status, headers: response.headers });
    }
    if (url.pathname === '/api/v2/users/search') {
      const body = await response.json();
      body.users = body.users.filter((u: { created_at?: string }) => !u.created_at || Date.parse(u.created_at) <= s.now() - SEARCH_LAG_MS);
      return Response.json(body, { status: response.status, headers: response.headers });
    }
    return response;
  };
}

describe('Zendesk job results that cannot be matched, through the engine', () => {
  it('an item whose result is garbled (duplicate index) ends invited once the membership lag has passed, never failed', { timeout: 60_000 }, async () => {
    const s = await scene(sb, 'zendesk', 3, 431);
    const started = sb.now();
    // One send only: the reconcile that follows is the final word, so it must wait for the search.
    await drain(sb, s.engine({ maxAttempts: 1 }, garbledAndLagging(sb)));
    const t = await tally(s);
    expect(t.by).toEqual({ invited: 3 });
    expect(t.job.status).toBe('completed');
    await expectInvitedOnce(sb, s);
    // Nothing was sent again: the one create_many job made all three.
    const requests = (await counters(sb)).requests;
    expect(requests['zendesk POST /api/v2/users/create_many']).toBe(1);
    expect(requests['zendesk POST /api/v2/users'] ?? 0).toBe(0);
    // Settled by a search after Zendesk's lag, not by the connector's guess right after the job.
    expect(sb.now() - started).toBeGreaterThanOrEqual(SEARCH_LAG_MS);
  });
});
