// @vitest-environment happy-dom
import './dom-setup';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLiveQuery } from '../../../components/shared/live-query';
import { PlatformContext, type Platform } from '../../../components/shared/platform';
import type { PortierDb } from '../../../core/db';

// Dexie, counted: its code (100 kB to compile) must wait for the database the platform holds back.
const dexie = vi.hoisted(() => ({ imported: 0 }));
vi.mock('dexie', () => {
  dexie.imported += 1;
  return {
    liveQuery: (query: () => Promise<unknown>) => ({
      subscribe: ({ next }: { next: (value: unknown) => void }) => {
        void query().then(next);
        return { unsubscribe: () => undefined };
      },
    }),
  };
});

function Count() {
  const value = useLiveQuery(async (db) => (db as unknown as { answer: string }).answer, []);
  return <p>{value ?? 'loading'}</p>;
}

afterEach(cleanup);

describe('a live query', () => {
  it('loads Dexie only once the platform gives the database, not beside it', async () => {
    let open!: (db: PortierDb) => void;
    const database = new Promise<PortierDb>((resolve) => (open = resolve));
    const platform = { database: () => database } as unknown as Platform;
    render(
      <PlatformContext.Provider value={platform}>
        <Count />
      </PlatformContext.Provider>,
    );
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dexie.imported).toBe(0);
    expect(screen.getByText('loading')).toBeTruthy();
    open({ answer: 'ready' } as unknown as PortierDb);
    await waitFor(() => expect(screen.getByText('ready')).toBeTruthy());
    expect(dexie.imported).toBe(1);
  });
});
