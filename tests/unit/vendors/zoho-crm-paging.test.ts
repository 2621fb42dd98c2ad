import { describe, expect, it } from 'vitest';
import type { VendorClient } from '../../../core/vendors/http';
import { listPortalUsers } from '../../../core/vendors/zoho-crm/portal-users';

/**
 * Listing a user type's portal users when Zoho pages differently from the sandbox:
 * user_type_users.json declares no `page` or `per_page`, so Portier must end the list whatever the
 * server does with them.
 */
type Info = { more_records?: boolean; per_page?: number; total_count?: number };
const user = (n: number) => ({ personality_id: String(1000 + n), confirm: true, active: true, created_time: '2026-01-01T00:00:00+00:00' });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => user(from + i));

/** A client whose GET answers what `answer(page, perPage)` says, counting the calls. */
function serving(answer: (page: number, perPage: number) => { users: ReturnType<typeof user>[]; info?: Info }) {
  const pages: number[] = [];
  const client = {
    async request(req: { searchParams: Record<string, unknown>; schema: { parse(v: unknown): unknown } }) {
      const page = Number(req.searchParams.page);
      pages.push(page);
      const body = answer(page, Number(req.searchParams.per_page));
      return { status: body.users.length === 0 ? 204 : 200, data: body.users.length === 0 ? undefined : req.schema.parse(body) };
    },
  } as unknown as VendorClient;
  return { client, pages };
}
const REF = { portal: 'acmeportal', userTypeId: '5843104000000624001' };

describe('listing portal users, however Zoho pages', () => {
  it('stops when a server that ignores `page` sends the first page again, without duplicates', async () => {
    const { client, pages } = serving(() => ({ users: range(0, 250) }));
    const users = await listPortalUsers(client, REF);
    expect(users).toHaveLength(250);
    expect(pages).toEqual([1, 2]);
  });

  it('reads on past a short page while the server says there are more (a server that caps per_page at 100)', async () => {
    const { client, pages } = serving((page) => ({ users: range((page - 1) * 100, page <= 3 ? 100 : 0), info: { per_page: 100, more_records: page < 3 } }));
    const users = await listPortalUsers(client, REF);
    expect(users.map((u) => u.personality_id)).toEqual(range(0, 300).map((u) => u.personality_id));
    expect(pages).toEqual([1, 2, 3]);
  });

  it('stops at a page the size asked for when the server says nothing more', async () => {
    const { client, pages } = serving((page) => ({ users: range((page - 1) * 200, page === 1 ? 200 : 37) }));
    expect(await listPortalUsers(client, REF)).toHaveLength(237);
    expect(pages).toEqual([1, 2]);
  });

  it('never asks for more than a portal can hold, whatever the server claims', async () => {
    const { client, pages } = serving((page) => ({ users: range(page * 1000, 200), info: { more_records: true } }));
    await listPortalUsers(client, REF);
    expect(pages.length).toBe(51);
  });
});
