import { ReasonCode } from '../model';

/**
 * Reason codes as bits of one number. A plan over 100,000 contacts builds one set of codes per
 * contact; a bit set costs nothing to build and lets identical outcomes share one verdict object.
 */
const ALL: readonly ReasonCode[] = ReasonCode.options;
const BIT = Object.fromEntries(ALL.map((code, i) => [code, 1 << i])) as Record<ReasonCode, number>;

export class CodeSet {
  mask = 0;
  add(code: ReasonCode): void {
    this.mask |= BIT[code];
  }
}

export function hasCode(mask: number, code: ReasonCode): boolean {
  return (mask & BIT[code]) !== 0;
}

export function withCode(mask: number, code: ReasonCode): number {
  return mask | BIT[code];
}

export function codesOf(mask: number): ReasonCode[] {
  return ALL.filter((code) => (mask & BIT[code]) !== 0);
}
