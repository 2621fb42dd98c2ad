// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentJobs } from '../../../components/jobs/RecentJobs';
import { openDb, type PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { Request } from '../../../core/messages';
import type { Invitation, Job, Target } from '../../../core/model';
import { renderWith, type Answers } from './feature-platform';

const NOW = '2026-05-01T10:00:00.000Z';
const LATER = '2026-05-01T10:05:00.000Z';
const TARGET: Target = { key: 'hc-1', kind: 'zoho_desk.help_center', id: '1', vendor: 'zoho_desk', accountId: 'acct', name: 'Acme Help Center', fetchedAt: NOW };
let db: PortierDb;
let asks: Request[];

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'job-1',
    vendor: 'zoho_desk',
    accountId: 'acct',
    targetKey: 'hc-1',
    action: 'invite',
    status: 'completed',
    counts: { total: 3, invited: 1, already_member: 0, failed: 2, skipped: 0 },
    attempts: 0,
    nextAttemptAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

function item(seq: number, over: Partial<Invitation> = {}): Invitation {
  return {
    id: `zoho_desk:acct:${seq}→hc-1`,
    contactKey: `zoho_desk:acct:${seq}`,
    targetKey: 'hc-1',
    email: `person${seq}@example.com`,
    status: 'failed',
    reason: { code: 'VENDOR_UNAVAILABLE' },
    jobId: 'job-1',
    seq,
    updatedAt: NOW,
    ...over,
  };
}

/** What the background's retry does to the rows (core/jobs/create.ts): a new job, which takes the pairs over. */
async function retryInNewJob(seqs: number[]): Promise<void> {
  await db.jobs.put(job({ id: 'job-2', status: 'queued', createdAt: LATER, counts: { total: seqs.length, invited: 0, already_member: 0, failed: 0, skipped: 0 } }));
  await db.invitations.bulkPut(seqs.map((seq, i) => item(seq, { status: 'queued', reason: undefined, jobId: 'job-2', seq: i, updatedAt: LATER })));
}

function renderJobs(retried: number[], locale: Locale = 'en') {
  const answers: Answers = {
    retryFailed: async () => {
      await retryInNewJob(retried);
      return { jobs: [{ jobId: 'job-2', action: 'invite' }] };
    },
  };
  return renderWith(<RecentJobs accountId="acct" />, { db, answers, asks, locale });
}

/** The old job's card: the newer one is listed above it. */
const oldCard = () => screen.getAllByRole('article').at(-1)!;

beforeEach(async () => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  await db.targets.put(TARGET);
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

describe('FailedItems after "Retry failed invitations"', () => {
  it('puts the focus on a line of the old card that says where its failed rows went, and keeps counting them as failed', async () => {
    await db.jobs.put(job());
    await db.invitations.bulkPut([item(0, { status: 'invited', reason: undefined }), item(1), item(2)]);
    renderJobs([1, 2]);
    const retry = await screen.findByRole('button', { name: 'Retry 2 failed invitations' });
    retry.focus();
    fireEvent.click(retry);

    const line = await screen.findByText('The 2 invitations that failed in this job were tried again in a later job; the newer cards above show where they stand.');
    await waitFor(() => expect(document.activeElement).toBe(line));
    expect(line.tabIndex).toBe(-1);
    expect(asks).toEqual([{ type: 'retryFailed', jobId: 'job-1' }]);
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
    const card = oldCard();
    expect(card.contains(line)).toBe(true);
    // Honest counts: they failed in this job, whatever the new one makes of them.
    expect(card.querySelector('summary')?.textContent).toBe('2 failed');
    expect(within(card).queryByRole('listbox')).toBeNull();
    expect(within(card).queryByRole('button', { name: /^Retry/ })).toBeNull();
  });

  it('says it in French, and keeps listing what a retry cannot fix', async () => {
    await db.jobs.put(job({ counts: { total: 3, invited: 0, already_member: 0, failed: 3, skipped: 0 } }));
    await db.invitations.bulkPut([item(0, { reason: { code: 'VENDOR_ERROR', message: 'Contact is locked' } }), item(1), item(2)]);
    renderJobs([1, 2], 'fr');
    const retry = await screen.findByRole('button', { name: 'Relancer 2 invitations en échec' });
    retry.focus();
    fireEvent.click(retry);

    const line = await screen.findByText(
      '2 des 3 invitations en échec dans cette tâche ont été relancées dans une tâche plus récente ; les cartes plus haut indiquent où elles en sont.',
    );
    await waitFor(() => expect(document.activeElement).toBe(line));
    const list = within(oldCard()).getByRole('listbox', { name: 'Invitations en échec' });
    expect(within(list).getAllByRole('option')).toHaveLength(1);
    expect(within(list).getByText('person0@example.com')).toBeTruthy();
    expect(oldCard().querySelector('summary')?.textContent).toBe('3 en échec');
  });

  it('says where the rows went when another job took them, without moving the focus the agent put elsewhere', async () => {
    await db.jobs.put(job({ counts: { total: 1, invited: 0, already_member: 0, failed: 1, skipped: 0 } }));
    await db.invitations.put(item(1));
    renderJobs([]);
    await screen.findByRole('button', { name: 'Retry 1 failed invitation' });
    const elsewhere = document.body.appendChild(document.createElement('button'));
    elsewhere.focus();

    await retryInNewJob([1]);
    expect(await screen.findByText('The invitation that failed in this job was tried again in a later job; the newer cards above show where it stands.')).toBeTruthy();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });
});
