import type { Localized } from '../../i18n';
import type { ReasonCode } from '../../model';
import { VendorRefusedError, type VendorRequest, type VendorResponse } from '../http';
import type { VerificationAnswer } from '../types';
import { failed, refusalReason } from './errors';
import { IdentitiesAnswer, type Identity } from './schemas';
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

/**
 * `verification_method` (support-oas.yaml UserIdentityObject; Zendesk's announcement of it, KB
 * 9084978390810): `none` is an address added without proof of ownership; `low` (set verified by an
 * agent or the API), `sso`, `embed` (a messaging JWT) and `full` (Zendesk's own email flow) are what
 * the deprecated `verified: true` stood for. `verified: true` is still read when it is sent.
 */
const VERIFIED_METHODS: ReadonlySet<string> = new Set(['low', 'sso', 'embed', 'full']);

export function isVerified(identity: Pick<Identity, 'verification_method' | 'verified'>): boolean {
  return identity.verified === true || (identity.verification_method != null && VERIFIED_METHODS.has(identity.verification_method));
}

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
    // Without a primary flag any address is a guess: take one that can be named in the request.
    const primary = emails.find((i) => i.primary === true) ?? emails.find((i) => i.id != null) ?? emails[0];
    if (!primary) return { status: 'failed', code: 'EMAIL_MISSING', message: 'The user has no email identity.' };
    if (isVerified(primary)) return { status: 'already_verified', email: primary.value };
    if (primary.id == null) {
      return { status: 'failed', code: 'VENDOR_ERROR', message: `Zendesk did not give the id of the identity ${primary.value}: no verification email can be asked for.` };
    }
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
