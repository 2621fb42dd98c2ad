import { describe, expect, it } from 'vitest';
import { ServiceError, toErrorBody } from '../../../core/background';
import { RateLimitSpentError } from '../../../core/background/errors';
import { LOCALES } from '../../../core/i18n';
import { ErrorBody } from '../../../core/messages';
import { CredentialsError } from '../../../core/vendors';
import { AuthRequiredError, RateLimitedError, TransientError, VendorError } from '../../../core/vendors/http';

describe('a failure as the pages receive it', () => {
  it("keeps a refusal's sentence in English and French, English as the message", () => {
    const refusal = new ServiceError('NOT_CONNECTED', { en: 'Connect it first.', fr: "Connectez-le d'abord." });
    expect(refusal.message).toBe('Connect it first.');
    const body = toErrorBody(refusal);
    expect(body).toEqual({ code: 'NOT_CONNECTED', message: 'Connect it first.', localized: { en: 'Connect it first.', fr: "Connectez-le d'abord." } });
    expect(ErrorBody.parse(body)).toEqual(body);
  });

  it.each([
    ['a vendor that throttles', new RateLimitedError('zendesk', 'GET /api/v2/users/show_many', 5_000, 'Zendesk answered 429'), 'VENDOR_ERROR', /Zendesk answered 429\. .*réessayez dans une minute/],
    ['a vendor that is down', new TransientError('zoho_crm', 'GET /crm/v8/Contacts', 503, 'Zoho CRM answered 503'), 'VENDOR_ERROR', /Zoho CRM answered 503\. .*injoignable/],
    ['a sign-in that expired', new AuthRequiredError('zoho_desk', 'GET /api/v1/contacts', 'Zoho Desk asks to sign in again'), 'NEEDS_RECONNECT', /Reconnectez le compte dans les options de Portier/],
    ['a vendor refusal', new VendorError('zendesk', 'POST /api/v2/users/create_many', 'Zendesk refused: RecordInvalid'), 'VENDOR_ERROR', /Zendesk refused: RecordInvalid$/],
    ['a bug', new TypeError('x is undefined'), 'INTERNAL', /^Un problème est survenu dans Portier \(x is undefined\)\. Rechargez/],
  ])('words %s in every language, the vendor’s own words kept as they are', (_what, error, code, french) => {
    const body = toErrorBody(error);
    expect(body.code).toBe(code);
    expect(body.localized?.en).toBe(body.message);
    expect(body.localized?.fr).toMatch(french);
    for (const locale of LOCALES) expect(body.localized?.[locale]).toContain(error.message);
  });

  it("says the panel's pacing in Portier's words, and stays a rate limit for the client's retries", () => {
    const spent = new RateLimitSpentError('zendesk', 'GET /api/v2/users/{id}', 4_200);
    expect(spent).toBeInstanceOf(RateLimitedError);
    expect(toErrorBody(spent)).toEqual({
      code: 'VENDOR_ERROR',
      message: "zendesk GET /api/v2/users/{id}: the account's rate limit is spent for 5 s more. The vendor is busy or unreachable: try again in a minute.",
      localized: {
        en: "zendesk GET /api/v2/users/{id}: the account's rate limit is spent for 5 s more. The vendor is busy or unreachable: try again in a minute.",
        fr: "La limite de requêtes du compte chez l'éditeur est atteinte pour encore 5 s : réessayez dans un instant.",
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
