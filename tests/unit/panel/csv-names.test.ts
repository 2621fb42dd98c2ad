import { describe, expect, it } from 'vitest';
import { selectionParts } from '../../../components/bulk/chunks';
import { displayNameOf, emailsFromRows, readEmailCsv } from '../../../components/shared/csv';
import { parsePeople, personOf } from '../../../components/invite/parse';

/** Names that come with addresses: a CSV's name column, pasted lines; and how they travel to the background. */

describe('a CSV keeps its name column', () => {
  it.each([
    ['Name', 'Name,Email\nJane Doe,jane@example.com', 'Name'],
    ['Full name', 'Full name;E-mail\nJane Doe;jane@example.com', 'Full name'],
    ['Nom complet', 'Nom complet;Courriel\nJane Doe;jane@example.com', 'Nom complet'],
    ['first and last name', 'First name,Last name,Email\nJane,Doe,jane@example.com', 'First name + Last name'],
    ['prénom and nom', 'Prénom;Nom;Courriel\nJane;Doe;jane@example.com', 'Prénom + Nom'],
  ])('reads the names of a %s column', async (_what, csv, column) => {
    const result = await readEmailCsv(csv);
    expect(result.names).toEqual([{ email: 'jane@example.com', name: 'Jane Doe' }]);
    expect(result.nameColumn).toBe(column);
  });

  it('takes the name of a `Name <address>` cell, and gives none where the line has none', () => {
    const result = emailsFromRows([['Email', 'Phone'], ['"Doe, Jane" <jane@example.com>', '1'], ['bob@example.org', '2']]);
    expect(result.emails).toEqual(['jane@example.com', 'bob@example.org']);
    expect(result.names).toEqual([{ email: 'jane@example.com', name: 'Doe, Jane' }]);
    expect(result.nameColumn).toBeNull();
  });

  it('reads no names from a file without a header, and none from an empty name cell', () => {
    expect(emailsFromRows([['Jane', 'jane@example.com'], ['Bob', 'bob@example.org']]).names).toEqual([]);
    expect(emailsFromRows([['Name', 'Email'], ['', 'jane@example.com']]).names).toEqual([]);
  });

  it('keeps a name to 200 characters, the protocol’s bound', () => {
    const long = 'x'.repeat(250);
    expect(emailsFromRows([['Name', 'Email'], [long, 'jane@example.com']]).names[0]?.name).toHaveLength(200);
  });

  it('displayNameOf reads the name before an angled address', () => {
    expect(displayNameOf('Jane Doe <jane@example.com>')).toBe('Jane Doe');
    expect(displayNameOf('<jane@example.com>')).toBeUndefined();
    expect(displayNameOf('jane@example.com')).toBeUndefined();
  });
});

describe('lines typed or pasted in the invite form', () => {
  it.each([
    ['jane@example.com', { email: 'jane@example.com' }],
    ['Jane Doe <jane@example.com>', { email: 'jane@example.com', name: 'Jane Doe' }],
    ['Jane Doe, jane@example.com', { email: 'jane@example.com', name: 'Jane Doe' }],
    ['jane@example.com;Jane Doe', { email: 'jane@example.com', name: 'Jane Doe' }],
    ['Jane Doe\tjane@example.com', { email: 'jane@example.com', name: 'Jane Doe' }],
    ['  mailto:jane@example.com ', { email: 'jane@example.com' }],
  ])('%s', (line, person) => {
    expect(personOf(line)).toEqual(person);
  });

  it.each(['jean@@example.com', 'Jane Doe', 'jane@example', 'Jane <not an address>'])('finds no address in %s', (line) => {
    expect(personOf(line)).toBeUndefined();
  });

  it('lists the lines without an address by number, and counts an address given twice once', () => {
    const typed = parsePeople('Jane Doe <jane@example.com>\n\njean@@example.com\nJANE@example.com\nBob, bob@example.org\n');
    expect(typed.people).toEqual([{ email: 'jane@example.com', name: 'Jane Doe' }, { email: 'bob@example.org', name: 'Bob' }]);
    expect(typed.invalid).toEqual([{ line: 3, value: 'jean@@example.com' }]);
    expect(typed.duplicates).toBe(1);
  });
});

describe('names travel with their addresses', () => {
  it('each part of a selection carries the names of its own addresses', () => {
    const emails = Array.from({ length: 1500 }, (_, i) => `p${i}@example.com`);
    const parts = selectionParts({ emails, names: [{ email: 'P3@example.com', name: 'Three' }, { email: 'p1200@example.com', name: 'Twelve hundred' }] });
    expect(parts.map((p) => p.emails?.length)).toEqual([1000, 500]);
    expect(parts[0]?.names).toEqual([{ email: 'P3@example.com', name: 'Three' }]);
    expect(parts[1]?.names).toEqual([{ email: 'p1200@example.com', name: 'Twelve hundred' }]);
    expect(selectionParts({ emails: ['a@example.com'] })[0]).toEqual({ emails: ['a@example.com'] });
  });
});
