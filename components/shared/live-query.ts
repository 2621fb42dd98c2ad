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
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    let unsubscribe: (() => void) | undefined;
    let stopped = false;
    // Dexie's own code after the database: the platform holds that back until the panel's first
    // screen is shown (first-screen.ts), and Dexie asked for beside it would not wait (issue #13).
    void database()
      .then(async (db) => ({ db, liveQuery: (await import('dexie')).liveQuery }))
      .then(({ db, liveQuery }) => {
        if (stopped) return;
        const subscription = liveQuery(() => query(db)).subscribe({
          next: (next) => setValue(() => next),
          error: (error: unknown) => console.error('Portier: a live query failed', error),
        });
        unsubscribe = () => subscription.unsubscribe();
      });
    return () => {
      stopped = true;
      unsubscribe?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [database, ...deps]);
  return value;
}
