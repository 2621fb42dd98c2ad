import type { DexieOptions } from 'dexie';
import { indexedDbCredentialStore } from './idb';
import type { CredentialStore, ListableCredentialStore } from './schema';
import { storageCredentialStore, type KeyValueArea } from './stores';

/**
 * The credential store the background uses: somewhere no content script can read.
 *
 * Chrome lets content scripts read `storage.local` unless the extension restricts it with
 * `setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })`; Chrome keeps that setting as an extension
 * preference, and the background sets it again at every start, before anything is read or stored.
 * Firefox has no such switch for `storage.local` (only `storage.session` has one), and a browser
 * that refuses it cannot be trusted with it either: there the secrets go to an IndexedDB database
 * on the extension's origin, which a content script (on the page's origin) cannot open.
 *
 * Credentials found in the other home (an earlier version, or a start where the access level could
 * not be set) are moved, then removed there, so a secret never stays where a page could reach it.
 */
export interface ProtectableArea extends KeyValueArea {
  setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void>;
}

export type CredentialHome = 'storage.local' | 'indexedDB';

export interface ProtectedStoreOptions {
  /** The extension's `storage.local`. */
  area: ProtectableArea;
  /** IndexedDB of the extension's origin (the global one when absent). */
  indexedDb?: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'> & { name?: string };
  /** A move between homes that failed: the store still works, the old copy may remain. */
  onError?: (error: unknown) => void;
}

export function protectedCredentialStore(options: ProtectedStoreOptions): CredentialStore & { home: Promise<CredentialHome> } {
  // Called at once, in the background's first turn: nothing is read or written before it settles.
  const restricted = restrictToExtension(options.area);
  const chosen = restricted.then(async (trusted) => {
    const local = storageCredentialStore(options.area);
    const db = indexedDbCredentialStore(options.indexedDb ?? {});
    const [store, other] = trusted ? [local, db] : [db, local];
    await moveAll(other, store).catch((error: unknown) => options.onError?.(error));
    return { store, home: (trusted ? 'storage.local' : 'indexedDB') as CredentialHome };
  });
  return {
    home: chosen.then((c) => c.home),
    get: async (id) => (await chosen).store.get(id),
    set: async (id, credentials) => (await chosen).store.set(id, credentials),
    delete: async (id) => (await chosen).store.delete(id),
  };
}

/** True when the browser now keeps `storage.local` from content scripts. */
export async function restrictToExtension(area: ProtectableArea): Promise<boolean> {
  if (typeof area.setAccessLevel !== 'function') return false;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}

async function moveAll(from: ListableCredentialStore, to: ListableCredentialStore): Promise<void> {
  for (const [accountId, credentials] of await from.all()) {
    // What the new home already holds is newer (a reconnect there): it wins.
    if (!(await to.get(accountId))) await to.set(accountId, credentials);
    await from.delete(accountId);
  }
}
