import type { Localized } from '../i18n';
import type { ErrorBody, ErrorCode } from '../messages';
import { VENDOR_NAMES, type Vendor } from '../model';
import { CredentialsError } from '../vendors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorError, VendorRefusedError, VendorResponseError } from '../vendors/http';

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
  if (error instanceof VendorError) return vendorBody(error);
  const detail = error instanceof Error ? error.message : String(error);
  return body('INTERNAL', {
    en: `Something went wrong in Portier (${detail}). Reload the extension and try again.`,
    fr: `Un problème est survenu dans Portier (${detail}). Rechargez l'extension et réessayez.`,
  });
}

/**
 * A vendor's failure: what happened and what to do, in the agent's language, naming the product as
 * its maker does; then the vendor's own words (status, code, message, as written) as a detail for
 * whoever the agent asks for help. The English `message`, for logs, also names the call.
 */
function vendorBody(error: VendorError): ErrorBody {
  const name = VENDOR_NAMES[error.vendor];
  // The agent reads the vendor's own words; the log (`message`) keeps which call it answered.
  const prefix = `${error.vendor} ${error.endpoint}: `;
  const words = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  // `whole`: the detail is for whoever maintains Portier, who needs the call too.
  const detailed = (code: ErrorCode, text: Localized, whole = false): ErrorBody => {
    const shown = whole ? error.message : words;
    return { code, message: `${text.en} (Details: ${error.message})`, localized: { en: `${text.en} (Details: ${shown})`, fr: `${text.fr} (Détail : ${shown})` } };
  };
  if (error instanceof AuthRequiredError) {
    return detailed('NEEDS_RECONNECT', {
      en: `${name} asks to sign in again: reconnect the account in Portier's options, then try again.`,
      fr: `${name} demande de se reconnecter : reconnectez le compte dans les options de Portier, puis réessayez.`,
    });
  }
  if (error instanceof RateLimitSpentError) {
    const seconds = Math.ceil(error.retryAfterMs / 1000);
    return body('VENDOR_ERROR', {
      en: `The account's request limit at ${name} is spent for ${seconds} s more: try again in a moment.`,
      fr: `La limite de requêtes du compte chez ${name} est atteinte pour encore ${seconds} s : réessayez dans un instant.`,
    });
  }
  if (error instanceof RateLimitedError || error instanceof TransientError) {
    return detailed('VENDOR_ERROR', {
      en: `${name} is busy or not answering: try again in a minute.`,
      fr: `${name} est occupé ou ne répond pas : réessayez dans une minute.`,
    });
  }
  if (error instanceof VendorRefusedError && error.status === 403) {
    return detailed('VENDOR_ERROR', {
      en: `${name} refused: the account Portier is connected with lacks the rights for this there. Ask an administrator of ${name}, or connect with an account that has them.`,
      fr: `${name} a refusé : le compte avec lequel Portier est connecté n'a pas les droits nécessaires. Demandez à un administrateur de ${name}, ou connectez un compte qui les a.`,
    });
  }
  if (error instanceof VendorResponseError) {
    return detailed('VENDOR_ERROR', {
      en: `${name} answered in a form Portier does not recognise, so nothing was taken from it. Try again; if it happens again, pass this detail on to whoever maintains Portier.`,
      fr: `${name} a répondu sous une forme que Portier ne reconnaît pas : rien n'en a été retenu. Réessayez ; si cela se reproduit, transmettez ce détail à qui maintient Portier.`,
    }, true);
  }
  return detailed('VENDOR_ERROR', {
    en: `${name} refused the request. Check the record there, then try again.`,
    fr: `${name} a refusé la demande. Vérifiez la fiche chez ${name}, puis réessayez.`,
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
