import { useEffect, useState } from 'preact/hooks';
import type { PortierDb } from '../../core/db';
import { usePlatform } from './platform';

/**
 * The result of a Dexie query, kept current: Dexie re-runs it when a table it read changes, in
 * this context or another (the background's engine writes, the panel sees). `undefined` until the
 * first answer. `deps` are the values the query reads from the component, as for useEffect.
 * Dexie itself is loaded with the database, on the first live query (platform.database()).
 */
export function useLiveQuery<T>(query: (db: PortierDb) => Promise<T> | T, deps: readonly unknown[]): T | undefined {
  const { database } = usePlatform();
  const key = [database, ...deps];
  // Each answer with the deps it was read for: in the render where the deps change, before the
  // effect asks again, the last answer is another query's (an account `null` because no account
  // was named yet read as "this account is not connected", issue #13's CI).
  const [answer, setAnswer] = useState<{ value: T; key: readonly unknown[] } | undefined>(undefined);
  useEffect(() => {
    setAnswer(undefined);
    let unsubscribe: (() => void) | undefined;
    let stopped = false;
    // Dexie's own code after the database: the platform holds that back until the panel's first
    // screen is shown (first-screen.ts), and Dexie asked for beside it would not wait (issue #13).
    void database()
      .then(async (db) => ({ db, liveQuery: (await import('dexie')).liveQuery }))
      .then(({ db, liveQuery }) => {
        if (stopped) return;
        const subscription = liveQuery(() => query(db)).subscribe({
          next: (value) => setAnswer({ value, key }),
          error: (error: unknown) => console.error('Portier: a live query failed', error),
        });
        unsubscribe = () => subscription.unsubscribe();
      });
    return () => {
      stopped = true;
      unsubscribe?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, key);
  return answer && sameKey(answer.key, key) ? answer.value : undefined;
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
