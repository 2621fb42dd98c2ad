import type { Request, ResultFor } from '../../core/messages';
import type { Platform } from '../shared/platform';
import { saidOf, type Said } from '../shared/said';

/** The protocol's cap on ids or addresses per evaluate/startJob request (core/messages.ts). */
export const REQUEST_LIMIT = 1000;

/** What the agent chose: record ids (a list view, picked rows) or addresses (a CSV). */
export interface BulkSelection {
  contactIds?: string[];
  emails?: string[];
  /** Names given with the addresses (a CSV's name column, lines pasted), for people made from an address. */
  names?: { email: string; name: string }[];
  /** CRM module the ids belong to. */
  module?: string;
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function selectionSize(selection: BulkSelection): number {
  return (selection.contactIds?.length ?? 0) + (selection.emails?.length ?? 0);
}

type Part = { contactIds?: string[]; emails?: string[]; names?: { email: string; name: string }[]; module?: string };

/** The selection cut into requests the background accepts: ids first, then addresses, each with its names. */
export function selectionParts(selection: BulkSelection): Part[] {
  const module = selection.module ? { module: selection.module } : {};
  const named = new Map((selection.names ?? []).map((n) => [n.email.trim().toLowerCase(), n]));
  return [
    ...chunk(selection.contactIds ?? [], REQUEST_LIMIT).map((contactIds) => ({ contactIds, ...module })),
    ...chunk(selection.emails ?? [], REQUEST_LIMIT).map((emails) => {
      const names = emails.flatMap((email) => named.get(email.trim().toLowerCase()) ?? []);
      return { emails, ...(names.length > 0 ? { names } : {}) };
    }),
  ];
}

type Ask = Platform['ask'];
type Evaluated = ResultFor<'evaluate'>;
type Base = { accountId: string; targetKey: string };

/**
 * Verdicts for the whole selection, one part after the other (the background reads the vendor
 * for each: in parallel they would only meet its rate limit sooner). `stale()` stops a run the
 * agent has replaced by changing the selection or the destination.
 */
export async function evaluateAll(
  ask: Ask,
  base: Base,
  selection: BulkSelection,
  onProgress: (done: number, total: number) => void,
  stale: () => boolean = () => false,
): Promise<Evaluated | null> {
  const parts = selectionParts(selection);
  const total = selectionSize(selection);
  let merged: Evaluated | null = null;
  let done = 0;
  onProgress(0, total);
  for (const part of parts) {
    const result = await ask({ type: 'evaluate', ...base, ...part } as Extract<Request, { type: 'evaluate' }>);
    if (stale()) return null;
    merged = merged ? { target: result.target, items: [...merged.items, ...result.items], missing: [...merged.missing, ...result.missing] } : result;
    done += (part.contactIds?.length ?? 0) + (part.emails?.length ?? 0);
    onProgress(done, total);
  }
  return merged;
}

export interface StartOutcome {
  jobIds: string[];
  /** Parts the background accepted, of `parts`. */
  started: number;
  parts: number;
  /** The refusal that stopped it, worded by the page that shows it (components/shared/said.ts). */
  error?: Said;
}

/**
 * startJob for each part. A refusal stops there and says how far it got: the parts already
 * accepted are in the outbox and will be sent, so sending them again would invite people twice.
 */
export async function startAll(ask: Ask, base: Base, selection: BulkSelection, onProgress: (done: number, total: number) => void): Promise<StartOutcome> {
  const parts = selectionParts(selection);
  const total = selectionSize(selection);
  const outcome: StartOutcome = { jobIds: [], started: 0, parts: parts.length };
  let done = 0;
  onProgress(0, total);
  for (const part of parts) {
    try {
      const { jobs } = await ask({ type: 'startJob', ...base, ...part } as Extract<Request, { type: 'startJob' }>);
      outcome.jobIds.push(...jobs.map((j) => j.jobId));
    } catch (e) {
      outcome.error = saidOf(e);
      return outcome;
    }
    outcome.started++;
    done += (part.contactIds?.length ?? 0) + (part.emails?.length ?? 0);
    onProgress(done, total);
  }
  return outcome;
}
