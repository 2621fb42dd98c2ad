export { BackgroundService, type BackgroundOptions } from './service';
export { memoryCredentialStore, oauthTokenStore, storageCredentialStore, Credentials, type CredentialStore, type KeyValueArea } from './credentials';
export { type OAuthConfig } from './connect';
export { ServiceError, toErrorBody } from './errors';
export { armAlarm, RETRY_WAKE_MS, senderOf, wireBackground, WAKE_ALARM, type BackgroundBrowser, type RuntimeSender } from './wiring';
