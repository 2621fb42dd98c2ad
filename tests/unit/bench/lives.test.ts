/**
 * The benchmarks' engine lives and their judge (tests/bench/lives.ts): a killed life stops where it
 * stood, and an item's final state is checked against what the vendor holds.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../core/db';
import type { Invitation } from '../../../core/model';
import { Life, itemFigures, vendorHolds } from '../../bench/lives';

const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20))]);

describe('Life', () => {
  it.each([true, false])('dies inside its n-th request (applied: %s), and nothing answers it afterwards', async (applied) => {
    const sent: string[] = [];
    const base: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response('ok');
    };
    const life = new Life(base, async () => undefined, { request: 2, applied });
    expect(await (await life.fetch('/one')).text()).toBe('ok');
    expect(await settled(life.fetch('/two'))).toBe('pending');
    expect(life.dead).toBe(true);
    expect(await life.death).toBe(`killed in request #2${applied ? ' (applied)' : ''}`);
    expect(sent).toEqual(applied ? ['/one', '/two'] : ['/one']);
    expect(await settled(life.fetch('/three'))).toBe('pending');
    expect(await settled(life.sleep(0))).toBe('pending');
    expect(sent).toHaveLength(applied ? 2 : 1);
  });

  it('a wait that ends after the death does not return', async () => {
    let wake!: () => void;
    const life = new Life(fetch, () => new Promise<void>((resolve) => (wake = resolve)));
    const waiting = life.sleep(1_000);
    life.kill('bound');
    wake();
    expect(await settled(waiting)).toBe('pending');
    expect(life.reason).toBe('bound');
  });
});

describe('itemFigures', () => {
  it('counts final states and the items the vendor contradicts', async () => {
    const db = openDb(`lives-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
    const row = (email: string, status: Invitation['status']): Invitation => ({
      id: `${email}→t`, contactKey: email, targetKey: 't', email, status, jobId: 'job', updatedAt: new Date(0).toISOString(),
    });
    await db.invitations.bulkPut([
      row('a@x.com', 'invited'), // vendor holds: agrees
      row('b@x.com', 'invited'), // vendor has none: mismatch
      row('c@x.com', 'failed'), // vendor holds: mismatch
      row('d@x.com', 'failed'), // vendor has none: agrees
      row('e@x.com', 'sending'), // not final: unknown, never a mismatch
      row('f@x.com', 'already_member'), // vendor holds: agrees
    ]);
    const holds = vendorHolds({ 'k:t': { 'a@x.com': { invite: 1 }, 'c@x.com': { invite: 1 }, 'e@x.com': { invite: 1 }, 'f@x.com': { invite: 2 } } }, 'k:t');
    const f = await itemFigures(db, 'job', holds);
    expect(f).toMatchObject({ invited: 2, failed: 2, unknown: 1, mismatches: 2 });
    expect(f.byStatus).toEqual({ invited: 2, failed: 2, sending: 1, already_member: 1 });
    expect(Object.values(f.notInvited).reduce((a, b) => a + b, 0)).toBe(4);
    db.close();
  });
});
