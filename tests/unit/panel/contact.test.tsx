// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactView } from '../../../components/contact/ContactView';
import { LocaleContext } from '../../../components/shared/locale';
import { AskError, PlatformContext, type Platform } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { Destination, LastCard, Request, RequestType, ResultFor } from '../../../core/messages';
import { invitationId, type Account, type Contact, type Invitation, type Job, type Target } from '../../../core/model';

const NOW = '2026-05-01T10:00:00.000Z';
const XSS = '<img src=x onerror=alert(1)>';
let db: PortierDb;
let asks: Request[];
let answers: { [T in RequestType]?: (request: Extract<Request, { type: T }>) => ResultFor<T> | Promise<ResultFor<T>> };

const CRM: Account = { id: 'com:1', vendor: 'zoho_crm', label: 'Acme CRM', dataCenter: 'com', orgId: '1', authKind: 'oauth', status: 'connected', companyDomains: ['acme.com'], connectedAt: NOW };
const ZENDESK: Account = { id: 'acme', vendor: 'zendesk', label: 'Acme', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: NOW };

function contact(account: Account, over: Partial<Contact> = {}): Contact {
  return { id: '77', key: `${account.vendor}:${account.id}:77`, vendor: account.vendor, accountId: account.id, name: 'Ada Lovelace', email: 'ada@client.org', fetchedAt: NOW, ...over };
}

function target(account: Account, key: string, over: Partial<Target> = {}): Target {
  return { key, id: key, kind: 'zoho_crm.portal', vendor: account.vendor, accountId: account.id, name: key, fetchedAt: NOW, ...over };
}

const CUSTOMERS = target(CRM, 'customers', { name: 'Customers', portalName: 'Acme portal', seats: { used: 3, limit: 10 } });
const PARTNERS = target(CRM, 'partners', { name: 'Partners', portalName: 'Acme portal' });
const VENDORS = target(CRM, 'vendors', { name: 'Vendors', portalName: 'Acme portal' });

const CRM_DESTINATIONS: Destination[] = [
  { target: CUSTOMERS, verdict: { eligible: true, action: 'invite', reasons: [{ code: 'EMAIL_DOMAIN_RESERVED', severity: 'warn' }] } },
  {
    target: PARTNERS,
    verdict: { eligible: false, action: 'none', reasons: [{ code: 'CONSENT_MISSING', severity: 'block' }, { code: 'INVITATION_EXPIRED', severity: 'info' }] },
  },
  { target: VENDORS, verdict: { eligible: false, action: 'none', reasons: [{ code: 'ALREADY_MEMBER', severity: 'info' }] } },
];

function renderContact(account: Account, { locale = 'en' as Locale, module = undefined as string | undefined, lastCard = undefined as LastCard | null | undefined } = {}) {
  const platform: Platform = {
    database: async () => db,
    ask: (async (request: Request) => {
      asks.push(request);
      const answer = answers[request.type] as ((r: Request) => unknown) | undefined;
      if (!answer) throw new Error(`unexpected ask ${request.type}`);
      return answer(request);
    }) as Platform['ask'],
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  };
  const tree = (shown: Locale) => (
    <PlatformContext.Provider value={platform}>
      <LocaleContext.Provider value={{ locale: shown, setLocale: () => undefined }}>
        <ContactView account={account} contactId="77" module={module} lastCard={lastCard} />
      </LocaleContext.Provider>
    </PlatformContext.Provider>
  );
  const rendered = render(tree(locale));
  /** The agent picks another language: the same page, rendered again. */
  return { ...rendered, switchTo: (other: Locale) => rendered.rerender(tree(other)) };
}

function row(name: string): HTMLElement {
  return screen.getByRole('listitem', { name });
}

function invitation(account: Account, targetKey: string, over: Partial<Invitation>): Invitation {
  const c = contact(account);
  return { id: invitationId(c.key, targetKey), contactKey: c.key, targetKey, email: 'ada@client.org', status: 'queued', jobId: 'job-1', seq: 0, updatedAt: NOW, ...over };
}

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'job-1', vendor: 'zoho_crm', accountId: CRM.id, targetKey: 'customers', action: 'invite', status: 'running',
    counts: { total: 1, invited: 0, already_member: 0, failed: 0, skipped: 0 }, attempts: 0, nextAttemptAt: NOW, createdAt: NOW, updatedAt: NOW, ...over,
  };
}

beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  answers = {
    // A contact never seen before: nothing to show until the vendor answers (see "the revisit").
    lastVerdicts: () => ({ card: null }),
    inspectContact: () => ({ contact: contact(CRM), destinations: CRM_DESTINATIONS }),
    startJob: () => ({ jobs: [{ jobId: 'job-1', action: 'invite' }] }),
  };
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

describe('the contact card', () => {
  it('shows the fields of the record, a hostile name as plain text', async () => {
    answers.inspectContact = () => ({
      contact: contact(CRM, { name: XSS, emailVerified: false, organization: 'Client & Co', phone: '+33 1 23 45 67 89', recordState: 'recycle_bin' }),
      destinations: [],
    });
    const { container } = renderContact(CRM);
    const heading = await screen.findByRole('heading', { level: 2, name: XSS });
    expect(heading.textContent).toBe(XSS);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('ada@client.org')).toBeTruthy();
    expect(screen.getByText('Not verified')).toBeTruthy();
    expect(screen.getByText('Client & Co')).toBeTruthy();
    expect(screen.getByText('+33 1 23 45 67 89')).toBeTruthy();
    expect(screen.getByText('In the recycle bin')).toBeTruthy();
    expect(screen.getByText(/no help center, portal or network/)).toBeTruthy();
  });

  it('says when the address is verified or missing', async () => {
    answers.inspectContact = () => ({ contact: contact(CRM, { emailVerified: true }), destinations: [] });
    renderContact(CRM);
    expect(await screen.findByText('Verified')).toBeTruthy();
    cleanup();
    answers.inspectContact = () => ({ contact: contact(CRM, { email: undefined, emailVerified: true, name: '  ' }), destinations: [] });
    renderContact(CRM, { locale: 'fr' });
    expect(await screen.findByText('Aucune adresse e-mail')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '(sans nom)' })).toBeTruthy();
    expect(screen.queryByText('Vérifiée')).toBeNull();
  });

  it('asks once, shows it is busy, then an error with the message and a Retry', async () => {
    let fail = true;
    answers.inspectContact = () => {
      if (fail) throw new AskError('NEEDS_RECONNECT', 'Zoho CRM signed you out: reconnect Acme CRM.');
      return { contact: contact(CRM), destinations: [] };
    };
    const { container } = renderContact(CRM, { module: 'Leads' });
    expect(container.querySelector('[aria-busy="true"]')?.textContent).toBe('Reading the contact…');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Zoho CRM signed you out: reconnect Acme CRM.');
    // The last visit's card and the fresh one are asked at once.
    expect(asks).toEqual([
      { type: 'lastVerdicts', accountId: 'com:1', contactId: '77' },
      { type: 'inspectContact', accountId: 'com:1', contactId: '77', module: 'Leads' },
    ]);

    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Ada Lovelace' })).toBeTruthy();
    expect(asks.map((a) => a.type)).toEqual(['lastVerdicts', 'inspectContact', 'inspectContact']);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe("the background's refusals", () => {
  it("are said in the agent's language, and said again in the other when the agent switches", async () => {
    const localized = { en: 'Zoho CRM signed you out: reconnect Acme CRM.', fr: 'Zoho CRM vous a déconnecté : reconnectez Acme CRM.' };
    answers.inspectContact = () => {
      throw new AskError('NEEDS_RECONNECT', localized.en, localized);
    };
    const { switchTo } = renderContact(CRM, { locale: 'fr' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(localized.fr);
    expect(alert.textContent).not.toContain(localized.en);
    switchTo('en');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain(localized.en));
    expect(screen.getByRole('alert').textContent).not.toContain(localized.fr);
    // Asked once: the new words are the same refusal's, not a new question.
    expect(asks.filter((a) => a.type === 'inspectContact')).toHaveLength(1);
  });

  it('keep their one sentence when they have no other (a network error, an older background)', async () => {
    answers.inspectContact = () => {
      throw new AskError('VENDOR_ERROR', 'Zoho CRM is not answering.');
    };
    renderContact(CRM, { locale: 'fr' });
    expect((await screen.findByRole('alert')).textContent).toContain('Zoho CRM is not answering.');
  });
});

describe('the destinations', () => {
  it('lists each destination with its verdict in words, the default one first', async () => {
    renderContact({ ...CRM, defaultTargetKey: 'vendors' });
    await screen.findByRole('listitem', { name: /Customers/ });
    const names = within(screen.getByRole('list', { name: 'Destinations' }))
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(names).toEqual(['Vendors', 'Customers', 'Partners']);
    expect(within(row('Vendors')).getByText('Default')).toBeTruthy();
    expect(within(row('Customers')).queryByText('Default')).toBeNull();

    const customers = row('Customers');
    expect(customers.textContent).toContain('Portal user type · Acme portal');
    expect(customers.textContent).toContain('Seats: 3 / 10');
    expect(within(customers).getByText('Can be invited')).toBeTruthy();
    expect(within(customers).getByText('Warning')).toBeTruthy();
    expect(within(customers).getByText('This address cannot receive mail')).toBeTruthy();

    const partners = row('Partners');
    expect(within(partners).getByText('Cannot be invited')).toBeTruthy();
    expect(within(partners).getByText('Blocks').closest('li')?.textContent).toContain('No GDPR consent');
    expect(within(partners).getByText('Note').closest('li')?.textContent).toContain('Invitation expired');
    expect(partners.textContent).not.toContain('Seats');

    expect(within(row('Vendors')).getAllByText('Already a member')).toHaveLength(2); // verdict and reason title
  });

  it('says "Already a member", with what would have blocked an invitation as a note, and keeps the warnings', async () => {
    answers.inspectContact = () => ({
      contact: contact(CRM, { email: undefined }),
      destinations: [{
        target: CUSTOMERS,
        verdict: { eligible: false, action: 'none', reasons: [{ code: 'EMAIL_MISSING', severity: 'block' }, { code: 'ALREADY_MEMBER', severity: 'info' }, { code: 'EMAIL_DOMAIN_RESERVED', severity: 'warn' }] },
      }],
    });
    renderContact(CRM);
    const customers = await screen.findByRole('listitem', { name: /Customers/ });
    expect(within(customers).getAllByText('Already a member')).toHaveLength(2); // verdict and reason title
    expect(within(customers).queryByText('Cannot be invited')).toBeNull();
    expect(within(customers).queryByText('Blocks')).toBeNull();
    expect(within(customers).getByText('No email address').closest('li')?.querySelector('.pt-severity')?.textContent).toBe('Note');
    expect(within(customers).getByText('This address cannot receive mail')).toBeTruthy();
  });

  it('speaks French too', async () => {
    renderContact(CRM, { locale: 'fr' });
    const customers = await screen.findByRole('listitem', { name: /Customers/ });
    expect(within(customers).getByText('Peut être invité')).toBeTruthy();
    expect(within(customers).getByText("Type d'utilisateur du portail · Acme portal")).toBeTruthy();
    expect(within(customers).getByRole('button', { name: 'Inviter : Customers' })).toBeTruthy();
    expect(within(row('Partners')).getByText('Bloquant')).toBeTruthy();
  });

  it('keeps a blocked action focusable, explained, and inert', async () => {
    renderContact(CRM);
    const button = within(await screen.findByRole('listitem', { name: /Partners/ })).getByRole('button', { name: 'Invite: Partners' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
    const described = (button.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described.join(' ')).toContain('Cannot be invited');
    expect(described.join(' ')).toContain('No GDPR consent');
    fireEvent.click(button);
    await new Promise((r) => setTimeout(r, 20));
    expect(asks.map((a) => a.type)).toEqual(['lastVerdicts', 'inspectContact']);
    expect(within(row('Customers')).getByRole('button', { name: 'Invite: Customers' }).getAttribute('aria-describedby')).toBeNull();
  });

  it.each([
    ['reinvite', 'Re-invite', 'INVITATION_EXPIRED', 'Can be invited again'],
    ['activate', 'Activate', 'PORTAL_USER_DEACTIVATED', 'Can be activated'],
  ] as const)('labels the action %s as "%s"', async (action, label, code, summary) => {
    answers.inspectContact = () => ({
      contact: contact(CRM),
      destinations: [{ target: CUSTOMERS, verdict: { eligible: action === 'reinvite', action, reasons: [{ code, severity: 'info' }] } }],
    });
    renderContact(CRM);
    const button = await screen.findByRole('button', { name: `${label}: Customers` });
    expect(button.getAttribute('aria-disabled')).toBe('false');
    expect(screen.getByText(summary)).toBeTruthy();
  });
});

describe('the revisit', () => {
  /** An answer the test gives when it chooses: the vendor is slow, the last card is not. */
  function later<T>() {
    let give!: (value: T) => void;
    let refuse!: (error: unknown) => void;
    const promise = new Promise<T>((resolve, reject) => {
      give = resolve;
      refuse = reject;
    });
    return { promise, give, refuse };
  }
  const verdictOf = (name: string) => row(name).querySelector('.pt-verdict')?.textContent;
  const LAST_CHECK = new Date(Date.now() - 3 * 60_000).toISOString();
  // Partners can be invited as last seen; someone has invited Ada there since.
  const LAST: Destination[] = [CRM_DESTINATIONS[0]!, { target: PARTNERS, verdict: { eligible: true, action: 'invite', reasons: [] } }, CRM_DESTINATIONS[2]!];
  const FRESH: Destination[] = [
    CRM_DESTINATIONS[0]!,
    { target: PARTNERS, verdict: { eligible: false, action: 'none', reasons: [{ code: 'INVITATION_PENDING', severity: 'info' }] }, membership: { status: 'invited' } },
    CRM_DESTINATIONS[2]!,
  ];

  it('shows the last verdicts at once with their age, then the vendor’s, marking what changed meanwhile', async () => {
    const fresh = later<ResultFor<'inspectContact'>>();
    answers.lastVerdicts = () => ({ card: { contact: contact(CRM), destinations: LAST, checkedAt: LAST_CHECK } });
    answers.inspectContact = () => fresh.promise;
    const { container } = renderContact(CRM);
    expect(await screen.findByText('Checked 3 minutes ago · checking…')).toBeTruthy();
    expect(verdictOf('Partners')).toBe('Can be invited');
    expect(container.querySelector('.pt-contact')?.getAttribute('aria-busy')).toBe('true');
    // The last verdicts act as the fresh ones would: the background plans every click again.
    expect(within(row('Partners')).getByRole('button', { name: 'Invite: Partners' }).getAttribute('aria-disabled')).toBe('false');

    fresh.give({ contact: contact(CRM), destinations: FRESH });
    await waitFor(() => expect(verdictOf('Partners')).toBe('Invitation already sent'));
    expect(screen.queryByText(/checking…/)).toBeNull();
    expect(container.querySelector('.pt-contact')?.getAttribute('aria-busy')).toBe('false');
    expect(within(row('Partners')).getByText('Changed since your last visit')).toBeTruthy();
    expect(within(row('Customers')).queryByText('Changed since your last visit')).toBeNull();
    expect(within(row('Vendors')).queryByText('Changed since your last visit')).toBeNull();
  });

  it('says it in French too', async () => {
    const fresh = later<ResultFor<'inspectContact'>>();
    answers.lastVerdicts = () => ({ card: { contact: contact(CRM), destinations: LAST, checkedAt: LAST_CHECK } });
    answers.inspectContact = () => fresh.promise;
    renderContact(CRM, { locale: 'fr' });
    expect(await screen.findByText('Vérifié il y a 3 minutes · vérification…')).toBeTruthy();
    fresh.give({ contact: contact(CRM), destinations: FRESH });
    expect(await screen.findByText('Modifié depuis votre dernière visite')).toBeTruthy();
  });

  it('says "just now" of a check seconds old', async () => {
    answers.lastVerdicts = () => ({ card: { contact: contact(CRM), destinations: LAST, checkedAt: new Date().toISOString() } });
    answers.inspectContact = () => later<ResultFor<'inspectContact'>>().promise;
    renderContact(CRM);
    expect(await screen.findByText('Checked just now · checking…')).toBeTruthy();
  });

  it('keeps the last verdicts when the vendor cannot be asked, says why, and Retry asks the vendor again', async () => {
    let fail = true;
    answers.lastVerdicts = () => ({ card: { contact: contact(CRM), destinations: LAST, checkedAt: LAST_CHECK } });
    answers.inspectContact = () => {
      if (fail) throw new AskError('VENDOR_ERROR', 'Zoho CRM is not answering.');
      return { contact: contact(CRM), destinations: FRESH };
    };
    renderContact(CRM);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Checked 3 minutes ago; checking again failed: Zoho CRM is not answering.');
    expect(verdictOf('Partners')).toBe('Can be invited');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(verdictOf('Partners')).toBe('Invitation already sent'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(asks.map((a) => a.type)).toEqual(['lastVerdicts', 'inspectContact', 'inspectContact']);
  });

  it('shows a last card that came with the page’s answer from the first render, without asking for it again', async () => {
    const fresh = later<ResultFor<'inspectContact'>>();
    answers.inspectContact = () => fresh.promise;
    renderContact(CRM, { lastCard: { contact: contact(CRM), destinations: LAST, checkedAt: LAST_CHECK } });
    // No await: the verdicts are in the very first render.
    expect(verdictOf('Partners')).toBe('Can be invited');
    expect(screen.getByText('Checked 3 minutes ago · checking…')).toBeTruthy();
    // The fresh ask waits for that screen to be painted.
    expect(asks).toEqual([]);
    await waitFor(() => expect(asks.map((a) => a.type)).toEqual(['inspectContact']));
    fresh.give({ contact: contact(CRM), destinations: FRESH });
    await waitFor(() => expect(verdictOf('Partners')).toBe('Invitation already sent'));
    expect(asks.map((a) => a.type)).toEqual(['inspectContact']);
  });

  it('a page’s answer that found no card kept asks for none either: the vendor’s answer is the first', async () => {
    renderContact(CRM, { lastCard: null });
    // Nothing to paint first: the fresh ask goes with the render.
    expect(asks.map((a) => a.type)).toEqual(['inspectContact']);
    await waitFor(() => expect(verdictOf('Partners')).toBe('Cannot be invited'));
    expect(asks.map((a) => a.type)).toEqual(['inspectContact']);
  });

  it('never shows the last verdicts over a fresh answer that came first', async () => {
    const last = later<ResultFor<'lastVerdicts'>>();
    answers.lastVerdicts = () => last.promise;
    answers.inspectContact = () => ({ contact: contact(CRM), destinations: FRESH });
    renderContact(CRM);
    await waitFor(() => expect(verdictOf('Partners')).toBe('Invitation already sent'));
    last.give({ card: { contact: contact(CRM), destinations: LAST, checkedAt: LAST_CHECK } });
    await new Promise((r) => setTimeout(r, 20));
    expect(verdictOf('Partners')).toBe('Invitation already sent');
    expect(screen.queryByText(/checking…/)).toBeNull();
  });

  it('shows the fresh answer alone when the last card cannot be read', async () => {
    answers.lastVerdicts = () => {
      throw new AskError('INTERNAL', 'IndexedDB is not available');
    };
    renderContact(CRM);
    expect(await within(await screen.findByRole('listitem', { name: /Partners/ })).findByText('Cannot be invited')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('inviting from the card', () => {
  it('sends one startJob and follows the invitation row to its end', async () => {
    renderContact(CRM, { module: 'Contacts' });
    const customers = await screen.findByRole('listitem', { name: /Customers/ });
    const button = within(customers).getByRole('button', { name: 'Invite: Customers' });
    const status = within(customers).getByRole('status');
    expect(status.textContent).toBe('');

    fireEvent.click(button);
    await waitFor(() => expect(asks.at(-1)).toEqual({ type: 'startJob', accountId: 'com:1', targetKey: 'customers', contactIds: ['77'], module: 'Contacts' }));
    expect(status.textContent).toBe('Sending…');
    expect(button.getAttribute('aria-disabled')).toBe('true');

    await db.jobs.put(job({ status: 'queued' }));
    await db.invitations.put(invitation(CRM, 'customers', { status: 'queued' }));
    await waitFor(() => expect(status.textContent).toBe('Queued…'));

    // The engine's own words (the vendor's 401) are for the jobs list: the card says what to do.
    await db.jobs.put(job({ status: 'paused', pauseReason: 'reconnect', lastError: { kind: 'auth', message: 'Zoho CRM answered 401', at: NOW } }));
    await waitFor(() => expect(status.textContent).toBe('Paused: reconnect the account in the options to go on'));
    await db.jobs.put(job({ status: 'paused', pauseReason: 'agent' }));
    await waitFor(() => expect(status.textContent).toBe('Paused by an agent'));

    await db.jobs.put(job({ status: 'completed' }));
    await db.invitations.put(invitation(CRM, 'customers', { status: 'invited', invitedAt: NOW }));
    await waitFor(() => expect(status.textContent).toBe('Invited'));
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // The verdict it was checked with is history now: no "Can be invited" beside "Invited".
    expect(customers.querySelector('.pt-verdict')?.textContent).toBe('Invitation already sent');
    fireEvent.click(button);
    await new Promise((r) => setTimeout(r, 20));
    expect(asks.filter((a) => a.type === 'startJob')).toHaveLength(1);
  });

  it('ignores a row written by an older job of the same pair', async () => {
    await db.invitations.put(invitation(CRM, 'customers', { status: 'failed', jobId: 'old', reason: { code: 'VENDOR_ERROR' } }));
    renderContact(CRM);
    const customers = await screen.findByRole('listitem', { name: /Customers/ });
    fireEvent.click(within(customers).getByRole('button', { name: 'Invite: Customers' }));
    const status = within(customers).getByRole('status');
    await waitFor(() => expect(asks.some((a) => a.type === 'startJob')).toBe(true));
    await new Promise((r) => setTimeout(r, 30));
    expect(status.textContent).toBe('Sending…');
  });

  it.each([
    [{ status: 'failed', reason: { code: 'COMPANY_DOMAIN' } }, "Failed: Your own company's address"],
    [{ status: 'failed', reason: { code: 'VENDOR_ERROR', message: 'INVALID_DATA: the email is invalid' } }, 'Failed: The vendor found this record’s data invalid: the email is invalid'],
    [{ status: 'already_member', reason: { code: 'INVITATION_PENDING' } }, 'Already a member (Invitation already sent)'],
    [{ status: 'already_member', reason: { code: 'ALREADY_MEMBER' } }, 'Already a member'],
    [{ status: 'skipped', reason: { code: 'JOB_CANCELLED' } }, 'Cancelled'],
  ] as const)('shows the outcome %o as "%s"', async (over, text) => {
    renderContact(CRM);
    const customers = await screen.findByRole('listitem', { name: /Customers/ });
    fireEvent.click(within(customers).getByRole('button', { name: 'Invite: Customers' }));
    await waitFor(() => expect(asks.some((a) => a.type === 'startJob')).toBe(true));
    await db.invitations.put(invitation(CRM, 'customers', over as Partial<Invitation>));
    await waitFor(() => expect(within(customers).getByRole('status').textContent).toBe(text));
  });

  it('lets a failed invitation be tried again', async () => {
    renderContact(CRM);
    const customers = await screen.findByRole('listitem', { name: /Customers/ });
    const button = within(customers).getByRole('button', { name: 'Invite: Customers' });
    fireEvent.click(button);
    await waitFor(() => expect(asks.some((a) => a.type === 'startJob')).toBe(true));
    await db.invitations.put(invitation(CRM, 'customers', { status: 'failed', reason: { code: 'VENDOR_UNAVAILABLE' } }));
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(button);
    await waitFor(() => expect(asks.filter((a) => a.type === 'startJob')).toHaveLength(2));
  });

  it('shows a refused start in place', async () => {
    answers.startJob = () => {
      throw new AskError('NEEDS_RECONNECT', 'Reconnect Acme CRM in the options.');
    };
    renderContact(CRM);
    const customers = await screen.findByRole('listitem', { name: /Customers/ });
    fireEvent.click(within(customers).getByRole('button', { name: 'Invite: Customers' }));
    await waitFor(() => expect(within(customers).getByRole('status').textContent).toBe('Not started: Reconnect Acme CRM in the options.'));
  });
});

describe('Alt+Shift+I', () => {
  const press = () => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'I', code: 'KeyI', altKey: true, shiftKey: true });

  it('invites to the default destination when it can act, with the focus outside the rows', async () => {
    renderContact({ ...CRM, defaultTargetKey: 'customers' });
    const button = await screen.findByRole('button', { name: 'Invite: Customers' });
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+I');
    expect(screen.getByText('Alt+Shift+I')).toBeTruthy();
    press();
    await waitFor(() => expect(asks.filter((a) => a.type === 'startJob')).toEqual([expect.objectContaining({ targetKey: 'customers' })]));
  });

  it('never acts on another destination than the default one: says why the default cannot act, and focuses it', async () => {
    renderContact({ ...CRM, defaultTargetKey: 'partners' });
    const partners = await screen.findByRole('button', { name: 'Invite: Partners' });
    press();
    expect(await screen.findByText(/^Alt\+Shift\+I did nothing: Partners cannot act now \(Cannot be invited\)/)).toBeTruthy();
    expect(document.activeElement).toBe(partners);
    await new Promise((r) => setTimeout(r, 20));
    expect(asks.filter((a) => a.type === 'startJob')).toEqual([]);
  });

  it('with no destination focused and no default one, says why nothing happened and what to do, in French too', async () => {
    renderContact(CRM, { locale: 'fr' });
    await screen.findByRole('button', { name: /Customers/ });
    press();
    expect((await screen.findByText(/^Alt\+Maj\+I n'a rien fait : aucune destination n'a le focus/)).getAttribute('role')).toBe('status');
    await new Promise((r) => setTimeout(r, 20));
    expect(asks.filter((a) => a.type === 'startJob')).toEqual([]);
  });

  it('acts on the focused row, and never on another when that row cannot act', async () => {
    const second = target(CRM, 'resellers', { name: 'Resellers' });
    answers.inspectContact = () => ({
      contact: contact(CRM),
      destinations: [...CRM_DESTINATIONS, { target: second, verdict: { eligible: true, action: 'invite', reasons: [] } }],
    });
    renderContact(CRM);
    const partners = await screen.findByRole('button', { name: 'Invite: Partners' });
    partners.focus();
    press();
    await new Promise((r) => setTimeout(r, 20));
    expect(asks.filter((a) => a.type === 'startJob')).toEqual([]);

    screen.getByRole('button', { name: 'Invite: Resellers' }).focus();
    press();
    await waitFor(() => expect(asks.filter((a) => a.type === 'startJob')).toEqual([expect.objectContaining({ targetKey: 'resellers' })]));
  });

  it('does nothing on other keys', async () => {
    renderContact(CRM);
    await screen.findByRole('button', { name: 'Invite: Customers' });
    fireEvent.keyDown(document.body, { key: 'I', code: 'KeyI', shiftKey: true });
    fireEvent.keyDown(document.body, { key: 'i', code: 'KeyI', altKey: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(asks.filter((a) => a.type === 'startJob')).toEqual([]);
  });
});

describe('the verification email (Zendesk)', () => {
  const END_USERS = target(ZENDESK, 'zendesk:acme', { kind: 'zendesk.end_user', name: 'Acme end users' });
  const unverified: Destination = { target: END_USERS, verdict: { eligible: true, action: 'invite', reasons: [{ code: 'EMAIL_UNVERIFIED', severity: 'warn' }] } };

  it('is offered on an unverified address and reports what Zendesk did', async () => {
    answers.inspectContact = () => ({ contact: contact(ZENDESK, { emailVerified: false }), destinations: [unverified] });
    answers.sendVerification = () => ({ contactId: '77', sent: true });
    renderContact(ZENDESK);
    const button = await screen.findByRole('button', { name: 'Send verification email' });
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByText('Verification email sent')).toBeTruthy());
    expect(asks.at(-1)).toEqual({ type: 'sendVerification', accountId: 'acme', contactId: '77' });
    expect(screen.getByText('Verification email sent').getAttribute('role')).toBe('status');
  });

  it('shows why it was not sent', async () => {
    answers.inspectContact = () => ({ contact: contact(ZENDESK, { emailVerified: false }), destinations: [unverified] });
    answers.sendVerification = () => ({ contactId: '77', sent: false, message: 'The address is already verified' });
    renderContact(ZENDESK);
    fireEvent.click(await screen.findByRole('button', { name: 'Send verification email' }));
    expect(await screen.findByText('Verification email not sent: The address is already verified')).toBeTruthy();
  });

  it('says why in the agent’s language when the reason is Portier’s own', async () => {
    answers.inspectContact = () => ({ contact: contact(ZENDESK, { emailVerified: false }), destinations: [unverified] });
    const localized = { en: 'ada@client.org is already verified: Zendesk sends no verification email.', fr: "ada@client.org est déjà vérifiée : Zendesk n'envoie pas d'e-mail de vérification." };
    answers.sendVerification = () => ({ contactId: '77', sent: false, message: localized.en, localized });
    const { switchTo } = renderContact(ZENDESK, { locale: 'fr' });
    fireEvent.click(await screen.findByRole('button', { name: "Envoyer l'e-mail de vérification" }));
    expect(await screen.findByText(`E-mail de vérification non envoyé : ${localized.fr}`)).toBeTruthy();
    switchTo('en');
    expect(await screen.findByText(`Verification email not sent: ${localized.en}`)).toBeTruthy();
  });

  it('is what Alt+Shift+I sends for a user who is already an end user: the one action left on the row', async () => {
    const member: Destination = { target: END_USERS, verdict: { eligible: false, action: 'none', reasons: [{ code: 'ALREADY_MEMBER', severity: 'info' }, { code: 'EMAIL_UNVERIFIED', severity: 'warn' }] } };
    answers.inspectContact = () => ({ contact: contact(ZENDESK, { emailVerified: false }), destinations: [member] });
    answers.sendVerification = () => ({ contactId: '77', sent: true });
    renderContact({ ...ZENDESK, defaultTargetKey: END_USERS.key });
    const send = await screen.findByRole('button', { name: 'Send verification email' });
    expect(send.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+I');
    fireEvent.keyDown(document.body, { key: 'I', code: 'KeyI', altKey: true, shiftKey: true });
    await screen.findByText('Verification email sent');
    expect(asks.filter((a) => a.type === 'sendVerification')).toEqual([{ type: 'sendVerification', accountId: 'acme', contactId: '77' }]);
    expect(asks.filter((a) => a.type === 'startJob')).toEqual([]);
  });

  it('is not what Alt+Shift+I sends while the row’s own invitation is on its way', async () => {
    answers.inspectContact = () => ({ contact: contact(ZENDESK, { emailVerified: false }), destinations: [unverified] });
    // The invitation's start never answers: the row stays busy.
    answers.startJob = () => new Promise(() => undefined);
    renderContact({ ...ZENDESK, defaultTargetKey: END_USERS.key });
    fireEvent.click(await screen.findByRole('button', { name: 'Invite: Acme end users' }));
    await waitFor(() => expect(asks.filter((a) => a.type === 'startJob')).toHaveLength(1));
    fireEvent.keyDown(document.body, { key: 'I', code: 'KeyI', altKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByText(/cannot act/i)).toBeTruthy());
    expect(asks.filter((a) => a.type === 'sendVerification')).toEqual([]);
  });

  it('is not offered where the vendor cannot send one', async () => {
    const hc = target(CRM, 'hc', { kind: 'zoho_desk.help_center', name: 'Help' });
    answers.inspectContact = () => ({
      contact: contact(CRM),
      destinations: [{ target: hc, verdict: { eligible: false, action: 'none', reasons: [{ code: 'EMAIL_UNVERIFIED', severity: 'block' }] } }],
    });
    renderContact({ ...CRM, vendor: 'zoho_desk' });
    await screen.findByText('Email address not verified');
    expect(screen.queryByRole('button', { name: 'Send verification email' })).toBeNull();
    // What to do in Zoho Desk, and nothing about Zendesk.
    expect(screen.getByText('The address must be verified first: ask the contact to verify it.')).toBeTruthy();
  });
});

describe('where the focus goes after Retry', () => {
  const LAST_CHECK = new Date(Date.now() - 3 * 60_000).toISOString();
  /** inspectContact fails `times` times, then answers. */
  function failing(times: number) {
    answers.inspectContact = () => {
      if (times-- > 0) throw new AskError('VENDOR_ERROR', 'Zoho CRM is not answering.');
      return { contact: contact(CRM), destinations: CRM_DESTINATIONS };
    };
  }

  it('a card that could not be read: once the retry shows it, focus is on its destinations, not on the page', async () => {
    failing(1);
    renderContact(CRM);
    const again = await screen.findByRole('button', { name: 'Retry' });
    // A first load moves no focus.
    expect(document.activeElement).toBe(document.body);
    again.focus();
    fireEvent.click(again);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Destinations' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(heading.tabIndex).toBe(-1);
  });

  it('a card that fails again: focus is on the new Retry, in French too', async () => {
    failing(2);
    renderContact(CRM, { locale: 'fr' });
    fireEvent.click(await screen.findByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(asks.filter((a) => a.type === 'inspectContact')).toHaveLength(2));
    const again = await screen.findByRole('button', { name: 'Réessayer' });
    await waitFor(() => expect(document.activeElement).toBe(again));
  });

  it('a check again that failed over the last verdicts: Retry, then focus on the destinations it checked', async () => {
    failing(1);
    answers.lastVerdicts = () => ({ card: { contact: contact(CRM), destinations: CRM_DESTINATIONS, checkedAt: LAST_CHECK } });
    renderContact(CRM);
    const alert = await screen.findByRole('alert');
    const again = within(alert).getByRole('button', { name: 'Retry' });
    again.focus();
    fireEvent.click(again);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const heading = screen.getByRole('heading', { level: 2, name: 'Destinations' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('a check again that fails again: focus is on the Retry of the new alert', async () => {
    failing(2);
    answers.lastVerdicts = () => ({ card: { contact: contact(CRM), destinations: CRM_DESTINATIONS, checkedAt: LAST_CHECK } });
    renderContact(CRM);
    const first = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
    first.focus();
    fireEvent.click(first);
    await waitFor(() => expect(asks.filter((a) => a.type === 'inspectContact')).toHaveLength(2));
    const again = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(document.activeElement).toBe(again));
  });
});
