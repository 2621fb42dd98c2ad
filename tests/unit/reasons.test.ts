import { describe, expect, it } from 'vitest';
import { detailLine as contactDetailLine, reasonLine as contactReasonLine } from '../../components/contact/reasons';
import { jobCsvRows } from '../../components/jobs/export';
import { itemReasonText } from '../../components/jobs/reasons';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import { ENGINE_REASONS } from '../../core/jobs';
import { ReasonCode, type Invitation } from '../../core/model';
import { codeWords, describeReason, isRetryable, reasonLine } from '../../core/reasons';

/** Issue #12, item 4: one table of words for rule, engine and vendor codes, read by every view. */
describe('reasons in words', () => {
  it('has words in English and French for every rule and engine code, never the code itself', () => {
    const codes = [...ReasonCode.options, ...Object.values(ENGINE_REASONS), 'VENDOR_ERROR'];
    for (const code of codes) {
      for (const locale of ['en', 'fr'] as const) {
        const words = codeWords(code, locale);
        expect(words.title, `${code} ${locale}`).not.toMatch(/[A-Z]{3,}_/);
        expect(words.help.length, `${code} ${locale}`).toBeGreaterThan(20);
      }
      expect(codeWords(code, 'en').title).not.toBe(codeWords(code, 'fr').title);
    }
    expect(codeWords('EMAIL_MISSING', 'en')).toEqual(REASON_TEXTS.EMAIL_MISSING.en);
  });

  it('words a code the same on the contact card, the job cards and the history', () => {
    for (const code of [...Object.values(ENGINE_REASONS), 'LICENSE_LIMIT']) {
      for (const locale of ['en', 'fr'] as const) {
        const line = reasonLine({ code }, locale);
        expect(contactReasonLine({ code }, locale)).toBe(line);
        expect(itemReasonText({ code }, locale)).toBe(line);
        expect(contactDetailLine(code, locale)).toBe(line);
      }
    }
  });

  it('words what Portier itself did in a history line, in each language; a detail kept from before is shown as it is', () => {
    expect(contactDetailLine('RETRIED_IN: j-2, j-3', 'en')).toBe('retried in job j-2, j-3');
    expect(contactDetailLine('RETRIED_IN: j-2, j-3', 'fr')).toBe('relancé dans la tâche j-2, j-3');
    expect(contactDetailLine('TRANSFER_TO: Partners', 'fr')).toBe('déplacement vers Partners');
    expect(contactDetailLine('TRANSFER_TO: Partners: Portal user is the owner', 'en')).toBe('transfer to Partners: Portal user is the owner');
    expect(contactDetailLine('DEACTIVATE', 'fr')).toBe('désactivation');
    expect(contactDetailLine('DEACTIVATE: Portal user is the owner', 'fr')).toBe('désactivation : Portal user is the owner');
    expect(contactDetailLine('DELETE', 'en')).toBe('delete');
    expect(contactDetailLine('retried in job j-1', 'fr')).toBe('retried in job j-1');
  });

  it('puts a vendor’s code in words and drops what only repeats it', () => {
    const reason = { code: 'VENDOR_ERROR', message: 'UNPROCESSABLE_ENTITY: UNPROCESSABLE_ENTITY (HTTP 422)' };
    expect(describeReason(reason, 'en')).toEqual({
      code: 'VENDOR_ERROR',
      vendorCode: 'UNPROCESSABLE_ENTITY',
      title: 'The vendor did not accept this contact’s data',
      help: expect.stringContaining('check its name and email address'),
      retryable: false,
    });
    expect(reasonLine(reason, 'fr')).toBe('L’éditeur n’a pas accepté les données de ce contact');
    // Words Portier cannot name are kept, for the agent and the vendor's support.
    expect(reasonLine({ code: 'VENDOR_ERROR', message: 'Contact is locked' }, 'en')).toBe('Refused by the vendor: Contact is locked');
    expect(reasonLine({ code: 'VENDOR_ERROR', message: 'Contact is locked' }, 'fr')).toMatch(/^[^:]+[^ ] : Contact is locked$/);
    // A rule code keeps the vendor's words for the report only.
    const seats = describeReason({ code: 'LICENSE_LIMIT', message: 'LICENSE_LIMIT_EXCEEDED: License limit exceeded' }, 'en');
    expect(seats).toMatchObject({ title: 'No seat left', vendorCode: 'LICENSE_LIMIT_EXCEEDED', vendorWords: 'License limit exceeded', retryable: true });
    expect(reasonLine({ code: 'LICENSE_LIMIT', message: 'LICENSE_LIMIT_EXCEEDED: License limit exceeded' }, 'en')).toBe('No seat left');
    // A job id is bookkeeping, never shown.
    expect(reasonLine({ code: 'IN_ANOTHER_JOB', message: '3f2a-uuid' }, 'en')).toBe('Already on its way: an invitation started earlier is still being sent');
    // Several blocking rules, each in words.
    expect(reasonLine({ code: 'EMAIL_MISSING', message: 'EMAIL_MISSING, CONSENT_MISSING' }, 'en')).toBe('No email address · No GDPR consent');
  });

  it('calls retryable only what a retry may fix', () => {
    expect(['VENDOR_UNAVAILABLE', 'VENDOR_ANSWER_LOST', 'LICENSE_LIMIT'].every(isRetryable)).toBe(true);
    // Sent again blind, a maybe-sent invitation could reach the person twice: the agent checks first.
    expect(isRetryable('MAYBE_SENT')).toBe(false);
    expect(['VENDOR_ERROR', 'EMAIL_MALFORMED', 'CONSENT_MISSING', 'JOB_CANCELLED'].some(isRetryable)).toBe(false);
  });

  it('writes the CSV report with the code, the vendor’s code, the words and what to do, in the agent’s language', () => {
    const row = (reason: Invitation['reason']): Invitation => ({
      id: 'x', contactKey: 'k', targetKey: 't', email: 'ann@woodgrove.com', status: 'failed', updatedAt: '2026-05-01T00:00:00.000Z', ...(reason ? { reason } : {}),
    });
    const [header, line] = jobCsvRows([row({ code: 'VENDOR_ERROR', message: 'UNPROCESSABLE_ENTITY: UNPROCESSABLE_ENTITY (HTTP 422)' })], 'fr');
    expect(header).toEqual(['e-mail', 'statut', 'code du motif', 'code de l’éditeur', 'motif', 'que faire', 'message de l’éditeur']);
    expect(line).toEqual(['ann@woodgrove.com', 'en échec', 'VENDOR_ERROR', 'UNPROCESSABLE_ENTITY', 'L’éditeur n’a pas accepté les données de ce contact', expect.stringContaining('Ouvrez le contact'), '']);
  });
});
