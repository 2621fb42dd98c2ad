/**
 * What tests and benchmarks read back: requests per endpoint, and invitations actually sent per
 * (target, email). A second real invitation to the same email and target increments the same
 * counter, so "every count is 1" proves nothing was sent twice. A vendor refusal (Zendesk 422
 * DuplicateValue, CRM DUPLICATE_DATA…) sends nothing and counts nothing. CRM `type=reinvite` and
 * Zendesk verification emails are counted apart from first invitations.
 */
export type InvitationKind = 'invite' | 'reinvite' | 'verification';

export interface InvitationEvent {
  at: string;
  /** RULES.md target kind and id, e.g. `zoho_crm.portal:5843104000000411001`. */
  target: string;
  email: string;
  kind: InvitationKind;
  /** The vendor record that was invited, when there is one. */
  recordId?: string;
}

export class Counters {
  private requests = new Map<string, number>();
  private events: InvitationEvent[] = [];

  /** `vendor METHOD /route/{param}`. */
  request(vendor: string, method: string, route: string): void {
    const key = `${vendor} ${method} ${route}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  invitation(event: Omit<InvitationEvent, 'email'> & { email: string }): void {
    this.events.push({ ...event, email: event.email.trim().toLowerCase() });
  }

  requestCount(vendor: string, method: string, route: string): number {
    return this.requests.get(`${vendor} ${method} ${route}`) ?? 0;
  }

  /** Invitations of one kind sent to an email on a target. */
  sent(target: string, email: string, kind: InvitationKind = 'invite'): number {
    const key = email.trim().toLowerCase();
    return this.events.filter((e) => e.target === target && e.email === key && e.kind === kind).length;
  }

  snapshot() {
    const invitations: Record<string, Record<string, Partial<Record<InvitationKind, number>>>> = {};
    for (const e of this.events) {
      const byEmail = (invitations[e.target] ??= {});
      const kinds = (byEmail[e.email] ??= {});
      kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    }
    let duplicates = 0;
    for (const byEmail of Object.values(invitations)) {
      for (const kinds of Object.values(byEmail)) duplicates += Math.max(0, (kinds.invite ?? 0) - 1);
    }
    const totals = { invite: 0, reinvite: 0, verification: 0 };
    for (const e of this.events) totals[e.kind] += 1;
    return {
      requests: Object.fromEntries([...this.requests.entries()].sort(([a], [b]) => a.localeCompare(b))),
      invitations,
      totals,
      /** First invitations sent more than once to the same email and target: 0 when nothing was sent twice. */
      duplicateInvitations: duplicates,
    };
  }

  log(): readonly InvitationEvent[] {
    return this.events;
  }

  clear(): void {
    this.requests.clear();
    this.events = [];
  }
}
