export { Credentials, OAuthTokens, type CredentialStore, type ListableCredentialStore, type TokenStore } from './schema';
export { memoryCredentialStore, oauthTokenStore, storageCredentialStore, type KeyValueArea } from './stores';
export { CREDENTIALS_DB, indexedDbCredentialStore } from './idb';
export { protectedCredentialStore, restrictToExtension, type CredentialHome, type ProtectableArea, type ProtectedStoreOptions } from './protected';
