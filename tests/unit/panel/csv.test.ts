import { describe, expect, it } from 'vitest';
import { csvDelimiter, emailsFromRows, neutraliseCell, readEmailCsv, toCsv } from '../../../components/shared/csv';

describe('readEmailCsv', () => {
  it.each([
    ['email', 'Email'],
    ['E-mail', 'E-mail'],
    ['courriel', 'Courriel'],
    ['adresse e-mail', 'Adresse e-mail'],
    ['adresse électronique', 'Adresse électronique'],
    ['email address', 'Email Address'],
  ])('finds the address column by its header (%s)', async (_, header) => {
    const csv = `Name,${header},Phone\nJane,jane@example.com,123\nBob,bob@example.org,456\n`;
    const result = await readEmailCsv(csv);
    expect(result.column).toBe(header);
    expect(result.emails).toEqual(['jane@example.com', 'bob@example.org']);
    expect(result.invalid).toEqual([]);
  });

  it('without a header, reads the first column whose cells look like addresses', async () => {
    const csv = 'Jane,jane@example.com\nBob,bob@example.org\nAnn,ann@example.net';
    const result = await readEmailCsv(csv);
    expect(result.column).toBeNull();
    expect(result.emails).toEqual(['jane@example.com', 'bob@example.org', 'ann@example.net']);
  });

  it('treats an unknown first line without any @ as a header', async () => {
    const result = await readEmailCsv('Contact\njane@example.com\nbob@example.org');
    expect(result.column).toBe('Contact');
    expect(result.emails).toEqual(['jane@example.com', 'bob@example.org']);
    expect(result.invalid).toEqual([]);
  });

  it('trims, drops blank lines, dedupes case-insensitively and reports bad lines by number', async () => {
    const csv = ['email', '  Jane@Example.com ', '', 'not an address', 'jane@example.COM', 'Bob <bob@example.org>', ',', 'a@b', 'mailto:ann@example.net', '"x@y.com, z@w.com"'].join('\n');
    const result = await readEmailCsv(csv);
    expect(result.emails).toEqual(['Jane@Example.com', 'bob@example.org', 'ann@example.net']);
    expect(result.duplicates).toBe(1);
    expect(result.invalid).toEqual([
      { line: 4, value: 'not an address' },
      { line: 8, value: 'a@b' },
      { line: 10, value: 'x@y.com, z@w.com' },
    ]);
  });

  it('reads semicolon-separated files (French spreadsheets) with blank lines', async () => {
    const result = await readEmailCsv('Nom;Courriel\r\n\r\nJane;jane@example.com\r\nBob;bob@\r\n');
    expect(result.column).toBe('Courriel');
    expect(result.emails).toEqual(['jane@example.com']);
    expect(result.invalid).toEqual([{ line: 4, value: 'bob@' }]);
  });

  it('strips a UTF-8 BOM before the header', async () => {
    const result = await readEmailCsv('\uFEFFEmail\njane@example.com');
    expect(result.column).toBe('Email');
    expect(result.emails).toEqual(['jane@example.com']);
  });

  it('reports every line when no column holds addresses', () => {
    const result = emailsFromRows([['Name'], ['Jane'], [''], ['Bob']]);
    expect(result.emails).toEqual([]);
    expect(result.invalid.map((l) => l.line)).toEqual([1, 2, 4]);
  });
});

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+33 1 23', `'+33 1 23`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['jane@example.com', 'jane@example.com'],
    ['Rate limited', 'Rate limited'],
    ['', ''],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('neutralises every cell of the exported text and quotes what needs quoting', async () => {
    const text = await toCsv([
      ['email', 'status', 'reason_code', 'reason'],
      ['=cmd@evil.com', 'failed', 'VENDOR_ERROR', '@vendor said "no", really'],
      ['jane@example.com', 'invited', '', ''],
    ]);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('email,status,reason_code,reason');
    expect(lines[1]).toBe(`'=cmd@evil.com,failed,VENDOR_ERROR,"'@vendor said ""no"", really"`);
    expect(lines[2]).toBe('jane@example.com,invited,,');
  });

  it('separates with semicolons for a French spreadsheet, and still reads back what it wrote', async () => {
    expect(csvDelimiter('fr')).toBe(';');
    expect(csvDelimiter('en')).toBe(',');
    const text = await toCsv([['email', 'reason'], ['jane@example.com', 'Refusé ; réessayez, plus tard']], csvDelimiter('fr'));
    expect(text.split('\r\n')).toEqual(['email;reason', 'jane@example.com;"Refusé ; réessayez, plus tard"']);
    const read = await readEmailCsv(text);
    expect(read.emails).toEqual(['jane@example.com']);
  });
});
