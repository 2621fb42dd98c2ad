export { BackgroundService, type BackgroundOptions } from './service';
// Credentials live in core/credentials, below both the background and the vendors; re-exported for the entrypoint.
export {
  Credentials, memoryCredentialStore, oauthTokenStore, protectedCredentialStore, storageCredentialStore,
  type CredentialStore, type KeyValueArea, type ProtectableArea,
} from '../credentials';
export { revokeAtVendor, type RevocationReport } from './revoke';
export { type OAuthConfig } from './connect';
export { ServiceError, toErrorBody } from './errors';
export { armAlarm, ensureSweepAlarm, RETRY_WAKE_MS, senderOf, SWEEP_ALARM, SWEEP_PERIOD_MINUTES, wireBackground, WAKE_ALARM, type BackgroundBrowser, type RuntimeSender } from './wiring';
