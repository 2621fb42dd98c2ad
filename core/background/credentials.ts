import { z } from 'zod';
import type { OAuthTokens, TokenStore } from '../vendors/oauth';

/**
 * The secrets of one account. They live only in the background's CredentialStore
 * (the extension's `storage.local` under keys of their own), never in the Dexie tables the panel reads,
 * and never in a message to the panel or a content script.
 */
const Tokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  expiresAt: z.number().optional(),
  apiDomain: z.string().optional(),
  scope: z.string().optional(),
});

export const Credentials = z.discriminatedUnion('kind', [
  /** Zendesk: the browser's own session cookie authenticates; nothing secret is stored. */
  z.object({ kind: z.literal('session') }),
  z.object({ kind: z.literal('api_token'), email: z.string(), token: z.string() }),
  /** `accountsServer`: where Zoho said the account lives, for refreshes. */
  z.object({ kind: z.literal('oauth'), tokens: Tokens, accountsServer: z.string().optional() }),
]);
export type Credentials = z.infer<typeof Credentials>;

export interface CredentialStore {
  get(accountId: string): Promise<Credentials | undefined>;
  set(accountId: string, credentials: Credentials): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** The minimal key-value surface of the extension's `storage.local`, so core/ stays free of the WebExtension global. */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const PREFIX = 'portier.credentials.';

/** Credentials over an extension storage area; what does not parse counts as not connected. */
export function storageCredentialStore(area: KeyValueArea): CredentialStore {
  return {
    async get(accountId) {
      const key = PREFIX + accountId;
      const parsed = Credentials.safeParse((await area.get(key))[key]);
      return parsed.success ? parsed.data : undefined;
    },
    set: (accountId, credentials) => area.set({ [PREFIX + accountId]: Credentials.parse(credentials) }),
    delete: (accountId) => area.remove(PREFIX + accountId),
  };
}

export function memoryCredentialStore(): CredentialStore & { entries: Map<string, Credentials> } {
  const entries = new Map<string, Credentials>();
  return {
    entries,
    get: async (id) => entries.get(id),
    set: async (id, c) => void entries.set(id, c),
    delete: async (id) => void entries.delete(id),
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
