export { clearAllData, deleteAccountData, type ForgetOptions, type Forgotten } from './forget';
export { readRetentionDays, RetentionError, saveRetentionDays, storedCounts, type StoredCounts } from './settings';
export { sweepExpired, type SweepOptions, type SweepResult } from './sweep';
export { isUnfinished, unfinishedJobIds } from './unfinished';
