import type { Localized } from '../../i18n';
import type { ReasonCode } from '../../model';
import { VendorRefusedError, type VendorRequest, type VendorResponse } from '../http';
import type { VerificationAnswer } from '../types';
import { failed, refusalReason } from './errors';
import { IdentitiesAnswer } from './schemas';
import { ZENDESK_ID } from './users';

/**
 * Zendesk's verification email for a user's primary email identity (NOTES.md §1.5):
 * `GET …/identities`, then `PUT …/identities/{id}/request_verification`. A verified address gets
 * nothing: sending it again would only puzzle the person.
 */

export type VerificationResult =
  | { status: 'sent'; email: string; identityId: string }
  | { status: 'already_verified'; email: string }
  | { status: 'failed'; code: ReasonCode | 'VENDOR_ERROR'; message: string; vendorCode?: string };

type Call = <T>(req: VendorRequest<T>) => Promise<VendorResponse<T>>;

export async function requestVerification(call: Call, userId: string): Promise<VerificationResult> {
  // The id goes into a path: only a Zendesk integer may.
  if (!ZENDESK_ID.test(userId)) throw new Error(`Not a Zendesk user id: ${userId}`);
  try {
    const res = await call({
      method: 'GET', path: `api/v2/users/${userId}/identities`, endpoint: 'GET /api/v2/users/{id}/identities',
      schema: IdentitiesAnswer, accept: [404],
    });
    if (!res.data) return { status: 'failed', code: 'VENDOR_ERROR', message: `Zendesk has no user ${userId}`, vendorCode: 'RecordNotFound' };
    const emails = res.data.identities.filter((i) => i.type === 'email');
    const primary = emails.find((i) => i.primary) ?? emails[0];
    if (!primary) return { status: 'failed', code: 'EMAIL_MISSING', message: 'The user has no email identity.' };
    if (primary.verified) return { status: 'already_verified', email: primary.value };
    await call({
      method: 'PUT',
      path: `api/v2/users/${userId}/identities/${primary.id}/request_verification`,
      endpoint: 'PUT /api/v2/users/{id}/identities/{identity_id}/request_verification',
    });
    return { status: 'sent', email: primary.value, identityId: String(primary.id) };
  } catch (error) {
    if (!(error instanceof VendorRefusedError)) throw error;
    return failed(refusalReason(error), error.vendorMessage, error.vendorCode) as Extract<VerificationResult, { status: 'failed' }>;
  }
}

/** Not sent, for a reason Portier words itself. */
export function notSent(text: Localized): VerificationAnswer {
  return { sent: false, message: text.en, localized: text };
}

/** The panel's answer: sent or not, and in words why not. */
export function verificationAnswer(result: VerificationResult): VerificationAnswer {
  switch (result.status) {
    case 'sent':
      return { sent: true };
    case 'already_verified':
      return notSent({
        en: `${result.email} is already verified: Zendesk sends no verification email.`,
        fr: `${result.email} est déjà vérifiée : Zendesk n'envoie pas d'e-mail de vérification.`,
      });
    case 'failed':
      return { sent: false, message: result.message };
  }
}
