// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortalUsersPanel } from '../../../components/portal-users/PortalUsersPanel';
import { LocaleContext } from '../../../components/shared/locale';
import { AskError, PlatformContext, type Platform } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { PortalUser, Request, RequestType } from '../../../core/messages';
import type { Account, Target } from '../../../core/model';

const NOW = '2026-05-01T10:00:00.000Z';
const ACCOUNT: Account = { id: 'com:42', vendor: 'zoho_crm', label: 'Acme CRM', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: NOW };
const type = (key: string, name: string, portalName: string): Target => ({ key, kind: 'zoho_crm.portal', id: key, vendor: 'zoho_crm', accountId: 'com:42', name, portalName, fetchedAt: NOW });
const TARGETS = [type('ut-customers', 'Customers', 'Acme Portal'), type('ut-partners', 'Partners', 'Acme Portal'), type('ut-other', 'Vendors', 'Other Portal')];

let db: PortierDb;
let asks: Request[];
let usersOf: (status: string) => PortalUser[];
let actionResult: (ids: string[]) => { personalityId: string; ok: boolean; message?: string; code?: string; vendorCode?: string }[];
/** How many of the next requests of a type fail, as the background refuses them (a vendor's rate limit). */
let failNext: Partial<Record<RequestType, number>>;
const RATE_LIMITED = { en: 'Zoho CRM is rate-limiting Portier: try again in a minute.', fr: 'Zoho CRM limite les requêtes de Portier : réessayez dans une minute.' };

function users(n: number, status: PortalUser['status'], over: Partial<PortalUser> = {}): PortalUser[] {
  return Array.from({ length: n }, (_, i) => ({ personalityId: `p${i}`, contactId: `c${i}`, module: 'Contacts', email: `user${i}@example.com`, name: `User ${i}`, status, ...over }));
}

function renderPanel(locale: Locale = 'en') {
  const platform: Platform = {
    database: async () => db,
    ask: (async (request: Request) => {
      asks.push(request);
      if (failNext[request.type]) {
        failNext[request.type]!--;
        throw new AskError('VENDOR_ERROR', RATE_LIMITED.en, RATE_LIMITED);
      }
      switch (request.type) {
        case 'listTargets':
          return { targets: TARGETS };
        case 'listPortalUsers':
          return { users: usersOf(request.status) };
        case 'portalUserAction':
          return { results: actionResult(request.personalityIds) };
        case 'startJob':
          return { jobs: [{ jobId: 'job-1', action: 'reinvite' }] };
        default:
          throw new Error(`unexpected ask ${request.type}`);
      }
    }) as Platform['ask'],
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  };
  const tree = (shown: Locale) => (
    <PlatformContext.Provider value={platform}>
      <LocaleContext.Provider value={{ locale: shown, setLocale: () => undefined }}>
        <PortalUsersPanel account={ACCOUNT} />
      </LocaleContext.Provider>
    </PlatformContext.Provider>
  );
  const rendered = render(tree(locale));
  /** The agent picks another language: the same panel, rendered again. */
  return { ...rendered, switchTo: (other: Locale) => rendered.rerender(tree(other)) };
}

const asked = <T extends RequestType>(t: T) => asks.filter((a): a is Extract<Request, { type: T }> => a.type === t);

beforeEach(() => {
  db = openDb(`test-${Math.random()}`);
  asks = [];
  usersOf = (status) => users(3, status as PortalUser['status']);
  actionResult = (ids) => ids.map((personalityId) => ({ personalityId, ok: true }));
  failNext = {};
});
afterEach(() => {
  cleanup();
  db.close();
});

async function selectAll(name = 'Select all portal users') {
  fireEvent.click(await screen.findByRole('checkbox', { name }));
}

describe('PortalUsersPanel', () => {
  it('lists the user type’s portal users per status tab, with the arrow keys too', async () => {
    renderPanel();
    await screen.findByRole('listbox', { name: 'Portal users' });
    expect(asked('listPortalUsers')).toEqual([{ type: 'listPortalUsers', accountId: 'com:42', targetKey: 'ut-customers', status: 'active' }]);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Active', 'Confirmed', 'Unconfirmed', 'Deactivated']);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');

    fireEvent.click(screen.getByRole('tab', { name: 'Unconfirmed' }));
    await waitFor(() => expect(asked('listPortalUsers').at(-1)?.status).toBe('unconfirmed'));
    expect(screen.getByRole('tab', { name: 'Unconfirmed' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(screen.getByRole('tab', { name: 'Unconfirmed' }).id);

    fireEvent.keyDown(screen.getByRole('tab', { name: 'Unconfirmed' }), { key: 'ArrowRight' });
    await waitFor(() => expect(asked('listPortalUsers').at(-1)?.status).toBe('deactivated'));
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Deactivated' }), { key: 'ArrowRight' });
    await waitFor(() => expect(asked('listPortalUsers').at(-1)?.status).toBe('active'));

    fireEvent.change(screen.getByRole('combobox', { name: 'User type' }), { target: { value: 'ut-partners' } });
    await waitFor(() => expect(asked('listPortalUsers').at(-1)).toMatchObject({ targetKey: 'ut-partners', status: 'active' }));
  });

  it('deactivates the ticked users in requests of at most 100, shows failures with the vendor’s words, then reloads', async () => {
    usersOf = (status) => users(250, status as PortalUser['status']);
    actionResult = (ids) => ids.map((personalityId) => (personalityId === 'p7' ? { personalityId, ok: false, message: 'Portal user is the owner' } : { personalityId, ok: true }));
    renderPanel();
    await selectAll();
    expect(screen.getByText('250 of 250 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    // Nothing happens before the agent confirms.
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate' });
    expect(dialog.textContent).toContain('Deactivate 250 portal users? They lose access to the portal until activated again');
    expect(asked('portalUserAction')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, deactivate' }));
    await screen.findByText('249 done, 1 failed.');
    const calls = asked('portalUserAction');
    expect(calls.map((c) => c.personalityIds.length)).toEqual([100, 100, 50]);
    expect(calls.every((c) => c.action === 'deactivate' && c.targetKey === 'ut-customers' && c.accountId === 'com:42')).toBe(true);
    expect(calls.flatMap((c) => c.personalityIds)).toEqual(users(250, 'active').map((u) => u.personalityId));
    expect(screen.getByText('User 7 <user7@example.com>: Portal user is the owner')).toBeTruthy();
    await waitFor(() => expect(asked('listPortalUsers')).toHaveLength(2));
  });

  it('moves ticked users to another user type of the same portal only', async () => {
    renderPanel();
    const list = await screen.findByRole('listbox', { name: 'Portal users' });
    fireEvent.click(within(list).getByText('User 1'));
    const moveTo = screen.getByRole('combobox', { name: 'Move to user type' }) as HTMLSelectElement;
    // No type is picked for the agent: the button waits for an explicit choice.
    expect([...moveTo.options].map((o) => o.value)).toEqual(['', 'ut-partners']);
    expect(moveTo.value).toBe('');
    expect((screen.getByRole('button', { name: 'Change user type' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(moveTo, { target: { value: 'ut-partners' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change user type' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Change user type' });
    expect(dialog.textContent).toContain('Move 1 portal user from “Customers” to “Partners”?');
    expect(asked('portalUserAction')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, change the user type' }));
    await screen.findByText('1 done.');
    expect(asked('portalUserAction')).toEqual([
      { type: 'portalUserAction', accountId: 'com:42', targetKey: 'ut-customers', action: 'transfer', personalityIds: ['p1'], toTargetKey: 'ut-partners' },
    ]);
  });

  it('words the questions about one user in the singular, in French and in English', async () => {
    const { switchTo } = renderPanel('fr');
    const list = await screen.findByRole('listbox', { name: 'Utilisateurs du portail' });
    fireEvent.click(within(list).getByText('User 0'));
    const ask = (action: string) => {
      fireEvent.click(screen.getByRole('button', { name: action }));
      return screen.getByRole('alertdialog').querySelector('p')!.textContent;
    };
    const close = (keep: string) => fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: keep }));
    expect(ask('Supprimer')).toBe(
      "Supprimer 1 utilisateur du portail ? C'est irréversible : il perd l'accès au portail et devra être invité à nouveau.",
    );
    close('Ne rien changer');
    expect(ask('Désactiver')).toBe(
      "Désactiver 1 utilisateur du portail ? Il perd l'accès au portail jusqu'à une nouvelle activation ; sa place est libérée.",
    );
    close('Ne rien changer');

    switchTo('en');
    expect(ask('Delete')).toBe('Delete 1 portal user? This cannot be undone: the user loses access to the portal and must be invited again.');
    close('Change nothing');
    expect(ask('Deactivate')).toBe('Deactivate 1 portal user? The user loses access to the portal until activated again; the seat is freed.');
    close('Change nothing');
    expect(asked('portalUserAction')).toEqual([]);
  });

  it('words the questions about several users in the plural', async () => {
    renderPanel('fr');
    await selectAll('Sélectionner tous les utilisateurs du portail');
    fireEvent.click(screen.getByRole('button', { name: 'Désactiver' }));
    expect(screen.getByRole('alertdialog').querySelector('p')!.textContent).toBe(
      "Désactiver 3 utilisateurs du portail ? Ils perdent l'accès au portail jusqu'à une nouvelle activation ; leurs places sont libérées.",
    );
  });

  it('deletes only after a confirmation that says it cannot be undone', async () => {
    renderPanel('fr');
    const list = await screen.findByRole('listbox', { name: 'Utilisateurs du portail' });
    fireEvent.click(within(list).getByText('User 0'));
    fireEvent.click(within(list).getByText('User 2'));
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Supprimer' });
    expect(dialog.textContent).toContain("Supprimer 2 utilisateurs du portail ? C'est irréversible");
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ne rien changer' }));
    expect(asked('portalUserAction')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Supprimer' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Oui, supprimer' }));
    await screen.findByText('2 effectués.');
    expect(asked('portalUserAction')).toEqual([
      { type: 'portalUserAction', accountId: 'com:42', targetKey: 'ut-customers', action: 'delete', personalityIds: ['p0', 'p2'] },
    ]);
  });

  it('says a refusal in words from its code, in the agent’s language', async () => {
    usersOf = (status) => users(2, status as PortalUser['status']);
    actionResult = (ids) => ids.map((personalityId) => ({ personalityId, ok: false, code: 'LICENSE_LIMIT', vendorCode: 'LIMIT_EXCEEDED', message: 'License Limit has been exceeded.' }));
    renderPanel('fr');
    fireEvent.click(await screen.findByRole('tab', { name: 'Désactivés' }));
    await waitFor(() => expect(asked('listPortalUsers').at(-1)?.status).toBe('deactivated'));
    await selectAll('Sélectionner tous les utilisateurs du portail');
    fireEvent.click(screen.getByRole('button', { name: 'Activer' }));
    expect(await screen.findByText('User 0 <user0@example.com> : Plus de place disponible')).toBeTruthy();
  });

  it('words the last action’s refusals again when the agent switches language', async () => {
    usersOf = (status) => users(2, status as PortalUser['status']);
    actionResult = (ids) => ids.map((personalityId) => ({ personalityId, ok: false, code: 'LICENSE_LIMIT', vendorCode: 'LIMIT_EXCEEDED', message: 'License Limit has been exceeded.' }));
    const { switchTo } = renderPanel('fr');
    fireEvent.click(await screen.findByRole('tab', { name: 'Désactivés' }));
    await waitFor(() => expect(asked('listPortalUsers').at(-1)?.status).toBe('deactivated'));
    await selectAll('Sélectionner tous les utilisateurs du portail');
    fireEvent.click(screen.getByRole('button', { name: 'Activer' }));
    expect(await screen.findByText('User 0 <user0@example.com> : Plus de place disponible')).toBeTruthy();
    switchTo('en');
    expect(await screen.findByText(/^User 0 <user0@example\.com>: No seat left/)).toBeTruthy();
    expect(screen.queryByText(/Plus de place disponible/)).toBeNull();
  });

  it('activates deactivated users, and offers no deactivate there', async () => {
    renderPanel();
    fireEvent.click(await screen.findByRole('tab', { name: 'Deactivated' }));
    await waitFor(() => expect(asked('listPortalUsers').at(-1)?.status).toBe('deactivated'));
    await selectAll();
    expect(screen.queryByRole('button', { name: 'Deactivate' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Re-invite' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Activate' }));
    await screen.findByText('3 done.');
    expect(asked('portalUserAction')[0]).toMatchObject({ action: 'activate', personalityIds: ['p0', 'p1', 'p2'] });
  });

  it('re-invites unconfirmed users through startJob with their CRM records and module', async () => {
    usersOf = (status) => [
      ...users(2, status as PortalUser['status']),
      { personalityId: 'p9', contactId: 'l9', module: 'Leads', email: 'lead@example.com', status: 'unconfirmed' },
      { personalityId: 'p10', email: 'ghost@example.com', status: 'unconfirmed' },
    ];
    renderPanel();
    fireEvent.click(await screen.findByRole('tab', { name: 'Unconfirmed' }));
    await waitFor(() => expect(asked('listPortalUsers').at(-1)?.status).toBe('unconfirmed'));
    await selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Re-invite' }));
    await screen.findByText(/2 re-invitation jobs started/);
    expect(screen.getByText(/1 user has no CRM record Portier knows/)).toBeTruthy();
    expect(asked('startJob')).toEqual([
      { type: 'startJob', accountId: 'com:42', targetKey: 'ut-customers', contactIds: ['c0', 'c1'], module: 'Contacts' },
      { type: 'startJob', accountId: 'com:42', targetKey: 'ut-customers', contactIds: ['l9'], module: 'Leads' },
    ]);
    expect(asked('portalUserAction')).toEqual([]);
  });

  it('renders a portal user’s name as text', async () => {
    usersOf = () => [{ personalityId: 'x', email: 'x@example.com', name: '<img src=x onerror=alert(1)>', status: 'active' }];
    renderPanel();
    const list = await screen.findByRole('listbox', { name: 'Portal users' });
    expect(within(list).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(list.querySelector('img')).toBeNull();
  });

  it('a request refused outright: the ticks stay, no "0 done" above the error, nothing reloaded, focus back on the button', async () => {
    usersOf = (status) => users(40, status as PortalUser['status']);
    failNext = { portalUserAction: 1 };
    renderPanel();
    await selectAll();
    const deleteButton = screen.getByRole('button', { name: 'Delete' });
    fireEvent.click(deleteButton);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, delete' }));
    expect((await screen.findByRole('alert')).textContent).toBe(RATE_LIMITED.en);
    expect(screen.queryByText(/done/)).toBeNull();
    expect(screen.getByText('Not handled: 40 users, still selected to try again.')).toBeTruthy();
    expect(screen.getByText('40 of 40 selected')).toBeTruthy();
    expect(asked('listPortalUsers')).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(deleteButton));

    // A minute later, the same button on the same selection.
    fireEvent.click(deleteButton);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, delete' }));
    await screen.findByText('40 done.');
    expect(asked('portalUserAction').map((c) => c.personalityIds.length)).toEqual([40, 40]);
  });

  it('a request that fails part-way: what was done is reloaded, those not reached stay ticked', async () => {
    const gone = new Set<string>();
    usersOf = (status) => users(250, status as PortalUser['status']).filter((u) => !gone.has(u.personalityId));
    actionResult = (ids) => {
      if (asked('portalUserAction').length > 1) throw new AskError('VENDOR_ERROR', RATE_LIMITED.en, RATE_LIMITED);
      ids.forEach((id) => gone.add(id));
      return ids.map((personalityId) => ({ personalityId, ok: true }));
    };
    renderPanel('fr');
    await selectAll('Sélectionner tous les utilisateurs du portail');
    fireEvent.click(screen.getByRole('button', { name: 'Désactiver' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Oui, désactiver' }));
    expect((await screen.findByRole('alert')).textContent).toBe(RATE_LIMITED.fr);
    await waitFor(() => expect(asked('listPortalUsers')).toHaveLength(2));
    expect(await screen.findByText('150 sur 150 sélectionnés')).toBeTruthy();
    expect(screen.getByText('100 effectués.')).toBeTruthy();
    expect(screen.getByText('Non traités : 150 utilisateurs, toujours sélectionnés pour réessayer.')).toBeTruthy();
  });

  it('a delete done for everyone puts the focus on what it did, not on the page', async () => {
    renderPanel();
    await selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, delete' }));
    const done = await screen.findByText('3 done.');
    await waitFor(() => expect(document.activeElement).toBe(done.closest('.pu-report')));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('Escape and "Change nothing" close the question with focus back on the button that asked it', async () => {
    renderPanel();
    await selectAll();
    const deleteButton = screen.getByRole('button', { name: 'Delete' });
    fireEvent.click(deleteButton);
    fireEvent.keyDown(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, delete' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(deleteButton));

    const deactivate = screen.getByRole('button', { name: 'Deactivate' });
    fireEvent.click(deactivate);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Change nothing' }));
    await waitFor(() => expect(document.activeElement).toBe(deactivate));
    expect(asked('portalUserAction')).toEqual([]);
    expect(screen.getByText('3 of 3 selected')).toBeTruthy();
  });

  it('the user types fail to load: says so with "Try again", which loads them and focuses the choice', async () => {
    failNext = { listTargets: 1 };
    renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`The portal user types could not be read. ${RATE_LIMITED.en}`);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    const choice = await screen.findByRole('combobox', { name: 'User type' });
    await waitFor(() => expect(document.activeElement).toBe(choice));
    expect(await screen.findByRole('listbox', { name: 'Portal users' })).toBeTruthy();
    expect(asked('listTargets')).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the list fails to load: "Try again" reads it again and focuses "Select all"', async () => {
    failNext = { listPortalUsers: 1 };
    renderPanel('fr');
    expect((await screen.findByRole('alert')).textContent).toBe(`Les utilisateurs du portail n'ont pas pu être lus. ${RATE_LIMITED.fr}`);
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    const all = await screen.findByRole('checkbox', { name: 'Sélectionner tous les utilisateurs du portail' });
    await waitFor(() => expect(document.activeElement).toBe(all));
    expect(asked('listPortalUsers')).toHaveLength(2);
  });
});
