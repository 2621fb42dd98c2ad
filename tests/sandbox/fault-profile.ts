/**
 * Probabilistic faults (`POST /__sandbox/faults/profile`): a seeded share of every matching request
 * answers 5xx or loses its connection, for as long as the profile stands, as a real network and a
 * busy vendor do. The light-fault benchmarks run whole bulk jobs under one.
 *
 * Per matching request, one draw: below `serverErrorRate` the vendor answers 500 or 503 (half each,
 * its own envelope, nothing applied); below `serverErrorRate + dropRate` the connection is dropped,
 * before the vendor applies the call or, for a `dropAfterApplyShare` of drops, after it applied it
 * (the answer is lost). The first profile whose path, host and method match decides. The same seed
 * and the same order of requests give the same faults.
 */
import { z } from 'zod';
import { seededRandom } from '../random';
import { compilePathPattern } from './faults';

export const FaultProfileInput = z.object({
  /** A concrete path, a route or a glob, as for `/faults` (`**` every path). */
  path: z.string().min(1).default('**'),
  method: z.string().optional(),
  /** Only on this vendor host (e.g. `acme.zendesk.localhost`); any host when absent. */
  host: z.string().optional(),
  serverErrorRate: z.number().min(0).max(1).default(0),
  dropRate: z.number().min(0).max(1).default(0),
  /** Share of the drops that happen after the vendor applied the call. */
  dropAfterApplyShare: z.number().min(0).max(1).default(0.5),
  seed: z.number().int().default(1),
}).refine((p) => p.serverErrorRate + p.dropRate <= 1, { message: 'serverErrorRate + dropRate must not exceed 1' });
export type FaultProfileInput = z.input<typeof FaultProfileInput>;

/** What one profile did so far. */
export interface ProfileTally {
  /** Matching requests seen. */
  seen: number;
  '500': number;
  '503': number;
  drop: number;
  drop_after: number;
}

export type ProfileFault = '500' | '503' | 'drop' | 'drop_after';

interface Profile {
  id: number;
  input: z.output<typeof FaultProfileInput>;
  matcher: RegExp;
  random: () => number;
  tally: ProfileTally;
}

export class FaultProfiles {
  private profiles: Profile[] = [];
  private nextId = 1;

  add(input: FaultProfileInput) {
    const parsed = FaultProfileInput.parse(input);
    const profile: Profile = {
      id: this.nextId++,
      input: parsed,
      matcher: compilePathPattern(parsed.path),
      random: seededRandom(parsed.seed),
      tally: { seen: 0, '500': 0, '503': 0, drop: 0, drop_after: 0 },
    };
    this.profiles.push(profile);
    return describe(profile);
  }

  /** The fault this request gets, if any (each call is one draw of the matching profile). */
  roll(request: { method: string; path: string; host: string }): ProfileFault | undefined {
    const profile = this.profiles.find(
      (p) =>
        (!p.input.method || p.input.method.toUpperCase() === request.method.toUpperCase()) &&
        (!p.input.host || p.input.host.toLowerCase() === request.host) &&
        p.matcher.test(request.path),
    );
    if (!profile) return undefined;
    const { serverErrorRate, dropRate, dropAfterApplyShare } = profile.input;
    profile.tally.seen += 1;
    const draw = profile.random();
    // Two more draws on every request, used or not, so that one fault does not shift the next ones.
    const first = profile.random() < 0.5;
    const after = profile.random() < dropAfterApplyShare;
    let fault: ProfileFault | undefined;
    if (draw < serverErrorRate) fault = first ? '500' : '503';
    else if (draw < serverErrorRate + dropRate) fault = after ? 'drop_after' : 'drop';
    if (fault) profile.tally[fault] += 1;
    return fault;
  }

  list() {
    return this.profiles.map(describe);
  }

  clear(): void {
    this.profiles = [];
  }
}

function describe(profile: Profile) {
  return { id: profile.id, ...profile.input, injected: { ...profile.tally } };
}
