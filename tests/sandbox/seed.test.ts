import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildScenario, seedData } from './seed';

const here = path.dirname(fileURLToPath(import.meta.url));
const rules = readFileSync(path.resolve(here, '../../../shared/RULES.md'), 'utf8');
/** The reason codes of RULES.md's catalogue table: "| `CODE` | severity |". */
const codes = [...rules.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
const seedText = ['seed.ts', ...readdirSync(path.join(here, 'seed')).map((f) => path.join('seed', f))]
  .map((f) => readFileSync(path.join(here, f), 'utf8'))
  .join('\n');

describe('seed data', () => {
  it('reads the RULES.md catalogue', () => {
    expect(codes.length).toBeGreaterThanOrEqual(25);
  });

  it.each(codes)('has a seeded case, with its comment, for %s', (code) => {
    expect(seedText).toContain(code);
  });

  it('is deterministic for a given seed time', () => {
    const now = Date.UTC(2026, 0, 15, 9, 0, 0);
    expect(seedData(now)).toEqual(seedData(now));
    expect(buildScenario({ name: 'bulk', contacts: 500 }, now)).toEqual(buildScenario({ name: 'bulk', contacts: 500 }, now));
  });

  it('keeps a malformed address out of every vendor store', () => {
    const data = buildScenario({ name: 'bulk', contacts: 3000 }, Date.now());
    const stored = [...Object.values(data.desk).flatMap((o) => o.contacts.map((c) => c.email)), ...data.crm.records.map((r) => r.Email)];
    expect(stored.some((e) => e?.includes('@@'))).toBe(false);
  });
});
