import Dexie, { type DexieOptions, type Table } from 'dexie';
import { Credentials, type ListableCredentialStore } from './schema';

/**
 * Credentials in an IndexedDB database of their own, on the extension's origin. A content script
 * runs on the host page's origin, so it can open only the page's databases, never this one; the
 * panel's Dexie tables (core/db.ts) are another database, so nothing the panel lists reads a secret.
 */
export const CREDENTIALS_DB = 'portier-credentials';

interface Row {
  accountId: string;
  credentials: unknown;
}

class CredentialDb extends Dexie {
  declare secrets: Table<Row, string>;

  constructor(name: string, options?: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>) {
    super(name, options);
    this.version(1).stores({ secrets: 'accountId' });
  }
}

export function indexedDbCredentialStore(
  options: { name?: string } & Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'> = {},
): ListableCredentialStore & { close(): void } {
  const { name = CREDENTIALS_DB, ...deps } = options;
  const db = new CredentialDb(name, deps);
  return {
    async get(accountId) {
      const parsed = Credentials.safeParse((await db.secrets.get(accountId))?.credentials);
      return parsed.success ? parsed.data : undefined;
    },
    set: async (accountId, credentials) => void (await db.secrets.put({ accountId, credentials: Credentials.parse(credentials) })),
    delete: (accountId) => db.secrets.delete(accountId),
    async all() {
      const rows = await db.secrets.toArray();
      return rows.flatMap((row): Array<[string, Credentials]> => {
        const parsed = Credentials.safeParse(row.credentials);
        return parsed.success ? [[row.accountId, parsed.data]] : [];
      });
    },
    close: () => db.close(),
  };
}
