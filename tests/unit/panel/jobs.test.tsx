// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type PortierDb } from '../../../core/db';
import type { RequestType } from '../../../core/messages';
import type { Invitation, Job, Target } from '../../../core/model';
import { RecentJobs } from '../../../components/jobs/RecentJobs';
import { LanguageToggle } from '../../../components/shared/LanguageToggle';
import { LocaleContext } from '../../../components/shared/locale';
import { LocaleProvider } from '../../../components/shared/LocaleProvider';
import { AskError, PlatformContext, type Platform } from '../../../components/shared/platform';
import type { Locale } from '../../../core/i18n';

const NOW = '2026-05-01T10:00:00.000Z';
let db: PortierDb;
let asks: { type: RequestType; [k: string]: unknown }[];
let answers: Partial<Record<RequestType, (req: never) => unknown>>;

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'job-1',
    vendor: 'zoho_desk',
    accountId: 'acct',
    targetKey: 'hc-1',
    action: 'invite',
    status: 'running',
    counts: { total: 10, invited: 0, already_member: 0, failed: 0, skipped: 0 },
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
    status: 'queued',
    jobId: 'job-1',
    seq,
    updatedAt: NOW,
    ...over,
  };
}

const TARGET: Target = { key: 'hc-1', kind: 'zoho_desk.help_center', id: '1', vendor: 'zoho_desk', accountId: 'acct', name: 'Acme Help Center', fetchedAt: NOW };

/** `switchable`: the panel's own LocaleProvider with its EN | FR toggle, so the test can change the language. */
function renderJobs(locale: Locale = 'en', switchable = false) {
  const platform: Platform = {
    database: async () => db,
    ask: (async (request: { type: RequestType }) => {
      asks.push(request as (typeof asks)[number]);
      const answer = answers[request.type];
      if (!answer) throw new Error(`unexpected ask ${request.type}`);
      return answer(request as never);
    }) as Platform['ask'],
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  };
  return render(
    <PlatformContext.Provider value={platform}>
      {switchable ? (
        <LocaleProvider language={locale}>
          <LanguageToggle label="Language" class="pt-lang" />
          <RecentJobs accountId="acct" />
        </LocaleProvider>
      ) : (
        <LocaleContext.Provider value={{ locale, setLocale: () => undefined }}>
          <RecentJobs accountId="acct" />
        </LocaleContext.Provider>
      )}
    </PlatformContext.Provider>,
  );
}

beforeEach(async () => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  answers = {};
  await db.targets.put(TARGET);
});
afterEach(async () => {
  cleanup();
  db.close();
  vi.restoreAllMocks();
});

describe('RecentJobs', () => {
  it('follows a job row written to Dexie: the bar and the counts change as the engine writes', async () => {
    await db.jobs.put(job());
    renderJobs();
    const bar = await screen.findByRole('progressbar', { name: /Acme Help Center/ });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    expect(screen.getByText('Invite to Acme Help Center')).toBeTruthy();
    expect(screen.getByText('Sending')).toBeTruthy();

    await db.jobs.update('job-1', { counts: { total: 10, invited: 4, already_member: 1, failed: 1, skipped: 2 } });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('8'));
    expect(screen.getByText(/8 of 10 done: 4 invited, 1 already a member, 1 failed, 2 skipped/)).toBeTruthy();

    await db.jobs.update('job-1', { status: 'completed', counts: { total: 10, invited: 6, already_member: 1, failed: 1, skipped: 2 } });
    await waitFor(() => expect(screen.getByText('Completed')).toBeTruthy());
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('10');
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
  });

  it('lists only the account’s jobs, newest first, in French too', async () => {
    await db.jobs.bulkPut([
      job({ id: 'old', createdAt: '2026-04-01T10:00:00.000Z' }),
      job({ id: 'new', action: 'reinvite', createdAt: '2026-05-01T11:00:00.000Z' }),
      job({ id: 'other', accountId: 'someone-else' }),
    ]);
    renderJobs('fr');
    await waitFor(() => expect(screen.getAllByRole('progressbar')).toHaveLength(2));
    const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(titles).toEqual(['Réinviter dans Acme Help Center', 'Inviter dans Acme Help Center']);
  });

  it('says what the engine waits for: paused for reconnect, rate limited until…', async () => {
    await db.jobs.bulkPut([
      job({ id: 'a', status: 'paused', pauseReason: 'reconnect', lastError: { kind: 'auth', message: '401 from Zoho Desk', at: NOW } }),
      job({ id: 'b', createdAt: '2026-05-01T09:00:00.000Z', lastError: { kind: 'rate_limited', message: '429 Too Many Requests', at: NOW } }),
    ]);
    renderJobs();
    expect(await screen.findByText(/Paused: reconnect the account/)).toBeTruthy();
    const lines = () => [...document.querySelectorAll('.job-waiting')].map((p) => [p.firstChild?.textContent, p.querySelector('.job-waiting-detail')?.textContent]);
    expect(lines()).toEqual([
      ['Reconnect needed.', ' Details: 401 from Zoho Desk'],
      [expect.stringMatching(/^Rate limited by the vendor until \d.*\.$/), ' Details: 429 Too Many Requests'],
    ]);
  });

  it('gives the same numbers on both lines of an ended job: blocked apart, and what was sent split into invited and failed', async () => {
    await db.jobs.put(job({ status: 'completed', blocked: 5, counts: { total: 50, invited: 36, already_member: 5, failed: 3, skipped: 6 } }));
    renderJobs();
    const card = await screen.findByRole('article', { name: 'Invite to Acme Help Center' });
    expect(card.querySelector('.job-counts')?.textContent).toBe('50 of 50 done: 36 invited, 5 already members, 3 failed, 5 blocked, 1 skipped');
    expect(card.querySelector('.job-report')?.textContent).toBe('50 selected: 39 sent (36 invited, 3 failed), 5 blocked, 5 already members, 1 skipped');

    // People the vendor did not have were never items: both lines count them as skipped.
    await db.jobs.put(job({ status: 'completed', blocked: 1, notFound: 2, counts: { total: 6, invited: 4, already_member: 0, failed: 0, skipped: 2 } }));
    await waitFor(() => expect(card.querySelector('.job-counts')?.textContent).toBe('8 of 8 done: 4 invited, 0 already members, 0 failed, 1 blocked, 3 skipped'));
    expect(card.querySelector('.job-report')?.textContent).toBe('8 selected: 4 sent (4 invited, 0 failed), 1 blocked, 0 already members, 3 skipped');
  });

  it('says "to send" while the job runs, and the same in French once it ended', async () => {
    await db.jobs.put(job({ blocked: 1, counts: { total: 10, invited: 2, already_member: 1, failed: 0, skipped: 1 } }));
    renderJobs('fr');
    expect(await screen.findByText('10 sélectionnés : 8 à envoyer, 1 bloqué, 1 déjà membre, 0 ignoré')).toBeTruthy();
    await db.jobs.put(job({ status: 'completed', blocked: 1, counts: { total: 10, invited: 6, already_member: 1, failed: 2, skipped: 1 } }));
    expect(await screen.findByText('10 sélectionnés : 8 envoyés (6 invités, 2 en échec), 1 bloqué, 1 déjà membre, 0 ignoré')).toBeTruthy();
    expect(screen.getByText('10 sur 10 traités : 6 invités, 1 déjà membre, 2 en échec, 1 bloqué, 0 ignoré')).toBeTruthy();
  });

  it('counts in French with its plurals: the singular for 0 and 1', async () => {
    await db.jobs.put(job({ counts: { total: 1, invited: 1, already_member: 0, failed: 0, skipped: 0 } }));
    renderJobs('fr');
    expect(await screen.findByText('1 sur 1 traité : 1 invité, 0 déjà membre, 0 en échec, 0 ignoré')).toBeTruthy();
    await db.jobs.put(job({ counts: { total: 9, invited: 2, already_member: 3, failed: 1, skipped: 2 } }));
    expect(await screen.findByText('8 sur 9 traités : 2 invités, 3 déjà membres, 1 en échec, 2 ignorés')).toBeTruthy();
  });

  it('says what the engine waits for in French, the vendor’s words quoted as a detail', async () => {
    await db.jobs.put(job({ lastError: { kind: 'rate_limited', message: '429 Too Many Requests', at: NOW } }));
    renderJobs('fr');
    await waitFor(() => expect(document.querySelector('.job-waiting')).not.toBeNull());
    const line = document.querySelector('.job-waiting')!;
    expect(line.firstChild?.textContent).toMatch(/^Limite d'appels de l'éditeur atteinte jusqu'à \d.*\.$/);
    expect(line.querySelector('.job-waiting-detail')?.textContent).toBe(' Détail : 429 Too Many Requests');
  });

  it('one job for a confirmation that mixes actions: its title, and what each action carries', async () => {
    await db.jobs.put(job({ actions: { invite: 39, reinvite: 4, activate: 1 }, counts: { total: 44, invited: 0, already_member: 0, failed: 0, skipped: 0 } }));
    renderJobs();
    expect(await screen.findByRole('heading', { name: 'Invitations to Acme Help Center' })).toBeTruthy();
    expect(screen.getByText('39 invitations, 4 re-invitations, 1 activation')).toBeTruthy();
  });

  it('says when a silent vendor is tried again, that a batch is being checked, and Pausing… until the batch in flight is answered', async () => {
    const retryAt = '2026-05-01T10:42:00.000Z';
    await db.jobs.bulkPut([
      job({ id: 'a', status: 'queued', lastError: { kind: 'transient', message: 'zoho_desk GET /api/v1/contacts: 503', at: NOW, retryAt } }),
      job({ id: 'b', createdAt: '2026-05-01T09:00:00.000Z', batch: { id: 'b1', from: 0, to: 10, phase: 'sending', sends: 1, failures: 0 } }),
      job({ id: 'c', createdAt: '2026-05-01T08:00:00.000Z', pauseRequested: true, batch: { id: 'c1', from: 0, to: 10, phase: 'polling', sends: 1, failures: 0 } }),
    ]);
    renderJobs();
    const time = new Date(retryAt).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' });
    expect(await screen.findByText(`Zoho Desk is not answering, retrying at ${time}. Nothing is lost: the job goes on by itself.`)).toBeTruthy();
    expect(screen.getByText('Checking with Zoho Desk whether the last batch arrived…')).toBeTruthy();
    expect(screen.getByText('Pausing after the batch in progress…')).toBeTruthy();
  });

  it('says a vendor job whose status could not be read is asked about again, with the vendor’s words, in both languages', async () => {
    const retryAt = '2026-05-01T10:42:00.000Z';
    const message = 'zoho_desk GET /api/v1/jobs/9: 404 RecordNotFound';
    await db.jobs.put(job({ status: 'queued', lastError: { kind: 'transient', message, at: NOW, retryAt }, batch: { id: 'b1', from: 0, to: 10, phase: 'polling', sends: 1, failures: 1, vendorJobId: '9' } }));
    const { unmount } = renderJobs();
    const time = (locale: string) => new Date(retryAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    expect(await screen.findByText(`Zoho Desk has not said yet how its job for the last batch went; asking again at ${time('en')}. Nobody is counted as failed meanwhile.`)).toBeTruthy();
    expect(screen.getByText(message, { exact: false })).toBeTruthy();
    expect(screen.queryByText(/is not answering/)).toBeNull();
    unmount();
    renderJobs('fr');
    expect(await screen.findByText(`Zoho Desk n'a pas encore indiqué comment s'est passée sa tâche pour le dernier lot ; nouvelle question à ${time('fr')}. Personne n'est compté en échec entre-temps.`)).toBeTruthy();
  });

  it('gives the bar, its aria values and the counts line the same done and total, the people the vendor did not have included', async () => {
    // 8 items (3 done) and 2 the vendor did not have: 5 of 10 done, half the bar.
    await db.jobs.put(job({ notFound: 2, counts: { total: 8, invited: 3, already_member: 0, failed: 0, skipped: 0 } }));
    renderJobs();
    const card = await screen.findByRole('article', { name: 'Invite to Acme Help Center' });
    expect(card.querySelector('.job-counts')?.textContent).toBe('5 of 10 done: 3 invited, 0 already members, 0 failed, 2 skipped');
    const bar = within(card).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('5');
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    expect(bar.getAttribute('aria-valuetext')).toBe('50 %');
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('50%');
  });

  it('says a job that began is waiting to continue, not to start, and why when it is the vendor’s rate limit', async () => {
    const rateLimited = { kind: 'rate_limited' as const, message: '429 Too Many Requests', at: NOW };
    await db.jobs.bulkPut([
      job({ id: 'fresh', status: 'queued' }),
      job({ id: 'slice', createdAt: '2026-05-01T09:00:00.000Z', status: 'queued', cursor: 5, attempts: 1, counts: { total: 10, invited: 5, already_member: 0, failed: 0, skipped: 0 } }),
      job({ id: 'limit', createdAt: '2026-05-01T08:00:00.000Z', status: 'queued', cursor: 5, attempts: 1, lastError: rateLimited, counts: { total: 10, invited: 5, already_member: 0, failed: 0, skipped: 0 } }),
    ]);
    const { unmount } = renderJobs();
    await screen.findByText('Waiting to start');
    const badges = () => [...document.querySelectorAll('.job-badge')].map((b) => b.textContent);
    expect(badges()).toEqual(['Waiting to start', 'Waiting to continue', 'Paused for the vendor’s rate limit, continues by itself']);
    unmount();

    renderJobs('fr');
    await screen.findByText('En attente');
    expect(badges()).toEqual(['En attente', 'En attente de reprise', "En pause pour la limite d'appels de l'éditeur, reprend d'elle-même"]);
  });

  it('says what to do about a batch held after a 403: an administrator gives the permission back, Portier checks again by itself', async () => {
    const retryAt = '2026-05-01T10:15:00.000Z';
    const message = 'zoho_crm GET /crm/v8/Contacts/search: 403 NO_PERMISSION: permission denied';
    await db.jobs.put(
      job({
        vendor: 'zoho_crm',
        status: 'queued',
        cursor: 10,
        attempts: 1,
        nextAttemptAt: retryAt,
        batch: { id: 'b1', from: 0, to: 10, phase: 'sending', sends: 1, failures: 3 },
        lastError: { kind: 'refused', message, at: NOW, retryAt },
      }),
    );
    const { unmount } = renderJobs();
    const time = (locale: string) => new Date(retryAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    await waitFor(() => expect(document.querySelector('.job-waiting')).not.toBeNull());
    const line = () => document.querySelector('.job-waiting')!;
    expect(line().firstChild?.textContent).toBe(
      `Zoho CRM refused to say whether the last batch arrived: this account may no longer read contacts and their portal users. An administrator of Zoho CRM must give that permission back; Portier checks again by itself at ${time('en')}, and the job goes on.`,
    );
    expect(line().querySelector('.job-waiting-detail')?.textContent).toBe(` Details: ${message}`);
    unmount();

    renderJobs('fr');
    await waitFor(() => expect(document.querySelector('.job-waiting')).not.toBeNull());
    expect(line().firstChild?.textContent).toBe(
      `Zoho CRM a refusé de dire si le dernier lot est arrivé : ce compte ne peut plus lire les contacts et leurs utilisateurs du portail. Un administrateur de Zoho CRM doit lui rendre cette autorisation ; Portier vérifie de nouveau de lui-même à ${time('fr')}, et la tâche reprend.`,
    );
  });

  it('keeps "The vendor refused" for a refusal Portier does not try again', async () => {
    await db.jobs.put(job({ lastError: { kind: 'refused', message: '403 Forbidden', at: NOW } }));
    renderJobs();
    await waitFor(() => expect(document.querySelector('.job-waiting')).not.toBeNull());
    expect(document.querySelector('.job-waiting')!.firstChild?.textContent).toBe('The vendor refused.');
  });

  it('asks pauseJob, resumeJob and cancelJob (after a confirmation), disabled while pending', async () => {
    await db.jobs.put(job());
    let release!: () => void;
    answers.pauseJob = () => new Promise((resolve) => (release = () => resolve({ jobId: 'job-1', status: 'paused' })));
    answers.resumeJob = () => ({ jobId: 'job-1', status: 'running' });
    answers.cancelJob = () => ({ jobId: 'job-1', status: 'cancelled' });
    renderJobs();

    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Pause' }) as HTMLButtonElement).disabled).toBe(true));
    expect(asks).toEqual([{ type: 'pauseJob', jobId: 'job-1' }]);
    release();
    await screen.findByText('Job paused.');

    await db.jobs.update('job-1', { status: 'paused', pauseReason: 'agent' });
    expect(await screen.findByText('Paused by an agent')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Resume' }));
    await screen.findByText('Job resumed.');
    expect(asks.at(-1)).toEqual({ type: 'resumeJob', jobId: 'job-1' });

    fireEvent.click(screen.getByRole('button', { name: 'Cancel job' }));
    const dialog = screen.getByRole('alertdialog');
    expect(asks.some((a) => a.type === 'cancelJob')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep going' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(asks.some((a) => a.type === 'cancelJob')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel job' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, cancel the job' }));
    await screen.findByText('Job cancelled.');
    expect(asks.at(-1)).toEqual({ type: 'cancelJob', jobId: 'job-1' });
  });

  it('shows a refusal of the background as an alert', async () => {
    await db.jobs.put(job());
    answers.pauseJob = () => {
      throw new Error('There is no job "job-1"');
    };
    renderJobs();
    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    expect((await screen.findByRole('alert')).textContent).toContain('There is no job');
  });

  it('words a refusal in the panel’s language, and again in the one the agent picks after it', async () => {
    await db.jobs.put(job({ status: 'completed', counts: { total: 2, invited: 1, already_member: 0, failed: 1, skipped: 0 } }));
    await db.invitations.bulkPut([item(0, { status: 'invited' }), item(1, { status: 'failed', reason: { code: 'VENDOR_UNAVAILABLE' } })]);
    answers.retryFailed = () => {
      throw new AskError('NEEDS_RECONNECT', 'Zoho Desk signed you out: reconnect Acme.', { en: 'Zoho Desk signed you out: reconnect Acme.', fr: 'Zoho Desk vous a déconnecté : reconnectez Acme.' });
    };
    renderJobs('fr', true);
    fireEvent.click(await screen.findByRole('button', { name: 'Relancer 1 invitation en échec' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Zoho Desk vous a déconnecté : reconnectez Acme.');

    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Zoho Desk signed you out: reconnect Acme.'));
    expect(asks).toEqual([{ type: 'retryFailed', jobId: 'job-1' }]);
  });

  it('words a refused pause in French, then in English once the agent switches', async () => {
    await db.jobs.put(job());
    answers.pauseJob = () => {
      throw new AskError('NOT_FOUND', 'There is no job "job-1".', { en: 'There is no job "job-1".', fr: 'Aucune tâche « job-1 ».' });
    };
    renderJobs('fr', true);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Aucune tâche « job-1 ».');
    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('There is no job "job-1".'));
  });

  it('lists the failed invitees with the reason and what to do in words, live, and retries only what a retry may fix', async () => {
    await db.jobs.put(job({ status: 'completed', counts: { total: 4, invited: 1, already_member: 0, failed: 3, skipped: 0 } }));
    await db.invitations.bulkPut([
      item(0, { status: 'invited' }),
      item(1, { status: 'failed', reason: { code: 'VENDOR_UNAVAILABLE' } }),
      item(2, { status: 'failed', email: '<img src=x onerror=alert(1)>', reason: { code: 'VENDOR_ERROR', message: 'Contact is locked' } }),
      item(3, { status: 'failed', reason: { code: 'VENDOR_ERROR', message: 'UNPROCESSABLE_ENTITY: UNPROCESSABLE_ENTITY (HTTP 422)' } }),
    ]);
    answers.retryFailed = () => ({ jobs: [{ jobId: 'job-2', action: 'invite' }] });
    renderJobs();
    const list = await screen.findByRole('listbox', { name: 'Failed invitations' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(3));
    expect(within(list).getByText('person1@example.com')).toBeTruthy();
    expect(within(list).getByText('The vendor did not answer, several times')).toBeTruthy();
    expect(within(list).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(list.querySelector('img')).toBeNull();
    // An unknown refusal keeps the vendor's words; a known vendor code is worded, never shown as code.
    expect(within(list).getByText('Refused by the vendor: Contact is locked')).toBeTruthy();
    expect(within(list).getByText('The vendor did not accept this contact’s data')).toBeTruthy();
    expect(list.textContent).not.toContain('UNPROCESSABLE_ENTITY');
    expect(screen.queryByText('person0@example.com')).toBeNull();
    expect(screen.getByText('2 would fail the same way if retried now: fix what the reason says, then invite again.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry 1 failed invitation' }));
    await screen.findByText('A new job retries the failed invitations.');
    expect(asks).toEqual([{ type: 'retryFailed', jobId: 'job-1' }]);

    // Once only permanent refusals are left, no retry is offered.
    await db.invitations.update(item(1).id, { status: 'invited' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
  });

  it('exports every item of the job as a neutralised CSV download', async () => {
    await db.jobs.put(job({ status: 'completed', counts: { total: 2, invited: 1, already_member: 0, failed: 1, skipped: 0 } }));
    await db.invitations.bulkPut([
      item(0, { status: 'invited' }),
      item(1, { status: 'failed', email: '=HYPERLINK("x")@evil.com', reason: { code: 'VENDOR_ERROR', message: '+1 bad' } }),
    ]);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:portier';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderJobs();
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await screen.findByText('The CSV file was downloaded.');
    expect(clicked).toEqual(['portier-invite-acme-help-center-2026-05-01.csv']);
    const text = (await blobs[0]!.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')).toEqual([
      'email,status,reason code,vendor code,reason,what to do,vendor message',
      'person0@example.com,invited,,,,,',
      `"'=HYPERLINK(""x"")@evil.com",failed,VENDOR_ERROR,,Refused by the vendor,"The vendor refused for a reason Portier cannot name. Its own words, when it gave any, say what to fix in its app; then invite again.",'+1 bad`,
    ]);
  });
});

describe('JobControls: where the focus goes', () => {
  it('keeps the focus on Pause when the job pauses: the same button now says Resume', async () => {
    await db.jobs.put(job());
    answers.pauseJob = () => ({ jobId: 'job-1', status: 'paused' });
    renderJobs();
    const pause = await screen.findByRole('button', { name: 'Pause' });
    pause.focus();
    fireEvent.click(pause);
    await screen.findByText('Job paused.');
    expect(document.activeElement).toBe(pause);

    await db.jobs.update('job-1', { status: 'paused', pauseReason: 'agent' });
    const resume = await screen.findByRole('button', { name: 'Resume' });
    expect(document.activeElement).toBe(resume);
    expect(resume.hasAttribute('aria-pressed')).toBe(false);
  });

  it('keeps the focus on Resume when the job goes on: the same button now says Pause', async () => {
    await db.jobs.put(job({ status: 'paused', pauseReason: 'agent' }));
    answers.resumeJob = () => ({ jobId: 'job-1', status: 'queued' });
    renderJobs();
    const resume = await screen.findByRole('button', { name: 'Resume' });
    resume.focus();
    fireEvent.click(resume);
    await screen.findByText('Job resumed.');

    await db.jobs.update('job-1', { status: 'queued', pauseReason: undefined });
    const pause = await screen.findByRole('button', { name: 'Pause' });
    expect(document.activeElement).toBe(pause);
  });

  it('gives the focus back to Cancel job on Keep going and on Escape', async () => {
    await db.jobs.put(job());
    renderJobs();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel job' }));
    const yes = within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, cancel the job' });
    await waitFor(() => expect(document.activeElement).toBe(yes));

    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Keep going' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel job' })));

    fireEvent.click(screen.getByRole('button', { name: 'Cancel job' }));
    const again = within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, cancel the job' });
    await waitFor(() => expect(document.activeElement).toBe(again));
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel job' })));
    expect(asks).toEqual([]);
  });

  it('puts the focus on the card’s status once the job is cancelled, since Cancel job is gone', async () => {
    await db.jobs.put(job());
    answers.cancelJob = () => ({ jobId: 'job-1', status: 'running' });
    renderJobs();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel job' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, cancel the job' }));
    await screen.findByText('Job cancelled.');
    const status = screen.getByRole('article', { name: 'Invite to Acme Help Center' }).querySelector('.job-status') as HTMLElement;
    await waitFor(() => expect(document.activeElement).toBe(status));
    expect(status.tabIndex).toBe(-1);

    // The background marks the row: Cancel job goes, the focus stays on words that say what happens.
    await db.jobs.update('job-1', { cancelRequested: true });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull());
    expect(document.activeElement).toBe(status);
    expect(status.textContent).toBe('Cancelling after the batch in progress');
  });

  it('puts the focus on the card’s status when the job ends under a focused Pause, not on the page', async () => {
    await db.jobs.put(job({ counts: { total: 10, invited: 9, already_member: 0, failed: 0, skipped: 0 } }));
    renderJobs();
    const pause = await screen.findByRole('button', { name: 'Pause' });
    pause.focus();

    await db.jobs.update('job-1', { status: 'completed', counts: { total: 10, invited: 10, already_member: 0, failed: 0, skipped: 0 } });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull());
    const status = screen.getByRole('article', { name: 'Invite to Acme Help Center' }).querySelector('.job-status') as HTMLElement;
    await waitFor(() => expect(document.activeElement).toBe(status));
  });

  it('leaves the focus where the agent put it when a job ends elsewhere on the panel', async () => {
    await db.jobs.put(job());
    renderJobs();
    await screen.findByRole('button', { name: 'Pause' });
    const elsewhere = document.body.appendChild(document.createElement('button'));
    elsewhere.focus();

    await db.jobs.update('job-1', { status: 'completed', counts: { total: 10, invited: 10, already_member: 0, failed: 0, skipped: 0 } });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull());
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('gives the focus back to Cancel job when the background refuses the cancel', async () => {
    await db.jobs.put(job());
    answers.cancelJob = () => {
      throw new Error('There is no job "job-1"');
    };
    renderJobs();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel job' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, cancel the job' }));
    await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel job' })));
  });
});

describe('JobCard: what a screen reader hears', () => {
  const card = () => screen.findByRole('article', { name: 'Invite to Acme Help Center' });
  const counts = (invited: number, failed = 0) => ({ total: 10, invited, already_member: 0, failed, skipped: 0 });

  it('says when the job pauses and when it ends, and nothing on a counter tick', async () => {
    await db.jobs.put(job());
    renderJobs();
    const live = within(await card()).getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('');

    // Counts, and the engine's queued ↔ running at every slice: nothing said.
    await db.jobs.update('job-1', { counts: counts(3) });
    await screen.findByText(/^3 of 10 done/);
    await db.jobs.update('job-1', { status: 'queued' });
    await screen.findByText('Waiting to start');
    await db.jobs.update('job-1', { status: 'running', counts: counts(4) });
    await screen.findByText(/^4 of 10 done/);
    expect(live.textContent).toBe('');

    await db.jobs.update('job-1', { status: 'paused', pauseReason: 'agent' });
    await waitFor(() =>
      expect(live.textContent).toBe('Invite to Acme Help Center: Paused by an agent. 4 of 10 done: 4 invited, 0 already members, 0 failed, 0 skipped.'),
    );

    await db.jobs.update('job-1', { status: 'queued', pauseReason: undefined });
    await screen.findByText('Waiting to start');
    await waitFor(() => expect(live.textContent).toBe(''));

    await db.jobs.update('job-1', { status: 'completed', counts: counts(10) });
    await waitFor(() =>
      expect(live.textContent).toBe('Invite to Acme Help Center: Completed. 10 of 10 done: 10 invited, 0 already members, 0 failed, 0 skipped.'),
    );
    const said = live.firstChild;
    // A later write of the row that only touches counts or times: the region keeps its words and its node.
    await db.jobs.update('job-1', { counts: { ...counts(9), skipped: 1 }, updatedAt: '2026-05-01T10:05:00.000Z' });
    await screen.findByText(/^10 of 10 done: 9 invited/);
    expect(live.textContent).toBe('Invite to Acme Help Center: Completed. 10 of 10 done: 10 invited, 0 already members, 0 failed, 0 skipped.');
    expect(live.firstChild).toBe(said);
  });

  it('says when the first failures appear, then not at each new one', async () => {
    await db.jobs.put(job({ counts: counts(2) }));
    renderJobs();
    const live = within(await card()).getByRole('status');
    await db.jobs.update('job-1', { counts: counts(2, 2) });
    await waitFor(() =>
      expect(live.textContent).toBe('Invite to Acme Help Center: 2 invitations failed so far. The job goes on; the failed invitations are listed in it.'),
    );
    await db.jobs.update('job-1', { counts: counts(3, 3) });
    await screen.findByText(/^6 of 10 done/);
    expect(live.textContent).toBe('Invite to Acme Help Center: 2 invitations failed so far. The job goes on; the failed invitations are listed in it.');
  });

  it('says that the job ended in French', async () => {
    await db.jobs.put(job());
    renderJobs('fr');
    const live = within(await screen.findByRole('article', { name: 'Inviter dans Acme Help Center' })).getByRole('status');
    await db.jobs.update('job-1', { status: 'cancelled', counts: counts(4, 1) });
    await waitFor(() =>
      expect(live.textContent).toBe('Inviter dans Acme Help Center : Annulé. 5 sur 10 traités : 4 invités, 0 déjà membre, 1 en échec, 0 ignoré.'),
    );
  });
});
