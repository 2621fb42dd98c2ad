import { z } from '../zod';

/**
 * The secrets of one account, and the stores that keep them. This module sits below both
 * core/vendors (which turns credentials into an AuthSession) and core/background (which obtains,
 * keeps and deletes them), so the layers import downwards only.
 */

/** OAuth tokens as Portier keeps them, whichever vendor issued them. */
export const OAuthTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  /** Epoch milliseconds (real time) when the access token stops working, when the server said. */
  expiresAt: z.number().optional(),
  /** Zoho's `api_domain`: the API host of the account's data center (CRM). */
  apiDomain: z.string().optional(),
  scope: z.string().optional(),
});
export type OAuthTokens = z.infer<typeof OAuthTokens>;

export const Credentials = z.discriminatedUnion('kind', [
  /** Zendesk: the browser's own session cookie authenticates; nothing secret is stored. */
  z.object({ kind: z.literal('session') }),
  z.object({ kind: z.literal('api_token'), email: z.string(), token: z.string() }),
  /** `accountsServer`: where Zoho said the account lives, for refreshes and revocation. */
  z.object({ kind: z.literal('oauth'), tokens: OAuthTokens, accountsServer: z.string().optional() }),
]);
export type Credentials = z.infer<typeof Credentials>;

/**
 * Where the background keeps each account's credentials: a place no content script can read
 * (protected.ts), never the Dexie tables the panel reads, never a message to the panel or a page.
 */
export interface CredentialStore {
  get(accountId: string): Promise<Credentials | undefined>;
  set(accountId: string, credentials: Credentials): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** A store that can also say everything it holds: what moving credentials between homes needs. */
export interface ListableCredentialStore extends CredentialStore {
  all(): Promise<Array<[accountId: string, credentials: Credentials]>>;
}

/** Where one account's OAuth tokens live, as an OAuthSession refreshes them. */
export interface TokenStore {
  get(): Promise<OAuthTokens | undefined>;
  set(tokens: OAuthTokens): Promise<void>;
}
