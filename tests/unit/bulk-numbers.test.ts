import { describe, expect, it } from 'vitest';
import { summarise } from '../../components/bulk/summary';
import { BULK_TEXTS } from '../../components/bulk/texts';
import { jobReport } from '../../components/jobs/report';
import { planBulk } from '../../core/eligibility';
import { createJobsByAction } from '../../core/jobs';
import { Contact, recordKey, Target, type EligibilityContact } from '../../core/model';
import { contacts, drain, freshDb, job, target, world } from './jobs/helpers';

/**
 * Issue #12, item 1: the preview, its button and the job's report add up to the selection
 * (sent + blocked + already members + skipped = selected), with the same numbers, for a bulk that
 * mixes every way a contact can go: invite, re-invite, activate, a warning, blockers, members, a
 * pending invitation, a duplicate, ids the vendor does not have.
 */
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const DAY = 86_400_000;

const portal = Target.parse({
  kind: 'zoho_crm.portal',
  id: 'ut-1',
  key: 'zoho_crm:acme:ut-1',
  vendor: 'zoho_crm',
  accountId: 'acme',
  name: 'Customers',
  portalName: 'Acme portal',
  consentRequired: true,
  companyDomains: ['acme.co'],
  seats: { used: 0, limit: 1000 },
  fetchedAt: new Date(T0).toISOString(),
});

type Shape = Partial<EligibilityContact> & { membership?: EligibilityContact['membership'] };

function person(i: number, shape: Shape = {}): Contact & { membership?: EligibilityContact['membership'] } {
  const id = String(9000 + i);
  const email = 'email' in shape ? shape.email : `client${i}@woodgrove.com`;
  return {
    ...Contact.parse({
      id,
      key: recordKey('zoho_crm', 'acme', id),
      vendor: 'zoho_crm',
      accountId: 'acme',
      module: 'Contacts',
      name: `Client ${i}`,
      ...(email !== undefined ? { email } : {}),
      recordState: shape.recordState ?? 'active',
      consent: shape.consent ?? 'given',
      fetchedAt: new Date(T0).toISOString(),
    }),
    ...(shape.membership ? { membership: shape.membership } : {}),
  };
}

/** 20 contacts: 11 to invite (one to a mailbox that cannot receive mail), 2 expired, 1 deactivated, and 6 that are not sent. */
function selection() {
  const expired = { status: 'invited' as const, invitedAt: new Date(T0 - 10 * DAY).toISOString() };
  return [
    ...Array.from({ length: 10 }, (_, i) => person(i)),
    person(10, { email: 'placeholder@example.invalid' }), // warn: EMAIL_DOMAIN_RESERVED, still sent
    person(11, { membership: expired }),
    person(12, { membership: expired }),
    person(13, { membership: { status: 'deactivated' } }), // activate
    person(14, { membership: { status: 'deactivated' }, consent: 'missing' }), // a deactivated user a rule blocks: blocked
    person(15, { email: undefined }), // blocked: EMAIL_MISSING
    person(16, { consent: 'missing' }), // blocked: CONSENT_MISSING
    person(17, { membership: { status: 'active' } }), // already a member
    person(18, { membership: { status: 'invited', invitedAt: new Date(T0 - DAY).toISOString() } }), // pending: already a member
    person(19, { email: 'CLIENT0@woodgrove.com' }), // duplicate of client 0: skipped
  ];
}

describe('a bulk’s numbers', () => {
  it('are the same in the preview, on its button and in the job, and add up to the selection', async () => {
    const people = selection();
    const missing = ['9999', '9998']; // two ticked ids the vendor does not have
    const selected = people.length + missing.length;
    const plan = planBulk(people, portal, { role: 'admin', permissions: ['portal.manage'] }, new Date(T0));

    const preview = summarise(
      plan.items.map(({ contactId, verdict }) => ({ contactId, verdict })),
      missing.length,
      selected,
    );
    expect(preview.actions).toEqual({ invite: 11, reinvite: 2, activate: 1 });
    expect(preview.warned).toMatchObject({ count: 1, codes: [{ code: 'EMAIL_DOMAIN_RESERVED', count: 1 }] });
    expect(preview.blocked.count).toBe(3);
    expect(preview.blocked.codes.map((c) => c.code).sort()).toEqual(['CONSENT_MISSING', 'EMAIL_MISSING']);
    expect(preview.alreadyMember.count).toBe(2);
    expect(preview.skipped).toMatchObject({ count: 3, notFound: 2, merged: 0 });
    expect(preview.toSend + preview.blocked.count + preview.alreadyMember.count + preview.skipped.count).toBe(selected);
    expect(preview.toSend + preview.notSent).toBe(selected);
    expect(BULK_TEXTS.en.send(preview.actions)).toBe('Send 14: 11 invite, 2 re-invite, 1 activate');
    expect(BULK_TEXTS.fr.send(preview.actions)).toBe('Envoyer 14 : 11 invitations, 2 réinvitations, 1 activation');

    // One confirmation, one job, with the preview's numbers.
    const db = freshDb();
    const jobs = await createJobsByAction(db, { target: portal, contacts: people, plan, now: new Date(T0), notFound: missing.length });
    expect(jobs).toHaveLength(1);
    const j = await job(db, jobs[0]!.jobId);
    expect(j.actions).toEqual(preview.actions);
    const report = jobReport(j);
    expect(report).toEqual({
      selected,
      sent: preview.toSend,
      blocked: preview.blocked.count,
      already: preview.alreadyMember.count,
      skipped: preview.skipped.count,
      invited: 0,
      failed: 0,
      finished: false,
    });
    expect(report.sent + report.blocked + report.already + report.skipped).toBe(report.selected);
    // The blocked deactivated user is blocked by its rule, whatever action the job starts with.
    const row = await db.invitations.get(`${people[14]!.key}→${portal.key}`);
    expect(row).toMatchObject({ status: 'skipped', reason: { code: 'CONSENT_MISSING' } });
  });

  it('a single action says its verb: "Invite 44", "Re-invite 4"; nothing to send is "Invite 0"', () => {
    expect(BULK_TEXTS.en.send({ invite: 44 })).toBe('Invite 44');
    expect(BULK_TEXTS.en.send({ reinvite: 4 })).toBe('Re-invite 4');
    expect(BULK_TEXTS.fr.send({ activate: 1 })).toBe('Activer 1');
    expect(BULK_TEXTS.en.send({})).toBe('Invite 0');
  });

  it('the finished job’s report still adds up to the selection, whatever the vendor answered', async () => {
    const people = contacts(6, T0);
    const known = people.map((c, i) => (i === 5 ? { ...c, email: undefined } : c));
    const w = await world(6, {}, known);
    // A second job over the same people, with one id the vendor did not have.
    const t = target(w.clock.now());
    const plan = planBulk(known, t, { role: 'admin' }, new Date(w.clock.now()));
    const [second] = await createJobsByAction(w.db, { target: t, contacts: known, plan, now: new Date(w.clock.now()), notFound: 1 });
    await drain(w.engine(), w.clock);
    for (const id of [w.jobId, second!.jobId]) {
      const r = jobReport(await job(w.db, id));
      expect(r.finished).toBe(true);
      expect(r.sent + r.blocked + r.already + r.skipped).toBe(r.selected);
    }
    const first = jobReport(await job(w.db, w.jobId));
    expect(first).toMatchObject({ selected: 6, sent: 5, blocked: 1, already: 0, skipped: 0 });
    // Every contact of the second job was already held by the first: skipped, plus the one not found.
    expect(jobReport(await job(w.db, second!.jobId))).toMatchObject({ selected: 7, sent: 0, blocked: 1, skipped: 6 });
  });
});
