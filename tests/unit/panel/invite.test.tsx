// @vitest-environment happy-dom
import './dom-setup';
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddressInvite } from '../../../components/invite/AddressInvite';
import { LanguageToggle } from '../../../components/shared/LanguageToggle';
import { LocaleProvider } from '../../../components/shared/LocaleProvider';
import { AskError } from '../../../components/shared/platform';
import { openDb, type PortierDb } from '../../../core/db';
import type { Request } from '../../../core/messages';
import { invitationId, type Account, type Target, type Verdict } from '../../../core/model';
import { renderWith, type Answers } from './feature-platform';

const NOW = '2026-05-01T10:00:00.000Z';
const ZENDESK: Account = { id: 'acme', vendor: 'zendesk', label: 'Acme', subdomain: 'acme', authKind: 'session', status: 'connected', companyDomains: [], connectedAt: NOW };
const DESK: Account = { id: 'com:1', vendor: 'zoho_desk', label: 'Acme Desk', authKind: 'oauth', status: 'connected', companyDomains: [], connectedAt: NOW };
const END_USERS: Target = { key: 'zendesk:acme:acme', id: 'acme', kind: 'zendesk.end_user', vendor: 'zendesk', accountId: 'acme', name: 'Acme', fetchedAt: NOW };
const HELP: Target = { key: 'zoho_desk:com:1:hc', id: 'hc', kind: 'zoho_desk.help_center', vendor: 'zoho_desk', accountId: 'com:1', name: 'Help', fetchedAt: NOW };
const OK: Verdict = { eligible: true, action: 'invite', reasons: [] };

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

const asked = (type: Request['type']) => asks.filter((a) => a.type === type);

/** Zendesk's answers: the address is a new person (`email:`) whose verdict `verdictOf` gives. */
function zendesk(verdictOf: (email: string) => Verdict = () => OK): Answers {
  return {
    listTargets: () => ({ targets: [END_USERS] }),
    evaluate: (r) => ({
      target: END_USERS,
      items: (r.emails ?? []).map((email) => ({ contactId: `email:${email.toLowerCase()}`, email, ...(r.names?.find((n) => n.email === email) ? { name: r.names.find((n) => n.email === email)!.name } : {}), verdict: verdictOf(email) })),
      missing: [],
    }),
    startJob: () => ({ jobs: [{ jobId: 'job-1', action: 'invite' }] }),
  };
}

/** `switchable`: the panel's own LocaleProvider with its EN | FR toggle, so the test can change the language. */
async function ready(account: Account, answers: Answers, locale: 'en' | 'fr' = 'en', switchable = false) {
  const view = <AddressInvite account={account} />;
  const ui = switchable ? (
    <LocaleProvider language={locale}>
      <LanguageToggle label="Language" class="pt-lang" />
      {view}
    </LocaleProvider>
  ) : (
    view
  );
  renderWith(ui, { db, answers, asks, locale });
  await screen.findByRole('combobox');
}

const REFUSAL = new AskError('VENDOR_ERROR', 'Zendesk refused the user: its email is taken.', {
  en: 'Zendesk refused the user: its email is taken.',
  fr: "Zendesk a refusé l'utilisateur : son adresse est déjà prise.",
});

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('invite one address', () => {
  it('checks, then invites at once with the name typed: Zendesk’s Add customer in one click', async () => {
    await ready(ZENDESK, zendesk());
    type('Name (optional)', 'Nina New');
    type('Email address', ' nina.new@northwind.com ');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(asked('startJob')).toHaveLength(1));
    const request = { accountId: 'acme', targetKey: END_USERS.key, emails: ['nina.new@northwind.com'], names: [{ email: 'nina.new@northwind.com', name: 'Nina New' }] };
    expect(asked('evaluate')).toEqual([{ type: 'evaluate', ...request }]);
    expect(asked('startJob')).toEqual([{ type: 'startJob', ...request }]);
    // The outcome follows the invitation row the engine writes.
    await db.invitations.put({
      id: invitationId('zendesk:acme:email:nina.new@northwind.com', END_USERS.key), contactKey: 'zendesk:acme:email:nina.new@northwind.com', targetKey: END_USERS.key,
      email: 'nina.new@northwind.com', status: 'invited', jobId: 'job-1', seq: 0, updatedAt: NOW,
    });
    expect(await screen.findByText('Nina New <nina.new@northwind.com>: Invited')).toBeTruthy();
  });

  it('refuses a malformed address before any request, and says what an address needs', async () => {
    await ready(ZENDESK, zendesk());
    type('Email address', 'jean@@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect((await screen.findByRole('alert')).textContent).toBe('“jean@@example.com” is not an email address: it needs a name, an @ and a domain, as in jane@example.com.');
    expect(asked('evaluate')).toEqual([]);
    expect(screen.getByLabelText('Email address').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    type('Email address', '');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Type the email address to invite.');
  });

  it('shows a warning first and invites on the second click only', async () => {
    await ready(ZENDESK, zendesk(() => ({ eligible: true, action: 'invite', reasons: [{ code: 'EMAIL_DOMAIN_RESERVED', severity: 'warn' }] })));
    type('Email address', 'noreply@example.invalid');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(await screen.findByText('Read the warning before inviting:')).toBeTruthy();
    expect(asked('startJob')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Invite anyway' }));
    await waitFor(() => expect(asked('startJob')).toHaveLength(1));
  });

  it('says why a person is not invited, and sends nothing', async () => {
    await ready(ZENDESK, zendesk(() => ({ eligible: false, action: 'none', reasons: [{ code: 'ALREADY_MEMBER', severity: 'info' }] })));
    type('Email address', 'chloe.durand@northwind.com');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(await screen.findByText('Not invited:')).toBeTruthy();
    expect(asked('startJob')).toEqual([]);
  });

  it('on Desk, says an address no contact has must be added as a contact first', async () => {
    await ready(DESK, { listTargets: () => ({ targets: [HELP] }), evaluate: (r) => ({ target: HELP, items: [], missing: r.emails ?? [] }) });
    type('Email address', 'nobody@woodgrove.com');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No Zoho Desk contact has the address nobody@woodgrove.com: add the contact in Zoho Desk first, then invite them here.');
    expect(asked('startJob')).toEqual([]);
  });

  it('words a refusal of the start in the panel’s language, and again in the one the agent picks after it', async () => {
    await ready(ZENDESK, { ...zendesk(), startJob: () => Promise.reject(REFUSAL) }, 'fr', true);
    type('Adresse e-mail', 'nina.new@northwind.com');
    fireEvent.click(screen.getByRole('button', { name: 'Inviter' }));
    expect((await screen.findByRole('alert')).textContent).toBe("Zendesk a refusé l'utilisateur : son adresse est déjà prise.");
    // The vendor's refusal is no fault of what was typed: the field is not called invalid.
    expect(screen.getByLabelText('Adresse e-mail').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('Adresse e-mail').getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);

    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Zendesk refused the user: its email is taken.'));
    expect(asked('startJob')).toHaveLength(1);
  });

  it('rewords its own objection to an address when the agent switches language', async () => {
    await ready(ZENDESK, zendesk(), 'fr', true);
    type('Adresse e-mail', 'jean@@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Inviter' }));
    expect((await screen.findByRole('alert')).textContent).toBe("« jean@@example.com » n'est pas une adresse e-mail : il faut un nom, un @ et un domaine, comme jeanne@exemple.fr.");
    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('“jean@@example.com” is not an email address: it needs a name, an @ and a domain, as in jane@example.com.'),
    );
  });
});

describe('invite several addresses', () => {
  it('lists the lines without an address, checks the others with their names, and invites on confirmation', async () => {
    await ready(ZENDESK, zendesk());
    fireEvent.click(screen.getByRole('button', { name: 'Paste several addresses' }));
    fireEvent.input(screen.getByLabelText('One person a line'), { target: { value: 'Ann Lee <ann@woodgrove.com>\njean@@example.com\nbob@woodgrove.com\n' } });
    expect(screen.getByText('1 line has no email address and is left out:')).toBeTruthy();
    expect(screen.getByText('Line 2: “jean@@example.com”')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check 2 addresses' }));
    const invite = await screen.findByRole('button', { name: /^Invite 2$/ });
    expect(asked('evaluate')).toEqual([{ type: 'evaluate', accountId: 'acme', targetKey: END_USERS.key, emails: ['ann@woodgrove.com', 'bob@woodgrove.com'], names: [{ email: 'ann@woodgrove.com', name: 'Ann Lee' }] }]);
    fireEvent.click(invite);
    await waitFor(() => expect(asked('startJob')).toHaveLength(1));
    expect(await screen.findByText('Invitations started: follow them below.')).toBeTruthy();
  });

  it('keeps the keyboard focus: on the preview’s summary when it opens, on Check after Cancel, on the status line after Confirm', async () => {
    await ready(ZENDESK, zendesk());
    fireEvent.click(screen.getByRole('button', { name: 'Paste several addresses' }));
    fireEvent.input(screen.getByLabelText('One person a line'), { target: { value: 'ann@woodgrove.com\nbob@woodgrove.com\n' } });
    const check = () => screen.getByRole('button', { name: 'Check 2 addresses' });
    // A keyboard user presses the focused button: it goes away, and focus must not fall to <body>.
    const press = (button: HTMLElement) => {
      button.focus();
      fireEvent.click(button);
    };
    press(check());
    await screen.findByText('2 selected: 2 will be sent, 0 will not');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('2 selected: 2 will be sent, 0 will not'));

    press(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(check()));

    press(check());
    press(await screen.findByRole('button', { name: /^Invite 2$/ }));
    const status = await screen.findByText('Invitations started: follow them below.');
    await waitFor(() => expect(document.activeElement).toBe(status));
  });

  it('words a refusal of the check in French, then in English once the agent switches', async () => {
    await ready(ZENDESK, { ...zendesk(), evaluate: () => Promise.reject(REFUSAL) }, 'fr', true);
    fireEvent.click(screen.getByRole('button', { name: 'Coller plusieurs adresses' }));
    fireEvent.input(screen.getByLabelText('Une personne par ligne'), { target: { value: 'ann@woodgrove.com\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier 1 adresse' }));
    expect((await screen.findByRole('alert')).textContent).toBe("Zendesk a refusé l'utilisateur : son adresse est déjà prise.");
    fireEvent.click(screen.getByRole('button', { name: 'EN, English' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Zendesk refused the user: its email is taken.'));
  });

  it('speaks French', async () => {
    await ready(ZENDESK, zendesk(), 'fr');
    expect(screen.getByLabelText('Nom (facultatif)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Coller plusieurs adresses' }));
    expect(screen.getByRole('button', { name: 'Vérifier 0 adresse' })).toBeTruthy();
  });
});
