/**
 * CSV in and out of the panel. papaparse is loaded only when a CSV is imported or exported, so
 * the panel's first paint does not pay for it (the panel's size budget).
 */
import type { Locale } from '../../core/i18n';

export interface EmailImport {
  /** Addresses in file order, trimmed, each once (compared case-insensitively). */
  emails: string[];
  /**
   * The names the file gives with its addresses: a name column (or first and last name columns),
   * or `Jane Doe <jane@example.com>` cells. Zendesk creates people with them instead of nameless.
   */
  names: { email: string; name: string }[];
  /** The header(s) the names were read from, or null when the file has none. */
  nameColumn: string | null;
  /** Lines whose email cell is not an address; `line` is 1-based, header included. */
  invalid: { line: number; value: string }[];
  /** Addresses dropped because an earlier line had them. */
  duplicates: number;
  /** The header of the column read, or null when the file has no header. */
  column: string | null;
}

/** Header words people use for the address column, compared without case, accents or punctuation. */
const EMAIL_HEADERS = new Set([
  'email',
  'emails',
  'mail',
  'emailaddress',
  'emailid',
  'primaryemail',
  'courriel',
  'adressecourriel',
  'adresseemail',
  'adressemail',
  'adresseelectronique',
  'adressedecourriel',
  'mel',
]);

/** Header words of a name column: the whole name, or its first and last parts to put together. */
const NAME_HEADERS = new Set(['name', 'fullname', 'contactname', 'displayname', 'nomcomplet', 'nometprenom', 'prenometnom']);
const FIRST_NAME_HEADERS = new Set(['firstname', 'givenname', 'prenom']);
const LAST_NAME_HEADERS = new Set(['lastname', 'surname', 'familyname', 'nom', 'nomdefamille']);

/** Where the names are: one column, or a first and a last name column (either may be missing). */
function nameColumnsOf(header: readonly string[], emailColumn: number): { full?: number; first?: number; last?: number } {
  const find = (words: Set<string>) => {
    const at = header.findIndex((cell, i) => i !== emailColumn && words.has(headerWord(cell)));
    return at >= 0 ? at : undefined;
  };
  const full = find(NAME_HEADERS);
  if (full !== undefined) return { full };
  const first = find(FIRST_NAME_HEADERS);
  const last = find(LAST_NAME_HEADERS);
  return { ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) };
}

/** `Jane Doe <jane@example.com>` → `Jane Doe`; quotes around the name dropped. */
export function displayNameOf(cell: string): string | undefined {
  const angled = /^(.*?)<[^<>]+>\s*$/.exec(cell.trim());
  const name = angled?.[1]?.trim().replace(/^"(.*)"$/, '$1').trim();
  return name || undefined;
}

function headerWord(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * A loose shape check only: the eligibility core judges every address again (malformed,
 * disposable…). This only tells an address column from a name column and flags obvious junk.
 */
const ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/;

/** `Jane Doe <jane@example.com>` and `mailto:jane@example.com` are addresses too. */
export function addressOf(cell: string): string {
  let value = cell.trim();
  const angled = /<([^<>]+)>\s*$/.exec(value);
  if (angled?.[1]) value = angled[1].trim();
  if (/^mailto:/i.test(value)) value = value.slice('mailto:'.length);
  return value;
}

export function looksLikeAddress(cell: string): boolean {
  return ADDRESS.test(addressOf(cell));
}

/** Picks the address column of parsed rows and reads it. Pure: tested without papaparse. */
export function emailsFromRows(rows: readonly (readonly string[])[]): EmailImport {
  const first = rows[0] ?? [];
  let column = first.findIndex((cell) => EMAIL_HEADERS.has(headerWord(cell)));
  let hasHeader = column >= 0;
  if (!hasHeader) {
    // No known header: the first column where most filled cells are addresses.
    const width = Math.max(0, ...rows.map((r) => r.length));
    for (let c = 0; c < width && column < 0; c++) {
      const filled = rows.map((r) => (r[c] ?? '').trim()).filter((v) => v !== '');
      const addresses = filled.filter(looksLikeAddress).length;
      if (addresses > 0 && addresses * 2 >= filled.length) column = c;
    }
    // A first line without a single @ is a header in words Portier does not know ("Contact").
    hasHeader = column >= 0 && rows.length > 1 && !first.some((cell) => cell.includes('@'));
  }
  const nameColumns = hasHeader ? nameColumnsOf(first, column) : {};
  const nameHeaders = [nameColumns.full, nameColumns.first, nameColumns.last].flatMap((i) => (i === undefined ? [] : [(first[i] ?? '').trim()]));
  const result: EmailImport = {
    emails: [], names: [], invalid: [], duplicates: 0, column: hasHeader ? (first[column] ?? '').trim() : null,
    nameColumn: nameHeaders.length > 0 ? nameHeaders.join(' + ') : null,
  };
  const nameIn = (row: readonly string[], cell: string): string | undefined => {
    const cellOf = (i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
    const name = nameColumns.full !== undefined ? cellOf(nameColumns.full) : [cellOf(nameColumns.first), cellOf(nameColumns.last)].filter(Boolean).join(' ');
    return name || displayNameOf(cell);
  };
  if (column < 0) {
    rows.forEach((row, i) => {
      if (row.some((cell) => cell.trim() !== '')) result.invalid.push({ line: i + 1, value: row.join(', ').trim() });
    });
    return result;
  }
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (hasHeader && i === 0) return;
    if (row.every((cell) => cell.trim() === '')) return; // a blank line says nothing
    const cell = row[column] ?? '';
    const address = addressOf(cell);
    if (!ADDRESS.test(address)) {
      result.invalid.push({ line: i + 1, value: cell.trim() });
      return;
    }
    const key = address.toLowerCase();
    if (seen.has(key)) {
      result.duplicates++;
      return;
    }
    seen.add(key);
    result.emails.push(address);
    const name = nameIn(row, cell);
    if (name) result.names.push({ email: address, name: name.slice(0, 200) });
  });
  return result;
}

/** Parses a CSV file's text (papaparse loaded on demand) and reads its address column. */
export async function readEmailCsv(text: string): Promise<EmailImport> {
  const { default: Papa } = await import('papaparse');
  const clean = text.replace(/^\uFEFF/, '');
  // The delimiter is guessed without blank lines (they throw papaparse's guess off: French Excel
  // writes `;`); the file is then read with them, so a bad line is reported by its real number.
  const { delimiter } = Papa.parse<string[]>(clean, { preview: 20, skipEmptyLines: 'greedy' }).meta;
  const parsed = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });
  return emailsFromRows(parsed.data);
}

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab/CR that some strip before
 * looking) is prefixed with a quote: an exported vendor message must stay text (CSV injection).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The separator a spreadsheet of that language expects: Excel set up for French reads `;` (its
 * decimal mark is the comma) and shows a comma-separated file in one column.
 */
export function csvDelimiter(locale: Locale): ',' | ';' {
  return locale === 'fr' ? ';' : ',';
}

/** Rows (the first one a header) as CSV text, every cell neutralised. */
export async function toCsv(rows: readonly (readonly string[])[], delimiter: ',' | ';' = ','): Promise<string> {
  const { default: Papa } = await import('papaparse');
  return Papa.unparse(rows.map((row) => row.map(neutraliseCell)), { newline: '\r\n', delimiter });
}

/** Saves text as a file through a temporary link: the panel has no downloads permission. */
export function downloadCsv(filename: string, text: string, doc: Document = document): void {
  // The BOM makes spreadsheet programs read the file as UTF-8 (accents in names and reasons).
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoked later: Chrome reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
