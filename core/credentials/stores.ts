import { Credentials, type CredentialStore, type ListableCredentialStore, type OAuthTokens, type TokenStore } from './schema';

/**
 * The minimal key-value surface of the extension's `storage.local`, so core/ stays free of the
 * WebExtension global. `get(null)` reads everything.
 */
export interface KeyValueArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const PREFIX = 'portier.credentials.';

/** Credentials over an extension storage area; what does not parse counts as not connected. */
export function storageCredentialStore(area: KeyValueArea): ListableCredentialStore {
  return {
    async get(accountId) {
      const key = PREFIX + accountId;
      const parsed = Credentials.safeParse((await area.get(key))[key]);
      return parsed.success ? parsed.data : undefined;
    },
    set: async (accountId, credentials) => area.set({ [PREFIX + accountId]: Credentials.parse(credentials) }),
    delete: (accountId) => area.remove(PREFIX + accountId),
    async all() {
      const all = await area.get(null);
      const found: Array<[string, Credentials]> = [];
      for (const [key, value] of Object.entries(all)) {
        if (!key.startsWith(PREFIX)) continue;
        const parsed = Credentials.safeParse(value);
        if (parsed.success) found.push([key.slice(PREFIX.length), parsed.data]);
      }
      return found;
    },
  };
}

/** Tests and Node tools: credentials in a Map, which tests read as `entries`. */
export function memoryCredentialStore(): ListableCredentialStore & { entries: Map<string, Credentials> } {
  const entries = new Map<string, Credentials>();
  return {
    entries,
    get: async (id) => entries.get(id),
    set: async (id, c) => void entries.set(id, Credentials.parse(c)),
    delete: async (id) => void entries.delete(id),
    all: async () => [...entries.entries()],
  };
}

/** An OAuth account's TokenStore (what OAuthSession refreshes into) inside its credentials. */
export function oauthTokenStore(store: CredentialStore, accountId: string): TokenStore {
  return {
    async get(): Promise<OAuthTokens | undefined> {
      const c = await store.get(accountId);
      return c?.kind === 'oauth' ? c.tokens : undefined;
    },
    async set(tokens: OAuthTokens): Promise<void> {
      const c = await store.get(accountId);
      await store.set(accountId, { kind: 'oauth', tokens, ...(c?.kind === 'oauth' && c.accountsServer ? { accountsServer: c.accountsServer } : {}) });
    },
  };
}
