import { addressOf, displayNameOf, looksLikeAddress } from '../shared/csv';

/**
 * People typed or pasted into the invite form, one a line: `jane@example.com`, `Jane Doe
 * <jane@example.com>`, `Jane Doe, jane@example.com` (or `;`, a tab, the address first). A loose
 * shape check only, as for a CSV: the eligibility core judges every address again.
 */

export interface TypedPerson {
  email: string;
  name?: string;
}

export interface TypedPeople {
  people: TypedPerson[];
  /** Lines with no address in them; `line` is 1-based. */
  invalid: { line: number; value: string }[];
  /** Lines whose address an earlier line already gave. */
  duplicates: number;
}

/** At most this many lines at once: the protocol's cap on addresses per request (core/messages.ts). */
export const MAX_TYPED_PEOPLE = 1000;

/** One line as a person, or undefined when it holds no address. */
export function personOf(line: string): TypedPerson | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  const angled = displayNameOf(text);
  if (angled !== undefined || /<[^<>]+>\s*$/.test(text)) {
    const email = addressOf(text);
    return looksLikeAddress(email) ? { email, ...(angled ? { name: angled } : {}) } : undefined;
  }
  const cells = text.split(/[,;\t]/).map((cell) => cell.trim()).filter(Boolean);
  const at = cells.findIndex((cell) => looksLikeAddress(cell));
  if (at < 0) return undefined;
  const email = addressOf(cells[at] ?? '');
  const name = cells.filter((_, i) => i !== at).join(' ').replace(/^"(.*)"$/, '$1').trim();
  return { email, ...(name ? { name: name.slice(0, 200) } : {}) };
}

export function parsePeople(text: string): TypedPeople {
  const out: TypedPeople = { people: [], invalid: [], duplicates: 0 };
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const person = personOf(line);
    if (!person) {
      out.invalid.push({ line: i + 1, value: line.trim() });
      return;
    }
    const key = person.email.toLowerCase();
    if (seen.has(key)) {
      out.duplicates += 1;
      return;
    }
    seen.add(key);
    out.people.push(person);
  });
  return out;
}
