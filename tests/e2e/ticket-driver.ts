/**
 * Page-object helpers for Portier's ticket, organization and invite-by-address views in real
 * Chromium, beside panel-driver.ts: the people of a ticket, the organizations' dozens of members,
 * and the address form. No vitest in here: `npm run demo` uses it too.
 */
import type { Locator, Page } from 'playwright-core';
import { DESK, ZENDESK } from '../sandbox/seed';

/** The sandbox's ticket, organization and account pages the panel tests open. */
export function ticketPages(port: number) {
  const zendesk = `http://acme.zendesk.localhost:${port}/agent`;
  const desk = `http://desk.zoho.localhost:${port}/agent/${DESK.portalName}/support`;
  return {
    zendeskTicket: `${zendesk}/tickets/${ZENDESK.acme.tickets.signIn}`,
    zendeskTicketRequesterDeleted: `${zendesk}/tickets/${ZENDESK.acme.tickets.requesterDeleted}`,
    zendeskOrganization: `${zendesk}/organizations/${ZENDESK.acme.organizations.northwind}/users`,
    zendeskEmptyOrganization: `${zendesk}/organizations/${ZENDESK.acme.organizations.empty}/users`,
    deskTicket: `${desk}/tickets/details/${DESK.tickets.withPeople}`,
    deskAccount: `${desk}/accounts/details/${DESK.accounts.northwind}`,
  };
}

/** Members every seeded organization gets on top of its seeded ones, so each has 40 (dozens, as real ones do). */
export const ORGANIZATION_SIZE = 40;

/**
 * Fills Zendesk's Northwind organization and Desk's Northwind account to 40 members each through
 * the control API (generated people, a seed of their own so that they are no one else's addresses).
 */
export async function seedOrganizations(controlUrl: string): Promise<void> {
  const fills = [
    { vendor: 'zendesk', organization: String(ZENDESK.acme.organizations.northwind), seeded: 3 },
    { vendor: 'zoho_desk', organization: DESK.accounts.northwind, seeded: 2 },
  ];
  for (const { vendor, organization, seeded } of fills) {
    const count = ORGANIZATION_SIZE - seeded;
    const res = await fetch(`${controlUrl}/__sandbox/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendor, count, mix: false, seed: 1101, organization }),
    });
    const body = (await res.json()) as { count?: number; error?: string };
    if (!res.ok || body.count !== count) throw new Error(`Could not fill the ${vendor} organization ${organization}: ${res.status} ${JSON.stringify(body)}`);
  }
}

/** Resolves once the ticket view shows its people (or its notes); throws with the panel's words on an error. */
export async function waitForTicket(panel: Page, timeoutMs = 20_000): Promise<void> {
  const ready = panel.locator('section.pt-ticket h2#pt-ticket-title');
  const failed = panel.locator('section.pt-ticket .pt-error');
  await ready.or(failed).first().waitFor({ timeout: timeoutMs });
  if (await ready.isVisible()) return;
  throw new Error(`The ticket view shows no people but: ${((await failed.textContent()) ?? '').trim()}`);
}

/** One person of the ticket view, by the name on their card. */
export function ticketPerson(panel: Page, name: string): Locator {
  return panel.getByRole('article', { name, exact: true });
}

/** The "Invite by address" form, opened. */
export async function openAddressForm(panel: Page): Promise<Locator> {
  const section = panel.locator('details.pt-invite-section');
  if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open))) await section.locator('summary').click();
  await section.getByRole('combobox').waitFor({ timeout: 15_000 });
  return section;
}
