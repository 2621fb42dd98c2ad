import type { ErrorBody, ErrorCode } from '../messages';
import { CredentialsError } from '../vendors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorError } from '../vendors/http';

/** A refusal the background means to give, with a message that says what to do. */
export class ServiceError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/** Any failure as the panel sees it: a code and a sentence, never a stack or a secret. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ServiceError) return { code: error.code, message: error.message };
  if (error instanceof CredentialsError) return { code: 'NEEDS_RECONNECT', message: `${error.message}.` };
  if (error instanceof AuthRequiredError) {
    return { code: 'NEEDS_RECONNECT', message: `${error.message}. Reconnect the account in Portier's options, then try again.` };
  }
  if (error instanceof RateLimitedError || error instanceof TransientError) {
    return { code: 'VENDOR_ERROR', message: `${error.message}. The vendor is busy or unreachable: try again in a minute.` };
  }
  if (error instanceof VendorError) return { code: 'VENDOR_ERROR', message: error.message };
  return { code: 'INTERNAL', message: `Something went wrong in Portier (${error instanceof Error ? error.message : String(error)}). Reload the extension and try again.` };
}
