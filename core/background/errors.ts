import type { Localized } from '../i18n';
import type { ErrorBody, ErrorCode } from '../messages';
import type { Vendor } from '../model';
import { CredentialsError } from '../vendors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorError } from '../vendors/http';

/**
 * A refusal the background means to give, with a sentence that says what to do, in every language
 * the pages speak: the page shows it in the agent's (`localized`), logs and tests read the English
 * (`message`). A vendor's own words inside it stay as the vendor wrote them.
 */
export class ServiceError extends Error {
  readonly localized: Localized;

  constructor(
    readonly code: ErrorCode,
    text: Localized,
  ) {
    super(text.en);
    this.localized = text;
  }
}

/**
 * A panel request found the account's rate limit spent for longer than it waits in place: Portier's
 * own pacing (core/background/connectors.ts), said in Portier's words rather than as the vendor's.
 */
export class RateLimitSpentError extends RateLimitedError {
  constructor(vendor: Vendor, endpoint: string, waitMs: number) {
    super(vendor, endpoint, waitMs, `the account's rate limit is spent for ${Math.ceil(waitMs / 1000)} s more`);
  }
}

/** Any failure as the panel sees it: a code and a sentence, never a stack or a secret. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ServiceError) return body(error.code, error.localized);
  if (error instanceof CredentialsError) return body('NEEDS_RECONNECT', { en: `${error.localized.en}.`, fr: `${error.localized.fr}.` });
  // The vendor layer's messages name the vendor, the endpoint and its answer: they stay as written.
  if (error instanceof AuthRequiredError) {
    return body('NEEDS_RECONNECT', {
      en: `${error.message}. Reconnect the account in Portier's options, then try again.`,
      fr: `${error.message}. Reconnectez le compte dans les options de Portier, puis réessayez.`,
    });
  }
  if (error instanceof RateLimitSpentError) {
    return body('VENDOR_ERROR', {
      en: `${error.message}. The vendor is busy or unreachable: try again in a minute.`,
      fr: `La limite de requêtes du compte chez l'éditeur est atteinte pour encore ${Math.ceil(error.retryAfterMs / 1000)} s : réessayez dans un instant.`,
    });
  }
  if (error instanceof RateLimitedError || error instanceof TransientError) {
    return body('VENDOR_ERROR', {
      en: `${error.message}. The vendor is busy or unreachable: try again in a minute.`,
      fr: `${error.message}. L'éditeur est occupé ou injoignable : réessayez dans une minute.`,
    });
  }
  if (error instanceof VendorError) return body('VENDOR_ERROR', { en: error.message, fr: error.message });
  const detail = error instanceof Error ? error.message : String(error);
  return body('INTERNAL', {
    en: `Something went wrong in Portier (${detail}). Reload the extension and try again.`,
    fr: `Un problème est survenu dans Portier (${detail}). Rechargez l'extension et réessayez.`,
  });
}

function body(code: ErrorCode, text: Localized): ErrorBody {
  return { code, message: text.en, localized: text };
}

/** An account id nobody connected (or since disconnected). */
export function notConnected(accountId: string): ServiceError {
  return new ServiceError('NOT_CONNECTED', {
    en: `No account "${accountId}" is connected: connect it in Portier's options first.`,
    fr: `Aucun compte « ${accountId} » n'est connecté : connectez-le d'abord dans les options de Portier.`,
  });
}

/** A job id this browser no longer has (cleared, or swept by the retention). */
export function noSuchJob(jobId: string): ServiceError {
  return new ServiceError('NOT_FOUND', {
    en: `There is no job "${jobId}": it may have been cleared. Refresh the panel.`,
    fr: `Il n'y a pas de tâche « ${jobId} » : elle a peut-être été effacée. Actualisez le panneau.`,
  });
}
