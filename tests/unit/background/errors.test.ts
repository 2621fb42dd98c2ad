import { describe, expect, it } from 'vitest';
import { ServiceError, toErrorBody } from '../../../core/background';
import { RateLimitSpentError } from '../../../core/background/errors';
import { LOCALES } from '../../../core/i18n';
import { ErrorBody } from '../../../core/messages';
import { CredentialsError } from '../../../core/vendors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorError, VendorRefusedError, VendorResponseError } from '../../../core/vendors/http';

describe('a failure as the pages receive it', () => {
  it("keeps a refusal's sentence in English and French, English as the message", () => {
    const refusal = new ServiceError('NOT_CONNECTED', { en: 'Connect it first.', fr: "Connectez-le d'abord." });
    expect(refusal.message).toBe('Connect it first.');
    const body = toErrorBody(refusal);
    expect(body).toEqual({ code: 'NOT_CONNECTED', message: 'Connect it first.', localized: { en: 'Connect it first.', fr: "Connectez-le d'abord." } });
    expect(ErrorBody.parse(body)).toEqual(body);
  });

  it.each([
    ['a vendor that throttles', new RateLimitedError('zendesk', 'GET /api/v2/users/show_many', 5_000, 'Zendesk answered 429'), 'VENDOR_ERROR', /^Zendesk est occupé ou ne répond pas : réessayez dans une minute\. \(Détail : Zendesk answered 429\)$/],
    ['a vendor that is down', new TransientError('zoho_crm', 'GET /crm/v8/Contacts', 503, 'Zoho CRM answered 503'), 'VENDOR_ERROR', /^Zoho CRM est occupé ou ne répond pas : .*\(Détail : Zoho CRM answered 503\)$/],
    ['a sign-in that expired', new AuthRequiredError('zoho_desk', 'GET /api/v1/contacts', 'Zoho Desk asks to sign in again'), 'NEEDS_RECONNECT', /^Zoho Desk demande de se reconnecter : reconnectez le compte dans les options de Portier/],
    ['a vendor refusal', new VendorError('zendesk', 'POST /api/v2/users/create_many', 'Zendesk refused: RecordInvalid'), 'VENDOR_ERROR', /^Zendesk a refusé la demande\. .*\(Détail : Zendesk refused: RecordInvalid\)$/],
    ['a refusal for lack of rights', new VendorRefusedError('zoho_crm', 'GET /crm/v8/Contacts/{id}', 403, 'NO_PERMISSION', 'permission denied', {}), 'VENDOR_ERROR', /^Zoho CRM a refusé : le compte avec lequel Portier est connecté n'a pas les droits nécessaires\./],
    ['an answer of an unknown shape', new VendorResponseError('zoho_desk', 'GET /api/v1/contacts/{id}', 'the answer does not parse'), 'VENDOR_ERROR', /^Zoho Desk a répondu sous une forme que Portier ne reconnaît pas/],
    ['a bug', new TypeError('x is undefined'), 'INTERNAL', /^Un problème est survenu dans Portier \(x is undefined\)\. Rechargez/],
  ])('words %s in every language, the vendor’s own words kept as they are', (_what, error, code, french) => {
    const body = toErrorBody(error);
    expect(body.code).toBe(code);
    expect(body.localized?.fr).toMatch(french);
    // The log names the call; the agent reads the vendor's own words, without Portier's vendor id and endpoint.
    expect(body.message).toContain(error.message);
    const words = error instanceof VendorError && !(error instanceof VendorResponseError) ? error.message.replace(`${error.vendor} ${error.endpoint}: `, '') : error.message;
    for (const locale of LOCALES) expect(body.localized?.[locale]).toContain(words);
    if (error instanceof VendorError && !(error instanceof VendorResponseError)) for (const locale of LOCALES) expect(body.localized?.[locale]).not.toContain(error.endpoint);
  });

  it("says the panel's pacing in Portier's words, and stays a rate limit for the client's retries", () => {
    const spent = new RateLimitSpentError('zendesk', 'GET /api/v2/users/{id}', 4_200);
    expect(spent).toBeInstanceOf(RateLimitedError);
    expect(toErrorBody(spent)).toEqual({
      code: 'VENDOR_ERROR',
      message: "The account's request limit at Zendesk is spent for 5 s more: try again in a moment.",
      localized: {
        en: "The account's request limit at Zendesk is spent for 5 s more: try again in a moment.",
        fr: 'La limite de requêtes du compte chez Zendesk est atteinte pour encore 5 s : réessayez dans un instant.',
      },
    });
  });

  it("words what an account lacks in Portier's own sentence, in each language", () => {
    const lacking = new CredentialsError({ en: 'The Zoho data center is missing: connect the account again', fr: 'Le centre de données Zoho manque : connectez de nouveau le compte' });
    expect(toErrorBody(lacking)).toEqual({
      code: 'NEEDS_RECONNECT',
      message: 'The Zoho data center is missing: connect the account again.',
      localized: { en: 'The Zoho data center is missing: connect the account again.', fr: 'Le centre de données Zoho manque : connectez de nouveau le compte.' },
    });
  });
});
