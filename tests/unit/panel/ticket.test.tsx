// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TicketView } from '../../../components/ticket/TicketView';
import { keepLastTicket } from '../../../core/background/last-verdicts';
import { openDb, type PortierDb } from '../../../core/db';
import type { Request, TicketCard } from '../../../core/messages';
import type { Account, Contact, Target } from '../../../core/model';
import { AskError } from '../../../components/shared/platform';
import { renderWith, type Answers } from './feature-platform';

const NOW = '2026-05-01T10:00:00.000Z';
const ZENDESK: Account = { id: 'acme', vendor: 'zendesk', label: 'Acme', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: NOW };
const DESK: Account = { id: 'com:1', vendor: 'zoho_desk', label: 'Acme Desk', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: NOW };
const END_USERS: Target = { key: 'zendesk:acme:acme', id: 'acme', kind: 'zendesk.end_user', vendor: 'zendesk', accountId: 'acme', name: 'Acme', fetchedAt: NOW };
const HELP: Target = { key: 'zoho_desk:com:1:hc', id: 'hc', kind: 'zoho_desk.help_center', vendor: 'zoho_desk', accountId: 'com:1', name: 'Acme Help Center', fetchedAt: NOW };

const person = (account: Account, id: string, over: Partial<Contact> = {}): Contact => ({
  id, key: `${account.vendor}:${account.id}:${id}`, vendor: account.vendor, accountId: account.id, name: `Person ${id}`, email: `p${id}@client.org`, fetchedAt: NOW, ...over,
});

let db: PortierDb;
let asks: Request[];
beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

function zendeskTicket(over: Partial<TicketCard> = {}): TicketCard {
  return {
    ticket: { id: '4821', subject: 'Cannot sign in' },
    people: [
      {
        role: 'requester',
        contact: person(ZENDESK, '2003', { name: 'Marc Lefèvre', emailVerified: false, organization: 'Fabrikam' }),
        destinations: [{ target: END_USERS, verdict: { eligible: false, action: 'none', reasons: [{ code: 'ALREADY_MEMBER', severity: 'info' }, { code: 'EMAIL_UNVERIFIED', severity: 'warn' }] }, membership: { status: 'active' } }],
      },
      {
        role: 'cc',
        contact: person(ZENDESK, '2005', { name: '<img src=x onerror=alert(1)>', email: undefined }),
        destinations: [{ target: END_USERS, verdict: { eligible: false, action: 'none', reasons: [{ code: 'EMAIL_MISSING', severity: 'block' }, { code: 'ALREADY_MEMBER', severity: 'info' }] } }],
      },
    ],
    requesterMissing: false,
    ccsMissing: 0,
    agents: 1,
    ...over,
  };
}

const show = (account: Account, answers: Answers, locale: 'en' | 'fr' = 'en') =>
  renderWith(<TicketView account={account} ticketId="4821" />, { db, answers, asks, locale });

describe('a ticket page', () => {
  it('shows each person, requester first, with the card, the verdicts and their timeline', async () => {
    show(ZENDESK, { inspectTicket: () => zendeskTicket() });
    expect(await screen.findByRole('heading', { level: 2, name: 'Cannot sign in (#4821)' })).toBeTruthy();
    const people = screen.getAllByRole('article');
    expect(people.map((p) => p.getAttribute('data-role'))).toEqual(['requester', 'cc']);
    const requester = within(people[0]!);
    expect(requester.getByText('Requester')).toBeTruthy();
    expect(requester.getByRole('heading', { name: 'Marc Lefèvre' })).toBeTruthy();
    expect(requester.getByText('Fabrikam')).toBeTruthy();
    expect(requester.getByRole('list', { name: 'Destinations for Marc Lefèvre' })).toBeTruthy();
    // Zendesk's one-click action for a person who already has an account: the verification email.
    expect(requester.getByRole('button', { name: 'Send verification email' })).toBeTruthy();
    expect(requester.getByRole('heading', { name: 'History' })).toBeTruthy();
    // The CC's HTML name is text; a Zendesk user already: the missing address is a note, not a block.
    const cc = within(people[1]!);
    expect(cc.getByRole('heading', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(cc.getByText('CC')).toBeTruthy();
    const ccRow = cc.getByRole('listitem', { name: 'Acme' });
    expect(ccRow.querySelector('.pt-reason--block')).toBeNull();
    expect(ccRow.querySelector('.pt-verdict')?.textContent).toBe('Already a member');
    expect(ccRow.querySelector('.pt-reason--info')?.textContent).toContain('No email address');
    // The agent on the ticket is named as left out, not shown.
    expect(screen.getByText(/1 agent is on this ticket too/)).toBeTruthy();
    // Every heading id is its own: two people, two cards, two timelines.
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('invites a Desk contact in one click, with the same row as the contact card', async () => {
    const card: TicketCard = {
      ticket: { id: '47' },
      people: [{ role: 'requester', contact: person(DESK, '42'), destinations: [{ target: HELP, verdict: { eligible: true, action: 'invite', reasons: [] } }] }],
      requesterMissing: false, ccsMissing: 0, agents: 0,
    };
    show(DESK, { inspectTicket: () => card, startJob: () => ({ jobs: [{ jobId: 'job-1', action: 'invite' }] }) });
    const article = await screen.findByRole('article', { name: 'Person 42' });
    expect(within(article).getByText('Contact')).toBeTruthy();
    fireEvent.click(within(article).getByRole('button', { name: 'Invite: Acme Help Center' }));
    await waitFor(() => expect(asks.filter((a) => a.type === 'startJob')).toEqual([{ type: 'startJob', accountId: 'com:1', targetKey: HELP.key, contactIds: ['42'] }]));
  });

  it('says when the requester was deleted and nobody is left, in an alert', async () => {
    show(ZENDESK, { inspectTicket: () => zendeskTicket({ people: [], requesterMissing: true, ccsMissing: 1, agents: 0 }) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/The requester of this ticket was deleted/);
    expect(alert.textContent).toMatch(/1 CC of this ticket no longer exists/);
    expect(alert.textContent).toMatch(/Nobody on this ticket can be invited/);
    expect(screen.queryAllByRole('article')).toEqual([]);
  });

  it('shows the background’s refusal and asks again on Try again', async () => {
    let calls = 0;
    show(ZENDESK, {
      inspectTicket: () => {
        calls += 1;
        if (calls === 1) throw new AskError('NOT_FOUND', 'Acme has no ticket 4821 (it was deleted or merged, or you cannot see it): refresh the page.');
        return zendeskTicket();
      },
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/has no ticket 4821/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Cannot sign in (#4821)' })).toBeTruthy();
  });

  describe('Alt+Shift+I, which every row announces', () => {
    const press = () => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'I', code: 'KeyI', altKey: true, shiftKey: true });
    const twoPeople = (): TicketCard => ({
      ticket: { id: '47' },
      people: ['42', '43'].map((id, i) => ({ role: i === 0 ? 'requester' : 'cc', contact: person(DESK, id), destinations: [{ target: HELP, verdict: { eligible: true, action: 'invite', reasons: [] } }] })),
      requesterMissing: false, ccsMissing: 0, agents: 0,
    });
    const started = () => asks.filter((a) => a.type === 'startJob').map((a) => (a as { contactIds: string[] }).contactIds);

    it("acts on the focused person's row, else on the requester's default destination", async () => {
      show({ ...DESK, defaultTargetKey: HELP.key }, { inspectTicket: twoPeople, startJob: () => ({ jobs: [{ jobId: 'job-1', action: 'invite' }] }) });
      const cc = await screen.findByRole('article', { name: 'Person 43' });
      expect(screen.getByText(/^runs the action of the focused destination, or else the contact's default one\.$/)).toBeTruthy();
      within(cc).getByRole('button', { name: 'Invite: Acme Help Center' }).focus();
      press();
      await waitFor(() => expect(started()).toEqual([['43']]));
      (document.activeElement as HTMLElement).blur();
      press();
      await waitFor(() => expect(started()).toEqual([['43'], ['42']]));
    });

    it('never takes a CC’s default destination for the requester’s: a deleted requester leaves no default', async () => {
      const ccOnly = (): TicketCard => ({ ...twoPeople(), people: [{ ...twoPeople().people[1]! }], requesterMissing: true });
      show({ ...DESK, defaultTargetKey: HELP.key }, { inspectTicket: ccOnly, startJob: () => ({ jobs: [{ jobId: 'job-1', action: 'invite' }] }) });
      await screen.findByRole('article', { name: 'Person 43' });
      press();
      await waitFor(() => expect(document.querySelector('.pt-ticket .pt-shortcut-outcome')!.textContent).toMatch(/^Alt\+Shift\+I did nothing/));
      expect(started()).toEqual([]);
    });

    it('says why it did nothing when the account has no default destination, in French too', async () => {
      show(DESK, { inspectTicket: twoPeople }, 'fr');
      await screen.findByRole('article', { name: 'Person 42' });
      press();
      const outcome = document.querySelector('.pt-ticket .pt-shortcut-outcome')!;
      await waitFor(() => expect(outcome.textContent).toMatch(/^Alt\+Maj\+I n'a rien fait/));
      expect(outcome.getAttribute('role')).toBe('status');
      expect(started()).toEqual([]);
    });
  });

  describe('the revisit', () => {
    /** An answer the test gives when it chooses: the vendor is slow, the last card is not. */
    function later<T>() {
      let give!: (value: T) => void;
      const promise = new Promise<T>((resolve) => {
        give = resolve;
      });
      return { promise, give };
    }
    const LAST_CHECK = new Date(Date.now() - 3 * 60_000).toISOString();
    // Ann could be invited when last seen; someone has invited her since.
    const deskTicket = (invited: boolean): TicketCard => ({
      ticket: { id: '4821', subject: 'Factures' },
      people: [
        {
          role: 'requester',
          contact: person(DESK, '42'),
          destinations: [
            invited
              ? { target: HELP, verdict: { eligible: false, action: 'none', reasons: [{ code: 'INVITATION_PENDING', severity: 'info' }] }, membership: { status: 'invited' } }
              : { target: HELP, verdict: { eligible: true, action: 'invite', reasons: [] } },
          ],
        },
      ],
      requesterMissing: false, ccsMissing: 0, agents: 0,
    });
    const verdict = () => screen.getByRole('listitem', { name: 'Acme Help Center' }).querySelector('.pt-verdict')?.textContent;

    it('shows the last verdicts at once with their age, then the vendor’s, marking what changed meanwhile', async () => {
      await keepLastTicket(db, DESK.id, deskTicket(false), LAST_CHECK);
      const fresh = later<TicketCard>();
      const { container } = show(DESK, { inspectTicket: () => fresh.promise });
      expect(await screen.findByText('Checked 3 minutes ago · checking…')).toBeTruthy();
      expect(verdict()).toBe('Can be invited');
      // The subject is not kept: the last card names the ticket by its number.
      expect(screen.getByRole('heading', { level: 2, name: 'Ticket #4821' })).toBeTruthy();
      expect(container.querySelector('.pt-ticket')?.getAttribute('aria-busy')).toBe('true');
      expect(asks.map((a) => a.type)).toEqual(['inspectTicket']);

      fresh.give(deskTicket(true));
      await waitFor(() => expect(verdict()).toBe('Invitation already sent'));
      expect(screen.queryByText(/checking…/)).toBeNull();
      expect(screen.getByRole('heading', { level: 2, name: 'Factures (#4821)' })).toBeTruthy();
      expect(container.querySelector('.pt-ticket')?.getAttribute('aria-busy')).toBe('false');
      expect(within(screen.getByRole('listitem', { name: 'Acme Help Center' })).getByText('Changed since your last visit')).toBeTruthy();
      expect(asks.map((a) => a.type)).toEqual(['inspectTicket']);
    });

    it('says it in French too', async () => {
      await keepLastTicket(db, DESK.id, deskTicket(false), LAST_CHECK);
      const fresh = later<TicketCard>();
      show(DESK, { inspectTicket: () => fresh.promise }, 'fr');
      expect(await screen.findByText('Vérifié il y a 3 minutes · vérification…')).toBeTruthy();
      fresh.give(deskTicket(true));
      expect(await screen.findByText('Modifié depuis votre dernière visite')).toBeTruthy();
      expect(screen.queryByText(/vérification…/)).toBeNull();
    });

    it('keeps the last verdicts when the vendor cannot be asked, says why, and Retry asks the vendor again', async () => {
      await keepLastTicket(db, DESK.id, deskTicket(false), LAST_CHECK);
      const slow = later<void>();
      let fail = true;
      show(DESK, {
        inspectTicket: async () => {
          await slow.promise;
          if (fail) throw new AskError('VENDOR_ERROR', 'Zoho Desk is not answering.');
          return deskTicket(true);
        },
      });
      await screen.findByText('Checked 3 minutes ago · checking…');
      slow.give();
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('Checked 3 minutes ago; checking again failed: Zoho Desk is not answering.');
      expect(verdict()).toBe('Can be invited');
      fail = false;
      fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
      await waitFor(() => expect(verdict()).toBe('Invitation already sent'));
      expect(screen.queryByRole('alert')).toBeNull();
      expect(asks.map((a) => a.type)).toEqual(['inspectTicket', 'inspectTicket']);
    });

    it('never shows the last verdicts over a fresh answer that came first', async () => {
      await keepLastTicket(db, DESK.id, deskTicket(false), LAST_CHECK);
      show(DESK, { inspectTicket: () => deskTicket(true) });
      await waitFor(() => expect(verdict()).toBe('Invitation already sent'));
      await new Promise((r) => setTimeout(r, 50));
      expect(verdict()).toBe('Invitation already sent');
      expect(screen.queryByText(/checking…/)).toBeNull();
    });
  });

  it('speaks French, with Desk’s words', async () => {
    const card: TicketCard = {
      ticket: { id: '4700000000000000001', number: '47', subject: 'Factures' },
      people: [{ role: 'cc', contact: person(DESK, '5'), destinations: [{ target: HELP, verdict: { eligible: true, action: 'invite', reasons: [] } }] }],
      requesterMissing: true, ccsMissing: 0, agents: 0,
    };
    show(DESK, { inspectTicket: () => card }, 'fr');
    expect(await screen.findByRole('heading', { name: 'Factures (n° 47)' })).toBeTruthy();
    expect(screen.getByText('Contact secondaire')).toBeTruthy();
    expect(screen.getByText(/Le contact de ce ticket a été supprimé/)).toBeTruthy();
  });
});

describe('where the focus goes after Retry', () => {
  const LAST_CHECK = new Date(Date.now() - 3 * 60_000).toISOString();
  /** inspectTicket fails `times` times, then answers; none before `until` (the last card first). */
  function failing(times: number, until: Promise<void> = Promise.resolve()): Answers {
    return {
      inspectTicket: async () => {
        await until;
        if (times-- > 0) throw new AskError('VENDOR_ERROR', 'Zendesk is not answering.');
        return zendeskTicket();
      },
    };
  }
  /** The last verdicts shown while the vendor is asked again, then its failure over them. */
  async function revisit(times: number) {
    await keepLastTicket(db, ZENDESK.id, zendeskTicket(), LAST_CHECK);
    let lastShown!: () => void;
    show(ZENDESK, failing(times, new Promise<void>((resolve) => (lastShown = resolve))));
    await screen.findByText('Checked 3 minutes ago · checking…');
    lastShown();
    return screen.findByRole('alert');
  }

  it('a ticket that could not be read: once the retry shows it, focus is on its heading, not on the page', async () => {
    show(ZENDESK, failing(1));
    const again = await screen.findByRole('button', { name: 'Try again' });
    // A first load moves no focus.
    expect(document.activeElement).toBe(document.body);
    again.focus();
    fireEvent.click(again);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Cannot sign in (#4821)' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(heading.tabIndex).toBe(-1);
  });

  it('a ticket that fails again: focus is on the new Try again, in French too', async () => {
    show(ZENDESK, failing(2), 'fr');
    fireEvent.click(await screen.findByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(asks.filter((a) => a.type === 'inspectTicket')).toHaveLength(2));
    const again = await screen.findByRole('button', { name: 'Réessayer' });
    await waitFor(() => expect(document.activeElement).toBe(again));
  });

  it('a check again that failed over the last verdicts: Retry, then focus on the ticket it read anew', async () => {
    const alert = await revisit(1);
    const again = within(alert).getByRole('button', { name: 'Retry' });
    again.focus();
    fireEvent.click(again);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const heading = screen.getByRole('heading', { level: 2, name: 'Cannot sign in (#4821)' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('a check again that fails again: focus is on the Retry of the new alert', async () => {
    const first = within(await revisit(2)).getByRole('button', { name: 'Retry' });
    first.focus();
    fireEvent.click(first);
    await waitFor(() => expect(asks.filter((a) => a.type === 'inspectTicket')).toHaveLength(2));
    const again = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(document.activeElement).toBe(again));
  });
});
