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

/** Every text Named rendered, in order (a render that act() replaces at once is still in it). */
const rendered: string[] = [];

/** Reads `db.answers[name]`. */
function Named({ name }: { name: string }) {
  const value = useLiveQuery(async (db) => {
    const answers = (db as unknown as { answers: Record<string, Promise<string>> }).answers;
    return answers[name];
  }, [name]);
  const text = value === undefined ? `${name}: loading` : `${name}: ${value}`;
  rendered.push(text);
  return <p>{text}</p>;
}

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

describe('a live query whose deps change', () => {
  it('answers undefined until the new query answers, never the last answer of the old one', async () => {
    let answerB!: (value: string) => void;
    const db = { answers: { a: Promise.resolve('first'), b: new Promise<string>((resolve) => (answerB = resolve)) } } as unknown as PortierDb;
    const platform = { database: async () => db } as unknown as Platform;
    const { rerender } = render(
      <PlatformContext.Provider value={platform}>
        <Named name="a" />
      </PlatformContext.Provider>,
    );
    await waitFor(() => expect(screen.getByText('a: first')).toBeTruthy());
    rendered.length = 0;
    rerender(
      <PlatformContext.Provider value={platform}>
        <Named name="b" />
      </PlatformContext.Provider>,
    );
    expect(screen.getByText('b: loading')).toBeTruthy();
    answerB('second');
    await waitFor(() => expect(screen.getByText('b: second')).toBeTruthy());
    // Not one render showed "b" with a's answer.
    expect(rendered.filter((text) => text.includes('first'))).toEqual([]);
    expect(rendered).toContain('b: loading');
  });
});
