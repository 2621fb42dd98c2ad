/**
 * The seeded world, by scenario. `default` holds at least one contact for every reason code of
 * shared/RULES.md, each with a comment saying which (seed/*.ts); `bulk` adds generated contacts
 * (generate.ts) to Desk and CRM for benchmarks. Everything is deterministic given the seed time.
 *
 * EMAIL_MALFORMED has no stored contact: every vendor validates addresses before storing them, so a
 * malformed one only reaches the sandbox in a request (a Zendesk create answers 422).
 */
import { z } from 'zod';
import { addGeneratedContacts, generatePeople } from './generate';
import type { SandboxData } from './model';
import { seedGrants, ZENDESK_CLIENTS, ZOHO_CLIENTS, ZOHO_SESSIONS, ZOHO_USERS } from './seed/credentials';
import { seedConnect } from './seed/zoho-connect';
import { seedCrm } from './seed/zoho-crm';
import { seedDesk } from './seed/zoho-desk';
import { seedZendesk } from './seed/zendesk';

export { COMPANY_DOMAINS, CONNECT, CRM, DESK, ZENDESK, ZOHO } from './seed/ids';
export { ZENDESK_SCOPES, ZOHO_SCOPES } from './seed/credentials';

export const ScenarioInput = z.object({
  name: z.enum(['default', 'bulk']),
  /** `bulk`: generated contacts per vendor (Desk and CRM). */
  contacts: z.number().int().positive().max(100_000).default(10_000),
  /** `bulk`: generator seed. */
  seed: z.number().int().default(42),
});
export type ScenarioInput = z.input<typeof ScenarioInput>;

export function seedData(now: number): SandboxData {
  return {
    zendesk: seedZendesk(now),
    zendeskClients: structuredClone(ZENDESK_CLIENTS),
    zoho: { users: structuredClone(ZOHO_USERS), clients: structuredClone(ZOHO_CLIENTS), sessions: structuredClone(ZOHO_SESSIONS) },
    desk: seedDesk(now),
    crm: seedCrm(now),
    connect: seedConnect(now),
    grants: seedGrants(now),
  };
}

export function buildScenario(input: ScenarioInput, now: number): SandboxData {
  const scenario = ScenarioInput.parse(input);
  const data = seedData(now);
  if (scenario.name === 'bulk') {
    const at = new Date(now).toISOString();
    const people = generatePeople(scenario.contacts, { seed: scenario.seed });
    addGeneratedContacts(data, 'zoho_desk', people, at);
    addGeneratedContacts(data, 'zoho_crm', people, at);
  }
  return data;
}
