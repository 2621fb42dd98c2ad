import type { BulkPlan, EligibilityActor, EligibilityContact, EligibilityInput, EligibilityTarget, Verdict } from '../model';
import { VENDOR_BATCH_SIZE } from './batch-sizes';
import { CodeSet, withCode } from './codes';
import { companyDomainsOf, emailFacts, forgetIfFull, selectionFacts, type EmailFacts } from './email-facts';
import { actorRules, crmRecordRules, emailRules, membershipRules, networkRules, seatsLeft, targetRules } from './rules';
import { decide, ownCopy } from './verdicts';

export { VENDOR_BATCH_SIZE } from './batch-sizes';
export { severityOf } from './severity';
export { reasonText, REASON_TEXTS, type ReasonText } from './texts';

/**
 * The one eligibility core (RULES.md, "The contract"). Pure: no I/O, no clock but `now`.
 * Every decision Portier makes about a contact and a destination goes through here before any
 * vendor API is called, and the connectors map vendor refusals to the same reason codes.
 * Verdicts are shared between contacts with the same outcome and frozen: copy before changing one.
 */

function factsOf(contact: EligibilityContact): EmailFacts | undefined {
  return typeof contact.email === 'string' ? emailFacts(contact.email) : undefined;
}

function collect(
  contact: EligibilityContact,
  facts: EmailFacts | undefined,
  target: EligibilityTarget,
  company: readonly string[],
  actor: EligibilityActor,
  now: Date,
): number {
  const codes = new CodeSet();
  emailRules(contact, facts, target, company, codes);
  membershipRules(contact, target, now, codes);
  crmRecordRules(contact, target, codes);
  networkRules(contact, target, codes);
  actorRules(actor, target, codes);
  targetRules(target, codes);
  return codes.mask;
}

export function evaluate(input: EligibilityInput, now: Date = new Date()): Verdict {
  forgetIfFull();
  const { contact, target, actor } = input;
  const mask = collect(contact, factsOf(contact), target, companyDomainsOf(target.companyDomains), actor, now);
  return ownCopy(decide(mask, target.kind, { left: seatsLeft(target) }));
}

/** Numbers each plan so that a person marked by an earlier plan is not a duplicate in this one. */
let planCount = 0;

export function planBulk(
  contacts: EligibilityInput['contact'][],
  target: EligibilityInput['target'],
  actor: EligibilityInput['actor'],
  now: Date = new Date(),
): BulkPlan {
  forgetIfFull();
  const plan = ++planCount;
  const seats = { left: seatsLeft(target) };
  const counts: Record<string, number> = {};
  const byAction = new Map<string, string[]>();
  const items: BulkPlan['items'] = new Array(contacts.length);
  const facts = selectionFacts(contacts);
  const company = companyDomainsOf(target.companyDomains);
  // The plan's own verdicts, one per distinct outcome, shared by its items (a copy per item cost
  // more than half the bench's evaluations per second): the caller may sort them in place.
  const own = new Map<Verdict, Verdict>();

  for (let i = 0; i < contacts.length; i++) {
    const contact = contacts[i]!;
    const email = facts[i];
    let mask = collect(contact, email, target, company, actor, now);
    // Two contacts are the same person when their normalised addresses are equal.
    const person = email?.person;
    if (person) {
      if (person.lastPlan === plan) mask = withCode(mask, 'DUPLICATE_IN_SELECTION');
      else person.lastPlan = plan;
    }
    const verdict = decide(mask, target.kind, seats);
    let mine = own.get(verdict);
    if (!mine) own.set(verdict, (mine = ownCopy(verdict)));
    items[i] = { contactId: contact.id, verdict: mine };
    for (const reason of verdict.reasons) counts[reason.code] = (counts[reason.code] ?? 0) + 1;
    if (verdict.eligible) {
      const ids = byAction.get(verdict.action);
      if (ids) ids.push(contact.id);
      else byAction.set(verdict.action, [contact.id]);
    }
  }

  // One action per vendor call (CRM sends invite and reinvite as different `type`s), in the order
  // each action first appears, each cut to what the vendor accepts in one call.
  const size = VENDOR_BATCH_SIZE[target.kind];
  const batches: string[][] = [];
  for (const ids of byAction.values()) {
    for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  }
  return { items, counts, batches };
}
